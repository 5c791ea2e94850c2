"""Search text analysis, independent of the database: what is indexed, how a query and its date
filters are read, and the snippet shown for a hit.

Indexed text and queries go through the same steps: fold (rasad.normalize.fold), cut into
words (runs of letters/digits), light-stem each Arabic word (rasad.store.stemmer). The index
therefore holds stems separated by spaces, so أحمد, احمد and أَحْمَد, or المفاوضات and مفاوضات,
meet. The snippet is cut from the ORIGINAL body: a match found in the folded text is mapped back
to original offsets (the same map as rasad.normalize.NormalizedText.to_original).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from rasad.errors import InputError
from rasad.normalize import DIACRITICS, fold_char
from rasad.store.stemmer import light_stem

WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
# Quote marks a user may type around a phrase, all read as ".
PHRASE_QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "″": '"'})
MAX_CLAUSES = 32          # a query longer than this is cut: no one types more words than that
SNIPPET_BEFORE = 60       # characters of context kept before the first match
SNIPPET_LENGTH = 200      # characters in a snippet, about


class _FoldTable(dict):
    """str.translate table giving fold_char of each character, filled on first sight."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def fast_fold(text: str) -> str:
    """Same result as rasad.normalize.fold, several times faster on long texts."""
    return text.translate(_FOLD_TABLE)


def stems(text: str | None) -> list[str]:
    """The index terms of a text, in order."""
    if not text:
        return []
    return list(map(light_stem, WORD_RE.findall(fast_fold(text))))


def index_text(text: str | None) -> str:
    """The text as the full-text index stores it: stems separated by spaces."""
    return " ".join(stems(text))


def index_fields(record: dict) -> dict[str, str]:
    """The indexed columns of one article: title, body, its entity names and aliases, and
    its facet tags (see facet_tags)."""
    names = []
    for entity in record.get("entities") or []:
        names.append(entity.get("name") or "")
        names.extend(entity.get("aliases") or [])
    return {"title": index_text(record.get("title")), "body": index_text(record.get("body")),
            "names": index_text(" \n".join(names)),
            "tags": tags_text(record.get("published"),
                              [e.get("type") for e in record.get("events") or []])}


TAG_SLOTS = 20            # tags per article, padded: see facet_tags
TAG_PAD = "tagpad"


def facet_tags(published: str | None, event_types) -> list[str]:
    """Words for the filters a search combines with its text: "evconsult" for each event
    type, "ym201507" for the month of publication. Indexed beside the text, they let the
    full-text index intersect the filter with the match instead of testing every match."""
    tags = sorted({f"ev{t.lower()}" for t in event_types if t and str(t).isalpha()})
    month = re.fullmatch(r"(\d{4})-(\d{2}).*", published or "")
    if month:
        tags.append(f"ym{month.group(1)}{month.group(2)}")
    return tags


def tags_text(published: str | None, event_types) -> str:
    """The indexed tags column, padded to TAG_SLOTS words: FTS5's bm25 counts the words of
    all columns in an article's length, and equal texts must keep equal scores however
    many events they have."""
    tags = facet_tags(published, event_types)
    return " ".join(tags + [TAG_PAD] * (TAG_SLOTS - len(tags)))


def date_bound(value: str | None, name: str, upper: bool, source: str = "search") -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD as the first (or last) day it covers, as text; a bad
    value is an InputError of `source` naming the parameter `name`."""
    if value is None or not value.strip():
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value.strip())
    try:
        if not m:
            raise ValueError
        year, month, day = m.group(1), m.group(2), m.group(3)
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise InputError(source, f"{name} must be YYYY-MM-DD, YYYY-MM or YYYY, not {value!r}") \
            from None
    month = f"{int(month):02d}" if month else ("12" if upper else "01")
    day = f"{int(day):02d}" if day else ("31" if upper else "01")
    return f"{year}-{month}-{day}"


def month_tags(low: str | None, high: str | None, most: int = 60) -> list[str] | None:
    """The "ym" tags of the whole months from `low` to `high` (YYYY-MM-DD, both given, the
    first day of a month to the last of one); None when the range is not whole months or
    spans more than `most` of them."""
    if not low or not high or low[8:] != "01":
        return None
    try:
        year, month = int(low[:4]), int(low[5:7])
        end_year, end_month, end_day = int(high[:4]), int(high[5:7]), int(high[8:10])
    except ValueError:
        return None
    if end_day < calendar.monthrange(end_year, end_month)[1] and end_day != 31:
        return None
    tags = []
    while (year, month) <= (end_year, end_month):
        tags.append(f"ym{year:04d}{month:02d}")
        if len(tags) > most:
            return None
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tags


@dataclass(frozen=True)
class Query:
    """A parsed query: every clause must match; a clause of several stems is a phrase."""

    clauses: tuple[tuple[str, ...], ...]

    def __bool__(self) -> bool:
        return bool(self.clauses)


def parse_query(query: str | None) -> Query:
    """Plain words are ANDed; "quoted phrases" (also «…» or “…”) match as a sequence.

    Nothing in the input is syntax beyond the quotes: operators, brackets, * and : are just
    punctuation and drop out with the folding, so no input can break the database query.
    A word written with inner punctuation (al-Assad, 2018/05) becomes a phrase of its parts.
    An unclosed quote runs to the end of the query."""
    clauses: list[tuple[str, ...]] = []
    parts = (query or "").translate(PHRASE_QUOTES).split('"')
    for i, part in enumerate(parts):
        if i % 2:                                   # inside quotes
            chunks = [part]
        else:
            chunks = part.split()
        for chunk in chunks:
            terms = tuple(stems(chunk))
            if terms and terms not in clauses:
                clauses.append(terms)
    return Query(tuple(clauses[:MAX_CLAUSES]))


def first_match(body: str, query: Query) -> tuple[int, int] | None:
    """The [start, end) in the original `body` of the first clause match (the one that ends
    first), or None. Stops at the match: only the words before it are stemmed."""
    if not body or not query:
        return None
    longest = max(len(c) for c in query.clauses)
    recent: list[tuple[str, int, int]] = []       # the last `longest` words: (stem, start, end)
    for m in WORD_RE.finditer(fast_fold(body)):
        recent.append((light_stem(m.group()), m.start(), m.end()))
        if len(recent) > longest:
            del recent[0]
        for clause in query.clauses:
            n = len(clause)
            if clause[-1] == recent[-1][0] and len(recent) >= n and \
                    all(recent[-n + k][0] == clause[k] for k in range(n)):
                return _to_original(body, recent[-n][1], recent[-1][2])
    return None


def _to_original(body: str, start: int, end: int) -> tuple[int, int]:
    """A [start, end) of fast_fold(body) as the [start, end) of `body` it came from, with the
    harakat that follow its last letter."""
    # folded length after each original character (the same map as NormalizedText's)
    after = list(accumulate(map(len, map(_FOLD_TABLE.__getitem__, map(ord, body)))))
    o_start = bisect_right(after, start)
    o_end = bisect_right(after, end - 1) + 1
    while o_end < len(body) and body[o_end] in DIACRITICS:
        o_end += 1
    return o_start, o_end


def snippet(body: str | None, query: Query, length: int = SNIPPET_LENGTH) -> str:
    """About `length` characters of the original body around the first match (the opening of
    the body when the match was in the title or names), cut at spaces, lines joined, with …
    where text was left out."""
    if not body:
        return ""
    match = first_match(body, query)
    start = max(0, match[0] - SNIPPET_BEFORE) if match else 0
    end = min(len(body), start + length)
    if match and match[1] > end:
        end = min(len(body), match[1] + SNIPPET_BEFORE)
    if start > 0:
        space = body.find(" ", start, match[0] if match else end)
        start = space + 1 if space != -1 else start
    if end < len(body):
        space = body.rfind(" ", match[1] if match else start, end)
        end = space if space > start else end
    piece = " ".join(body[start:end].split())
    return ("…" if start > 0 else "") + piece + ("…" if end < len(body) else "")
