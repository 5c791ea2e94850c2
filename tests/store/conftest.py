"""Helpers for the store tests: valid records built by hand from short Arabic texts, and the
`store` fixture, run against SQLite always and against PostgreSQL when RASAD_TEST_PG holds a
server URL (e.g. the one printed by .ci/services.sh; the database is emptied per test)."""
from __future__ import annotations

import hashlib
import os

import pytest

from rasad.store import Store

PG_URL = os.environ.get("RASAD_TEST_PG", "").strip()
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    not PG_URL, reason="RASAD_TEST_PG is not set (bash .ci/services.sh prints a URL)"))]


def build_record(text: str, *, title: str | None = None, published: str | None = None,
                 names: dict[str, str] | None = None, events: list[dict] | None = None,
                 quotes: list[dict] | None = None, **extra) -> dict:
    """A record as the extractor makes it. `names` maps entity type-tagged names found in the
    text ({"أحمد علي": "PER"}) to entities with their mention spans; `events` may name their
    participants by entity name, turned into source/target and *_ids here."""
    entities, ids = [], {}
    for i, (name, etype) in enumerate((names or {}).items(), 1):
        spans, pos = [], text.find(name)
        while pos != -1:
            spans.append([pos, pos + len(name)])
            pos = text.find(name, pos + 1)
        ids[name] = f"e{i}"
        entities.append({"id": f"e{i}", "type": etype, "name": name, "aliases": [],
                         "titles": [], "mentions": spans, "demonym_of": None})
    evs = []
    for ev in events or []:
        evs.append({"type": ev.get("type", "CONSULT"), "mode": ev.get("mode"),
                    "source": list(ev.get("source", [])), "target": list(ev.get("target", [])),
                    "source_ids": [ids[n] for n in ev.get("source", []) if n in ids],
                    "target_ids": [ids[n] for n in ev.get("target", []) if n in ids],
                    "date": ev.get("date"), "date_how": ev.get("date_how"),
                    "location": ev.get("location"), "evidence": [0, len(text)],
                    "trigger": ev.get("trigger", [0, 1]), "confidence": ev.get("confidence", 0.5)})
    record = {"id": hashlib.sha256(text.encode("utf-8")).hexdigest(), "origin": "test.txt:1",
              "url": None, "title": title, "source": None, "published": published,
              "published_how": "test" if published else None, "fetched": None,
              "text": text, "body": text, "removed": [], "entities": entities, "events": evs,
              "quotes": quotes or []}
    record.update(extra)
    return record


@pytest.fixture
def make_record():
    return build_record


@pytest.fixture
def db_path(tmp_path):
    return str(tmp_path / "rasad.db")


def reset_postgres(url: str) -> None:
    """An empty public schema: every test starts from a fresh database."""
    import psycopg
    plain = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
        conn.execute("CREATE SCHEMA public")


@pytest.fixture(params=BACKENDS)
def store_url(request, db_path):
    """Where the `store` fixture lives: an SQLite file, or the PostgreSQL test database."""
    if request.param == "postgresql":
        reset_postgres(PG_URL)
        return PG_URL
    return db_path


@pytest.fixture
def store(store_url):
    s = Store.open(store_url)
    yield s
    s.close()
