"""Language data files: one concept per file under `rasad/resources/lang/`, a TSV of
`phrase<TAB>example` rows, loaded and folded once. Every example must contain its phrase (the loader
checks it, so a linguist's edit that breaks it fails at load and in the tests), and a broken file is
a `LanguageDataError` naming the file and the line.
"""
from __future__ import annotations

import csv
from functools import cache
from importlib import resources

from rasad.normalize import fold_key


class LanguageDataError(ValueError):
    """A language data file breaks its schema: the message names the file and the line."""


@cache
def entries(path: str) -> tuple[tuple[str, str], ...]:
    """(folded phrase, example) pairs of one file, e.g. `entries("names/place_heads.tsv")`."""
    ref = resources.files("rasad.resources").joinpath("lang", *path.split("/"))
    out = []
    with ref.open("r", encoding="utf-8") as fh:
        for n, row in enumerate(csv.DictReader(fh, delimiter="\t"), start=2):
            phrase, example = (row.get("phrase") or "").strip(), (row.get("example") or "").strip()
            if not phrase or not example:
                raise LanguageDataError(f"{path}:{n}: a phrase and its example are both needed")
            key = fold_key(phrase) or phrase          # a mark (؟) is kept as it is
            if key not in (fold_key(example) if fold_key(phrase) else example):
                raise LanguageDataError(f"{path}:{n}: the example does not contain {phrase!r}")
            out.append((key, example))
    return tuple(out)


@cache
def phrases(path: str) -> frozenset[str]:
    """The folded phrases of one file."""
    return frozenset(p for p, _ in entries(path))
