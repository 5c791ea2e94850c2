"""Words that change what a clause reports: negation, future and plans, background, conditions,
questions, allegations, reported speech. Each concept is one file under
`rasad/resources/lang/markers/` (`phrase<TAB>example`), loaded and folded once; every example must
contain its phrase, which the loader checks and a test runs.
"""
from __future__ import annotations

from functools import lru_cache

from rasad.analyse import langdata
from rasad.analyse.langdata import LanguageDataError  # noqa: F401  (raised by entries)
from rasad.normalize import fold_key

CONCEPTS = ("negation", "future", "background", "condition", "question", "allegation", "reported")


@lru_cache(maxsize=None)
def entries(concept: str) -> tuple[tuple[str, str], ...]:
    """(folded phrase, example) pairs of one concept, checked."""
    if concept not in CONCEPTS:
        raise KeyError(concept)
    return langdata.entries(f"markers/{concept}.tsv")


@lru_cache(maxsize=None)
def phrases(concept: str) -> frozenset[str]:
    return frozenset(p for p, _ in entries(concept))


@lru_cache(maxsize=None)
def marks(concept: str) -> frozenset[str]:
    """The phrases of a concept that are punctuation (؟), matched on raw text, not on words."""
    return frozenset(p for p in phrases(concept) if not fold_key(p))


@lru_cache(maxsize=None)
def _word_phrases(concept: str) -> tuple[frozenset[str], int]:
    table = phrases(concept) - marks(concept)
    return table, max((p.count(" ") + 1 for p in table), default=1)


def hits(words: list[str], concept: str) -> list[int]:
    """Positions in a list of folded words where a phrase of the concept starts."""
    table, longest = _word_phrases(concept)
    out = []
    for i in range(len(words)):
        for n in range(1, longest + 1):
            if " ".join(words[i:i + n]) in table:
                out.append(i)
                break
    return out


@lru_cache(maxsize=1)
def _all_word_phrases() -> tuple[dict[str, tuple[str, ...]], int]:
    table: dict[str, tuple[str, ...]] = {}
    for concept in CONCEPTS:
        for phrase in _word_phrases(concept)[0]:
            table[phrase] = (*table.get(phrase, ()), concept)
    return table, max(p.count(" ") + 1 for p in table)


def all_hits(words: list[str]) -> dict[str, list[int]]:
    """`hits` for every concept in one pass over the words."""
    table, longest = _all_word_phrases()
    out: dict[str, list[int]] = {}
    for i in range(len(words)):
        for n in range(1, longest + 1):
            concepts = table.get(" ".join(words[i:i + n]))
            if concepts:
                for c in concepts:
                    found = out.setdefault(c, [])
                    if not found or found[-1] != i:
                        found.append(i)
    return out
