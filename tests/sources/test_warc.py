import datetime as dt
import gzip
import io
import re

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rasad.errors import InputError
from rasad.model import Document
from rasad.sources import read_bytes, read_path
from rasad.sources.warc import read_warc

ARTICLE = "قال الرئيس إن الحكومة ستفاوض المعارضة في جنيف الأسبوع المقبل، وفق بيان رسمي."
WARC_DATE = "2024-05-12T08:30:00Z"


def page(n: int) -> bytes:
    return (f"<!DOCTYPE html><html><head><title>خبر {n}</title></head><body><article>"
            f"<p>{ARTICLE} {n} {ARTICLE}</p><p>{ARTICLE}</p></article></body></html>").encode("utf-8")


def record(url: str, body: bytes = b"", content_type: str = "text/html; charset=utf-8", status: str = "200 OK",
           kind: str = "response") -> bytes:
    """One uncompressed WARC record, as warcio writes it."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    if kind == "request":
        http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
        rec = writer.create_warc_record(url, "request", http_headers=http,
                                        warc_headers_dict={"WARC-Date": WARC_DATE})
    elif kind == "warcinfo":
        rec = writer.create_warcinfo_record("test.warc", {"software": "tests"})
    else:
        http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        rec = writer.create_warc_record(url, kind, payload=io.BytesIO(body), http_headers=http,
                                        warc_headers_dict={"WARC-Date": WARC_DATE})
    writer.write_record(rec)
    rec.raw_stream.close()           # warcio's writer spools the payload to a temporary file
    return out.getvalue()


def news(n: int) -> bytes:
    return record(f"https://news.example/2020/05/{n:02d}/story.html", page(n))


def gz(*records: bytes) -> bytes:
    return b"".join(gzip.compress(r) for r in records)       # one gzip member per record, as crawlers do


def with_length(rec: bytes, delta: int) -> bytes:
    """The record with its WARC Content-Length off by `delta`."""
    match = re.search(rb"\r\nContent-Length: (\d+)\r\n", rec)
    return rec[:match.start(1)] + str(int(match.group(1)) + delta).encode() + rec[match.end(1):]


def read(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_path(str(path))), str(path)


def kinds(items):
    return ["doc" if isinstance(item, Document) else "error" for item in items]


@pytest.mark.parametrize("compress", [True, False])
def test_one_document_per_html_response(tmp_path, compress):
    records = [record("", kind="warcinfo"), record("https://news.example/2020/05/01/story.html", kind="request"),
               news(1), record("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n", "image/png"),
               record("https://news.example/gone", page(9), status="404 Not Found"),
               record("https://news.example/old", b"", status="301 Moved Permanently"),
               news(2)]
    items, path = read(tmp_path, "crawl.warc.gz" if compress else "crawl.warc",
                       gz(*records) if compress else b"".join(records))
    assert kinds(items) == ["doc", "doc"]            # request, warcinfo, image, 404, redirect: skipped
    first, second = items
    assert first.origin == f"{path}#record3" and second.origin == f"{path}#record7"
    assert first.url == "https://news.example/2020/05/01/story.html"
    assert first.kind == "html" and first.title == "خبر 1" and ARTICLE in first.text
    assert first.published == dt.date(2020, 5, 1) and first.published_how == "url"   # the URL reached read_html
    assert first.fetched == dt.datetime(2024, 5, 12, 8, 30, tzinfo=dt.timezone.utc)
    assert first.extra["warc_record_id"].startswith("<urn:uuid:")
    assert second.published == dt.date(2020, 5, 2)


def test_same_result_as_the_saved_page(shared_file, tmp_path):
    path = shared_file("html-fixtures-arabic/cnnarabic_2013_syria_clashes.html")
    url = "http://arabic.cnn.com/2013/middle_east/8/3/syria.clashes/index.html"
    [saved] = read_bytes(path.read_bytes(), url)
    [archived], _ = read(tmp_path, "cnn.warc.gz", gz(record(url, path.read_bytes())))
    assert archived.text == saved.text and archived.title == saved.title
    assert archived.published == saved.published == dt.date(2013, 8, 3)
    assert archived.url == url


def test_plain_text_records_and_charset_from_http_header(tmp_path):
    legacy = page(3).decode("utf-8").encode("cp1256")          # no <meta charset>: only HTTP names it
    items, _ = read(tmp_path, "x.warc.gz", gz(
        record("https://news.example/a.txt", (ARTICLE * 2).encode("utf-8"), "text/plain"),
        record("https://news.example/b.html", legacy, "text/html; charset=windows-1256")))
    assert kinds(items) == ["doc", "doc"]
    assert items[0].kind == "text" and items[0].text == ARTICLE * 2
    assert items[1].title == "خبر 3" and ARTICLE in items[1].text


def test_bad_record_is_reported_and_the_rest_continue(tmp_path):
    empty_page = record("https://news.example/empty", b"<html><body></body></html>")
    items, path = read(tmp_path, "x.warc.gz", gz(news(1), empty_page, news(3)))
    assert kinds(items) == ["doc", "error", "doc"]
    assert items[1].source == f"{path}#record2"
    assert "no main text" in items[1].reason


@pytest.mark.parametrize("cut", [0.6, 0.9])
def test_truncated_warc_gz_gives_good_records_then_the_error(tmp_path, cut):
    data = gz(news(1), news(2), news(3))
    last_start = len(gz(news(1), news(2)))
    end = last_start + int((len(data) - last_start) * cut)      # inside the third gzip member
    items, path = read(tmp_path, "cut.warc.gz", data[:end])
    assert kinds(items) == ["doc", "doc", "error"]
    assert items[2].source == f"{path}#record3"
    assert "truncated" in items[2].reason


def test_truncated_gzip_trailer_is_still_reported(tmp_path):
    items, path = read(tmp_path, "cut.warc.gz", gz(news(1), news(2))[:-4])
    assert kinds(items) == ["doc", "doc", "error"]              # the content was whole, the file was not
    assert items[2].source == f"{path}#record2" and "truncated gzip" in items[2].reason


@pytest.mark.parametrize("keep", [0.3, 0.8])
def test_truncated_uncompressed_warc(tmp_path, keep):
    data = news(1) + news(2)
    end = len(news(1)) + int(len(news(2)) * keep)
    items, path = read(tmp_path, "cut.warc", data[:end])
    assert kinds(items) == ["doc", "error"]
    assert items[1].source == f"{path}#record2" and "truncated" in items[1].reason


def test_truncated_inside_the_first_record_header(tmp_path):
    items, path = read(tmp_path, "cut.warc", news(1)[:40])
    assert kinds(items) == ["error"]
    assert items[0].source == f"{path}#record1" and "truncated" in items[0].reason


@pytest.mark.parametrize("compress", [True, False])
@pytest.mark.parametrize("delta", [-25, 25, 5000])
def test_wrong_content_length_is_an_error_for_that_record_only(tmp_path, compress, delta):
    records = [news(1), with_length(news(2), delta), news(3), news(4)]
    data = gz(*records) if compress else b"".join(records)
    items, path = read(tmp_path, "bad.warc.gz" if compress else "bad.warc", data)
    assert isinstance(items[1], InputError) and items[1].source == f"{path}#record2"
    assert "wrong Content-Length" in items[1].reason
    documents = [item for item in items if isinstance(item, Document)]
    assert documents[0].title == "خبر 1"
    assert documents[-1].title == "خبر 4"             # reading went on after the bad record
    if compress:                                      # gzip members frame each record: nothing else is lost
        assert kinds(items) == ["doc", "error", "doc", "doc"]


def test_corrupt_gzip_member_is_skipped(tmp_path):
    data = bytearray(gz(news(1), news(2), news(3)))
    data[len(gzip.compress(news(1))) + 40] ^= 0xFF               # damage the deflate data of record 2
    items, path = read(tmp_path, "damaged.warc.gz", bytes(data))
    assert kinds(items) == ["doc", "error", "doc"]
    assert items[1].source == f"{path}#record2" and "corrupt gzip" in items[1].reason
    assert items[2].title == "خبر 3"


def test_garbage_between_records_is_skipped(tmp_path):
    items, path = read(tmp_path, "junk.warc", news(1) + b"not a record\r\nat all\r\n\r\n" + news(2))
    assert kinds(items) == ["doc", "error", "doc"]
    assert "not a valid WARC record" in items[1].reason and "not a record" in items[1].reason


def test_record_over_the_size_limit(tmp_path):
    path = tmp_path / "x.warc.gz"
    path.write_bytes(gz(news(1), record("https://news.example/big", page(2) * 50)))
    items = list(read_warc(open(path, "rb"), str(path), max_record_bytes=5000))
    assert kinds(items) == ["doc", "error"] and "over the" in items[1].reason


def test_read_bytes_and_sniffing_without_extension(tmp_path):
    assert kinds(read_bytes(gz(news(1)), "upload")) == ["doc"]
    items, _ = read(tmp_path, "crawl-no-extension", news(1))
    assert kinds(items) == ["doc"]


def test_not_a_warc_despite_the_name(tmp_path):
    path = tmp_path / "fake.warc"
    path.write_text("just some text\n")
    with pytest.raises(InputError, match="not a WARC file"):
        read_path(str(path))


def test_compressed_http_payload_is_decoded(tmp_path):
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                            protocol="HTTP/1.1")
    rec = writer.create_warc_record("https://news.example/2021/03/04/x.html", "response",
                                    payload=io.BytesIO(gzip.compress(page(5))), http_headers=http)
    writer.write_record(rec)
    rec.raw_stream.close()
    [doc], _ = read(tmp_path, "enc.warc.gz", out.getvalue())
    assert doc.title == "خبر 5" and doc.published == dt.date(2021, 3, 4)
