"""RSS and Atom feeds: one Document per entry, and a poller that hands on the new ones.

feedparser reads the feed (always from bytes: given a str it would open a URL or a file).
The date is parsed from the entry's own string with `parse_meta_datetime`, which keeps the
source's time zone and reads Arabic dates ("الأحد 12 مايو 2024 - 10:30"); feedparser's
parsed dates are UTC and miss Arabic. The text is the entry's content, else its summary, as
plain text; an entry with neither keeps its title as text (headline-only feeds are common).
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import time
from typing import Callable, Iterator

import feedparser
from lxml import etree, html as lxml_html

from rasad.errors import InputError
from rasad.model import Document
from rasad.sources import fetch, limits
from rasad.sources.dates_meta import parse_meta_datetime

log = logging.getLogger(__name__)

_FEED_ROOT = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--.*?-->|<\?[^>]*\?>|<!DOCTYPE[^>]*>)\s*)*"
    rb"<(?:rss|feed|rdf:RDF)[\s>]", re.DOTALL | re.IGNORECASE)
_HTML_ROOT = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section",
               "article", "figcaption", "pre", "ul", "ol", "table", "hr"}
_SPACES = re.compile(r"[ \t\u00a0]+")
_INTERVAL = re.compile(r"\d+(?:\.\d+)?|(?:\d+(?:\.\d+)?\s*[smhd]\s*)+")
_INTERVAL_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)")
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def looks_like_feed(head: bytes) -> bool:
    """True when the document's root element is <rss>, <feed> or <rdf:RDF> (UTF-8/ASCII head)."""
    return bool(_FEED_ROOT.match(head[:4096]))


def read_feed(data: bytes, origin: str, *, content_type: str | None = None) -> Iterator[Document | InputError]:
    """One Document(kind="feed") per entry, in feed order. A document that is no feed raises
    InputError(origin) before iteration; a bad entry is yielded as InputError("origin#entryN")."""
    if not isinstance(data, (bytes, bytearray)):
        raise InputError(origin, f"expected bytes, got {type(data).__name__}")
    if not data.strip():
        raise InputError(origin, "file is empty")
    headers = {"content-type": content_type} if content_type else {}
    try:
        parsed = feedparser.parse(bytes(data), response_headers=headers, sanitize_html=True,
                                  resolve_relative_uris=True)
    except Exception as exc:  # feedparser is lenient, but a bug on odd input must not end the batch
        raise InputError(origin, f"feed parsing failed: {type(exc).__name__}: {exc}") from None
    if not parsed.entries:
        if _is_html_page(data, content_type, parsed):
            raise InputError(origin, "not a feed (an HTML page)")
        if not parsed.version:
            problem = parsed.get("bozo_exception")
            raise InputError(origin, "not an RSS/Atom feed" + (f": {_one_line(problem)}" if problem else ""))
    return _entries(parsed, origin)


def _is_html_page(data: bytes, content_type: str | None, parsed) -> bool:
    if parsed.version:            # a real (if empty) feed, whatever the server called it
        return False
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    return mime == "text/html" or bool(_HTML_ROOT.search(data[:4096]))


def _entries(parsed, origin: str) -> Iterator[Document | InputError]:
    outlet = (parsed.feed.get("title") or "").strip() or None
    feed_link = parsed.feed.get("link")
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{origin}#entry{number}"
        try:
            yield entry_to_document(entry, where, outlet=outlet, feed_link=feed_link)
        except InputError as exc:
            yield exc


def entry_to_document(entry, origin: str, outlet: str | None = None, feed_link: str | None = None) -> Document:
    """One feedparser entry as a Document(kind="feed"); InputError when it has no text nor title."""
    title = _plain(entry.get("title_detail") or entry.get("title"))
    text, text_from = "", None
    for key in ("content", "summary_detail", "summary"):
        value = entry.get(key)
        if key == "content" and value:
            value = max(value, key=lambda part: len(part.get("value") or ""))   # the fullest version
        text = _plain(value)
        if text:
            text_from = "content" if key == "content" else "summary"
            break
    if not text and title:
        text, text_from = title, "title"
    if not text:
        raise InputError(origin, "entry has no text, summary or title")
    link = (entry.get("link") or "").strip() or None
    doc = Document(text=text, origin=origin, kind="feed", title=title or None, url=link, source=outlet)
    unread_date = None
    for key in ("published", "updated", "created"):
        # dict.get: the entry's own keys, without feedparser's deprecated updated->published fallback
        value = dict.get(entry, key)
        when = parse_meta_datetime(value) if isinstance(value, str) else None
        if when is None and dict.get(entry, f"{key}_parsed"):    # a form only feedparser reads (UTC)
            when = _from_struct(dict.get(entry, f"{key}_parsed"))
        if when is not None:
            doc.published, doc.published_how = when.date(), f"feed:{key}"
            break
        unread_date = unread_date or (value if isinstance(value, str) and value.strip() else None)
    extra = {"text_from": text_from}
    if doc.published is None and unread_date:
        extra["date_unread"] = unread_date         # kept as written, for a reader to see
    if entry.get("id") and entry["id"] != link:
        extra["entry_id"] = entry["id"]
    if entry.get("author"):
        extra["author"] = entry["author"]
    tags = [t.get("term") for t in entry.get("tags") or [] if t.get("term")]
    if tags:
        extra["tags"] = ", ".join(tags)
    if feed_link:
        extra["feed_link"] = feed_link
    doc.extra = extra
    return doc


def _plain(value) -> str:
    """Plain text of a feedparser text construct (dict with type/value), a string, or None."""
    if not value:
        return ""
    if isinstance(value, dict):
        kind, text = value.get("type") or "", value.get("value") or ""
    else:
        kind, text = "text/html", str(value)        # bare strings may still hold markup
    if "html" in kind and ("<" in text or "&" in text):
        text = html_to_text(text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment, one line per block element."""
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", fragment)
    for bad in root.xpath(".//script|.//style"):
        bad.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
            if element.tag.lower() != "br":
                element.text = "\n" + (element.text or "")
    return root.text_content()


def _from_struct(value):
    import datetime as dt
    try:
        return dt.datetime(*value[:6], tzinfo=dt.timezone.utc)
    except (TypeError, ValueError):
        return None


def _one_line(value) -> str:
    return " ".join(str(value).split())[:200]


# --- polling ---

def parse_interval(text: str) -> float:
    """Seconds in "90", "30s", "15m", "2h", "1d" or "1h30m"; InputError for anything else."""
    value = str(text).strip().lower()
    if _INTERVAL.fullmatch(value):
        total = sum(float(number) * _UNIT_SECONDS[unit] for number, unit in _INTERVAL_PART.findall(value))
        if total > 0:
            return total
    raise InputError(value or repr(text), "not a positive interval (write e.g. 30s, 15m, 2h or 1h30m)")


def entry_key(doc: Document) -> str:
    """How an entry is recognised on the next poll: its link, else a hash of title and text."""
    if doc.url:
        return doc.url
    digest = hashlib.sha1(f"{doc.title or ''}\n{doc.text}".encode("utf-8")).hexdigest()
    return f"sha1:{digest}"


def read_feed_source(feed: str, *, allow_private: bool = False, timeout: float = 15) -> Iterator[Document | InputError]:
    """Entries of a feed given as an http(s) URL or a file path; InputError when it cannot be read."""
    if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*://", feed):
        body, headers = fetch.fetch(feed, allow_private=allow_private, timeout=timeout)
        documents = read_feed(body, headers["url"], content_type=headers.get("content-type"))
    else:
        try:
            if os.path.getsize(feed) > limits.MAX_BYTES:
                raise InputError(feed, f"file is over the {limits.MAX_BYTES / 2**20:g} MB limit")
            with open(feed, "rb") as stream:
                data = stream.read()
        except FileNotFoundError:
            raise InputError(feed, "no such file") from None
        except IsADirectoryError:
            raise InputError(feed, "is a directory, not a file") from None
        except OSError as exc:
            raise InputError(feed, f"cannot read: {exc.strerror or exc}") from None
        documents = read_feed(data, feed)
    return documents


def watch(feeds: list[str], every_seconds: float, handle: Callable[[Document], None], *,
          seen: set[str] | None = None, rounds: int | None = None, sleep: Callable[[float], None] = time.sleep,
          on_error: Callable[[InputError], None] | None = None, allow_private: bool = False,
          clock: Callable[[], float] = time.monotonic) -> set[str]:
    """Poll each feed (URL or file) every `every_seconds` and call `handle` once per entry not seen
    before (see `entry_key`). A feed that fails, or a bad entry, goes to `on_error` (default: a log
    warning) and the others go on. `rounds` bounds the polls (None: forever); returns `seen`."""
    if every_seconds <= 0:
        raise InputError(str(every_seconds), "the polling interval must be positive")
    seen = set() if seen is None else seen
    report = on_error or (lambda error: log.warning("%s", error))
    done = 0
    while rounds is None or done < rounds:
        started = clock()
        for feed in feeds:
            try:
                entries = list(read_feed_source(feed, allow_private=allow_private))
            except InputError as error:
                report(error)
                continue
            for item in entries:
                if isinstance(item, InputError):
                    report(item)
                    continue
                key = entry_key(item)
                if key in seen:
                    continue
                try:
                    handle(item)
                except InputError as error:     # bad input inside handle: report it, do not retry it
                    report(error)
                seen.add(key)
        done += 1
        if rounds is None or done < rounds:
            sleep(max(0.0, every_seconds - (clock() - started)))
    return seen
