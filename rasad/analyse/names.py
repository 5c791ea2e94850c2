"""Names from gazetteers and patterns: places (GeoNames, countries), known organisations,
organisation and facility heads with their complements, and people after honorifics and
offices or starting with a known given name.

This rule pass complements the trained recogniser (`rasad.analyse.ner`): it knows places'
GeoNames ids and ISO codes, and finds long organisation names that follow a regular shape.
Every mention is a span of the original text without its proclitics (و، ف، ب، ل، ك).
"""
from __future__ import annotations

import re

from dataclasses import dataclass
from functools import lru_cache

from rasad.analyse import lexicon as lx
from rasad.analyse.ner import demonym_country, known_name, name_stops_at, person_word, place_word
from rasad.analyse.ner.titles import QUALIFIERS, TITLE_WORDS
from rasad.analyse.tokens import clitic_split, vocabulary, words
from rasad.model import Mention, Span
from rasad.normalize import fold

MAX_NAME_WORDS = 7
OFFICE_LINKS = {fold(w) for w in "باسم لدى".split()}
NAME_LINKS = {fold(w) for w in "بن ابن بنت أبو ابو عبد آل".split()}
# given names that fold like a particle (علي / على): names after بن/أبو
NAMES_LIKE_PARTICLES = {fold("علي")}


@dataclass
class Word:
    start: int          # span of the word without its proclitics (ال kept)
    end: int
    raw_start: int      # span of the word as written
    folded: str         # folded, proclitics (not ال) removed; لل restored to ال
    joined_next: bool   # only white space between this word and the next
    conj: bool = False  # written with a conjunction و/ف before it
    prefix: str = ""    # the proclitics written before the word

    @property
    def definite(self) -> bool:
        return self.folded.startswith("ال") and len(self.folded) > 3


@lru_cache(maxsize=100_000)
def _word_parts(raw: str, is_word: bool) -> tuple[int, str, bool]:
    """(length of the proclitics left out of a name, folded remainder, conjunction?) of one
    written word; cached, since news repeats its words."""
    cuts = clitic_split(raw) if is_word else ()
    f = fold(raw)
    # keep ال inside the name; drop only the particles before it
    letters = 0
    for n in cuts:
        if fold(raw[letters:letters + n]) == "ال":
            break
        letters += n
    if letters:
        f = fold(raw[letters:])
        if fold(raw[:letters]).endswith("لل"):
            # لل = ل + the article, whose alef is elided: restore it for matching
            f = "ال" + f
    conj = bool(cuts) and fold(raw[:1]) in "وف"
    if not cuts and is_word and f[:1] == "و" and len(f) >= 4 and vocabulary().get(f, 0) < 3:
        # an unknown word after و (وفنر): most likely the conjunction before a rare name
        letters, f, conj = 1, f[1:], True
    return letters, f, conj


def analyse_words(text: str) -> list[Word]:
    spans = _hashtag_parts(text, words(text))
    out: list[Word] = []
    for k, sp in enumerate(spans):
        letters, f, conj = _word_parts(text[sp.start:sp.end], sp.label == "WORD")
        start = sp.start + letters
        nxt = spans[k + 1] if k + 1 < len(spans) else None
        # the parts of a hashtag are joined by _ ("#جنوب_السودان")
        joined = bool(nxt) and text[sp.end:nxt.start].strip(" \t\n\r\u00a0_#") == ""
        out.append(Word(start, sp.end, sp.start, f, joined, conj, text[sp.start:start]))
    return out


def _hashtag_parts(text: str, spans: list[Span]) -> list[Span]:
    """Arabic hashtags read as their words: "#جنوب_السودان" → جنوب, السودان (no clitics: the
    first letter after # belongs to the word)."""
    out: list[Span] = []
    for sp in spans:
        if sp.label != "TAG" or text[sp.start] != "#" or not re.search(r"[\u0621-\u064a]", text[sp.start:sp.end]):
            out.append(sp)
            continue
        for part in re.finditer(r"[^#_]+", text[sp.start:sp.end]):
            out.append(Span(sp.start + part.start(), sp.start + part.end(), "TAGWORD"))
    return out


def _is_common(word: str) -> bool:
    """A frequent ordinary word (not a name) by corpus frequency, names list aside."""
    vocab = vocabulary()
    return vocab.get(word, 0) > 1500 and word not in lx.first_names() and not _family_name(word)


def _family_name(word: str) -> bool:
    """A listed family name with the article whose bare form the news hardly uses (السيسي،
    الحريري, however frequent); العربي, الدفاع, الحلف have common bare forms."""
    if not word.startswith("ال") or word.endswith("ه"):
        return False        # (a feminine adjective, المقدسة, is no family name)
    vocab = vocabulary()
    return vocab.get(word[2:], 0) < 0.04 * vocab.get(word, 0) and known_name(word)


def _namey(w: Word) -> bool:
    f = w.folded
    if len(f) < 2 or f in lx.STOP or f in lx.HONORIFICS or f in lx.OFFICE_HEADS:
        return False
    if f in lx.ORG_HEADS or f in lx.LOC_HEADS:
        return False
    return not f.isdigit()


def find_names(text: str) -> list[Mention]:
    """Rule-based mentions over `text` (PER, ORG, LOC), longest match first, no overlaps."""
    ws = analyse_words(text)
    found: list[Mention] = []
    found += _gazetteer(text, ws)
    found += _organisations(ws)
    found += _facilities_and_regions(ws)
    found += _people(text, ws)
    return _resolve_overlaps(found)


def _phrase(ws: list[Word], i: int, n: int) -> str | None:
    if i + n > len(ws) or any(not ws[j].joined_next for j in range(i, i + n - 1)):
        return None
    return " ".join(w.folded for w in ws[i:i + n])


def _gazetteer(text: str, ws: list[Word]) -> list[Mention]:
    out: list[Mention] = []
    places = lx.places()
    starts = lx.name_starts()
    for i in range(len(ws)):
        f = ws[i].folded
        if f not in starts and not (f.startswith("ال") and f[2:] in starts):
            continue
        for n in (4, 3, 2, 1):
            key = _phrase(ws, i, n)
            if key is None:
                continue
            if key not in lx.KNOWN_ORGS and n > 1:
                # a name with a clitic inside it: "أطباء بلا حدود"
                glued = " ".join(w.folded if k == 0 else fold(w.prefix) + w.folded for k, w in enumerate(ws[i:i + n]))
                key = glued if glued in lx.KNOWN_ORGS else key
            if key in lx.KNOWN_ORGS:
                if key in lx.VENUES and i > 0 and ws[i - 1].joined_next and ws[i - 1].folded in VENUE_BEFORE:
                    # "في البيت الأبيض": the building, a place; "قال البيت الأبيض": the office
                    out.append(Mention(ws[i].start, ws[i + n - 1].end, "LOC",
                                       {"how": "gazetteer", "canonical": lx.KNOWN_ORGS[key], "kind": "site"}))
                else:
                    attrs = {"how": "gazetteer", "canonical": lx.KNOWN_ORGS[key]}
                    if key in AMBIGUOUS_ORGS and _ordinary_reading(text, ws, i, n):
                        attrs["ambiguous"] = True   # "بفتح باب الحوار", "القاعدة العسكرية"
                    out.append(Mention(ws[i].start, ws[i + n - 1].end, "ORG", attrs))
                break
            place = places.get(key)
            if place is None and key.startswith("ال") and len(key) > 5:
                # a city written with or without the article (الرقة، رقة); a country named
                # without it is never written with it: المالي is financial, not Mali
                place = places.get(key[2:])
                if place is not None and (place["kind"] == "country" or place.get("iso2") not in REGION
                                          or vocabulary().get(key, 0) < vocabulary().get(key[2:], 0)):
                    # (a far city's name never takes it: الرالي is the rally; nor a city the news
                    # names without it: الحمص is chickpeas, Homs is حمص)
                    place = None
            if place is not None and key in ADJECTIVE_COUNTRIES and _adjective_not_country(text, ws, i):
                break       # "سوء تصرف مالي": financial misconduct, not Mali
            if place is not None and text[ws[i + n - 1].end - 1:ws[i + n - 1].end] == "\u064b":
                break       # "موقعاً سورياً": a place name takes no tanween, its adjective does
            if place is not None and n == 1 and key in lx.first_names() and _family_name_after(ws, i):
                break       # "حوار: آسيا العتروس": a woman named Asia (see family_name_after)
            if place is not None and n == 1 and not ws[i].prefix and i > 0 and ws[i - 1].joined_next \
                    and ws[i - 1].folded in NEGATIONS:
                break       # "الذي لم يزد على": a verb after the negation, not the city of Yazd
            ambiguous = n == 1 and place is not None and place["kind"] != "country" \
                and _ambiguous_place(key, place)
            if place and (not ambiguous or _locative_cue(text, ws, i)):
                attrs = {"how": "gazetteer", **_place_attrs(place)}
                if ambiguous:
                    attrs["ambiguous"] = True     # also an ordinary word: the recogniser must agree
                out.append(Mention(ws[i].start, ws[i + n - 1].end, "LOC", attrs))
                break
    return out


NEGATIONS = {fold(w) for w in "لم لن".split()}     # (a verb follows them)


# Organisations known by a bare word that is also an ordinary word (opening, base, brothers):
# where the word reads as such, the recogniser must agree
AMBIGUOUS_ORGS = {fold(w) for w in "فتح القاعدة الإخوان".split()}
def _ordinary_reading(text: str, ws: list[Word], i: int, n: int) -> bool:
    """The bare organisation name at ws[i:i+n] reads as an ordinary word here: glued to ب/ل
    ("بفتح"), or running on into a noun or adjective of its own ("فتح باب"، "القاعدة
    العسكرية") rather than ending at a pause or a function word ("مسلحين من فتح في غزة")."""
    if fold(ws[i].prefix)[-1:] in ("ب", "ل"):
        return True
    if ws[i].folded == fold("فتح") and n == 1 and opened_after(text, ws[i].end):
        return True     # 'إلى فتح "تحقيق فوري"'
    if i > 0 and ws[i - 1].joined_next and ws[i - 1].folded in MASDAR_BEFORE:
        return True     # "بمثابة فتح علبة ديدان", "إعادة فتح المعبر": the verbal noun
    j = i + n
    return j < len(ws) and ws[j - 1].joined_next and not ws[j].conj and ws[j].folded not in lx.STOP


# what is opened after فتح: the verbal noun, not the Palestinian movement
_OPENED_AFTER = re.compile(r"\s+[\"«“]?(?:ال)?(?:تحقيق|تحقيقا|باب|الابواب|أبواب|ابواب|ملف|ملفات|معبر|معابر|طريق|طرق|"
                          r"حساب|حسابات|مكتب|مكاتب|فرع|فروع|جبهة|جبهات|النار|نيران|الحدود|حدود|المجال|مجال|"
                          r"صفحة|قناة|قنوات|حوار|الحوار)(?=[\s،,.\"»”]|$)")


def opened_after(text: str, pos: int) -> bool:
    """What is opened follows فتح at `pos` ("فتح تحقيق", 'فتح "تحقيق فوري"'): the verbal noun."""
    return bool(_OPENED_AFTER.match(text, pos))


MASDAR_BEFORE = {fold(w) for w in "بمثابة إعادة اعادة قرار عقب إثر اثر بشأن تم يتم سيتم".split()}
VENUE_BEFORE = {fold(w) for w in "في إلى الى من داخل أمام".split()}
AMBIGUOUS_PLACES = {fold(w) for w in "عمر جمال امل سلام نور اليوم العين الحرة العاصمة المنطقة الدولة الوطن الجزيرة إعزاز "
                    "الامل الشرق الغرب حمى الرئيس منى هدى دوما".split()}


# Words after which a country name spelled like its nationality adjective (سورية) is the
# country: prepositions ("في سورية") and the end of a previous clause.
COUNTRY_BEFORE = {fold(w) for w in "في إلى الى من عن على مع حول بين داخل خارج ضد تجاه نحو عبر لدى".split()}


def adjective_reading(text: str, start: int) -> bool:
    """Whether the word at `start`, written like both a country and its nationality
    adjective (سورية: Syria, Syrian), is the adjective here: with the article, after an
    indefinite noun ("مناطق سورية"، "مصادر سورية") or another nationality ("قوات روسية
    وسورية"); not after a preposition, a glued ب/ل, a definite subject ("زار الوفد سورية")
    or a verb (a word never seen with the article: "تزور سورية")."""
    ws = analyse_words(text[max(0, start - 60):start + 30])
    offset = max(0, start - 60)
    i = next((k for k, w in enumerate(ws) if w.raw_start + offset == start or w.start + offset == start), None)
    if i is None:
        return False
    if ws[i].definite:
        # السورية is the adjective; السعودية, a name with the article, the country
        return ws[i].folded not in lx.places()
    if i == 0 or not ws[i - 1].joined_next:
        return False
    w, prev = ws[i], ws[i - 1]
    if fold(w.prefix)[-1:] in ("ب", "ل") or prev.folded in COUNTRY_BEFORE or prev.definite:
        return False
    if w.conj and demonym_country(prev.folded) is not None:
        return True
    return not w.conj and _takes_article(prev.folded)


# Countries whose name is also a common indefinite adjective (مالي: financial)
ADJECTIVE_COUNTRIES = {fold(w) for w in "مالي".split()}
# Nouns a country name follows as their genitive: "شمال مالي", "رئيس مالي", "سفارة مالي"
GOVERNED_BY_COUNTRY = {fold(w) for w in """شمال جنوب شرق غرب وسط دولة جمهورية حكومة رئيس رئيسة شعب جيش
    عاصمة سفير سفيرة سفارة وزير وزيرة خارجية منتخب أراضي حدود مناطق""".split()}


def _adjective_not_country(text: str, ws: list[Word], i: int) -> bool:
    """The one-word country at ws[i], spelled like a common adjective, is that adjective here:
    after an indefinite noun ("دعم مالي") that does not govern a country ("شمال مالي")."""
    if i == 0 or not ws[i - 1].joined_next or ws[i - 1].folded in GOVERNED_BY_COUNTRY:
        return False
    return adjective_reading(text, ws[i].start)


def _family_name_after(ws: list[Word], i: int) -> bool:
    if i + 1 >= len(ws) or not ws[i].joined_next or ws[i + 1].prefix or ws[i + 1].conj:
        return False
    return ws[i + 1].definite and family_name_word(ws[i + 1].folded)


def family_name_word(folded: str) -> bool:
    """A folded definite word that reads as a family name after a given name: rare, neither an
    adjective nor a place ("آسيا العتروس"; not "آسيا الوسطى", "أمريكا اللاتينية")."""
    return folded.startswith("ال") and not _adjective_like(folded) and folded not in lx.places() \
        and folded not in lx.STOP and vocabulary().get(folded, 0) < 50


def _ambiguous_place(key: str, place: dict) -> bool:
    """A one-word city name that is also an ordinary word (الإطار، العاصمة، الحراك، سلمية، دوما)
    or a given name: only a large city keeps such a name without a locative cue."""
    if key in AMBIGUOUS_PLACES or key in lx.first_names():
        return True
    frequent = vocabulary().get(key, 0)
    population = int(place["population"]) if place.get("population") else None
    if population is None:          # hand-written entries and countries
        return False
    if key.startswith("ال"):
        if not fold(place.get("name", "")).startswith("ال"):
            return True             # "المشهد" is the scene; Mashhad is مشهد
        return frequent > 100 and population < 1_000_000
    if frequent > 50 and population < 1_000_000 and place.get("iso2") not in REGION:
        # a far city's name is frequent for its fame (هلسنكي): ordinary only when the news
        # also writes it with the article, or uses it very often
        return vocabulary().get("ال" + key, 0) >= 20 or frequent > ORDINARY_COUNT
    return frequent > 50 and population < 1_000_000


ORDINARY_COUNT = 3000
# The Arab states, Iran, Turkey, Israel and their neighbours: the region whose towns' names
# are as often ordinary Arabic words (دوما، سلمية، أبها)
REGION = set("""SA EG IQ SY JO LB AE KW QA BH OM YE MA DZ TN LY SD SS PS IL IR TR MR SO DJ KM ER AF
    PK""".split())


PLACE_HEADS = {fold(w) for w in "مدينة بلدة قرية محافظة ريف منطقة حي مدينه بلده قريه".split()}
LOCATIVE = PLACE_HEADS | {fold(w) for w in "في إلى الى من".split()}
# How common a word may be and still be taken for a place after a cue: a place head
# ("مدينة X") is strong evidence; "في X" less ("في إطار": within the framework); a glued
# ب/ل least ("لوقف إطلاق النار": for a ceasefire, not the town of Waqf).
CUE_MAX_COUNT = {"head": 5000, "preposition": 3000, "glued": 1000}


def _locative_cue(text: str, ws: list[Word], i: int) -> bool:
    """"في دوما", "بدوما", "مدينة دوما": the word is used as a place here, unless it is too
    common a word for the cue (CUE_MAX_COUNT; "للسلطات": for the authorities, not Settat)."""
    count = vocabulary().get(ws[i].folded, 0)
    if fold(text[ws[i].raw_start:ws[i].start]).endswith(("ب", "ل")):
        return count < CUE_MAX_COUNT["glued"]
    prev = ws[i - 1].folded if i > 0 and ws[i - 1].joined_next else ""
    if prev in PLACE_HEADS:
        return count < CUE_MAX_COUNT["head"]
    return prev in LOCATIVE and count < CUE_MAX_COUNT["preposition"]


# Adjectives of time or reference that qualify a name without being part of it
# ("الحكومة الحالية"، "الرئيس السابق"، "الوزارة ذاتها"), and times ("قال الحرس الثوري الشهر
# الماضي").
TIME_MODIFIERS = {fold(w) for w in """السابق السابقة الأسبق الأسبقة الحالي الحالية الجديد الجديدة
    المقبل المقبلة الماضي الماضية المنتهية المنتهي المذكور المذكورة نفسه نفسها ذاته ذاتها آنذاك
    المرتقب المرتقبة المقرر المقررة المنتظر المنتظرة
    حينها حينذاك الشهر الأسبوع اليوم الليلة الصباح المساء الاثنين الثلاثاء الأربعاء الخميس الجمعة
    السبت الأحد""".split()}


# Honorifics of the rulers facilities and institutions are named after
NAMED_AFTER = {fold(w) for w in "الملك الأمير الشيخ السلطان الإمام القديس القديسة".split()}


def _complement(ws: list[Word], i: int, limit: int = 4) -> int:
    """How many words after ws[i] continue a name: definite nouns and adjectives, place names
    and genitive links, never across punctuation or function words."""
    n = 0
    definite = ws[i].definite
    while n < limit and ws[i + n].joined_next and i + n + 1 < len(ws):
        w = ws[i + n + 1]
        if w.folded in NAMED_AFTER and n == 0 and not w.prefix and w.joined_next \
                and i + n + 2 < len(ws) and _namey(ws[i + n + 2]) and not ws[i + n + 2].prefix:
            # named after a ruler: "مطار الملك خالد", "جامعة الملك سعود"; the ruler's name
            # does not count against the words left for adjectives ("مستشفى الملك خالد الجامعي")
            n += 2
            limit += 2
            continue
        if w.conj or w.folded in lx.STOP or w.folded in lx.HONORIFICS or w.folded.isdigit() \
                or w.folded in VERBS_LIKE_DEFINITE \
                or w.folded in TIME_MODIFIERS or w.folded in NUMBER_WORDS \
                or fold(w.prefix).endswith(("ل", "ب", "ك")) \
                or w.folded == "العام" and i + n + 2 < len(ws) and ws[i + n + 2].folded in TIME_MODIFIERS:
            # ("محكمة لمقاتلي التنظيم": a preposition glued on ends the name; "بتشكيل اللجنة
            # العام الماضي": last year, not a general committee)
            break
        if w.folded in lx.places() and definite and n >= 1 and lx.places()[w.folded]["kind"] == "country" \
                and demonym_country(w.folded) is None:      # (السعودية may be the adjective)
            break   # "اتهمت وزارة الخارجية البريطانية روسيا": the object, not the name's country
        nxt = ws[i + n + 2] if i + n + 2 < len(ws) and w.joined_next else None
        if n >= 1 and demonym_country(ws[i + n].folded) is not None and w.definite \
                and demonym_country(w.folded) is None and nxt is not None and demonym_country(nxt.folded) is not None:
            break   # "وزارة الدفاع الروسية المعارضة السورية": a second noun with its own nationality
        if n == 0 and ws[i].definite and ws[i].folded.endswith("ه") and not w.folded.endswith(("ه", "ين", "ون")) \
                and demonym_country(w.folded) is not None:
            break   # "رئيس الحكومة الإيطالي": the nationality is the office's (masculine), no government named
        if w.folded in PERSON_NOUNS or n >= 1 and masculine_after_feminine_nationality(ws[i + n].folded, w.folded):
            # "اعتقلت قوات الاحتلال الإسرائيلي الفتى X", "قتلت قوات الأمن الفرنسية المسلح":
            # the verb's object, a person
            break
        if AGENT_PARTICIPLE.match(w.folded) and i + n + 2 < len(ws) \
                and w.joined_next and ws[i + n + 2].folded == "من" and not ws[i + n + 2].prefix:
            break   # "ميليشيا الحوثي المدعومة من إيران": a participle with its agent describes the name
        if n >= 1 and w.folded.startswith("الم") and w.folded.endswith(("ين", "ون")) \
                and not w.folded.endswith(("يين", "يون")) and ws[i + n].folded.endswith("ي"):
            break   # "مكتب التحقيقات الفيدرالي المتمركزين": a plural of people after a singular
        if w.folded in lx.places() or w.definite and (not definite or _adjective_like(w.folded)):
            # once the name is definite (a head with the article, or a definite genitive) it
            # takes adjectives only: "الحرس الثوري", "وزارة الخارجية الأمريكية", but "واصلت
            # الإدارة التصدي" and "تواصل قوات المقاومة التقدم" are a subject and its object
            n += 1
            definite = definite or w.definite or w.folded in lx.places()
            continue
        nxt = ws[i + n + 2] if i + n + 2 < len(ws) else None
        if n == 0 and not ws[i].definite and w.joined_next and nxt is not None and not nxt.conj \
                and not nxt.prefix and (nxt.definite or nxt.folded in lx.places()) \
                and len(w.folded) >= 3 and not w.folded.isdigit() and _takes_article(w.folded) \
                and not _with_possessive(w.folded):
            # (a noun with a possessive takes no genitive: "ائتلاف مقره لندن" is based in London)
            # an idafa chain: "كتائب شهداء القلمون", "كتلة نداء السودان": after a head without
            # the article (a definite noun takes no genitive: "الحكومة عدد الجرحى"), through
            # a noun (a verb such as "حكومة تدير المناطق" never takes the article) to a
            # genitive without a preposition ("تنظيم تظاهرات للمعارضة" is organising protests)
            n += 1
            continue
        break
    return n


def masculine_after_feminine_nationality(previous: str, word: str) -> bool:
    """A definite masculine singular after a feminine nationality adjective (folded words):
    it agrees with nothing in the name before ("قوات الأمن الفرنسية المسلح")."""
    return previous.endswith("ه") and word.startswith("ال") and len(word) > 4 \
        and not word.endswith(("ه", "ات", "ين", "ون", "ي")) \
        and demonym_country(previous) is not None and demonym_country(word) is None


# Past verbs that begin like a word with the article ("لجامعة نايف للعلوم الأمنية التقى خلالها")
VERBS_LIKE_DEFINITE = {fold(w) for w in "التقى التقت التقيا التقوا التزم التزمت التحق التحقت التمس التمست".split()}


# Nouns of persons, which end an organisation's name ("الفتى" folds like an adjective, الفتي)
PERSON_NOUNS = {fold(w) for w in """الفتى الفتاة الشاب الشابة الطفل الطفلة الرجل المرأة السيدة المواطن المواطنة
    الأسير الأسيرة المعتقل المعتقلة الجندي الضابط الصحفي الصحافي الصحفية الناشط الناشطة الطالب الطالبة الشيخ""".split()}
# A participle that takes its agent with من ("المدعومة من إيران"): the مفعول form, and a few others
AGENT_PARTICIPLE = re.compile(r"^الم[\u0621-\u064a]{2}و[\u0621-\u064a](?:ه|ين|ون)?$|"
                              r"^(?:المقرب|المنبثق|المكون|المؤلف|المنشق|المنحدر|المتحدر)(?:ه|ين|ون)?$")
# Numbers after a name count its members ("دول الاتحاد الأوروبي الثمانية والعشرين")
NUMBER_WORDS = {fold(w) for w in """الثلاثة الأربعة الخمسة الستة السبعة الثمانية التسعة العشرة الثلاث
    الأربع الخمس الست السبع الثماني التسع العشر العشرين الثلاثين الأربعين الخمسين""".split()}
# Definite adjectives of organisation names that have no adjective ending (-ي, -ية, الم-)
PLAIN_ADJECTIVES = {fold(w) for w in "الحر الحرة الأحمر العام العامة الكبير الكبرى الأعلى العليا الأول "
                    "الأولى الخاص الخاصة الأبيض الأخضر الأسود الأوسط الأدنى الأقصى".split()}


def _adjective_like(word: str) -> bool:
    """The folded definite `word` has the shape of an adjective: a nisba (الثوري، الوطنية،
    الكرديين), a participle (المتحدة، المسلحة، المعارض) or a listed plain adjective."""
    return word.endswith(("ي", "يه", "يين", "يون")) or word.startswith("الم") or word in PLAIN_ADJECTIVES


def _takes_article(word: str) -> bool:
    """The folded indefinite `word` is seen with the article in the news: a noun, not a
    verb (شهداء → الشهداء; قصفت, تدير never); or it is a listed place, which needs no
    article to head a genitive ("إقليم كردستان العراق")."""
    return vocabulary().get("ال" + word, 0) >= MIN_WITH_ARTICLE or place_word(word)


MIN_WITH_ARTICLE = 5

# Nouns that an organisation's name takes after ل (لـ/لل): its field or its charge
# ("المرصد السوري لحقوق الإنسان"، "المجلس الأعلى للقضاء"، "الاتحاد الدولي لكرة القدم").
# A closed list, since ل also brings purposes ("اجتمع مجلس الأمن لبحث الأزمة").
ORG_FIELDS = {fold(w) for w in """حقوق شؤون حريات دراسات بحوث أبحاث تنمية إعلام قضاء استثمار طاقة
    إغاثة تعاون دول أمم صليب هلال كرة إحصاء انتخابات لاجئين طفولة سكان تربية علوم ثقافة تجارة
    سلام طيران نفط بترول إعمار توثيق تحرير تغيير مرأة شباب عدالة اتصالات أنباء صحة زراعة أغذية
    غذاء أطفال طفل معارضة قوى ثورة إصلاح ديمقراطية مساعدات هجرة مياه بيئة أعمال مصارف كهرباء
    معلومات مكافحة رياضة أولمبياد إنقاذ دفاع تضامن مقاومة تنسيق إنماء نقد تخطيط موانئ آثار
    تعليم تدريب تأمينات إسكان سياحة تراث نقل صناعات صناعة تقنية تكنولوجيا اقتصاد تمويل تأمين بريد
    تعدين معادن إسمنت بتروكيماويات كيماويات غاز أدوية مواصفات مقاييس جودة زكاة جمارك فنون آداب
    سينما نشر خدمات أمن طب ملاحة أرصاد حج أوقاف معارض طرق سكك فضاء صحفيين صحافيين صحافة محامين
    أطباء مهندسين عمال علماء كتاب أدباء فلاحين معلمين شغل تشغيل محاسبات""".split()}


def _field_complement(ws: list[Word], j: int) -> int:
    """Words from ws[j] on that name an organisation's field after ل: ل + a noun of
    ORG_FIELDS and its own complement ("لحقوق الإنسان"، "للحريات"); 0 when ws[j] is none."""
    w = ws[j]
    if w.conj or not fold(w.prefix).endswith("ل"):
        return 0
    stem = w.folded[2:] if w.folded.startswith("ال") else w.folded
    if stem not in ORG_FIELDS:
        return 0
    k = 1 + (_complement(ws, j, limit=2) if j + 1 < len(ws) else 0)
    if j + k < len(ws) and ws[j + k - 1].joined_next and k == 1 \
            and FIELD_VERB_PREPOSITIONS.get(stem) == ws[j + k].folded:
        return 0    # "قوات النظام للدفاع عن المدينة": a purpose ("to defend"), not a field
    for _ in range(2):
        # "الهيئة السعودية للمواصفات والمقاييس والجودة", "للغذاء والدواء": fields joined by و
        nxt = ws[j + k] if j + k < len(ws) and ws[j + k - 1].joined_next else None
        if nxt is None or not nxt.conj or fold(nxt.prefix) != "و" or not nxt.definite \
                or nxt.folded[2:] not in JOINED_FIELDS:
            break
        k += 1 + _complement(ws, j + k, limit=1)     # "والأعمال الإنسانية"
    return k


# fields that come only after another one with و ("للغذاء والدواء", "للتربية والثقافة والعلوم")
# (not إعلام: "حسب المرصد السوري لحقوق الإنسان والإعلام الرسمي" names two sources)
JOINED_FIELDS = {fold(w) for w in """دواء مقاييس جودة دخل أوقاف إرشاد دعوة تعليم تقنية علوم ثقافة فنون آداب
    أعمال خدمات أبحاث بحوث دراسات تنمية آثار تراث نشر""".split()}


# fields that are also verbal nouns, read so before their preposition ("للدفاع عن", "للقضاء على";
# but "أعلنت الهيئة العامة للرياضة عن بطولة")
FIELD_VERB_PREPOSITIONS = {fold("دفاع"): fold("عن"), fold("قضاء"): fold("على")}


# "حركة المرور", "حركة الملاحة": the movement of things, not a political movement
TRAFFIC = {fold(w) for w in """المرور السير الملاحة الطيران النقل الهجرة التجارة الأسواق البيع الشراء الأسهم التداول
    الرحلات العبور الناقلات السفن الزوار المسافرين الحجاج المصابين البضائع الأموال""".split()}


def movement_of_things(head: str, nxt: str) -> bool:
    """"حركة المرور": the head حركة before a thing that moves (folded words)."""
    return head.removeprefix("ال") == fold("حركة") and nxt in TRAFFIC


HEADED_BY = {fold(w) for w in "رئاسة قيادة زعامة إمرة".split()}     # after ب: "برئاسة X"
MILITIA_HEADS = {fold(w) for w in "ميليشيا ميليشيات مليشيا مليشيات الميليشيات الميليشيا".split()}
# Ministries named by their portfolio and their country: "الخارجية السورية", "الداخلية السعودية";
# and a state's authorities, "السلطات التونسية"
MINISTRY_SHORT = {fold(w) for w in "الخارجية الداخلية السلطات السلطة".split()}  # (not الدفاع: a team's defence)
OFFICE_OF_MINISTRY = {fold(w) for w in "وزير وزيرة وزارة وزارات الوزير الوزيرة الوزارة".split()}


def _organisations(ws: list[Word]) -> list[Mention]:
    out = []
    for i, w in enumerate(ws):
        if w.folded in MINISTRY_SHORT and w.joined_next and i + 1 < len(ws) \
                and not ws[i + 1].prefix and demonym_country(ws[i + 1].folded) is not None \
                and ws[i + 1].folded.endswith("يه") == w.folded.endswith(("ه", "ات")) \
                and not (i > 0 and (ws[i - 1].folded in OFFICE_OF_MINISTRY
                                    or ws[i - 1].folded[1:] in OFFICE_OF_MINISTRY)):
            # (the adjective agrees with the portfolio: in "وزير الخارجية الأمريكي" it is the
            # minister's, and the office names the ministry)
            out.append(Mention(w.start, ws[i + 1].end, "ORG", {"how": "pattern"}))
            continue
        # a definite head ("الشركة السعودية") names an organisation only with its field
        # ("الشركة السعودية للكهرباء"); otherwise it is "the Saudi company" of the story
        needs_field = w.folded not in lx.ORG_HEADS
        if needs_field and not (w.definite and w.folded[2:] in lx.ORG_HEADS):
            continue
        if w.folded in HEADED_BY and fold(w.prefix).endswith("ب"):
            continue        # "برئاسة صالح": headed by a person, no presidency
        if i + 1 < len(ws) and movement_of_things(w.folded, ws[i + 1].folded):
            continue        # "حركة المرور": traffic, no movement
        n, known = _head_complement(ws, i)
        if n == 0 or w.folded in (fold("مركز"), fold("المركز")) and ws[i + 1].folded in PLACE_HEADS:
            continue        # "مركز مدينة عفرين": the town centre, a place
        if w.folded == fold("الرئاسة") and not _title_qualifier(ws[i + 1].folded):
            continue        # "الرئاسة الفرنسية" is the Élysée; "الرئاسة المشتركة" a shared office
        fields = 0
        for _ in range(0 if w.folded in MILITIA_HEADS else 2):
            # ("المفوضية السامية للأمم المتحدة لشؤون اللاجئين"; a militia has no field: "تهديد
            # ميليشيات الحوثي للملاحة" is its threat to shipping)
            k = _field_complement(ws, i + n + 1) if ws[i + n].joined_next and i + n + 1 < len(ws) else 0
            if not k:
                break
            n += k
            fields += 1
            if any(x.conj for x in ws[i + n - k + 1:i + n + 1]):
                break   # fields joined by و close the name: "… للإغاثة والأعمال الإنسانية للأمم المتحدة"
        if needs_field and not fields:
            continue
        attrs = {"how": "pattern"}
        if known is not None and not fields:
            attrs["canonical"] = known      # "تنظيم داعش" is داعش
        out.append(Mention(w.start, ws[i + n].end, "ORG", attrs))
    return out


# Heads of a place's name that are as often common nouns (sector, state): a listed place
# must follow
STATE_HEADS = {fold(w) for w in "دولة جمهورية مملكة إمارة سلطنة".split()}
PLACE_ONLY_HEADS = STATE_HEADS | {fold("قطاع")}


def _place_attrs(place: dict) -> dict:
    return {"canonical": place["name"], "kind": place["kind"], "iso2": place["iso2"],
            "geonameid": place["geonameid"], "latin": place["latin"]}


REGION_HEADS = {fold(w) for w in "ولاية محافظة إقليم مقاطعة".split()}
# "منطقة الجزاء": the penalty area; "ولاية العهد", "ولاية الفقيه", "ولاية الرجال": guardianships
NOT_REGIONS = {fold(w) for w in "الجزاء جزاء العهد الفقيه الرجال الرجل الأمر الامر".split()}


def _is_place(word: str) -> bool:
    return word in lx.places() or place_word(word) or word.startswith("ال") and word[2:] in lx.places()


def _facilities_and_regions(ws: list[Word]) -> list[Mention]:
    out = []
    for i, w in enumerate(ws):
        if w.folded in lx.LOC_HEADS:
            n = _complement(ws, i, limit=2)
            if n and w.folded in PLACE_ONLY_HEADS and not _is_place(ws[i + 1].folded):
                n = 0       # "قطاع الطاقة" is the energy sector, "دولة العدو" no state's name
            if n and ws[i + 1].folded in NOT_REGIONS:
                n = 0       # "منطقة الجزاء": the penalty area
            if not n and w.folded in REGION_HEADS and i + 2 < len(ws) and w.joined_next \
                    and ws[i + 1].folded in lx.DIRECTIONS and ws[i + 1].joined_next and ws[i + 2].prefix in ("", "ك") \
                    and not ws[i + 2].conj and _namey(ws[i + 2]) and not _is_common(ws[i + 2].folded):
                # "ولاية غرب كردفان", "محافظة شمال سيناء": a province named by its side (a ك
                # read as "like" after a side is the name's first letter: كردفان)
                n = 2
            if n:
                attrs = {"how": "pattern"}
                place = lx.places().get(ws[i + 1].folded) if n == 1 and w.folded in STATE_HEADS else None
                if place is not None and place["kind"] == "country":
                    attrs.update(_place_attrs(place))    # "دولة الكويت" is Kuwait
                out.append(Mention(w.start, ws[i + n].end, "LOC", attrs))
        elif w.folded in lx.DIRECTIONS:
            j = i
            # شمال وشرق سوريا / شمال شرق سوريا
            while j + 1 < len(ws) and ws[j].joined_next and ws[j + 1].folded in lx.DIRECTIONS | \
                    {"و" + d for d in lx.DIRECTIONS}:
                j += 1
            if j + 1 < len(ws) and ws[j].joined_next and ws[j + 1].folded in lx.places():
                out.append(Mention(w.start, ws[j + 1].end, "LOC", {"how": "pattern"}))
    return out


def _title_qualifier(word: str) -> bool:
    return word in QUALIFIERS or demonym_country(word) is not None


# Words that qualify an office's tenure ("الرئيس المنتهية ولايته"، "رئيس الوزراء المكلف")
OFFICE_TAIL_WORDS = {fold(w) for w in "المنتهية ولايته ولايتها المكلف المكلفة المؤقت المؤقتة بالوكالة المنتخب".split()}
RANK_MODIFIERS = {fold(w) for w in "أول ثان ثاني ركن".split()}     # (العميد ركن: a staff rank)
# Indefinite words that qualify an office ("أمين عام", "نائب أول")
OFFICE_MODIFIERS = {fold(w) for w in "عام عامة أول أولى".split()}
POSSESSIVES = ("ها", "هم", "ه")


def _with_possessive(word: str) -> bool:
    """A common noun with a possessive suffix ("خارجيتها": its foreign ministry), which in an
    office stands for the country or body named before."""
    for suffix in POSSESSIVES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[:-len(suffix)]
            if stem.endswith("ت"):
                stem = stem[:-1] + "ه"     # ة before a suffix is written ت
            if vocabulary().get(stem, 0) >= 300 and vocabulary().get(word, 0) >= 20:
                return True
    return False


def _people(text: str, ws: list[Word]) -> list[Mention]:
    out = []
    i = 0
    while i < len(ws):
        w = ws[i]
        title_start = None
        j = i
        if w.folded in NAMED_AFTER and i > 0 and ws[i - 1].joined_next \
                and (ws[i - 1].folded in lx.ORG_HEADS or ws[i - 1].folded in lx.LOC_HEADS):
            i += 1      # "كلية الأمير سلطان", "مطار الملك خالد": named after a ruler
            continue
        if w.folded in lx.HONORIFICS:
            title_start = i
            j = i + 1
            office = w.folded in lx.OFFICE_HEADS
            # an office's complement (الرئيس المشترك لدائرة العلاقات الخارجية، وزير خارجية قطر)
            last_head = i   # (a rank after the office starts a title of its own: "رئيس هيئة الأركان الفريق أول ركن")
            while j < len(ws) and ws[j - 1].joined_next and j - last_head <= 6 and (
                    not ws[j].conj or office and j > i + 1 and ws[j].definite and not known_name(ws[j].folded)):
                # (an office of two fields joined by و: "وزير الخارجية والمغتربين")
                f = ws[j].folded
                if f in lx.HONORIFICS or f in lx.OFFICE_HEADS \
                        or f in RANK_MODIFIERS and (j == i + 1 or ws[j - 1].folded in RANK_MODIFIERS
                                                    or ws[j - 1].folded in lx.HONORIFICS) \
                        or f in ("عهد", "العهد") and ws[j - 1].folded == "ولي" \
                        or f in OFFICE_TAIL_WORDS \
                        or ws[j].definite and _title_qualifier(f) and j + 1 < len(ws) \
                        or ws[j].definite and f.endswith("ه") and j + 1 < len(ws) and not office \
                        and ws[j].joined_next and not known_name(f):
                    # ("الصحفية الشهيرة ماري كولفن", "الكاتبة الممرضة ولاء": a feminine word is the title's)
                    # ("الزعيم الكردي السوري": qualifiers and nationalities stay in the title)
                    # ("الفريق أول ركن", "اللواء ركن": a rank of two or three words)
                    office = office or f in lx.OFFICE_HEADS
                    if f in lx.HONORIFICS:
                        last_head = j
                    j += 1
                elif office and (ws[j].definite and vocabulary().get(f, 0) >= 300 and not _family_name(f)
                                 or ws[j].definite and f.endswith("يه") and j > i + 1
                                 # ("اللجنة الأولمبية": a feminine adjective is the body's, never a name)
                                 or f in lx.places() and f not in lx.first_names()
                                 or f in lx.ORG_HEADS or f in OFFICE_MODIFIERS
                                 or _with_possessive(f) or fold(ws[j].prefix).endswith("ل")
                                 or ws[j].conj and ws[j].definite):
                    # "أمين عام الحلف", "وزير خارجيتها"; a word after ل is the office's body
                    # ("رئيس الجهاز المركزي للمحاسبات"), never the start of the name
                    # office words are common (الخارجية، المشترك); a rare one starts the name (الباجي)
                    j += 1
                elif office and j + 2 < len(ws) and ws[j].joined_next and _phrase(ws, j, 2) in lx.places():
                    j += 2      # "محافظ ذي قار", "سفير كوريا الجنوبية": a place of two words
                elif office and f in OFFICE_LINKS and j + 2 < len(ws) and ws[j].joined_next \
                        and (body := _body_after_link(ws, j + 1)):
                    # "المتحدثة باسم وحدات حماية المرأة الكردية نسرين عبد الله": the body
                    # spoken for, with its own complement, then the name
                    j += 1 + body
                elif office and j + 1 < len(ws) and ws[j].joined_next and (
                        f in OFFICE_LINKS or (not ws[j].definite and ws[j + 1].folded in lx.places()
                                              and vocabulary().get(f, 0) >= 300 and f not in lx.first_names())):
                    # "وزير خارجية قطر", "المتحدث باسم الخارجية", "سفير المملكة لدى لبنان"
                    j += 1
                else:
                    break
            if j >= len(ws) or not (ws[j - 1].joined_next or _apposition(text, ws, i, j)):
                i += 1
                continue
        elif out and w.conj and out[-1].end == ws[i - 1].end and ws[i - 1].joined_next and _namey(w) \
                and not w.definite and not _is_common(w.folded):
            pass  # "عبير إيليا وفنر الكعيط": a name coordinated with a person is a person
        else:
            i += 1
            continue
        # a word glued to ب/ل is not a name's first word ("اللاعب بحضور …": in the presence of)
        k = 0 if fold(ws[j].prefix)[-1:] in ("ب", "ل") else _name_length(ws, j)
        if k == 0 or (title_start is None and k < 2):
            i += 1
            continue
        attrs = {"how": "pattern"}
        if title_start is not None:
            attrs["title"] = Span(ws[title_start].start, ws[j - 1].end, "TITLE")
        out.append(Mention(ws[j].start, ws[j + k - 1].end, "PER", attrs))
        i = j + k
    return out


def _head_complement(ws: list[Word], i: int) -> tuple[int, str | None]:
    """(words after the head ws[i] that continue its name, the known organisation they are):
    its complement, or else a known name right after it ("وكالة إرنا للأنباء", "حركة حماس")."""
    n = _complement(ws, i)
    if n == 0 and i + 1 < len(ws) and ws[i].joined_next and not ws[i + 1].prefix \
            and ws[i + 1].folded in lx.KNOWN_ORGS:
        return 1, lx.KNOWN_ORGS[ws[i + 1].folded]
    return n, None


def _body_after_link(ws: list[Word], j: int) -> int:
    """Words of the organisation or place named at ws[j] after باسم/لدى, or 0: an
    organisation's head, a known organisation, a place or a definite noun, with its
    complement ("وحدات حماية المرأة الكردية", "صحة عسير", "حركة طالبان")."""
    w = ws[j]
    if w.prefix or not (w.folded in lx.ORG_HEADS or w.folded in lx.places() or w.definite
                        or w.folded in lx.KNOWN_ORGS or _takes_article(w.folded)):
        return 0
    n = 1 + _head_complement(ws, j)[0]
    return n if j + n < len(ws) else 0


def _apposition(text: str, ws: list[Word], i: int, j: int) -> bool:
    """ws[j] starts a name set off by commas after the office ws[i:j] ("قالت وزيرة الإعلام
    الأردنية، جمانة غنيمات، إن"): the office has words of its own after its head, and a
    comma closes the name of two words or more."""
    if j < i + 2 or ws[i].folded not in lx.OFFICE_HEADS and ws[i].folded not in lx.HONORIFICS \
            or text[ws[j - 1].end:ws[j].start].strip() not in ("،", ","):
        return False
    k = _name_length(ws, j)
    if k < 2 or j + k > len(ws):
        return False
    after = text[ws[j + k - 1].end:ws[j + k].start if j + k < len(ws) else len(text)].strip()
    return after[:1] in ("،", ",", "(")


def text_of(ws: list[Word], w: Word) -> str:
    return w.prefix


def _name_length(ws: list[Word], j: int) -> int:
    """Words of a personal name starting at ws[j]."""
    if j >= len(ws) or not _namey(ws[j]) or ws[j].definite and not ws[j].folded.startswith("ال"):
        return 0
    if function_word(ws[j].folded):
        return 0    # "الرئيس الأمريكي ولا يعلم": and + a function word
    if ws[j].definite and (_is_common(ws[j].folded) or ws[j].folded.endswith("ه")):
        return 0    # (a feminine adjective, "الصحفية الشهيرة ماري كولفن", opens no name)
    if _present_verb(ws[j].folded):
        return 0    # "إن الرئيس يحمّل الأسد": a verb after the title, no name
    if ws[j].folded in TIME_MODIFIERS or "ال" + ws[j].folded in TIME_MODIFIERS:
        return 0    # "ووالدة رئيس سابق": a former president, unnamed
    k = 1
    while j + k < len(ws) and k < MAX_NAME_WORDS and ws[j + k - 1].joined_next:
        w = ws[j + k]
        prev = ws[j + k - 1].folded
        if not (_namey(w) or prev in NAME_LINKS and w.folded in NAMES_LIKE_PARTICLES) \
                or w.conj or (w.raw_start < w.start and not w.folded.startswith("ال")) \
                or (w.raw_start < w.start and fold(text_of(ws, w)).startswith(("ل", "ب", "ك"))):
            break   # "منى حداد للصحفيين": a preposition glued to the word ends the name
        if name_stops_at([x.folded for x in ws[j:j + k]], w.folded):
            break   # "استقبل … عبد الكريم عمر الوفد": the verb's object, not a family name
        if w.folded in DAY_PARTS and j + k + 1 < len(ws) and ws[j + k + 1].folded.removeprefix("ال") in DAY_NAMES:
            break   # "العميد أيوب قاسم فجر الثلاثاء": the time of day
        if w.definite:
            # a family name (الكعيط) or the second half of a compound (عبد الكريم), not an adjective
            if prev in ("عبد", "ابو", "بن", "ابن", "بنت", "ال") or w.folded in ("الله", "الدين", "الرحمن") \
                    or vocabulary().get(w.folded, 0) < 3500:
                k += 1
                continue
            break
        if w.folded in NAME_LINKS and j + k + 1 < len(ws) and w.joined_next \
                and (_namey(ws[j + k + 1]) or ws[j + k + 1].folded in NAMES_LIKE_PARTICLES):
            # ("حمد بن علي العطية": علي folds as the preposition على, and is a given name)
            k += 1
            continue   # محمد بن عبد الرحمن، أبو بكر
        if (_is_common(w.folded) or w.folded in lx.LEDE_VERBS) and w.folded not in lx.first_names() \
                and prev not in NAME_LINKS:
            break   # ("مايك بومبيو ناقش مع …": the verb after the name)
        k += 1
    return k


DAY_PARTS = {fold(w) for w in "فجر صباح مساء ظهر عصر ليل ليلة صبيحة".split()}
DAY_NAMES = {fold(w) for w in "اثنين إثنين ثلاثاء أربعاء خميس جمعة سبت أحد يوم أمس".split()}


def _present_verb(word: str) -> bool:
    """A frequent word in the shape of a present-tense verb (يحمل، يريد), not a given or a known
    name (يوسف، يحيى)."""
    return word[:1] == "ي" and len(word) >= 4 and vocabulary().get(word, 0) >= 500 \
        and word not in lx.first_names() and not known_name(word)


def coordinated_people(text: str, mentions: list[Mention]) -> list[Mention]:
    """"عبير إيليا وفنر الكعيط": a name joined by و to a person's name is a person too, when
    its words are name-like (rare words, not function words). Returns the new mentions."""
    out: list[Mention] = []
    for m in mentions:
        if m.label != "PER":
            continue
        gap = re.match(r"\s+(?=و)", text[m.end:m.end + 4])     # (ف joins clauses, not names: "ناريمان فظلتا")
        if not gap:
            continue
        start = m.end + gap.end()
        if any(o.start <= start < o.end for o in mentions):
            continue
        ws = analyse_words(text[start:start + 50])
        if not ws or not ws[0].conj:
            continue   # "وزير" is a word, not و + زير
        k = 0
        while k < len(ws) and k < 3:
            w = ws[k]
            if not _namey(w) or (k > 0 and w.conj) or (k == 0 and (w.definite or _is_common(w.folded))) \
                    or (k > 0 and w.folded not in lx.first_names() and vocabulary().get(w.folded, 0) > 300) \
                    or (k > 0 and fold(w.prefix).endswith(("ل", "ب", "ك"))) \
                    or not person_word(w.folded) or possessed_noun(w.folded):
                break   # "وكراغ ميللو بجائزة نوبل", "ودخل غانم", "بوتين وأفعاله": a preposition, a verb, a noun
            k += 1
            if not w.joined_next:
                break
        if k >= 2 or (k == 1 and ws[0].folded in lx.first_names()):
            new = Mention(start + ws[0].start, start + ws[k - 1].end, "PER", {"how": "coordination"})
            if not any(o.overlaps(new) for o in mentions):      # (the name after و may be found already)
                out.append(new)
    return out


def function_word(folded: str) -> bool:
    """A function word, or one with و/ف glued on ("ولا"، "فهو"): no name."""
    return folded in lx.STOP or folded[:1] in ("و", "ف") and folded[1:] in lx.STOP and folded not in lx.first_names()


def office_word(folded: str) -> bool:
    """An office, a title or an honorific (folded), masculine or feminine, with و/ف glued on or
    not: رئيس، زعيمة، ومساعدة، الوزير."""
    for w in (folded, folded[1:] if folded[:1] in "وف" else folded):
        for form in (w, w[:-1] if w.endswith("ه") else w):
            if form in lx.OFFICE_HEADS or form in lx.HONORIFICS or form in TITLE_WORDS:
                return True
    return False


def possessed_noun(word: str) -> bool:
    """"اعتذاره", "حملتها": a common noun with a possessive pronoun (the news writes it with the
    article too), after a name: its object, not its last part. (ة is no pronoun: سلامة stays.)"""
    folded = fold(word)
    for suffix in ("ها", "هم", "ه"):
        if word.endswith(suffix) and len(folded) - len(suffix) >= 3:
            stem = folded[:-len(suffix)]
            if stem[:1] in "بل" and len(stem) >= 4 and vocabulary().get("ال" + stem[1:], 0) >= 100:
                return True     # with a preposition glued on too: "باسمه", "لحملته"
            if folded in lx.first_names() or known_name(folded):
                return False    # (ة is folded to ه: باسمة is a name)
            # (a hamza's seat changes before the pronoun: حلفاؤه is الحلفاء's)
            seated = stem[:-1] + "ء" if stem.endswith(("او", "اي")) else stem
            return max(vocabulary().get("ال" + stem, 0), vocabulary().get("ال" + seated, 0)) >= 100
    return False


def _resolve_overlaps(found: list[Mention]) -> list[Mention]:
    """Longest first, then gazetteer over pattern; drop any mention overlapping a kept one."""
    prio = {"gazetteer": 0, "pattern": 1}
    kept: list[Mention] = []
    for m in sorted(found, key=lambda m: (-(m.end - m.start), prio.get(m.attrs.get("how"), 2), m.start)):
        if m.end > m.start and not any(m.overlaps(k) for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)
