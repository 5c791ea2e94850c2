"""Threats tests/serve/test_security.py and test_api.py leave open, by threat:

* stored XSS in places they do not look: the JSON API (served as JSON, never sniffed), the
  CSV/JSON export, links built from stored URLs with disguised schemes, and DOM sinks in the
  served scripts;
* reflected XSS: every query parameter of every HTML page, and paths echoed in error pages;
* CSV injection: formula cells (=cmd|…) in the events export;
* SQL injection in every query and path parameter of every API route (enumerated from
  app.openapi(), so a new route is covered the day it is added) and of every HTML page;
* path traversal in static routes: double encoding, backslashes, NUL, full-width dots;
* authentication of every write route (from app.openapi()): missing, malformed, unknown,
  overlong, expired and revoked tokens; tokens in a query string or a cookie;
* CSRF: writes take a bearer header only — no cookie, no form post without it; no CORS
  grant to other origins; no cookie ever set;
* security headers on every route and on every error status (401, 404, 405, 413, 422, 500);
* invalid text posted for extraction (lone surrogates, bad UTF-8) is a 422, not a 500.

They run over a database of their own: the shared fixtures' articles plus hostile records."""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import sqlite3
from pathlib import Path

import pytest

from rasad.store import Store

from .conftest import xss_record

# --- fixtures: a database with hostile records --------------------------------------------

FORMULA_PLACE = "=cmd|' /C calc'!A0"
FORMULA_PERSON = "@SUM(1+1)*cmd|' /C calc'!A0"
ATTR_BREAKER = "\"'><svg onload=alert('attr')>"
DISGUISED_URLS = [" javascript:alert(1)", "JaVaScRiPt:alert(2)", "java\tscript:alert(3)",
                  "data:text/html,<script>alert(4)</script>", "vbscript:msgbox(5)",
                  "//evil.example/x", "\x01javascript:alert(6)"]


def _record(text: str, **fields) -> dict:
    record = {"id": hashlib.sha256(text.encode("utf-8")).hexdigest(), "origin": "threat.txt", "url": None,
              "title": "تهديد", "source": "اختبار", "published": "2019-02-03", "published_how": "test",
              "fetched": None, "text": text, "body": text, "removed": [], "entities": [], "events": [],
              "quotes": []}
    record.update(fields)
    return record


def formula_record() -> dict:
    """Entity names, a place and a quote that a spreadsheet would run as formulas."""
    text = "التقى زيد بالوزير عمرو في المدينة وقال: \"=HYPERLINK(\"http://evil.example\")\" ثم انصرف."
    zaid, amr, city = text.index("زيد"), text.index("عمرو"), text.index("المدينة")
    q0 = text.index('"')
    q1 = text.rindex('"') + 1
    return _record(text, title="=1+1 عنوان", source="+outlet", entities=[
        {"id": "e1", "type": "PER", "name": FORMULA_PERSON, "aliases": [], "titles": [],
         "mentions": [[zaid, zaid + 3]]},
        {"id": "e2", "type": "PER", "name": ATTR_BREAKER, "aliases": [], "titles": ["-2+3"],
         "mentions": [[amr, amr + 4]]},
        {"id": "e3", "type": "LOC", "name": FORMULA_PLACE, "aliases": [], "titles": [],
         "mentions": [[city, city + 7]]}],
        events=[{"type": "CONSULT", "mode": None, "source": [FORMULA_PERSON], "target": [ATTR_BREAKER],
                 "source_ids": ["e1"], "target_ids": ["e2"], "date": "2019-02-03", "date_how": "test",
                 "location": FORMULA_PLACE, "location_id": "e3", "evidence": [0, q0],
                 "trigger": [0, 5], "confidence": 0.9}],
        quotes=[{"speaker": FORMULA_PERSON, "speaker_id": "e1", "text": text[q0:q1], "direct": True,
                 "span": [q0, q1], "cue": [q0 - 6, q0 - 2]}])


def url_records() -> list[dict]:
    return [_record(f"خبر رقم {n} عن رابط مريب في نص قصير.", url=url, title=f"رابط {n}")
            for n, url in enumerate(DISGUISED_URLS)]


@pytest.fixture(scope="module")
def threat_app(tmp_path_factory, records):
    from rasad.serve.app import create_app
    path = tmp_path_factory.mktemp("threats") / "threats.db"
    with Store.open(str(path)) as store:
        store.add_many(records + [xss_record(), formula_record()] + url_records())
    app = create_app(str(path))
    app.state.db_path = path
    return app


@pytest.fixture()
def tc(threat_app):
    from fastapi.testclient import TestClient
    with TestClient(threat_app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def good_token(threat_app) -> str:
    return threat_app.state.store.create_token("threat-analyst")


def html_routes(app) -> list[str]:
    from rasad.serve import ui
    return [r.path for r in ui.router.routes]


def sample_path(path: str, article_id: str, entity_key: str = "1") -> str:
    return (path.replace("{article_id}", article_id).replace("{key:path}", entity_key)
            .replace("{key}", entity_key).replace("{fmt}", "csv"))


def api_get_operations(app) -> list[tuple[str, list[dict]]]:
    spec = app.openapi()
    return [(path, ops["get"].get("parameters", [])) for path, ops in spec["paths"].items() if "get" in ops]


def write_operations(app) -> list[tuple[str, str]]:
    spec = app.openapi()
    return [(method.upper(), path) for path, ops in spec["paths"].items()
            for method in ops if method in ("post", "put", "patch", "delete")]


def no_markup_from(html: str) -> None:
    """Hostile text appears only as text: no element of its own, no event-handler attribute
    (an escaped "onmouseover=" inside text or a quoted attribute value is harmless)."""
    assert "<svg onload" not in html and "<script>alert" not in html
    from html.parser import HTMLParser

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            assert tag not in ("svg", "iframe", "object", "embed"), tag
            for name, value in attrs:
                assert not name.lower().startswith("on"), (tag, name, value)

    Tags().feed(html)


# --- stored XSS where the existing tests do not look ---------------------------------------

def test_json_api_serves_hostile_text_as_json_never_html(tc):
    rec = xss_record()
    resp = tc.get(f"/api/articles/{rec['id']}")
    assert resp.headers["content-type"].startswith("application/json")
    assert resp.headers["x-content-type-options"] == "nosniff"
    assert resp.json()["title"] == rec["title"]                    # stored verbatim, escaped by JSON
    for url in ("/api/search?q=الوزير", "/api/entities?prefix=" + "<b", "/api/events", "/api/quotes"):
        resp = tc.get(url)
        assert resp.headers["content-type"].startswith("application/json"), url


def test_exports_carry_hostile_text_as_data(tc):
    resp = tc.get("/api/events/export.json")
    assert resp.headers["content-type"].startswith("application/json")
    assert "attachment" in resp.headers["content-disposition"]
    assert ATTR_BREAKER in resp.text or ATTR_BREAKER.replace('"', '\\"') in resp.text
    resp = tc.get("/api/events/export.csv")
    assert resp.headers["content-type"].startswith("text/csv")
    assert "attachment" in resp.headers["content-disposition"]     # downloaded, never rendered


@pytest.mark.parametrize("n", range(len(DISGUISED_URLS)))
def test_disguised_script_urls_are_never_links(tc, n):
    rec = url_records()[n]
    html = tc.get(f"/articles/{rec['id']}", headers={"Accept": "text/html"}).text
    search = tc.get("/", params={"q": f"رقم {n}"}, headers={"Accept": "text/html"}).text
    for page in (html, search):
        for href in re.findall(r'\b(?:href|src|action)="([^"]*)"', page):
            cleaned = re.sub(r"[\x00-\x20]", "", href).lower()
            assert not cleaned.startswith(("javascript:", "data:", "vbscript:")), href
        assert 'href="//evil.example' not in page


def test_served_scripts_have_no_html_sinks_and_no_cookies():
    static = Path(__file__).resolve().parents[2] / "rasad" / "serve" / "static"
    for script in static.glob("*.js"):
        code = script.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                     "new Function", "document.cookie"):
            assert sink not in code, f"{script.name} uses {sink}"


# --- reflected XSS --------------------------------------------------------------------------

REFLECTED = ['"><script>alert(1)</script>', "' onmouseover=alert(1) x='", "</title><svg onload=alert(1)>"]


@pytest.mark.parametrize("payload", REFLECTED)
def test_query_parameters_are_not_reflected_as_markup(tc, payload):
    params_of = {"/": ["q", "entity", "place", "outlet", "event_type", "date_from", "date_to", "offset"],
                 "/entities": ["prefix", "type", "offset"],
                 "/events": ["type", "entity", "place", "date_from", "date_to", "offset"],
                 "/docs": ["q"]}
    assert set(params_of) <= set(html_routes(tc.app)) | {"/docs"}
    for path, names in params_of.items():
        for name in names:
            resp = tc.get(path, params={name: payload}, headers={"Accept": "text/html"})
            assert resp.status_code in (200, 422), (path, name, resp.status_code)
            assert payload not in resp.text, (path, name)
            no_markup_from(resp.text)


@pytest.mark.parametrize("path", ["/articles/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                                  "/entities/%3Csvg%20onload%3Dalert(1)%3E",
                                  "/nowhere/%22%3E%3Cscript%3Ealert(1)%3C/script%3E"])
def test_paths_are_not_reflected_as_markup_in_error_pages(tc, path):
    resp = tc.get(path, headers={"Accept": "text/html"})
    assert resp.status_code == 404
    assert "<script>alert" not in resp.text and "<svg onload" not in resp.text


# --- CSV injection ----------------------------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def test_csv_export_includes_the_formula_cells(tc):
    """The hostile place and participant names reach the export (so the next test means something)."""
    text = tc.get("/api/events/export.csv").text
    assert FORMULA_PLACE in text.replace('""', '"')


def test_csv_export_neutralises_formula_cells(tc):
    rows = list(csv.reader(io.StringIO(tc.get("/api/events/export.csv").text.lstrip("\ufeff"))))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(FORMULA_START) or cell.startswith("'"), cell


# --- SQL injection in every parameter of every route -------------------------------------

SQL_PAYLOADS = ["' OR 1=1 --", "1; DROP TABLE articles; --", "\" OR \"\"=\"", "') OR ('1'='1",
                "%' UNION SELECT token_hash, name FROM api_tokens --", "1 AND sleep(5)", "\\' OR 1=1 #",
                "*", "NEAR(", "عادل' OR 'ا'='ا", "1e999", "-1", "0x7fffffff", "\u0000"]


def _db_state(app) -> tuple:
    with sqlite3.connect(app.state.db_path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                            "AND name NOT LIKE 'sqlite_%'")]
        tokens = conn.execute("SELECT token_hash FROM api_tokens").fetchall()
        return tuple(sorted(names)), conn.execute("SELECT count(*) FROM articles").fetchone()[0], tokens


def test_sql_injection_in_every_query_parameter_of_every_api_route(tc, good_token):
    app = tc.app
    before = _db_state(app)
    token_hashes = {h for (h,) in before[2]}
    article_id = xss_record()["id"]
    operations = api_get_operations(app)
    assert len(operations) >= 10
    tried = 0
    for path, parameters in operations:
        url = sample_path(path, article_id)
        for parameter in (p for p in parameters if p["in"] == "query"):
            for payload in SQL_PAYLOADS:
                resp = tc.get(url, params={parameter["name"]: payload})
                tried += 1
                assert resp.status_code in (200, 404, 422), (path, parameter["name"], payload, resp.status_code)
                assert not any(h in resp.text for h in token_hashes), (path, parameter["name"])
                if resp.status_code == 200 and resp.headers["content-type"].startswith("application/json"):
                    body = resp.json()
                    if isinstance(body, dict) and "total" in body and parameter["name"] in ("entity", "place", "outlet"):
                        # a name filter may match a name ("-1" folds to "1"), never everything
                        assert body["total"] < before[1], (path, parameter["name"], payload)
    assert tried > 200
    assert _db_state(app) == before                           # nothing dropped, nothing added


@pytest.mark.parametrize("payload", ["' OR '1'='1", "1 OR 1=1", "1; DROP TABLE articles", "1' --",
                                     "%27%20OR%201%3D1", "../../../etc/passwd", "0 UNION SELECT 1"])
def test_sql_injection_in_path_parameters(tc, payload):
    before = _db_state(tc.app)
    from rasad.normalize import fold_key
    for path in ("/api/entities/{key}", "/entities/{key}", "/api/articles/{key}", "/articles/{key}",
                 "/api/articles/{key}/corrections"):
        resp = tc.get(path.replace("{key}", payload), headers={"Accept": "text/html"})
        assert resp.status_code in (200, 404, 422), (path, payload, resp.status_code)
        if resp.status_code == 200:
            # an entity looked up by name: only one that really has the payload's words
            assert path.endswith("entities/{key}"), path
            if path.startswith("/api"):
                keys = " ".join(a["key"] for a in resp.json()["aliases"]).split()
                assert set(fold_key(payload).split()) <= set(keys), (payload, keys)
    assert _db_state(tc.app) == before


@pytest.mark.parametrize("payload", SQL_PAYLOADS[:8])
def test_sql_injection_in_every_html_page_parameter(tc, payload):
    before = _db_state(tc.app)
    for path, names in {"/": ["q", "entity", "place", "outlet"], "/entities": ["prefix"],
                        "/events": ["entity", "place"]}.items():
        for name in names:
            resp = tc.get(path, params={name: payload}, headers={"Accept": "text/html"})
            assert resp.status_code in (200, 422), (path, name, payload)
    assert _db_state(tc.app) == before


# --- path traversal ----------------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/static/%252e%252e/app.py", "/static/..%5capp.py", "/static/..\\app.py", "/static/app.css%00.js",
    "/static/%c0%ae%c0%ae/app.py", "/static/\uff0e\uff0e/app.py", "/static/vendor/%2e%2e%2f%2e%2e%2fapp.py",
    "/static/.%2e/.%2e/.%2e/pyproject.toml", "/favicon.ico/../app.py", "/static/vendor/plotly.min.js/../../app.py",
])
def test_more_static_traversals_are_refused(tc, path):
    resp = tc.get(path)
    assert resp.status_code in (400, 404)
    assert "create_app" not in resp.text and "[project]" not in resp.text


# --- authentication of every write route --------------------------------------------------------

def _write(tc, method: str, path: str, **kwargs):
    article_id = xss_record()["id"]
    body = {"target_kind": "event", "target_key": "EVENT:DISAPPROVE:0:1", "action": "confirm"} \
        if "corrections" in path else {"text": "قال الوزير إن الحكومة ستفاوض."}
    return tc.request(method, sample_path(path, article_id), json=body, **kwargs)


def _expired_token(app) -> str:
    store = app.state.store
    token = store.create_token("expired-analyst", ttl_days=1)
    with sqlite3.connect(app.state.db_path) as conn:     # a day later, in effect
        past = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=1)).isoformat(timespec="seconds")
        conn.execute("UPDATE api_tokens SET expires_at = ? WHERE name = 'expired-analyst'", (past,))
    return token


def test_every_write_route_refuses_bad_tokens(tc, good_token):
    operations = write_operations(tc.app)
    assert {p for _, p in operations} >= {"/api/extract", "/api/articles/{article_id}/corrections"}
    revoked = tc.app.state.store.create_token("revoked-analyst")
    tc.app.state.store.revoke_token("revoked-analyst")
    expired = _expired_token(tc.app)
    bad_headers = [
        {}, {"Authorization": ""}, {"Authorization": "Bearer"}, {"Authorization": "Bearer    "},
        {"Authorization": "Bearer rsd_unknown"}, {"Authorization": "Token " + good_token},
        {"Authorization": good_token}, {"Authorization": "Bearer " + good_token[:-1]},
        {"Authorization": "Bearer " + good_token + "x"}, {"Authorization": "Bearer " + "a" * 5000},
        {"Authorization": "Bearer " + good_token.upper()}, {"Authorization": f"Bearer {revoked}"},
        {"Authorization": f"Bearer {expired}"}, {"X-Api-Key": good_token}, {"X-Auth-Token": good_token},
    ]
    for method, path in operations:
        for headers in bad_headers:
            resp = _write(tc, method, path, headers=headers)
            assert resp.status_code == 401, (method, path, headers, resp.status_code)
            assert resp.headers["www-authenticate"] == "Bearer"
            assert good_token not in resp.text
        ok = _write(tc, method, path, headers={"Authorization": f"Bearer {good_token}"})
        assert ok.status_code in (200, 201), (method, path, ok.text)      # the control: a good token works


def test_expired_token_fails_where_a_fresh_one_works(tc):
    fresh = tc.app.state.store.create_token("fresh-analyst", ttl_days=1)
    expired = _expired_token(tc.app)
    assert _write(tc, "POST", "/api/extract", headers={"Authorization": f"Bearer {fresh}"}).status_code == 200
    assert _write(tc, "POST", "/api/extract", headers={"Authorization": f"Bearer {expired}"}).status_code == 401


def test_tokens_in_query_strings_or_cookies_are_not_credentials(tc, good_token):
    """CSRF: a browser sends cookies (and a form's fields) by itself; a bearer header it never
    adds on its own. No write route may take the token from anywhere but the header."""
    for method, path in write_operations(tc.app):
        url = sample_path(path, xss_record()["id"])
        for params in ({"token": good_token}, {"access_token": good_token}, {"authorization": f"Bearer {good_token}"}):
            assert tc.request(method, url, params=params, json={"text": "نص"}).status_code == 401
        for cookie in ({"token": good_token}, {"Authorization": f"Bearer {good_token}"},
                       {"access_token": good_token}, {"session": good_token}):
            tc.cookies.clear()
            resp = tc.request(method, url, json={"text": "نص"}, headers={"Cookie": "; ".join(
                f"{k}={v}" for k, v in cookie.items())})
            assert resp.status_code == 401, (path, cookie)
        # a cross-site HTML form can post urlencoded or text/plain without a preflight
        form = tc.request(method, url, content=f"token={good_token}&text=x",
                          headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert form.status_code == 401


def test_no_cross_origin_grants_and_no_cookies(tc):
    evil = {"Origin": "https://evil.example"}
    for url in ("/", "/api/stats", "/api/search?q=x", "/api/articles/" + xss_record()["id"]):
        resp = tc.get(url, headers=evil)
        assert "access-control-allow-origin" not in resp.headers
        assert "set-cookie" not in resp.headers
    for _, path in write_operations(tc.app):
        pre = tc.options(sample_path(path, xss_record()["id"]),
                         headers={**evil, "Access-Control-Request-Method": "POST",
                                  "Access-Control-Request-Headers": "authorization, content-type"})
        assert "access-control-allow-origin" not in pre.headers
        assert "access-control-allow-headers" not in pre.headers


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
def test_other_methods_on_write_routes_are_refused_cleanly(tc, good_token, method):
    before = _db_state(tc.app)
    for _, path in write_operations(tc.app):
        resp = tc.request(method, sample_path(path, xss_record()["id"]),
                          headers={"Authorization": f"Bearer {good_token}"})
        assert resp.status_code == 405
    assert _db_state(tc.app) == before


# --- security headers on every route and every error status ---------------------------------

def _check_headers(resp, what) -> None:
    csp = resp.headers.get("content-security-policy", "")
    script_src = re.search(r"script-src([^;]*)", csp)
    assert script_src, (what, csp)
    assert "'unsafe-inline'" not in script_src.group(1) and "'unsafe-eval'" not in script_src.group(1)
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp and "base-uri" in csp
    assert resp.headers.get("x-content-type-options") == "nosniff", what
    assert resp.headers.get("referrer-policy") in ("same-origin", "no-referrer", "strict-origin-when-cross-origin")
    assert resp.headers.get("x-frame-options") == "DENY", what


def test_security_headers_on_every_route(tc):
    article_id = xss_record()["id"]
    entity = tc.get(f"/api/articles/{article_id}").json()["entities"][0]["canonical_id"]
    urls = [sample_path(path, article_id, str(entity)) for path, _ in api_get_operations(tc.app)]
    urls += [sample_path(path, article_id, str(entity)) for path in html_routes(tc.app)]
    urls += ["/openapi.json", "/favicon.ico", "/static/app.js", "/static/vendor/plotly.min.js"]
    for url in urls:
        resp = tc.get(url, headers={"Accept": "text/html"} if not url.startswith("/api") else {})
        assert resp.status_code == 200, (url, resp.status_code)
        _check_headers(resp, url)
        head = tc.head(url)
        if head.status_code != 405:
            _check_headers(head, "HEAD " + url)


def test_security_headers_on_every_error_status(tc, threat_app, monkeypatch, good_token):
    auth = {"Authorization": f"Bearer {good_token}"}
    cases = {
        401: lambda: tc.post("/api/extract", json={"text": "x"}),
        404: lambda: tc.get("/api/articles/" + "f" * 64),
        405: lambda: tc.delete("/api/stats"),
        413: lambda: tc.post("/api/extract", content=b"x" * (threat_app.state.max_post_bytes + 1),
                             headers={**auth, "Content-Type": "text/plain"}),
        415: lambda: tc.post("/api/extract", content=b"<x/>", headers={**auth, "Content-Type": "application/xml"}),
        422: lambda: tc.get("/api/search", params={"limit": "many"}),
    }
    for status, call in cases.items():
        resp = call()
        assert resp.status_code == status, (status, resp.status_code, resp.text[:200])
        _check_headers(resp, status)
        assert "Traceback" not in resp.text
    monkeypatch.setattr(threat_app.state.queries, "facets", lambda *a, **k: 1 / 0)
    threat_app.state.queries.forget()              # no cached answer from before the fault
    resp = tc.get("/api/facets")
    assert resp.status_code == 500 and "ZeroDivision" not in resp.text
    _check_headers(resp, 500)
    html = tc.get("/", headers={"Accept": "text/html"})      # the search page needs facets too
    assert html.status_code == 500 and "ZeroDivision" not in html.text
    _check_headers(html, "500 page")


# --- invalid text posted for extraction ---------------------------------------------------------

@pytest.mark.parametrize("body, ctype", [
    (b'{"text": "\\ud800 \xd9\x82\xd8\xa7\xd9\x84"}', "application/json"),
    (b'{"text": "\xd9\x82\xd8\xa7\xd9\x84", "title": "\\udcff"}', "application/json"),
    (b"\xd9\x82\xd8\xa7\xd9\x84 \xed\xa0\x80", "text/plain"),
    (b"\xff\xfe\x00\x00", "text/plain; charset=utf-8"),
    (b'{"text": ' + b"[" * 5000 + b"]" * 5000 + b"}", "application/json"),
    (b'{"text": "\xd9\x82", "title": ' + b"9" * 5000 + b"}", "application/json"),
])
def test_invalid_text_posted_for_extraction_is_a_422(tc, good_token, body, ctype):
    resp = tc.post("/api/extract", content=body,
                   headers={"Authorization": f"Bearer {good_token}", "Content-Type": ctype})
    assert resp.status_code == 422, (resp.status_code, resp.text[:200])
    assert "Traceback" not in resp.text


def test_sql_injection_in_write_bodies_is_stored_as_text(tc, good_token):
    """The body fields of the write routes (target_key, payload, posted text) are data."""
    before = _db_state(tc.app)
    auth = {"Authorization": f"Bearer {good_token}"}
    article_id = xss_record()["id"]
    for payload in SQL_PAYLOADS[:6]:
        resp = tc.post(f"/api/articles/{article_id}/corrections", headers=auth,
                       json={"target_kind": "event", "target_key": payload, "action": "edit",
                             "payload": {"type": payload, "location": payload}})
        assert resp.status_code in (201, 422), (payload, resp.status_code, resp.text[:200])
        if resp.status_code == 201:
            assert resp.json()["correction"]["target_key"] == payload
        resp = tc.post("/api/extract", headers=auth, json={"text": f"قال الوزير {payload}", "title": payload})
        assert resp.status_code == 200 and resp.json()["title"] == payload
    names, articles, tokens = _db_state(tc.app)
    assert (names, articles) == before[:2] and set(before[2]) <= set(tokens)
