"""A light Arabic stemmer for search, in the spirit of Larkey's light10.

It works on FOLDED words (see `rasad.normalize.fold`: أ/إ/آ→ا, ة→ه, ى→ي, harakat gone), so the
ta-marbuta suffixes ة/ية appear as ه/يه. Steps, each keeping a minimum stem length:

1. one definite article: وال, بال, كال, فال, لل, ال (at least 2 letters must remain);
2. a leading و (at least 3 letters must remain);
3. the suffixes ها, ان, ات, ون, ين, يه, ه, ي, tried in that order, repeated until none
   applies (at least 3 letters must remain).

Two deliberate departures from light10, both so that every surface form of a word gets the
same stem (a search index needs consistency more than linguistic truth):
- the article is stripped BEFORE the lone و, so وزير, الوزير and والوزير all give the same
  stem (light10's order gives زير for the first and وزير for the others);
- suffix stripping repeats, so ايراني → ايران → اير like ايران → اير.
The cost is some over-stemming (وزارة and زار meet); bm25 and AND queries keep results useful.
Any change here changes the index: it needs a migration that rebuilds it (Store.reindex).
"""
from __future__ import annotations

from functools import lru_cache

from rasad.normalize import fold

ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")
SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
MIN_AFTER_ARTICLE = 2
MIN_AFTER_WAW = 3
MIN_AFTER_SUFFIX = 3


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\u08a0" <= ch <= "\u08ff"


@lru_cache(maxsize=200_000)
def light_stem(word: str) -> str:
    """The stem of one folded word; words not in Arabic script come back unchanged."""
    if not word or not _is_arabic(word[0]):
        return word
    w = word
    for prefix in ARTICLES:
        if w.startswith(prefix) and len(w) - len(prefix) >= MIN_AFTER_ARTICLE:
            w = w[len(prefix):]
            break
    if w.startswith("و") and len(w) - 1 >= MIN_AFTER_WAW:
        w = w[1:]
    changed = True
    while changed:
        changed = False
        for suffix in SUFFIXES:
            if w.endswith(suffix) and len(w) - len(suffix) >= MIN_AFTER_SUFFIX:
                w = w[: -len(suffix)]
                changed = True
    return w


def stem(word: str) -> str:
    """Fold then stem a word as written (harakat, hamza forms and ta marbuta allowed)."""
    return light_stem(fold(word))
