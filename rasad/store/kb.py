"""The knowledge base, write side: what the store does with a new article beyond storing it.

For each new record, inside the store's write transaction:
1. identity: every entity linked to a canonical entity (rasad.resolve.identity.Resolver);
2. near-duplicates: MinHash signature, LSH buckets, links to earlier near-identical articles
   (rasad.resolve.dedup);
3. event clusters: each event joins the cluster of the same real-world event reported
   elsewhere — same PLOVER type, overlapping canonical participants, date within a day —
   or starts one.
Also: corrections (applied to identity at once for merge/split) and API tokens.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
from typing import Any, Iterable

import sqlalchemy as sa
from sqlalchemy import Connection, select

from rasad.errors import InputError
from rasad.resolve import dedup
from rasad.resolve.identity import NameRef, Resolver, merge_canonical, place_of
from rasad.resolve.latin import latin_name
from rasad.store import schema as S
from rasad.store.rows import read_records

CLUSTER_DAYS = 1            # events this many days apart may be the same event


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _day(value: str | None, delta: int) -> str | None:
    try:
        return (dt.date.fromisoformat(value) + dt.timedelta(days=delta)).isoformat()
    except (TypeError, ValueError):
        return None


class KnowledgeBase:
    """Processes new records inside one write transaction (see the module doc)."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self.resolver = Resolver(conn, S, latin=latin_name)

    def process(self, records: Iterable[dict]) -> None:
        for record in records:
            links = self.resolver.resolve(record["id"], list(record.get("entities") or []))
            self._near_duplicates(record)
            self._cluster_events(record, links)
        self.resolver.flush()

    # -- near-duplicates

    def _near_duplicates(self, record: dict) -> None:
        sig = dedup.signature(record.get("body") or record.get("text"))
        if sig is None:
            return
        bands = dedup.bands(sig)
        mb, am = S.minhash_bands, S.article_minhash
        # an OR of (band, bucket) pairs: each one an index look-up
        cands = set(self.conn.scalars(select(mb.c.article_id).where(sa.or_(*[
            sa.and_(mb.c.band == b, mb.c.bucket == k) for b, k in bands])).distinct()))
        cands.discard(record["id"])
        found = []
        if cands:
            for aid, blob in self.conn.execute(select(am.c.article_id, am.c.signature)
                                               .where(am.c.article_id.in_(cands))):
                sim = dedup.similarity(sig, dedup.from_bytes(blob))
                if sim >= dedup.THRESHOLD:
                    found.append({"article_id": record["id"], "duplicate_of": aid,
                                  "similarity": round(sim, 4)})
        if found:
            self.conn.execute(sa.insert(S.near_duplicates), found)
        self.conn.execute(sa.insert(am).values(article_id=record["id"],
                                               signature=dedup.to_bytes(sig)))
        self.conn.execute(sa.insert(mb), [{"band": b, "bucket": k, "article_id": record["id"]}
                                          for b, k in bands])

    # -- event clusters

    def _place(self, event: dict, links: dict[str, int]) -> int | None:
        local = event.get("location_id")
        if local and local in links:
            return links[local]
        name = event.get("location")
        if not name:
            return None
        row = place_of(name)
        if row is None:
            return None
        canon = self.resolver._by_ref(f"geo:{row['geonameid']}")
        if canon is None:
            ref = NameRef("LOC", tuple(name.split()), f"geo:{row['geonameid']}")
            canon = self.resolver._create(ref, {"name": row["name"]})
            self.resolver._remember(canon, ref, {"name": row["name"]})
        return canon.id

    def _cluster_events(self, record: dict, links: dict[str, int]) -> None:
        published = record.get("published")
        in_article: set[int] = set()
        ec, el, keys = S.event_clusters, S.event_links, S.event_cluster_keys
        for idx, event in enumerate(record.get("events") or []):
            participants: list[int] = []
            for local in (event.get("source_ids") or []) + (event.get("target_ids") or []):
                cid = links.get(local)
                if cid is not None and cid not in participants:
                    participants.append(cid)
            date = event.get("date") or published
            place_id = self._place(event, links)
            etype = event["type"]
            cluster = self._find_cluster(etype, participants, date)
            if cluster is None:
                cid = self.conn.execute(sa.insert(ec).values(
                    type=etype, date=date, place_id=place_id, participants=participants,
                    n_events=1, n_articles=1, created_at=_now())).inserted_primary_key[0]
                in_article.add(cid)
                known: set[int] = set()
            else:
                cid, old = cluster["id"], cluster
                merged = list(old["participants"] or [])
                merged += [p for p in participants if p not in merged]
                values: dict[str, Any] = {"n_events": ec.c.n_events + 1, "participants": merged}
                if cid not in in_article:
                    values["n_articles"] = ec.c.n_articles + 1
                    in_article.add(cid)
                if date and (old["date"] is None or date < old["date"]):
                    values["date"] = date
                if old["place_id"] is None and place_id is not None:
                    values["place_id"] = place_id
                self.conn.execute(sa.update(ec).where(ec.c.id == cid).values(**values))
                known = set(self.conn.scalars(select(keys.c.canonical_id).where(
                    keys.c.cluster_id == cid, keys.c.type == etype,
                    keys.c.date == (date or ""))))
            self.conn.execute(sa.insert(el).values(article_id=record["id"], event_idx=idx,
                                                   cluster_id=cid, date=date,
                                                   place_id=place_id))
            todo = [{"type": etype, "canonical_id": p, "date": date or "", "cluster_id": cid}
                    for p in participants if p not in known]
            if todo:
                self.conn.execute(sa.insert(keys), todo)

    def _find_cluster(self, etype: str, participants: list[int], date: str | None):
        """The cluster of the same event: same type, a day apart at most, and sharing
        min(2, |P|, |Q|) canonical participants; the largest overlap wins."""
        if not participants or not date:
            return None
        days = [d for d in (_day(date, k) for k in range(-CLUSTER_DAYS, CLUSTER_DAYS + 1)) if d]
        keys, ec = S.event_cluster_keys, S.event_clusters
        overlap: dict[int, set[int]] = {}
        for cid, pid in self.conn.execute(select(keys.c.cluster_id, keys.c.canonical_id).where(
                keys.c.type == etype, keys.c.canonical_id.in_(participants),
                keys.c.date.in_(days))):
            overlap.setdefault(cid, set()).add(pid)
        if not overlap:
            return None
        rows = {r["id"]: r for r in self.conn.execute(
            select(ec.c.id, ec.c.participants, ec.c.date, ec.c.place_id)
            .where(ec.c.id.in_(list(overlap)))).mappings()}
        best = None
        for cid, shared in sorted(overlap.items()):
            row = rows.get(cid)
            if row is None:
                continue
            theirs = row["participants"] or []
            need = min(2, len(participants), len(theirs))
            if len(shared) >= need and (best is None or len(shared) > best[0]):
                best = (len(shared), row)
        return best[1] if best else None


def backfill(conn: Connection, chunk: int = 500) -> None:
    """Process every stored article that the knowledge base has not seen (after migration 3)."""
    a, el = S.articles, S.entity_links
    kb = KnowledgeBase(conn)
    last = ""
    while True:
        ids = list(conn.scalars(select(a.c.id).where(a.c.id > last).order_by(a.c.id).limit(chunk)))
        if not ids:
            return
        done = set(conn.scalars(select(el.c.article_id).where(el.c.article_id.in_(ids))))
        todo = [i for i in ids if i not in done]
        if todo:
            kb.process(read_records(conn, todo))
        last = ids[-1]


# ---------------------------------------------------------------------------------------------
# Corrections.

TARGET_KINDS = ("event", "quote", "entity")
ACTIONS = ("confirm", "reject", "edit", "merge", "split")


def event_key(event: dict) -> str:
    start, end = event.get("trigger") or (None, None)
    return f"EVENT:{event['type']}:{start}:{end}"


def quote_key(quote: dict) -> str:
    start, end = quote["span"]
    return f"QUOTE:{start}:{end}"


def check_correction(article_id, target_kind, target_key, action, payload, author) -> None:
    def bad(reason: str):
        raise InputError("correction", reason)

    if target_kind not in TARGET_KINDS:
        bad(f"target_kind must be one of {', '.join(TARGET_KINDS)}, not {target_kind!r}")
    if action not in ACTIONS:
        bad(f"action must be one of {', '.join(ACTIONS)}, not {action!r}")
    if not isinstance(target_key, str) or not target_key.startswith(target_kind.upper() + ":"):
        bad(f"target_key must start with {target_kind.upper()}:, not {target_key!r}")
    if target_kind != "entity" and not (isinstance(article_id, str) and article_id):
        bad(f"a correction of a {target_kind} needs the article_id")
    if not isinstance(author, str) or not author.strip():
        bad("author is required")
    if payload is not None:
        try:
            json.dumps(payload)
        except (TypeError, ValueError) as error:
            bad(f"payload cannot be stored as JSON ({error})")
    if action in ("merge", "split") and target_kind != "entity":
        bad(f"{action} applies to entities only")
    if action == "merge" and not (isinstance(payload, dict) and
                                  str(payload.get("into", "")).isdigit()):
        bad('merge needs payload {"into": <canonical id>}')
    if action == "edit" and not isinstance(payload, dict):
        bad("edit needs a payload object of the fields to replace")


def apply_entity_correction(conn: Connection, article_id: str | None, target_key: str,
                            action: str, payload) -> None:
    """merge: fold the entity into payload["into"]; split: the article's mentions (or
    payload["article_ids"]) leave it for a new canonical entity of the same name."""
    try:
        cid = int(target_key.split(":", 1)[1])
    except ValueError:
        raise InputError("correction", f"bad entity key {target_key!r}") from None
    ce, el = S.canonical_entities, S.entity_links
    row = conn.execute(select(ce).where(ce.c.id == cid)).mappings().first()
    if row is None:
        raise InputError("correction", f"no canonical entity {cid}")
    if action == "merge":
        into = int(payload["into"])
        if conn.execute(select(ce.c.id).where(ce.c.id == into)).scalar() is None:
            raise InputError("correction", f"no canonical entity {into} to merge into")
        merge_canonical(conn, S, cid, into)
    elif action == "split":
        articles = (payload or {}).get("article_ids") or ([article_id] if article_id else [])
        if not articles:
            raise InputError("correction", "split needs article_id or payload article_ids")
        new = {k: row[k] for k in row.keys() if k != "id"}
        new.update(articles=0, mentions=0, created_at=_now(), ref=None)
        if (payload or {}).get("name"):
            new["name"] = payload["name"]
        new_id = conn.execute(sa.insert(ce).values(**new)).inserted_primary_key[0]
        conn.execute(sa.update(el).where(el.c.canonical_id == cid, el.c.article_id.in_(articles))
                     .values(canonical_id=new_id))
        for target in (cid, new_id):
            n = conn.execute(select(sa.func.count(sa.distinct(el.c.article_id)))
                             .where(el.c.canonical_id == target)).scalar() or 0
            conn.execute(sa.update(ce).where(ce.c.id == target).values(articles=n))


def overlay(record: dict, corrections: list[dict], canonical_of: dict[str, int]) -> dict:
    """The record with its corrections applied (oldest first): rejected items flagged,
    confirmed ones marked, edited fields replaced, `corrected_by`/`corrected_at` shown."""
    by_key: dict[str, list[dict]] = {}
    for c in corrections:
        by_key.setdefault(c["target_key"], []).append(c)

    def apply(item: dict, key: str) -> None:
        for c in by_key.get(key, []):
            action = c["action"]
            if action == "reject":
                item["rejected"] = True
            elif action == "confirm":
                item["confirmed"] = True
                item.pop("rejected", None)
            elif action == "edit" and isinstance(c["payload"], dict):
                item.update({k: v for k, v in c["payload"].items()
                             if k not in ("corrected_by", "corrected_at")})
            elif action in ("merge", "split"):
                item["identity_corrected"] = action
            item["corrected_by"] = c["author"]
            item["corrected_at"] = c["created_at"]

    for event in record.get("events") or []:
        apply(event, event_key(event))
    for quote in record.get("quotes") or []:
        apply(quote, quote_key(quote))
    for ent in record.get("entities") or []:
        cid = canonical_of.get(ent["id"])
        if cid is not None:
            apply(ent, f"ENTITY:{cid}")
    return record


# ---------------------------------------------------------------------------------------------
# API tokens.

def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return "rsd_" + secrets.token_urlsafe(32)


def token_valid(rows: list[dict], token: str, now: str) -> bool:
    """Constant-time comparison against every active token (not revoked, not expired)."""
    digest = token_hash(token)
    ok = False
    for row in rows:
        match = hmac.compare_digest(row["token_hash"], digest)
        live = not row["revoked"] and (row["expires_at"] is None or row["expires_at"] > now)
        ok |= match and live
    return ok
