"""The Store: records in, records and search hits out, one code path for every database.

Everything below `Store` is portable SQLAlchemy Core. What only SQLite has (connection
PRAGMAs, BEGIN IMMEDIATE write locks, the FTS5 index and its query syntax, its driver errors)
lives in `SqliteBackend`; what only PostgreSQL has (a tsvector column with a GIN index and the
`arabic` text-search configuration, an advisory lock serialising writers, psycopg's errors)
lives in `PostgresBackend`. Both index the same folded, light-stemmed text
(rasad.store.search), so a query finds the same articles on either.

The knowledge base (canonical entities, near-duplicates, event clusters) is built in the same
write transaction as the articles (rasad.store.kb); its queries are in rasad.store.queries.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import time
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, Sequence

import sqlalchemy as sa
from sqlalchemy import Connection, Engine, delete, event, exc, func, select

from rasad.errors import InputError
from rasad.store import schema as S
from rasad.store import kb
from rasad.store import queries as Q
from rasad.store.errors import StoreError
from rasad.store.kb import KnowledgeBase
from rasad.store.rows import (ARTICLE_KEYS, ENTITY_KEYS, EVENT_KEYS, QUOTE_KEYS,
                              extra_fields as _extra, read_records as _read_records,
                              record_rows as _record_rows)
from rasad.store.search import Query, date_bound, index_fields, month_tags, parse_query, snippet

DEFAULT_DB_FILE = "rasad.db"
MMAP_BYTES = 2 << 30         # SQLite: database bytes read through mmap (at most)
CACHE_KIB = 32_768          # SQLite: page cache per connection
TIE_WINDOW = 20             # matches read past a search page, for ties of rank at its end
BATCH_SIZE = 500            # records per transaction in add_many
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def default_db_url() -> str:
    """$RASAD_DB (a path or an SQLAlchemy URL), else the SQLite file rasad.db in the working
    folder."""
    return _to_url(os.environ.get("RASAD_DB", "").strip() or DEFAULT_DB_FILE)


def _to_url(url_or_path: str) -> str:
    if "://" in url_or_path:
        # psycopg 3 is the PostgreSQL driver rasad ships with
        for plain in ("postgresql://", "postgres://"):
            if url_or_path.startswith(plain):
                return "postgresql+psycopg://" + url_or_path[len(plain):]
        return url_or_path
    if url_or_path == ":memory:":
        return "sqlite://"
    return "sqlite:///" + os.path.abspath(os.path.expanduser(url_or_path))


def _hide_password(url: str) -> str:
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except (exc.ArgumentError, ValueError):
        return re.sub(r"//([^:/@]*):[^@/]*@", r"//\1:***@", url)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------
# SQLite: the one place for what is specific to it.

def _use_wal(cur: sqlite3.Cursor, patience_s: float) -> None:
    """Put the database in WAL mode unless it is already. Switching needs a moment alone with
    the file, and SQLite answers "locked" at once rather than waiting, so two processes opening
    a new database together take turns here instead of one failing."""
    deadline = time.monotonic() + patience_s
    pause = 0.01
    while True:
        try:
            if cur.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                cur.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            reason = str(error).lower()
            if "readonly" in reason:                       # a read-only file keeps its mode
                return
            if "locked" not in reason and "busy" not in reason or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.2)


class SqliteBackend(S.FullTextBackend):
    """PRAGMAs on every connection, BEGIN IMMEDIATE for writes, and an FTS5 index of folded,
    stemmed text (see rasad.store.search) with bm25 ranking."""

    driver_errors = (sqlite3.Error,)
    fts = sa.table("article_fts", sa.column("article_id"), sa.column("title"),
                   sa.column("body"), sa.column("names"), sa.column("tags"))
    # bm25 column weights: article_id (unindexed), title, body, names, tags (filters only)
    rank = sa.literal_column("bm25(article_fts, 0.0, 3.0, 1.0, 2.0, 0.0)")
    facet_tags = True          # the index holds search.facet_tags: filters join the MATCH

    def __init__(self, engine: Engine, busy_timeout_ms: int):
        @event.listens_for(engine, "connect")
        def _connect(dbapi_conn, _record):
            dbapi_conn.isolation_level = None      # transactions are begun by _begin below
            cur = dbapi_conn.cursor()
            cur.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cur.execute("PRAGMA foreign_keys = ON")
            _use_wal(cur, busy_timeout_ms / 1000)       # readers never wait for the writer
            cur.execute("PRAGMA synchronous = NORMAL")     # safe with WAL, much faster
            # reads through memory-mapped pages and a larger page cache: the web pages read
            # rows scattered over a database of gigabytes
            cur.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            cur.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
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
            "article_id UNINDEXED, title, body, names, tags, "
            "tokenize = 'unicode61 remove_diacritics 2')")

    def upgrade_fulltext(self, conn: Connection) -> None:
        """Migration 4: the index gains the facet tags column (rebuilt from the articles)."""
        conn.exec_driver_sql("DROP TABLE IF EXISTS article_fts")
        self.create_fulltext(conn)
        self.rebuild_fulltext(conn)

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
    def match_expression(query: Query, tags: Sequence[Sequence[str]] = ()) -> str:
        """FTS5 syntax: every clause a double-quoted string (a phrase when it has several
        stems), ANDed. Stems hold only letters and digits; quotes are doubled regardless.
        `tags`: groups of facet tags (search.facet_tags), one of each group required."""
        parts = ['"' + " ".join(c).replace('"', '""') + '"' for c in query.clauses]
        for group in tags:
            words = [t for t in group if t.isalnum() and t.isascii()]
            parts.append("tags : (" + " OR ".join(words) + ")" if words else "tags : nothing0")
        return " AND ".join(parts)

    def match(self, query: Query, tags: Sequence[Sequence[str]] = ()):
        """(FROM clause, WHERE clause, rank expression, lower is better) for a text query."""
        source = self.fts.join(S.articles, S.articles.c.id == self.fts.c.article_id)
        where = sa.text("article_fts MATCH :fts_query").bindparams(
            fts_query=self.match_expression(query, tags))
        return source, where, self.rank


# ---------------------------------------------------------------------------------------------
# PostgreSQL: the one place for what is specific to it.

def _pg_errors() -> tuple[type[BaseException], ...]:
    try:
        import psycopg
        return (psycopg.Error,)
    except ImportError:                                  # pragma: no cover
        return ()


class PostgresBackend(S.FullTextBackend):
    """A tsvector column (table article_tsv, GIN index) of the folded, stemmed text under the
    `arabic` configuration, weighted title A, names B, body D, ranked by ts_rank_cd. Writers
    take a transaction-scoped advisory lock, so identity resolution sees one writer at a time
    (as SQLite's BEGIN IMMEDIATE gives)."""

    driver_errors = _pg_errors()
    CONFIG = "arabic"
    WRITE_LOCK = 7245001            # pg_advisory_xact_lock key: "rasad writer"
    tsv = sa.table("article_tsv", sa.column("article_id"), sa.column("tsv"))

    def __init__(self, engine: Engine):
        @event.listens_for(engine, "begin")
        def _begin(conn):
            if conn.get_execution_options().get("rasad_write"):
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({self.WRITE_LOCK})")

    def create_fulltext(self, conn: Connection) -> None:
        conn.exec_driver_sql(
            "CREATE TABLE IF NOT EXISTS article_tsv ("
            "article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE, "
            "tsv TSVECTOR NOT NULL)")
        conn.exec_driver_sql(
            "CREATE INDEX IF NOT EXISTS ix_article_tsv ON article_tsv USING GIN (tsv)")

    def index(self, conn: Connection, rows: list[dict[str, str]]) -> None:
        rows = [{k: r[k] for k in ("article_id", "title", "names", "body")} for r in rows]
        if rows:
            conn.execute(sa.text(
                "INSERT INTO article_tsv (article_id, tsv) VALUES (:article_id, "
                f"setweight(to_tsvector('{self.CONFIG}', :title), 'A') || "
                f"setweight(to_tsvector('{self.CONFIG}', :names), 'B') || "
                f"setweight(to_tsvector('{self.CONFIG}', :body), 'D'))"), rows)

    def rebuild_fulltext(self, conn: Connection) -> None:
        conn.exec_driver_sql("DELETE FROM article_tsv")
        for rows in _fulltext_rows(conn):
            self.index(conn, rows)

    def tsquery(self, query: Query):
        config = sa.literal_column(f"'{self.CONFIG}'::regconfig")
        parts = [sa.func.phraseto_tsquery(config, sa.literal(" ".join(c), sa.Text))
                 for c in query.clauses]
        out = parts[0]
        for part in parts[1:]:
            out = out.op("&&")(part)
        return out

    def match(self, query: Query):
        q = self.tsquery(query)
        source = S.articles.join(self.tsv, self.tsv.c.article_id == S.articles.c.id)
        where = self.tsv.c.tsv.op("@@")(q)
        rank = -sa.func.ts_rank_cd(self.tsv.c.tsv, q)
        return source, where, rank


def _fulltext_rows(conn: Connection, chunk: int = 1000) -> Iterator[list[dict[str, str]]]:
    """Index rows of every stored article, a chunk at a time (for rebuilding the index)."""
    a, e = S.articles, S.entities
    last = ""
    while True:
        arts = conn.execute(select(a.c.id, a.c.title, a.c.body, a.c.published).where(a.c.id > last)
                            .order_by(a.c.id).limit(chunk)).all()
        if not arts:
            return
        ids = [r.id for r in arts]
        names: dict[str, list[dict]] = {}
        for article_id, name, aliases in conn.execute(
                select(e.c.article_id, e.c.name, e.c.aliases)
                .where(e.c.article_id.in_(ids)).order_by(e.c.article_id, e.c.idx)):
            names.setdefault(article_id, []).append({"name": name, "aliases": aliases})
        events: dict[str, list[dict]] = {}
        for article_id, etype in conn.execute(select(S.events.c.article_id, S.events.c.type)
                                              .where(S.events.c.article_id.in_(ids))):
            events.setdefault(article_id, []).append({"type": etype})
        yield [{"article_id": r.id, **index_fields(
            {"title": r.title, "body": r.body, "published": r.published,
             "entities": names.get(r.id, []), "events": events.get(r.id, [])})} for r in arts]
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
    if "connection refused" in low or "could not connect" in low or \
            "connection failed" in low or "could not translate host" in low:
        return "cannot connect to the database server (is it running? is the URL right?)"
    if "password authentication failed" in low or "authentication" in low:
        return "the database server refused the login (user or password)"
    if "does not exist" in low and "database" in low:
        return "the database does not exist on the server (create it first)"
    return msg


# ---------------------------------------------------------------------------------------------
# Portable part.

class Store:
    """Article records in a database. Open with `Store.open()`; close with `close()` or a
    `with` block."""

    busy_timeout_ms = 5000       # how long a writer waits for another writer (SQLite)

    def __init__(self, engine: Engine, backend: S.FullTextBackend, name: str):
        self.engine = engine
        self.backend = backend
        self.name = name

    @classmethod
    def open(cls, url_or_path: str | None = None) -> "Store":
        """Open (creating or migrating) the database at a path or SQLAlchemy URL; None means
        default_db_url(). Raises StoreError when it cannot be used."""
        url = _to_url(url_or_path) if url_or_path else default_db_url()
        shown = _hide_password(url)
        try:
            options: dict[str, Any] = {}
            if url.startswith("postgresql"):
                options["connect_args"] = {"connect_timeout": 10}
            engine = sa.create_engine(url, json_serializer=_dumps, **options)
        except (exc.ArgumentError, exc.NoSuchModuleError, ImportError) as error:
            reason = str(error).replace(url, shown).splitlines()[0] if str(error) else \
                type(error).__name__
            raise StoreError(shown, f"not a usable database URL ({reason})") from error
        if engine.dialect.name == "sqlite":
            backend: S.FullTextBackend = SqliteBackend(engine, cls.busy_timeout_ms)
            name = engine.url.database or ":memory:"
        elif engine.dialect.name == "postgresql":
            backend = PostgresBackend(engine)
            name = engine.url.render_as_string(hide_password=True)
        else:
            name = engine.url.render_as_string(hide_password=True)
            engine.dispose()
            raise StoreError(name, f"{engine.dialect.name} is not supported: use SQLite or "
                                   "PostgreSQL")
        store = cls(engine, backend, name)
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
                        if version == S.KNOWLEDGE_BASE_VERSION:
                            kb.backfill(conn)   # articles stored before the knowledge base

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
            KnowledgeBase(conn).process(new)
        return len(new), len(records) - len(new)

    def reindex(self) -> None:
        """Rebuild the full-text index from the stored articles (after a stemmer change)."""
        with self._guard(), self._write() as conn:
            self.backend.rebuild_fulltext(conn)

    # -- reading

    def get(self, article_id: str, with_corrections: bool = True,
            with_identity: bool = False) -> dict | None:
        """The record stored under this content hash, as it was added; None if absent.

        with_corrections: corrections of its events, quotes and entities are overlaid
        (rejected items get "rejected": true, edited fields are replaced, and
        "corrected_by"/"corrected_at" say who and when); a record without corrections comes
        back exactly as added. with_identity: each entity also gets "canonical_id",
        "canonical_name" and "latin", each event "cluster_id", and the record
        "near_duplicates" (ids of near-identical stored articles)."""
        with self._guard(), self.engine.connect() as conn:
            found = _read_records(conn, [article_id])
            if not found:
                return None
            record = found[0]
            canonical: dict[str, int] = {}
            if with_corrections or with_identity:
                el, ce = S.entity_links, S.canonical_entities
                rows = conn.execute(select(el.c.local_id, ce.c.id, ce.c.name, ce.c.latin)
                                    .join(ce, ce.c.id == el.c.canonical_id)
                                    .where(el.c.article_id == article_id)).all()
                canonical = {r[0]: r[1] for r in rows}
                names = {r[0]: (r[2], r[3]) for r in rows}
            if with_corrections:
                corrections = _corrections(conn, article_id, set(canonical.values()))
                if corrections:
                    kb.overlay(record, corrections, canonical)
            if with_identity:
                for ent in record["entities"]:
                    cid = canonical.get(ent["id"])
                    ent["canonical_id"] = cid
                    ent["canonical_name"], ent["latin"] = names.get(ent["id"], (None, None))
                lk = S.event_links
                clusters = dict(conn.execute(select(lk.c.event_idx, lk.c.cluster_id)
                                             .where(lk.c.article_id == article_id)).all())
                for i, ev in enumerate(record["events"]):
                    ev["cluster_id"] = clusters.get(i)
                nd = S.near_duplicates
                record["near_duplicates"] = sorted(
                    set(conn.scalars(select(nd.c.duplicate_of).where(nd.c.article_id == article_id)))
                    | set(conn.scalars(select(nd.c.article_id)
                                       .where(nd.c.duplicate_of == article_id))))
        return record

    def count(self) -> dict[str, int]:
        """Rows stored: articles, entities, events, quotes."""
        tables = {"articles": S.articles, "entities": S.entities, "events": S.events,
                  "quotes": S.quotes}
        stmt = select(*[select(func.count()).select_from(t).scalar_subquery().label(k)
                        for k, t in tables.items()])
        with self._guard(), self.engine.connect() as conn:
            return dict(conn.execute(stmt).mappings().one())

    def search(self, query: str, *, limit: int = 20, offset: int = 0,
               event_type: str | None = None, entity: str | int | None = None,
               place: str | int | None = None,
               date_from: str | None = None, date_to: str | None = None) -> list[dict]:
        """Articles matching every word and "quoted phrase" of `query` (folded and stemmed,
        so spelling variants, harakat, the article and common suffixes do not matter), best
        first (bm25 / ts_rank_cd, then newest). Filters: event_type (has such an event),
        entity (has an entity linked to a canonical entity that the value names: its id, or a
        name whose words are words of one of its aliases in any article, or of its Latin
        name — so "الأسد" also finds articles that wrote "بشار الأسد"), place (the same for
        places, also by ISO code: "SY"), date_from/date_to on the published date
        (YYYY-MM-DD, YYYY-MM or YYYY, inclusive).

        A query without any word (empty, only punctuation or operators) lists the articles
        that pass the filters, newest first, with score 0.0 — and returns [] when no filter
        is given either. Each hit: id, title, published, url, origin, snippet (original body
        text around the first match), score (higher is better)."""
        _check_page(limit, offset, "search")
        parsed = parse_query(query)
        filters = _filters(event_type, entity, date_from, date_to, place)   # checks them all
        if limit == 0 or not (parsed or filters):
            return []
        tags, event_type, date_from, date_to = tag_filters(self.backend, parsed, event_type,
                                                           date_from, date_to)
        if tags:
            filters = _filters(event_type, entity, date_from, date_to, place)
        stmt = self._ranked_page(parsed, filters, tags, limit + offset) \
            if parsed and getattr(self.backend, "fts", None) is not None else \
            self._search_stmt(parsed, filters, tags=tags)
        with self._guard(), self.engine.connect() as conn:
            found = conn.execute(stmt.limit(limit).offset(offset)).mappings().all()
        return [{"id": r["id"], "title": r["title"], "published": r["published"],
                 "url": r["url"], "origin": r["origin"], "snippet": snippet(r["body"], parsed),
                 "score": -float(r["rank"]) + 0.0} for r in found]

    def _ranked_page(self, parsed: Query, filters: list, tags, depth: int):
        """Search with SQLite's FTS5: the best `depth` (+ TIE_WINDOW) matches ranked by the
        index alone, the other filters as a set of article ids; only those are joined to
        their articles and sorted by (rank, newest). Joining every match to its article
        first cost several times the match on a common word."""
        a, fts = S.articles, self.backend.fts
        _source, match, rank = self.backend.match(parsed, tags) if tags else \
            self.backend.match(parsed)
        where = [match] + ([fts.c.article_id.in_(select(a.c.id).where(*filters))]
                           if filters else [])
        best = (select(fts.c.article_id.label("id"), rank.label("rank")).select_from(fts)
                .where(*where).order_by(rank).limit(depth + TIE_WINDOW).subquery())
        return (select(a.c.id, a.c.title, a.c.published, a.c.url, a.c.origin, a.c.body,
                       best.c.rank)
                .select_from(a.join(best, best.c.id == a.c.id))
                .order_by(best.c.rank, a.c.published.desc().nulls_last(), a.c.id))

    def _search_stmt(self, parsed: Query, filters: list, ordered: bool = True, tags=()):
        a = S.articles
        cols = [a.c.id, a.c.title, a.c.published, a.c.url, a.c.origin, a.c.body]
        newest = a.c.published.desc().nulls_last()
        if parsed:
            source, match, rank = self.backend.match(parsed, tags) if tags else \
                self.backend.match(parsed)
            stmt = select(*cols, rank.label("rank")).select_from(source).where(match, *filters)
            return stmt.order_by(rank, newest, a.c.id) if ordered else stmt
        stmt = select(*cols, sa.literal(0.0).label("rank")).where(*filters)
        return stmt.order_by(newest, a.c.id) if ordered else stmt

    def facets(self, query: str = "", *, event_type: str | None = None,
               entity: str | int | None = None, place: str | int | None = None,
               date_from: str | None = None, date_to: str | None = None,
               limit: int = 10) -> dict[str, list[dict]]:
        """Counts of the articles matching a search (same arguments as `search`), for a
        faceted UI: per event type, entity (people and organisations), place, outlet and
        month; each list is the `limit` largest, largest first. An empty query without
        filters counts every article."""
        _check_page(limit, 0, "facets")
        parsed = parse_query(query)
        filters = _filters(event_type, entity, date_from, date_to, place)
        a, ev, el, ce = S.articles, S.events, S.entity_links, S.canonical_entities
        if parsed or filters:
            hits = self._search_stmt(parsed, filters, ordered=False).with_only_columns(
                a.c.id).subquery()
            ids = select(hits.c.id)
        else:
            ids = None

        def within(col):
            return [col.in_(ids)] if ids is not None else []

        n = sa.func.count(sa.distinct(ev.c.article_id)).label("n")
        out: dict[str, list[dict]] = {}
        with self._guard(), self.engine.connect() as conn:
            out["event_type"] = [{"value": t, "count": c} for t, c in conn.execute(
                select(ev.c.type, n).where(*within(ev.c.article_id)).group_by(ev.c.type)
                .order_by(sa.desc("n"), ev.c.type).limit(limit))]
            for facet, types in (("entity", ("PER", "ORG")), ("place", ("LOC",))):
                cnt = sa.func.count(sa.distinct(el.c.article_id)).label("n")
                rows = conn.execute(
                    select(ce.c.id, ce.c.name, ce.c.latin, ce.c.type, cnt)
                    .join(ce, ce.c.id == el.c.canonical_id)
                    .where(*within(el.c.article_id), ce.c.type.in_(types))
                    .group_by(ce.c.id, ce.c.name, ce.c.latin, ce.c.type)
                    .order_by(sa.desc("n"), ce.c.id).limit(limit)).all()
                out[facet] = [{"id": r[0], "value": r[1], "latin": r[2], "type": r[3],
                               "count": r[4]} for r in rows]
            cnt = sa.func.count().label("n")
            out["outlet"] = [{"value": v, "count": c} for v, c in conn.execute(
                select(a.c.source, cnt).where(*within(a.c.id), a.c.source.is_not(None))
                .group_by(a.c.source).order_by(sa.desc("n"), a.c.source).limit(limit))]
            month = sa.func.substr(a.c.published, 1, 7).label("month")
            out["month"] = [{"value": v, "count": c} for v, c in conn.execute(
                select(month, cnt).where(*within(a.c.id), a.c.published.is_not(None))
                .group_by(month).order_by(month.desc()).limit(max(limit, 24)))]
        return out

    # -- the knowledge base

    def entity(self, name_or_id: str | int, *, timeline: bool | int = True,
               article_ids: int = 1000) -> dict | None:
        """A canonical entity by id or name (the one with most articles when a name fits
        several): name, type, latin, ref/iso2/geonameid/kind, aliases with counts (and their
        Latin renderings), titles/offices seen with counts, articles, mentions, and its
        timeline: the latest event clusters it takes part in (MAX_TIMELINE, or `timeline`
        when a number; none when False), by date, each with type, role, partners, place and
        source articles; `activity`: all its events counted per type and month; `n_events`;
        article_ids (up to `article_ids`). None when nothing matches."""
        limit = Q.MAX_TIMELINE if timeline is True else int(timeline or 0)
        with self._guard(), self.engine.connect() as conn:
            return Q.entity(conn, name_or_id, limit, article_ids)

    def entities(self, prefix: str | None = None, type: str | None = None, *,
                 limit: int = 50, offset: int = 0) -> list[dict]:
        """Canonical entities, most articles first; `prefix` matches the start of any word of
        a name or alias (Arabic, folded) or of the Latin name; `type` PER/ORG/LOC/MISC."""
        _check_page(limit, offset, "entities")
        with self._guard(), self.engine.connect() as conn:
            return Q.entities(conn, prefix, type, limit, offset)

    def events(self, type: str | None = None, entity: str | int | None = None,
               place: str | int | None = None, date_from: str | None = None,
               date_to: str | None = None, *, limit: int = 50, offset: int = 0) -> list[dict]:
        """Events, one row per event cluster (the same event reported by several articles
        and outlets), newest first: id, type, date, place, participants, n_events,
        n_articles, outlets, and sources (article id, url, outlet, evidence offsets and text,
        trigger, mode, names as written)."""
        _check_page(limit, offset, "events")
        with self._guard(), self.engine.connect() as conn:
            return Q.events(conn, type=type, entity=entity, place=place, date_from=date_from,
                            date_to=date_to, limit=limit, offset=offset)

    def quotes(self, speaker: str | int | None = None, *, date_from: str | None = None,
               date_to: str | None = None, limit: int = 50, offset: int = 0) -> list[dict]:
        """Quotes, newest first; `speaker` names a canonical entity (any alias)."""
        _check_page(limit, offset, "quotes")
        with self._guard(), self.engine.connect() as conn:
            return Q.quotes(conn, speaker=speaker, date_from=date_from, date_to=date_to,
                            limit=limit, offset=offset)

    def network(self, entity_id: str | int, *, type: str = "CONSULT",
                limit: int = 100) -> dict | None:
        """Who met whom: partners of the entity in CONSULT event clusters, with counts."""
        with self._guard(), self.engine.connect() as conn:
            return Q.network(conn, entity_id, type=type, limit=limit)

    def near_duplicates(self, article_id: str) -> list[dict]:
        """Stored articles nearly identical to this one (estimated Jaccard ≥ 0.8)."""
        nd = S.near_duplicates
        with self._guard(), self.engine.connect() as conn:
            rows = conn.execute(select(nd).where(sa.or_(nd.c.article_id == article_id,
                                                        nd.c.duplicate_of == article_id)))
            return [{"article_id": r.duplicate_of if r.article_id == article_id
                     else r.article_id, "similarity": r.similarity} for r in rows]

    # -- corrections and API tokens

    def add_correction(self, article_id: str | None, target_kind: str, target_key: str,
                       action: str, payload: Any = None, author: str = "") -> int:
        """Record a correction (kept for good: re-ingesting never removes it) and return its
        id. Entity merges (payload {"into": id}) and splits (the article's links, or payload
        {"article_ids": [...]}, move to a new canonical entity) are applied at once."""
        kb.check_correction(article_id, target_kind, target_key, action, payload, author)
        with self._guard(), self._write() as conn:
            if target_kind == "entity" and action in ("merge", "split"):
                kb.apply_entity_correction(conn, article_id, target_key, action, payload)
            return conn.execute(sa.insert(S.corrections).values(
                article_id=article_id, target_kind=target_kind, target_key=target_key,
                action=action, payload=payload, author=author.strip(),
                created_at=kb._now())).inserted_primary_key[0]

    def corrections(self, article_id: str | None = None,
                    target_key: str | None = None) -> list[dict]:
        """Corrections, oldest first, of an article and/or a target key (all when neither)."""
        c = S.corrections
        stmt = select(c).order_by(c.c.id)
        if article_id is not None:
            stmt = stmt.where(c.c.article_id == article_id)
        if target_key is not None:
            stmt = stmt.where(c.c.target_key == target_key)
        with self._guard(), self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(stmt).mappings()]

    def create_token(self, name: str, ttl_days: int | None = None) -> str:
        """A new API token for `name`: the plaintext is returned once; only its sha256 is
        stored. ttl_days: expires after so many days (never when None)."""
        if not isinstance(name, str) or not name.strip():
            raise InputError("token", "a token needs a name")
        if ttl_days is not None and (not isinstance(ttl_days, int) or isinstance(ttl_days, bool)
                                     or ttl_days <= 0):
            raise InputError("token", f"ttl_days must be a whole number > 0, not {ttl_days!r}")
        token = kb.new_token()
        now = dt.datetime.now(dt.timezone.utc)
        expires = (now + dt.timedelta(days=ttl_days)).isoformat(timespec="seconds") \
            if ttl_days else None
        with self._guard(), self._write() as conn:
            conn.execute(sa.insert(S.api_tokens).values(
                name=name.strip(), token_hash=kb.token_hash(token),
                created_at=now.isoformat(timespec="seconds"), expires_at=expires,
                revoked=False))
        return token

    def verify_token(self, token: str) -> bool:
        """True for a token that was created here, is not revoked and has not expired."""
        if not isinstance(token, str) or not token:
            return False
        t = S.api_tokens
        with self._guard(), self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(
                select(t.c.token_hash, t.c.revoked, t.c.expires_at)).mappings()]
        return kb.token_valid(rows, token, kb._now())

    def revoke_token(self, name: str) -> int:
        """Revoke every token of this name; returns how many were active."""
        t = S.api_tokens
        with self._guard(), self._write() as conn:
            return conn.execute(sa.update(t).where(t.c.name == name, t.c.revoked.is_(False))
                                .values(revoked=True)).rowcount


def _check_page(limit, offset, what: str) -> None:
    for name, value in (("limit", limit), ("offset", offset)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise InputError(what, f"{name} must be a whole number ≥ 0, not {value!r}")


# ---------------------------------------------------------------------------------------------
# Search filters.

def tag_filters(backend, parsed: Query, event_type, date_from, date_to):
    """(tags, event_type, date_from, date_to): the filters that a text search hands to the
    full-text index as facet tags (search.facet_tags: an event type, whole months), and
    those left for SQL (None once tagged). Without a text query or tags in the index,
    everything is left for SQL."""
    if not parsed or not backend.facet_tags:
        return [], event_type, date_from, date_to
    tags: list[list[str]] = []
    if isinstance(event_type, str) and event_type.strip():
        tags.append([f"ev{event_type.strip().lower()}"])
        event_type = None
    if isinstance(date_from, str) and isinstance(date_to, str):
        months = month_tags(date_bound(date_from, "date_from", upper=False),
                            date_bound(date_to, "date_to", upper=True))
        if months:
            tags.append(months)
            date_from = date_to = None
    return tags, event_type, date_from, date_to


def _filters(event_type, entity, date_from, date_to, place=None) -> list:
    a, out = S.articles, []
    for name, value in (("event_type", event_type), ("date_from", date_from),
                        ("date_to", date_to)):
        if value is not None and not isinstance(value, str):
            raise InputError("search", f"{name} must be text, not {type(value).__name__}")
    if event_type and event_type.strip():
        out.append(a.c.id.in_(select(S.events.c.article_id)
                              .where(S.events.c.type == event_type.strip().upper())))
    if entity is not None and str(entity).strip():
        out.append(a.c.id.in_(Q.articles_with(entity, "entity")))
    if place is not None and str(place).strip():
        out.append(a.c.id.in_(Q.articles_with(place, "place", types=("LOC",))))
    low = date_bound(date_from, "date_from", upper=False)
    high = date_bound(date_to, "date_to", upper=True)
    if low:
        out.append(a.c.published >= low)
    if high:
        out.append(a.c.published <= high)
    return out


def _corrections(conn: Connection, article_id: str, canonical_ids: set[int]) -> list[dict]:
    c = S.corrections
    cond = c.c.article_id == article_id
    if canonical_ids:
        keys = [f"ENTITY:{i}" for i in canonical_ids]
        cond = sa.or_(cond, sa.and_(c.c.article_id.is_(None), c.c.target_key.in_(keys)))
    return [dict(r) for r in conn.execute(select(c).where(cond).order_by(c.c.id)).mappings()]


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
