"""What kind of document some bytes are: html, json, jsonl, text, feed or warc, from the first
bytes (`sniff_kind`) and from a name or extension (`kind_from_hint`). Used by the package's
readers (rasad.sources) and by the WARC reader for a page whose content type says little.
"""
from __future__ import annotations

import json
import re

from rasad.sources.feeds import looks_like_feed
from rasad.sources.text import check_not_binary

WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")   # UTF-16/32: their NUL bytes are not binary
_HTML_TAG = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|span|table|"
                       r"h[1-6]|br|script|style|link|!--)[\s>/]", re.IGNORECASE)
_JSON_START = re.compile(r'\{\s*["}]|\[\s*[\[{"\]]')   # an object, or an array of objects/arrays/strings
_EXTENSION_KINDS = {
    "html": "html", "htm": "html", "xhtml": "html", "shtml": "html",
    "json": "json",
    "jsonl": "jsonl", "ndjson": "jsonl", "jsonlines": "jsonl",
    "txt": "text", "text": "text",
    "rss": "feed", "atom": "feed", "feed": "feed",
    "warc": "warc",
}


def kind_from_hint(hint: str | None) -> str | None:
    """html | json | jsonl | text | feed | warc from a kind name, an extension or a file name (".gz" ignored)."""
    if not hint:
        return None
    name = hint.lower().split("?", 1)[0].rstrip("/")
    name = name.rsplit("/", 1)[-1]
    if name.endswith(".gz"):
        name = name[:-3]
    extension = name.rsplit(".", 1)[-1] if "." in name else name
    return _EXTENSION_KINDS.get(extension)


def sniff_kind(head: bytes, hint_kind: str | None, origin: str) -> str:
    """The kind of a document from its first bytes; raises InputError for binary data."""
    if head.startswith(WIDE_BOMS):
        encoding = "utf-32" if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) else "utf-16"
        start = head.decode(encoding, errors="ignore")
    else:
        check_not_binary(head, origin)
        start = head.decode("utf-8", errors="replace")
    start = start.lstrip("\ufeff \t\r\n")
    if start.startswith("<"):
        if hint_kind == "feed" or looks_like_feed(start[:4096].encode("utf-8")):
            return "feed"   # before HTML: <title> and <link> are in every feed
        if hint_kind == "html" or _HTML_TAG.search(start[:4096]):
            return "html"
        return "text"
    if hint_kind in ("json", "jsonl") and start.startswith(("{", "[")):
        return hint_kind
    if hint_kind is None and _JSON_START.match(start):     # not "[عاجل] ..." news text
        return "jsonl" if _looks_like_json_lines(start) else "json"
    if hint_kind in ("html", "json", "jsonl", "feed"):
        return hint_kind     # so a broken .json file reports invalid JSON, not "text"
    return "text"


def _looks_like_json_lines(start: str) -> bool:
    """Two or more non-empty lines, and one of the first two is a whole JSON object on its own."""
    lines = [line for line in start.split("\n")[:-1] if line.strip()]   # the last may be cut
    if len(lines) < 2:
        return False
    for line in lines[:2]:
        try:
            if isinstance(json.loads(line), dict):
                return True
        except (ValueError, RecursionError):
            continue
    return False
