"""XML attacks through the readers: external entities (XXE) must not read local files, entity
expansion (billion laughs) must not blow up, in feeds, HTML pages and pages inside a WARC."""
from __future__ import annotations

import time

import pytest

from rasad.errors import InputError
from rasad.sources import read_bytes

from .strategies import make_warc

SECRET = "RASAD-XXE-SECRET-0451"
ARTICLE = "قال الرئيس في القاهرة إن الحكومة ستفاوض المعارضة في جنيف الأسبوع المقبل. "


@pytest.fixture
def secret_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def everything_read(data: bytes, hint: str) -> str:
    """All the text, titles, urls and reasons a reader gives back, as one string."""
    try:
        items = list(read_bytes(data, f"attack.{hint}", hint=hint))
    except InputError as error:
        return error.reason
    return " ".join(str(getattr(i, name, "") or "") for i in items
                    for name in ("text", "title", "url", "source", "reason", "extra"))


def xxe_feed(path) -> bytes:
    return (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{path}">]>'
            f'<rss version="2.0"><channel><title>وكالة &xxe;</title><item><title>خبر &xxe;</title>'
            f'<description>{ARTICLE} &xxe;</description></item></channel></rss>').encode("utf-8")


def xxe_page(path) -> bytes:
    return (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{path}">]>'
            f'<html><head><title>خبر &xxe;</title></head><body><article><p>{ARTICLE * 4} &xxe;</p>'
            f'</article></body></html>').encode("utf-8")


def test_external_entities_are_never_read(secret_file):
    for data, hint in ((xxe_feed(secret_file), "feed"), (xxe_page(secret_file), "html"),
                       (make_warc([("https://news.example/a.html", xxe_page(secret_file), "text/html")], False), "warc")):
        assert SECRET not in everything_read(data, hint), hint


def test_parameter_entities_and_external_dtds_are_not_fetched(secret_file):
    data = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % ext SYSTEM "file://{secret_file}"> %ext;]>'
            f'<rss version="2.0"><channel><title>t</title><item><title>خبر</title><description>{ARTICLE}'
            f'</description></item></channel></rss>').encode("utf-8")
    assert SECRET not in everything_read(data, "feed")
    data = (f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "file://{secret_file}"><rss version="2.0"><channel>'
            f'<title>t</title><item><description>{ARTICLE}</description></item></channel></rss>').encode("utf-8")
    assert SECRET not in everything_read(data, "feed")


def billion_laughs(root: str) -> bytes:
    entities = '<!ENTITY lol0 "lollollollollollollollollollol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    return f'<?xml version="1.0"?><!DOCTYPE {root} [{entities}]>'.encode() + (
        b'<rss version="2.0"><channel><title>t</title><item><title>x</title><description>&lol9;</description>'
        b'</item></channel></rss>' if root == "rss" else
        b"<html><body><article><p>&lol9;</p></article></body></html>")


@pytest.mark.parametrize("root, hint", [("rss", "feed"), ("html", "html")])
def test_entity_expansion_does_not_explode(root, hint):
    started = time.perf_counter()
    text = everything_read(billion_laughs(root), hint)
    assert time.perf_counter() - started < 10
    assert len(text) < 1_000_000            # 10^9 "lol"s were never expanded
