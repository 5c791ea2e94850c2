"""The REST API over a small database of extracted articles: reading, search and facets,
paging, entities, events, exports, corrections, extraction on demand, error statuses."""
from __future__ import annotations

import csv
import io
import json

import pytest

from .conftest import ARTICLES, article_with, xss_record


def test_stats_and_health(client, records):
    assert client.get("/api/health").json() == {"ok": True}
    stats = client.get("/api/stats").json()
    assert stats["articles"] == len(records) + 1
    assert stats["events"] >= 1


def test_openapi_documents_every_route(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/search", "/api/facets",
                 "/api/entities", "/api/entities/{key}", "/api/events",
                 "/api/events/export.{fmt}", "/api/quotes", "/api/extract",
                 "/api/articles/{article_id}/corrections"):
        assert path in paths, path
    assert "q" in {p["name"] for p in paths["/api/search"]["get"]["parameters"]}
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/search" in docs.text
    assert "cdn" not in docs.text.lower()          # the reference works offline


def test_article_round_trip(client, records):
    rec = article_with(records, "events")
    got = client.get(f"/api/articles/{rec['id']}").json()
    assert got["text"] == rec["text"]
    assert [e["type"] for e in got["events"]] == [e["type"] for e in rec["events"]]
    assert [e["evidence"] for e in got["events"]] == [e["evidence"] for e in rec["events"]]
    assert got["corrections"] == [] or isinstance(got["corrections"], list)
    # entities come linked to the knowledge base
    assert all("canonical_id" in e for e in got["entities"])


def test_articles_list_pages_newest_first(client, records):
    first = client.get("/api/articles", params={"limit": 2}).json()
    assert first["total"] == len(records) + 1 and len(first["items"]) == 2
    second = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    assert not {h["id"] for h in first["items"]} & {h["id"] for h in second["items"]}
    dates = [h["published"] for h in first["items"] + second["items"] if h["published"]]
    assert dates == sorted(dates, reverse=True)


def test_search_is_arabic_aware_and_counts(client):
    # "الجبير" appears in two of the test articles; a spelling without the article finds them
    res = client.get("/api/search", params={"q": "جبير"}).json()
    titles = {h["title"] for h in res["items"]}
    assert ARTICLES[0]["title"] in titles and ARTICLES[2]["title"] in titles
    assert res["total"] == len(res["items"])
    assert all(h["snippet"] for h in res["items"])


def test_search_filters(client):
    got = client.get("/api/search", params={"outlet": "وكالة الأنباء"}).json()
    assert {h["title"] for h in got["items"]} == {ARTICLES[0]["title"], ARTICLES[2]["title"]}
    got = client.get("/api/search", params={"date_from": "2018-05", "date_to": "2018-05"}).json()
    assert [h["title"] for h in got["items"]] == [ARTICLES[1]["title"]]
    got = client.get("/api/search", params={"q": "الخارجية", "date_to": "2018-04"}).json()
    assert [h["title"] for h in got["items"]] == [ARTICLES[0]["title"]]
    got = client.get("/api/search", params={"event_type": "consult"}).json()
    assert got["total"] >= 3
    assert client.get("/api/search", params={"entity": "الجبير"}).json()["total"] >= 2


def test_facets_agree_with_search(client):
    res = client.get("/api/search", params={"outlet": "وكالة الأنباء", "with_facets": True}).json()
    facets = res["facets"]
    assert {f["value"]: f["count"] for f in facets["outlet"]} == {"وكالة الأنباء": 2}
    assert {f["value"] for f in facets["month"]} == {"2018-03", "2018-06"}
    for kind in ("event_type", "entity", "place"):
        assert all(f["count"] <= res["total"] for f in facets[kind])
    # a facet value, used as a filter, gives as many hits as it counted
    ent = facets["entity"][0]
    got = client.get("/api/search", params={"outlet": "وكالة الأنباء", "entity": ent["id"]})
    assert got.json()["total"] == ent["count"]
    all_facets = client.get("/api/facets").json()
    assert sum(f["count"] for f in all_facets["month"]) >= 5


def test_entities_and_entity_page_data(client):
    items = client.get("/api/entities", params={"type": "PER"}).json()["items"]
    assert items and all(e["type"] == "PER" for e in items)
    jubeir = client.get("/api/entities/عادل الجبير").json()
    assert jubeir["type"] == "PER"
    assert any("الجبير" in a["alias"] for a in jubeir["aliases"])
    assert jubeir["timeline"], "the Jubeir meetings make a timeline"
    by_id = client.get(f"/api/entities/{jubeir['id']}").json()
    assert by_id["id"] == jubeir["id"]
    assert "network" in by_id
    prefix = client.get("/api/entities", params={"prefix": "عاد"}).json()["items"]
    assert jubeir["id"] in {e["id"] for e in prefix}


def test_events_and_paging(client):
    res = client.get("/api/events", params={"type": "CONSULT", "limit": 1}).json()
    assert len(res["items"]) == 1 and res["more"] is True
    ev = res["items"][0]
    assert ev["type"] == "CONSULT" and ev["sources"]
    src = ev["sources"][0]
    assert src["evidence_text"] and src["target_key"].startswith("EVENT:CONSULT:")
    after = client.get("/api/events", params={"type": "CONSULT", "limit": 1, "offset": 1}).json()
    assert after["items"][0]["id"] != ev["id"]
    none = client.get("/api/events", params={"date_from": "1990", "date_to": "1990"}).json()
    assert none["items"] == [] and none["more"] is False


def test_export_csv_and_json(client):
    resp = client.get("/api/events/export.csv", params={"type": "CONSULT"})
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/csv")
    assert "attachment" in resp.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(resp.text.lstrip("\ufeff"))))
    assert rows and all(r["type"] == "CONSULT" for r in rows)
    assert all(json.loads(r["article_ids"]) for r in rows)
    data = client.get("/api/events/export.json", params={"type": "CONSULT"}).json()
    assert len(data) == len(rows) and all(d["sources"] for d in data)
    assert client.get("/api/events/export.xml").status_code == 422


def test_quotes(client):
    res = client.get("/api/quotes").json()
    assert res["items"] and all(q["text"] for q in res["items"])
    assert all(q["target_key"].startswith("QUOTE:") for q in res["items"])


# -- error statuses: JSON, never a traceback

@pytest.mark.parametrize("url,status", [
    ("/api/articles/" + "0" * 64, 404),
    ("/api/articles/not-a-hash", 404),
    ("/api/articles/..%2F..%2Fetc%2Fpasswd", 404),
    ("/api/entities/999999", 404),
    ("/api/entities/لا يوجد أحد بهذا الاسم", 404),
    ("/api/search?limit=0", 422),
    ("/api/search?limit=abc", 422),
    ("/api/search?offset=-1", 422),
    ("/api/search?date_from=2018-13-01", 422),
    ("/api/search?date_to=yesterday", 422),
    ("/api/search?event_type=CONSULT;DROP", 422),
    ("/api/search?entity=%20%21%21", 422),
    ("/api/entities?type=XYZ", 422),
    ("/api/events?date_from=20188", 422),
    ("/api/nothing-here", 404),
])
def test_error_statuses_are_json(client, url, status):
    resp = client.get(url)
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert body["status"] == status and isinstance(body["error"], str)
    assert "Traceback" not in resp.text


def test_unexpected_error_is_a_bare_500(app, monkeypatch, client):
    def boom(*_a, **_k):
        raise RuntimeError("secret internals /etc/shadow")
    monkeypatch.setattr(app.state.queries, "counts", boom)
    resp = client.get("/api/stats")
    assert resp.status_code == 500
    assert resp.json() == {"error": "internal server error", "status": 500}
    assert "secret" not in resp.text
    assert "content-security-policy" in resp.headers


# -- writing: tokens

def test_writes_need_a_valid_token(client, records, token):
    rec = article_with(records, "events")
    body = {"target_kind": "event", "target_key": "EVENT:X:1:2", "action": "confirm"}
    url = f"/api/articles/{rec['id']}/corrections"
    assert client.post(url, json=body).status_code == 401
    assert client.post(url, json=body, headers={"Authorization": "Bearer nope"}).status_code == 401
    assert client.post(url, json=body, headers={"Authorization": "Basic " + token}).status_code == 401
    assert client.post("/api/extract", json={"text": "نص"}).status_code == 401
    resp = client.post(url, json=body)
    assert resp.headers["www-authenticate"] == "Bearer"


def test_revoked_token_is_refused(app, client, records):
    store = app.state.store
    tok = store.create_token("short-lived")
    store.revoke_token("short-lived")
    rec = article_with(records, "events")
    resp = client.post(f"/api/articles/{rec['id']}/corrections",
                       json={"target_kind": "event", "target_key": "EVENT:X:1:2",
                             "action": "confirm"},
                       headers={"Authorization": f"Bearer {tok}"})
    assert resp.status_code == 401


def test_correction_is_stored_with_author_and_shown(client, records, token):
    rec = article_with(records, "quotes")
    ev_or_q = rec["quotes"][0]
    key = f"QUOTE:{ev_or_q['span'][0]}:{ev_or_q['span'][1]}"
    auth = {"Authorization": f"Bearer {token}"}
    resp = client.post(f"/api/articles/{rec['id']}/corrections", headers=auth,
                       json={"target_kind": "quote", "target_key": key, "action": "edit",
                             "payload": {"speaker": "متحدث مصحح"}})
    assert resp.status_code == 201, resp.text
    assert resp.json()["author"] == "analyst-test"
    got = client.get(f"/api/articles/{rec['id']}").json()
    assert got["quotes"][0]["speaker"] == "متحدث مصحح"
    assert got["quotes"][0]["corrected_by"] == "analyst-test"
    assert any(c["target_key"] == key and c["author"] == "analyst-test"
               for c in got["corrections"])
    raw = client.get(f"/api/articles/{rec['id']}", params={"corrected": False}).json()
    assert raw["quotes"][0]["speaker"] == rec["quotes"][0]["speaker"]
    listed = client.get(f"/api/articles/{rec['id']}/corrections").json()
    assert listed[-1]["payload"] == {"speaker": "متحدث مصحح"}


def test_bad_corrections_are_422(client, records, token):
    rec = article_with(records, "events")
    url = f"/api/articles/{rec['id']}/corrections"
    auth = {"Authorization": f"Bearer {token}"}
    for body in ({"target_kind": "event", "target_key": "QUOTE:1:2", "action": "confirm"},
                 {"target_kind": "event", "target_key": "EVENT:X:1:2", "action": "merge"},
                 {"target_kind": "gossip", "target_key": "EVENT:X:1:2", "action": "confirm"},
                 {"target_kind": "entity", "target_key": "ENTITY:1", "action": "merge",
                  "payload": {"into": "not a number"}}):
        resp = client.post(url, json=body, headers=auth)
        assert resp.status_code == 422, (body, resp.text)
        assert "error" in resp.json()
    resp = client.post(url, content=b"{not json", headers={**auth, "Content-Type": "application/json"})
    assert resp.status_code == 422
    unknown = client.post("/api/articles/" + "f" * 64 + "/corrections", headers=auth,
                          json={"target_kind": "event", "target_key": "EVENT:X:1:2",
                                "action": "confirm"})
    assert unknown.status_code == 404


# -- extraction on demand

def test_extract_on_demand(client, token):
    auth = {"Authorization": f"Bearer {token}"}
    resp = client.post("/api/extract", headers=auth, json={"text": ARTICLES[1]["text"],
                                                         "title": ARTICLES[1]["title"]})
    assert resp.status_code == 200, resp.text
    rec = resp.json()
    assert rec["title"] == ARTICLES[1]["title"] and rec["text"] == ARTICLES[1]["text"]
    assert any(e["type"] == "CONSULT" for e in rec["events"])
    plain = client.post("/api/extract", headers={**auth, "Content-Type": "text/plain; charset=utf-8"},
                        content=ARTICLES[1]["text"].encode("utf-8"))
    assert plain.status_code == 200 and plain.json()["id"] == rec["id"]


def test_extract_limits(client, app, token):
    auth = {"Authorization": f"Bearer {token}"}
    big = "ا" * (app.state.max_post_bytes // 2 + 10)     # two bytes a letter in UTF-8
    resp = client.post("/api/extract", headers=auth, json={"text": big})
    assert resp.status_code == 413 and "error" in resp.json()
    for body, ctype in ((b"", "text/plain"), (b"   ", "text/plain"),
                        (b"\xff\xfe\x00", "text/plain"), (b'{"txt": 1}', "application/json")):
        resp = client.post("/api/extract", headers={**auth, "Content-Type": ctype}, content=body)
        assert resp.status_code == 422, (body, resp.text)
    resp = client.post("/api/extract", headers={**auth, "Content-Type": "image/png"}, content=b"x")
    assert resp.status_code == 415


def test_extract_streamed_body_without_length_is_bounded(client, app, token):
    def chunks():
        for _ in range(30):
            yield b"a" * 50_000
    resp = client.post("/api/extract", content=chunks(),
                       headers={"Authorization": f"Bearer {token}", "Content-Type": "text/plain"})
    assert resp.status_code == 413


def test_xss_record_round_trips_as_data(client):
    rec = xss_record()
    got = client.get(f"/api/articles/{rec['id']}").json()
    assert got["title"] == rec["title"]
    assert got["entities"][0]["name"] == rec["entities"][0]["name"]


def test_filters_in_the_index_give_what_the_sql_filters_give(app):
    """With SQLite the event type and whole-month date filters join the full-text match as
    tags; the hits, their order and the totals must be those of the plain SQL filters."""
    from rasad.serve.queries import Filters
    qs = app.state.queries
    backend = qs.store.backend
    if not backend.facet_tags:
        pytest.skip("this backend filters in SQL only")
    seen = 0
    for text in ("الخارجية", "الجبير", "سوريا", "تدعم"):
        for kw in ({}, {"event_type": "CONSULT"}, {"event_type": "consult"}, {"event_type": "PROTEST"},
                   {"date_from": "2018-03", "date_to": "2018-06"},
                   {"date_from": "2018-03-05", "date_to": "2018-06"},
                   {"event_type": "CONSULT", "date_from": "2018", "date_to": "2018"}):
            f = Filters(q=text, **kw)
            try:
                qs.forget()
                with_tags = qs.search(f, 10, 0)
                backend.facet_tags = False
                qs.forget()
                plain = qs.search(f, 10, 0)
            finally:
                backend.facet_tags = True
            assert [h["id"] for h in with_tags[0]] == [h["id"] for h in plain[0]], (text, kw)
            assert with_tags[1] == plain[1], (text, kw)
            seen += with_tags[1]
    assert seen > 0
