"""What the API and the pages read, over a `Store`.

The knowledge-base views (canonical entities, event clusters, quotes, the network of meetings,
corrections, tokens) are the Store's own methods. Article search is done here, with the
Store's full-text match and its entity/place semantics (rasad.store.queries.articles_with),
because the pages need two things the Store's search does not give: the outlet filter, and
the total number of hits for paging; facets are counted here under the same filters, so the
hit list, its total and the facet counts always agree.
"""
from __future__ import annotations

import hashlib
import time
from contextlib import contextmanager
from dataclasses import dataclass, fields
from typing import Any, Iterator

import sqlalchemy as sa
from sqlalchemy import func, select

from rasad.store import StoreError
from rasad.store import queries as KB
from rasad.store import schema as S
from rasad.store.db import date_bound, tag_filters
from rasad.store.search import parse_query, snippet

FACET_KINDS = ("event_type", "entity", "place", "outlet", "month")
# snippets are looked for in the opening of the body only: finding the match maps every
# character scanned, which over whole long articles took most of a search request's time
SNIPPET_SCAN = 1500


@dataclass(frozen=True)
class Filters:
    """What a search or a list is narrowed by; every field optional. `entity` and `place`
    are a name (any alias, spelling-insensitive) or a canonical entity id."""
    q: str | None = None
    event_type: str | None = None
    entity: str | None = None
    place: str | None = None
    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    def __post_init__(self):
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, str):
                object.__setattr__(self, f.name, value.strip() or None)
        if self.event_type:
            object.__setattr__(self, "event_type", self.event_type.upper())
        date_bound(self.date_from, "date_from", upper=False)    # fail early on a bad date
        date_bound(self.date_to, "date_to", upper=True)

    def as_params(self) -> dict[str, str]:
        """The non-empty filters, for building links."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}

    def without(self, *names: str) -> "Filters":
        return Filters(**{**self.as_params(), **{n: None for n in names}})


def article_filters(f: Filters) -> list:
    """WHERE clauses on `articles` for the filters other than the text query."""
    a, ev = S.articles, S.events
    out = []
    if f.event_type:
        out.append(a.c.id.in_(select(ev.c.article_id).where(ev.c.type == f.event_type)))
    if f.entity:
        out.append(a.c.id.in_(KB.articles_with(f.entity, "entity")))
    if f.place:
        out.append(a.c.id.in_(KB.articles_with(f.place, "place", types=("LOC",))))
    if f.outlet:
        out.append(a.c.source == f.outlet)
    low, high = date_bound(f.date_from, "date_from", False), date_bound(f.date_to, "date_to", True)
    if low:
        out.append(a.c.published >= low)
    if high:
        out.append(a.c.published <= high)
    return out


def _snippet(body: str | None, parsed) -> str:
    if body and len(body) > SNIPPET_SCAN:
        cut = body.rfind(" ", 0, SNIPPET_SCAN)
        return snippet(body[:cut if cut > 0 else SNIPPET_SCAN], parsed).rstrip("…") + "…"
    return snippet(body, parsed)


@contextmanager
def _guard(store) -> Iterator[None]:
    """A database error becomes a StoreError naming the database, in one line."""
    try:
        yield
    except sa.exc.DBAPIError as error:
        lines = str(getattr(error, "orig", None) or error).strip().splitlines()
        raise StoreError(store.name, lines[0] if lines else "database error") from error


class Queries:
    """Reads (and the two writes) of the web layer. One per app; thread-safe as the Store."""

    CACHE_SIZE = 512
    CACHE_SECONDS = 30.0     # counts may lag this much behind an ingest by another process
    MARK_SECONDS = 0.25      # how stale the newest-correction mark may be

    def __init__(self, store):
        self.store = store
        self.engine = store.engine
        self._cache: dict[tuple, tuple[float, Any]] = {}
        self._snippets: dict[tuple, str] = {}
        self._writes = 0             # writes through this process
        self._last_correction = (0.0, 0)

    def _cached(self, key: tuple, compute):
        hit = self._cache.get(key)
        now = time.monotonic()
        if hit is not None and now - hit[0] < self.CACHE_SECONDS:
            return hit[1]
        value = compute()
        if len(self._cache) >= self.CACHE_SIZE:
            self._cache.clear()
        self._cache[key] = (now, value)
        return value

    def _rows(self, stmt) -> list[dict]:
        with _guard(self.store), self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(stmt).mappings().all()]

    def _scalar(self, stmt) -> Any:
        with _guard(self.store), self.engine.connect() as conn:
            return conn.execute(stmt).scalar()

    # -- articles and search

    def _matching(self, f: Filters):
        """(id column, FROM, WHERE list, rank or None, parsed query) for the articles that
        the filters pass. With SQLite and a text query the rows come from the full-text
        index alone, the other filters as a set of article ids: joining every match to its
        article (to sort by date among equal ranks) cost several times the match itself."""
        a = S.articles
        parsed = parse_query(f.q or "")
        if not parsed:
            return a.c.id, a, article_filters(f), None, parsed
        backend = self.store.backend
        # filters the index holds as tags join the text match (see search.facet_tags)
        tags, event_type, date_from, date_to = tag_filters(backend, parsed, f.event_type,
                                                           f.date_from, f.date_to)
        if tags:
            f = Filters(**{**f.as_params(), "event_type": event_type, "date_from": date_from,
                           "date_to": date_to})
            source, match, rank = backend.match(parsed, tags)
        else:
            source, match, rank = backend.match(parsed)
        where = article_filters(f)
        fts = getattr(backend, "fts", None)
        if fts is None:                   # another backend: its own join
            return a.c.id, source, [match, *where], rank, parsed
        if where:
            where = [match, fts.c.article_id.in_(select(a.c.id).where(*where))]
        else:
            where = [match]
        return fts.c.article_id, fts, where, rank, parsed

    def search(self, f: Filters, limit: int = 20, offset: int = 0) -> tuple[list[dict], int]:
        """(hits, total). Best first for a text query, newest first otherwise
        (all articles when there is no filter at all); each hit: id, title, published,
        source (the outlet), url, origin, snippet, score. The total is cached like the
        facets (CACHE_SECONDS)."""
        a = S.articles
        id_col, source, where, rank, parsed = self._matching(f)
        # first the page's ids (the sort then carries only keys), then their rows
        fts = getattr(self.store.backend, "fts", None)
        if rank is not None:
            # ties by the index's rowid: reading article_id for every match to break ties
            # would cost four times the ranking
            tie = sa.literal_column("rowid") if id_col.table is fts else id_col
            page = self._rows(select(id_col.label("id"), rank.label("rank"))
                              .select_from(source).where(*where).order_by(rank, tie)
                              .limit(limit).offset(offset))
        else:
            page = self._rows(select(a.c.id, sa.literal(0.0).label("rank")).where(*where)
                              .order_by(a.c.published.desc().nulls_last(), a.c.id)
                              .limit(limit).offset(offset))
        if page and offset == 0 and len(page) < limit:
            total = len(page)            # the whole list is on this page: no count needed
        else:                            # counting all matches costs as much as the search
            total = self._cached(("total", f), lambda: self._scalar(
                select(func.count()).select_from(source).where(*where)))
        rows = {r["id"]: r for r in self._rows(
            select(a.c.id, a.c.title, a.c.published, a.c.source, a.c.url, a.c.origin, a.c.body)
            .where(a.c.id.in_([p["id"] for p in page])))} if page else {}
        hits = [{"id": p["id"], "title": r["title"], "published": r["published"],
                 "source": r["source"], "url": r["url"], "origin": r["origin"],
                 "snippet": self._snippet(p["id"], r["body"], parsed),
                 "score": -float(p["rank"] or 0.0) + 0.0}
                for p in page if (r := rows.get(p["id"])) is not None]
        return hits, int(total or 0)

    def _snippet(self, article_id: str, body: str | None, parsed) -> str:
        """The snippet of an article for a query, remembered (the same searches come back:
        the next page, the same query with another filter)."""
        key = (article_id, tuple(map(tuple, parsed.clauses)))
        found = self._snippets.get(key)
        if found is None:
            if len(self._snippets) >= 20_000:
                self._snippets.clear()
            found = self._snippets[key] = _snippet(body, parsed)
        return found

    def facets(self, f: Filters, size: int = 12) -> dict[str, list[dict]]:
        """Counts of the matching articles per event type, entity (people and
        organisations), place, outlet and month, largest first (months newest first).
        Entities and places carry their canonical `id`. Cached for CACHE_SECONDS per filter
        set, and dropped at a write through this app."""
        return self._cached(("facets", f, size), lambda: self._facets(f, size))

    def _facets(self, f: Filters, size: int) -> dict[str, list[dict]]:
        a, ev, el, ce = S.articles, S.events, S.entity_links, S.canonical_entities
        id_col, source, where, _rank, _ = self._matching(f)
        ids = select(id_col).select_from(source).where(*where) if where else None

        def within(col) -> list:
            return [col.in_(ids)] if ids is not None else []

        out: dict[str, list[dict]] = {}
        with _guard(self.store), self.engine.connect() as conn:
            n = func.count(sa.distinct(ev.c.article_id)).label("n")
            out["event_type"] = [{"value": t, "count": c} for t, c in conn.execute(
                select(ev.c.type, n).where(*within(ev.c.article_id)).group_by(ev.c.type)
                .order_by(sa.desc("n"), ev.c.type).limit(size))]
            for facet, types in (("entity", ("PER", "ORG")), ("place", ("LOC",))):
                n = func.count(sa.distinct(el.c.article_id)).label("n")
                rows = conn.execute(
                    select(ce.c.id, ce.c.name, ce.c.latin, n)
                    .join(ce, ce.c.id == el.c.canonical_id)
                    .where(*within(el.c.article_id), ce.c.type.in_(types))
                    .group_by(ce.c.id, ce.c.name, ce.c.latin)
                    .order_by(sa.desc("n"), ce.c.id).limit(size)).all()
                out[facet] = [{"id": r[0], "value": r[1], "latin": r[2], "count": r[3]}
                              for r in rows]
            n = func.count().label("n")
            out["outlet"] = [{"value": v, "count": c} for v, c in conn.execute(
                select(a.c.source, n).where(*within(a.c.id), a.c.source.is_not(None),
                                            a.c.source != "")
                .group_by(a.c.source).order_by(sa.desc("n"), a.c.source).limit(size))]
            month = func.substr(a.c.published, 1, 7).label("month")
            out["month"] = [{"value": v, "count": c} for v, c in conn.execute(
                select(month, n).where(*within(a.c.id), a.c.published.is_not(None))
                .group_by(month).order_by(month.desc()).limit(max(size, 24)))]
        return out

    def forget(self) -> None:
        """Drop cached counts and, through `generation`, cached responses (after a write)."""
        self._cache.clear()
        self._writes += 1

    @property
    def generation(self) -> tuple[int, int]:
        """Moves on at every write: through this process, or through another worker of the
        same server (the newest correction's id, read at most every MARK_SECONDS)."""
        now = time.monotonic()
        read_at, newest = self._last_correction
        if now - read_at > self.MARK_SECONDS:
            newest = self._scalar(select(func.max(S.corrections.c.id))) or 0
            self._last_correction = (now, newest)
        return self._writes, newest

    def counts(self) -> dict[str, int]:
        return self._cached(("counts",), self.store.count)

    def article(self, article_id: str, corrected: bool = False) -> dict | None:
        """The stored record, its entities with their canonical id, name and Latin name;
        `corrected`: with the analysts' corrections overlaid (rejected, confirmed, edited
        fields, corrected_by/corrected_at)."""
        return self.store.get(article_id, with_corrections=corrected, with_identity=True)

    def names_of(self, ids: list[int]) -> dict[int, dict]:
        """Canonical entities by id: id, name, type, latin."""
        with _guard(self.store), self.engine.connect() as conn:
            return KB.entity_brief(conn, ids)

    # -- the knowledge base

    def entities(self, prefix: str | None = None, type: str | None = None, limit: int = 50,
                 offset: int = 0) -> list[dict]:
        return self.store.entities(prefix or None, type or None, limit=limit, offset=offset)

    def entity(self, key: str | int, timeline: bool | int = True) -> dict | None:
        """A canonical entity (by id or name) with its timeline (the latest MAX_TIMELINE
        events, or `timeline` of them) and its CONSULT partners. Cached for CACHE_SECONDS: a
        much-reported entity costs tens of milliseconds."""
        return self._cached(("entity", key, timeline), lambda: self._entity(key, timeline))

    def _entity(self, key: str | int, timeline: bool | int = True) -> dict | None:
        # the full answer for the API; a page shows neither 500 events nor 1000 article ids
        ent = self.store.entity(key, timeline=timeline,
                                article_ids=1000 if timeline is True else 0)
        if ent is None:
            return None
        net = self.store.network(ent["id"], limit=40) or {}
        return {**ent, "network": net.get("partners", [])}

    def events(self, f: Filters, limit: int = 50, offset: int = 0) -> list[dict]:
        """Event clusters (one real-world event, its sources), newest first."""
        return self.store.events(f.event_type, f.entity, f.place, f.date_from, f.date_to,
                                 limit=limit, offset=offset)

    def quotes(self, speaker: str | None = None, date_from: str | None = None,
               date_to: str | None = None, limit: int = 50, offset: int = 0) -> list[dict]:
        return self.store.quotes(speaker or None, date_from=date_from, date_to=date_to,
                                 limit=limit, offset=offset)

    # -- corrections and tokens

    def corrections(self, article_id: str | None = None, target_key: str | None = None
                    ) -> list[dict]:
        return self.store.corrections(article_id=article_id, target_key=target_key)

    def article_corrections(self, record: dict) -> list[dict]:
        """Every correction shown on an article's page, oldest first: those of its events and
        quotes, and those of the canonical entities it names (stored without an article)."""
        c = S.corrections
        keys = sorted({f"ENTITY:{e['canonical_id']}" for e in record.get("entities") or []
                       if e.get("canonical_id") is not None})
        cond = c.c.article_id == record["id"]
        if keys:
            cond = sa.or_(cond, c.c.target_key.in_(keys))
        return self._rows(select(c).where(cond).order_by(c.c.id))

    def add_correction(self, article_id: str | None, target_kind: str, target_key: str,
                       action: str, payload: dict, author: str) -> int:
        try:
            return self.store.add_correction(article_id, target_kind, target_key, action,
                                             payload, author)
        finally:
            self.forget()

    def token_name(self, token: str) -> str | None:
        """The name of a valid token; None for an unknown, expired or revoked one."""
        if not self.store.verify_token(token):
            return None
        # verify_token answers yes or no: the name is on the token's row, found by its hash
        t = S.api_tokens
        digest = hashlib.sha256(token.encode("utf-8")).hexdigest()
        name = self._scalar(select(t.c.name).where(t.c.token_hash == digest)
                            .order_by(t.c.id.desc()).limit(1))
        return str(name) if name else None
