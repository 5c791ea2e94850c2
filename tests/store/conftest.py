"""Helpers for the store tests: valid records built by hand from short Arabic texts."""
from __future__ import annotations

import hashlib

import pytest

from rasad.store import Store


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


@pytest.fixture
def store(db_path):
    s = Store.open(db_path)
    yield s
    s.close()
