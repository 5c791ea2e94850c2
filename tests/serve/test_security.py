"""Security: headers on every response, escaping of every piece of stored text, harmless
SQL-looking parameters, static files confined to their folder, loopback by default."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from .conftest import XSS_NAME, xss_record

PAGES = ["/", "/events", "/entities", "/docs", "/?q=%3Cscript%3E", "/static/app.css",
         "/static/vendor/plotly.min.js", "/api/stats", "/api/articles/" + "0" * 64, "/nowhere"]


@pytest.mark.parametrize("url", PAGES)
def test_security_headers_everywhere(client, url):
    resp = client.get(url)
    csp = resp.headers["content-security-policy"]
    assert "script-src 'self'" in csp
    script_src = re.search(r"script-src([^;]*)", csp).group(1)
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert resp.headers["x-content-type-options"] == "nosniff"
    assert resp.headers["x-frame-options"] == "DENY"
    assert resp.headers["referrer-policy"]


class _Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def _scripts(html: str) -> list[str]:
    return re.findall(r"<script\b[^>]*>(.*?)</script>", html, flags=re.S | re.I)


@pytest.mark.parametrize("url", ["/", "/events", "/entities", "/docs"])
def test_pages_have_no_inline_scripts_or_handlers(client, url):
    html = client.get(url, headers={"Accept": "text/html"}).text
    for name, attrs in tags(html):
        # only scripts of this site, and JSON data islands (never executed)
        if name == "script":
            assert (attrs.get("src") or "").startswith("/static/") or \
                attrs.get("type") == "application/json", attrs
        assert not [a for a in attrs if a.lower().startswith("on")], (name, attrs)
        for a in ("href", "src", "action"):
            assert not (attrs.get(a) or "").strip().lower().startswith("javascript:")


def test_article_text_title_names_quotes_are_escaped(client):
    rec = xss_record()
    html = client.get(f"/articles/{rec['id']}").text
    assert "<script>alert" not in html
    assert "<img src=x" not in html and "<b onmouseover" not in html
    assert all(name not in ("img", "b", "i", "u", "em", "s") for name, _ in tags(html))
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html or \
        "&lt;script&gt;alert('title')&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;b onmouseover=alert" in html              # the entity name, as text
    assert "&lt;/script&gt;&lt;script&gt;alert" in html   # the quote, as text
    assert "&lt;i&gt;outlet&lt;/i&gt;" in html
    assert 'href="javascript:' not in html                # an unsafe url is not linked
    for script in _scripts(html):
        assert not script.strip(), "no inline script on the article page"


def test_search_results_and_facets_are_escaped(client):
    html = client.get("/", params={"q": "الوزير"}).text
    assert "<script>alert('title')" not in html
    assert "&lt;script&gt;" in html
    html = client.get("/").text                           # facets list the names
    assert "<b onmouseover" not in html and "<i>outlet</i>" not in html


def test_entity_page_escapes_names_and_chart_data(client):
    rec = xss_record()
    got = client.get(f"/api/articles/{rec['id']}").json()
    cid = got["entities"][0]["canonical_id"]
    assert cid is not None
    html = client.get(f"/entities/{cid}").text
    assert "<b onmouseover" not in html
    island = re.search(r'<script type="application/json" id="chart-data">(.*?)</script>',
                       html, flags=re.S).group(1)
    assert "<" not in island and ">" not in island        # cannot close its element
    assert "\\u003cb onmouseover" in island


def test_events_page_escapes(client):
    html = client.get("/events").text
    assert "<b onmouseover" not in html and "&lt;b onmouseover" in html


@pytest.mark.parametrize("params", [
    {"q": "' OR 1=1 --"}, {"q": '"; DROP TABLE articles; --'}, {"q": "*) OR (1=1"},
    {"q": "NEAR(a b) OR title:x"}, {"entity": "' OR '1'='1"}, {"place": "x'); DROP TABLE x;--"},
    {"outlet": "' UNION SELECT token_hash FROM api_tokens --"}, {"q": "%' --"},
])
def test_sql_looking_parameters_are_harmless(client, params):
    stored = client.get("/api/stats").json()["articles"]
    resp = client.get("/api/search", params=params)
    assert resp.status_code in (200, 422)
    if resp.status_code == 200:
        body = resp.json()
        # a query of punctuation only has no words: it lists everything, it matches nothing
        assert body["total"] == len(body["items"]) in (0, stored)
    assert client.get("/api/stats").json()["articles"] == stored     # nothing dropped
    page = client.get("/", params=params)
    assert page.status_code in (200, 422)


@pytest.mark.parametrize("path", [
    "/static/../app.py", "/static/..%2Fapp.py", "/static/%2e%2e/app.py",
    "/static/%2e%2e%2f%2e%2e%2fstore%2fdb.py", "/static/....//app.py",
    "/static//etc/passwd", "/static/%2Fetc%2Fpasswd", "/static/vendor/../../app.py",
    "/static/vendor/..%2F..%2Fapp.py",
])
def test_static_path_traversal_is_refused(client, path):
    resp = client.get(path)
    assert resp.status_code in (400, 404)
    assert "create_app" not in resp.text and "root:" not in resp.text


def test_serve_binds_loopback_by_default():
    import argparse

    from rasad.cli_serve import register
    ap = argparse.ArgumentParser()
    register(ap.add_subparsers(dest="command"))
    args = ap.parse_args(["serve"])
    assert args.host == "127.0.0.1"


def test_json_island_escaping():
    from rasad.serve.app import json_script
    out = str(json_script({"a": "</script><script>alert(1)</script>", "b": "&\u2028"}))
    assert "<" not in out and ">" not in out and "&" not in out and "\u2028" not in out
    import json
    assert json.loads(out)["a"] == "</script><script>alert(1)</script>"


def test_xss_name_is_stored_verbatim(client):
    rec = xss_record()
    got = client.get(f"/api/articles/{rec['id']}").json()
    assert got["entities"][0]["name"] == XSS_NAME
