"""The pages, server-side: right-to-left Arabic with English labels, the article text with
its facts marked, the side panel, corrections shown with who and when, facets and counts."""
from __future__ import annotations

import re
from html import unescape

from .conftest import ARTICLES, article_with


def shows_correction(html: str, action: str, author: str) -> bool:
    """Whether the page says "<action> by <author> at <date-time>"."""
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html)))
    return re.search(rf"{action} by {re.escape(author)} at \d{{4}}-\d\d-\d\d \d\d:\d\d", text) is not None


def test_pages_are_arabic_rtl_with_english_labels(client):
    for url in ("/", "/events", "/entities"):
        html = client.get(url).text
        assert '<html lang="ar" dir="rtl">' in html
        assert 'lang="en"' in html and "Search" in html


def test_search_page_has_facets_and_counts(client, records):
    html = client.get("/", params={"q": "الجبير"}).text
    total = re.search(r'id="total"><strong>([\d,]+)</strong>', html).group(1)
    assert int(total) == 2
    for kind in ("event_type", "entity", "place", "outlet", "month"):
        assert f'data-facet="{kind}"' in html, kind
    assert ARTICLES[0]["title"] in html
    # a facet link narrows the search and shows as a removable chip
    link = unescape(re.search(r'data-facet="outlet".*?<a href="([^"]+)"', html, re.S).group(1))
    narrowed = client.get(link).text
    assert 'class="chip"' in narrowed


def test_article_page_marks_every_fact_in_place(client, records):
    rec = article_with(records, "events")
    html = client.get(f"/articles/{rec['id']}").text
    text_block = re.search(r'<div class="text" id="text" lang="ar">(.*?)</div>\s*<aside', html,
                           re.S).group(1)
    assert unescape(re.sub(r"<[^>]+>", "", text_block)) == rec["text"]
    for i, ev in enumerate(rec["events"]):
        assert f'data-fact="ev-{i}"' in html
        pieces = re.findall(rf'<span class="m[^"]*" data-f="[^"]*\bev-{i}\b[^"]*">([^<]*)</span>',
                            text_block)
        assert unescape("".join(pieces)) == rec["text"][ev["evidence"][0]:ev["evidence"][1]]
    for i, _ in enumerate(rec["entities"]):
        if rec["entities"][i]["mentions"]:
            assert re.search(rf'data-f="[^"]*\ben-{i}\b', text_block)
    assert "/static/article.js" in html and "/static/app.js" in html


def test_removed_boilerplate_is_marked(client, records):
    rec = article_with(records, "removed")
    html = client.get(f"/articles/{rec['id']}").text
    assert "k-removed" in html and 'data-fact="rm-0"' in html


def test_correction_shows_who_and_when_and_survives_reingest(app, client, records, token):
    rec = article_with(records, "events")
    ev = rec["events"][0]
    key = f"EVENT:{ev['type']}:{ev['trigger'][0]}:{ev['trigger'][1]}"
    resp = client.post(f"/api/articles/{rec['id']}/corrections",
                       headers={"Authorization": f"Bearer {token}"},
                       json={"target_kind": "event", "target_key": key, "action": "reject"})
    assert resp.status_code == 201, resp.text
    html = client.get(f"/articles/{rec['id']}").text
    assert shows_correction(html, "rejected", "analyst-test")
    assert 'class="fact event rejected' in html
    # the same article ingested again keeps its correction
    app.state.store.add(rec)
    html = client.get(f"/articles/{rec['id']}").text
    assert shows_correction(html, "rejected", "analyst-test")


def test_entity_page_has_names_and_charts(client):
    ent = client.get("/api/entities/عادل الجبير").json()
    html = client.get(f"/entities/{ent['id']}").text
    assert 'id="timeline"' in html and 'id="network"' in html
    assert '<script src="/static/vendor/plotly.min.js">' in html
    assert "عادل الجبير" in html
    data = re.search(r'id="chart-data">(.*?)</script>', html, re.S).group(1)
    assert '"timeline"' in data and '"network"' in data


def test_plotly_is_served_locally(client):
    resp = client.get("/static/vendor/plotly.min.js")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/javascript")
    assert b"plotly" in resp.content[:2000].lower()


def test_events_page_has_filters_and_export_links(client):
    html = client.get("/events", params={"type": "CONSULT"}).text
    assert 'id="export-csv" href="/api/events/export.csv?type=CONSULT"' in html
    assert 'id="export-json" href="/api/events/export.json?type=CONSULT"' in html
    assert "CONSULT" in html and "<select name=\"type\">" in html


def test_html_errors_for_pages(client):
    resp = client.get("/articles/" + "0" * 64, headers={"Accept": "text/html"})
    assert resp.status_code == 404 and '<html lang="ar" dir="rtl">' in resp.text
    resp = client.get("/entities/999999", headers={"Accept": "text/html"})
    assert resp.status_code == 404
    resp = client.get("/", params={"date_from": "2018-99"}, headers={"Accept": "text/html"})
    assert resp.status_code == 422 and "2018-99" in resp.text


def test_empty_form_fields_are_no_filter(client):
    resp = client.get("/", params={"q": "الجبير", "event_type": "", "entity": "", "place": "",
                                   "outlet": "", "date_from": "", "date_to": ""})
    assert resp.status_code == 200
    assert re.search(r'id="total"><strong>2</strong>', resp.text)
    resp = client.get("/events", params={"type": "", "entity": "", "place": "", "date_from": "",
                                         "date_to": ""})
    assert resp.status_code == 200
