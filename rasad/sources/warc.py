"""WARC and WARC.gz crawls: one Document per archived HTML (or plain-text) page.

warcio frames and parses the records. What it only warns about on stderr (a Content-Length
that does not fit the record, a corrupt gzip member) or passes over in silence (a file cut
inside a record, a record shorter than its Content-Length) is checked here, so each problem
comes out as InputError("file.warc.gz#recordN") in its place among the good documents and
reading goes on: after a record warcio cannot parse, at the next gzip member or next
"WARC/1." line. Records that are not pages (requests, metadata, images, scripts, redirects,
errors) are skipped without a word.

warcio's stderr warnings are captured with contextlib.redirect_stderr, which swaps sys.stderr
for the whole process while a record is framed: another thread's stderr output in that moment
would be swallowed. Readers run in one thread here, so this is accepted.
"""
from __future__ import annotations

import contextlib
import io
import zlib
from typing import BinaryIO, Iterator

from warcio.archiveiterator import ArchiveIterator

from rasad.errors import InputError
from rasad.model import Document
from rasad.sources import limits
from rasad.sources.dates_meta import parse_meta_datetime
from rasad.sources.fetch import content_kind, utf8_with_declared_charset
from rasad.sources.html import read_html
from rasad.sources.sniff import sniff_kind
from rasad.sources.text import read_text

_GZIP_MAGIC = b"\x1f\x8b"
_GZIP_MEMBER = b"\x1f\x8b\x08"
_WARC_LINE = b"\nWARC/1."
_PAGE_RECORDS = ("response", "resource")
_SCAN_CHUNK = 1 << 20
_DRAIN_CHUNK = 1 << 16
_WRONG_LENGTH_WARNING = "not followed by newline"     # warcio's words for a record that overruns


def looks_like_warc(head: bytes) -> bool:
    """True for the start of an (uncompressed) WARC file."""
    return head.lstrip(b"\r\n").startswith(b"WARC/")


def read_warc(stream: BinaryIO, origin: str, max_record_bytes: int | None = None) -> Iterator[Document | InputError]:
    """Pages of a WARC or WARC.gz file opened in binary mode (seekable; closed when done).
    A stream that does not start with a WARC record raises InputError(origin) at the call."""
    if max_record_bytes is None:
        max_record_bytes = limits.MAX_BYTES
    first = stream.read(4096)
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    compressed = first.startswith(_GZIP_MAGIC)
    head = first
    if compressed:
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(first, 64)
        except zlib.error as exc:
            stream.close()
            raise InputError(origin, f"corrupt gzip: {exc}") from None
    if not looks_like_warc(head):
        stream.close()
        raise InputError(origin, "not a WARC file (it does not start with a WARC/1.x record)")
    return _closing(_read_records(stream, origin, size, compressed, max_record_bytes), stream)


class _Archive(ArchiveIterator):
    """Remembers, when it closes, whether its last gzip member ended before its end marker."""

    gzip_cut = False

    def close(self):
        decompressor = self.reader.decompressor if self.reader else None
        if decompressor is not None and not decompressor.eof and self.reader.num_block_read:
            self.gzip_cut = True
        super().close()


def _read_records(stream: BinaryIO, origin: str, size: int, compressed: bool,
                  limit: int) -> Iterator[Document | InputError]:
    number = 0
    start: int | None = 0
    while start is not None:
        stream.seek(start)
        archive = _Archive(stream)
        records = iter(archive)
        truncation_reported = False
        while True:
            record_start = archive.offset
            noise = io.StringIO()
            try:
                with contextlib.redirect_stderr(noise):
                    record = next(records, None)
            except Exception as exc:  # warcio's parse errors vary (ArchiveLoadFailed, ValueError...)
                number += 1
                yield InputError(f"{origin}#record{number}", _unparsable(exc, compressed))
                start = _next_record_start(stream, record_start + 1, compressed)
                break
            if record is None:
                problem = _end_problem(stream, archive, size, compressed, truncation_reported)
                if problem:
                    # a cut gzip trailer after a record read whole belongs to that record
                    last = number if archive.gzip_cut and archive.offset >= size else number + 1
                    yield InputError(f"{origin}#record{max(last, 1)}", problem)
                start = None
                break
            number += 1
            where = f"{origin}#record{number}"
            item, damage = _read_record(record, archive, where, limit, noise, compressed)
            if damage and not compressed and damage != "corrupt":
                # Uncompressed, a wrong length runs into (or stops short of) the next record:
                # find that record's own "WARC/1." line rather than trust where warcio stands.
                start = _next_record_start(stream, record_start + 1, compressed)
                if damage == "truncated" and start is not None:
                    item = InputError(where, f"wrong Content-Length ({record.length}): the record runs "
                                             "into the next one")
                yield item
                break
            if damage == "truncated":
                truncation_reported = True
            if item is not None:
                yield item
            if damage == "corrupt":        # the gzip stream is broken: start again at the next member
                start = _next_record_start(stream, record_start + 1, compressed)
                break


def _read_record(record, archive: _Archive, where: str, limit: int, noise: io.StringIO,
                 compressed: bool) -> tuple[Document | InputError | None, str | None]:
    """(the record's Document, InputError or None if it is no page; how the record is damaged)."""
    declared = record.length
    errors_before = archive.err_count
    body, too_big = None, False
    kind = _page_kind(record)
    with contextlib.redirect_stderr(noise):
        if kind is not None:
            try:
                body = record.content_stream().read(limit + 1)
            except Exception as exc:  # a broken chunked/gzip payload: report, keep the archive going
                archive.read_to_end()
                return InputError(where, f"unreadable payload: {_one_line(exc)}"), None
            too_big = len(body) > limit
        while record.raw_stream.read(_DRAIN_CHUNK):
            pass
        missing = getattr(record.raw_stream, "limit", 0)
        archive.read_to_end()          # also reads the blank lines after the record, and warns if absent
    warning = noise.getvalue()
    if archive.err_count > errors_before or _WRONG_LENGTH_WARNING in warning:
        return (InputError(where, f"wrong Content-Length ({declared}): the record does not end where it says"),
                "wrong-length")
    if declared is None:
        return InputError(where, "record header has no Content-Length (truncated or damaged); "
                                 "nothing after it can be read"), "truncated"
    if warning.strip():
        return InputError(where, f"corrupt gzip: {_one_line(warning)}"), "corrupt"
    if missing > 0:
        got = declared - missing
        member_complete = compressed and archive.reader and archive.reader.decompressor is not None \
            and archive.reader.decompressor.eof
        if member_complete:
            return (InputError(where, f"wrong Content-Length ({declared}): the record holds {got} bytes"),
                    "wrong-length")
        return InputError(where, f"truncated: the file ends inside this record ({got} of {declared} bytes)"), \
            "truncated"
    if body is None:
        return None, None
    if too_big:
        return InputError(where, f"payload is over the {limit / 2**20:g} MB limit"), None
    return _page(record, body, kind, where), None


def _page_kind(record) -> str | None:
    """"html", "text" or "" (sniff) for a record that can hold a page; None for all others."""
    if record.rec_type not in _PAGE_RECORDS:
        return None
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        content_type = record.http_headers.get_header("Content-Type")
    elif record.rec_type == "resource":
        content_type = record.content_type
    else:
        return None                     # a response with no HTTP headers (dns:, whois:...)
    kind = content_kind(content_type)
    return kind if kind in ("html", "text", "") else None


def _page(record, body: bytes, kind: str, where: str) -> Document | InputError | None:
    if not body.strip():
        return None
    content_type = (record.http_headers.get_header("Content-Type") if record.http_headers is not None
                    else record.content_type)
    body = utf8_with_declared_charset(body, content_type)
    if kind == "":
        try:
            kind = sniff_kind(body[:65536], None, where)
        except InputError:
            return None                 # binary payload behind a vague content type: not a page
        if kind not in ("html", "text"):
            return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    try:
        doc = read_html(body, where, url=url) if kind == "html" else read_text(body, where)
    except InputError as error:
        return error
    if url:
        if doc.url and doc.url != url:
            doc.extra.setdefault("canonical_url", doc.url)
        doc.url = url
    warc_date = record.rec_headers.get_header("WARC-Date")
    doc.fetched = parse_meta_datetime(warc_date) if warc_date else None
    record_id = record.rec_headers.get_header("WARC-Record-ID")
    if record_id:
        doc.extra["warc_record_id"] = record_id
    return doc


def _end_problem(stream: BinaryIO, archive: _Archive, size: int, compressed: bool,
                 truncation_reported: bool) -> str | None:
    """Why the archive stopped early, if it did: a cut gzip member or bytes left unread."""
    if truncation_reported:
        return None
    if archive.gzip_cut:
        return "truncated gzip: the file ends inside a compressed record"
    if not _only_blank_after(stream, archive.offset, size, compressed):
        return "truncated: the file ends inside a record (its header is incomplete)"
    return None


def _only_blank_after(stream: BinaryIO, offset: int, size: int, compressed: bool) -> bool:
    """True when nothing but blank lines is left in the file from `offset` (a compressed rest
    counts as something, unless it decompresses to blanks)."""
    if offset >= size:
        return True
    stream.seek(offset)
    rest = stream.read(_SCAN_CHUNK)
    if compressed and rest.startswith(_GZIP_MAGIC):
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            rest = decompressor.decompress(rest, 4096)
        except zlib.error:
            return False
        return not rest.strip() and decompressor.eof      # an empty member, not a cut one
    return not rest.strip()


def _next_record_start(stream: BinaryIO, offset: int, compressed: bool) -> int | None:
    """Where the next record may start at or after `offset`: a gzip member header, or a line
    "WARC/1.x"; None if there is none before the end of the file."""
    marker = _GZIP_MEMBER if compressed else _WARC_LINE
    skip = 0 if compressed else 1           # past the newline, onto "WARC/1."
    position = offset
    while True:
        stream.seek(position)
        chunk = stream.read(_SCAN_CHUNK)
        if not chunk:
            return None
        found = chunk.find(marker)
        if found >= 0:
            return position + found + skip
        if len(chunk) < len(marker):
            return None
        position += len(chunk) - len(marker) + 1


def _unparsable(exc: Exception, compressed: bool) -> str:
    if compressed:      # warcio falls back to reading a member it cannot inflate as plain bytes
        return "corrupt gzip member or not a WARC record; skipped to the next record"
    first_line = str(exc).split("first line:", 1)[-1].strip()
    shown = first_line[:60] if first_line.isprintable() else "binary data"
    return f"not a valid WARC record (it starts with {shown!r}); skipped to the next record"


def _closing(items: Iterator[Document | InputError], stream: BinaryIO) -> Iterator[Document | InputError]:
    try:
        yield from items
    finally:
        stream.close()


def _one_line(value) -> str:
    return " ".join(str(value).split())[:200]
