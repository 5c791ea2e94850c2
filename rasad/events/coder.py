"""PLOVER event coding from trigger phrases, clause frames and quotes.

A trigger (rasad.events.triggers, matched on folded text) opens a clause; its frame says which
participants are the actor (`source`) and which the recipient (`target`). Clauses under plan,
condition, negation, fear or background markers are not events, and a verbal noun after
"منذ / قبل / بعد هزيمة" is background. Several clauses describing one meeting (shared
participants, or a clause that only refers back: اللقاء، خلال الزيارة، تم استقبال) become one
event. Direct quotes add the speaker's own requests, support and agreements ("على المجتمع
الدولي أن…", "نقدم الشكر للرئيس…", "سنتعاون مع واشنطن"), placed and dated with the meeting at
which they were said.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from rasad.analyse import lexicon as lx
from rasad.analyse.ner.titles import TITLE_WORDS
from rasad.events.triggers import (ACCUSED_OF, AGE_BEFORE, AIM_VERBS, ARRIVE_AT_STAGE, ARRIVE_AT_TERMS,
                                   ATTRIBUTION_BEFORE, BOMBSHELL, CALL_TO_MEDIA, DANGER_WARNED, DAWN_OF, DECISIVE_BEFORE,
                                   DECLINED_COMMENT, FACILITY_VISITED, SNATCHED_WIN, INTERCEPTED, INTERVIEWED_BY, MAY, MOURNED,
                                   NOT_BACKGROUND_NOUN, NOT_EVENT, NOT_TRIGGER_WORDS, PLANNED_CLAUSE, PLUPERFECT,
                                   PLUPERFECT_VERB,
                                   PREPOSITION_BEFORE, PROHIBITED, REFERS_BACK, REFERS_BACK_RE, SEARCHED_FOR, SPORTS,
                                   STUDENT, VERBAL_ATTACK, VERDICT, VIOLENCE, WARN_VERBS, WELL_WISHERS, Trigger,
                                   lookup, told_to, trigger_regex)
from rasad.events.quotes import MEDIA_HEADS
from rasad.model import Article, Event, Mention, Quote, Span
from rasad.normalize import fold, fold_key

ACTOR_LABELS = ("PER", "ORG")
FUTURE_PREFIX = re.compile(r"^(?:[وف])?س(?:ي|ت|ن|ا)")
OFFICE_BEFORE = re.compile(r"(?:^|\s)(?:[وف]?[بل]?(?:ال)?(?:سكرتير|سفير|رئيس|وزير|نائب|مدير|مستشار|عضو|ممثل|محافظ|وكيل|"
                           r"مندوب|قائد|أمين|امين|متحدث|المتحدث|ناطق|الناطق|مسؤول|المسؤول|مساعد|مشرف|المشرف|"
                           # and those who work for it: "رفض موظف بشركة الخطوط السعودية"
                           r"موظف|عامل|عمال|ضابط|باحث|أستاذ|استاذ|لاعب|مدرب|مهندس)\S*)"
                           # (further with في: "المشرف الإداري في إدارة المشروعات في جامعة جازان")
                           r"(?:(?:\s+\S+){0,3}\s+(?:في|لدى|باسم|ب|لـ|لل|ل)?|(?:\s+\S+){4,6}\s+في)\s*$")
BETWEEN = re.compile(r"(?:^|\s)بين\s")
# "دبي، الإمارات العربية المتحدة (CNN)--", "الرياض - واس:": where the reporter is, not the event
DATELINE = re.compile(r"^\s*[^\n]{0,80}?(?:\([^()\n]{1,30}\)\s*[-–—]+|\s[-–—]\s*[^\s\n]{1,12}(?:\s[^\s\n]{1,6}){0,2}\s*:)")
TO_RE = re.compile(r"(?:^|\s)(?:إلى|الى|إلي|الي)\s")
VERBAL_ATTACK_TRIGGER = Trigger("ACCUSE", None, "subject", noun=True)
VERBAL_ATTACK_VERB_TRIGGER = Trigger("ACCUSE", None, "subject", noun=False)   # "هاجمت X Y": Y is its object
REACHED_TERMS_TRIGGER = Trigger("AGREE", None, "subject")


@dataclass
class Clause:
    trigger: Trigger
    trigger_span: Span
    sentence: Span
    sources: list[Mention] = field(default_factory=list)
    targets: list[Mention] = field(default_factory=list)
    place: Mention | None = None
    confidence: float = 0.6
    tentative: bool = False        # planned/expected: may join an event, never starts one
    implicit_subject: bool = False  # "بحثا خلاله…": the actor is whoever the story is about
    joint: bool = False            # "والتقى الوزيران …": the two sides of the meeting told before


def code_events(article: Article, resolve_date=None) -> list[Event]:
    """Events of the article, each with entity ids, date, place, evidence and confidence.

    `resolve_date(span) -> date | None` resolves a date expression against the article's date."""
    skip_until = _dateline_end(article)
    quoted = [(q.span.start, q.span.end) for q in article.quotes if q.direct]
    # a sports story: its "reached" and "met" are the ball's and the teams', its agreements and
    # refusals a club's and a coach's (its attacks, arrests and protests may be real: "روسيا
    # تضرب خلايا داعشية بمدينتين تستضيفان المونديال")
    sports_story = len(SPORTS.findall(article.normalized.text)) >= SPORTS_STORY_WORDS
    clauses = [c for sent in article.sentences if not article.is_removed(sent.start)
               for c in _clauses(article, sent, skip_until, quoted, sports_story)
               if c.trigger.noun or not _question(article, sent)]   # a question presupposes its nouns only
    events: list[Event] = []
    unnamed_doer_in = None      # the sentence where a verb's subject was an unnamed noun
    for c in clauses:
        if c.trigger.type != "CONSULT" and not c.sources:
            _joint_subject(article, c, events)
        # the subject of "تلقى اتصالا" is the one called: the recipient
        subject_side = "targets" if c.trigger.frame == "receive" else "sources"
        if c.implicit_subject and not getattr(c, subject_side) and unnamed_doer_in != c.sentence.start:
            # ("وقتل منفذ الهجوم شخصا … ثم أطلق النار": the same unnamed doer, not the protagonist)
            protagonist = _protagonist(article, events)
            verb = fold(article.text[c.trigger_span.start:c.trigger_span.end]).split()[0]
            if protagonist is not None and not (protagonist.label == "PER" and verb.endswith("وا")):
                setattr(c, subject_side, [protagonist])     # ("ودعوا": they, not the one person)
        if c.trigger.frame == "subject" and not c.trigger.noun and not c.sources and not c.implicit_subject \
                and _noun_after(article.text, c.trigger_span):
            unnamed_doer_in = c.sentence.start
        when, how = _clause_date(article, c.sentence, resolve_date)
        candidates = [e for e in reversed(events) if e.type == c.trigger.type
                      and _same_event(article, e, c, when if how == "text" else None)]
        if c.tentative:
            # a planned meeting joins the one happening today, if any
            candidates.sort(key=lambda e: e.date != article.published)
        if candidates:
            _merge(article, candidates[0], c)
            continue
        if c.tentative or not (c.sources or c.targets):
            continue
        if c.trigger.type == "CONSULT" and not _has_actor(c):
            continue
        if c.trigger.type == "CONSULT" and not c.targets and len(c.sources) < 2 and \
                fold(article.text[c.trigger_span.start:c.trigger_span.end]).split()[-1].lstrip("وف") in DISCUSS_VERBS:
            continue    # "واستعرض X هاتف آيفون": one side going over a topic is no consultation
        ev = Event(type=c.trigger.type, mode=c.trigger.mode,
                   evidence=Span(c.sentence.start, c.sentence.end, "EVIDENCE"),
                   trigger=c.trigger_span, confidence=c.confidence)
        ev.date, ev.date_how = when, how
        _merge(article, ev, c)
        if ev.source or ev.target:
            events.append(ev)
    _delegation_members(article, events)
    _title_place(article, events)
    events += _quote_events(article, events)
    return events


JOINT_AFTER_VERB = re.compile(r"\s+(?:الجانبان|الطرفان|الوزيران|الرئيسان|الزعيمان|الوفدان|المسؤولان)(?=\s|$|[،,.])")
JOINT_SUBJECT = re.compile(r"(?:^|\s)[وف]?(?:اللقاء|الاجتماع|المباحثات|المحادثات|الجانبان|الطرفان|الجانبين|"
                           r"الطرفين|البلدان|الزعيمان|الوزيران|الرئيسان)(?:\s|$)")


def _noun_after(text: str, trig: Span) -> bool:
    """The verb is followed by a noun, its subject ("قتل منفذ الهجوم"), not by a preposition or
    a particle ("أشاد بما قدمه")."""
    from rasad.analyse.names import function_word
    word = re.match(r"\s+([\u0621-\u064a]+)", text[trig.end:trig.end + 40])
    return word is not None and not function_word(fold(word.group(1))) and not fold(word.group(1)).startswith(("ب", "ل"))


def _joint_subject(article: Article, c: Clause, events: list[Event]) -> None:
    """"كما تطرّق اللقاء إلى … ومساندة المساعي …", "وأكد الجانبان …": what the meeting or its
    two sides say or do is done by the meeting's participants, where it took place."""
    text = article.text
    if not JOINT_SUBJECT.search(fold(text[c.sentence.start:c.trigger_span.start])):
        return
    meeting = next((e for e in reversed(events) if e.type == "CONSULT"), None)
    if meeting is None:
        return
    taken = {article.entity_id_of(t) for t in c.targets}
    ents = [article.entity(i) for i in meeting.source + meeting.target if i not in taken]
    c.sources = [e.mentions[0] for e in ents if e is not None and e.mentions]
    if c.place is None and meeting.location:
        place = article.entity(meeting.location)
        if place is not None and place.mentions:
            c.place = place.mentions[0]


def _has_actor(c: Clause) -> bool:
    return any(m.label in ACTOR_LABELS for m in c.sources + c.targets)


def _question(article: Article, sent: Span) -> bool:
    """Questions ask, they do not report: "هل …؟"."""
    s = article.text[sent.start:sent.end].strip()
    return s.endswith(("?", "؟")) or bool(re.match(r"^[\W_]*هل\s", s))


def _dateline_end(article: Article) -> int:
    """End offset of a dateline at the start of the body, or 0."""
    body = article.body_spans()
    if not body:
        return 0
    start = body[0][0]
    m = DATELINE.match(article.text, start, min(body[0][1], start + 140))
    return m.end() if m else 0


MARKET_CLOSE = re.compile(r"\s+(?:\S+\s+)?(?:المؤشر|مؤشر|الاسهم|اسهم|الاسواق|السوق|البورصه|بورصه|سهم|"
                          r"التداولات|تداولات|علي\s+ارتفاع|علي\s+انخفاض|مرتفعا|منخفضا|«|"
                          r"ملف|الملف|باب|الباب\s+امام|صفحه|الصفحه)")    # (and "أغلقت ملف اللاعب": figurative)


SPORTS_STORY_WORDS = 6     # sports words in a story that make it a match report


def _clauses(article: Article, sent: Span, skip_until: int = 0,
             quoted: list[tuple[int, int]] = (), sports_story: bool = False) -> list[Clause]:
    norm = article.normalized
    regex, table = trigger_regex()
    fs, fe = norm.to_folded(max(sent.start, skip_until)), norm.to_folded(sent.end)
    folded = norm.text
    out: list[Clause] = []
    seen_types: dict[str, int] = {}
    sports = None       # whether the sentence is about a match, read once and only if a trigger is found
    for m in regex.finditer(folded, fs, fe):
        trig = lookup(m.group(1))
        if trig is None or m.group(0).strip() in NOT_TRIGGER_WORDS:
            continue
        if m.group(1) == "قاطع" and DECISIVE_BEFORE.search(folded, max(fs, m.start() - 15), m.start()):
            continue    # "دليل قاطع": decisive, no boycott
        if _inside_short_marks(folded, m.start(1), m.end(1)):
            continue    # 'زاويته الشهيرة «لقاء»': the name of a column, no meeting
        start, end = norm.span_to_original(m.start(1), m.end(1))
        phrase_end, gap = end, None
        if trig.words_after_gap:
            # a phrase with a gap: its first word is the trigger, what stands in the gap is its subject
            words = list(re.finditer(r"\S+", m.group(1)))
            start, end = norm.span_to_original(m.start(1), m.start(1) + words[0].end())
            gap = Span(end, norm.to_original(m.start(1) + words[-trig.words_after_gap].start()), "GAP")
        if any(a <= start < b for a, b in quoted):
            continue   # what a speaker says happened is coded from the quote itself, if at all
        word_from = norm.to_original(m.start())
        if any(n.label == "PER" and n.start <= word_from and end <= n.end for n in article.mentions):
            continue   # "الأمير فيصل بن بندر": ف + يصل inside a person's name is no arrival
        word_start = m.start()
        before = folded[max(fs, word_start - 50):word_start]
        clause_before = re.split(r"[.،,:؛!?؟]", folded[max(fs, word_start - 90):word_start])[-1]
        tentative = bool(NOT_EVENT.search(before)) or (bool(MAY.search(before)) and m.group(1)[:1] in "يتن") \
            or bool(PLANNED_CLAUSE.search(clause_before)) or bool(PLUPERFECT.search(clause_before)) \
            or not trig.noun and bool(PLUPERFECT_VERB.search(clause_before)) \
            or bool(PROHIBITED.search(folded[max(fs, word_start - 120):word_start]))
        if FUTURE_PREFIX.match(m.group(0)) and fold(m.group(1)) not in table:
            tentative = True
        if trig.noun and POSSIBLE_AFTER.match(folded, m.end(1), fe):
            tentative = True    # "لإحباط هجمات محتملة": attacks that may come
        if trig.noun and trig.type != "REQUEST" and REQUESTED_BEFORE.search(clause_before) \
                and (m.group(0).strip()[:1] == "ب" or re.search(r"(?:^|\s)(?:الي|الى)\s*$", before)):
            tentative = True    # "وطالبت الرابطة اللجنة الدولية بزيارة السجون": a visit asked for
        if trig.noun and AGREED_TO.search(before):
            tentative = True    # "وافق على زيارة موسكو", "قبل دعوة لزيارة": a visit agreed to, still to come
        if not trig.noun and PREPOSITION_BEFORE.search(before):
            continue
        if trig.type == "COERCE" and MARKET_CLOSE.match(folded, m.end(1)):
            continue    # "وأغلقت الأسهم القيادية على ارتفاع": a market closing, not a closure
        if m.group(1).endswith("طالب") and (STUDENT.match(folded, m.end(1), fe) or AGE_BEFORE.search(before)):
            continue    # "كروز، 19 عاما، طالب سابق": a student
        if trig.type != "ACCUSE" and ACCUSED_OF.search(clause_before):
            continue    # the charge, not a deed: "اتهمت X الحكومة بدعم الإرهاب ومساندة المتطرفين"
        if m.group(1).startswith("حكم") and not VERDICT.match(folded, m.end(1), fe):
            continue    # "حكم علي عبد الله صالح اليمن": Ali ruled; a verdict names its sentence
        if trig.mode == "phone" and CALL_TO_MEDIA.match(folded, m.end(1), fe):
            continue    # an interview by telephone
        if trig.frame == "host" and WELL_WISHERS.match(folded, m.end(1), fe):
            continue    # condolences or congratulations received
        if m.group(1) in ("فجر", "وفجر", "فجرت", "وفجرت") and (DAWN_OF.match(folded, m.end(1), fe)
                                                           or BOMBSHELL.match(folded, m.end(1), fe)):
            continue    # "فجر الخميس": at dawn; "فجر مفاجأة", "فجرت موجة غضب": figurative
        if trig.type == "ASSAULT" and m.group(1).lstrip("وف") in AIM_VERBS and not VIOLENCE.search(folded, fs, fe):
            continue    # "برنامج يستهدف المجتمعات التعليمية": aims at, no attack
        if trig.type == "THREATEN" and re.sub(r"^[وف]", "", m.group(1)) in WARN_VERBS \
                and DANGER_WARNED.match(folded, m.end(1), fe):
            continue    # "حذرت المنظمة من وجود ثغرات": a warning of a danger, no threat
        if trig.mode == "visit" and trig.frame == "subject" and FACILITY_VISITED.match(folded, m.end(1), fe):
            continue    # "تشرفت بزيارة معرض", "زار الوزير مصنعا": a tour, no meeting
        if trig.type == "ASSAULT" and m.group(1).lstrip("وف").startswith(("خطف", "اختطف")) \
                and SNATCHED_WIN.match(folded, m.end(1), fe):
            continue    # "خطف شالكة فوزاً": a win snatched
        if trig.type == "REJECT" and DECLINED_COMMENT.match(folded, m.end(1), fe):
            continue    # "رفضت المتحدثة الخوض في التفاصيل": no comment, no rejection
        if trig.type == "REJECT" and INTERCEPTED.match(folded, m.end(1), fe):
            continue    # "اعترض الدفاع الجوي 4 صواريخ": an interception, no objection
        if trig.frame == "arrive" and ARRIVE_AT_TERMS.match(folded, m.end(1), fe):
            trig = REACHED_TERMS_TRIGGER     # "وصلت الإدارة إلى اتفاق": an agreement
        elif trig.frame == "arrive" and ARRIVE_AT_STAGE.match(folded, m.end(1), fe):
            continue    # "وصلت الأسعار إلى مرحلة من المبالغة", "وصل عدد القتلى إلى 20"
        if m.group(1).lstrip("وف") in ATTACK_VERBS and _verbal_attack(article, start, sent):
            trig = VERBAL_ATTACK_VERB_TRIGGER     # "هاجم ترامب مكتب التحقيقات": a person's words
        if trig.type == "ASSAULT" and VERBAL_ATTACK.match(folded, m.end(1), fe):
            trig = VERBAL_ATTACK_TRIGGER     # "شن هجوما حادا على الرئيس": words, not arms
        if trig.type == "CONSULT" and SEARCHED_FOR.match(folded, m.end(1), fe) and "بحث" in m.group(1):
            continue    # "تبحث عن شيء": searching, not talks
        if sports is None:
            sports = bool(SPORTS.search(folded, fs, fe))
        if sports or sports_story and trig.type not in ("ASSAULT", "COERCE", "PROTEST"):
            continue    # "ويلتقي ريال مدريد في النهائي": a match; clubs warning clubs of a transfer
        if trig.noun and NOT_BACKGROUND_NOUN.search(before):
            continue
        if trig.type in seen_types and trig.frame != "passive" and start - seen_types[trig.type] < (15 if trig.noun else 60):
            continue   # one clause, one event of a type; a later clause may tell another
        clause = _fill(article, sent, Span(start, end, "TRIGGER"), trig, skip_until, gap=gap, phrase_end=phrase_end,
                       quoted=quoted)
        if trig.mode == "visit" and trig.frame == "subject" and not trig.noun and clause.sources \
                and clause.sources[-1].start > end \
                and _tours(folded, norm.to_folded(clause.sources[-1].end), fe):
            continue    # "وزار وزير الصناعة X مصنع أرامكو", "زار الأمير X أمير منطقة عسير المصابين": a tour
        if trig.type == "CONSULT" and not trig.noun and JOINT_AFTER_VERB.match(folded, m.end(1), fe):
            clause.joint, clause.sources, clause.targets = True, [], []    # "والتقى الوزيران في فندق"
        clause.tentative = tentative
        if tentative:
            clause.confidence = 0.3
        seen_types[trig.type] = phrase_end
        out.append(clause)
    return out


AGREED_TO = re.compile(r"(?:^|\s)[وف]?(?:وافق|وافقت|وافقوا|يوافق|توافق|قبل|قبلت)\s+(?:علي\s+|دعوه\s+(?:ل|الي\s+))?$")
# a request before a verbal noun with ب/إلى: what is asked for ("وطالبت الرابطة اللجنة بزيارة السجون")
REQUESTED_BEFORE = re.compile(r"(?:^|\s)[وف]?(?:طالب|طالبت|طالبوا|يطالب|تطالب|دعا|دعت|دعوا|يدعو|تدعو|ناشد|ناشدت|"
                              r"حث|حثت|يحث|تحث|اقترح|اقترحت)\s")
POSSIBLE_AFTER = re.compile(r"[\s\"'«»“”]*(?:محتمل|محتمله|محتملا|محتملين|محتملون|مرتقب|مرتقبه|مرتقبا|مزعوم|مزعومه|"
                            r"مقترح|مقترحه|مفترض|مفترضه)(?=[\s\"'«»“”.،,]|$)")


def _tours(folded: str, at: int, end: int) -> bool:
    """A place toured or people visited in hospital right after the visitor, his office between."""
    for _ in range(5):
        if FACILITY_VISITED.match(folded, at, end):
            return True
        nxt = re.compile(r"\s+[^\s.،,:؛]+").match(folded, at, end)
        if nxt is None:
            return False
        at = nxt.end()
    return False


VENUE_BEFORE = re.compile(r"(?:^|\s)(?:بمقر|مقر|بمبنى|مبنى|بقاعة|قاعة)\s+$")
CARRIED_BY_BEFORE = re.compile(r"(?:نشرته|نشرتها|نشره|نشرها|أوردته|أوردتها|اوردته|اوردتها|بثته|بثتها|أجرته|أجرتها|"
                               r"اجرته|اجرتها)\s+(?:\S+\s+)?$")
SPEECH_BEFORE_QUOTE = re.compile(r"(?:قائلا|قائلة|قائلاً|مضيفا|مضيفاً|مضيفة|مؤكدا|مؤكداً|قال|قالت|وقال|وقالت|"
                                 r"أضاف|وأضاف|أضافت|وأضافت|:)\s*[\"«“]?\s*$")


def _inside_short_marks(text: str, start: int, end: int) -> bool:
    """The words start:end fill a pair of quote marks of at most three words ('«لقاء»')."""
    opening = re.search(r"[«\"“]\s*(?:\S+\s+){0,2}$", text[max(0, start - 30):start])
    closing = re.match(r"(?:\s+\S+){0,2}\s*[»\"”]", text[end:end + 30])
    return bool(opening and closing) and len(text[start - len(opening.group(0)) + 1:end + len(closing.group(0)) - 1].split()) <= 3


def _actors(article: Article, sent: Span, skip_until: int = 0,
            quoted: list[tuple[int, int]] = ()) -> tuple[list[Mention], list[Mention]]:
    """(mentions in the sentence, those that can act): people, organisations and countries —
    not an organisation named inside someone's office, nor a source of information, nor the
    venue ("استقبل الوزير X بمقر سفارة خادم الحرمين Y"), nor the medium that carried the words
    ("في حوار، نشرته جريدة الشاهد"), nor a name inside a statement quoted after its cue."""
    text = article.text
    mentions = [m for m in article.mentions if max(sent.start, skip_until) <= m.start and m.end <= sent.end]
    spoken = [(a, b) for a, b in quoted if SPEECH_BEFORE_QUOTE.search(text, max(0, a - 20), a)]
    # (a nationality or a place inside a person's title is his office's: "برئيس الحكومة الإيطالي X")
    titles = [(m.attrs["title"].start, m.attrs["title"].end) for m in mentions
              if m.label == "PER" and m.attrs.get("title") is not None]
    actors = [m for m in mentions if (m.label in ACTOR_LABELS and not _affiliation(text, m, sent)
                                      and not _attribution(text, m, sent) and not _mourned(text, m, sent))
              or (m.label == "LOC" and m.attrs.get("kind") == "country" and not m.attrs.get("demonym_of")
                  and not _in_title(text, m, mentions) and not _located(text, m))
              or _national_actor(text, m) or _capital_actor(text, m)]
    return mentions, [m for m in actors if not VENUE_BEFORE.search(text, max(0, m.start - 12), m.start)
                      and not CARRIED_BY_BEFORE.search(text, max(0, m.start - 25), m.start)
                      # ("قوات الأسد، المدعومة من روسيا وإيران، إنها تستهدف": who backs the subject)
                      and not BACKED_BY.search(fold(text[max(sent.start, m.start - 30):m.start]))
                      and not any(BACKED_BY.search(fold(text[max(sent.start, o.start - 30):o.start]))
                                  and re.fullmatch(r"\s*و\s*", text[o.end:m.start]) for o in mentions)
                      and not any(a <= m.start < b for a, b in spoken)
                      and not (m.label in ("LOC", "MISC") and any(a <= m.start and m.end <= b for a, b in titles))]


def _capital_actor(text: str, m: Mention) -> bool:
    """"وحذرت واشنطن طهران": a capital named without a preposition before it stands for its
    government; "في موسكو", "بدمشق" are places."""
    if m.label != "LOC" or fold_key(text[m.start:m.end]) not in lx.CAPITALS:
        return False
    before = text[max(0, m.start - 12):m.start]
    if re.search(r"(?:^|\s)[وف]?(?:في|إلى|الى|من|عن|على|نحو|قرب|داخل|خارج|حول|عاصمة|العاصمة|مدينة)\s*$|[بلك]$",
                 before):
        return False
    if OFFICE_OF.search(text[max(0, m.start - 16):m.start]):
        return False    # "وزير خارجية الدوحة": the capital is in someone's office
    # "زار الرئيس X دمشق": the city visited is a place
    clause = re.split(r"[.،,:؛]", fold(text[max(0, m.start - 80):m.start]))[-1]
    return not VISIT_VERB.search(clause)


OFFICE_OF = re.compile(r"(?:^|\s)[وف]?(?:وزير|وزيرة|سفير|سفيرة|رئيس|رئيسة|أمير|امير|ملك|حاكم|عهد|خارجية|خارجيه|"
                       r"داخلية|داخليه|دفاع|حكومة|حكومه|مندوب|قنصل|محافظ|عمدة|عمده)\s+$")
VISIT_VERB = re.compile(r"(?:^|\s)[وف]?(?:زار|زارت|يزور|تزور|زارا|زاروا|غادر|غادرت|يغادر|تغادر)(?:\s|$)")


FORCE_NOUNS = {fold(w) for w in ("الطائرات طائرات الطيران المقاتلات مقاتلات القوات قوات الجيش جيش الجنود جنود "
                                 "جنديا جنديين الشرطة شرطة البحرية السلطات الحكومة المتظاهرون المتظاهرين "
                                 "المحتجون المحتجين آلاف الاف مئات عشرات الزوارق البوارج الدبابات المدفعية "
                                 "مسلحون المسلحون الجو الجوي الجوية النظام نظام").split()}
# (سلاح الجو الإسرائيلي; النظام الإيراني: the regime is its state)


ATTACK_VERBS = {"هاجم", "هاجمت", "يهاجم", "تهاجم"}
ARMED = re.compile(r"(?:مسلح|مسلحون|مسلحين|بالصواريخ|صاروخ|بقذائف|طائرات|طايرات|مقاتلات|بالرصاص|انتحاري|دبابات|"
                   r"مدفعيه|عبوه|بالاسلحه|قوات|القوات|الجيش|جيش|عناصر|مليشيا|ميليشيا|تنظيم|داعش)")


def _verbal_attack(article: Article, start: int, sent: Span) -> bool:
    """"هاجم" of a person on a person or body, with no arms or forces in the sentence: words."""
    text = article.text
    near = [m for m in article.mentions if sent.start <= m.start < sent.end and abs(m.start - start) < 60
            and m.label in ("PER", "ORG")]
    if not any(m.label == "PER" for m in near):
        return False
    return not ARMED.search(fold(text[sent.start:sent.end]))


POSSESSED_MASDAR = re.compile(r"^[وف]?م\S{3,}(?:ته|تها|تهم|تهما)$")     # مساندته، مشاركتها
# "وقتل الحساني في غارة": was killed (the passive, unvocalised), a victim and no killer
KILLED_IN = re.compile(r"\s+(?:[^\s.،,]+[،,]?\s+){0,5}?(?:في\s+(?:ال)?(?:غاره|غارات|هجوم|قصف|انفجار|تفجير|معارك|معركه|"
                       r"اشتباكات|اشتباك|مواجهات|جبهه|حادث|كمين|عمليه|عمليات|هجمات)|جراء|اثر|برصاص|بنيران|بقصف|بغاره)(?=\s|$)")
# "هاجم مسلحون من داعش": the militants' group after the unnamed subject
MEMBERS_OF = re.compile(r"(?:^|\s)(?:من|تابعون\s+ل|تابعين\s+ل|ينتمون\s+(?:إلى|الى|ل)|ينتمون\s+لـ?)\s*(?:تنظيم\s+|جماعة\s+|حركة\s+|ميليشيا\s+|ميليشيات\s+)?$")
# where the circumstance of a killing starts, in the original text: the victim is named before it
KILL_MARKER = re.compile(r"\s(?:في|جراء|إثر|اثر|برصاص|بنيران|بقصف|بغارة|بغاره)\s")
ATTEMPT_BEFORE = re.compile(r"(?:^|\s)(?:محاوله|محاولات|عمليه|جريمه|جرايم|حادثه|حادث|ب|ل)\s*$")
NUMBER_WORDS = r"اثنان|اثنين|ثلاثه|اربعه|خمسه|سته|سبعه|ثمانيه|تسعه|عشره"     # (folded)
COUNT_BEFORE = re.compile(r"(?:^|\s)(?:[\d٠-٩]+|" + NUMBER_WORDS + r"|عشرات|مئات|"
                          r"ثلاث|اربع|خمس|ست|سبع|ثماني|تسع|عشر)\s+(?:[^\s.،,]+\s+){0,2}$")
RESUMPTIVE_NEXT = re.compile(r"\s+(?:في|ب|عن|من|ل|علي|الي|مع)(?:ها|ه|هم|هما)(?:\s|$)")
ATTACK_NOUN_SUBJECT = re.compile(r"(?:^|\s)(?:(?:قصف|غاره|غارات|هجوم|هجمات|انفجار|تفجير|صاروخ|قذيفه|قذائف)"
                                 r"(?:\s+[^\s.،,]+)?|"
                                 # "بشهادة منظمات دولية زارت المحافظة": an indefinite noun and its nisba
                                 # adjective, the verb's own subject
                                 r"(?!ال)[\u0621-\u064a]{3,}\s+(?!ال)[\u0621-\u064a]{2,}(?:يه|يون|يين))\s+$")
COUNT_AFTER = re.compile(r"\s+(?:" + NUMBER_WORDS + r"|اثنتان|اثنتين|اخرون|اخرين)\s+")
KILL_VERBS = {"قتل", "قتلت", "قتلوا", "قتلا"}
# verbs written alike in the passive, read so before في: "واعتقل في أيلول", "استهدفت في شمال العراق"
PASSIVE_PRONE = {"اعتقل", "اعتقلت", "اعتقلوا", "احتجز", "احتجزت", "اختطف", "اختطفت", "خطف", "خطفت", "استهدف",
                 "استهدفت", "اغتيل", "اصيب", "اصيبت", "اصيبوا", "جرح", "جرحت"}
# verbs whose object is a topic; a participant comes with مع
DISCUSS_VERBS = {"ناقش", "ناقشت", "يناقش", "تناقش", "بحث", "بحثت", "يبحث", "تبحث", "بحثا", "استعرض", "استعرضت"}
DEEDS = {"ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "AID", "CONSULT", "SANCTION", "COOPERATE", "PROTEST"}
MEDIA_WORDS = {fold(w) for w in ("وكالة صحيفة قناة موقع إذاعة تلفزيون جريدة مجلة شبكة رويترز سانا واس وفا إرنا "
                                 "سبوتنيك الأناضول فرانس نيويورك واشنطن وول الغارديان التايمز").split()}
PREPOSITION_GLUED = re.compile(r"(?:^|\s)(?:[وف]?(?:في|من|الى|إلى|على|علي|عن|نحو|حول|قرب|داخل|خارج|لدى|لدي|ضد|عبر|"
                               r"بين|مع|منذ)\s+#?|[وف]?[بلك]ـ?#?)$")


def _reported_clause(text: str, a: int, b: int) -> bool:
    """Between a name and a verb, a complementizer whose clause names its own subject: "قال
    المركز إن اشتباكات دارت" (but "أكد X أن بلاده ترفض", "أنه يرفض": the speaker's own)."""
    hit = THAT_OWN_SUBJECT.search(fold(text[a:b]))
    return bool(hit)


THAT_OWN_SUBJECT = re.compile(r"(?:^|\s)(?:ان|بان)\s+(?:(?!(?:بلاده|بلادها|حكومته|حكومتها|دولته|دولتها|الجانبين|الطرفين)"
                              r"(?:\s|$))[^\s.،,]+|$)")


def _speaker_of_clause(text: str, sent: Span, trig: Span, actors: list[Mention]) -> Mention | None:
    """The subject of the last speech verb before `trig` in its sentence: "أعلن الجيش الإسرائيلي
    … أنه استهدف" is the army's, whoever else the sentence names before ("عقب إعلان ترامب …")."""
    cues = [w for w in re.finditer(r"[\u0621-\u064a]+", text[sent.start:trig.start])
            if fold(w.group()).lstrip("وف") in lx.SPEECH_VERBS or fold(w.group()).lstrip("وف") in lx.LEDE_VERBS]
    if not cues:
        return None
    cue_end = sent.start + cues[-1].end()
    return next((m for m in actors if cue_end <= m.start and m.end <= trig.start and m.start - cue_end < 40), None)


SPEAKER_PRONOUN_BEFORE = re.compile(r"(?:^|\s)(?:انه|انها|بانه|بانها|وانه|وانها)\s+$")


def _after_preposition(text: str, m: Mention) -> bool:
    before = text[max(0, m.start - 24):m.start]
    # (a medium's head noun may stand between: "مقالات رأي في صحيفة واشنطن بوست، ينتقد فيها")
    medium = re.search(r"(?<=\s)([\u0621-\u064a]+)\s+$", before)
    if medium is not None and fold(medium.group(1)) in MEDIA_HEADS:
        before = before[:medium.start()]
    return bool(PREPOSITION_GLUED.search(before[-8:]))


def _medium(text: str, m: Mention) -> bool:
    """A news organisation: "وكالة الأنباء السورية", "نيويورك تايمز", "رويترز"."""
    words = fold(text[m.start:m.end]).split()
    return m.label == "ORG" and bool(words) and (words[0] in MEDIA_WORDS or fold(text[m.start:m.end]) in MEDIA_WORDS)


def _located(text: str, m: Mention) -> bool:
    """"وفي عمان أغلقت السيارات الطرق": a country after في is where, not who."""
    return bool(re.search(r"(?:^|\s)[وف]?في\s+$", text[max(0, m.start - 6):m.start]))


def _national_actor(text: str, m: Mention) -> bool:
    """"الطائرات الإسرائيلية", "جنود أتراك", "آلاف السودانيين": a nationality word after a force
    or crowd noun acts for its country (people-plural demonyms on their own too)."""
    if m.label != "MISC" or not m.attrs.get("demonym_of"):
        return False
    prev = re.findall(r"[\u0621-\u064a]+", text[max(0, m.start - 25):m.start])
    word = fold(prev[-1]) if prev else ""
    if word in FORCE_NOUNS or re.sub(r"^(?:لل|بال)", "ال", word) in FORCE_NOUNS:
        return True     # ("للنظام الإيراني", "بالقوات الروسية": with a preposition glued on)
    return fold(text[m.start:m.end]).endswith(("يين", "يون"))


def _titled_before(text: str, pos: int) -> bool:
    """An office or title word just before `pos` ("أمير قطر"، "رئيس وزراء لبنان"، "سفير المملكة لدى
    لبنان")."""
    if OFFICE_BEFORE.search(text[max(0, pos - 50):pos]):
        return True     # "وسفير المملكة لدى لبنان X"
    words = re.findall(r"[\u0621-\u064a]+", text[max(0, pos - 30):pos])[-2:]
    return any(fold(w).lstrip("وف") in TITLE_WORDS or re.sub(r"^[وف]?[بل]", "", fold(w)) in TITLE_WORDS or re.match(r"[وف]?(?:ال)?(?:وزراء|وزير|سفير|سفيره|سفارة|"
                                                              r"رئيس|رئيسة|حكومة|عهد|ملك|أمير|امير|حاكم|نائب)", w)
               for w in words)


ACCREDITED_TO = re.compile(r"(?:^|\s)[وفبل]*(?:ال)?(?:سفير|سفيرة|سفراء|قنصل|مندوب|مندوبة|ممثل|ممثلة)\S*(?:\s+\S+){0,3}\s+لدى\s+$")


def _in_title(text: str, m: Mention, mentions: list[Mention]) -> bool:
    """"أمير قطر الشيخ تميم", "سفير دولة طاجيكستان في الكويت": a country inside someone's title."""
    if ACCREDITED_TO.search(text[max(0, m.start - 50):m.start]):
        return True     # "اجتمع بالسفير السعودي لدى بريطانيا": where the envoy serves, however unnamed
    nxt = next((o for o in mentions if o.start >= m.end and o.label == "PER"), None)
    if nxt is not None and nxt.start - m.end < 30 and not re.search(r"[،,.:؛]|\sو", text[m.end:nxt.start]) \
            and _titled_before(text, m.start):
        return True     # (an office names it: "وتتهم تركيا برانسون" is the state and whom it accuses)
    prev = next((o for o in reversed(mentions) if o.end <= m.start and o.label == "PER"), None)
    return prev is not None and m.start - prev.end < 45 and not re.search(r"[،,.:؛]", text[prev.end:m.start]) \
        and bool(OFFICE_BEFORE.search(text[prev.end:m.start] + " ") or re.search(
            r"(?:سفير|وزير|رئيس|مندوب|ممثل|قنصل)\S*\s", text[prev.end:m.start]))


def _attribution(text: str, m: Mention, sent: Span) -> bool:
    before = fold(text[max(sent.start, m.start - 60):m.start])
    return bool(ATTRIBUTION_BEFORE.search(before[-40:]) or INTERVIEWED_BY.search(before)) or told_to(text, m.start, glued=False) \
        or text[m.start - 1:m.start] == "ل" and (fold(text[m.start:m.end]).split() or [""])[0] in MEDIA_HEADS   # "، لوكالة …"


def _mourned(text: str, m: Mention, sent: Span) -> bool:
    """The person whose death, funeral or killing the clause is about ("في وفاة صاحب السمو
    الملكي الأمير X"): titles may stand between."""
    words = fold(text[max(sent.start, m.start - 80):m.start]).split()
    while words and words[-1] in lx.HONORIFICS | HONORIFIC_EXTRAS:
        words.pop()
    return bool(words) and bool(MOURNED.search(" " + words[-1] + " "))


HONORIFIC_EXTRAS = {fold(w) for w in "الملكي السمو الفقيد الفقيده".split()}


def _first_person(ms: list[Mention]) -> list[Mention]:
    """The first person of `ms`, else its first actor: a sentence's subject, as a list."""
    return next(([m] for m in ms if m.label == "PER"), ms[:1])


def _people_first(ms: list[Mention]) -> list[Mention]:
    """A side with people or organisations does not also need the countries named around them."""
    named = [m for m in ms if m.label in ACTOR_LABELS]
    return named if named else ms


LAUNCHED_BY = re.compile(r"\s*(?:\S+\s+)?(?:شنه|شنته|شنها|شنتها|شنوه|شنوها|نفذه|نفذته|نفذها|نفذتها|نفذوه|نفذوها|"
                         r"تبناه|تبنته|تبناها|تبنتها|قام\s+به|قامت\s+به|قام\s+بها|قامت\s+بها)\s")
DELEGATION_HEADED = re.compile(r"وفد\S*(?:\s+\S+){0,3}?\s+(?:برئاسة|برئاسه|يرأسه|يراسه|يترأسه|يتراسه|بقيادة|بقياده)\s")
ACCOMPANIED = re.compile(r"[\s،,]*و?(?:يرافقه|ترافقه|يرافقها|ترافقها|برفقة|برفقه|ويرافقه)(?:\s+[^\s.،,:؛]+){0,6}?\s+")
ANOTHER_EVENT_NOUN = re.compile(r"مع\s+(?:\S+\s+)?(?:زيارة|زيارات|لقاء|اجتماع|انعقاد|وصول)")
# "… اتصالا هاتفيا [أمس،] من Y": the caller, a word or two of time at most after the call
CALLER_FROM = re.compile(r"[\s،,]*(?:[^\s.،,:؛]+[\s،,]+){0,2}?من\s")
NEW_CLAUSE = re.compile(r"[،,]\s*و(?:س[يتن]|[يتن])[\u0621-\u064a]{2,}")
# "يهاجم مكتب التحقيقات بشأن التحقيق في تدخل روسيا": what it is about, not whom (folded)
ABOUT_IN_GAP = re.compile(r"(?:^|\s)(?:بشان|بخصوص|حول)\s")
# "احتجز رهائن، في حادث وصفته السلطات الفرنسية بأنه…": the subject of a verb that describes
# what was told (its object a pronoun), not the object of the verb before (folded words)
DESCRIBED_BY = re.compile(r"(?:^|\s)(?:وصف|اعتبر|سم|صنف|ادان|استنكر)(?:ت)?(?:ه|ها|ته|تها)\s*$")
WITH_WORD = re.compile(r"(?:^|\s)(?:مع|بـ|على|إلى|الى)\s")
PRONOUN_NEXT = re.compile(r"\s*(?:خلال\S*|مع\S*|في|فيه|فيها|على|عليه|إلى|الى|اليوم|أمس|امس|الاثنين|الإثنين|الثلاثاء|"
                          r"الأربعاء|الخميس|الجمعة|السبت|الأحد|،)(?:\s|$)")


def _not_the_object(text: str, verb_end: int, m: Mention) -> bool:
    """A name after a verb that its words mark as no object of it: what the subject is
    ("ذراع تنظيم القاعدة"), inside a relative clause, an audience ("أمام الكونغرس"), a neighbour
    ("المتاخمة لإسرائيل"), a backer ("المدعومة من إيران"), past a new clause, or a voice ("على لسان")."""
    gap = fold(text[verb_end:m.start])
    near = fold(text[max(verb_end, m.start - 30):m.start])
    return bool(AFFILIATE_BEFORE.search(fold(text[max(0, m.start - 12):m.start]))
                or DEEP_IN_RELATIVE.search(gap) or _object_of_relative(gap)
                or AUDIENCE_BEFORE.search(text[max(verb_end, m.start - 20):m.start])
                or NEIGHBOUR_BEFORE.search(near[-20:]) or BACKER_BEFORE.search(near)
                or NEW_CLAUSE.search(text, verb_end, m.start) or TONGUE_OF.search(gap)
                or DESCRIBED_BY.search(near) or ABOUT_IN_GAP.search(gap))


def _noun_object(text: str, trig: Span, after: list[Mention]) -> list[Mention]:
    """The object of an event noun ("غارات على X"): the next name, close and within its phrase —
    not after "في" (a place) nor past a comma ("هجوم مقنع على ترامب، انتقد ماكرون")."""
    return [m for m in after[:1] if m.start - trig.end < 30
            and not re.search(r"(?:^|\s)في\s*$|[،,؛]", text[trig.end:m.start])]


def _object_of_relative(gap: str) -> bool:
    """A name that is the object of a relative clause's own verb ("رفضت روسيا التي تدعم الحكومة
    السورية خطة …") — not one its verb's pronoun stands for ("المساعي التي يقوم بها X")."""
    hit = re.search(r"(?:^|\s)(?:الذي|التي|الذين)\s+(\S+)((?:\s+\S+)*)\s*$", gap)
    if hit is None or re.search(r"[،,]", hit.group(0)):
        return False
    verb, rest = hit.group(1), hit.group(2).split()
    from rasad.analyse.ner import demonym_country
    from rasad.analyse.ner.titles import title_before
    title = title_before([fold(w) for w in rest], len(rest), lambda w: demonym_country(w) is not None)
    if title is not None:
        rest = rest[:title]     # ("التي رافقت إعلان رئيس الوزراء اللبناني X": the name's title aside)
    resumptive = re.search(r"(?:ه|ها|هم|هما)$", verb) or any(
        w in ("به", "بها", "بهم", "عليه", "عليها", "اليه", "اليها", "له", "لها", "فيه", "فيها") for w in rest[:2])
    return not resumptive and len(rest) <= 2


def _past_its_phrase(text: str, a: int, b: int, prep_at_a: bool = False) -> bool:
    """A comma after the last preposition between a verbal noun and a name (or after the noun's
    own "مع") closes the noun's phrase: "في أعقاب محادثات مع الجانب الإيراني، استقبل الرئيس X"
    — X is not whom the talks were with."""
    preps = list(WITH_WORD.finditer(text, a, b))
    if not preps and not prep_at_a:
        return False
    phrase = text[preps[-1].end() if preps else a:b]
    cut = max(phrase.rfind("،"), phrase.rfind(","), phrase.rfind("؛"))
    if cut < 0:
        return False
    # ("مع وزير الخارجية، الوزير كريم ناصر": an apposition names him again)
    return not all(_titled_before(w + " ", len(w) + 1) for w in phrase[cut + 1:].split())


def _subject_unnamed_pronoun(text: str, trig: Span, sent: Span) -> bool:
    """"بحثا خلاله…", "لقاء جمعه أمس مع…": the verb carries its subject as a pronoun (what
    follows is a preposition or a date), so the actor is whom the story is about. A verb
    followed by a noun ("دعا هذا الميثاق…") has an unnamed subject of its own: no actor."""
    return bool(PRONOUN_NEXT.match(text, trig.end, sent.end)) or \
        fold(text[trig.start:trig.end]).endswith(("جمعه", "جمعها", "جمعهما"))


def _fill(article: Article, sent: Span, trig_span: Span, trig: Trigger, skip_until: int = 0,
          gap: Span | None = None, phrase_end: int | None = None,
          quoted: list[tuple[int, int]] = ()) -> Clause:
    """The clause of a trigger; `gap` is where the subject stands in a phrase with a gap
    ("أجرى [الرئيس X] اتصالا هاتفيا"), `phrase_end` where the whole phrase ends. Names inside
    a statement quoted after its cue (`quoted`) take no part: 'وتوعد قائلا "أبلغنا الحكومة
    العراقية …"'; a quoted complement of the verb does ('أشاد "بالدور الحاسم لقوات سوريا …"')."""
    text = article.text
    mentions, actors = _actors(article, sent, skip_until, quoted)
    after = [m for m in actors if m.start >= trig_span.end]
    # (a subject never follows a preposition: "نحو مركز الرمادي فجر عناصر داعش")
    before = [m for m in actors if m.end <= trig_span.start and _same_clause(text, m.end, trig_span.start)
              and (not _after_preposition(text, m) or GROUP_OF.search(fold(text[max(0, m.start - 40):m.start])))
              and not _reported_clause(text, m.end, trig_span.start)
              # ("العقوبات التي فرضتها الولايات المتحدة واتهمت": the subject of a relative clause)
              and not SUBJECT_OF_RELATIVE.search(fold(text[max(0, m.start - 30):m.start]))]
    c = Clause(trig, trig_span, sent, confidence=0.5 if trig.noun else 0.7)
    # (a meeting told as a circumstance has its place after it: the main clause's place is
    # the main clause's: "ستحارب داعش في شمال سوريا، خلال لقاء مع Y في ماليزيا")
    c.place = _place(article, [m for m in mentions if m.start >= trig_span.end]
                     if trig.noun and _circumstance(text, trig_span) else mentions, trig_span, sent, skip_until,
                     visit=trig.mode == "visit" or trig.frame == "arrive")
    after = [m for m in after if m is not c.place]
    in_gap = [m for m in after if gap is not None and m.end <= gap.end]
    relative = RELATIVE_BEFORE.search(text, max(0, trig_span.start - 12), trig_span.start)
    if trig.frame == "host" and re.search(r"[\d٠-٩]", text[trig_span.end:trig_span.end + 40]):
        pass        # "استقبلت الوزارة نحو 5739 دعوى": receiving things, not visitors
    elif trig.frame in ("host", "arrive") and relative:
        # "الطلب الذي وصل من قبل …": the subject is the noun before the relative pronoun
        c.sources = [m for m in before[-1:] if not text[m.end:relative.start()].strip(" )»\"”")]
    elif trig.frame == "host":
        if before and not re.search(r"[،,]", text[before[-1].end:trig_span.start]) \
                and trig_span.start - before[-1].end < 30:
            # "الرئيس X استقبل Y"; not "… اشترتها القاهرة أخيرا، استقبل الرئيس X": the host
            # before the verb stands right there
            c.targets, c.sources = before[-1:], after[:1]
        elif after and after[0].start - trig_span.end < 90 \
                and DELEGATION_HEADED.search(text[trig_span.end:after[0].start]):
            # "واستقبلت ولاية X وفدا برئاسة الوزير Y، يرافقه الوزير Z": Y heads the visitors,
            # Z comes with him; the host is no person or body named here
            c.sources = after[:1] + [m for m in after[1:2] if ACCOMPANIED.fullmatch(text, after[0].end, m.start)]
        elif after and (after[0].start - trig_span.end < 70 or _office_phrase(text, trig_span.end, after[0])) \
                and not RELATIVE_INSIDE.search(text[trig_span.end:after[0].start]):
            # the host right after the verb (with his title, however long); "تستقبل دور العرض
            # فيلم X الذي تقوم ببطولته Y": a name inside a relative clause is nobody's host
            c.targets, c.sources = after[:1], after[1:2]
    elif trig.frame == "arrive":
        to = TO_RE.search(text, trig_span.end, sent.end)
        cut = to.start() if to else sent.end
        # the traveller after the verb, or right before it ("الوفد وصل"): "… حيث وصل سعر
        # الكغ إلى 28 دينارا" is no arrival of a name said clauses earlier
        travellers = [m for m in after if m.start < cut]
        if travellers and travellers[0].label == "LOC":
            # "وصل ولي عهد المملكة العربية السعودية، الأمير X": the country is his office's
            travellers = [m for m in travellers if m.label == "PER"][:1] or travellers
        c.sources = travellers[:1] or [m for m in before[-1:] if trig_span.start - m.end < 40]
        dest = [m for m in after if m.start >= cut]
        c.targets = dest[:1] if dest and dest[0].start - cut < 12 else []
    elif trig.frame == "passive":
        if fold(text[trig_span.start:trig_span.end]).endswith(" استقبال") and after \
                and not text[trig_span.end:after[0].start].strip():
            # "وكان في استقبال البلوي بساحل حلي، … الشيخ X": the guest right after, then the host
            # (but "وكان في استقبال سموه لدى وصوله … الأمير X": the host)
            c.sources = after[:1]
            c.targets = [m for m in after[1:] if m.label == "PER"][:1]
        else:
            # (a person or a body receives: "لدى وصوله مطار دمشق الشيخ X" is received by X)
            c.targets = [m for m in after if m.label in ACTOR_LABELS][:1]
    elif trig.frame == "receive":
        # "تلقى X اتصالا هاتفيا أمس من Y": Y called X
        caller = CALLER_FROM.match(text, phrase_end if phrase_end is not None else trig_span.end)
        c.sources = [m for m in after if caller and m.start >= caller.end()][:1]
        c.targets = in_gap[:1] or [m for m in before[-1:] if trig_span.start - m.end < 40]
        if not c.targets:
            # "وتلقى اتصالا هاتفيا من Y", "وتلقى أمس اتصالا…": the verb's own pronoun was called
            c.implicit_subject = gap is None or _subject_unnamed_pronoun(text, trig_span, sent)
    elif trig.frame == "clash":
        between = BETWEEN.search(text, trig_span.end, sent.end)
        c.sources = [m for m in after if between and m.start >= between.end()][:2] or after[:2] or before[-2:]
    elif trig.frame == "object":
        if LAUNCHED_BY.match(text, trig_span.end):
            c.sources = after[:1]      # "هجوم شنه حزب العمال": launched by
        elif after and OF_AGENT.fullmatch(text, trig_span.end, after[0].start):
            c.sources = after[:1]      # "غارات لطيران التحالف العربي", "غارة للتحالف": whose raids
        elif any(LAUNCH_BEFORE.search(fold(text[max(0, m.start - 25):m.start])) and trig_span.start - m.end < 80
                 for m in before):
            # "شنت طائرات التحالف العربي … غارات على …": who launched them
            c.sources = [m for m in before if LAUNCH_BEFORE.search(fold(text[max(0, m.start - 25):m.start]))][-1:]
            c.targets = _noun_object(text, trig_span, after)
        else:
            c.targets = _noun_object(text, trig_span, after)
    elif trig.noun:
        # "زيارة الرئيس الروسي فلاديمير بوتين": the genitive after a verbal noun is its actor
        # (a phrase that ends with مع, "اجتماع مع", has its partner next, not its actor)
        with_in_phrase = fold(text[trig_span.start:trig_span.end]).endswith(" مع")
        # "خلال لقائه الرئيس X": his meeting — the pronoun is the actor, the name its partner
        possessed = re.search(r"[\u0621-\u064a](?:ه|ها|هما)$", text[trig_span.start:trig_span.end]) is not None
        near = [] if with_in_phrase or possessed else [m for m in after if m.start - trig_span.end < 40
                                                       and not WITH_WORD.search(text[trig_span.end:m.start])]
        earlier = [m for m in actors if m.end <= trig_span.start and _same_clause(text, m.end, trig_span.start)]
        if possessed and earlier:
            c.sources, rest = _first_person(earlier), after
            c.targets = [m for m in after if m.start - trig_span.end < 60][:1]
        elif near and trig.mode == "visit" and near[0].label == "ORG" and near[0].start - trig_span.end < 3 \
                and (fold(text[near[0].start:near[0].end]).split() or [""])[0] in VISITED_PLACES:
            # "زيارة مركز تطوير القدرات": the place visited, not the visitor
            c.sources, rest = [], after
            c.targets = near[:1]
        elif near and trig.mode == "visit" and near[0].label == "LOC" and near[0].start - trig_span.end < 3:
            # "زيارة موسكو": the place visited right after the noun, not the visitor (a country
            # visited is the recipient)
            c.sources, rest = [], after
            if near[0].attrs.get("kind") == "country":
                c.targets = near[:1]
            elif c.place is None:
                c.place = near[0]
        elif near and trig.type == "ASSAULT" and near[0].label == "LOC":
            # "قصف دمشق بقذائف مورتر": the place after an attack noun is what it hits
            c.sources, rest = [], after
            c.targets = near[:1]
        elif near:
            c.sources, rest = near[:1], [m for m in after if m is not near[0]]
        elif _circumstance(text, trig_span) and [m for m in actors if m.end <= trig_span.start] \
                and any(with_in_phrase or WITH_WORD.search(text[trig_span.end:m.start]) for m in after):
            # "أعلن الوزير X أن بلاده ستحارب تنظيم داعش، خلال لقاء مع Y": the sentence's subject
            # holds the meeting, not the name nearest it (nor is X only the speaker of a clause)
            c.sources, rest = _first_person([m for m in actors if m.end <= trig_span.start]), after
        elif before and trig_span.start - before[-1].end < 60:
            # "قال الوزير X في مؤتمر صحفي مشترك مع Y": the clause's subject holds the meeting
            c.sources, rest = before[-1:], after
        elif _circumstance(text, trig_span) and _main_subject(text, trig_span, sent, after):
            # "وخلال زيارة إلى المديرية العامة، أكد رئيس الوزراء X": the main clause's subject
            # is the visitor
            main = _main_subject(text, trig_span, sent, after)
            c.sources, rest = [main], [m for m in after if m.start < main.start]
        else:
            c.implicit_subject = _subject_unnamed_pronoun(text, trig_span, sent)
            rest = after
        # "لقاء … مع X": X met; but "تزامنا مع زيارة X" is another event of X's
        # (never past the start of another clause: "…، وسيتم اطلاع السلطات التونسية")
        with_ = [m for m in rest if (with_in_phrase or WITH_WORD.search(text[trig_span.end:m.start]))
                 and not ANOTHER_EVENT_NOUN.search(text[trig_span.end:m.start])
                 and not _past_its_phrase(text, trig_span.end, m.start, with_in_phrase)
                 and not NEW_CLAUSE.search(text, trig_span.end, m.start)]
        if not (possessed and earlier) and not c.targets:
            c.targets = with_[:1]
    elif trig.type == "ASSAULT" and _agent(text, trig_span, after):
        # "قتل عشرات الفلسطينيين برصاص الجيش الإسرائيلي": a passive; the agent after
        # برصاص/بنيران/على يد is the source, the victims before it the target
        agent = _agent(text, trig_span, after)
        c.sources = [agent]
        c.targets = [m for m in after if m.end <= agent.start and m.start - trig_span.end < OBJECT_REACH][:1] or \
            [m for m in after if agent.end < m.start < agent.end + 60 and _same_clause(text, agent.end, m.start)
             and AGAINST.search(text, agent.end, m.start)][:1] or \
            [m for m in before[-1:] if trig_span.start - m.end < 40    # "إن عشرات الجنود السودانيين قتلوا في كمين نصبه X"
             and not re.search(r"(?:^|\s)(?:ان|انه|انها|انهم|بان|بانه|بانها)(?:\s|$)", fold(text[m.end:trig_span.start]))]
    else:
        between = text[trig_span.end:after[0].start] if after else ""
        killed_before: list[Mention] = []       # a relative's antecedent that was killed
        # "مع X", "باستقالة X", "المساعي التي يقوم بها X": X belongs to the object
        first_is_object = bool(after) and bool(WITH_WORD.search(between) or OBJECT_MASDAR.search(between)
                                               or RELATIVE_INSIDE.search(between)
                                               or UNNAMED_SUBJECT.search(fold(between))
                                               or THAT_BETWEEN.search(fold(between))
                                               or PRONOUN_AFTER_VERB.match(between) and not _b_object(text, trig_span, between)
                                               and not _resumptive_in(text, trig_span, between, after[0])
                                               or POSSESSED_MASDAR.search(fold(text[trig_span.start:trig_span.end]).split()[-1])
                                               or _disagrees(text, trig_span, after[0])
                                               # ("طالبوا حماس بالثأر": a plural verb has its subject in it)
                                               or fold(text[trig_span.start:trig_span.end]).split()[-1].endswith("وا")
                                               or TONGUE_OF.search(fold(between))
                                               # ("استهدفت مواقع ونقاط لميليشيات حزب الله": whose sites were hit)
                                               or TARGETS_OF.search(fold(between))
                                               # ("قصف دمشق": a town is what is attacked, not who attacks)
                                               or trig.type == "ASSAULT" and after[0].label == "LOC"
                                               and after[0].attrs.get("kind") != "country")
        if first_is_object and _office_set_off(text, trig_span.end, after[0]) and not WITH_WORD.search(between):
            # "نفى قائد القوة الثانية بجهاز مكافحة الإرهاب في كركوك، X": a ب inside the subject's office
            first_is_object = False
        # ("مؤكدا مساندته للشعب والجيش": "his support" — its possessor acts, the rest is its object)
        if OBJECT_IN_PHRASE.search(fold(text[trig_span.start:trig_span.end])) and after \
                and after[0].start - trig_span.end < 25:
            # "وطردت السفير X": the phrase names its object's office, X is that object
            rest = after
            c.sources = [m for m in before[-1:] if trig_span.start - m.end < 60]
            if not c.sources:
                c.implicit_subject = _subject_unnamed_pronoun(text, trig_span, sent)
        elif after and _b_object(text, trig_span, between) and after[0].start - trig_span.end < 20:
            # "في خطوة رحبت بها إسرائيل": the pronoun is the object, the name after it the subject
            c.sources, rest = after[:1], after[1:]
        elif in_gap:
            # "أجرى الرئيس X اتصالا هاتفيا مع Y": the subject stands between the verb and its object
            # (a place in the subject's office is not the subject: "قام سفير جمهورية البوسنة … X، بزيارة")
            subject = _first_person(in_gap) if in_gap[0].label == "LOC" else in_gap[:1]
            c.sources, rest = subject, [m for m in after if m.start >= gap.end]
        elif relative:
            # "الرجل الذي اقتحم الدار", "التفجير الذي استهدف الحي": the subject is the noun
            # before the relative pronoun — a name only if it stands right there
            c.sources = [m for m in before[-1:] if not text[m.end:relative.start()].strip(" )»\"”")]
            rest = after
            if c.sources and fold(text[trig_span.start:trig_span.end]).lstrip("وف") in ("قتلوا", "قتلا") \
                    and not (after and after[0].start - trig_span.end < 15
                             and not re.match(r"\s*و", text[trig_span.end:after[0].start])):
                # "أسر الجنود الأمريكيين الذين قتلوا": those who were killed
                c.sources, killed_before, rest = [], c.sources, []
            if not c.sources and after and after[0].start - trig_span.end < 25 and (
                    re.search(r"[\u0621-\u064a]{2}(?:ه|ها|هم|هما)$", text[trig_span.start:trig_span.end])
                    or RESUMPTIVE_AFTER_VERB.fullmatch(between)):
                # "وقف إطلاق النار الذي دعا إليه مجلس الأمن", "الغارات التي شنها الطيران": the
                # pronoun stands for the noun before; the name after the verb is its subject
                c.sources, rest = after[:1], after[1:]
        elif SPEAKER_PRONOUN_BEFORE.search(fold(text[max(0, trig_span.start - 12):trig_span.start])):
            # "أعلن الوزير X عقب لقائه Y أنه طالب …": "he" is the speaker, the sentence's subject;
            # one not named ("وأشارت ألوية … إلى أنها اعتقلت القيادي X") leaves the name after
            # the verb its object
            speaker = _speaker_of_clause(text, sent, trig_span, actors)
            c.sources, rest = ([speaker] if speaker else _first_person(before)), after
            if not c.sources:
                c.implicit_subject = _subject_unnamed_pronoun(text, trig_span, sent)
        elif before and ATTACK_NOUN_SUBJECT.search(fold(text[before[-1].end:trig_span.start])) \
                and not RESUMPTIVE_NEXT.match(fold(text[trig_span.end:trig_span.end + 12])):
            # (but "مذكرة داخلية اعتذر فيها": the memo in which he apologised, its own subject)
            # "قتلا في قصف إسرائيلي استهدف موقعا": the verb describes the attack just named, its
            # subject, not the name before it
            rest = after
        elif before and (not after or trig_span.start - before[-1].end < 40) and not (
                after and after[0].start - trig_span.end < 15 and not first_is_object
                and re.search(r"[،,]", text[before[-1].end:trig_span.start])):
            # (the subject before the verb stands in its clause: "… مرتين، فقد هاجم الحوثيون
            # الحدود" has its subject right after the verb)
            c.sources, rest = before[-1:], after
            if re.search(r"[،,]\s*[وف]$", text[before[-1].end:trig_span.start]):
                # "توعد ترامب بشن هجوم على النظام السوري، ودعا روسيا": a verb joined on after a
                # comma shares the sentence's subject, not the object of the verb before it
                # ("قال روحاني إن ترامب سيندم …، وتوعد برد": the speaker's, past his clause)
                c.sources = _first_person([m for m in actors if m.end <= trig_span.start])
        elif after and FORCE_OF.fullmatch(fold(between)) and not before:
            c.sources, rest = after[:1], after[1:]     # "شنت طائرات التحالف غارات": the coalition's planes
        elif after and UNNAMED_SUBJECT.search(fold(between)) and MEMBERS_OF.search(between) \
                and after[0].start - trig_span.end < 40:
            c.sources, rest = after[:1], after[1:]     # "هاجم مسلحون من داعش حاجزا": the militants' group
        elif after and after[0].label != "PER" and _office_only(text, trig_span.end, after[0]):
            # "توعد رئيس الوزراء الإسرائيلي إيران وحزب الله": an office unnamed is the subject, the
            # state or body after it the object
            rest = after
        elif after and not first_is_object and (after[0].start - trig_span.end < 70 or _office_set_off(text, trig_span.end, after[0])) \
                and not _after_preposition(text, after[0]) \
                and (_subject_distance(text, trig_span.end, after[0], mentions) <= 3 or _office_set_off(text, trig_span.end, after[0])):
            c.sources, rest = after[:1], after[1:]
        else:
            c.implicit_subject = _subject_unnamed_pronoun(text, trig_span, sent)
            rest = after
        # the object follows its verb closely: a name clauses away is not it ("أصوات تحذر من
        # السيناريو … كما حصل في تونس")
        discuss = fold(text[trig_span.start:trig_span.end]).split()[-1].lstrip("وف") in DISCUSS_VERBS
        # (nor stands deep in a relative clause of another noun: "اعتقلت السلطات مي مع ممثلين
        # الذين كانوا يستعدون للخروج في مظاهرة ضد حكم الرئيس X")
        # (counted from a subject that follows the verb with its office: "التقى ولي عهد أبوظبي …،
        # الشيخ X، مساء الجمعة، وزير الدفاع الأميركي Y")
        reach_from = c.sources[0].end if c.sources and c.sources[0].start > trig_span.end \
            and _office_set_off(text, trig_span.end, c.sources[0]) else trig_span.end
        c.targets = [m for m in rest[:1] if m.start - reach_from < OBJECT_REACH
                     and _same_clause(text, reach_from, m.start) and not _not_the_object(text, trig_span.end, m)
                     # (past such a subject, only times and the object's title stand before it)
                     and (reach_from == trig_span.end or _subject_distance(text, reach_from, m, mentions) <= 3)
                     # (nor past another event's verb: "التقى بنيتيز قبل أسبوعين وأشادت بتغيير باراغواي")
                     and not _another_verb_between(text, reach_from, m.start, trig.type)
                     and (not discuss or WITH_WORD.search(text[trig_span.end:m.start]))]   # "ناقش X مدى دستورية Y": a topic
        c.targets = killed_before or c.targets
        if fold(text[trig_span.start:trig_span.end]).lstrip("وف") in KILL_VERBS \
                and KILLED_IN.match(fold(text[trig_span.end:sent.end])):
            # "وقتل الحساني في غارة للتحالف": the one named after the verb was killed
            marker = KILL_MARKER.search(text, trig_span.end, sent.end)
            victims = [m for m in after[:1] if m.start - trig_span.end < 40 and marker and m.end <= marker.start()]
            if victims and (not c.sources or c.sources[0] is victims[0]):
                c.sources, c.targets = [], victims
        verb = fold(text[trig_span.start:trig_span.end]).lstrip("وف")
        if (verb in KILL_VERBS or verb in PASSIVE_PRONE) \
                and re.match(r"\s+في\s", text[trig_span.end:trig_span.end + 5]) \
                and not KILLED_IN.match(fold(text[trig_span.end:sent.end])):
            # "إذ قتل في صفوفها أكثر من تسعين عنصرا", "واعتقل في أيلول 2016", "ستة مواقع استهدفت في
            # شمال العراق": a passive, its doer not named here; the one named just before it suffered it
            c.sources, c.implicit_subject = [m for m in c.sources if m.start > trig_span.end + 40], False
            if verb in PASSIVE_PRONE and not c.targets:
                c.targets = [m for m in before[-1:] if trig_span.start - m.end < 25]
        if fold(text[trig_span.start:trig_span.end]).lstrip("وف") in KILL_VERBS and c.sources \
                and c.sources[0].start >= trig_span.end \
                and ATTEMPT_BEFORE.search(fold(text[max(0, trig_span.start - 20):trig_span.start])):
            # "في محاولة قتل الجاسوس X": a verbal noun; the name after it was the one attacked
            c.sources, c.targets = [], c.sources[:1]
        if fold(text[trig_span.start:trig_span.end]).lstrip("وف") in KILL_VERBS and c.sources \
                and c.sources[0].end <= trig_span.start \
                and (COUNT_BEFORE.search(fold(text[max(sent.start, c.sources[0].start - 30):c.sources[0].start]))
                     or COUNT_AFTER.fullmatch(fold(text[c.sources[0].end:trig_span.start]))):
            # "إن سبعة جنود ليبيين قتلوا", "أن فلسطينيين اثنين قتلا": those counted before the verb were killed
            c.sources, c.targets = [], c.sources[:1]
    if trig.type in DEEDS:
        # "وأفادت وكالة سانا بأن طفلا قتل": the medium reports, it does not act
        c.sources = [m for m in c.sources if not _medium(text, m)]
    joint = _coordinated(text, c.sources, actors, backward=not relative)
    c.sources = _people_first(joint)
    if c.targets and joint and all(t in joint for t in c.targets):
        # "اتهمت السعودية والإمارات ومصر الحكومة القطرية": the object follows the joint subject
        last = max(x.end for x in joint)
        nxt = [m for m in after if m.start >= last]
        c.targets = [m for m in nxt[:1] if m.start - last < OBJECT_REACH and _same_clause(text, last, m.start)]
    # a name coordinated with the subject ("زار X وY سوريا") is not also the object
    c.targets = _people_first(_coordinated(text, [t for t in c.targets if t not in c.sources], actors))
    if c.place is None and trig.mode == "visit" and trig.frame == "subject" and not trig.noun and c.sources:
        # "زار الرئيس X دمشق": the city right after the visitor is the place visited (a
        # country visited is the recipient, below)
        visited = next((m for m in mentions if m.label == "LOC" and m.start >= c.sources[-1].end
                        and not m.attrs.get("demonym_of") and m.attrs.get("kind") != "country"
                        and re.fullmatch(r"[\s،,]*", text[c.sources[-1].end:m.start])), None)
        if visited is not None:
            c.place = visited
            c.targets = [t for t in c.targets if t is not visited]
    if not c.targets and trig.mode == "visit" and trig.frame == "subject":
        # a visit with no named host: the country visited is the recipient
        c.targets = _country_target(article, mentions, trig_span.end, c.place)
    if c.place is not None:
        c.sources = [m for m in c.sources if m is not c.place]
        c.targets = [m for m in c.targets if m is not c.place]
    return c


def _protagonist(article: Article, events: list[Event]) -> Mention | None:
    """Whom the story is about, for a clause with no named subject: the actor of the latest
    event, else the first person named in the body."""
    for ev in reversed(events):
        for eid in ev.source:
            ent = article.entity(eid)
            if ent is not None and ent.mentions:
                return ent.mentions[0]
    return next((m for m in article.mentions if m.label == "PER"), None)


def _affiliation(text: str, m: Mention, sent: Span) -> bool:
    """An organisation named inside a person's office ("السكرتير الثالث في السفارة الطاجيكية",
    "المتحدث باسم الخارجية") is that person's affiliation, not a participant."""
    if m.label != "ORG":
        return False
    before = text[max(sent.start, m.start - 60):m.start]
    before = re.split(r"[،,.:؛]", before)[-1]
    return bool(OFFICE_BEFORE.search(before))


def _main_subject(text: str, trig: Span, sent: Span, after: list[Mention]) -> Mention | None:
    """The subject of the main clause after a circumstance phrase at the head of the sentence
    ("وخلال زيارة إلى …، أكد رئيس الوزراء X"): the first name after the comma that closes the
    phrase, right after the main verb and its title."""
    if re.search(r"[\u0621-\u064a]", re.sub(r"^\W*[وف]?(?:(?:خلال|أثناء|اثناء|على\s+هامش|في)\s*)?$", "",
                                           text[sent.start:trig.start])):
        return None     # the phrase does not open the sentence
    comma = re.compile(r"[،,]").search(text, trig.end, sent.end)
    if comma is None:
        return None
    nxt = next((m for m in after if m.start > comma.end()), None)
    if nxt is None or nxt.start - comma.end() > 45 or re.search(r"[،,.:؛]", text[comma.end():nxt.start]):
        return None
    words = text[comma.end():nxt.start].split()
    return nxt if words and len(words) <= 5 and not fold(words[0]).startswith(("ال", "في", "من")) else None


def _circumstance(text: str, trig: Span) -> bool:
    """A meeting told as the circumstance of the main clause: "خلال لقاء مع", "على هامش اجتماع"."""
    return bool(CIRCUMSTANCE_BEFORE.search(text, max(0, trig.start - 20), trig.start)) or \
        fold(text[trig.start:trig.end]).lstrip("وف").startswith(("خلال", "اثناء", "علي هامش"))


# "مجموعة مسلحة من حزب العمال استهدفت": members of a group, before the verb, are the group
GROUP_OF = re.compile(r"(?:^|\s)(?:مجموعه|مجموعات|عناصر|عنصر|مسلحون|مسلحين|مقاتلون|مقاتلين|متشددون|متشددين|"
                      r"خليه|خلايا)"
                      r"(?:\s+\S+)?\s+من\s*$")
# "خلال لقاء مع", "على هامش اجتماع مع": a meeting told as the circumstance of the main clause
CIRCUMSTANCE_BEFORE = re.compile(r"(?:^|\s)[وف]?(?:خلال|أثناء|اثناء|على\s+هامش|علي\s+هامش|في)\s+$")
LAUNCH_BEFORE = re.compile(r"(?:^|\s)[وف]?(?:شن|شنت|شنوا|نفذ|نفذت|نفذوا)\s+(?:(?:طايرات|طائرات|مقاتلات|طيران|قوات)\s+)?$")
FORCE_OF = re.compile(r"\s*(?:طايرات|طائرات|مقاتلات|طيران|قوات|وحدات|عناصر|مسلحو|مقاتلو|جنود|زوارق|سفن|بوارج)\s+")
OBJECT_REACH = 120     # characters between a verb and the start of its object, at most
# "واختطف مسلحون الصحفي X": an unnamed subject stands between the verb and the name
UNNAMED_SUBJECT = re.compile(r"^\s*(?:\S+\s+)?(?:مسلحون|مسلحين|مجهولون|مجهولين|ملثمون|ملثمين|عناصر|مقاتلون|"
                             r"مقاتلين|متظاهرون|محتجون|مستوطنون|جنود|قوات)\s")
# "اتهم فيها الرئيس X": a preposition with a pronoun right after the verb; its subject is
# the one spoken of before, the name after is the object
OBJECT_IN_PHRASE = re.compile(r"(?:طرد|طردت|استدعي|استدعت)\s+السفير$")
# Verbs whose object takes ب: their "بها" is the object ("في خطوة رحبت بها إسرائيل": Israel welcomed)
B_OBJECT_VERBS = {fold(w) for w in "رحب رحبت يرحب ترحب أشاد أشادت يشيد تشيد ندد نددت يندد تندد طالب طالبت "
                  "يطالب تطالب اعترف اعترفت يعترف تعترف".split()}


# Countries the news treats as masculine: every other country takes a feminine verb
MASCULINE_COUNTRIES = {"IQ", "JO", "LB", "SD", "YE", "MA", "KW", "BH"}


MASCULINE_HEADS = {fold(w) for w in "تحالف جيش حزب تنظيم مجلس اتحاد نظام برلمان حرس مكتب مرصد بنك صندوق مركز فريق نادي".split()}


def _disagrees(text: str, trig: Span, m: Mention) -> bool:
    """A verb that comes first agrees with its subject in gender: a masculine past verb ("ودعا")
    cannot have a feminine country after it for subject ("ودعا روسيا إلى …": Russia is the
    object). (Bahrain, Kuwait and the like are masculine.)"""
    verb = fold(text[trig.start:trig.end]).split()[0]
    head = (fold(text[m.start:m.end]).split() or [""])[0]
    if m.label == "ORG" and head.removeprefix("ال") in MASCULINE_HEADS:
        # and a feminine past verb no masculine body: "اتهمت التحالف الدولي بتنفيذ الضربة"
        return verb.lstrip("وف").endswith("ت") and not verb.endswith("ات") and len(verb.lstrip("وف")) >= 4
    if m.attrs.get("kind") != "country" or m.attrs.get("demonym_of") or m.attrs.get("iso2") in MASCULINE_COUNTRIES:
        return False
    if fold(text[m.start:m.end]) in lx.CAPITALS:
        return False
    dual = verb.endswith("ا") and len(verb) >= 4     # ("التقيا"; دعا is one man's call)
    return len(verb) >= 3 and not verb.endswith(("ت", "وا")) and not dual and verb[:1] not in "يتن"


def _resumptive_in(text: str, trig: Span, between: str, after: Mention) -> bool:
    """"مظاهرات يطالب فيها الفلسطينيون برفع الحصار": "in it" stands for the noun before the verb;
    the name after it is the verb's subject (but "قتل فيها X" is a passive: X was killed, and
    "فيديو تتهم فيه المصريين" has its object in the accusative)."""
    return bool(re.match(r"\s*(?:فيه|فيها|فيهما|خلاله|خلالها)\s", between)) and \
        fold(text[trig.start:trig.end]).split()[-1].lstrip("وف") not in KILL_VERBS and \
        not fold(text[after.start:after.end]).endswith("ين")


def _b_object(text: str, trig: Span, between: str) -> bool:
    return bool(re.match(r"\s*(?:بها|به|بهم)\s", between)) and \
        fold(text[trig.start:trig.end]).split()[-1].lstrip("وف") in B_OBJECT_VERBS


SUBJECT_OF_RELATIVE = re.compile(r"(?:^|\s)(?:الذي|التي|الذين)\s+[\u0621-\u064a]{2,}(?:ه|ها|هم|هما)\s*$")
TARGETS_OF = re.compile(r"(?:^|\s)(?:مواقع|موقع|نقاط|مقرات|مقر|معاقل|تجمعات|مخازن|منشات|اهداف|مراكز)\S*"
                        r"(?:\s+\S+){0,3}\s+ل\S*[\s\"«“”»']*$")     # ('موقعا لحركة "الجهاد الإسلامي"')
# "احتجت إيران على لسان نائب وزيرها للخارجية X": X speaks for the subject, no object
TONGUE_OF = re.compile(r"(?:^|\s)علي\s+لسان\s+(?:\S+\s+){0,5}$")
RESUMPTIVE_AFTER_VERB = re.compile(r"\s*(?:إليه|اليه|إليها|اليها|به|بها|عليه|عليها|له|لها|فيه|فيها)\s+")
PRONOUN_AFTER_VERB = re.compile(r"\s*(?:فيه|فيها|فيهما|خلاله|خلالها|عليه|عليها|منه|منها|بها|به)\s")
RELATIVE_INSIDE = re.compile(r"(?:^|\s)(?:الذي|التي|الذين)\s")
# A name past a preposition inside a relative clause belongs to that clause ("… الذين كانوا
# يستعدون للخروج في مظاهرة ضد حكم X"); right after its verb it is the clause's subject, the
# owner of the noun ("المساعي التي يقوم بها X"); a comma ends the relative clause.
DEEP_IN_RELATIVE = re.compile(r"(?:^|\s)(?:الذي|التي|الذين)\s[^،,]*\s(?:في|ضد|علي|من|الي|عن|مع)\s[^،,]*$")
OPEN_RELATIVE = re.compile(r"(?:^|\s)(?:الذي|التي|الذين)\s[^،,]*$")
# "في كلمة له أمام مجلسي الكونغرس": the audience, not the object
AUDIENCE_BEFORE = re.compile(r"(?:^|\s)(?:أمام|امام)\s+(?:\S+\s+)?$")
# "العريش عاصمة المحافظة المتاخمة لإسرائيل": a place's neighbour, not the object
NEIGHBOUR_BEFORE = re.compile(r"(?:^|\s)(?:ال)?(?:متاخم|مجاور|محاذي|قريب)\S*\s+(?:من\s+)?ل?$")
# "التحالف الدولي الذي تقوده الولايات المتحدة", "ميليشيا الحوثي المدعومة من إيران": who leads or
# backs a party, not the object
# ("المدعومة من روسيا"، "بقيادة الولايات المتحدة", below, are also nobody's actor; "العملية التي
# شنتها الولايات المتحدة" names who launched it, an actor, though not the verb's object)
_BACKED_BY = (r"(?:^|\s)(?:ال)?(?:مدعوم|مدعومه|مدعومين|مدعومون)\s+من|(?:^|\s)(?:بقياده|بزعامه|برعايه|باشراف)|"
              r"(?:^|\s)(?:ال)?(?:موالي|مواليه|الموالين)\s+ل\S*")
BACKED_BY = re.compile(r"(?:" + _BACKED_BY + r")\s*$")
BACKER_BEFORE = re.compile(r"(?:(?:^|\s)(?:الذي|التي|الذين)\s+[\u0621-\u064a]{2,}(?:ه|ها|هم)|" + _BACKED_BY +
                           r"|(?:^|\s)(?:ال)?(?:تابع|تابعه|تابعين)\s+ل\S*)\s*$")
# "خطفت جبهة النصرة ذراع تنظيم القاعدة": what the subject is, not its object
AFFILIATE_BEFORE = re.compile(r"(?:^|\s)(?:ذراع|فرع|جناح|الذراع|الفرع|الجناح)\s*$")
# "وافق على أن يكون X مرشحه": a name in the verb's complement clause is not its subject
THAT_BETWEEN = re.compile(r"(?:^|\s)(?:ان|بان|وان)(?:\s|$)")
# "الذي زار منطقة …": the verb's subject is the noun before the relative pronoun, not a
# name after the verb
RELATIVE_BEFORE = re.compile(r"(?:^|\s)و?(?:الذي|التي|الذين|اللذان|اللتان|اللذين|اللتين)\s+$")
# A verbal noun with ب after the verb is what is asked for, and the name after it its
# object: "طالبت المعارضة باستقالة رئيس الوزراء X" (بدوره: "in turn", is no such noun)
OBJECT_MASDAR = re.compile(r"(?:^|\s)(?!بدور|باسم\s)ب[\u0621-\u064a]{3,}\s")      # (باسم: on behalf of)
OF_AGENT = re.compile(r"\s+(?:(?:جويه|مكثفه|عنيفه|صاروخيه|جوي|بحري|بري|صاروخي|انتحاري|مسلح)\s+)?"
                      r"(?:ل|لـ\s*|ل(?:طيران|طائرات|مقاتلات|قوات|مدفعيه|ميليشيات|مليشيات|مسلحي)\s+)")
AGAINST = re.compile(r"(?:^|\s)(?:ضد|على|علي)\s")
AGENT_MARK = re.compile(r"(?:^|[\s\"«“])(?:برصاص|بنيران|بقذائف|بصواريخ|بغارة|بغارات|على\s+يد|على\s+أيدي|"
                        # "قتل ستة أشخاص في غارات شنتها الطائرات التركية"
                        r"(?:من\s+)?جراء\s+(?:رصاص|نيران|قصف|غارات|غارة|قذائف|صواريخ)|"
                        r"في\s+(?:غارة|غارات|هجوم|هجمات|قصف|تفجير|اشتباكات|كمين|عملية)\s+(?:\S+\s+){0,2}?"
                        r"(?:شنه|شنته|شنها|شنتها|شنوها|نفذه|نفذته|نفذها|نفذتها|نفذوها|نصبه|نصبته|نصبها|نصبوه)|"
                        # "في كمين للمتمردين الحوثيين", "في غارة لطيران التحالف"
                        r"في\s+(?:غارة|غارات|كمين|هجوم|قصف)\s+(?:[^\s.،,]+\s+)?(?:ل|لل)(?=\S))\s?")


def _agent(text: str, trig: Span, after: list[Mention]) -> Mention | None:
    """The actor named right after "برصاص"/"بنيران"/"على يد" following an attack verb."""
    mark = AGENT_MARK.search(text, trig.end, trig.end + OBJECT_REACH)
    if mark is None or not _same_clause(text, trig.end, mark.start()):
        return None
    return next((m for m in after if 0 <= m.start - mark.end() < 30), None)


TIME_WORDS = {fold(w) for w in ("أمس اليوم الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد "
                                 "صباح مساء ظهر الماضي الماضية").split()}


def _subject_distance(text: str, verb_end: int, m: Mention, mentions: list[Mention] = ()) -> int:
    """Words between a verb and a name after it, the name's title, offices, names and times
    left out: a subject follows its verb closely ("أعلنت أمس وزارة …", "نفى المتحدث باسم
    الحكومة التركية، نائب رئيس الوزراء X"); "واعتقلت شخصين أحدهما تلقى تدريبا في معسكرات
    الحرس الثوري" names no subject."""
    title = m.attrs.get("title")
    end = title.start if title is not None and title.start >= verb_end else m.start
    inside = [(o.start, o.end) for o in mentions if verb_end <= o.start and o.end <= end]
    return sum(1 for w in re.finditer(r"[\u0621-\u064a]+", text[verb_end:end])
               if fold(w.group()) not in TIME_WORDS and fold(w.group()) not in TITLE_WORDS
               and fold(w.group()) not in ("باسم", "لدى")
               and not any(a <= verb_end + w.start() < b for a, b in inside))


def _another_verb_between(text: str, a: int, b: int, own_type: str) -> bool:
    """A trigger verb of another kind joined by و stands between a verb and a name: the name is
    that verb's ("زار … دمشق والتقى X" is the same visit's)."""
    regex = trigger_regex()[0]
    for hit in regex.finditer(fold(text[a:b])):
        other = lookup(hit.group(1))
        if other is not None and hit.group(0).lstrip()[:1] == "و" and not other.noun and other.type != own_type:
            return True
    return False


def _office_only(text: str, verb_end: int, m: Mention) -> bool:
    """The words between a verb and a name are an office and nothing else ("رئيس الوزراء
    الإسرائيلي"): a subject with no name of its own."""
    from rasad.analyse.ner import demonym_country
    from rasad.analyse.ner.titles import title_before
    words = [fold(w) for w in re.findall(r"[\u0621-\u064a]+", text[verb_end:m.start])]
    if len(words) < 2 or re.search(r"[،,.:؛]", text[verb_end:m.start]):
        return False
    return title_before(words, len(words), lambda w: demonym_country(w) is not None) == 0


def _office_phrase(text: str, verb_end: int, m: Mention) -> bool:
    """The words between a verb and a name are an office, however long, with no pause ("استقبل
    المستشار في الديوان الملكي المشرف العام على مركز … الدكتور X")."""
    gap = text[verb_end:m.start]
    first = re.match(r"\s*([\u0621-\u064a]+)", gap)
    return first is not None and len(gap) < 160 and not re.search(r"[،,.:؛!?؟\n]", gap) \
        and (fold(first.group(1)) in TITLE_WORDS or fold(first.group(1)) in lx.OFFICE_HEADS)


def _office_set_off(text: str, verb_end: int, m: Mention) -> bool:
    """The words between a verb and a name are the name's office set off by a comma ("التقى ولي
    عهد أبوظبي نائب القائد الأعلى للقوات المسلحة، الشيخ X"): the name is the verb's subject."""
    title = m.attrs.get("title")
    end = title.start if title is not None and title.start >= verb_end else m.start
    gap = text[verb_end:end]
    while (last := re.search(r"([\u0621-\u064a]+)\s*$", gap)) and fold(last.group(1)) in TITLE_WORDS:
        gap = gap[:last.start()]        # ("…، الشيخ X": the title the recogniser left out)
    first = re.match(r"\s*([\u0621-\u064a]+)", gap)
    return first is not None and len(gap) < 150 and not re.search(r"[.؟!:؛\n]", gap) \
        and gap.rstrip().endswith(("،", ",")) and gap.count("،") + gap.count(",") == 1 \
        and (fold(first.group(1)) in TITLE_WORDS or fold(first.group(1)) in lx.OFFICE_HEADS)


def _same_clause(text: str, a: int, b: int) -> bool:
    gap = text[a:b]
    # "… بين الولايات المتحدة وطهران الأحد بعد أن حذر ترامب": a subordinate clause starts
    return not re.search(r"[.؟!:؛\n]|--|[—–]", gap) and len(gap) < 120 and not SUBORDINATE.search(fold(gap))


SUBORDINATE = re.compile(r"(?:^|\s)(?:بعد\s+ان|قبل\s+ان|[،,]\s*الي\s+ان|عندما|حينما|بينما|لان|كي|لكي|حتي\s+ان|حيث|اذ|بان|بانه|بانها|وذلك|"
                         # a participle of speech opens the words said: "…، مؤكدة أن الدولة وحزب …"
                         r"م[\u0621-\u064a]{3,}(?:ا|ه|ين)\s+(?:الي\s+)?(?:ان|انه|انها))(?:\s|$)")


# (two names with only a space between are not coordinated: "وحذرت واشنطن طهران"; words between
# a name and the next conjunct are an apposition closed by a comma — "X سفير … في الكويت، والسيد Y" —
# or a phrase of the name's ("الدولة الإسلامية في العراق والشام" وجبهة النصرة), else they hold the
# verb's object: "اتهمت السلطات الإيرانية، السبت، الحكومة والشرطة البريطانية")
# (the و opens a conjunct: alone, or glued to a title — "والسيد"، "ووزير" — never a verb
# that merely starts with و: "الاتهامات التي وجهها التحالف")
COORDINATED_GAP = re.compile(r"(?:[^.؛:!?؟\n]{0,100}?[،,]\s*|\s+(?:في|من|لدى|عن)\s[^.،,؛:!?؟\n]{0,60}?[\s\"»”]*|\s*)"
                             r"و(?:ال\S*|وزير\S*|رئيس\S*|نائب\S*|سفير\S*|مساعد\S*|نظير\S*|"
                             r"ولي\S*|أمير\S*|امير\S*|ملك\S*|شيخ\S*|زعيم\S*|قائد\S*|مبعوث\S*|ممثل\S*|"
                             r"معالي|سعادة|سعاده|سمو|فخامة|فخامه|سماحة|سماحه)?"
                             r"(?:\s+\S+){0,8}\s*|\s*[،,][\s،,]*و?\s*|\s*و\s*|\s*[-–]\s*")
# A list written with dashes or commas, read backwards from the name nearest the verb:
# "لواء الاسلام - جبهة النصرة- كتيبة التوحيد … سيطروا"
TIGHT_COORDINATION = re.compile(r"\s*[-–،,]\s*و?\s*|\s+و\s*")


VISITED_PLACES = {fold(w) for w in "مركز مستشفى مدرسة جامعة كلية معهد مصنع متحف سجن مقر مكتبة مجمع".split()}


def _clause_after_comma(gap: str) -> bool:
    """"…، و نقل مدير عام السجون": after the comma, و opens a clause with a verb — not a
    conjunct, which starts with a definite word, a title or an office ("، والمفتش"، "ومعالي")."""
    hit = re.search(r"[،,]\s*[وف]\s*([\u0621-\u064a]+)", gap)
    if hit is None:
        return False
    word = fold(hit.group(1))
    return not (word.startswith("ال") or word in TITLE_WORDS or word in lx.HONORIFICS or word in lx.OFFICE_HEADS)


def _coordinated(text: str, chosen: list[Mention], actors: list[Mention], backward: bool = True) -> list[Mention]:
    """Add actors coordinated with a chosen one ("X و Y", "X، والسيد Y", "X سفير … في الكويت،
    والسيد Y"): the و that opens the next conjunct stands a few words before it."""
    out = list(chosen)
    for m in chosen:
        last = m
        for other in actors:
            if other.start <= last.end or other in out:
                continue
            if other.label != m.label and other.start - last.end < 110:
                continue    # "…، والمفتش العام للقوات المسلحة بدولة قطر اللواء Y": a body in Y's office
            gap = text[last.end:other.start]
            # "زار بوتين دمشق والتقى الرئيس الأسد": a verb after و opens another clause
            # ("… للقمة التي ستجمع بين كيم والرئيس ترامب": a relative clause still open holds
            # the names after it)
            if other.label == m.label and len(gap) < 110 and COORDINATED_GAP.fullmatch(gap) \
                    and not trigger_regex()[0].search(fold(gap)) and not OPEN_RELATIVE.search(fold(gap)) \
                    and not _clause_after_comma(gap):
                out.append(other)
                last = other
            else:
                break
    for m in chosen if backward else ():
        first = m
        for other in reversed(actors):
            if other.end > first.start or other in out:
                continue
            if other.label == m.label and TIGHT_COORDINATION.fullmatch(text[other.end:first.start]):
                out.append(other)
                first = other
            else:
                break
    return sorted(out, key=lambda x: x.start) if len(out) > len(chosen) else out


# "بحث الوضع في إدلب": a place the talks were about, not where they were held
TOPIC_BEFORE = re.compile(r"(?:الوضع|الاوضاع|الازمه|الحرب|التطورات|المستجدات|الصراع|النزاع|السلام|الاستقرار|"
                          r"العمليات|المعارك|القتال|الملف|تطورات|مستجدات|اوضاع)\s+(?:\S+\s+)?(?:في|ب)\s*$")


PLACE_WORDS = (r"(?:محيط|بلده|مدينه|قريه|منطقه|ضواحي|ريف|وسط|شمال|جنوب|شرق|غرب|شمالي|جنوبي|شرقي|غربي|مخيم|حي|"
               r"محافظه|ولايه|العاصمه|عاصمه|مطار|ميناء|قاعده|مقر|قصر|مدن|بلدات|قري|اطراف|داخل|خارج|قرب|"
               r"بالقرب|مدخل|حدود|الحدود|معبر|سجن|مستشفي|جامعه|كليه|الاراضي|اراضي|مناطق|شوارع|شارع|ساحه|ميدان)")
# (a place word may take a nationality and a comma before the name: "إلى العاصمة المصرية، القاهرة")
PLACE_AFTER_PREPOSITION = re.compile(r"(?:^|\s)(?:في|الي|من|ب(?!(?:ها|ه|هم|هما|هن|ي|ك|نا)\s))\s*(?:[وب]?"
                                     + PLACE_WORDS + r"\S*\s+(?:ال\S+يه?\s*[،,]\s*)?){0,2}$")


def _place(article: Article, mentions: list[Mention], trig: Span, sent: Span, skip_until: int = 0,
           visit: bool = False) -> Mention | None:
    """The place of the event: a city, else a site or venue, else a country, introduced by
    في/إلى/ب/من (possibly "في محيط بلدة …"); never the country of a nationality word nor the
    dateline's city."""
    text = article.text

    def prep(m: Mention) -> bool:
        before = fold(text[max(sent.start, m.start - 30):m.start])
        # ("بها", "به": ب with a pronoun, "by it", introduces no place; the words between the
        # preposition and the place are place words: "في محيط بلدة …", not "من الدول وهي …")
        # (ل + a place is where a visit goes, "زيارة البشير لدمشق"; else to whom: "انتقادات لتل أبيب")
        return bool(PLACE_AFTER_PREPOSITION.search(before)) or text[m.start - 1:m.start] == "ب" \
            or visit and text[m.start - 1:m.start] == "ل"

    def kind(m: Mention) -> str:
        if m.label == "ORG":
            return "venue"
        k = m.attrs.get("kind")
        if k:
            return k
        head = (fold(text[m.start:m.end]).split() or [""])[0]
        return "city" if head in ("مدينه", "بلده", "قريه") else "site"

    rank_of_kind = {"city": 3, "town": 3, "site": 2, "venue": 2, "region": 1, "country": 0}
    places = [m for m in mentions if m.start >= skip_until and not m.attrs.get("demonym_of") and (
        m.label == "LOC" or (m.label == "ORG" and fold(text[m.start:m.end]) in lx.VENUES)) and prep(m)
        and not TOPIC_BEFORE.search(fold(text[max(sent.start, m.start - 40):m.start]))
        and not _in_apposed_office(text, m, mentions)
        and not BACKER_BEFORE.search(fold(text[max(sent.start, m.start - 30):m.start]))]
    if not places:
        return None
    return max(places, key=lambda m: (rank_of_kind.get(kind(m), 1), -abs(m.start - trig.end)))


# an office set after a name between commas: "X، ولي عهد أبوظبي نائب القائد الأعلى … في دولة الإمارات،"
APPOSED_OFFICE = re.compile(r"^\s*[،,]\s*[وف]?(?:ال)?(?:ولي|نائب|رئيس|رئيسة|وزير|وزيرة|سفير|سفيرة|قائد|القائد|أمين|"
                            r"امين|مندوب|ممثل|مستشار|مدير|محافظ|حاكم|أمير|امير|ملك|عضو|زعيم|سكرتير|المتحدث|"
                            r"متحدث|الناطق|ناطق)\S*\s[^،,.:؛\n]*$")


def _in_apposed_office(text: str, m: Mention, mentions: list[Mention]) -> bool:
    """A place inside the office set after a person's name ("محمد بن زايد، ولي عهد أبوظبي نائب
    القائد الأعلى للقوات المسلحة في دولة الإمارات") says where the office is, not where the event is."""
    prev = next((o for o in reversed(mentions) if o.end <= m.start and o.label == "PER"), None)
    return prev is not None and m.start - prev.end < 100 and bool(APPOSED_OFFICE.search(text[prev.end:m.start]))


def _country_target(article: Article, mentions: list[Mention], after: int, place: Mention | None) -> list[Mention]:
    """A visit to a country without a named host: the country is the recipient."""
    for m in mentions:
        if m.start >= after and m.label == "LOC" and m.attrs.get("kind") == "country":
            return [m]
    if place is not None and place.attrs.get("iso2"):
        country = next((m for m in article.mentions if m.label == "LOC" and m.attrs.get("kind") == "country"
                        and m.attrs.get("iso2") == place.attrs["iso2"]), None)
        if country is not None:
            return [country]
    return []


def _same_event(article: Article, ev: Event, c: Clause, when: dt.date | None = None) -> bool:
    refers_back = c.trigger.refers_back or c.trigger.frame == "passive" or c.tentative
    if when is not None and ev.date is not None and when != ev.date and not refers_back:
        return False   # "وبعد لقاء جمعه أمس…" is another meeting than today's visit
    if c.place is not None and ev.location is not None and not refers_back \
            and article.entity_id_of(c.place) != ev.location:
        return False
    if ev.type != "CONSULT":
        if ev.evidence is not None and ev.evidence.start == c.sentence.start:
            return True    # one sentence, one event of a type ("قتل … في هجوم شنه …")
        if c.trigger.refers_back and not ev.source and ev.evidence is not None \
                and c.sentence.start - ev.evidence.end < 1500:
            return True    # "وأعلن تنظيم داعش مسؤوليته عن الهجوم": the attack told before, its author
        ids = {article.entity_id_of(m) for m in c.sources} - {None}
        return bool(ids) and ids <= set(ev.source) and \
            c.sentence.start - (ev.evidence.end if ev.evidence else 0) < 400
    if c.trigger.refers_back or c.trigger.frame == "passive" or c.joint:
        return True
    folded_trigger = fold(article.text[c.trigger_span.start:c.trigger_span.end])
    if folded_trigger in REFERS_BACK or REFERS_BACK_RE.search(fold(article.text[c.sentence.start:c.trigger_span.start])):
        return True
    named = [m for m in c.sources + c.targets if m.label in ACTOR_LABELS]
    if c.sources and not ({article.entity_id_of(m) for m in c.sources} & set(ev.source + ev.target)):
        return False   # another visitor: another visit ("تزامنا مع زيارة بوتين")
    ids = {article.entity_id_of(m) for m in named} - {None}
    return bool(ids & set(ev.source + ev.target))


def _merge(article: Article, ev: Event, c: Clause) -> None:
    for side, ms in (("source", c.sources), ("target", c.targets)):
        for m in ms:
            eid = article.entity_id_of(m)
            if eid and eid not in ev.source and eid not in ev.target and eid != ev.location:
                if side == "target" and c.trigger.frame == "passive" and _visitors_man(article, ev, c, m):
                    ev.source.append(eid)
                    continue
                getattr(ev, side).append(eid)
    if ev.location is None and c.place is not None:
        eid = article.entity_id_of(c.place)
        if eid not in ev.source + ev.target:
            ev.location = eid
    ev.confidence = max(ev.confidence, c.confidence)


def _countries_named(text: str) -> set[str]:
    """ISO codes of the countries an office names, by name or nationality; of "سفير لبنان لدى
    المملكة" only the sender's."""
    from rasad.analyse.ner import demonym_country, proclitic_length
    out = set()
    for word in re.findall(r"[\u0621-\u064a]+", re.split(r"\s(?:لدى|لدي)\s", text)[0]):
        bare = word[proclitic_length(word):]
        place = lx.places().get(fold(bare))
        if place and place.get("kind") == "country" and place.get("iso2"):
            out.add(place["iso2"])
        elif (hit := demonym_country(bare)) is not None:
            out.add(hit[1])
    return out


def _visitors_man(article: Article, ev: Event, c: Clause, m: Mention) -> bool:
    """One who attended a reception in an office of the visitor's country, not the host's:
    "وحضر الاستقبال … وسفير لبنان لدى المملكة فوزي كبارة" sits with the Lebanese guest."""
    before = [x.end for x in c.sources + c.targets if x.end <= m.start]
    office = article.text[max([c.sentence.start, m.start - 150] + before):m.start]
    own = _countries_named(office)
    if not own:
        return False

    def countries(ids: list[str]) -> set[str]:
        return {iso for eid in ids for t in getattr(article.entity(eid), "titles", []) for iso in _countries_named(t)}
    return bool(own & countries(ev.source)) and not own & countries(ev.target)


def _clause_date(article: Article, sent: Span, resolve_date) -> tuple[dt.date | None, str | None]:
    """A date expression in the sentence, resolved against the article's date; else the
    article's date (news reports what happened on its day unless it says otherwise)."""
    if resolve_date is not None:
        for d in article.dates:
            if sent.start <= d.start < sent.end and (d.attrs.get("day") is not None or d.attrs.get("relative")
                                                     or d.attrs.get("weekday") is not None):
                value = resolve_date(d)
                if value is not None and (article.published is None or value <= article.published):
                    return value, "text"
    if article.published is not None:
        return article.published, "published"
    return None, None


MEMBER_OF_DELEGATION = re.compile(r"(?:احد|أحد|إحدى|احدى)?\s*(?:اعضاء|أعضاء|عضو|رئيس|رئيسة)\s+(?:ال)?وفد")


def _delegation_members(article: Article, events: list[Event]) -> None:
    """"وقال النائب X، أحد أعضاء الوفد": a named member joins the visitors of the visit the
    article told (the delegation itself was unnamed: "استقبل … وفدا برلمانيا تونسيا")."""
    visits = [e for e in events if e.type == "CONSULT" and e.mode == "visit"]
    if not visits:
        return
    text = article.text
    for hit in MEMBER_OF_DELEGATION.finditer(text):
        if article.is_removed(hit.start()):
            continue
        people = [m for m in article.mentions if m.label == "PER" and 0 <= hit.start() - m.end < 30]
        if not people:
            continue
        eid = article.entity_id_of(people[-1])
        ev = visits[0]
        if eid and eid not in ev.source + ev.target:
            ev.source.append(eid)


def _title_place(article: Article, events: list[Event]) -> None:
    """The first event with no place in its sentences takes the city the headline names
    ("… في دمشق"), when the body names it nowhere near the event."""
    if not article.title or not events or events[0].location is not None:
        return
    title = article.title
    places = [m for m in article.title_mentions if m.label == "LOC" and m.attrs.get("kind") in ("city", "town")
              and re.search(r"(?:^|\s)(?:في|إلى|الى|من)\s+$", title[:m.start])]
    if places:
        events[0].location_name = places[0].attrs.get("canonical") or article.title[places[0].start:places[0].end]


# Patterns inside a speaker's own words (folded). The recipient is the first actor after them.
QUOTE_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("REQUEST", re.compile(r"^(?:ان\s+)?(?:علي|يجب\s+علي|ينبغي\s+علي|يتعين\s+علي)\s|(?:^|\s)(?:يجب|ينبغي|يتعين)\s+ان\s|"
                           r"(?:^|\s)من\s+(?:المهم|الضروري|الواجب)\s+ان\s|(?:^|\s)(?:ندعو|نطالب|نناشد|نحث)\s")),
    ("SUPPORT", re.compile(r"(?:^|\s)[وف]?(?:نقدم\s+الشكر|نشكر|نتقدم\s+بالشكر|ندعم|نؤيد|نقف\s+الي\s+جانب|نثمن)\s")),
    ("AGREE", re.compile(r"(?:^|\s)[وف]?(?:سنتعاون|نتعاون|متفقون|اتفقنا|سنعمل\s+مع|مستعدون)\s")),
    ("REJECT", re.compile(r"(?:^|\s)[وف]?(?:نرفض|لن\s+نقبل|لن\s+نسمح)\s")),
    ("THREATEN", re.compile(r"(?:^|\s)[وف]?(?:سنرد|سوف\s+نرد|سنضرب)\s")),
]


def _quote_events(article: Article, events: list[Event]) -> list[Event]:
    """Requests, support and agreements in a speaker's direct words, at the meeting where they
    were said (the event the speaker takes part in), else at the article's place and date."""
    out: list[Event] = []
    for q in article.quotes:
        if not q.direct or q.speaker is None:
            continue
        words = fold(article.text[q.span.start:q.span.end])
        for type_, pattern in QUOTE_PATTERNS:
            hit = pattern.search(words)
            if not hit:
                continue
            target = _quote_target(article, q, hit.end(), words)
            if target is None or target == q.speaker:
                continue
            ev = Event(type=type_, source=[q.speaker], target=[target], evidence=Span(q.span.start, q.span.end, "EVIDENCE"),
                       trigger=q.cue, confidence=0.5)
            host = next((e for e in events if q.speaker in e.source + e.target), None)
            ev.location = host.location if host else None
            ev.date, ev.date_how = (host.date, "meeting") if host else (article.published, "published")
            if not any(e.type == ev.type and e.source == ev.source and e.target == ev.target for e in out):
                out.append(ev)
            break
    return out


def _quote_target(article: Article, q: Quote, folded_pos: int, folded_words: str) -> str | None:
    """The first named actor (or place used as one: واشنطن) in the quote after the pattern."""
    # map the folded position back roughly by proportion of characters, then take mentions after it
    ratio = folded_pos / max(1, len(folded_words))
    pos = q.span.start + int(ratio * (q.span.end - q.span.start)) - 2
    for m in article.mentions:
        if pos <= m.start < q.span.end and m.label in ("PER", "ORG", "LOC") and not m.attrs.get("demonym_of"):
            return article.entity_id_of(m)
    return None
