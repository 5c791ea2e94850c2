"""JSON records (one object per file, or JSON Lines): map a record's keys onto a Document.

For each of our fields the first key present (not null, not empty) wins; `field_map`
({"text": "content", "published": "date"}: our name -> their key) replaces the search for
the fields it names. Every other scalar key goes to Document.extra unchanged.
"""
from __future__ import annotations

import datetime as dt
import html
import re
import io
import json
import zlib
from typing import Any, BinaryIO, Iterator

from rasad.errors import InputError
from rasad.model import Document
from rasad.sources.dates_meta import parse_meta_datetime

FIELD_KEYS: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "article"),
    "title": ("title", "headline"),
    "published": ("time", "date", "published", "pubDate", "published_at", "datePublished"),
    "url": ("url", "link"),
    "source": ("source", "src", "outlet", "site"),
    # crawl time: an upper bound on the publication date, never taken for it
    "fetched": ("date_extracted", "crawled", "fetched", "crawl_date"),
}
_SCALARS = (str, int, float, bool)
# what reading a damaged gzip stream raises: gzip.BadGzipFile is an OSError, a cut stream an
# EOFError, and bad deflate data ("invalid distance too far back") a zlib.error, which is neither
_STREAM_ERRORS = (EOFError, OSError, zlib.error)
# epoch seconds within 1990..2100, for numeric dates
_EPOCH_RANGE = (631152000, 4102444800)


def check_field_map(field_map: dict[str, str] | None, origin: str) -> dict[str, tuple[str, ...]]:
    """The key search per field once `field_map` is applied; InputError for a field we do not have."""
    keys = dict(FIELD_KEYS)
    for ours, theirs in (field_map or {}).items():
        if ours not in FIELD_KEYS:
            raise InputError(origin, f"field_map names unknown field {ours!r} (known: {', '.join(FIELD_KEYS)})")
        if not isinstance(theirs, str) or not theirs:
            raise InputError(origin, f"field_map[{ours!r}] must be a key name, got {theirs!r}")
        keys[ours] = (theirs,)
    return keys


def record_to_document(record: Any, origin: str, field_map: dict[str, str] | None = None,
                       keys: dict[str, tuple[str, ...]] | None = None) -> Document:
    """One JSON object as a Document(kind="json"); raises InputError when it has no usable text."""
    keys = keys or check_field_map(field_map, origin)
    if not isinstance(record, dict):
        raise InputError(origin, f"expected a JSON object, got {_json_type(record)}")
    used: set[str] = set()

    text_key = _first_present(record, keys["text"])
    if text_key is None:
        empty = next((key for key in keys["text"] if key in record), None)
        if empty is not None:
            raise InputError(origin, f"text field {empty!r} is {'null' if record[empty] is None else 'empty'}")
        raise InputError(origin, f"record has no text field (looked for {', '.join(keys['text'])})")
    text = record[text_key]
    if not isinstance(text, str):
        raise InputError(origin, f"text field {text_key!r} is {_json_type(text)}, not a string")
    if not text.strip():
        raise InputError(origin, f"text field {text_key!r} is empty")
    used.add(text_key)

    doc = Document(text=_no_surrogates(text), origin=origin, kind="json")
    title_key = _first_present(record, keys["title"])
    if title_key is not None and isinstance(record[title_key], str):
        doc.title = _no_surrogates(html.unescape(record[title_key])).strip() or None   # crawls keep &#8220;
        used.add(title_key)
    for field in ("url", "source"):
        key = _first_present(record, keys[field])
        if key is not None and isinstance(record[key], str):
            setattr(doc, field, _no_surrogates(record[key]).strip() or None)
            used.add(key)

    for key in _present_keys(record, keys["published"]):
        when = _as_datetime(record[key])
        if when is not None:        # an unreadable date stays in extra under its own key
            doc.published, doc.published_how = when.date(), f"json:{key}"
            used.add(key)
            break
    for key in _present_keys(record, keys["fetched"]):
        when = _as_datetime(record[key])
        if when is not None:
            doc.fetched = when
            used.add(key)
            break

    doc.extra = {_no_surrogates(key): _no_surrogates(value) if isinstance(value, str) else value
                 for key, value in record.items() if key not in used and isinstance(value, _SCALARS)}
    return doc


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(value: str) -> str:
    """JSON may escape lone surrogates (\\ud800), which are not text and cannot be written as
    UTF-8: each becomes U+FFFD, one character for one, so offsets are unchanged."""
    return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value


def read_json(text: str, origin: str, field_map: dict[str, str] | None = None) -> Iterator[Document | InputError]:
    """A whole-file JSON document: one record (a Document), or an array of records.

    An invalid document or a bad single record raises InputError; in an array a bad element is
    yielded as InputError("origin[INDEX]") and the others still come out. A document that is
    in fact JSON Lines (a whole object on line 1, more after it) is read as JSON Lines.
    """
    keys = check_field_map(field_map, origin)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and _first_line_is_an_object(text):
            return read_json_lines(io.BytesIO(text.encode("utf-8", "replace")), origin, field_map)
        raise InputError(origin, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except (ValueError, RecursionError) as exc:
        raise InputError(origin, f"unreadable JSON: {_json_limit(exc)}") from None
    if isinstance(data, list):
        return _read_array(data, origin, keys)
    return iter([record_to_document(data, origin, keys=keys)])


def _first_line_is_an_object(text: str) -> bool:
    try:
        return isinstance(json.loads(text.lstrip().split("\n", 1)[0]), dict)
    except (ValueError, RecursionError):
        return False


def _json_limit(exc: BaseException) -> str:
    """One line for what Python's JSON parser refuses beyond syntax errors."""
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc).split("\n")[0][:120]


def _read_array(data: list, origin: str, keys) -> Iterator[Document | InputError]:
    for index, record in enumerate(data):
        try:
            yield record_to_document(record, f"{origin}[{index}]", keys=keys)
        except InputError as exc:
            yield exc


def read_json_lines(stream: BinaryIO, origin: str, field_map: dict[str, str] | None = None,
                    max_line_bytes: int | None = None, first_line_number: int = 1) -> Iterator[Document | InputError]:
    """Records of a JSON Lines stream, in order. A bad line is yielded as InputError("origin:LINE");
    empty lines are skipped. Errors of the stream itself (truncated gzip) raise InputError(origin)."""
    keys = check_field_map(field_map, origin)
    line_number = first_line_number - 1
    while True:
        try:
            raw = stream.readline(max_line_bytes + 1) if max_line_bytes else stream.readline()
        except _STREAM_ERRORS as exc:
            # the records before the cut are kept; the cut itself is the last item
            yield InputError(origin, f"truncated or corrupt gzip after line {line_number}: {exc}")
            return
        if not raw:
            return
        line_number += 1
        where = f"{origin}:{line_number}"
        if max_line_bytes and len(raw) > max_line_bytes and not raw.endswith(b"\n"):
            _skip_rest_of_line(stream, origin, line_number)
            yield InputError(where, f"line is over the {max_line_bytes / 2**20:g} MB limit")
            continue
        if line_number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield InputError(where, f"not UTF-8: {exc.reason} at byte {exc.start}")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"invalid JSON at column {exc.colno}: {exc.msg}")
            continue
        except (ValueError, RecursionError) as exc:
            yield InputError(where, f"unreadable JSON: {_json_limit(exc)}")
            continue
        try:
            yield record_to_document(record, where, keys=keys)
        except InputError as exc:
            yield exc


def _skip_rest_of_line(stream: BinaryIO, origin: str, line_number: int) -> None:
    while True:
        try:
            chunk = stream.readline(1 << 20)
        except _STREAM_ERRORS as exc:
            raise InputError(origin, f"truncated or corrupt gzip in line {line_number}: {exc}") from None
        if not chunk or chunk.endswith(b"\n"):
            return


def _first_present(record: dict, keys: tuple[str, ...]) -> str | None:
    return next(_present_keys(record, keys), None)


def _present_keys(record: dict, keys: tuple[str, ...]) -> Iterator[str]:
    for key in keys:
        value = record.get(key)
        if value is not None and value != "":
            yield key


def _as_datetime(value: Any) -> dt.datetime | None:
    if isinstance(value, str):
        return parse_meta_datetime(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            seconds = value / 1000 if value > _EPOCH_RANGE[1] else value   # milliseconds since the epoch
            if _EPOCH_RANGE[0] <= seconds <= _EPOCH_RANGE[1]:
                return dt.datetime.fromtimestamp(seconds, dt.timezone.utc)
        except (OverflowError, ValueError, OSError):
            return None     # a number no clock can hold is no date
    return None


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)
