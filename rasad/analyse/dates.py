"""Arabic date expressions: find them, resolve them against an anchor, date an article.

`find_dates(text)` scans the folded text (see `rasad.normalize`) for trigger words — month
names of every region (Levantine/Iraqi, Egyptian/Gulf, Maghrebi, Moroccan), Hijri months,
weekdays, relative days (اليوم، أمس، غدا، الليلة…), numeric dates and "عام 2019" — then
widens each trigger over its neighbours (day number or ordinal before a month, a second
month name and a year after it, يوم / مساء before a weekday, الماضي after it…) and joins
adjacent pieces ("اليوم الجمعة 8 نيسان") into one span of the original text.

Span attrs: year, month, day, weekday (0=Monday), calendar ("gregorian"|"hijri"), relative
(None, "today", "yesterday", "day_before_yesterday", "tomorrow", "day_after_tomorrow",
"tonight", "last_weekday", "next_weekday", "this_weekday"), value (a date when the
expression alone fixes the day), text_kind ("full", "numeric", "day_month", "month_year",
"month", "year", "weekday", "relative"), granularity ("day"|"month"|"year"), and when
present: part_of_day, weekday_end ("ليل الجمعة - السبت"), weekday_ok (weekday agrees with
the full date), month_relative ("last"|"next"|"this"), year_offset ("من العام الماضي" → -1).

Plain month tables, no dateparser: faster, and dateparser.search_dates misreads Arabic.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from typing import Iterable

from hijridate import Gregorian, Hijri

from rasad.errors import InputError
from rasad.model import Span
from rasad.normalize import DIACRITICS, NormalizedText, fold, fold_char

GREGORIAN, HIJRI = "gregorian", "hijri"

# Folded month names (أ/إ/آ→ا, ة→ه, ى→ي) → month number. Names in STRICT are also common
# words (مارس "practised", ماي "May" the surname, آب "father", أوت, جوان a first name): they
# count as months only next to a day number, a year, or another month name.
GREGORIAN_MONTHS = {
    # Levantine / Iraqi
    "كانون الثاني": 1, "كانون ثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5,
    "حزيران": 6, "تموز": 7, "اب": 8, "ايلول": 9, "تشرين الاول": 10, "تشرين اول": 10,
    "تشرين الثاني": 11, "تشرين ثاني": 11, "كانون الاول": 12, "كانون اول": 12,
    # Egyptian / Gulf
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6,
    "يوليو": 7, "يوليه": 7, "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11,
    "ديسمبر": 12,
    # Algeria / Tunisia
    "جانفي": 1, "فيفري": 2, "افريل": 4, "ماي": 5, "جوان": 6, "جويليه": 7, "اوت": 8,
    # Morocco
    "ينير": 1, "يوليوز": 7, "غشت": 8, "شتنبر": 9, "نونبر": 11, "دجنبر": 12,
}
HIJRI_MONTHS = {
    "محرم": 1, "صفر": 2, "ربيع الاول": 3, "ربيع اول": 3, "ربيع الثاني": 4, "ربيع الاخر": 4,
    "ربيع ثاني": 4, "جمادي الاولي": 5, "جمادي الاول": 5, "جمادي الاخره": 6,
    "جمادي الثانيه": 6, "جمادي الاخر": 6, "جمادي الثاني": 6, "رجب": 7, "شعبان": 8,
    "رمضان": 9, "شوال": 10, "ذو القعده": 11, "ذي القعده": 11, "ذا القعده": 11,
    "ذو الحجه": 12, "ذي الحجه": 12, "ذا الحجه": 12,
}
STRICT_MONTHS = {"مارس", "ماي", "اب", "اوت", "جوان"}
# Hijri names are also people's names (رمضان، شعبان، رجب) or words (صفر "zero"): they need a
# day number, a year or "شهر"; صفر needs a year/هـ or "شهر".
STRICT_HIJRI = {"صفر"}

WEEKDAYS = {"الاثنين": 0, "الثلاثاء": 1, "الثلثاء": 1, "الاربعاء": 2, "الخميس": 3,
            "الجمعه": 4, "السبت": 5, "الاحد": 6}

RELATIVE_WORDS = {"اليوم": "today", "امس": "yesterday", "الامس": "yesterday",
                  "البارحه": "yesterday", "غدا": "tomorrow", "غد": "tomorrow",
                  "الغد": "tomorrow", "الليله": "tonight"}

PARTS_OF_DAY = {"مساء": "evening", "عشيه": "evening", "صباح": "morning", "صبيحه": "morning",
                "ضحي": "morning", "فجر": "dawn", "ظهر": "noon", "ظهيره": "noon",
                "بعد ظهر": "afternoon", "عصر": "afternoon", "ليل": "night", "ليله": "night",
                "منتصف ليل": "night", "نهار": "day"}

WEEKDAY_MODIFIERS = {
    **dict.fromkeys(["الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفايت", "الفايته",
                     "المنقضي", "السابق", "السابقه", "الفارط", "الفارطه"], "last_weekday"),
    **dict.fromkeys(["المقبل", "المقبله", "القادم", "القادمه"], "next_weekday"),
}
MONTH_MODIFIERS = {
    **dict.fromkeys(["الماضي", "المنصرم", "الفايت", "المنقضي", "السابق", "الفارط"],
                    ("last", None)),
    **dict.fromkeys(["المقبل", "القادم"], ("next", None)),
    **dict.fromkeys(["الجاري", "الحالي"], ("this", 0)),
    **dict.fromkeys(["من العام الماضي", "من السنه الماضيه", "من العام المنصرم"], (None, -1)),
    **dict.fromkeys(["من العام الجاري", "من العام الحالي", "من هذا العام", "هذا العام",
                     "من السنه الجاريه", "من السنه الحاليه", "من هذه السنه"], (None, 0)),
    **dict.fromkeys(["من العام المقبل", "من العام القادم", "من السنه المقبله"], (None, 1)),
}

_UNITS = ["الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن",
          "التاسع"]
ORDINAL_DAYS = {w: i + 1 for i, w in enumerate(_UNITS)}
ORDINAL_DAYS.update({"العاشر": 10, "الحادي عشر": 11, "الواحد والعشرين": 21,
                     "العشرين": 20, "الثلاثين": 30, "الحادي والثلاثين": 31,
                     "الواحد والثلاثين": 31})
for _i, _w in enumerate(_UNITS):
    if _i:
        ORDINAL_DAYS[f"{_w} عشر"] = _i + 11
    ORDINAL_DAYS[f"{'الحادي' if _i == 0 else _w} والعشرين"] = _i + 21

# Words before a day-month that make it a name, not a date of the story (قوى 14 آذار,
# ثورة 25 يناير, مدينة 6 أكتوبر, هجمات 11 سبتمبر).
NAMED_BEFORE = {"قوي", "تيار", "تحالف", "حركه", "فريق", "ايتلاف", "ثوره", "انتفاضه", "حراك",
                "احداث", "هجمات", "اعتداءات", "شارع", "ميدان", "مدينه", "جسر", "جامعه", "نادي",
                "حي", "كوبري", "مستشفي", "مدرسه", "حرب", "ذكري", "جهه", "معتمديه"}
# Before an ordinal: "the second half / week of" (النصف الثاني من رمضان).
PART_BEFORE_ORDINAL = {"النصف", "الاسبوع", "الربع", "الثلث", "الشطر", "الجزء", "العشر",
                       "العقد", "الشهر", "الفصل", "الاسبوعين"}
# Words before a bare month name that make it a time ("في نيسان", "منذ يناير").
MONTH_CONTEXT = {"في", "منذ", "حتي", "خلال", "مطلع", "اوايل", "اواخر", "اواسط", "منتصف",
                 "نهايه", "بدايه", "اخر", "قبل", "بعد", "شهر", "شهري", "ابتداء", "اعتبارا",
                 "غضون", "طيله", "طوال", "موفي", "غايه", "من"}
# After اليوم / الليلة: words that make it "the day" (اليوم الوطني، اليوم التالي).
DAY_NOUN_AFTER = {"التالي", "السابق", "الاخير", "الموعود", "المحدد", "المقرر", "المفتوح",
                  "الذي", "التي", "نفسه", "ذاته", "عينه", "الاخر", "الكامل", "بيومه", "الاولي",
                  "الماضيه", "المقبله", "الماضي", "المقبل", "السابع", "العالمي", "الوطني",
                  "السابقه", "التاليه", "الاخيره", "نفسها", "ذاتها", "عينها", "المحدده",
                  "المقرره", "الموعوده"}
# Before اليوم / الليلة: "that day", "the same day", "per day" (400 ألف برميل في اليوم).
DAY_NOUN_BEFORE = {"ذلك", "هذا", "ذات", "نفس", "تلك", "في", "مدار"}
TENS_RE = re.compile(r"و(?:ال)?(?:عشر|ثلاث|اربع|خمس|ست|سبع|ثمان|تسع)(?:ين|ون)")
ELATIVE_RE = re.compile(r"الا[^ا\W]{3}")       # الأكثر، الأهم: "the most … day"

S = r"[^\S\n]+"     # white space inside one expression (not across lines)
S0 = r"[^\S\n]*"


def _alt(words: Iterable[str]) -> str:
    """Longest-first alternation of folded words, inner spaces as flexible white space."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", S) for w in ordered)


def _key(s: str) -> str:
    return " ".join(s.split())


ALL_MONTHS = {**{k: (v, GREGORIAN) for k, v in GREGORIAN_MONTHS.items()},
              **{k: (v, HIJRI) for k, v in HIJRI_MONTHS.items()}}
MONTH_ALT = _alt(ALL_MONTHS)
YEAR_SUFFIXES = {"ه": HIJRI, "هجريه": HIJRI, "هجري": HIJRI, "للهجره": HIJRI,
                 "م": GREGORIAN, "ميلاديه": GREGORIAN, "ميلادي": GREGORIAN,
                 "للميلاد": GREGORIAN}

YEAR_WORDS = {"عام", "العام", "سنه", "السنه"}


def _trie(words: Iterable[str]) -> str:
    """An alternation of folded words factored as a trie (faster than a flat one); inner
    spaces match flexible white space. Longer words win through (?!\\w) backtracking."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [(S if ch == " " else re.escape(ch)) + build(sub)
                for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body
    return build(root)


# Trigger words, with the proclitics و/ف and ب/ل/ك allowed before them (checked per kind).
TRIGGER_WORDS = [*ALL_MONTHS, *WEEKDAYS, *RELATIVE_WORDS, *YEAR_WORDS]
WORD_TRIGGER_RE = re.compile(
    rf"(?<!\w)(?P<cl>[وف]?[بلك]?)(?P<word>{_trie(TRIGGER_WORDS)})(?!\w)")
# Numeric dates: a run of digits and separators, checked whole by NUMERIC_RE.
NUMERIC_CANDIDATE_RE = re.compile(r"\d[\d/.\-]{4,}\d")
NUMERIC_RE = re.compile(r"(?P<y1>\d{4})(?P<s1>[-/.])(?P<m1>\d{1,2})(?P=s1)(?P<d1>\d{1,2})"
                        r"|(?P<d2>\d{1,2})(?P<s2>[-/.])(?P<m2>\d{1,2})(?P=s2)(?P<y2>\d{4})")
YEAR_DIGITS_RE = re.compile(rf"{S0}(?P<year>\d{{4}})(?!\d)")
SUFFIX_RE = re.compile(rf"{S0}(?P<suf>{_alt(YEAR_SUFFIXES)})(?!\w)")
SECOND_MONTH_RE = re.compile(rf"(?:{S0}[/\-–(]{S0}|{S})(?P<mon>{MONTH_ALT})(?!\w)(?:{S0}\))?")
YEAR_AFTER_RE = re.compile(
    rf"{S0}[,،]?{S0}(?:(?:من{S})?(?:ال)?(?:عام|سنه){S})?(?P<year>\d{{4}})(?!\d)")
MONTH_MOD_RE = re.compile(rf"{S0}[,،]?{S0}(?P<mod>{_alt(MONTH_MODIFIERS)})(?!\w)")
DAY_BEFORE_RE = re.compile(
    rf"(?:(?<!\w)[وف]?(?P<ord>{_alt(ORDINAL_DAYS)}){S}من{S}"
    rf"|(?<![\d.,:/])(?P<num>(?:ال{S0})?(?P<d>\d{{1,2}})){S0}(?:من{S})?)(?:(?:ال)?شهر{S})?\Z")
SHAHR_BEFORE_RE = re.compile(rf"(?<!\w)[وفبل]?(?P<shahr>(?:ال)?شهر){S}\Z")
LEAD_RE = re.compile(
    rf"(?:(?<!\w)[وف]?(?P<pod>{_alt(PARTS_OF_DAY)}){S})?"
    rf"(?:(?<!\w)[وف]?(?P<yawm>يوم|يومي|هذا){S})?\Z")
SECOND_WEEKDAY_RE = re.compile(
    rf"(?:{S0}[-–/]{S0}|{S}(?:الي{S}|علي{S})?)(?:يوم{S})?(?P<wd>{_alt(WEEKDAYS)})(?!\w)")
WEEKDAY_MOD_RE = re.compile(rf"{S}(?P<mod>{_alt(WEEKDAY_MODIFIERS)})(?!\w)")
PREV_WORD_RE = re.compile(r"(\w+)[^\w\n]*\Z")
NEXT_WORD_RE = re.compile(r"[^\S\n]*(\w+)")
GAP_RE = re.compile(rf"{S0}\)?{S0}[,،\-–]?{S0}\(?{S0}(?:(?:الموافق|الموافقه){S})?")
AWWAL_BEFORE_RE = re.compile(rf"(?<!\w)[وف]?(?P<w>اول{S}(?:من{S})?|قبل{S})\Z")
BAAD_BEFORE_RE = re.compile(rf"(?<!\w)[وف]?(?P<w>بعد{S})\Z")
AFTER_AMS_RE = re.compile(rf"{S}(?P<w>الاول)(?!\w)")
AFTER_LAYLA_RE = re.compile(rf"{S}(?P<w>الماضيه|البارحه|الفارطه|المقبله|القادمه)(?!\w)")

CLOSE_PAREN_RE = re.compile(rf"{S0}\)")
WEEKDAY_RELATIVES = (None, "last_weekday", "next_weekday", "this_weekday")

REL, WD, DATE = 0, 1, 2     # order in which pieces may join: اليوم · الجمعة · 8 نيسان
WINDOW = 48


def _prev_word(folded: str, pos: int) -> str:
    m = PREV_WORD_RE.search(folded, max(0, pos - 30), pos)
    return m.group(1) if m else ""


def _next_word(folded: str, pos: int) -> str:
    m = NEXT_WORD_RE.match(folded, pos)
    return m.group(1) if m else ""


def _strip_clitic(word: str, known: set[str]) -> str:
    for n in (0, 1, 2):
        if word[n:] in known:
            return word[n:]
    return word


def _is_day_noun_adjective(word: str) -> bool:
    """A word after اليوم/الليلة that makes it "the day …", not "today"."""
    if word in DAY_NOUN_AFTER or word in ORDINAL_DAYS or ELATIVE_RE.fullmatch(word):
        return True
    # Nisba adjectives (الوطني، الدراسي، العالمية).
    return (word.startswith("ال") and word not in WEEKDAYS and word != "الي"     # إلى
            and (word.endswith("ي") or word.endswith("يه")))


def _valid_day(day: int, month: int, calendar: str) -> bool:
    if calendar == HIJRI:
        return 1 <= day <= 30
    return 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)


def _make_date(year: int, month: int, day: int, calendar: str) -> dt.date | None:
    try:
        if calendar == HIJRI:
            g = Hijri(year, month, day).to_gregorian()
            return dt.date(g.year, g.month, g.day)
        return dt.date(year, month, day)
    except (ValueError, OverflowError):
        return None


class _Piece:
    __slots__ = ("kind", "start", "end", "attrs")

    def __init__(self, kind: int, start: int, end: int, attrs: dict):
        self.kind, self.start, self.end, self.attrs = kind, start, end, attrs


def _lead(folded: str, start: int, attrs: dict, weekday: bool = False) -> int:
    """Extend a piece left over "مساء / صباح …" and "يوم" (and "هذا" before a weekday);
    returns the new start."""
    m = LEAD_RE.search(folded, max(0, start - 24), start)
    if not m:
        return start
    new = start
    yawm = m.group("yawm")
    if yawm == "هذا" and not weekday:
        return start
    if yawm:
        if yawm == "هذا":
            attrs["_this"] = True
        new = m.start("yawm")
    if m.group("pod"):
        attrs["part_of_day"] = PARTS_OF_DAY[_key(m.group("pod"))]
        new = m.start("pod")
    return new


def _month_piece(folded: str, m: re.Match) -> _Piece | None:
    name = _key(m.group("word"))
    month, calendar = ALL_MONTHS[name]
    start, end = m.start("word"), m.end("word")
    if m.group("cl") and (name in STRICT_MONTHS or m.group("cl") not in ("و", "ف")):
        return None
    attrs: dict = {"month": month, "calendar": calendar}
    combined = False
    sm = SECOND_MONTH_RE.match(folded, end)
    if sm and ALL_MONTHS[_key(sm.group("mon"))][0] == month:
        end, combined = sm.end(), True
    # Day before: "8 نيسان", "الثامن من يونيو", "الـ8 من شهر آب".
    day = None
    dm = DAY_BEFORE_RE.search(folded, max(0, start - WINDOW), start)
    if dm:
        day = int(dm.group("d")) if dm.group("num") else ORDINAL_DAYS[_key(dm.group("ord"))]
        if _valid_day(day, month, calendar):
            day_start = dm.start("num") if dm.group("num") else dm.start("ord")
            prev = _strip_clitic(_prev_word(folded, day_start), NAMED_BEFORE)
            if prev in NAMED_BEFORE:
                return None
            if dm.group("ord") and prev in PART_BEFORE_ORDINAL:
                return None                      # النصف الثاني من رمضان: not a day
            start = day_start
        else:
            day = None
    shahr = None
    if day is None:
        shahr = SHAHR_BEFORE_RE.search(folded, max(0, start - 12), start)
    # Year after.
    year = suffix_cal = None
    ym = YEAR_AFTER_RE.match(folded, end)
    if ym:
        year = int(ym.group("year"))
        end = ym.end()
        sf = SUFFIX_RE.match(folded, end)
        if sf:
            suffix_cal = YEAR_SUFFIXES[_key(sf.group("suf"))]
            end = sf.end()
        # A bare number after a month is a year only in a plausible range (تموز 1500 قتيل).
        explicit = suffix_cal or "عام" in ym.group() or "سنه" in ym.group()
        lo, hi = (1300, 1600) if calendar == HIJRI else (1000 if explicit else 1800, 2200)
        if (suffix_cal and suffix_cal != calendar) or not lo <= year <= hi:
            year = suffix_cal = None
            end = sm.end() if combined else m.end("word")
    if year is None:
        mm = MONTH_MOD_RE.match(folded, end)
        if mm:
            relative, offset = MONTH_MODIFIERS[_key(mm.group("mod"))]
            if relative:
                attrs["month_relative"] = relative
            if offset is not None:
                attrs["year_offset"] = offset
            end = mm.end()
    # Ambiguous names need support.
    if calendar == HIJRI:
        if name in STRICT_HIJRI and not (suffix_cal or shahr or (year and day)):
            return None
        if day is None and year is None and not shahr:
            return None
    elif day is None:
        prev = _prev_word(folded, m.start() if start == m.start("word") else start)
        in_context = bool(shahr or combined or _strip_clitic(prev, MONTH_CONTEXT) in MONTH_CONTEXT
                          or prev in ALL_MONTHS)        # شهري يوليو وأغسطس
        if year is None:
            if name in STRICT_MONTHS and not combined:
                return None
            if not (in_context or "month_relative" in attrs or "year_offset" in attrs):
                return None
        elif name in STRICT_MONTHS and not in_context:
            return None                          # تيريزا ماي 2018: the surname
    if shahr:
        start = shahr.start("shahr")
    attrs.update(day=day, year=year)
    if day is not None:
        start = _lead(folded, start, attrs)
        if year is not None:
            attrs["value"] = _make_date(year, month, day, calendar)
            attrs["text_kind"] = "full"
        else:
            attrs["text_kind"] = "day_month"
        attrs["granularity"] = "day"
    else:
        attrs["text_kind"] = "month_year" if year is not None else "month"
        attrs["granularity"] = "month"
    return _Piece(DATE, start, end, attrs)


def _numeric_piece(folded: str, m: re.Match) -> _Piece | None:
    n = NUMERIC_RE.fullmatch(m.group())
    if not n:
        return None
    if n.group("y1"):
        year, month, day = int(n.group("y1")), int(n.group("m1")), int(n.group("d1"))
    else:
        year, month, day = int(n.group("y2")), int(n.group("m2")), int(n.group("d2"))
        if month > 12 and day <= 12:        # month/day/year, the US order
            day, month = month, day
    end = m.end()
    calendar = HIJRI if 1300 <= year <= 1600 else GREGORIAN
    sf = SUFFIX_RE.match(folded, end)
    if sf:
        calendar = YEAR_SUFFIXES[_key(sf.group("suf"))]
        end = sf.end()
    if not (1 <= month <= 12 and _valid_day(day, month, calendar)):
        return None
    if calendar == GREGORIAN and not 1800 <= year <= 2200:
        return None
    value = _make_date(year, month, day, calendar)
    if value is None:
        return None
    attrs = {"year": year, "month": month, "day": day, "calendar": calendar, "value": value,
             "text_kind": "numeric", "granularity": "day"}
    start = _lead(folded, m.start(), attrs)
    return _Piece(DATE, start, end, attrs)


def _year_piece(folded: str, m: re.Match) -> _Piece | None:
    """عام 2019، العام 1436 هـ: a year alone."""
    ym = YEAR_DIGITS_RE.match(folded, m.end("word"))
    if not ym or m.group("cl") not in ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل"):
        return None
    year = int(ym.group("year"))
    end = ym.end()
    calendar = GREGORIAN
    sf = SUFFIX_RE.match(folded, end)
    if sf:
        calendar = YEAR_SUFFIXES[_key(sf.group("suf"))]
        end = sf.end()
    if not 1000 <= year <= 2200:
        return None
    return _Piece(DATE, m.start("word"), end, {
        "year": year, "month": None, "day": None, "calendar": calendar,
        "text_kind": "year", "granularity": "year", "_year_only": True})


def _weekday_piece(folded: str, m: re.Match) -> _Piece | None:
    name = m.group("word")
    start, end = m.start("word"), m.end("word")
    if m.group("cl") not in ("", "و", "ف"):
        return None
    nxt = _next_word(folded, end)
    prev = _prev_word(folded, m.start())        # before the clitic
    if name in ("الاحد", "الاثنين") and (nxt in ("عشر", "عشره") or prev == "الواحد"
                                        or TENS_RE.fullmatch(nxt)):
        return None                              # الأحد عشر، الاثنين والثلاثين: numbers
    if name == "الاثنين" and (prev in ("بين", "كلا", "كلي", "هذين") or nxt in ("معا", "منهما")
                              or (prev.startswith("ال") and prev.endswith("ين")
                                  and not prev.endswith("يين"))):
        return None
    if prev in ("ايام", "كل", "اسبوع", "امام", "خطيب", "ايمه", "خطباء"):
        return None                              # أيام الجمعة، إمام الجمعة: not a date
    attrs: dict = {"weekday": WEEKDAYS[name]}
    sw = SECOND_WEEKDAY_RE.match(folded, end)
    if sw and (WEEKDAYS[sw.group("wd")] - attrs["weekday"]) % 7 == 1:
        attrs["weekday_end"] = WEEKDAYS[sw.group("wd")]
        end = sw.end()
    md = WEEKDAY_MOD_RE.match(folded, end)
    if md:
        attrs["relative"] = WEEKDAY_MODIFIERS[md.group("mod")]
        end = md.end()
    start = _lead(folded, start, attrs, weekday=True)
    if attrs.pop("_this", False) and "relative" not in attrs:
        attrs["relative"] = "this_weekday"
    return _Piece(WD, start, end, attrs)


def _relative_piece(folded: str, m: re.Match) -> _Piece | None:
    word = m.group("word")
    cl = m.group("cl")
    rel = RELATIVE_WORDS[word]
    start, end = m.start("word"), m.end("word")
    if cl not in ("", "و", "ف") and not (cl in ("ب", "وب") and word in ("امس", "الامس")):
        return None
    prev = _prev_word(folded, m.start())        # before the clitic
    nxt = _next_word(folded, end)
    attrs: dict = {}
    if word in ("امس", "الامس"):
        if nxt in ("الحاجه", "القريب"):          # أمسّ الحاجة "most in need", الأمس القريب
            return None
        aw = AWWAL_BEFORE_RE.search(folded, max(0, start - 12), start)
        if aw:
            rel, start = "day_before_yesterday", aw.start("w")
        elif (am := AFTER_AMS_RE.match(folded, end)):
            rel, end = "day_before_yesterday", am.end()
    elif word in ("غد", "غدا", "الغد"):
        bd = BAAD_BEFORE_RE.search(folded, max(0, start - 8), start)
        if bd:
            rel, start = "day_after_tomorrow", bd.start("w")
        elif word != "غدا" and prev not in ("يوم", *PARTS_OF_DAY):
            return None                          # الغد: "the future", حزب الغد
    elif word in ("اليوم", "الليله"):
        if prev in DAY_NOUN_BEFORE:
            return None
        if word == "الليله" and (al := AFTER_LAYLA_RE.match(folded, end)):
            rel = "tomorrow" if al.group("w") in ("المقبله", "القادمه") else "yesterday"
            attrs["part_of_day"] = "night"
            end = al.end()
        elif _is_day_noun_adjective(nxt):
            return None
    attrs["relative"] = rel
    new_start = _lead(folded, start, attrs)
    return _Piece(REL, new_start, end, attrs)


def _pieces(folded: str) -> list[_Piece]:
    triggers = list(WORD_TRIGGER_RE.finditer(folded))
    numeric = list(NUMERIC_CANDIDATE_RE.finditer(folded))
    if numeric:
        triggers = sorted(triggers + numeric, key=lambda m: m.start())
    out: list[_Piece] = []
    last_end = 0
    for m in triggers:
        if m.start() < last_end:
            continue
        if m.re is NUMERIC_CANDIDATE_RE:
            piece = _numeric_piece(folded, m)
        else:
            word = _key(m.group("word"))
            if word in ALL_MONTHS:
                piece = _month_piece(folded, m)
            elif word in WEEKDAYS:
                piece = _weekday_piece(folded, m)
            elif word in YEAR_WORDS:
                piece = _year_piece(folded, m)
            else:
                piece = _relative_piece(folded, m)
        if piece is None:
            continue
        piece.start = max(piece.start, last_end)
        out.append(piece)
        last_end = piece.end
    return out


def _join(folded: str, pieces: list[_Piece]) -> list[list[_Piece]]:
    """Group pieces that follow each other in the order اليوم · الجمعة · 8 نيسان."""
    groups: list[list[_Piece]] = []
    for p in pieces:
        if groups:
            g = groups[-1]
            last = g[-1]
            if (p.kind > last.kind and not p.attrs.get("_year_only")
                    and GAP_RE.fullmatch(folded, last.end, p.start)):
                g.append(p)
                continue
        groups.append([p])
    return groups


def _to_span(nt, folded: str, group: list[_Piece]) -> Span:
    start, end = group[0].start, group[-1].end
    if folded.count("(", start, end) > folded.count(")", start, end):
        close = CLOSE_PAREN_RE.match(folded, end)     # اليوم (الاثنين)
        if close:
            end = close.end()
    attrs = {"year": None, "month": None, "day": None, "weekday": None,
             "calendar": GREGORIAN, "relative": None, "value": None}
    kinds = {p.kind: p for p in group}
    for p in group:
        for k, v in p.attrs.items():
            if k.startswith("_") or v is None:
                continue
            if k in ("relative", "part_of_day") and attrs.get(k):
                continue                         # أمس الخميس: "yesterday" wins
            attrs[k] = v
    if DATE in kinds:
        attrs["text_kind"] = kinds[DATE].attrs["text_kind"]
        attrs["granularity"] = kinds[DATE].attrs["granularity"]
    else:
        attrs["text_kind"] = ("weekday" if attrs["relative"] in WEEKDAY_RELATIVES
                              else "relative")
        attrs["granularity"] = "day"
    if attrs["weekday"] is not None and attrs["value"] is not None:
        attrs["weekday_ok"] = attrs["value"].weekday() == attrs["weekday"]
    o_start, o_end = nt.span_to_original(start, end)
    text = nt.original
    while o_end < len(text) and text[o_end] in DIACRITICS:   # harakat, tatweel after the end
        o_end += 1
    return Span(o_start, o_end, "DATE", attrs)


class _FastFold:
    """The same folded text as NormalizedText, built with str.translate when every character
    folds to at most one character (the usual case; about 5x faster). Offsets map back
    through the sorted positions of the dropped characters."""

    __slots__ = ("original", "text", "_shifts")

    def __init__(self, original: str, table: dict[int, str | None]):
        self.original = original
        self.text = original.translate(table)
        # Folded index at which each dropped character would have stood.
        dropped = _dropped_re(table)
        self._shifts = ([m.start() - i for i, m in enumerate(dropped.finditer(original))]
                        if dropped else [])

    def _origin(self, i: int) -> int:
        return i + bisect_right(self._shifts, i)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            o = self._origin(start)
            return o, o
        return self._origin(start), self._origin(end - 1) + 1


_DROPPED_CACHE: dict[frozenset, re.Pattern] = {}
_FOLD_TABLE: dict[int, str | None] = {}


def _dropped_re(table: dict[int, str | None]) -> re.Pattern | None:
    dropped = frozenset(c for c, v in table.items() if v is None)
    if not dropped:
        return None
    pat = _DROPPED_CACHE.get(dropped)
    if pat is None:
        body = "".join(re.escape(chr(c)) for c in sorted(dropped))
        pat = _DROPPED_CACHE[dropped] = re.compile(f"[{body}]")
        if len(_DROPPED_CACHE) > 256:
            _DROPPED_CACHE.clear()
    return pat


def _normalized(text: str):
    """NormalizedText(text), or the equivalent _FastFold when no character expands."""
    table: dict[int, str | None] = {}
    for ch in set(text):
        f = _FOLD_TABLE.get(ord(ch), "?unset")
        if f == "?unset":
            folded = fold_char(ch)
            f = _FOLD_TABLE[ord(ch)] = folded if len(folded) <= 1 else "?long"
        if f == "?long":
            return NormalizedText(text)
        if f != ch:
            table[ord(ch)] = f or None
    return _FastFold(text, table)


def find_dates(text: str) -> list[Span]:
    """Date expressions in `text`, as DATE spans of the original text, in text order."""
    if not text:
        return []
    if not isinstance(text, str):
        raise InputError("find_dates", f"text must be str, not {type(text).__name__}")
    nt = _normalized(text)
    folded = nt.text
    pieces = _pieces(folded)
    return [_to_span(nt, folded, g) for g in _join(folded, pieces)]


# ---------------------------------------------------------------- resolution

def _weekday_on_or_before(anchor: dt.date, weekday: int) -> dt.date:
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


def _nearest_year(month: int, day: int, anchor: dt.date, calendar: str,
                  weekday: int | None = None, month_relative: str | None = None
                  ) -> dt.date | None:
    """The date (day, month, some year) nearest `anchor`, at most ~10 months after it;
    with a weekday, only dates that fall on it."""
    if calendar == HIJRI:
        try:
            base = Gregorian(anchor.year, anchor.month, anchor.day).to_hijri().year
        except (ValueError, OverflowError):      # outside hijridate's 1343–1500 AH
            return None
    else:
        base = anchor.year
    best = None
    for year in (base - 1, base, base + 1):
        d = _make_date(year, month, day, calendar)
        if d is None:
            continue
        delta = (d - anchor).days
        if delta > (400 if month_relative == "next" else 305) or (
                weekday is not None and d.weekday() != weekday):
            continue
        if month_relative == "last" and delta > 0 or month_relative == "next" and delta < 0:
            continue
        if best is None or abs(delta) < abs((best - anchor).days):
            best = d
    return best


def resolve(span: Span, anchor: dt.date) -> dt.date | None:
    """The calendar date `span` means in an article dated `anchor` (the first day of the
    month/year for coarser expressions), or None when it cannot be told."""
    if not isinstance(span, Span):
        raise InputError("resolve", f"expected a Span, got {type(span).__name__}")
    try:
        return _resolve(span, anchor)
    except (OverflowError, ValueError):          # an anchor at the edge of the calendar
        return None


def _resolve(span: Span, anchor: dt.date) -> dt.date | None:
    a = span.attrs
    if a.get("value"):
        return a["value"]
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    calendar = a.get("calendar") or GREGORIAN
    month, day, year, weekday = a.get("month"), a.get("day"), a.get("year"), a.get("weekday")
    if month and day and year:
        return _make_date(year, month, day, calendar)
    if not isinstance(anchor, dt.date):
        if anchor is None:
            return dt.date(year, 1, 1) if year and not month and calendar == GREGORIAN else (
                dt.date(year, month, 1) if year and month and calendar == GREGORIAN else None)
        raise InputError("resolve", f"anchor must be a date, got {type(anchor).__name__}")
    if month and day:
        if "year_offset" in a:
            return _make_date(anchor.year + a["year_offset"], month, day, calendar)
        rel = a.get("month_relative")
        # A weekday that fits no nearby year is more likely a slip than the year.
        return (_nearest_year(month, day, anchor, calendar, weekday, rel)
                or _nearest_year(month, day, anchor, calendar, None, rel))
    shift = {"today": 0, "tonight": 0, "yesterday": -1, "day_before_yesterday": -2,
             "tomorrow": 1, "day_after_tomorrow": 2}.get(a.get("relative"))
    if shift is not None:
        return anchor + dt.timedelta(days=shift)
    if weekday is not None:
        rel = a.get("relative")
        if rel == "next_weekday":
            return anchor + dt.timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1)
        if rel == "last_weekday":
            return anchor - dt.timedelta(days=(anchor.weekday() - weekday - 1) % 7 + 1)
        if rel == "this_weekday":
            delta = (weekday - anchor.weekday()) % 7
            return anchor + dt.timedelta(days=delta if delta <= 3 else delta - 7)
        return _weekday_on_or_before(anchor, weekday)
    if month:
        if calendar == HIJRI:
            if year:
                return _make_date(year, month, 1, calendar)
            return _nearest_year(month, 1, anchor, calendar, None, a.get("month_relative"))
        if year:
            return dt.date(year, month, 1)
        if "year_offset" in a:
            return dt.date(anchor.year + a["year_offset"], month, 1)
        rel = a.get("month_relative")
        here = (anchor.year, anchor.month)
        if rel == "last":                        # يوليو الماضي: the latest July before
            return dt.date(anchor.year - (month >= anchor.month), month, 1)
        if rel == "next":
            return dt.date(anchor.year + (month <= anchor.month), month, 1)
        if rel == "this":
            return dt.date(anchor.year, month, 1)
        # Nearest month, at most ~10 months ahead.
        best = min((y for y in (anchor.year - 1, anchor.year, anchor.year + 1)
                    if (y - here[0]) * 12 + month - here[1] <= 10),
                   key=lambda y: abs((y - here[0]) * 12 + month - here[1]))
        return dt.date(best, month, 1)
    if year:
        if calendar == HIJRI:
            return _make_date(year, 1, 1, calendar)
        return dt.date(year, 1, 1)
    return None


# ---------------------------------------------------------------- publication date

LEAD_CHARS = 400       # the first sentences of the body, where "اليوم …" dates the article
DATELINE_CHARS = 40    # at most a place name before a dateline date
DATELINE_PREP_RE = re.compile(r"(?<!\w)[وفبل]?(?:في|يوم|يومي|تاريخ|بتاريخ|من|منذ|حتي|الي|قبل|بعد|"
                              r"خلال|ال)\W*\Z")


def _inside(span: Span, ranges: Iterable[tuple[int, int]]) -> bool:
    return any(a < span.end and span.start < b for a, b in ranges)


def _body_offset(pos: int, skip: list[tuple[int, int]]) -> int:
    """Characters of body (text outside `skip`) before `pos`."""
    cut = 0
    for a, b in skip:
        if a < pos:
            cut += min(b, pos) - a
    return pos - cut


def _is_dateline(text: str, span: Span, skip: list[tuple[int, int]]) -> bool:
    body_start = max((b for a, b in skip if b <= span.start), default=0)
    before = fold(text[body_start:span.start]).strip()
    after = text[span.end:span.end + 3].lstrip(" \t\u00a0")
    if fold(text[span.start:span.start + 4]).startswith("يوم"):
        return False                             # "تعيش تونس، يوم 9 ماي": an event
    return (len(before) <= DATELINE_CHARS and not DATELINE_PREP_RE.search(before)
            and (not after or after[0] in "-–—(:،,\n|"))


def publication_date(text: str, spans: list[Span], *, fetched: dt.datetime | None = None,
                     skip: Iterable[tuple[int, int]] = (), near_years: list[int] | None = None
                     ) -> tuple[dt.date | None, str | None, Span | None]:
    """The article's own date from its text: (date, how, span), or (None, None, None).

    `spans` are find_dates(text) (computed when None); dates inside `skip` (removed
    boilerplate) are not the article's, but their years may supply a missing year, as may
    `near_years`. `fetched` (crawl time) is an upper bound. A weekday in the expression must
    agree with the date. `how` is one of: text:today+date, text:today+day-month+year-from-
    context, text:today+weekday+day-month+year-from-context, text:today+weekday+fetched,
    text:today+fetched, text:dateline-date. Dates of the story's events are never taken:
    on ANT/JawharaFM articles only "today"-anchored and dateline dates proved reliable."""
    if not isinstance(text, str):
        raise InputError("publication_date", f"text must be str, not {type(text).__name__}")
    if spans is None:
        spans = find_dates(text)
    try:
        skip = sorted((int(a), int(b)) for a, b in skip)
    except (TypeError, ValueError) as exc:
        raise InputError("publication_date", f"skip must be (start, end) pairs: {exc}") from None
    if near_years and not all(isinstance(y, int) and 1 <= y <= 9999 for y in near_years):
        raise InputError("publication_date", f"near_years must be years, got {near_years!r}")
    if fetched is not None and not isinstance(fetched, dt.date):
        raise InputError("publication_date", f"fetched must be a datetime, got {fetched!r}")
    try:
        return _publication_date(text, spans, fetched, skip, near_years)
    except (OverflowError, ValueError):          # dates at the edge of the calendar
        return None, None, None


def _publication_date(text: str, spans: list[Span], fetched: dt.datetime | None,
                      skip: list[tuple[int, int]], near_years: list[int] | None
                      ) -> tuple[dt.date | None, str | None, Span | None]:
    limit = fetched.date() if isinstance(fetched, dt.datetime) else fetched
    # Where a missing year may come from, strongest first: full dates of the removed
    # boilerplate (related headlines are near in time), the caller's years, the crawl
    # time, full dates of the body. Bare years ("منذ العام 2019") are past references: no.
    skipped_dates: list[dt.date] = []
    body_dates: list[dt.date] = []
    lead: list[Span] = []
    for s in spans:
        a = s.attrs
        inside = _inside(s, skip)
        if a.get("value") and a.get("granularity") == "day" and a.get("weekday_ok", True):
            (skipped_dates if inside else body_dates).append(a["value"])
        if not inside and _body_offset(s.start, skip) < LEAD_CHARS:
            lead.append(s)

    def fits(d: dt.date | None, weekday: int | None) -> bool:
        return (d is not None and (limit is None or d <= limit)
                and (weekday is None or d.weekday() == weekday))

    def year_from_context(s: Span) -> dt.date | None:
        a = s.attrs
        weekday, cal = a.get("weekday"), a.get("calendar", GREGORIAN)
        anchors = [(d, None) for d in skipped_dates]
        anchors += [(dt.date(y, 7, 1), None) for y in near_years or ()]
        if limit is not None:
            anchors.append((limit, "last"))
        if weekday is not None:     # body dates are often historical: only with a weekday
            anchors += [(d, None) for d in body_dates]
        for anchor, rel in anchors:
            d = _nearest_year(a["month"], a["day"], anchor, cal, None, rel)
            if fits(d, weekday):
                return d
        if weekday is not None:     # the weekday ruled the first guesses out: try neighbours
            for anchor, _ in anchors:
                for shift in (-1, 1, -2, 2):
                    d = _nearest_year(a["month"], a["day"], anchor + dt.timedelta(days=365 * shift),
                                      cal)
                    if fits(d, weekday):
                        return d
        return None

    # 1. Anchored on "today": اليوم الجمعة 8 نيسان، اليوم (الاثنين)، اليوم.
    for s in lead:
        a = s.attrs
        if a.get("relative") not in ("today", "tonight"):
            continue
        weekday = a.get("weekday")
        if a.get("value"):
            if fits(a["value"], weekday):
                return a["value"], "text:today+date", s
            continue
        if a.get("day") and a.get("month"):
            d = year_from_context(s)
            if d:
                how = "+weekday" if weekday is not None else ""
                return d, f"text:today{how}+day-month+year-from-context", s
            continue
        if limit is not None and a.get("month") is None:
            if weekday is not None:
                return _weekday_on_or_before(limit, weekday), "text:today+weekday+fetched", s
            return limit, "text:today+fetched", s
    # 2. A full date in dateline position: "القاهرة، 5 أكتوبر 2017 (رويترز) -", right at
    # the start of the body, not after a preposition. Other dates of the lead are the
    # story's events, not its publication (measured on ANT: most of them are).
    for s in lead:
        a = s.attrs
        if a.get("value") and a.get("granularity") == "day" and not a.get("relative") \
                and _is_dateline(text, s, skip) and fits(a["value"], a.get("weekday")):
            return a["value"], "text:dateline-date", s
    return None, None, None
