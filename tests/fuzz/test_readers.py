"""Fuzzing every reader: read_bytes with each hint and read_path on files of each extension,
over arbitrary bytes and over damaged versions of each format. Whatever comes in, only
InputError may come out (raised before iteration or yielded in place of a record), every
Document has text, and every Article made from it keeps its offsets inside its text.

RASAD_FUZZ_EXAMPLES sets the examples per test (default 200; the long run used 10,000)."""
from __future__ import annotations

import itertools
import os
import tempfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasad.errors import InputError
from rasad.pipeline import analyse
from rasad.sources import read_bytes, read_path

from .invariants import check_article, check_error, check_items, tolerating_open_bugs
from .strategies import BY_KIND, EXTENSIONS, FUZZ

KINDS = list(BY_KIND)
ARTICLES_PER_INPUT = 4         # the pipeline runs on the first few documents of each input


def read_and_analyse(read) -> None:
    with tolerating_open_bugs():
        _read_and_analyse(read)


def _read_and_analyse(read) -> None:
    try:
        items = read()
    except InputError as error:
        check_error(error)
        return
    docs, _ = check_items(items)
    for doc in itertools.islice(docs, ARTICLES_PER_INPUT):
        try:
            article = analyse(doc)
        except InputError as error:
            check_error(error)
            continue
        check_article(article)


@pytest.fixture(scope="module")
def folder():
    with tempfile.TemporaryDirectory(prefix="rasad-fuzz-") as path:
        yield path


@pytest.mark.parametrize("kind", KINDS)
@FUZZ
@given(data=st.data())
def test_read_bytes_with_each_hint(kind, data):
    raw = data.draw(BY_KIND[kind], label=f"{kind} bytes")
    read_and_analyse(lambda: read_bytes(raw, f"fuzz.{kind}", hint=kind))


@pytest.mark.parametrize("kind", KINDS)
@FUZZ
@given(data=st.data())
def test_read_bytes_without_a_hint(kind, data):
    raw = data.draw(BY_KIND[kind], label=f"{kind} bytes")
    read_and_analyse(lambda: read_bytes(raw, "<bytes>"))


@pytest.mark.parametrize("kind", KINDS)
@FUZZ
@given(data=st.data())
def test_read_path_on_files_of_each_extension(kind, data, folder):
    raw = data.draw(BY_KIND[kind], label=f"{kind} bytes")
    name = "input" + EXTENSIONS[kind] + (".gz" if raw[:2] == b"\x1f\x8b" else "")
    path = os.path.join(folder, name)
    with open(path, "wb") as out:
        out.write(raw)
    try:
        read_and_analyse(lambda: read_path(path))
    finally:
        os.unlink(path)
