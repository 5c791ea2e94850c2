"""What must hold for anything a reader or the pipeline gives back, whatever went in."""
from __future__ import annotations

import json
from collections.abc import Iterable

from rasad.errors import InputError
from rasad.model import Article, Document, Span
from rasad.output import to_record


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
