"""The Store: records in, records and search hits out, one code path for every database.

Everything below `Store` is portable SQLAlchemy Core. What only SQLite has (connection
PRAGMAs, BEGIN IMMEDIATE write locks, the FTS5 index and its query syntax, its driver errors)
lives in `SqliteBackend`; another database (postgresql://) needs only another backend with the
same methods (e.g. a tsvector column and websearch_to_tsquery).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
from contextlib import contextmanager
from typing import Any, Iterable, Iterator

import sqlalchemy as sa
from sqlalchemy import Connection, Engine, delete, event, exc, func, select

from rasad.errors import InputError
from rasad.normalize import fold_key
from rasad.store import StoreError
from rasad.store import schema as S
from rasad.store.search import Query, index_fields, parse_query, snippet

DEFAULT_DB_FILE = "rasad.db"
BATCH_SIZE = 500            # records per transaction in add_many
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def default_db_url() -> str:
    """$RASAD_DB (a path or an SQLAlchemy URL), else the SQLite file rasad.db in the working
    folder."""
    return _to_url(os.environ.get("RASAD_DB", "").strip() or DEFAULT_DB_FILE)


def _to_url(url_or_path: str) -> str:
    if "://" in url_or_path:
        return url_or_path
    if url_or_path == ":memory:":
        return "sqlite://"
    return "sqlite:///" + os.path.abspath(os.path.expanduser(url_or_path))


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------
# SQLite: the one place for what is specific to it.

class SqliteBackend(S.FullTextBackend):
    """PRAGMAs on every connection, BEGIN IMMEDIATE for writes, and an FTS5 index of folded,
    stemmed text (see rasad.store.search) with bm25 ranking."""

    driver_errors = (sqlite3.Error,)
    fts = sa.table("article_fts", sa.column("article_id"), sa.column("title"),
                   sa.column("body"), sa.column("names"))
    # bm25 column weights: article_id (unindexed), title, body, names
    rank = sa.literal_column("bm25(article_fts, 0.0, 3.0, 1.0, 2.0)")

    def __init__(self, engine: Engine, busy_timeout_ms: int):
        @event.listens_for(engine, "connect")
        def _connect(dbapi_conn, _record):
            dbapi_conn.isolation_level = None      # transactions are begun by _begin below
            cur = dbapi_conn.cursor()
            cur.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cur.execute("PRAGMA foreign_keys = ON")
            try:
                cur.execute("PRAGMA journal_mode = WAL")   # readers never wait for the writer
            except sqlite3.OperationalError as error:
                if "readonly" not in str(error):           # a read-only file keeps its mode
                    raise
            cur.execute("PRAGMA synchronous = NORMAL")     # safe with WAL, much faster
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn):
            # a writer takes the write lock at once, so busy_timeout applies instead of a
            # deadlock error when a read transaction would have to upgrade later
            write = conn.get_execution_options().get("rasad_write")
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    def create_fulltext(self, conn: Connection) -> None:
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE IF NOT EXISTS article_fts USING fts5("
            "article_id UNINDEXED, title, body, names, "
            "tokenize = 'unicode61 remove_diacritics 2')")

    def index(self, conn: Connection, rows: list[dict[str, str]]) -> None:
        """rows: {"article_id", "title", "body", "names"} with analysed text."""
        if rows:
            conn.execute(sa.insert(self.fts), rows)

    def rebuild_fulltext(self, conn: Connection) -> None:
        conn.execute(delete(self.fts))
        for rows in _fulltext_rows(conn):
            self.index(conn, rows)
        conn.exec_driver_sql("INSERT INTO article_fts(article_fts) VALUES ('optimize')")

    @staticmethod
    def match_expression(query: Query) -> str:
        """FTS5 syntax: every clause a double-quoted string (a phrase when it has several
        stems), ANDed. Stems hold only letters and digits; quotes are doubled regardless."""
        return " AND ".join('"' + " ".join(c).replace('"', '""') + '"' for c in query.clauses)

    def match(self, query: Query):
        """(FROM clause, WHERE clause, rank expression, lower is better) for a text query."""
        source = self.fts.join(S.articles, S.articles.c.id == self.fts.c.article_id)
        where = sa.text("article_fts MATCH :fts_query").bindparams(
            fts_query=self.match_expression(query))
        return source, where, self.rank


def _fulltext_rows(conn: Connection, chunk: int = 1000) -> Iterator[list[dict[str, str]]]:
    """Index rows of every stored article, a chunk at a time (for rebuilding the index)."""
    a, e = S.articles, S.entities
    last = ""
    while True:
        arts = conn.execute(select(a.c.id, a.c.title, a.c.body).where(a.c.id > last)
                            .order_by(a.c.id).limit(chunk)).all()
        if not arts:
            return
        names: dict[str, list[dict]] = {}
        for article_id, name, aliases in conn.execute(
                select(e.c.article_id, e.c.name, e.c.aliases)
                .where(e.c.article_id.in_([r.id for r in arts])).order_by(e.c.article_id, e.c.idx)):
            names.setdefault(article_id, []).append({"name": name, "aliases": aliases})
        yield [{"article_id": r.id, **index_fields(
            {"title": r.title, "body": r.body, "entities": names.get(r.id, [])})} for r in arts]
        last = arts[-1].id


def _reason(error: BaseException) -> str:
    """A one-line reason for a database error."""
    orig = getattr(error, "orig", None) or error
    lines = str(orig).strip().splitlines()
    msg = lines[0] if lines else type(orig).__name__
    low = msg.lower()
    if "locked" in low or "busy" in low:
        return "the database is locked by another process; try again when it has finished"
    if "readonly" in low or "read-only" in low:
        return "the database is read-only (file or folder permissions, or opened read-only)"
    if "unable to open" in low:
        return "cannot open the database file (missing folder, or no permission)"
    if "not a database" in low or "malformed" in low:
        return "not a database file, or the file is damaged"
    if "full" in low and "disk" in low:
        return "the disk is full"
    return msg


# ---------------------------------------------------------------------------------------------
# Portable part.

class Store:
    """Article records in a database. Open with `Store.open()`; close with `close()` or a
    `with` block."""

    busy_timeout_ms = 5000       # how long a writer waits for another writer (SQLite)

    def __init__(self, engine: Engine, backend: SqliteBackend, name: str):
        self.engine = engine
        self.backend = backend
        self.name = name

    @classmethod
    def open(cls, url_or_path: str | None = None) -> "Store":
        """Open (creating or migrating) the database at a path or SQLAlchemy URL; None means
        default_db_url(). Raises StoreError when it cannot be used."""
        url = _to_url(url_or_path) if url_or_path else default_db_url()
        try:
            engine = sa.create_engine(url, json_serializer=_dumps)
        except (exc.ArgumentError, exc.NoSuchModuleError, ImportError) as error:
            raise StoreError(url, f"not a usable database URL ({error})") from error
        if engine.dialect.name != "sqlite":
            name = engine.url.render_as_string(hide_password=True)
            engine.dispose()
            raise StoreError(name, f"{engine.dialect.name} is not supported yet: use SQLite")
        store = cls(engine, SqliteBackend(engine, cls.busy_timeout_ms),
                    engine.url.database or ":memory:")
        try:
            store._migrate()
        except BaseException:
            engine.dispose()
            raise
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    # -- plumbing

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Database errors become one StoreError naming the database."""
        try:
            yield
        except exc.DBAPIError as error:
            raise StoreError(self.name, _reason(error)) from error
        except self.backend.driver_errors as error:
            raise StoreError(self.name, _reason(error)) from error

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A write transaction: committed when the block ends, rolled back on any error."""
        with self.engine.connect().execution_options(rasad_write=True) as conn, conn.begin():
            yield conn

    def _migrate(self) -> None:
        with self._guard():
            with self.engine.connect() as conn:     # a read first: a read-only DB can be searched
                version = S.current_version(conn)
            if version > S.LATEST:
                raise StoreError(self.name, f"schema version {version} is newer than this rasad "
                                            f"knows ({S.LATEST}): upgrade rasad")
            while version < S.LATEST:
                with self._write() as conn:
                    version = S.current_version(conn)   # another process may have done it
                    if version < S.LATEST:
                        S.apply_migration(conn, self.backend, version + 1)
                        version += 1

    def schema_version(self) -> int:
        with self._guard(), self.engine.connect() as conn:
            return S.current_version(conn)

    # -- writing

    def add(self, record: dict) -> bool:
        """Store one record in one transaction. False when an article with the same content
        hash is already stored. A malformed record raises InputError, a database problem
        StoreError; either way nothing of it is written."""
        _check_record(record)
        return self._add_batch([record])[0] == 1

    def add_many(self, records: Iterable[dict]) -> tuple[int, int]:
        """Store records in transactions of BATCH_SIZE; returns (stored, duplicates).

        On a malformed record (InputError) or an error raised by `records` itself, the valid
        records before it are stored, then the error is raised. On a database error the
        current batch is rolled back whole and StoreError raised; earlier batches stay."""
        stored = duplicates = 0
        batch: list[dict] = []

        def flush() -> None:
            nonlocal stored, duplicates, batch
            done, dup = self._add_batch(batch)
            stored, duplicates, batch = stored + done, duplicates + dup, []

        iterator = iter(records)
        while True:
            try:
                record = next(iterator)
                _check_record(record)
            except StopIteration:
                break
            except Exception:
                if batch:
                    flush()
                raise
            batch.append(record)
            if len(batch) >= BATCH_SIZE:
                flush()
        if batch:
            flush()
        return stored, duplicates

    def _add_batch(self, records: list[dict]) -> tuple[int, int]:
        a = S.articles
        with self._guard(), self._write() as conn:
            ids = list({r["id"] for r in records})
            existing = set(conn.scalars(select(a.c.id).where(a.c.id.in_(ids))))
            new: list[dict] = []
            for record in records:
                if record["id"] not in existing:
                    existing.add(record["id"])
                    new.append(record)
            rows: dict[sa.Table, list[dict]] = {t: [] for t in S.CORE_TABLES}
            now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
            for record in new:
                _record_rows(record, now, rows)
            for table in S.CORE_TABLES:             # parents before children
                if rows[table]:
                    conn.execute(sa.insert(table), rows[table])
            self.backend.index(conn, [{"article_id": r["id"], **index_fields(r)} for r in new])
        return len(new), len(records) - len(new)

    def reindex(self) -> None:
        """Rebuild the full-text index from the stored articles (after a stemmer change)."""
        with self._guard(), self._write() as conn:
            self.backend.rebuild_fulltext(conn)

    # -- reading

    def get(self, article_id: str) -> dict | None:
        """The record stored under this content hash, as it was added; None if absent."""
        with self._guard(), self.engine.connect() as conn:
            art = conn.execute(select(S.articles).where(S.articles.c.id == article_id)) \
                .mappings().first()
            if art is None:
                return None

            def rows(table: sa.Table, *order) -> list:
                return conn.execute(select(table).where(table.c.article_id == article_id)
                                    .order_by(*order)).mappings().all()

            ents = rows(S.entities, S.entities.c.idx)
            ments = rows(S.mentions, S.mentions.c.entity_id, S.mentions.c.idx)
            evs = rows(S.events, S.events.c.idx)
            parts = rows(S.event_participants, S.event_participants.c.event_idx,
                         S.event_participants.c.role, S.event_participants.c.pos)
            quotes = rows(S.quotes, S.quotes.c.idx)
        return _rebuild(art, ents, ments, evs, parts, quotes)

    def count(self) -> dict[str, int]:
        """Rows stored: articles, entities, events, quotes."""
        tables = {"articles": S.articles, "entities": S.entities, "events": S.events,
                  "quotes": S.quotes}
        stmt = select(*[select(func.count()).select_from(t).scalar_subquery().label(k)
                        for k, t in tables.items()])
        with self._guard(), self.engine.connect() as conn:
            return dict(conn.execute(stmt).mappings().one())

    def search(self, query: str, *, limit: int = 20, offset: int = 0,
               event_type: str | None = None, entity: str | None = None,
               date_from: str | None = None, date_to: str | None = None) -> list[dict]:
        """Articles matching every word and "quoted phrase" of `query` (folded and stemmed,
        so spelling variants, harakat, the article and common suffixes do not matter), best
        first (bm25, then newest). Filters: event_type (has such an event), entity (has an
        entity whose folded name or alias contains it), date_from/date_to on the published
        date (YYYY-MM-DD, YYYY-MM or YYYY, inclusive).

        A query without any word (empty, only punctuation or operators) lists the articles
        that pass the filters, newest first, with score 0.0 — and returns [] when no filter
        is given either. Each hit: id, title, published, url, origin, snippet (original body
        text around the first match), score (higher is better)."""
        for name, value in (("limit", limit), ("offset", offset)):
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise InputError("search", f"{name} must be a whole number ≥ 0, not {value!r}")
        parsed = parse_query(query)
        filters = _filters(event_type, entity, date_from, date_to)
        if limit == 0 or not (parsed or filters):
            return []
        a = S.articles
        cols = [a.c.id, a.c.title, a.c.published, a.c.url, a.c.origin, a.c.body]
        newest = a.c.published.desc().nulls_last()
        if parsed:
            source, match, rank = self.backend.match(parsed)
            stmt = (select(*cols, rank.label("rank")).select_from(source)
                    .where(match, *filters).order_by(rank, newest, a.c.id))
        else:
            stmt = (select(*cols, sa.literal(0.0).label("rank")).where(*filters)
                    .order_by(newest, a.c.id))
        with self._guard(), self.engine.connect() as conn:
            found = conn.execute(stmt.limit(limit).offset(offset)).mappings().all()
        return [{"id": r["id"], "title": r["title"], "published": r["published"],
                 "url": r["url"], "origin": r["origin"], "snippet": snippet(r["body"], parsed),
                 "score": -float(r["rank"]) + 0.0} for r in found]


# ---------------------------------------------------------------------------------------------
# Search filters.

def _filters(event_type, entity, date_from, date_to) -> list:
    a, out = S.articles, []
    for name, value in (("event_type", event_type), ("entity", entity), ("date_from", date_from),
                        ("date_to", date_to)):
        if value is not None and not isinstance(value, str):
            raise InputError("search", f"{name} must be text, not {type(value).__name__}")
    if event_type:
        out.append(a.c.id.in_(select(S.events.c.article_id)
                              .where(S.events.c.type == event_type.strip().upper())))
    if entity is not None and entity.strip():
        key = fold_key(entity)
        if not key:
            raise InputError("search", f"the entity filter {entity!r} has no letters or digits")
        out.append(a.c.id.in_(select(S.entities.c.article_id)
                              .where(S.entities.c.name_key.contains(key, autoescape=True))))
    low = _date_bound(date_from, "date_from", upper=False)
    high = _date_bound(date_to, "date_to", upper=True)
    if low:
        out.append(a.c.published >= low)
    if high:
        out.append(a.c.published <= high)
    return out


def _date_bound(value: str | None, name: str, upper: bool) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD as the first (or last) day it covers, as text."""
    if value is None or not value.strip():
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value.strip())
    try:
        if not m:
            raise ValueError
        year, month, day = m.group(1), m.group(2), m.group(3)
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise InputError("search", f"{name} must be YYYY-MM-DD, YYYY-MM or YYYY, not {value!r}") \
            from None
    month = f"{int(month):02d}" if month else ("12" if upper else "01")
    day = f"{int(day):02d}" if day else ("31" if upper else "01")
    return f"{year}-{month}-{day}"


# ---------------------------------------------------------------------------------------------
# Records ⇄ rows.

ARTICLE_KEYS = ("id", "origin", "url", "title", "source", "published", "published_how",
                "fetched", "text", "body", "removed", "entities", "events", "quotes")
ENTITY_KEYS = ("id", "type", "name", "aliases", "titles", "mentions", "demonym_of")
EVENT_KEYS = ("type", "mode", "source", "target", "source_ids", "target_ids", "date",
              "date_how", "location", "evidence", "trigger", "confidence")
QUOTE_KEYS = ("speaker", "speaker_id", "text", "direct", "span", "cue")


def _extra(item: dict, known: tuple[str, ...]) -> dict | None:
    extra = {k: v for k, v in item.items() if k not in known}
    return extra or None


def _pair(span) -> tuple[int | None, int | None]:
    return (span[0], span[1]) if span is not None else (None, None)


def _record_rows(record: dict, now: str, rows: dict[sa.Table, list[dict]]) -> None:
    aid = record["id"]
    rows[S.articles].append({
        "id": aid, "origin": record.get("origin"), "url": record.get("url"),
        "title": record.get("title"), "source": record.get("source"),
        "published": record.get("published"), "published_how": record.get("published_how"),
        "fetched": record.get("fetched"), "text": record["text"], "body": record.get("body", ""),
        "removed": record.get("removed") or [], "extra": _extra(record, ARTICLE_KEYS),
        "ingested_at": now})
    for i, ent in enumerate(record.get("entities") or []):
        aliases = ent.get("aliases") or []
        keys = [k for k in (fold_key(x) for x in [ent["name"], *aliases]) if k]
        rows[S.entities].append({
            "article_id": aid, "idx": i, "local_id": ent["id"], "type": ent.get("type") or "",
            "name": ent["name"], "aliases": aliases, "titles": ent.get("titles") or [],
            "demonym_of": ent.get("demonym_of"), "name_key": " | ".join(keys),
            "extra": _extra(ent, ENTITY_KEYS)})
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
            "extra": _extra(ev, EVENT_KEYS)})
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
            "cue_end": cue_end, "extra": _extra(q, QUOTE_KEYS)})


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


# ---------------------------------------------------------------------------------------------
# Record validation: a record is checked whole before anything of it is written.

def _check_record(record: Any) -> None:
    if not isinstance(record, dict):
        raise InputError("record", f"expected a dict, got {type(record).__name__}")
    rid = record.get("id")
    where = f"record {rid}" if isinstance(rid, str) and rid else \
        f"record from {record.get('origin') or 'an unknown origin'}"

    def bad(reason: str):
        raise InputError(where, reason)

    if not isinstance(rid, str) or not rid.strip():
        bad("no content hash in 'id'")
    text = record.get("text")
    if not isinstance(text, str):
        bad("'text' is not a string")
    n = len(text)
    for key in ("origin", "url", "title", "source", "published_how", "fetched", "body"):
        if record.get(key) is not None and not isinstance(record[key], str):
            bad(f"'{key}' is not a string")
    published = record.get("published")
    if published is not None and not (isinstance(published, str) and DATE_RE.fullmatch(published)):
        bad(f"'published' must be YYYY-MM-DD or null, not {published!r}")

    def span(value, what: str, optional: bool = False) -> None:
        if value is None and optional:
            return
        if not (isinstance(value, (list, tuple)) and len(value) == 2
                and all(isinstance(x, int) and not isinstance(x, bool) for x in value)
                and 0 <= value[0] <= value[1] <= n):
            bad(f"{what} {value!r} is not a [start, end] span of the text ({n} characters)")

    def items(key: str) -> list:
        value = record.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(x, dict) for x in value):
            bad(f"'{key}' is not a list of objects")
        return value

    def strings(value, what: str) -> None:
        if value is not None and not (isinstance(value, list)
                                      and all(isinstance(x, str) for x in value)):
            bad(f"{what} is not a list of strings")

    for r in items("removed"):
        span([r.get("start"), r.get("end")], "removed block")
    ids: set[str] = set()
    for e in items("entities"):
        eid = e.get("id")
        if not isinstance(eid, str) or not eid or eid in ids:
            bad(f"entity id {eid!r} is missing or repeated")
        ids.add(eid)
        if not isinstance(e.get("name"), str):
            bad(f"entity {eid} has no name")
        if e.get("type") is not None and not isinstance(e["type"], str):
            bad(f"entity {eid} type is not a string")
        strings(e.get("aliases"), f"entity {eid} aliases")
        strings(e.get("titles"), f"entity {eid} titles")
        for m in e.get("mentions") or []:
            span(m, f"entity {eid} mention")
    for i, ev in enumerate(items("events")):
        if not isinstance(ev.get("type"), str) or not ev["type"]:
            bad(f"event {i} has no type")
        for role in ("source", "target"):
            strings(ev.get(role), f"event {i} {role}")
            strings(ev.get(role + "_ids"), f"event {i} {role}_ids")
            unknown = set(ev.get(role + "_ids") or []) - ids
            if unknown:
                bad(f"event {i} {role}_ids name unknown entities {sorted(unknown)}")
        span(ev.get("evidence"), f"event {i} evidence", optional=True)
        span(ev.get("trigger"), f"event {i} trigger", optional=True)
        conf = ev.get("confidence")
        if conf is not None and (not isinstance(conf, (int, float)) or isinstance(conf, bool)):
            bad(f"event {i} confidence is not a number")
    for i, q in enumerate(items("quotes")):
        if not isinstance(q.get("text"), str):
            bad(f"quote {i} has no text")
        if not isinstance(q.get("direct"), bool):
            bad(f"quote {i} 'direct' is not true/false")
        span(q.get("span"), f"quote {i} span")
        span(q.get("cue"), f"quote {i} cue", optional=True)
        if q.get("speaker_id") is not None and q["speaker_id"] not in ids:
            bad(f"quote {i} speaker_id {q['speaker_id']!r} is not an entity of the article")
    extras = [_extra(record, ARTICLE_KEYS)] + \
        [_extra(x, k) for key, k in (("entities", ENTITY_KEYS), ("events", EVENT_KEYS),
                                     ("quotes", QUOTE_KEYS)) for x in items(key)]
    try:
        for extra in extras:
            if extra:
                json.dumps(extra)
    except (TypeError, ValueError) as error:
        bad(f"an extra field cannot be stored as JSON ({error})")
