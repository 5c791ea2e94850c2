"""Records ⇄ rows: an article record (the JSON contract of rasad.output.to_record) as rows of
the schema's tables, and back. Keys of a record that the schema has no column for go to the
`extra` JSON columns, so a record reads back whole.

The store writes with `record_rows` (rasad.store.db) and reads with `read_records`, as does the
knowledge base's backfill (rasad.store.kb).
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import Connection, select

from rasad.normalize import fold_key
from rasad.store import schema as S

ARTICLE_KEYS = ("id", "origin", "url", "title", "source", "published", "published_how",
                "fetched", "text", "body", "removed", "entities", "events", "quotes")
ENTITY_KEYS = ("id", "type", "name", "aliases", "titles", "mentions", "demonym_of")
EVENT_KEYS = ("type", "mode", "source", "target", "source_ids", "target_ids", "date",
              "date_how", "location", "evidence", "trigger", "confidence")
QUOTE_KEYS = ("speaker", "speaker_id", "text", "direct", "span", "cue")


def extra_fields(item: dict, known: tuple[str, ...]) -> dict | None:
    """The keys of `item` that are not in `known` (kept in an `extra` column), or None."""
    extra = {k: v for k, v in item.items() if k not in known}
    return extra or None


def _pair(span) -> tuple[int | None, int | None]:
    return (span[0], span[1]) if span is not None else (None, None)


def record_rows(record: dict, now: str, rows: dict[sa.Table, list[dict]]) -> None:
    """Append the rows of one (checked) record to `rows`, a list per table."""
    aid = record["id"]
    rows[S.articles].append({
        "id": aid, "origin": record.get("origin"), "url": record.get("url"),
        "title": record.get("title"), "source": record.get("source"),
        "published": record.get("published"), "published_how": record.get("published_how"),
        "fetched": record.get("fetched"), "text": record["text"], "body": record.get("body", ""),
        "removed": record.get("removed") or [], "extra": extra_fields(record, ARTICLE_KEYS),
        "ingested_at": now})
    for i, ent in enumerate(record.get("entities") or []):
        aliases = ent.get("aliases") or []
        keys = [k for k in (fold_key(x) for x in [ent["name"], *aliases]) if k]
        rows[S.entities].append({
            "article_id": aid, "idx": i, "local_id": ent["id"], "type": ent.get("type") or "",
            "name": ent["name"], "aliases": aliases, "titles": ent.get("titles") or [],
            "demonym_of": ent.get("demonym_of"), "name_key": " | ".join(keys),
            "extra": extra_fields(ent, ENTITY_KEYS)})
        for j, (start, end) in enumerate(ent.get("mentions") or []):
            rows[S.mentions].append({"article_id": aid, "entity_id": ent["id"], "idx": j,
                                     "start": start, "end": end})
    for i, ev in enumerate(record.get("events") or []):
        ev_start, ev_end = _pair(ev.get("evidence"))
        tr_start, tr_end = _pair(ev.get("trigger"))
        rows[S.events].append({
            "article_id": aid, "idx": i, "type": ev["type"], "mode": ev.get("mode"),
            "date": ev.get("date"), "date_how": ev.get("date_how"), "location": ev.get("location"),
            "evidence_start": ev_start, "evidence_end": ev_end, "trigger_start": tr_start,
            "trigger_end": tr_end, "confidence": ev.get("confidence"),
            "extra": extra_fields(ev, EVENT_KEYS)})
        for role in ("source", "target"):
            names, ids = ev.get(role) or [], ev.get(role + "_ids") or []
            for pos in range(max(len(names), len(ids))):
                rows[S.event_participants].append({
                    "article_id": aid, "event_idx": i, "role": role, "pos": pos,
                    "name": names[pos] if pos < len(names) else None,
                    "entity_id": ids[pos] if pos < len(ids) else None})
    for i, q in enumerate(record.get("quotes") or []):
        cue_start, cue_end = _pair(q.get("cue"))
        rows[S.quotes].append({
            "article_id": aid, "idx": i, "speaker": q.get("speaker"),
            "speaker_id": q.get("speaker_id"), "text": q["text"], "direct": bool(q["direct"]),
            "start": q["span"][0], "end": q["span"][1], "cue_start": cue_start,
            "cue_end": cue_end, "extra": extra_fields(q, QUOTE_KEYS)})


def read_records(conn: Connection, article_ids: list[str]) -> list[dict]:
    """The stored records of these articles (those that exist), in the order given."""
    if not article_ids:
        return []
    arts = {r["id"]: r for r in conn.execute(select(S.articles).where(
        S.articles.c.id.in_(article_ids))).mappings()}
    if not arts:
        return []
    ids = list(arts)

    def rows(table: sa.Table, *order) -> dict[str, list]:
        out: dict[str, list] = {}
        for r in conn.execute(select(table).where(table.c.article_id.in_(ids))
                              .order_by(table.c.article_id, *order)).mappings():
            out.setdefault(r["article_id"], []).append(r)
        return out

    ents = rows(S.entities, S.entities.c.idx)
    ments = rows(S.mentions, S.mentions.c.entity_id, S.mentions.c.idx)
    evs = rows(S.events, S.events.c.idx)
    parts = rows(S.event_participants, S.event_participants.c.event_idx,
                 S.event_participants.c.role, S.event_participants.c.pos)
    quotes = rows(S.quotes, S.quotes.c.idx)
    return [_rebuild(arts[i], ents.get(i, []), ments.get(i, []), evs.get(i, []),
                     parts.get(i, []), quotes.get(i, [])) for i in article_ids if i in arts]


def _span_back(start, end) -> list[int] | None:
    return None if start is None else [start, end]


def _rebuild(art, ents, ments, evs, parts, quotes) -> dict:
    mentions: dict[str, list[list[int]]] = {}
    for m in ments:
        mentions.setdefault(m["entity_id"], []).append([m["start"], m["end"]])
    roles: dict[tuple[int, str], list] = {}
    for p in parts:
        roles.setdefault((p["event_idx"], p["role"]), []).append(p)

    def names_ids(idx: int, role: str) -> tuple[list[str], list[str]]:
        ps = roles.get((idx, role), [])
        return ([p["name"] for p in ps if p["name"] is not None],
                [p["entity_id"] for p in ps if p["entity_id"] is not None])

    record = {k: art[k] for k in ("id", "origin", "url", "title", "source", "published",
                                  "published_how", "fetched", "text", "body", "removed")}
    record["entities"] = [{
        "id": e["local_id"], "type": e["type"], "name": e["name"], "aliases": e["aliases"],
        "titles": e["titles"], "mentions": mentions.get(e["local_id"], []),
        "demonym_of": e["demonym_of"], **(e["extra"] or {})} for e in ents]
    record["events"] = []
    for ev in evs:
        source, source_ids = names_ids(ev["idx"], "source")
        target, target_ids = names_ids(ev["idx"], "target")
        record["events"].append({
            "type": ev["type"], "mode": ev["mode"], "source": source, "target": target,
            "source_ids": source_ids, "target_ids": target_ids, "date": ev["date"],
            "date_how": ev["date_how"], "location": ev["location"],
            "evidence": _span_back(ev["evidence_start"], ev["evidence_end"]),
            "trigger": _span_back(ev["trigger_start"], ev["trigger_end"]),
            "confidence": ev["confidence"], **(ev["extra"] or {})})
    record["quotes"] = [{
        "speaker": q["speaker"], "speaker_id": q["speaker_id"], "text": q["text"],
        "direct": q["direct"], "span": [q["start"], q["end"]],
        "cue": _span_back(q["cue_start"], q["cue_end"]), **(q["extra"] or {})} for q in quotes]
    record.update(art["extra"] or {})
    return record
