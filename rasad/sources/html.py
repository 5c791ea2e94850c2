"""HTML pages: main text, title and URL by trafilatura; the publication date chosen here.

Date priority: explicit metadata (meta tags, Dublin Core, JSON-LD, itemprop, <time> of the
article) > a full date in the URL path > htmldate's guess (via trafilatura). htmldate alone
is too eager: on the CNN Arabic page whose URL reads /2013/middle_east/8/3/ it answers
2013-01-01, while the URL gives the day.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import re
from urllib.parse import unquote, urlsplit

import trafilatura
from lxml import html as lxml_html

from rasad.errors import InputError
from rasad.model import Document
from rasad.sources.dates_meta import parse_meta_datetime
from rasad.sources.text import decode_text, mostly_utf8

# trafilatura logs extraction misses at ERROR level; the caller gets an InputError instead.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

# <meta> keys that name the publication date, most specific first (lower case).
_META_DATE_KEYS = (
    "article:published_time", "og:article:published_time", "article:published", "og:published_time",
    "published_time", "article.published", "datepublished", "pubdate", "publishdate", "publish-date",
    "publish_date", "parsely-pub-date", "sailthru.date",
    "dc.date.issued", "dcterms.issued", "dc:date.issued", "dc.date.created", "dcterms.created",
    "dc.date", "dc:date", "dcterms.date", "dcterms:issued", "dcterms:created", "dcterms:date",
    "date",
)
# RDFa properties on ordinary elements (Drupal prints `<span property="dc:date" content=...>`).
_RDFA_DATE_PROPERTIES = ("dcterms:issued", "dc:issued", "dcterms:created", "dc:date", "dcterms:date",
                         "schema:datepublished", "datepublished")
_JSONLD_DATE_KEYS = ("datePublished", "dateCreated")
_ARTICLE_SCOPE = ("//*[self::article or contains(@typeof, 'Article') or contains(@itemtype, 'Article')]")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_MIN_URL_YEAR = 1990


def read_html(data: bytes | str, origin: str, url: str | None = None) -> Document:
    """One HTML page as a Document(kind="html"); raises InputError when there is no main text."""
    markup = data if isinstance(data, str) else decode_html(data, origin)
    if not markup.strip():
        raise InputError(origin, "file is empty")
    markup = _XML_DECLARATION.sub("", markup, count=1)  # lxml refuses str input that declares an encoding
    markup = _CONTROL_CHARS.sub("", markup)               # libxml2 stops at a NUL and chokes on C0 controls
    try:
        tree = lxml_html.document_fromstring(markup)
    except Exception as exc:  # lxml's errors for hopeless markup vary (ParserError, ValueError)
        raise InputError(origin, f"not parseable as HTML: {exc}") from None
    if url is None and re.match(r"https?://", origin):
        url = origin
    meta_date = published_from_metadata(tree)
    try:
        extracted = trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_comments=False,
                                                output_format="python")
    except Exception as exc:  # a bug deep in extraction must not take the whole batch down
        raise InputError(origin, f"HTML extraction failed: {type(exc).__name__}: {exc}") from None
    text = (extracted.text or "") if extracted is not None else ""
    if not text.strip():
        raise InputError(origin, "no main text could be extracted from the HTML page")
    page_url = extracted.url or url
    published, how = meta_date
    if published is None and page_url:
        published = date_from_url(page_url)
        how = "url" if published else None
    if published is None and extracted.date:
        guess = parse_meta_datetime(extracted.date)
        published, how = (guess.date(), "htmldate") if guess else (None, None)
    extra = {key: value for key, value in (("description", extracted.description),
                                           ("author", extracted.author),
                                           ("hostname", extracted.hostname)) if value}
    return Document(text=text, origin=origin, kind="html", title=extracted.title or None, url=page_url,
                    source=extracted.sitename or extracted.hostname or None, published=published,
                    published_how=how, extra=extra)


def decode_html(data: bytes, origin: str) -> str:
    """The page as text: UTF-8 wins, then the declared charset, then detection. Pages are
    often cut or carry a stray bad byte, so damaged UTF-8 is decoded with replacement characters."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(data):   # cut inside a character
            return data[:exc.start].decode("utf-8-sig")
    if mostly_utf8(data):
        return data.decode("utf-8-sig", errors="replace")
    head = data[:4096]
    declared = _XML_ENCODING.search(head) or _CHARSET.search(head)
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass  # pages often lie about their charset: fall through to detection
    text, _ = decode_text(data, origin)
    return text


def published_from_metadata(tree) -> tuple[dt.date | None, str | None]:
    """(date, how) from the page's explicit metadata, or (None, None)."""
    for value, how in _metadata_date_candidates(tree):
        found = parse_meta_datetime(value)
        if found is not None:
            return found.date(), how
    return None, None


def _metadata_date_candidates(tree):
    metas: dict[str, str] = {}
    for meta in tree.iterfind(".//meta"):
        content = meta.get("content")
        if not content:
            continue
        for attribute in ("property", "name", "itemprop"):
            key = (meta.get(attribute) or "").strip().lower()
            if key:
                metas.setdefault(key, content)
    for key in _META_DATE_KEYS:
        if key in metas:
            yield metas[key], f"meta:{key}"

    scopes = tree.xpath(_ARTICLE_SCOPE)
    scope = scopes[0] if scopes else tree
    for element in scope.xpath(".//*[@property][not(self::meta)]"):
        properties = element.get("property", "").lower().split()
        for prop in _RDFA_DATE_PROPERTIES:
            if prop in properties:
                yield _element_date_value(element), f"rdfa:{prop}"

    for value in _jsonld_dates(tree):
        yield value

    for element in scope.xpath(".//*[@itemprop][not(self::meta)]"):
        if "datepublished" in element.get("itemprop", "").lower().split():
            yield _element_date_value(element), "itemprop:datePublished"

    # a bare <time> counts only inside the article: elsewhere it dates related links and comments
    times = tree.xpath("//time[@pubdate][@datetime]")
    if scopes:
        times += scope.xpath(".//time[@datetime]")
    for element in times:
        yield element.get("datetime"), "time:datetime"


def _element_date_value(element) -> str:
    return element.get("content") or element.get("datetime") or element.text_content()


def _jsonld_dates(tree):
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text_content(), strict=False)
        except (ValueError, TypeError, RecursionError):
            continue
        for node in _walk_jsonld(data):
            for key in _JSONLD_DATE_KEYS:
                value = node.get(key)
                if isinstance(value, str):
                    yield value, f"jsonld:{key}"


def _walk_jsonld(data):
    """Dicts of a JSON-LD document, article-like types first."""
    nodes, stack = [], [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, dict):
            nodes.append(item)
            stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
        elif isinstance(item, list):
            stack.extend(item)

    def is_article(node):
        kinds = node.get("@type", "")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        return any(isinstance(k, str) and ("Article" in k or k == "BlogPosting") for k in kinds)

    return sorted(nodes, key=lambda node: not is_article(node))


def date_from_url(url: str) -> dt.date | None:
    """A full date written in a URL path: /2018/02/18/, /2013/middle_east/8/3/, 2019-02-08, 20190208."""
    path = unquote(urlsplit(url).path)
    segments = [s for s in path.split("/") if s]
    for i, segment in enumerate(segments):
        if not (len(segment) == 4 and segment.isdigit()):
            continue
        rest = segments[i + 1:i + 4]
        if len(rest) >= 2 and _small_number(rest[0]) and _small_number(rest[1]):
            found = _valid_date(segment, rest[0], rest[1])            # /2018/02/18/
        elif len(rest) >= 3 and not rest[0].isdigit() and _small_number(rest[1]) and _small_number(rest[2]):
            found = _valid_date(segment, rest[1], rest[2])            # /2013/middle_east/8/3/
        else:
            found = None
        if found:
            return found
    for match in re.finditer(r"(?<!\d)((?:19|20)\d\d)[-_.](\d\d?)[-_.](\d\d?)(?!\d)", path):
        found = _valid_date(*match.groups())
        if found:
            return found
    for match in re.finditer(r"(?<!\d)((?:19|20)\d\d)(\d\d)(\d\d)(?!\d)", path):
        found = _valid_date(*match.groups())
        if found:
            return found
    return None


def _small_number(segment: str) -> bool:
    return segment.isdigit() and len(segment) <= 2


def _valid_date(year: str, month: str, day: str) -> dt.date | None:
    try:
        found = dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
    if not _MIN_URL_YEAR <= found.year <= dt.date.today().year + 1:
        return None
    return found
