"""Hypothesis strategies for hostile input: Arabic news text laced with the characters that
break naive code (bidi controls, zero-width joiners, presentation forms, harakat, NUL, CRLF,
lone surrogates), and the containers it arrives in (HTML, JSON, JSON Lines, WARC, feeds),
whole, truncated or damaged. The Arabic words are written here, not taken from any corpus."""
from __future__ import annotations

import gzip
import json
import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("RASAD_FUZZ_EXAMPLES", "200"))
# RASAD_FUZZ_ANALYSE=0: the reader tests check what the readers give back but do not run the
# pipeline on it (bench/fuzz_all.py --readers-only: the long run's reader figure, with the
# pipeline fuzzed by test_pipeline_fuzz.py on its own)
ANALYSE = os.environ.get("RASAD_FUZZ_ANALYSE", "1") != "0"

# deadline off: the first examples load the NER model and gazetteers; the shared CI machine
# is slow. No example database: a fuzz run leaves nothing behind in the work tree.
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much, HealthCheck.large_base_example])

# Words that wake every stage: speech cues, titles, names, places, dates, event triggers.
ARABIC_WORDS = [
    "قال", "وقال", "أكد", "وأضاف", "أعلن", "نفى", "استقبل", "التقى", "بحث", "وبحث", "أدان", "ندد",
    "هدد", "اتهم", "وقع", "اتفاق", "هجوم", "قصف", "مقتل", "اعتقال", "تظاهر", "احتجاجا", "عقوبات",
    "وزير", "الخارجية", "الرئيس", "رئيس", "الوزراء", "الملك", "الأمير", "الشيخ", "السفير",
    "عادل", "الجبير", "أيمن", "الصفدي", "عبد", "الفتاح", "السيسي", "محمد", "بن", "سلمان",
    "دونالد", "ترامب", "بنيامين", "نتنياهو", "رجب", "طيب", "أردوغان", "نظيره", "الأردني",
    "السعودي", "المصري", "الأمريكي", "الإسرائيلية", "في", "من", "إلى", "على", "مع", "عن", "أن",
    "إن", "الرياض", "القاهرة", "عمان", "غزة", "دمشق", "بيروت", "تونس", "صفاقس", "واشنطن",
    "جنيف", "سوريا", "مصر", "الأمم", "المتحدة", "مجلس", "الأمن", "حزب", "الله", "حركة", "حماس",
    "الحكومة", "المعارضة", "الشرطة", "الجيش", "بيان", "مؤتمر", "صحفي", "مشترك", "وفق", "مصدر",
    "يوم", "اليوم", "أمس", "الأحد", "الاثنين", "السبت", "الأسبوع", "المقبل", "الماضي",
    "مارس", "آذار", "يناير", "كانون", "الثاني", "رمضان", "1439", "هـ", "2018", "٢٠١٨", "15",
    "١٥", "2018-03-04", "04/03/2018", "اقرأ", "أيضا", "شارك", "المزيد", "لن", "نقبل", "لا",
]
PUNCTUATION = ["،", ".", "؛", "؟", "!", ":", "«", "»", '"', "“", "”", "'", "(", ")", "-", "—", "…",
               "<", ">", "&", "\\"]
# bidi controls, zero-width characters, tatweel, harakat, combining Latin marks, NUL and friends
SPECIALS = ["\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
            "\u2066", "\u2067", "\u2068", "\u2069", "\u200b", "\u200c", "\u200d", "\u2060",
            "\ufeff", "\u0640", "\u064b", "\u064e", "\u064f", "\u0650", "\u0651", "\u0652",
            "\u0670", "\u0301", "\u0308", "\u0000", "\x01", "\x1b", "\x7f", "\u0085", "\u2028",
            "\u2029", "\u00a0", "\ufffd", "\U0001f600", "\u0660", "\u06f4"]
SEPARATORS = [" ", " ", " ", " ", "\n", "\r\n", "\n\n", "\r", "\t", "", "\u00a0", " \u200f"]

presentation_forms = st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF)
lone_surrogates = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
any_char = st.characters(codec=None)       # every code point but surrogates (hypothesis' default)

piece = st.one_of(
    st.sampled_from(ARABIC_WORDS), st.sampled_from(ARABIC_WORDS), st.sampled_from(ARABIC_WORDS),
    st.sampled_from(PUNCTUATION), st.sampled_from(SPECIALS), presentation_forms,
    st.text(min_size=1, max_size=4), st.text(alphabet=presentation_forms, min_size=1, max_size=6),
)


@st.composite
def _news(draw, surrogates: bool):
    parts = draw(st.lists(st.tuples(piece, st.sampled_from(SEPARATORS)), max_size=60))
    text = "".join(p + s for p, s in parts)
    if surrogates and draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(lone_surrogates) + text[at:]
    return text


# Unicode text: Arabic news words and hostile characters; with lone surrogates when asked
news_text = _news(surrogates=False)
news_text_with_surrogates = _news(surrogates=True)
hostile_text = st.one_of(news_text_with_surrogates, st.text(max_size=200),
                         st.text(alphabet=st.one_of(any_char, lone_surrogates), max_size=100))


def encode(text: str, how: str) -> bytes:
    """Bytes of `text` in one of the encodings news files come in (lossy where it must be)."""
    if how == "utf-8":
        return text.encode("utf-8", "surrogatepass")       # a lone surrogate: invalid UTF-8 bytes
    if how == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass")
    if how == "utf-16":
        return text.encode("utf-16", "surrogatepass")      # with a BOM
    return text.encode(how, "replace")                     # cp1256, iso8859_6


encodings = st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1256", "iso8859_6"])
text_bytes = st.builds(encode, hostile_text, encodings)

# --- JSON ---------------------------------------------------------------------------------

DATE_STRINGS = ["2018-03-04", "2018-03-04T10:00:00Z", "2018-03-04T10:00:00+03:00",
                "Sun, 04 Mar 2018 10:00:00 GMT", "04/03/2018", "الأحد 12 مايو 2024 - 10:30",
                "1439-06-16", "", " ", "not a date", "9999-99-99", "0000-00-00", "2018-02-30",
                "-1", "1e400", "T", "2018-03-04T25:61:61"]
json_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), hostile_text,
                        st.sampled_from(DATE_STRINGS))
json_value = st.recursive(json_scalar, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=12)
date_value = st.one_of(st.sampled_from(DATE_STRINGS), st.integers(), st.floats(), hostile_text,
                       st.integers(min_value=10**300, max_value=10**320),
                       st.integers(min_value=631152000, max_value=4102444800),
                       st.integers(min_value=631152000000, max_value=4102444800000), json_value)

record = st.fixed_dictionaries(
    {"text": st.one_of(hostile_text, hostile_text, json_value)},
    optional={"title": st.one_of(hostile_text, json_value), "time": date_value,
              "date": date_value, "published": date_value, "url": st.one_of(hostile_text, json_value),
              "source": st.one_of(hostile_text, json_value), "date_extracted": date_value,
              "content": st.one_of(hostile_text, json_value), "extra": json_value,
              "category": st.one_of(hostile_text, json_value)})


def dump_json(value, ascii_only: bool) -> bytes:
    """JSON bytes; with ascii_only every non-ASCII character, lone surrogates included, is an
    escape (\\ud800), else raw UTF-8 (lone surrogates as invalid bytes)."""
    return json.dumps(value, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")


# JSON that is valid, or nearly, but extreme: nesting past the recursion limit, numbers of
# thousands of digits (Python refuses over 4,300), epoch dates too large for a float
_NEST = st.sampled_from([1, 10, 900, 5000, 100_000])
extreme_json = st.one_of(
    st.builds(lambda depth: b"[" * depth + b"]" * depth, _NEST),
    st.builds(lambda depth: b'{"text": "\xd9\x86\xd8\xb5", "x": ' + b'{"a": ' * depth + b"1" + b"}" * depth + b"}", _NEST),
    st.builds(lambda digits, key: b'{"text": "\xd9\x86\xd8\xb5", "' + key + b'": ' + b"9" * digits + b"}",
              st.sampled_from([17, 310, 400, 4301, 6000]), st.sampled_from([b"time", b"date_extracted", b"other"])),
)

json_bytes = st.one_of(extreme_json,
    st.builds(dump_json, st.one_of(record, st.lists(st.one_of(record, json_value), max_size=4), json_value),
              st.booleans()),
    st.builds(lambda value, ascii_only, cut: dump_json(value, ascii_only)[:cut],   # truncated
              record, st.booleans(), st.integers(0, 200)),
)


@st.composite
def jsonl_bytes(draw, gz: bool | None = None):
    """JSON Lines; gzip-compressed (whole or cut short) always, never, or one time in four (None)."""
    line = st.one_of(st.builds(dump_json, record, st.booleans()), st.builds(dump_json, record, st.booleans()),
                     st.builds(dump_json, json_value, st.booleans()),
                     st.binary(max_size=30), extreme_json, st.just(b""), st.just(b"  \t"), st.just(b"{"),
                     st.builds(lambda t: t.encode("utf-8", "surrogatepass"), hostile_text))
    lines = draw(st.lists(line, max_size=8))
    data = draw(st.sampled_from([b"\n", b"\r\n"])).join(lines)
    if draw(st.booleans()):
        data += b"\n"
    if draw(st.integers(0, 3)) == 0:
        data = b"\xef\xbb\xbf" + data
    if gz is True or (gz is None and draw(st.integers(0, 3)) == 0):     # .jsonl.gz, whole or cut short
        data = gzipped(draw, data)
    return data


def gzipped(draw, data: bytes) -> bytes:
    """`data` gzip-compressed: whole, cut short, or with one byte flipped."""
    data = gzip.compress(data, mtime=0)
    damage = draw(st.sampled_from(["none", "none", "cut", "flip"]))
    if damage == "cut":
        data = data[:draw(st.integers(0, len(data)))]
    elif damage == "flip":
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
    return data


@st.composite
def gzip_of(draw, inner):
    return gzipped(draw, draw(inner))

# --- HTML ---------------------------------------------------------------------------------

TAGS = ["div", "p", "article", "span", "h1", "h2", "a", "b", "table", "tr", "td", "ul", "li",
        "section", "header", "footer", "nav", "time", "title", "head", "body", "html", "main",
        "blockquote", "figure", "figcaption", "iframe", "form", "textarea", "template", "svg",
        "math", "noscript", "select", "option"]
RAW_HTML = ["<br>", "<hr/>", "<img src=x onerror=alert(1)>", "<!--", "-->", "<!-- c -->", "<![CDATA[",
            "]]>", "<?xml version='1.0' encoding='latin-1'?>", "<!DOCTYPE html>", "&amp;", "&#0;",
            "&#xD800;", "&#1114112;", "&nbsp;", "&lt;", "&", "<", ">", "</", "<script>", "</script>",
            "<style>", "</style>", "<meta charset='windows-1256'>", "<meta charset='x-unknown'>",
            '<meta property="article:published_time" content="2018-03-04T10:00:00Z">',
            '<meta name="date" content="9999-99-99">', '<time datetime="2018-02-30">',
            '<script type="application/ld+json">{"datePublished": "2018-03-04"}</script>',
            '<script type="application/ld+json">{"datePublished": [1, {"x": null}]</script>',
            '<link rel="canonical" href="https://news.example/2018/03/04/a.html">',
            '<a href="javascript:alert(1)">', '<base href="http://[::1">', "\x00", "\x0c"]


@st.composite
def html_text(draw):
    """A page of random tags, text and markup debris; sometimes nested deep; sometimes cut."""
    parts = []
    if draw(st.booleans()):
        parts.append("<!DOCTYPE html><html><head><title>" + draw(news_text) + "</title></head><body>")
    depth = draw(st.sampled_from([0, 0, 0, 5, 50, 300, 1500]))
    tag = draw(st.sampled_from(TAGS))
    parts.append(f"<{tag}>" * depth)
    for _ in range(draw(st.integers(0, 25))):
        kind = draw(st.integers(0, 5))
        if kind == 0:
            name = draw(st.sampled_from(TAGS))
            attrs = draw(st.sampled_from(["", " class='x'", ' id="content"', " dir=rtl", " lang=ar",
                                          ' style="display:none"', " itemprop=articleBody", " x=\"\""]))
            parts.append(f"<{name}{attrs}>")
        elif kind == 1:
            parts.append(f"</{draw(st.sampled_from(TAGS))}>")
        elif kind == 2:
            parts.append(draw(st.sampled_from(RAW_HTML)))
        else:
            parts.append("<p>" + draw(news_text) + "</p>" if draw(st.booleans()) else draw(news_text))
    parts.append(f"</{tag}>" * draw(st.integers(0, depth)))
    page = "".join(parts)
    if draw(st.booleans()):
        page = page[:draw(st.integers(0, len(page)))]
    return page


html_bytes = st.builds(encode, html_text(), st.sampled_from(["utf-8", "utf-8", "utf-16", "cp1256"]))

# --- feeds --------------------------------------------------------------------------------


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


FEED_SHAPES = {"rss": ["rss", "rss", "rss", "rdf", "html-error"], "atom": ["atom", "atom", "atom", "html-error"],
               None: ["rss", "rss", "atom", "html-error", "rdf"]}


@st.composite
def feed_text(draw, flavour: str | None = None):
    """RSS 2.0 (or 1.0/RDF) or Atom, as `flavour` asks, with random entries (escaped, raw or
    CDATA content), sometimes cut, or an HTML page where a feed was expected."""
    shape = draw(st.sampled_from(FEED_SHAPES[flavour]))
    if shape == "html-error":
        return ("<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body><h1>"
                + draw(news_text) + "</h1></body></html>")

    def field_text():
        text = draw(hostile_text)
        how = draw(st.integers(0, 2))
        return _xml_escape(text) if how == 0 else text if how == 1 else f"<![CDATA[{text}]]>"

    entries = []
    for _ in range(draw(st.integers(0, 4))):
        date = draw(st.sampled_from(DATE_STRINGS))
        if shape == "atom":
            entries.append(f"<entry><title>{field_text()}</title><updated>{date}</updated>"
                           f"<link href='{field_text()}'/><content type='html'>{field_text()}</content>"
                           f"<id>{field_text()}</id></entry>")
        else:
            entries.append(f"<item><title>{field_text()}</title><link>{field_text()}</link>"
                           f"<pubDate>{date}</pubDate><description>{field_text()}</description>"
                           f"<guid>{field_text()}</guid></item>")
    body = "".join(entries)
    if shape == "atom":
        doc = f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>{field_text()}</title>{body}</feed>"
    elif shape == "rdf":
        doc = f"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' xmlns='http://purl.org/rss/1.0/'><channel><title>x</title></channel>{body}</rdf:RDF>"
    else:
        doc = f"<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>{field_text()}</title>{body}</channel></rss>"
    if draw(st.integers(0, 3)) == 0:
        doc = doc[:draw(st.integers(0, len(doc)))]
    return doc


_FEED_ENCODINGS = st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1256"])
feed_bytes = st.builds(encode, feed_text(), _FEED_ENCODINGS)
rss_bytes = st.builds(encode, feed_text("rss"), _FEED_ENCODINGS)
atom_bytes = st.builds(encode, feed_text("atom"), _FEED_ENCODINGS)

# --- WARC ---------------------------------------------------------------------------------


def warc_record(kind: str, block: bytes, number: int, uri: str | None = None,
                content_type: str = "application/http; msgtype=response") -> bytes:
    """One WARC/1.0 record, byte for byte the same on every run (fixed id and date)."""
    head = [b"WARC/1.0", b"WARC-Type: " + kind.encode(),
            b"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>" % number,
            b"WARC-Date: 2018-03-04T10:00:00Z"]
    if uri is not None:
        head.append(b"WARC-Target-URI: " + uri.encode("utf-8", "surrogatepass"))
    head += [b"Content-Type: " + content_type.encode(), b"Content-Length: %d" % len(block)]
    return b"\r\n".join(head) + b"\r\n\r\n" + block + b"\r\n\r\n"


def make_warc(pages: list[tuple[str, bytes, str]], compressed: bool) -> bytes:
    """A WARC of a warcinfo record and, per page, a response and a request record, as crawlers
    write them; gzipped record by record (one member each) when `compressed`."""
    records = [warc_record("warcinfo", b"software: rasad-fuzz\r\nformat: WARC File Format 1.0\r\n", 0,
                           content_type="application/warc-fields")]
    for n, (uri, payload, ctype) in enumerate(pages, 1):
        http = (b"HTTP/1.1 200 OK\r\nContent-Type: " + ctype.encode() +
                b"\r\nContent-Length: %d\r\n\r\n" % len(payload)) + payload
        records.append(warc_record("response", http, 2 * n, uri))
        records.append(warc_record("request", b"GET / HTTP/1.1\r\nHost: news.example\r\n\r\n", 2 * n + 1, uri,
                                   "application/http; msgtype=request"))
    if compressed:
        return b"".join(gzip.compress(record, mtime=0) for record in records)
    return b"".join(records)


warc_page = st.tuples(
    st.sampled_from(["https://news.example/2018/03/04/a.html", "http://x/", "not a url", "",
                     "https://news.example/أخبار/1"]),
    st.one_of(html_bytes, text_bytes, st.binary(max_size=200)),
    st.sampled_from(["text/html; charset=utf-8", "text/html; charset=windows-1256", "text/plain",
                     "application/json", "image/png", "text/html; charset=bogus", ""]),
)


@st.composite
def warc_bytes(draw, compressed: bool | None = None):
    """A WARC, or a WARC.gz of one gzip member per record (`compressed`; None: either), then
    (sometimes) truncated, with a byte flipped, or with a Content-Length off by a few bytes; or
    random bytes behind a WARC version line (gzipped when compressed)."""
    if draw(st.integers(0, 5)) == 0:
        junk = b"WARC/1.0\r\n" + draw(st.binary(max_size=300))
        return gzip.compress(junk, mtime=0) if compressed else junk
    if compressed is None:
        compressed = draw(st.booleans())
    data = make_warc(draw(st.lists(warc_page, min_size=0, max_size=3)), compressed)
    damage = draw(st.sampled_from(["none", "cut", "flip", "length"]))
    if damage == "cut":
        data = data[:draw(st.integers(1, len(data)))]
    elif damage == "flip":
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
    elif damage == "length" and not compressed:
        marker = b"Content-Length: "
        starts = [i for i in range(len(data)) if data.startswith(marker, i)]
        if starts:
            at = draw(st.sampled_from(starts)) + len(marker)
            end = data.index(b"\r\n", at)
            value = max(0, int(data[at:end]) + draw(st.integers(-40, 40)))
            data = data[:at] + str(value).encode() + data[end:]
    return data


# Anything at all, by kind, for the hint-driven readers. A kind's name is also the hint given
# to read_bytes, and EXTENSIONS names the file read_path reads.
_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00"
BY_KIND = {
    "text": st.one_of(text_bytes, st.binary(max_size=300)),
    "html": st.one_of(html_bytes, st.binary(max_size=300)),
    "json": st.one_of(json_bytes, st.binary(max_size=100), text_bytes),
    "jsonl": st.one_of(jsonl_bytes(gz=False), st.binary(max_size=100)),
    # one gzip'd JSON document (read whole after decompression, unlike JSON Lines), damaged or not
    "json.gz": st.one_of(gzip_of(st.one_of(json_bytes, text_bytes, html_bytes)),
                         st.builds(lambda tail: _GZIP_HEADER + tail, st.binary(max_size=100))),
    "jsonl.gz": st.one_of(jsonl_bytes(gz=True), st.builds(lambda tail: _GZIP_HEADER + tail, st.binary(max_size=100))),
    "warc": st.one_of(warc_bytes(compressed=False), st.binary(max_size=100)),
    "warc.gz": st.one_of(warc_bytes(compressed=True), st.builds(lambda tail: _GZIP_HEADER + tail, st.binary(max_size=100))),
    "rss": st.one_of(rss_bytes, st.binary(max_size=100), html_bytes),
    "atom": st.one_of(atom_bytes, st.binary(max_size=100), html_bytes),
}
any_input = st.one_of(*BY_KIND.values())
EXTENSIONS = {"text": ".txt", "html": ".html", "json": ".json", "jsonl": ".jsonl", "json.gz": ".json.gz",
              "jsonl.gz": ".jsonl.gz", "warc": ".warc", "warc.gz": ".warc.gz", "rss": ".rss", "atom": ".atom"}

# --- text in each encoding ------------------------------------------------------------------

TEXT_ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1256", "iso8859_6"]


def encode_exactly(text: str, how: str) -> bytes:
    """`text` in encoding `how`; the UTF encodings carry lone surrogates as invalid sequences,
    the Arabic code pages put '?' where a character has no byte."""
    if how == "utf-32":
        return text.encode("utf-32", "surrogatepass")     # with a BOM
    return encode(text, how)


# Text that the legacy code pages can hold, for a round trip through them
CODE_PAGE_TEXT = {how: st.builds(lambda text, how=how: text.encode(how, "ignore").decode(how), news_text)
                  for how in ("cp1256", "iso8859_6")}

# --- flavours of hostile text, each fuzzed through rasad.extract on its own -----------------

BIDI = ["\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
        "\u2066", "\u2067", "\u2068", "\u2069"]
JOINERS = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u0640"]
COMBINING = st.one_of(st.characters(min_codepoint=0x064B, max_codepoint=0x065F),     # harakat
                      st.sampled_from(["\u0670", "\u06ed", "\u08f0", "\u08f3"]),
                      st.characters(min_codepoint=0x0300, max_codepoint=0x036F),     # Latin marks
                      st.characters(min_codepoint=0x20D0, max_codepoint=0x20FF))


@st.composite
def laced(draw, extra):
    """Arabic news words with characters from `extra` pushed in anywhere: between words, inside
    words, at the start and the end, alone or in runs."""
    words = draw(st.lists(st.sampled_from(ARABIC_WORDS + PUNCTUATION), min_size=0, max_size=50))
    text = " ".join(words)
    for _ in range(draw(st.integers(0, 30))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + "".join(draw(st.lists(extra, min_size=1, max_size=4))) + text[at:]
    return text


def _escaped_json(text: str, title: str, surrogate: str, at: int) -> bytes:
    at = min(at, len(text))
    record = {"text": text[:at] + surrogate + text[at:], "title": title + surrogate}
    return json.dumps(record, ensure_ascii=True).encode("ascii")     # "\udc80" written as an escape


EXTRACT_FLAVOURS = {
    "bidi-controls": laced(st.sampled_from(BIDI)),
    "zero-width-joiners": laced(st.sampled_from(JOINERS)),
    "presentation-forms": st.one_of(laced(presentation_forms),
                                    st.text(alphabet=presentation_forms, max_size=200)),
    "combining-marks": laced(COMBINING),
    "json-escaped-surrogates": st.builds(_escaped_json, news_text, news_text, lone_surrogates,
                                         st.integers(0, 500)),
    "truncated-html": st.builds(lambda page, cut: encode(page[:cut], "utf-8"), html_text(), st.integers(0, 3000)),
    "nested-html": st.builds(lambda tag, depth, text: encode(f"<html><body>{f'<{tag}>' * depth}<p>{text}</p>"
                                                             f"{f'</{tag}>' * (depth // 2)}", "utf-8"),
                             st.sampled_from(TAGS), st.integers(100, 20_000), news_text),
    "random-json": st.builds(dump_json, st.one_of(json_value, record, st.lists(record, max_size=3)), st.booleans()),
}
