import datetime as dt

import pytest

from rasad.errors import InputError
from rasad.model import Document
from rasad.sources import read_bytes, read_path
from rasad.sources.feeds import entry_key, parse_interval, read_feed, watch

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>وكالة الأنباء</title><link>https://news.example/</link>
<item><title>الرئيس يستقبل وزير الخارجية</title><link>https://news.example/a</link>
<description><![CDATA[<p>استقبل الرئيس <b>وزير الخارجية</b> اليوم.</p><script>x()</script><p>وبحث الجانبان العلاقات.</p>]]></description>
<pubDate>الأحد، 12 مايو 2024 10:30</pubDate><guid>g1</guid></item>
<item><title>عنوان فقط</title><link>https://news.example/b</link>
<pubDate>Sun, 12 May 2024 01:30:00 +0300</pubDate></item>
<item><title>وزير الدفاع في دمشق</title><link>https://news.example/c</link>
<pubDate>٣ شباط ٢٠٢٣</pubDate><description>وصل وزير الدفاع إلى دمشق.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>أخبار</title>
<entry><title>خبر</title><link href="https://atom.example/x"/><id>urn:1</id>
<published>2017-01-20T23:43:00+01:00</published>
<summary>ملخص قصير</summary><content type="html">&lt;p&gt;النص الكامل للخبر.&lt;/p&gt;</content></entry>
</feed>"""

RDF = """<?xml version="1.0"?>
<!-- RSS 1.0 -->
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://rdf.example/"><title>RDF</title><link>https://rdf.example/</link></channel>
<item rdf:about="https://rdf.example/1"><title>عنوان</title><link>https://rdf.example/1</link>
<description>نص الخبر</description><dc:date>2019-02-08</dc:date></item>
</rdf:RDF>"""

ERROR_PAGE = b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502</h1></body></html>"


def rss(*items: str) -> str:
    return ("<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>T</title>"
            + "".join(items) + "</channel></rss>")


def item(title: str, link: str | None = None, text: str = "نص") -> str:
    return f"<item><title>{title}</title>" + (f"<link>{link}</link>" if link else "") + \
        f"<description>{text}</description></item>"


def test_rss_entries():
    first, title_only, third = read_feed(RSS.encode("utf-8"), "feed.xml")
    assert first.kind == "feed" and first.origin == "feed.xml#entry1"
    assert first.title == "الرئيس يستقبل وزير الخارجية" and first.url == "https://news.example/a"
    assert first.text == "استقبل الرئيس وزير الخارجية اليوم.\nوبحث الجانبان العلاقات."   # HTML stripped
    assert first.source == "وكالة الأنباء"
    assert first.published == dt.date(2024, 5, 12)        # an Arabic pubDate feedparser cannot read
    assert first.published_how == "feed:published"
    assert title_only.text == "عنوان فقط" and title_only.extra["text_from"] == "title"
    assert title_only.published == dt.date(2024, 5, 12)   # the source's day, not UTC's (11 May 22:30)
    assert third.published == dt.date(2023, 2, 3)         # Levantine month name, Arabic-Indic digits


def test_atom_prefers_full_content():
    [entry] = read_feed(ATOM.encode("utf-8"), "atom")
    assert entry.text == "النص الكامل للخبر." and entry.extra["text_from"] == "content"
    assert entry.url == "https://atom.example/x" and entry.extra["entry_id"] == "urn:1"
    assert entry.published == dt.date(2017, 1, 20)        # +01:00 kept: still the 20th


def test_read_path_sniffs_feeds(tmp_path):
    for name, content in (("news.xml", RSS), ("noext", ATOM), ("rdf.txt", RDF)):
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        items = list(read_path(str(path)))
        assert items and all(isinstance(i, Document) and i.kind == "feed" for i in items), name
    [rdf_entry] = read_path(str(tmp_path / "rdf.txt"))
    assert rdf_entry.published == dt.date(2019, 2, 8) and rdf_entry.text == "نص الخبر"


def test_html_error_page_is_not_a_feed():
    with pytest.raises(InputError, match=r"not a feed \(an HTML page\)"):
        read_feed(ERROR_PAGE, "https://news.example/rss")
    with pytest.raises(InputError, match=r"not a feed \(an HTML page\)"):
        read_feed(b"<p>oops</p>", "u", content_type="text/html; charset=utf-8")
    with pytest.raises(InputError, match=r"not a feed \(an HTML page\)"):
        read_bytes(ERROR_PAGE, "feed.rss")                 # the name says feed, the bytes say otherwise


def test_garbage_is_not_a_feed():
    with pytest.raises(InputError, match="not an RSS/Atom feed"):
        read_feed(b"\x00\x01 just bytes", "x")
    with pytest.raises(InputError, match="empty"):
        read_feed(b"  ", "x")


def test_empty_feed_has_no_documents():
    assert list(read_feed(rss().encode(), "x")) == []


def test_bad_entry_in_place():
    items = list(read_feed(rss(item("أ", "https://a/1"), "<item><link>https://a/2</link></item>",
                               item("ب", "https://a/3")).encode(), "f"))
    assert [type(i).__name__ for i in items] == ["Document", "InputError", "Document"]
    assert items[1].source == "f#entry2" and "no text" in items[1].reason


def test_unreadable_date_is_kept_raw():
    [entry] = read_feed(rss("<item><title>t</title><description>نص</description>"
                            "<pubDate>قريبا</pubDate></item>").encode(), "f")
    assert entry.published is None and entry.extra["date_unread"] == "قريبا"


@pytest.mark.parametrize("text, seconds", [("90", 90), ("30s", 30), ("15m", 900), ("2h", 7200),
                                           ("1h30m", 5400), ("1.5h", 5400), (" 10 M ", 600)])
def test_parse_interval(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "0m", "abc", "15x", "m", "-5m", "5 minutes"])
def test_parse_interval_refuses(text):
    with pytest.raises(InputError, match="interval"):
        parse_interval(text)


def test_watch_hands_on_new_entries_only(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(rss(item("أ", "https://n/1"), item("ب", "https://n/2"), item("بلا رابط")), encoding="utf-8")
    handled, errors, pauses = [], [], []

    def later(seconds):            # between polls the feed gains one entry
        pauses.append(seconds)
        feed.write_text(rss(item("ج", "https://n/3"), item("أ", "https://n/1"), item("ب", "https://n/2"),
                            item("بلا رابط")), encoding="utf-8")

    seen = watch([str(tmp_path / "missing.xml"), str(feed)], 60, handled.append, rounds=2, sleep=later,
                 on_error=errors.append)
    assert [d.title for d in handled] == ["أ", "ب", "بلا رابط", "ج"]      # no entry twice
    assert len(pauses) == 1 and 0 < pauses[0] <= 60                        # no pause after the last round
    assert [e.reason for e in errors] == ["no such file", "no such file"]  # the missing feed, each round
    assert "https://n/3" in seen and entry_key(handled[2]).startswith("sha1:")


def test_watch_reports_bad_feeds_and_bad_entries(tmp_path):
    page = tmp_path / "page.rss"
    page.write_bytes(ERROR_PAGE)
    good = tmp_path / "good.xml"
    good.write_text(rss("<item><link>https://n/x</link></item>", item("أ", "https://n/1")), encoding="utf-8")
    handled, errors = [], []
    watch([str(page), str(good)], 1, handled.append, rounds=1, on_error=errors.append,
          sleep=lambda s: pytest.fail("no sleep after the last round"))
    assert [d.title for d in handled] == ["أ"]
    assert ["not a feed" in e.reason for e in errors] == [True, False]
    assert errors[1].source.endswith("#entry1")


def test_watch_with_a_known_seen_set(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(rss(item("أ", "https://n/1"), item("ب", "https://n/2")), encoding="utf-8")
    handled = []
    watch([str(feed)], 5, handled.append, seen={"https://n/1"}, rounds=1)
    assert [d.url for d in handled] == ["https://n/2"]


def test_legacy_encoding_declared_in_the_xml_prolog():
    data = rss(item("الرئيس يستقبل وزير الخارجية", "https://n/1", "استقبل الرئيس وزير الخارجية.")) \
        .replace("encoding='UTF-8'", "encoding='windows-1256'").encode("cp1256")
    [entry] = read_feed(data, "legacy.xml")
    assert entry.title == "الرئيس يستقبل وزير الخارجية" and entry.text == "استقبل الرئيس وزير الخارجية."


def test_external_entities_are_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-VALUE")
    data = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
            '<rss version="2.0"><channel><title>t</title><item><title>a &x; b</title>'
            '<description>d &x;</description></item></channel></rss>').encode()
    for entry in read_feed(data, "x"):
        assert "SECRET" not in (entry.title or "") + entry.text


def test_empty_feed_served_as_html_is_still_a_feed():
    assert list(read_feed(rss().encode(), "u", content_type="text/html")) == []
