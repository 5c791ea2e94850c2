"""rasad (رصد): Arabic news in, a verifiable record of political events out.

    import rasad
    for article in rasad.extract("article.html"):       # text, HTML, WARC, feeds, JSON(L), bytes
        if isinstance(article, rasad.InputError):        # a bad record of a batch, in its place
            continue
        print(article.published, [(e.type, e.name) for e in article.entities])
        print(rasad.to_record(article))                  # the JSON contract of `rasad extract`

    article = rasad.extract_text("التقى الرئيس …", url="https://…")

Every mention, event, quote and removed block of an Article is a character span of its `text`.
The CLI, the REST API, the web UI, `rasad ingest` and the Spark job all go through
`rasad.pipeline.analyse`, which these functions call. Names are imported on first use, so
`import rasad` stays cheap.
"""
from __future__ import annotations

__version__ = "0.1.0"

_EXPORTS = {
    "extract": "rasad.pipeline",
    "extract_text": "rasad.pipeline",
    "analyse": "rasad.pipeline",
    "to_record": "rasad.output",
    "Article": "rasad.model",
    "Document": "rasad.model",
    "InputError": "rasad.errors",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'rasad' has no attribute {name!r}")
    import importlib
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
