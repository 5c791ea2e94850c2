"""Readers: files and bytes in, Documents out.

The kind is sniffed from the content, with the file extension (or `hint`) breaking ties:
HTML, one JSON object (or an array of them), JSON Lines (optionally gzip-compressed), plain
text, an RSS/Atom feed (one Document per entry, see feeds.py), a WARC or WARC.gz crawl (one
Document per archived page, see warc.py; streamed, errors per record "file#recordN"). A problem with the whole input raises InputError(origin, reason) before the first
document. In JSON Lines a bad line does not stop the file: it comes out in order as an
InputError whose source is "path:LINE", between the good records.

MAX_BYTES (env RASAD_MAX_BYTES, default 20 MiB) bounds one document: a text, HTML or JSON
file, or one JSON Lines line. A JSON Lines file is streamed, so a corpus may be larger.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import re
import stat
import warnings
import zlib
from typing import BinaryIO, Iterator

from rasad.errors import InputError
from rasad.model import Document
from rasad.sources.feeds import looks_like_feed, read_feed
from rasad.sources.html import read_html
from rasad.sources.records import check_field_map, read_json, read_json_lines
from rasad.sources.text import check_not_binary, decode_text, read_text
from rasad.sources.warc import looks_like_warc, read_warc

__all__ = ["MAX_BYTES", "read_path", "read_bytes"]

_DEFAULT_MAX_BYTES = 20 * 2**20


def _max_bytes_from_env() -> int:
    value = os.environ.get("RASAD_MAX_BYTES")
    if value is None:
        return _DEFAULT_MAX_BYTES
    try:
        limit = int(value)
        if limit > 0:
            return limit
    except ValueError:
        pass
    warnings.warn(f"RASAD_MAX_BYTES={value!r} is not a positive integer; using {_DEFAULT_MAX_BYTES}")
    return _DEFAULT_MAX_BYTES


MAX_BYTES: int = _max_bytes_from_env()

_HEAD_BYTES = 65536
_GZIP_MAGIC = b"\x1f\x8b"
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")   # UTF-16/32: their NUL bytes are not binary
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
_GZIP_ERRORS = (EOFError, OSError, zlib.error)   # gzip.BadGzipFile is an OSError


def read_path(path: str, field_map: dict[str, str] | None = None) -> Iterator[Document | InputError]:
    """Documents from a file. Whole-file problems raise InputError here, before iteration."""
    origin = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(origin, "no such file") from None
    except OSError as exc:
        raise InputError(origin, f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(origin, "is a directory, not a file")
    if info.st_size == 0:
        raise InputError(origin, "file is empty")
    try:
        stream = open(path, "rb")
    except OSError as exc:
        raise InputError(origin, f"cannot read: {exc.strerror or exc}") from None
    try:
        return _read_stream(stream, origin, hint=origin, size=info.st_size, field_map=field_map)
    except BaseException:
        stream.close()
        raise


def read_bytes(data: bytes, origin: str, hint: str | None = None,
               field_map: dict[str, str] | None = None) -> Iterator[Document | InputError]:
    """Documents from bytes already in memory; `hint` (an extension, a file name or a kind:
    html, json, jsonl, text, feed, warc) helps when the content is ambiguous, else `origin`'s extension does."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise InputError(origin, f"expected bytes, got {type(data).__name__}")
    data = bytes(data)
    if not data:
        raise InputError(origin, "file is empty")
    return _read_stream(io.BytesIO(data), origin, hint=hint or origin, size=len(data), field_map=field_map)


def _read_head(stream: BinaryIO, size: int, origin: str) -> tuple[bytes, InputError | None]:
    """Up to `size` decompressed bytes in small reads, so that a gzip cut short still gives what
    came before the cut (a JSON Lines file keeps its first records), with the error to raise."""
    parts: list[bytes] = []
    got = 0
    while got < size:
        try:
            chunk = stream.read(min(4096, size - got))
        except _GZIP_ERRORS as exc:
            return b"".join(parts), InputError(origin, f"truncated or corrupt gzip: {exc}")
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts), None


def _read_stream(raw: BinaryIO, origin: str, hint: str | None, size: int,
                 field_map: dict[str, str] | None) -> Iterator[Document | InputError]:
    check_field_map(field_map, origin)
    limit = MAX_BYTES
    compressed = raw.read(2) == _GZIP_MAGIC
    raw.seek(0)
    stream: BinaryIO = gzip.GzipFile(fileobj=raw, mode="rb") if compressed else raw
    hint_kind = kind_from_hint(hint)
    # A WARC is read record by record from the raw file: sniff it on a few bytes, before a
    # larger read could stumble on a truncated gzip member that read_warc reports in its place.
    start = _read_or_raise(stream, 16, origin)
    if hint_kind == "warc" or looks_like_warc(start):
        raw.seek(0)
        return read_warc(raw, origin, max_record_bytes=limit)
    head, truncated = _read_head(stream, _HEAD_BYTES - len(start), origin) if compressed else \
        (_read_or_raise(stream, _HEAD_BYTES - len(start), origin), None)
    head = start + head
    if truncated is not None and (not head or sniff_kind(head, hint_kind, origin) != "jsonl"):
        raise truncated
    if not head:
        raise InputError(origin, "file is empty (after gzip decompression)" if compressed else "file is empty")
    kind = sniff_kind(head, hint_kind, origin)

    if kind == "jsonl" and not head.startswith(_WIDE_BOMS):
        stream.seek(0)
        return _closing(read_json_lines(stream, origin, field_map, max_line_bytes=limit), raw)

    if not compressed and size > limit:
        raise InputError(origin, f"file is {size / 2**20:.1f} MB, over the {limit / 2**20:g} MB limit")
    rest = _read_or_raise(stream, limit + 1 - len(head), origin) if len(head) <= limit else b""
    stream.close()
    raw.close()
    data = head + rest
    if len(data) > limit:
        raise InputError(origin, f"file is over the {limit / 2**20:g} MB limit once decompressed")

    if kind == "feed":
        return read_feed(data, origin)
    if kind == "html":
        return iter([read_html(data, origin)])
    if kind in ("json", "jsonl"):
        text, _ = decode_text(data, origin)
        if not text.strip():
            raise InputError(origin, "file has only whitespace")
        if kind == "jsonl":     # UTF-16/32 JSON Lines: decoded whole, then read line by line
            return read_json_lines(io.BytesIO(text.encode("utf-8")), origin, field_map)
        return read_json(text, origin, field_map)
    return iter([read_text(data, origin)])


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
    if head.startswith(_WIDE_BOMS):
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


def _read_or_raise(stream: BinaryIO, size: int, origin: str) -> bytes:
    try:
        return stream.read(size)
    except _GZIP_ERRORS as exc:
        raise InputError(origin, f"truncated or corrupt gzip: {exc}") from None


def _closing(documents: Iterator[Document | InputError], raw: BinaryIO) -> Iterator[Document | InputError]:
    try:
        yield from documents
    finally:
        raw.close()
