"""Fuzzing the pipeline: rasad.pipeline.analyse / extract_text on hostile Unicode (lone
surrogates, bidi controls, joiners, presentation forms, harakat, NUL, CRLF) with hostile
metadata, rasad.pipeline.extract on bytes of any kind, and rasad.pipeline.extract on each
flavour of hostile input on its own (so that each gets its own count): bidi controls,
zero-width joiners, presentation forms, combining marks, lone surrogates escaped in JSON,
truncated HTML, deeply nested HTML, random JSON. Only InputError may escape; every
span of every layer lies inside the text; the record is JSON and UTF-8.

RASAD_FUZZ_EXAMPLES sets the examples per test (default 200)."""
from __future__ import annotations

import datetime as dt
import os
import tempfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasad.errors import InputError
from rasad.model import Document
from rasad.pipeline import analyse, extract, extract_text

from .invariants import check_article, check_error, tolerating_open_bugs
from .strategies import EXTRACT_FLAVOURS, FUZZ, any_input, hostile_text, news_text, news_text_with_surrogates

metadata = st.fixed_dictionaries({}, optional={
    "title": st.one_of(st.none(), hostile_text),
    "url": st.one_of(st.none(), hostile_text),
    "source": st.one_of(st.none(), hostile_text),
    "published": st.one_of(st.none(), st.dates()),
    "fetched": st.one_of(st.none(), st.datetimes(timezones=st.sampled_from([dt.timezone.utc, None]))),
    "origin": hostile_text,
})


def check_outcome(run) -> None:
    with tolerating_open_bugs():
        try:
            article = run()
        except InputError as error:
            check_error(error)
            return
        check_article(article)


@FUZZ
@given(text=st.one_of(news_text_with_surrogates, hostile_text), meta=metadata)
def test_analyse_hostile_documents(text, meta):
    check_outcome(lambda: analyse(Document(text=text, **meta)))


@FUZZ
@given(text=st.one_of(news_text, news_text_with_surrogates), title=st.one_of(st.none(), news_text))
def test_extract_text_on_news_like_text(text, title):
    check_outcome(lambda: extract_text(text, title=title))


def drain(source) -> None:
    with tolerating_open_bugs():
        try:
            for item in extract(source):
                if isinstance(item, InputError):
                    check_error(item)
                else:
                    check_article(item)
        except InputError as error:
            check_error(error)


@FUZZ
@given(raw=st.one_of(any_input, st.binary(max_size=500)))
def test_extract_bytes_of_any_kind(raw):
    drain(raw)


@FUZZ
@given(raw=any_input, extension=st.sampled_from([".txt", ".html", ".json", ".jsonl", ".warc", ".rss",
                                                  ".xml", ".jsonl.gz", ".bin", ""]))
def test_extract_files_of_any_kind(raw, extension):
    with tempfile.TemporaryDirectory(prefix="rasad-fuzz-") as folder:
        path = os.path.join(folder, "input" + extension)
        with open(path, "wb") as out:
            out.write(raw)
        drain(path)


@pytest.mark.parametrize("flavour", list(EXTRACT_FLAVOURS))
@FUZZ
@given(data=st.data())
def test_extract_each_flavour(flavour, data):
    """Text flavours go in both as a Document and as the UTF-8 bytes of a text file; the
    others (JSON, HTML) as the bytes of a file."""
    sample = data.draw(EXTRACT_FLAVOURS[flavour], label=flavour)
    if isinstance(sample, str):
        drain(Document(text=sample, title=sample[:40] or None, origin="fuzz"))
        sample = sample.encode("utf-8", "surrogatepass")
    if sample:
        drain(sample)
