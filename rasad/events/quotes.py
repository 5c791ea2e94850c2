"""Direct quotes and reported speech, each with its speaker.

Direct quotes are the words between quote marks (“ ” « » " and the unbalanced marks that
scrapers leave: a ” used as an opener, a quote whose closing mark is missing — it then ends
with its paragraph, never later). The speaker is found from the speech cue before the quote
("قال X:", "وأضاف X", "والسفير X من جانبه قال") or after it ('"…"، قال X'); a cue with no
subject ("وأضاف”", "وقال:") carries the previous speaker over.
Reported speech ("قال X إن …", "أكد X أن …", "مشيراً إلى أن …") is kept with `direct=False`.
"""
from __future__ import annotations

import re

from rasad.analyse import lexicon as lx
from rasad.events.triggers import told_to
from rasad.model import Article, Mention, Quote, Span
from rasad.normalize import fold, fold_key

OPENERS = {"“": "”", "«": "»", '"': '"', "”": "”", "„": "”", "‘": "’"}
# which marks may close a quote opened by each mark: “…” is closed only by ”, so a "…" inside it
# stays inside; the loose marks scrapers leave (” as an opener, ASCII ") close on either form
CLOSERS = {"“": "”", "«": "»", '"': '"”', "”": "”“\"", "„": "”“", "‘": "’"}
ALL_MARKS = set("“”«»\"„")
WORD_RE = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u0660-\u0669\w]+")
THAT_RE = re.compile(r"(?:^|\s)(?:ب|و)?(?:إن|أن|ان|إنه|أنه|انه|إنها|أنها|انها|إنهم|أنهم|إلى أن|الى أن|الى ان)(?=\s)")
PARTICIPLE_CUES = {fold(w) for w in ("قائلا", "قائله", "مضيفا", "مضيفه", "مؤكدا", "مؤكده", "مشيرا", "مشيره",
                                      "موضحا", "موضحه", "معتبرا", "لافتا", "منوها", "مشددا", "محذرا", "داعيا",
                                      "مطالبا", "متابعا", "معربا")}   # (folded, as the cue words are: قايلا)


def find_quotes(article: Article) -> list[Quote]:
    text = article.text
    body = article.body_spans()
    people = sorted((m for m in article.mentions if m.label in ("PER", "ORG")), key=lambda m: m.start)
    states = [m for m in article.mentions if m.label == "LOC" and _state(text, m)]
    quotes: list[Quote] = []
    last_speaker: Mention | None = None
    last_unnamed = False        # the last to speak was someone not named
    direct_spans = []
    for para_start, para_end in _paragraphs(text, body):
        for q_start, q_end, closed in _quoted(text, para_start, para_end):
            words = WORD_RE.findall(text[q_start:q_end])
            if text[q_start:q_end].lstrip()[:1] in ".،,؛:":
                continue   # a closing mark taken for an opening one: what follows is no quote
            if _is_a_name(article, q_start, q_end):
                continue   # «داعش», "الدولة الإسلامية في العراق والشام": a name in marks
            if len(words) <= 4 and _glued_to_a_letter(text, q_start):
                continue   # 'بين و"حدات حماية الشعب"', 'بـ"الاحتلال"': a term glued to a clitic
            if RELATIVE_START.match(text, q_start):
                continue   # 'الطرادة "كروزر"يو إس إس مونتيريه" والتي أطلقت': marks paired wrongly
            speaker, cue, how = _speaker_before(text, q_start, para_start, people, states)
            if len(words) < 2 or len(words) < 3 and (cue is None or speaker is None or how == "participle"):
                continue   # "ذا فويس": a title in marks; a fragment counts only with its speaker,
                # and one word in marks ("فاشلة") is a term, not a statement
            if speaker is None and cue is None:
                speaker, cue, how = _speaker_after(text, q_end, para_end, people)
            if speaker is None and how == "unnamed":
                last_speaker, last_unnamed = None, True     # ("وأضاف" next goes on with them)
                continue
            if speaker is None and cue is not None:
                if last_unnamed:
                    continue    # "وقال عامل: …" then "وأضاف: …": still the one not named
                # "وأضاف”": the cue has no subject; the speaker is the one who spoke last, or
                # else the person the text was last about — or, after "جاء ذلك في بيان … حيث
                # ذكر:", whoever issued the statement
                issuer = _issuer_before(text, cue.start, people) \
                    if re.search(r"جاء\s+ذلك\s+(?:في|خلال)\s+بيان", text[max(para_start, cue.start - 150):cue.start]) \
                    else None
                speaker = issuer or last_speaker or _last_person_before(people, cue.start, cue.start - 800)
                how = "statement" if issuer else "carried-over"
            if speaker is None:
                continue
            last_speaker, last_unnamed = speaker, False
            direct_spans.append((q_start, q_end))
            quotes.append(Quote(Span(q_start, q_end, "QUOTE"), speaker=article.entity_id_of(speaker),
                                direct=True, cue=cue, speaker_how=how))
    quotes += _reported(article, people, direct_spans)
    return quotes


RELATIVE_START = re.compile(r"و?(?:التي|الذي|الذين|اللذان|اللتان)\s")


def _glued_to_a_letter(text: str, q_start: int) -> bool:
    """The opening mark of the quote at q_start stands right after a letter or a tatweel."""
    mark = q_start - 1
    while mark > 0 and text[mark].isspace():
        mark -= 1
    return mark > 0 and text[mark] in ALL_MARKS and ("\u0621" <= text[mark - 1] <= "\u064a" or text[mark - 1] == "ـ")


def _is_a_name(article: Article, start: int, end: int) -> bool:
    """Words in marks that are a name: mostly covered by mentions, or the title of what the
    word before the marks names (قناة "صدى البلد"، برنامج "بوليتيكا"، عملية "الدعم الحازم")."""
    covered = sum(min(end, m.end) - max(start, m.start) for m in article.mentions if m.start < end and start < m.end)
    if covered >= 0.7 * (end - start):
        return True
    if re.search(r"(?:^|\s)لـ?\s*$", article.text[max(0, start - 6):start].rstrip(" \"“”«")):
        return True     # 'وأضافت لـ"سكاي نيوز عربية"': whom it was said to
    inside = article.text[start:end].split()
    if inside and len(inside) <= 3 and re.search(r"(?:\.|\s|^)(?:نت|كوم|net|com|org)$", inside[-1].lower()):
        return True     # 'اطلعت عليها "العربية.نت"': a website
    if inside and len(inside) <= 8 and re.sub(r"^(?:ال|لل|بال)", "", fold(inside[0])) in NAMED_EVENTS \
            and all(_name_word(w) for w in inside[1:]):
        return True     # 'في كلمة ألقاها خلال "المؤتمر الإعلامي الدولي لمواجهة الإرهاب"': its name
    before = re.findall(r"[\u0621-\u064a]+", article.text[max(0, start - 25):start])
    if not before:
        return False
    # ("في حديثه لقناة «العربية الحدث»": with a glued preposition or article)
    def titled(raw: str) -> bool:
        folded = fold(raw)
        return folded in TITLED_THINGS or re.sub(r"^[وف]?(?:بال|لل|ال|[بل])?", "", folded) in TITLED_THINGS
    # (an adjective may stand between: 'في كتابه الجديد "ولاء أعلى"')
    return titled(before[-1]) or len(before) >= 2 and fold(before[-1]) in TITLE_ADJECTIVES and titled(before[-2])


def _name_word(word: str) -> bool:
    """A word that continues a name of a gathering: definite ("الدولي"), a genitive with ل
    ("لمواجهة"), a place ("دبي"); not a verb or a particle ("ستعقد في")."""
    folded = fold(word.strip("،,"))
    return folded.startswith(("ال", "لل", "وال")) or len(folded) > 3 and folded.startswith("ل") \
        or folded in lx.places() or folded.isdigit()


# Gatherings and campaigns whose name is written in marks
NAMED_EVENTS = {fold(w) for w in "مؤتمر منتدى مهرجان ملتقى معرض حملة مبادرة ندوة قمة مسابقة جائزة بطولة".split()}
ISSUED_BY = re.compile(r"بيان\s+(?:رسمي\s+)?(?:صادر\s+)?(?:عن|من)\s+(?:ال)?")
MEDIA_HEADS = {fold(w) for w in "وكالة صحيفة قناة موقع إذاعة تلفزيون جريدة مجلة شبكة".split()}
# Adjectives between such a noun and its title ("كتابه الجديد", "البرنامج التدريبي"), not a
# genitive ("عملية الإطلاق") nor a nationality ("لصحيفة ABC الإسبانية: …")
TITLE_ADJECTIVES = {fold(w) for w in """الجديد الجديدة الأخير الأخيرة الشهير الشهيرة الأول الأولى الثاني الثانية
    الثالث الثالثة التدريبي التدريبية التلفزيوني التلفزيونية الإذاعي الإذاعية الوثائقي الوثائقية الحواري""".split()}
# Nouns whose name or title follows in quote marks
TITLED_THINGS = {fold(w) for w in """قناة قناه صحيفة جريدة مجلة برنامج برنامجه برنامجها كتاب كتابه فيلم
    مسلسل أغنية رواية موقع وكالة إذاعة عملية حملة مبادرة مؤتمر منتدى مهرجان بعنوان عنوان وسم هاشتاغ
    شعار تطبيق منصة شركة مصادر مراسل مراسلة مراسلو فقرة زاوية عمود""".split()}


def _addressee(text: str, m: Mention) -> bool:
    """A name glued to ل, after لـ, or after "لوكالة": whom something was said to; or who
    interviewed the speaker ("وأضاف في اتصال هاتفي مع رويترز")."""
    return told_to(text, m.start) or bool(INTERVIEW_WITH.search(text[max(0, m.start - 40):m.start])) \
        or bool(TOLD_TO_TITLED.search(text[max(0, m.start - 40):m.start]))


# "قال لنظيره الروسي فلاديمير بوتين إن": the one told, named after his title
TOLD_TO_TITLED = re.compile(r"(?:^|\s)(?:ل|لل)(?:نظير|رئيس|وزير|ملك|أمير|امير|سفير|زعيم|مبعوث|ممثل)\S*(?:\s+[^\s،,.:]+){0,3}\s*$")


INTERVIEW_WITH = re.compile(r"(?:اتصال\s+هاتفي|مقابلة|مقابله|حوار|حديث|لقاء)\s+(?:\S+\s+)?مع\s+(?:\S+\s+)?$")
# a conjunction before أن that opens no reported speech
NOT_SPEECH_THAT = re.compile(r"(?:^|\s)(?:رغم|الرغم\s+من|بعد|قبل|منذ|حتي|الا|غير|كما|بما|لمجرد|لولا)\s*\S?$")
def _until(text: str, that: re.Match, cue: str) -> bool:
    """"ونفى X …، إلى أن ظهر فيديو": after a comma, إلى أن is "until" — unless the cue points to
    what is said ("وأشار X، الذي …، إلى أن")."""
    return bool(re.match(r"\s*(?:إلى|الى|إلي)\s", text[that.start():that.end()])) \
        and text[max(0, that.start() - 3):that.start()].rstrip().endswith(("،", ",")) \
        and not POINTS_TO.match(cue.lstrip("وف"))


# cues that take إلى أن: أشار، يشير، مشيرا، لفت، نوه، ألمح، خلص، ذهب، دعا، تطرق
POINTS_TO = re.compile(r"(?:ا|ي|ت|م)?(?:شار|شير|لفت|لافت|نوه|منوه|لمح|خلص|ذهب|دعا|تطرق)")


# "يذكر أن …", "يشار إلى أن …": "it is noted that", said by no one
IMPERSONAL_CUE = re.compile(r"\s*(?:[،,]\s*)?(?:(?:الي|إلى|الى)\s+)?(?:أن|ان|إن|أنّ)(?=\s)")


CARRIED_BY = re.compile(r"(?:نقل|نقلت|نقله|نقلها|نقلته|نقلتها|أورد|أوردت|اورد|اوردت|أوردها|أوردته|أوردتها"
                        r"|بث|بثت|بثها|بثته|بثتها|نشر|نشرت|نشره|نشرها|نشرته|نشرتها)"
                        r"\s+(?:(?:وكالة|وكاله|صحيفة|صحيفه|قناة|قناه|موقع|شبكة|شبكه|إذاعة|اذاعة)\s+)?"
                        r"(?:(?:أنباء|انباء)\s+)?[\"“«]?$")


CARRIED_IT = re.compile(r"(?:نقله|نقلها|نقلته|نقلتها|أورده|أوردها|أوردته|أوردتها|بثه|بثها|بثته|بثتها|نشره|نشرها|"
                        r"نشرته|نشرتها)\s+(?:\S+\s+){0,2}$")


def _carrier(text: str, m: Mention) -> bool:
    """A medium that carried the words ("في تصريحات نقلتها وكالة أنباء سبوتنيك"), not who spoke."""
    return bool(CARRIED_BY.search(text[max(0, m.start - 40):m.start]))


def _modifier(text: str, cue_end: int, m: Mention) -> bool:
    """A name that only describes the speaker: inside a relative clause ("وقال أطباء من المدينة
    التي يسيطر عليها الحوثيون إن") or as the owner of the speaker's employer ("المدير العام لشركة
    … التابعة للحكومة الصينية")."""
    between = fold(text[cue_end:m.start])
    # (only after people left unnamed: "ذكرت الدراسة التي أعدها الدكتور X أن" is X's study)
    return bool(UNNAMED_SPEAKER.match(text, cue_end)) and bool(re.search(r"(?:^|\s)(?:الذي|التي|الذين)\s[^،,]*$", between)) \
        or bool(re.search(r"(?:^|\s)(?:التابعه|التابع|التابعين|المملوكه|المملوك|المواليه|الموالي|الموالين)"
                          r"\s+(?:ل|لل)?\S*(?:\s+\S+){0,3}\s*$", between))
    # ("أكدت المقاومة الشعبية الموالية لحكومة الرئيس اليمني X أنها": whom the speaker is loyal to)


# an unnamed subject before its speech verb: "وكان مصدر مقرب من التحقيق قال، في وقت سابق، إن"
UNNAMED_BEFORE_CUE = re.compile(r"(?:^|\s)[وف]?(?:(?:كان|كانت|كانوا)\s+)?(?:مصدر|مصادر|مسؤول|مسؤولون|شاهد|شهود|طبيب|"
                                r"اطباء|أطباء|خبير|خبراء|سكان|ناشط|نشطاء)(?:\s+[^\s.،,:؛]+){0,5}\s*$")


def _statement_issuer(text: str, cue_end: int, people: list[Mention]) -> Mention | None:
    """"وأوضح البيان أن …": the statement speaks for whoever issued it, named earlier
    ("في بيان صادر عن الرئاسة الفرنسية", "وقال الإليزيه في بيان")."""
    if not re.match(r"\s*(?:ال)?بيان\b", text[cue_end:cue_end + 12]):
        return None
    return _issuer_before(text, cue_end, people)


def _issuer_before(text: str, cue_end: int, people: list[Mention]) -> Mention | None:
    """Who issued the statement last spoken of before `cue_end`."""
    window = text[max(0, cue_end - 1500):cue_end]
    offset = max(0, cue_end - 1500)
    # "بيان صادر عن الرئاسة الفرنسية": the issuer named with the statement wins
    named = [m for hit in ISSUED_BY.finditer(window) for m in people
             if m.start == offset + hit.end() and m.label in ("ORG", "PER")]
    if named:
        return named[-1]
    best = None
    for hit in re.finditer(r"بيان", window):
        pos = max(0, cue_end - 1500) + hit.start()
        # (who carried it is not who issued it; nor a name in another sentence, nor one it was
        # addressed to: "… لجبهة البوليساريو.\nجاء ذلك في بيان")
        near = [m for m in people if abs(m.start - pos) < 60 and m.label == "ORG"
                and (fold(text[m.start:m.end]).split() or [""])[0] not in MEDIA_HEADS
                and not re.search(r"[.!؟\n]", text[min(m.end, pos):max(m.start, pos)])
                and not told_to(text, m.start)]
        if near:
            best = min(near, key=lambda m: abs(m.start - pos))
        elif re.search(r"جاء\s+ذلك\s+(?:في|خلال)\s+$", text[max(0, pos - 20):pos]):
            # "جاء ذلك في بيان": the statement of the one the sentence before was about
            prev_end = text.rfind(".", 0, pos - 1)
            prev_start = max(text.rfind(".", 0, prev_end), text.rfind("\n", 0, prev_end)) + 1 if prev_end > 0 else 0
            before = [m for m in people if prev_start <= m.start < pos and m.label in ("ORG", "PER")]
            best = before[0] if before else best
    return best


def _paragraphs(text: str, body: list[tuple[int, int]]):
    for a, b in body:
        pos = a
        for line in text[a:b].split("\n"):
            if line.strip():
                yield pos, pos + len(line)
            pos += len(line) + 1


def _quoted(text: str, start: int, end: int):
    """(start, end, closed) of quoted stretches in one paragraph, marks excluded."""
    i = start
    while i < end:
        ch = text[i]
        if ch in OPENERS:
            j = i + 1
            depth = 0
            while j < end:
                c = text[j]
                if (ch == "«" and c == "«") or (ch == "“" and c == "“"):
                    depth += 1
                elif c in CLOSERS[ch]:
                    if depth == 0:
                        break
                    depth -= 1
                j += 1
            q_start, q_end = i + 1, min(j, end)
            closed = j < end
            s, e = _trim(text, q_start, q_end)
            if e > s:
                yield s, e, closed
            i = j + 1
        else:
            i += 1


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ALL_MARKS):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ALL_MARKS):
        e -= 1
    return s, e


def _cue_words(text: str, a: int, b: int):
    """(folded word without و/ف, start, end) for words in text[a:b]."""
    for m in WORD_RE.finditer(text, a, b):
        yield _cue_form(fold(m.group())), m.start(), m.end()


def _cue_form(w: str) -> str:
    """A speech verb's base form: without و/ف before it and the dual/plural ending after it
    ("وأضافا" → اضاف, "قالوا" → قال)."""
    known = lx.SPEECH_VERBS | PARTICIPLE_CUES
    for cand in (w, w[1:] if w[:1] in "وف" else None):
        if not cand:
            continue
        if cand in known:
            return cand
        for suffix in ("وا", "ا"):
            if cand.endswith(suffix) and cand[:-len(suffix)] in lx.SPEECH_VERBS:
                return cand[:-len(suffix)]
    return w


def _speaker_before(text: str, q_start: int, para_start: int, people: list[Mention],
                    states: list[Mention] = ()):
    """Look back from the quote, within its clause, for a speech cue and its subject — on the
    line before when the quote opens its paragraph after "وقال X:"."""
    if not text[para_start:q_start].strip(" \t\"“”«") and text[:para_start].rstrip().endswith(":"):
        para_start = text.rfind("\n", 0, len(text[:para_start].rstrip())) + 1
    window_start = max(para_start, q_start - 220)
    clause = text[window_start:q_start]
    # the clause ends at the last sentence break before the quote
    cut = max(clause.rfind("."), clause.rfind("؟"), clause.rfind("!"))
    if cut >= 0:
        window_start += cut + 1
    cues = [(w, s, e) for w, s, e in _cue_words(text, window_start, q_start)
            if w in lx.SPEECH_VERBS or w in PARTICIPLE_CUES]
    if not cues:
        return None, None, None
    if len(cues) > 1 and cues[-1][0] in STATEMENT_NOUNS and cues[-2][0] not in STATEMENT_NOUNS:
        cues = cues[:-1]    # "وقالت لجنة تحقيق في بيان:": the verb says who speaks, not the statement
    word, cs, ce = cues[-1]
    cue = Span(cs, ce, "CUE")
    if word in PARTICIPLE_CUES:
        # "…، مؤكداً أن": the subject of the main verb, the first person its sentence names
        # ("التقى X بـY، مؤكدا"); a sentence naming none ("ونوه بأن …، معتبرا") continues
        # the one who spoke last
        before = text[max(para_start, cs - 600):cs]
        breaks = [i for i, ch in enumerate(before) if ch in ".؟!\n"]
        sentence_start = max(para_start, cs - 600) + (breaks[-1] + 1 if breaks else 0)
        # (the clause the participle hangs on, after "بينما"، "فيما"، "في حين": "…، بينما نفت
        # كولومبيا هذه الاتهامات قائلة إنها" is Colombia's, though Maduro opened the sentence)
        turn = max((t.end() for t in CLAUSE_TURN.finditer(text, sentence_start, cs)), default=sentence_start)
        if turn > sentence_start:
            in_turn = sorted([m for m in list(people) + list(states) if turn <= m.start and m.end <= cs],
                             key=lambda m: (m.label != "PER", m.start))
            if in_turn:
                return in_turn[0], cue, "participle"
        subj = next((m for m in people if sentence_start <= m.start and m.end <= cs and m.label == "PER"), None)
        if subj is None and any(w in lx.SPEECH_VERBS and UNNAMED_SPEAKER.match(text, e)
                                for w, _, e in _cue_words(text, sentence_start, cs)):
            return None, cue, "unnamed"     # "وقال عامل نيبالي للصحيفة: …، مضيفا": no one named
        return subj, cue, "participle"
    # the one told ("أفاد مصدر لبي بي سي بأن"، "قال لوكالة …") is not the speaker; nor, after
    # the complementizer, a name of what was said ("واعتبر أن تصعيد الحوثيين …"), unless a
    # speech verb follows it ("وأضاف البيان أن ماكرون أشاد")
    that = THAT_RE.search(text, ce, q_start)
    after = [m for m in people if ce <= m.start < q_start and not _addressee(text, m) and not _carrier(text, m)
             and not _modifier(text, ce, m)
             and (that is None or m.start < that.start() or _speaks(text, m.end, q_start))]
    if word in DESCRIBE_CUES and after and after[0].start - ce < 25 and DESCRIBED_AS.match(text, after[0].end):
        after = after[1:]   # "وصف X بأنها": X is described ("وصف ماكرون الحادث بأنه": Macron describes)
    unnamed = UNNAMED_SPEAKER.match(text, ce)
    if unnamed and not any(ce <= m.start < unnamed.end() for m in people):   # ("جماعة الإخوان" is named)
        return None, cue, "unnamed"     # "وقال أحد قادة المعارضة إنها …": someone not named
    # "وأعلن سفير فرنسا في الأمم المتحدة فرانسوا دولاتر أن": the organisation is the
    # speaker's office; the person named after it speaks ("وأضاف البيان أن ماكرون أشاد ")
    person = next((m for m in after if m.label == "PER"), None)
    if person is not None:
        return person, cue, "explicit"
    issuer = _statement_issuer(text, ce, people)
    if issuer is not None:
        return issuer, cue, "statement"
    if after:
        return after[0], cue, "explicit"
    before = [m for m in people if window_start <= m.start and m.end <= cs and not _topic(text, m)
              # ("في بيان نشرته وكالة الأنباء القطرية، حيث ذكر:": it carried the statement)
              and not CARRIED_IT.search(text[max(0, m.start - 30):m.start])]
    if before:
        # "والسفير X من جانبه قال”", "استقبل X … وفدا من Y، وأكد "…"": the clause's subject, the
        # first person it names, speaks — not the nearest name
        persons = [m for m in before if m.label == "PER"]
        return (persons[0] if persons else before[-1]), cue, "explicit-before"
    return None, cue, None


def _head_noun_subject(text: str, people: list[Mention], cue_start: int, cue_end: int):
    """"وقال البنك، في جلسة علانية، إنه …": a definite head noun right after the cue is the
    subject; it stands for the last organisation named before with that head ("بنك كومنولث
    أستراليا"). (is it such a noun, the organisation or None)"""
    word = re.match(r"\s+([\u0621-\u064a]+)(?=[\s،,]|$)", text[cue_end:cue_end + 30])
    folded = fold(word.group(1)) if word else ""
    if folded.startswith("ال") and len(folded) > 4 and folded[2:] not in lx.ORG_HEADS and _unnamed_body(folded):
        return True, None   # "وقال الادعاء العام"، "قال الجهاز السري الأميركي": a body named by no name
    if not folded.startswith("ال") or folded[2:] not in lx.ORG_HEADS:
        return False, None
    return True, _named_with_head(text, people, folded[2:], cue_start)


def _named_with_head(text: str, people: list[Mention], head: str, before: int) -> Mention | None:
    """The last organisation named before `before` with the head noun `head` (folded, without
    the article), in its name ("بنك كومنولث أستراليا") or right before it ('صحيفة "ماركا"')."""
    for m in reversed([m for m in people if m.label == "ORG" and m.end <= before]):
        word_before = re.search(r"([\u0621-\u064a]+)[\s\"«“]*$", text[max(0, m.start - 20):m.start])
        if (fold(text[m.start:m.end]).split() or [""])[0].removeprefix("ال") == head or \
                word_before and re.sub(r"^[وفبل]", "", fold(word_before.group(1))) == head:
            return m
    return None


def _office_holder(article: Article, phrase: str, before: int) -> Mention | None:
    """An office of two words or more as the subject ("وقال الرئيس الروسي إن"): the mention of
    the person named earlier with that office in his title, if any."""
    words = phrase.replace("،", " ").replace(",", " ").split()
    head = fold(words[0]) if words else ""
    if not 2 <= len(words) <= 4 or not (head in lx.OFFICE_HEADS or head[:1] in "وف" and head[1:] in lx.OFFICE_HEADS):
        return None
    key = fold_key(" ".join(words))
    for ent in reversed(article.entities):
        if ent.type == "PER" and any(fold_key(t).startswith(key) or key.startswith(fold_key(t)) and len(t.split()) >= 2
                                     for t in ent.titles):
            earlier = [m for m in ent.mentions if m.end <= before]
            if earlier:
                return earlier[-1]
    return None


def _unnamed_body(folded: str) -> bool:
    """A definite noun after a speech verb that names a body, not a person's office or title
    (which refers back to a person: "وقال الرئيس"), nor a time ("وقال اليوم")."""
    from rasad.analyse.ner.titles import TITLE_WORDS
    return folded in UNNAMED_BODIES and folded not in lx.HONORIFICS and folded not in lx.OFFICE_HEADS \
        and folded not in TITLE_WORDS


# (bodies with an organisation's head word — الشركة، الوزارة — stand for the last one named so)
UNNAMED_BODIES = {fold(w) for w in "الادعاء النيابة الجهاز السلطات المعارضة الدفاع الموقع".split()}


CLAUSE_TURN = re.compile(r"(?:^|\s)(?:بينما|فيما|في\s+حين)\s")
DESCRIBE_CUES = {"وصف", "وصفت", "يصف"}
DESCRIBED_AS = re.compile(r"[\s،,]*(?:ب|على\s+(?:أن|ان|انه|أنه|انها|أنها)\s)")
STATEMENT_NOUNS = {"بيان", "تصريح", "تصريحات", "كلمه", "خطاب", "تغريده", "بيانها", "بيانه"}
# A speaker named by a common noun right after the cue: not to be confused with who spoke before
UNNAMED_SPEAKER = re.compile(r"\s+(?:(?:ال)?(?:يوم|أمس|امس|الاثنين|الإثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|السبت|الأحد|"
                             r"الاحد|هذا\s+الأسبوع|هذا\s+الاسبوع|أيضا|ايضا)[،,]?\s+)*"
                             r"(?:أحد|احد|مسؤول|مسئول|مسؤولون|مسؤولان|مصدر|مصدران|مصادر|متحدث|ناطق|شاهد|شاهدان|شهود|خبير|خبراء|محلل|محللون|"
                             r"دبلوماسي|دبلوماسيون|نشطاء|ناشط|ناشطون|ناشطين|المراسل|سكان|مواطن|مواطنون|مراقبون|باحث|باحثون|مسؤولو|قادة|قيادي|"
                             r"أطباء|اطباء|طبيب|مسعفون|موظفون|مقربون|القائمون|القائمين|عامل|عمال|العمال|"
                             r"مراسلون|مراسل|مراسلين|أنصاره|انصاره|أنصارها|انصارها|أنصار|انصار|مؤيدون|منتقدون|"
                             r"معارضون|تقارير|تقرير|البعض|بعض|المؤرخون|المؤرخين|الخبراء|المحللون|المراقبون|الباحثون|"
                             # and bodies left unnamed: "وقالت لجنة تحقيق روسية في بيان:"
                             r"لجنة|هيئة|منظمة|جمعية|وكالة|شركة|مؤسسة|مجموعة|جماعة|صحيفة|"
                             # and those spoken of before, unnamed: "وأضاف المسؤول نفسه", "وقال المصدر"
                             r"المصدر|المصادر|(?:المسؤول|المسئول|المتحدث|الدبلوماسي|الشاهد)\s+(?:نفسه|ذاته))"
                             r"(?=[\s،,])")
TOPIC_BEFORE = re.compile(r"(?:^|\s)[وف]?(?:حول|بشأن|بشان|بخصوص|وبخصوص|إزاء|ازاء|تجاه)\s+$")


def _state(text: str, m: Mention) -> bool:
    """A country or a capital standing for its government."""
    return m.attrs.get("kind") == "country" and not m.attrs.get("demonym_of") \
        or fold_key(text[m.start:m.end]) in lx.CAPITALS


def _topic(text: str, m: Mention) -> bool:
    """"وحول جماعة الإخوان، قال …": what the speaker spoke about, not who."""
    return bool(TOPIC_BEFORE.search(text[max(0, m.start - 10):m.start]))


def _speaks(text: str, pos: int, before: int | None = None) -> bool:
    """A speech verb within two words after `pos` (and before `before`, where the quote opens:
    in 'إن ترمب "نفى بقوة"' the verb is inside the words quoted): "أن ماكرون أشاد"."""
    end = pos + 30 if before is None else min(pos + 30, before)
    return any(w in lx.SPEECH_VERBS or w in PRAISE_VERBS for w, _, _ in list(_cue_words(text, pos, end))[:2])


PRAISE_VERBS = {"اشاد", "اشادت", "يشيد", "تشيد", "رحب", "رحبت", "يرحب", "ترحب", "ثمن", "ثمنت"}


def _speaker_after(text: str, q_end: int, para_end: int, people: list[Mention]):
    """'"…"، قال X' — a cue right after the closing mark, then its subject."""
    window_end = min(para_end, q_end + 80)
    for w, s, e in _cue_words(text, q_end, window_end):
        if w in lx.SPEECH_VERBS:
            after = [m for m in people if e <= m.start < window_end]
            if after:
                return after[0], Span(s, e, "CUE"), "explicit-after"
            return None, Span(s, e, "CUE"), None
        break
    return None, None, None


def _body_before_cue(text: str, people: list[Mention], clause_start: int, cue_start: int):
    """"لكن الصحيفة الإسبانية كشفت أن": a definite body noun (and its adjective) right before the
    cue is its subject; it stands for the last organisation named with that head ('صحيفة
    "ماركا"'). (is there such a noun, that organisation or None)"""
    hit = re.search(r"(?:^|\s)[وف]?ال([\u0621-\u064a]+)(?:\s+ال[\u0621-\u064a]+)?\s+$",
                    text[max(clause_start, cue_start - 40):cue_start])
    head = fold(hit.group(1)) if hit else ""
    if head not in lx.ORG_HEADS:
        return False, None
    return True, _named_with_head(text, people, head, cue_start)


def _last_person_before(people: list[Mention], pos: int, floor: int) -> Mention | None:
    cands = [m for m in people if floor <= m.start and m.end <= pos and m.label == "PER"]
    return cands[-1] if cands else None


def _reported(article: Article, people: list[Mention], direct: list[tuple[int, int]]) -> list[Quote]:
    """'قال X إن …' / 'أكد X أن …': the clause after إن/أن to the end of the sentence."""
    text = article.text
    out: list[Quote] = []

    for sent in article.sentences:
        if article.is_removed(sent.start) or not THAT_RE.search(text, sent.start, sent.end):
            continue
        cues = [c for c in _cue_words(text, sent.start, sent.end)
                if c[0] in lx.SPEECH_VERBS and c[0] not in ("بيان", "تصريح", "تصريحات", "قوله")]
        for w, s, e in cues:
            that = THAT_RE.search(text, e, min(sent.end, e + 160))
            if not that:
                continue
            if any(e < s2 < that.start() and CLAUSE_TURN.search(text, e, s2 + 1) for _, s2, _ in cues):
                continue    # "ووصفت X الحادثة …، بينما قال Y إن …": what follows إن is the nearer cue's
            if w in ("يذكر", "يشار", "يذكران") and IMPERSONAL_CUE.match(text, e):
                break       # "يذكر أن خسارة الجيش …": a reminder, nobody's words
            q_start = that.end()
            if any(a <= q_start < b or q_start <= a < sent.end for a, b in direct):
                continue
            if re.search(r"(?:^|\s)(?:معها|معه|معهم|إليها|اليها|إليه|اليه|إليهم|اليهم)\s+(?:على|علي)\s*$",
                         text[max(0, that.start() - 16):that.start()]):
                continue    # "تعامل معها على أنها أعمال إرهابية", "ينظر إليه على أنه": "as", not speech
            if NOT_SPEECH_THAT.search(fold(text[max(0, that.start() - 14):that.start() + 1])) \
                    or _until(text, that, w):
                continue    # "على الرغم من أن", "كما أنه", "بعد أن", "إلى أن ظهر": a conjunction, no speech
            subj = [m for m in people if e <= m.start < that.start() and not _addressee(text, m)
                    and not _carrier(text, m) and not _modifier(text, e, m)]
            subj = [m for m in subj if m.label == "PER"] or subj
            if not subj:
                # "قالت الولايات المتحدة، الثلاثاء، إنها …": a state speaks through its government
                subj = [m for m in article.mentions if m.label == "LOC" and e < m.start < min(that.start(), e + 4)
                        and _state(text, m)]
            if not subj:
                # "وقال الرئيس الروسي إن …": the one named earlier with that office
                holder = _office_holder(article, text[e:that.start()], s)
                subj = [holder] if holder is not None else subj
            if not subj and (UNNAMED_SPEAKER.match(text, e) or UNNAMED_BEFORE_CUE.search(text, max(sent.start, s - 60), s)):
                break       # "وقال أحد قادة المعارضة إنها …", "وكان مصدر … قال إن": someone not named
            if not subj:
                head, named = _head_noun_subject(text, people, s, e)
                if head:
                    if named is None:
                        break   # "وقالت الشركة إن …" with no company named before: not the last person
                    subj = [named]
            if not subj and re.search(r"(?:^|\s)[وف]?(?:ما|مما|من)\s+$", text[max(sent.start, s - 6):s]):
                break       # "ولم يكن هناك ما يشير إلى أنه": nothing indicates — no one speaks
            conjoined = text[s:s + 1] in ("و", "ف") or text[s - 1:s] in ("و", "ف") and (s < 2 or text[s - 2].isspace())
            if not subj and not conjoined:
                # "وكانت دانييلز قالت … إنها", "تقرير لصحيفة X، أفاد بأن": the subject before the cue —
                # the first name after كان, else the name right before (a verb joined by و has the
                # subject of the clause before it)
                was = re.search(r"(?:^|\s)[وف]?(?:كان|كانت|كانوا)\s", text[max(sent.start, s - 120):s])
                if was is not None:
                    start = max(sent.start, s - 120) + was.end()
                    # (a person first: "وكان مدرب أرسنال الفرنسي أرسين فينغر"; never after a preposition:
                    # "وكان الاتفاق مع مفوضية اللاجئين يقضي")
                    named = [m for m in people if start <= m.start and m.end <= s and not _modifier(text, start, m)
                             and not re.search(r"(?:^|\s)(?:مع|من|في|عن|على|إلى|الى|ضد)\s+$|[بل]$",
                                               text[max(start, m.start - 6):m.start])]
                    subj = ([m for m in named if m.label == "PER"] or named)[:1]
                else:
                    subj = [m for m in people if s - 25 <= m.end <= s and re.fullmatch(r"[\s،,]*", text[m.end:s])
                            and m.start >= sent.start][-1:]
            if not subj and not conjoined:
                body, named = _body_before_cue(text, people, sent.start, s)
                if body and named is None:
                    break   # "لكن الصحيفة الإسبانية كشفت أن": a paper no name was given for
                subj = [named] if named is not None else subj
            speaker = subj[0] if subj else _last_person_before(people, s, sent.start - 400)
            if speaker is None:
                continue
            speaker_id = article.entity_id_of(speaker)
            qs, qe = _trim(text, q_start, sent.end)
            if qe - qs < 8:
                continue
            out.append(Quote(Span(qs, qe, "QUOTE"), speaker=speaker_id, direct=False,
                             cue=Span(s, e, "CUE"), speaker_how="explicit" if subj else "carried-over"))
            break
    return out
