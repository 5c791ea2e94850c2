"""What must hold for anything a reader or the pipeline gives back, whatever went in."""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable

from rasad.errors import InputError
from rasad.model import Article, Document, Span
from rasad.output import to_record


# Bugs the fuzzing found, each pinned by an xfail(strict=True) test in test_known_bugs.py.
# While one is open the checks step around it (and only it), so that a fuzz run goes on to
# find the next bug instead of tripping over the same one. Fixing a bug: delete its entry
# here and unmark its test. RASAD_FUZZ_STRICT=1 ignores this list.
OPEN_BUGS: set[str] = set()
# Found and fixed (8c32f59), each now a regression test in test_known_bugs.py:
#   surrogate-in-metadata  a lone surrogate in a Document's title/url/source/origin (a file name
#                          that is not UTF-8) left the record unwritable as UTF-8
#   huge-epoch-number      a JSON date of 310+ digits: OverflowError in records._as_datetime
#   json-number-too-long   a JSON number of 4,301+ digits: ValueError escaped the reader
#   json-too-deep          JSON nested ~1,000 deep: RecursionError escaped the reader
# Their exception signatures stay in open_bug() below: re-open one by adding its name here.


def open_bug(error: BaseException) -> str | None:
    """The open bug an exception is, if it is one (None in strict mode)."""
    text = str(error)
    names = {"huge-epoch-number": isinstance(error, OverflowError) and "too large for a float" in text,
             "json-number-too-long": isinstance(error, ValueError) and "integer string conversion" in text,
             "json-too-deep": isinstance(error, RecursionError) and "decoding a JSON" in text}
    return next((name for name, hit in names.items() if hit and bug_is_open(name)), None)


class tolerating_open_bugs:
    """with tolerating_open_bugs(): ... — an exception that is an open bug ends the block quietly."""

    def __enter__(self):
        return self

    def __exit__(self, kind, error, _tb):
        return error is not None and isinstance(error, Exception) and open_bug(error) is not None
_STRICT = os.environ.get("RASAD_FUZZ_STRICT") == "1"
_SURROGATE = re.compile("[\ud800-\udfff]")


def bug_is_open(name: str) -> bool:
    return name in OPEN_BUGS and not _STRICT


def check_error(error: InputError) -> None:
    """The documented error: a source and a one-line reason."""
    assert isinstance(error, InputError)
    assert isinstance(error.source, str) and isinstance(error.reason, str)
    assert error.reason.strip(), "an InputError without a reason"
    assert "\n" not in error.reason and "\r" not in error.reason, f"reason not one line: {error.reason!r}"
    assert "Traceback" not in error.reason


def check_document(doc: Document) -> None:
    assert isinstance(doc, Document), f"a reader yielded {type(doc).__name__}"
    assert isinstance(doc.text, str) and doc.text.strip(), "a Document without text"


def _span(what: str, span, length: int) -> None:
    assert isinstance(span, Span), f"{what}: not a Span but {type(span).__name__}"
    assert isinstance(span.start, int) and isinstance(span.end, int), f"{what}: offsets {span.start!r}, {span.end!r}"
    assert 0 <= span.start <= span.end <= length, f"{what}: [{span.start}, {span.end}) outside 0..{length}"


def article_spans(article: Article) -> Iterable[tuple[str, Span | None]]:
    """Every span of every layer, named for the failure message (None where a layer may omit one)."""
    for layer in ("removed", "sentences", "tokens", "mentions", "dates"):
        for n, span in enumerate(getattr(article, layer)):
            yield f"{layer}[{n}]", span
    for n, mention in enumerate(article.mentions):
        title = mention.attrs.get("title")
        if isinstance(title, Span):
            yield f"mentions[{n}].title", title
    for e, entity in enumerate(article.entities):
        for n, mention in enumerate(entity.mentions):
            yield f"entities[{e}].mentions[{n}]", mention
    for n, event in enumerate(article.events):
        yield f"events[{n}].evidence", event.evidence
        yield f"events[{n}].trigger", event.trigger
    for n, quote in enumerate(article.quotes):
        yield f"quotes[{n}].span", quote.span
        yield f"quotes[{n}].cue", quote.cue


def check_article(article: Article) -> dict:
    """Offsets inside the text on every layer; the record JSON-able and UTF-8-encodable."""
    assert isinstance(article, Article)
    length = len(article.text)
    for what, span in article_spans(article):
        if span is None and (what.endswith(".trigger") or what.endswith(".cue") or what.endswith(".evidence")):
            continue
        _span(what, span, length)
    record = to_record(article)
    if bug_is_open("surrogate-in-metadata"):
        record = {**record, **{key: _SURROGATE.sub("\ufffd", record[key]) for key in
                               ("title", "url", "source", "origin") if isinstance(record.get(key), str)}}
    encoded = json.dumps(record, ensure_ascii=False, allow_nan=False).encode("utf-8")
    assert json.loads(encoded)["id"] == record["id"]
    return record


def check_items(items: Iterable) -> tuple[list, list]:
    """Drain a reader's iterator: only Documents and InputErrors may come out of it."""
    docs, errors = [], []
    for item in items:
        if isinstance(item, InputError):
            check_error(item)
            errors.append(item)
        else:
            check_document(item)
            docs.append(item)
    return docs, errors
