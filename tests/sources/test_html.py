import datetime as dt
import json

import pytest

from rasad.errors import InputError
from rasad.sources import read_bytes, read_path
from rasad.sources.html import date_from_url, read_html

PARAGRAPH = "قال الرئيس إن الحكومة ستفاوض المعارضة في جنيف الأسبوع المقبل، وفق بيان رسمي نشرته الوكالة."


def page(head="", before="", url_meta="", body_extra=""):
    return (f"<html><head><title>عنوان الخبر</title>{url_meta}{head}</head><body>"
            f"<header><time datetime='2001-01-01'>قديم</time></header>"
            f"<article>{before}<p>{PARAGRAPH}</p><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></article>"
            f"{body_extra}</body></html>")


URL_META = "<link rel='canonical' href='https://news.example/2018/02/18/story.html'>"


# --- the real pages ---

def test_cnn_arabic_page(shared_file):
    path = shared_file("html-fixtures-arabic/cnnarabic_2013_syria_clashes.html")
    expected_text = shared_file("html-fixtures-arabic/cnnarabic_2013_syria_clashes.expected.txt").read_text("utf-8")
    expected = json.loads(shared_file("html-fixtures-arabic/cnnarabic_2013_syria_clashes.expected_metadata.json")
                          .read_text("utf-8"))
    [doc] = read_path(str(path))
    assert doc.kind == "html"
    # trafilatura alone says 2013-01-01; the URL /2013/middle_east/8/3/ gives the day
    assert doc.published == dt.date(2013, 8, 3) and doc.published_how == "url"
    assert doc.title == expected["title"]
    assert doc.url == expected["canonical_link"]
    assert doc.source == "CNNArabic"
    paragraphs = [p.strip() for p in expected_text.split("\n") if p.strip()]
    assert len(paragraphs) == 7
    for paragraph in paragraphs:
        assert paragraph in doc.text.split("\n")      # whole paragraphs, one per line
    assert doc.text.startswith(paragraphs[0])


def test_assabah_page(shared_file):
    path = shared_file("html-fixtures-arabic/assabah_tn_164913.html")
    [expected] = json.loads(shared_file("html-fixtures-arabic/assabah_tn_164913.expected_trafilatura_eval.json")
                            .read_text("utf-8")).values()
    [doc] = read_path(str(path))
    # the article's own <span property="dc:date" content="2019-02-08T00:00:00+01:00">
    assert doc.published == dt.date(2019, 2, 8) and doc.published_how == "rdfa:dc:date"
    assert " ".join(doc.title.split()) == " ".join(expected["title"].split())
    assert doc.url.startswith("http://www.assabah.com.tn/article/164913/")
    for snippet in expected["with"]:
        assert snippet in doc.text
    for snippet in expected["without"]:
        assert snippet not in doc.text


def test_truncated_real_page_does_not_crash(shared_file):
    data = shared_file("html-fixtures-arabic/cnnarabic_2013_syria_clashes.html").read_bytes()
    for cut in (len(data) // 2, len(data) * 3 // 4 + 1, len(data) - 1001):   # some cut inside a character
        try:
            [doc] = read_bytes(data[:cut], "cut.html")
        except InputError as error:
            assert error.source == "cut.html"
        else:
            assert doc.kind == "html" and doc.published == dt.date(2013, 8, 3)


# --- publication date priority ---

@pytest.mark.parametrize("head, before, expected, how", [
    ("<meta property='article:published_time' content='2016-03-04T23:30:00+03:00'>"
     "<meta property='article:modified_time' content='2016-05-05'>"
     "<meta name='DC.date.issued' content='2015-01-01'>", "", dt.date(2016, 3, 4), "meta:article:published_time"),
    ("<meta name='DC.date.issued' content='2015-06-07'>", "", dt.date(2015, 6, 7), "meta:dc.date.issued"),
    ("<script type='application/ld+json'>{\"@context\": \"https://schema.org\", \"@graph\": ["
     "{\"@type\": \"WebPage\", \"datePublished\": \"2010-01-01\"},"
     "{\"@type\": \"NewsArticle\", \"datePublished\": \"2017-01-20T23:43:00+01:00\"}]}</script>",
     "", dt.date(2017, 1, 20), "jsonld:datePublished"),
    ("", "<span itemprop='datePublished' content='2014-09-10'>10 أيلول</span>", dt.date(2014, 9, 10),
     "itemprop:datePublished"),
    ("", "<time datetime='2012-12-12T10:00'>12 ديسمبر</time>", dt.date(2012, 12, 12), "time:datetime"),
])
def test_metadata_beats_the_url(head, before, expected, how):
    doc = read_html(page(head=head, before=before, url_meta=URL_META), "p.html")
    assert (doc.published, doc.published_how) == (expected, how)


def test_url_date_when_no_metadata():
    doc = read_html(page(url_meta=URL_META), "p.html")
    assert doc.url == "https://news.example/2018/02/18/story.html"
    # the <time> in the page header dates something else and is ignored
    assert (doc.published, doc.published_how) == (dt.date(2018, 2, 18), "url")


def test_modified_time_alone_is_not_a_publication_date():
    doc = read_html(page(head="<meta property='article:modified_time' content='2016-05-05'>"), "p.html")
    assert doc.published_how != "meta:article:modified_time"


def test_unreadable_metadata_falls_through():
    head = "<meta property='article:published_time' content='soon'>"
    doc = read_html(page(head=head, url_meta=URL_META), "p.html")
    assert (doc.published, doc.published_how) == (dt.date(2018, 2, 18), "url")


def test_htmldate_guess_comes_last():
    doc = read_html(page(before="<p class='date'>نشر في 2016-05-03</p>"), "p.html")
    assert (doc.published, doc.published_how) == (dt.date(2016, 5, 3), "htmldate")


def test_origin_url_is_used_when_the_page_names_none():
    doc = read_html(page(), "https://news.example/ar/2019/02/08/x")
    assert doc.url == "https://news.example/ar/2019/02/08/x" and doc.published == dt.date(2019, 2, 8)


@pytest.mark.parametrize("url, expected", [
    ("http://arabic.cnn.com/2013/middle_east/8/3/syria.clashes/index.html", dt.date(2013, 8, 3)),
    ("http://www.alarabiya.net/ar/culture-and-art/2018/02/18/هكذا", dt.date(2018, 2, 18)),
    ("https://x.com/news/2019-02-08-story", dt.date(2019, 2, 8)),
    ("https://x.com/content/%D8%AC%D8%B1%D9%8A%D8%AF%D8%A9-20190209", dt.date(2019, 2, 9)),
    ("https://x.com/2018/02/", None),                  # month only: not a full date
    ("https://x.com/article/164913/title", None),
    ("https://x.com/2018/13/40/x", None),
    ("https://x.com/a/123201902081/x", None),          # digits inside a longer number
    ("https://x.com/?d=2019-02-08", None),             # query string, not the path
])
def test_date_from_url(url, expected):
    assert date_from_url(url) == expected


# --- broken pages ---

@pytest.mark.parametrize("markup", [
    "<html><head><title>x</title></head><body><article><p>" + PARAGRAPH * 3,      # cut before the end
    "<div><p>" + PARAGRAPH + "</span></div></p></td>" + "<p>" + PARAGRAPH * 2,   # tags out of order
    "<html><body><p>" + PARAGRAPH * 3 + "</p><p>\x00\x01 garbage &#xD800; &bogus;</p></body></html>",
])
def test_broken_html_still_gives_its_text(markup):
    doc = read_html(markup.encode("utf-8"), "broken.html")
    assert PARAGRAPH in doc.text


@pytest.mark.parametrize("markup", [
    "<html><head><title>فارغة</title><script>var x = 1;</script></head>"
    "<body><div><img src='a.png'></div><style>p {}</style></body></html>",
    "<html></html>",
    "<!-- -->",
])
def test_page_without_text_is_an_input_error(markup):
    with pytest.raises(InputError, match="no main text|empty|not parseable"):
        read_html(markup.encode(), "empty.html")


def test_damaged_utf8_page_is_decoded_with_replacement():
    data = page().encode("utf-8")
    cut = data.index(PARAGRAPH.encode()) + 5
    doc = read_html(data[:cut] + b"\xff" + data[cut:], "p.html")
    assert "\ufffd" in doc.text and PARAGRAPH in doc.text
