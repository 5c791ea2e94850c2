"""The response cache (rasad.serve.cache): a repeated anonymous GET is answered from memory,
and never after a write — through this process or another worker (a newer correction)."""
from __future__ import annotations

import shutil

import pytest
from fastapi.testclient import TestClient

from rasad.serve.app import create_app
from rasad.store import Store
from rasad.store.kb import event_key

from .conftest import article_with


@pytest.fixture()
def own(tmp_path, db_path):
    """(app, client, database path) over a copy of the test database, Queries.counts
    (what /api/stats computes) counted in app.state.calls."""
    path = tmp_path / "copy.db"
    shutil.copy(db_path, path)
    app = create_app(str(path))
    app.state.calls = []
    real = app.state.queries.counts
    app.state.queries.counts = lambda: app.state.calls.append(1) or real()
    with TestClient(app, raise_server_exceptions=False) as client:
        yield app, client, path
    app.state.store.close()


def test_a_repeated_get_is_computed_once(own):
    app, client, _ = own
    first, second = client.get("/api/stats"), client.get("/api/stats")
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json() and len(app.state.calls) == 1
    assert "content-security-policy" in second.headers
    assert second.headers["content-type"].startswith("application/json")
    client.get("/api/stats?x=1")                       # another URL: computed
    assert len(app.state.calls) == 2


def test_requests_with_a_token_and_errors_are_not_cached(own):
    app, client, _ = own
    for _ in range(2):
        client.get("/api/stats", headers={"Authorization": "Bearer whatever"})
    assert len(app.state.calls) == 2
    for _ in range(2):
        assert client.get("/api/articles/" + "f" * 64).status_code == 404


def test_a_write_here_or_by_another_worker_drops_cached_answers(own, records, monkeypatch):
    app, client, path = own
    client.get("/api/stats")
    app.state.queries.forget()                          # what a correction through the app does
    client.get("/api/stats")
    assert len(app.state.calls) == 2
    monkeypatch.setattr(type(app.state.queries), "MARK_SECONDS", 0.0)
    client.get("/api/stats")
    assert len(app.state.calls) == 2                    # nothing written: still cached
    record = article_with(records, "events")
    other = Store.open(str(path))                       # another worker stores a correction
    try:
        other.add_correction(record["id"], "event", event_key(record["events"][0]), "confirm",
                             author="t")
    finally:
        other.close()
    client.get("/api/stats")
    assert len(app.state.calls) == 3
