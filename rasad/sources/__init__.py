"""Readers: files, bytes and URLs in, Documents out.

The kind is sniffed from the content, with the file extension (or `hint`) breaking ties:
HTML, one JSON object (or an array of them), JSON Lines (optionally gzip-compressed), plain
text, an RSS/Atom feed (one Document per entry, see feeds.py), a WARC or WARC.gz crawl (one
Document per archived page, see warc.py; streamed, errors per record "file#recordN"). A problem with the whole input raises InputError(origin, reason) before the first
document. In JSON Lines a bad line does not stop the file: it comes out in order as an
InputError whose source is "path:LINE", between the good records.

MAX_BYTES (env RASAD_MAX_BYTES, default 20 MiB) bounds one document: a text, HTML or JSON
file, or one JSON Lines line. A JSON Lines file is streamed, so a corpus may be larger. It is
kept in limits.py, where the feed, fetch and WARC readers read it too; setting
`rasad.sources.MAX_BYTES` sets it for all of them.
"""
from __future__ import annotations

import datetime as dt
import gzip
import io
import os
import stat
import sys
import types
import zlib
from typing import TYPE_CHECKING, BinaryIO, Iterator

from rasad.errors import InputError
from rasad.model import Document
from rasad.sources import fetch, limits     # `fetch` stays the module: rasad.sources.fetch
from rasad.sources.feeds import looks_like_feed, read_feed
from rasad.sources.html import read_html
from rasad.sources.limits import _max_bytes_from_env  # noqa: F401  (kept importable from here)
from rasad.sources.records import check_field_map, read_json, read_json_lines
from rasad.sources.sniff import WIDE_BOMS, kind_from_hint, sniff_kind
from rasad.sources.text import decode_text, read_text
from rasad.sources.warc import looks_like_warc, read_warc

__all__ = ["MAX_BYTES", "read_path", "read_bytes", "read_url"]

if TYPE_CHECKING:
    MAX_BYTES: int      # a property of the module (below): limits.MAX_BYTES, read and set


class _Sources(types.ModuleType):
    """The package's module type: `MAX_BYTES` reads and sets limits.MAX_BYTES, the one value
    every reader consults at call time."""

    @property
    def MAX_BYTES(self) -> int:
        return limits.MAX_BYTES

    @MAX_BYTES.setter
    def MAX_BYTES(self, value: int) -> None:
        limits.MAX_BYTES = value


sys.modules[__name__].__class__ = _Sources

_HEAD_BYTES = 65536
_GZIP_MAGIC = b"\x1f\x8b"
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


def read_url(url: str, *, field_map: dict[str, str] | None = None, timeout: float = 15,
             max_bytes: int | None = None, allow_private: bool = False,
             user_agent: str = "rasad/0.1") -> Iterator[Document | InputError]:
    """Fetch a URL and read it by its content type (sniffing when that says little): an HTML page
    or a text gives one Document, a feed one per entry, JSON one per record. Document.url is the
    final URL for a page (feed entries and JSON records keep their own links); fetched is now.
    Fetch problems raise InputError here, before iteration."""
    body, headers = fetch.fetch(url, timeout=timeout, max_bytes=max_bytes, allow_private=allow_private,
                                user_agent=user_agent)
    final_url = headers["url"]
    content_type = headers.get("content-type")
    kind = fetch.content_kind(content_type) or None
    fetched = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    if not body.strip():
        raise InputError(url, "empty response")
    if kind == "feed" or (kind in (None, "html") and looks_like_feed(body[:4096])):
        documents = read_feed(body, final_url, content_type=content_type)
    else:
        documents = read_bytes(fetch.utf8_with_declared_charset(body, content_type), final_url, hint=kind)
    return _stamped(documents, final_url, fetched)


def _stamped(documents, final_url: str, fetched: dt.datetime) -> Iterator[Document | InputError]:
    for item in documents:
        if isinstance(item, Document):
            if item.kind in ("html", "text"):
                if item.url and item.url != final_url:
                    item.extra.setdefault("canonical_url", item.url)
                item.url = final_url
            item.fetched = item.fetched or fetched
        yield item


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
    limit = limits.MAX_BYTES
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

    if kind == "jsonl" and not head.startswith(WIDE_BOMS):
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
