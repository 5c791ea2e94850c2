"""The knowledge base, read side: canonical entities, clustered events, quotes, the network
of meetings, facets. Every function takes an open connection and uses indexed look-ups only
(alias words through entity_blocks, links through their canonical id, clusters by type/date).
The Store methods of the same names wrap them (rasad.store.db)."""
from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, select

from rasad.errors import InputError
from rasad.normalize import fold_key
from rasad.resolve.identity import identity_words, place_of
from rasad.store import schema as S
from rasad.store.search import date_bound

ENTITY_TYPES = ("PER", "ORG", "LOC", "MISC")
LATIN_WORD = re.compile(r"[a-z0-9]+")
MAX_TIMELINE = 500
TITLE_SAMPLE = 400          # mentions whose titles are counted for an entity


def latin_words(text: str | None) -> list[str]:
    return LATIN_WORD.findall((text or "").lower())


def word_blocks(text: str) -> list[str]:
    """The "W:" blocks a name is found by: its identity words (Arabic) or Latin words."""
    if re.search(r"[a-zA-Z]", text) and not re.search(r"[\u0600-\u06ff]", text):
        return sorted({f"W:{w}" for w in latin_words(text)})
    return sorted({f"W:{w}" for w in identity_words(text, "PER")})


def canonical_ids(value: Any, *, what: str = "entity", types: tuple[str, ...] | None = None):
    """A SELECT of the canonical entity ids a filter value names: an id (int or digits), an
    ISO 3166 code (two Latin letters), a place of the gazetteer, or a name whose words are
    all words of one of the entity's aliases (Arabic, folded) or of its Latin rendering.
    Raises InputError for a value without letters or digits."""
    ce, bl = S.canonical_entities, S.entity_blocks
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise InputError("search", f"{what} must be text or an id, not {type(value).__name__}")
    text = str(value).strip()
    if isinstance(value, int) or text.isdigit():
        stmt = select(ce.c.id).where(ce.c.id == int(text))
        return stmt.where(ce.c.type.in_(types)) if types else stmt
    if text.upper().startswith("ENTITY:") and text[7:].isdigit():
        return select(ce.c.id).where(ce.c.id == int(text[7:]))
    if not fold_key(text):
        raise InputError("search", f"the {what} filter {text!r} has no letters or digits")
    parts = []
    if re.fullmatch(r"[A-Za-z]{2}", text):
        parts.append(select(ce.c.id).where(ce.c.iso2 == text.upper(), ce.c.kind == "country"))
    if types is None or "LOC" in types:
        row = place_of(text)
        if row is not None:
            parts.append(select(ce.c.id).where(ce.c.ref == f"geo:{row['geonameid']}"))
    blocks = word_blocks(text)
    if blocks:
        words = (select(bl.c.canonical_id).where(bl.c.block.in_(blocks))
                 .group_by(bl.c.canonical_id)
                 .having(sa.func.count(sa.distinct(bl.c.block)) == len(blocks)))
        if types:
            words = words.where(bl.c.canonical_id.in_(select(ce.c.id)
                                                      .where(ce.c.type.in_(types))))
        parts.append(words)
    if not parts:
        return select(ce.c.id).where(sa.false())
    return parts[0] if len(parts) == 1 else sa.union(*parts)


def resolve_one(conn: Connection, value: Any, types: tuple[str, ...] | None = None) -> int | None:
    """The canonical entity a name or id names: the one with the most articles."""
    ce = S.canonical_entities
    ids = canonical_ids(value, types=types).subquery()
    return conn.execute(select(ce.c.id).where(ce.c.id.in_(select(ids)))
                        .order_by(ce.c.ambiguous, ce.c.articles.desc(), ce.c.id).limit(1)).scalar()


def articles_with(value: Any, what: str, types: tuple[str, ...] | None = None):
    """A SELECT of article ids with an entity that `value` names."""
    el = S.entity_links
    return select(el.c.article_id).where(
        el.c.canonical_id.in_(canonical_ids(value, what=what, types=types)))


def entity_brief(conn: Connection, ids) -> dict[int, dict]:
    ce = S.canonical_entities
    ids = [i for i in set(ids) if i is not None]
    if not ids:
        return {}
    return {r["id"]: {"id": r["id"], "name": r["name"], "type": r["type"], "latin": r["latin"]}
            for r in conn.execute(select(ce.c.id, ce.c.name, ce.c.type, ce.c.latin)
                                  .where(ce.c.id.in_(ids))).mappings()}


# ---------------------------------------------------------------------------------------------
# Entities.

def entity(conn: Connection, name_or_id: Any, timeline_limit: int = MAX_TIMELINE,
           articles_limit: int = 1000) -> dict | None:
    ce, al, el, en = S.canonical_entities, S.entity_aliases, S.entity_links, S.entities
    cid = resolve_one(conn, name_or_id)
    if cid is None:
        return None
    row = conn.execute(select(ce).where(ce.c.id == cid)).mappings().one()
    aliases = [{"alias": r.alias, "key": r.alias_key, "count": r.count} for r in conn.execute(
        select(al.c.alias, al.c.alias_key, al.c.count).where(al.c.canonical_id == cid)
        .order_by(al.c.count.desc(), al.c.alias_key))]
    # titles counted in SQL over (at most) TITLE_SAMPLE mentions: decoding the JSON of every
    # mention of a much-reported entity cost a hundred milliseconds
    links = (select(el.c.article_id, el.c.local_id).where(el.c.canonical_id == cid)
             .limit(TITLE_SAMPLE).subquery())
    raw = sa.cast(en.c.titles, sa.Text)            # JSON has no equality in PostgreSQL
    titles: Counter = Counter()
    for text, n in conn.execute(
            select(raw, sa.func.count()).join(links, sa.and_(
                links.c.article_id == en.c.article_id, links.c.local_id == en.c.local_id))
            .where(en.c.titles.is_not(None)).group_by(raw)):
        for t in _json_list(text):
            titles[" ".join(str(t).split())] += n
    from rasad.resolve.latin import romanise
    out = {"id": cid, "name": row["name"], "type": row["type"], "latin": row["latin"],
           "key": row["key"], "ref": row["ref"], "iso2": row["iso2"],
           "geonameid": row["geonameid"], "kind": row["kind"],
           "ambiguous": bool(row["ambiguous"]), "articles": row["articles"],
           "mentions": row["mentions"], "aliases": aliases,
           "aliases_latin": sorted({row["latin"]} | {romanise(a["alias"]) for a in aliases
                                                      if row["type"] == "PER"} - {None, ""}),
           "titles": [{"title": t, "count": n} for t, n in titles.most_common(20)],
           "article_ids": list(conn.scalars(
               select(el.c.article_id).where(el.c.canonical_id == cid).distinct()
               .order_by(el.c.article_id).limit(articles_limit))) if articles_limit else [],
           "timeline": timeline(conn, cid, timeline_limit) if timeline_limit else [],
           "activity": activity(conn, cid),
           "n_events": conn.execute(select(sa.func.count(sa.distinct(
               S.event_cluster_keys.c.cluster_id))).where(
               S.event_cluster_keys.c.canonical_id == cid)).scalar() or 0}
    return out


def _json_list(text: Any) -> list:
    if isinstance(text, list):
        return text
    try:
        value = json.loads(text) if text else []
    except (TypeError, ValueError):
        return []
    return value if isinstance(value, list) else []


def activity(conn: Connection, cid: int) -> list[dict]:
    """All the entity's events per PLOVER type and month (event clusters, dated ones): what
    the timeline chart draws, over every event and not only the listed ones."""
    k = S.event_cluster_keys
    month = sa.func.substr(k.c.date, 1, 7).label("month")
    return [{"type": t, "month": m, "count": n} for t, m, n in conn.execute(
        select(k.c.type, month, sa.func.count(sa.distinct(k.c.cluster_id)))
        .where(k.c.canonical_id == cid, k.c.date != "")
        .group_by(k.c.type, month).order_by(k.c.type, month))]


def timeline(conn: Connection, cid: int, limit: int = MAX_TIMELINE) -> list[dict]:
    """The events the entity takes part in, one entry per event cluster, sorted by date."""
    el, ep, lk, ec = S.entity_links, S.event_participants, S.event_links, S.event_clusters
    ev, a, keys = S.events, S.articles, S.event_cluster_keys
    # the latest clusters first, through the (canonical_id, date) index of the cluster keys;
    # then the entity's part in those clusters only
    latest = [c for c, _date in conn.execute(
        select(keys.c.cluster_id, sa.func.max(keys.c.date).label("d"))
        .where(keys.c.canonical_id == cid).group_by(keys.c.cluster_id)
        .order_by(sa.desc("d"), keys.c.cluster_id.desc()).limit(limit))]
    if not latest:
        return []
    rows = conn.execute(
        select(lk.c.cluster_id, ep.c.role, ep.c.article_id, ep.c.event_idx, ev.c.mode,
               lk.c.date)
        .select_from(lk.join(ep, sa.and_(ep.c.article_id == lk.c.article_id,
                                         ep.c.event_idx == lk.c.event_idx))
                     .join(el, sa.and_(el.c.article_id == ep.c.article_id,
                                       el.c.local_id == ep.c.entity_id))
                     .join(ev, sa.and_(ev.c.article_id == ep.c.article_id,
                                       ev.c.idx == ep.c.event_idx)))
        # "+ 0": the plan must start from the clusters, not from every link of the entity
        .where(lk.c.cluster_id.in_(latest), el.c.canonical_id + 0 == cid)).all()
    rank = {c: i for i, c in enumerate(latest)}
    rows.sort(key=lambda r: rank[r[0]])
    by_cluster: dict[int, dict] = {}
    for cluster_id, role, article_id, event_idx, mode, date in rows:
        item = by_cluster.setdefault(cluster_id, {"roles": set(), "articles": set(),
                                                  "modes": set()})
        item["roles"].add(role)
        item["articles"].add(article_id)
        if mode:
            item["modes"].add(mode)
    cluster_ids = list(by_cluster)[:limit]
    if not cluster_ids:
        return []
    clusters = {r["id"]: r for r in conn.execute(select(ec).where(ec.c.id.in_(cluster_ids)))
                .mappings()}
    names = entity_brief(conn, {p for c in clusters.values() for p in c["participants"] or []}
                         | {c["place_id"] for c in clusters.values()})
    arts = {r["id"]: r for r in conn.execute(
        select(a.c.id, a.c.url, a.c.source, a.c.title, a.c.published).where(
            a.c.id.in_({x for c in cluster_ids for x in by_cluster[c]["articles"]}))).mappings()}
    out = []
    for cluster_id in cluster_ids:
        c, item = clusters[cluster_id], by_cluster[cluster_id]
        out.append({
            "cluster_id": cluster_id, "date": c["date"], "type": c["type"],
            "mode": sorted(item["modes"])[0] if item["modes"] else None,
            "role": "/".join(sorted(item["roles"])),
            "partners": [names[p] for p in c["participants"] or [] if p != cid and p in names],
            "place": names.get(c["place_id"]),
            "sources": [{"article_id": x, "url": arts[x]["url"], "outlet": arts[x]["source"],
                         "title": arts[x]["title"], "published": arts[x]["published"]}
                        for x in sorted(item["articles"]) if x in arts]})
    out.sort(key=lambda e: (e["date"] or "9999", e["cluster_id"]))
    return out


def entities(conn: Connection, prefix: str | None = None, type: str | None = None,
             limit: int = 50, offset: int = 0) -> list[dict]:
    ce, bl = S.canonical_entities, S.entity_blocks
    stmt = select(ce.c.id, ce.c.name, ce.c.type, ce.c.latin, ce.c.iso2, ce.c.geonameid,
                  ce.c.kind, ce.c.articles, ce.c.ambiguous)
    if type:
        t = type.strip().upper()
        if t not in ENTITY_TYPES:
            raise InputError("entities", f"type must be one of {', '.join(ENTITY_TYPES)}")
        stmt = stmt.where(ce.c.type == t)
    if prefix is not None and prefix.strip():
        latin = bool(re.search(r"[a-zA-Z]", prefix)) and not re.search(r"[\u0600-\u06ff]",
                                                                         prefix)
        words = latin_words(prefix) if latin else list(identity_words(prefix, "PER"))
        if not words:
            raise InputError("entities", f"the prefix {prefix!r} has no letters or digits")
        if len(words) == 1:
            low = f"W:{words[0]}"
            stmt = stmt.where(ce.c.id.in_(select(bl.c.canonical_id).where(
                bl.c.block >= low, bl.c.block < low + "\uffff")))
        else:
            key = " ".join(words)
            if latin:
                stmt = stmt.where(sa.func.lower(ce.c.latin).like(
                    key.replace("%", "").replace("_", "") + "%"))
            else:
                stmt = stmt.where(ce.c.key >= key, ce.c.key < key + "\uffff")
    stmt = stmt.order_by(ce.c.articles.desc(), ce.c.id).limit(limit).offset(offset)
    return [{**dict(r), "ambiguous": bool(r["ambiguous"])}
            for r in conn.execute(stmt).mappings()]


# ---------------------------------------------------------------------------------------------
# Events.

def _cluster_filter(stmt, *, type=None, entity=None, place=None, date_from=None, date_to=None):
    ec, keys = S.event_clusters, S.event_cluster_keys
    if type:
        stmt = stmt.where(ec.c.type == type.strip().upper())
    if entity is not None and str(entity).strip():
        stmt = stmt.where(ec.c.id.in_(select(keys.c.cluster_id).where(
            keys.c.canonical_id.in_(canonical_ids(entity)))))
    if place is not None and str(place).strip():
        stmt = stmt.where(ec.c.place_id.in_(canonical_ids(place, what="place",
                                                          types=("LOC",))))
    low = date_bound(date_from, "date_from", upper=False)
    high = date_bound(date_to, "date_to", upper=True)
    if low:
        stmt = stmt.where(ec.c.date >= low)
    if high:
        stmt = stmt.where(ec.c.date <= high)
    return stmt


def events(conn: Connection, *, type=None, entity=None, place=None, date_from=None,
           date_to=None, limit: int = 50, offset: int = 0) -> list[dict]:
    ec = S.event_clusters
    stmt = _cluster_filter(select(ec), type=type, entity=entity, place=place,
                           date_from=date_from, date_to=date_to)
    stmt = stmt.order_by(ec.c.date.desc().nulls_last(), ec.c.id.desc()).limit(limit) \
        .offset(offset)
    clusters = [dict(r) for r in conn.execute(stmt).mappings()]
    return describe_clusters(conn, clusters)


def describe_clusters(conn: Connection, clusters: list[dict]) -> list[dict]:
    """Cluster rows with their participants, place and sources (articles, outlets,
    evidence offsets and text)."""
    if not clusters:
        return []
    lk, ev, a, ep = S.event_links, S.events, S.articles, S.event_participants
    ids = [c["id"] for c in clusters]
    members = conn.execute(
        select(lk.c.cluster_id, lk.c.article_id, lk.c.event_idx, lk.c.date, ev.c.mode,
               ev.c.evidence_start, ev.c.evidence_end, ev.c.trigger_start, ev.c.trigger_end,
               ev.c.confidence, ev.c.location, a.c.url, a.c.source, a.c.title, a.c.published,
               sa.func.substr(a.c.text, ev.c.evidence_start + 1,
                              ev.c.evidence_end - ev.c.evidence_start).label("evidence_text"),
               sa.func.substr(a.c.text, ev.c.trigger_start + 1,
                              ev.c.trigger_end - ev.c.trigger_start).label("trigger_text"))
        .select_from(lk.join(ev, sa.and_(ev.c.article_id == lk.c.article_id,
                                         ev.c.idx == lk.c.event_idx))
                     .join(a, a.c.id == lk.c.article_id))
        .where(lk.c.cluster_id.in_(ids))
        .order_by(lk.c.cluster_id, a.c.published, lk.c.article_id, lk.c.event_idx)).mappings().all()
    roles: dict[tuple[str, int], dict[str, list[str]]] = {}
    pairs = {(m["article_id"], m["event_idx"]) for m in members}
    if pairs:
        for r in conn.execute(select(ep.c.article_id, ep.c.event_idx, ep.c.role, ep.c.name)
                              .where(ep.c.article_id.in_({p[0] for p in pairs}))
                              .order_by(ep.c.article_id, ep.c.event_idx, ep.c.role, ep.c.pos)):
            if (r.article_id, r.event_idx) in pairs and r.name is not None:
                roles.setdefault((r.article_id, r.event_idx), {}).setdefault(r.role, []) \
                    .append(r.name)
    names = entity_brief(conn, {p for c in clusters for p in c["participants"] or []}
                         | {c["place_id"] for c in clusters})
    by_cluster: dict[int, list[dict]] = {}
    for m in members:
        rr = roles.get((m["article_id"], m["event_idx"]), {})
        by_cluster.setdefault(m["cluster_id"], []).append({
            "article_id": m["article_id"], "event_idx": m["event_idx"], "url": m["url"],
            "outlet": m["source"], "title": m["title"], "published": m["published"],
            "date": m["date"], "mode": m["mode"], "location": m["location"],
            "source": rr.get("source", []), "target": rr.get("target", []),
            "evidence": None if m["evidence_start"] is None else
            [m["evidence_start"], m["evidence_end"]], "evidence_text": m["evidence_text"],
            "trigger": None if m["trigger_start"] is None else
            [m["trigger_start"], m["trigger_end"]], "trigger_text": m["trigger_text"],
            "confidence": m["confidence"],
            "target_key": f"EVENT:{'?'}:{m['trigger_start']}:{m['trigger_end']}"})
    out = []
    for c in clusters:
        sources = by_cluster.get(c["id"], [])
        for s in sources:
            s["target_key"] = f"EVENT:{c['type']}:{s['trigger'][0] if s['trigger'] else None}:" \
                              f"{s['trigger'][1] if s['trigger'] else None}"
        out.append({
            "id": c["id"], "type": c["type"], "date": c["date"],
            "place": names.get(c["place_id"]),
            "participants": [names[p] for p in c["participants"] or [] if p in names],
            "n_events": c["n_events"], "n_articles": c["n_articles"],
            "outlets": sorted({s["outlet"] for s in sources if s["outlet"]}),
            "sources": sources})
    return out


# ---------------------------------------------------------------------------------------------
# Quotes, network.

def quotes(conn: Connection, *, speaker=None, date_from=None, date_to=None, limit: int = 50,
           offset: int = 0) -> list[dict]:
    q, a, el = S.quotes, S.articles, S.entity_links
    cols = (q.c.article_id, q.c.idx, q.c.speaker, q.c.speaker_id, q.c.text, q.c.direct,
            q.c.start, q.c.end, q.c.cue_start, q.c.cue_end, a.c.url, a.c.source, a.c.title,
            a.c.published, el.c.canonical_id)
    on_speaker = sa.and_(el.c.article_id == q.c.article_id, el.c.local_id == q.c.speaker_id)
    if speaker is not None and str(speaker).strip():
        # from the speaker's links (indexed by canonical id) to their quotes
        stmt = (select(*cols).select_from(el.join(q, on_speaker)
                                          .join(a, a.c.id == q.c.article_id))
                .where(el.c.canonical_id.in_(canonical_ids(speaker, what="speaker"))))
    else:
        stmt = select(*cols).select_from(q.join(a, a.c.id == q.c.article_id)
                                         .outerjoin(el, on_speaker))
    low = date_bound(date_from, "date_from", upper=False)
    high = date_bound(date_to, "date_to", upper=True)
    if low:
        stmt = stmt.where(a.c.published >= low)
    if high:
        stmt = stmt.where(a.c.published <= high)
    stmt = stmt.order_by(a.c.published.desc().nulls_last(), q.c.article_id, q.c.idx) \
        .limit(limit).offset(offset)
    rows = conn.execute(stmt).mappings().all()
    names = entity_brief(conn, {r["canonical_id"] for r in rows})
    return [{"article_id": r["article_id"], "idx": r["idx"], "speaker": r["speaker"],
             "speaker_entity": names.get(r["canonical_id"]), "text": r["text"],
             "direct": bool(r["direct"]), "span": [r["start"], r["end"]],
             "cue": None if r["cue_start"] is None else [r["cue_start"], r["cue_end"]],
             "url": r["url"], "outlet": r["source"], "title": r["title"],
             "published": r["published"], "target_key": f"QUOTE:{r['start']}:{r['end']}"}
            for r in rows]


def network(conn: Connection, entity_id: Any, *, type: str = "CONSULT",
            limit: int = 100) -> dict | None:
    """Who met whom: the entity's partners in events of `type` (CONSULT: meetings, visits,
    calls), with the number of distinct event clusters and the last date."""
    cid = resolve_one(conn, entity_id)
    if cid is None:
        return None
    k1, k2, ec = S.event_cluster_keys, S.event_cluster_keys.alias("k2"), S.event_clusters
    clusters = select(k1.c.cluster_id).where(k1.c.canonical_id == cid, k1.c.type == type)
    stmt = (select(k2.c.canonical_id, sa.func.count(sa.distinct(k2.c.cluster_id)).label("n"),
                   sa.func.max(ec.c.date).label("last"))
            .join(ec, ec.c.id == k2.c.cluster_id)
            .where(k2.c.cluster_id.in_(clusters), k2.c.canonical_id != cid)
            .group_by(k2.c.canonical_id).order_by(sa.desc("n"), k2.c.canonical_id).limit(limit))
    rows = conn.execute(stmt).all()
    names = entity_brief(conn, [cid] + [r[0] for r in rows])
    return {"entity": names.get(cid), "type": type,
            "partners": [{**names[r[0]], "count": r[1], "last_date": r[2] or None}
                         for r in rows if r[0] in names]}
