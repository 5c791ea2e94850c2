"""The database schema (SQLAlchemy Core, portable SQL types) and its numbered migrations.

Tables are normalised so that events, participants, entities and quotes can be queried
directly. Every child row carries `article_id` (the article's content hash) and is deleted
with its article. Offsets are [start, end) into `articles.text`. Keys of a record that the
schema has no column for are kept in the `extra` JSON columns, so a record reads back whole.

`schema_version` holds one number: how many entries of MIGRATIONS the database has had.
Opening a database applies the missing ones in order, each in its own transaction. Never edit
a released migration: append a new one. Migration 1 builds the tables from the definitions
below; when a later migration alters a table, freeze a copy of the old definition for
migration 1 first.
"""
from __future__ import annotations

from typing import Callable

from sqlalchemy import (JSON, Boolean, Column, Connection, Float, ForeignKey,
                        ForeignKeyConstraint, Index, Integer, MetaData, String, Table, Text,
                        UniqueConstraint, func, insert, select, update)

metadata = MetaData()


def _json() -> JSON:
    # SQL NULL, not the JSON text 'null', for absent values
    return JSON(none_as_null=True)


schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, nullable=False),
)

articles = Table(
    "articles", metadata,
    Column("id", String, primary_key=True),            # sha256 hex of the article text
    Column("origin", Text),
    Column("url", Text),
    Column("title", Text),
    Column("source", Text),
    Column("published", String(10)),                   # YYYY-MM-DD: compares as text
    Column("published_how", Text),
    Column("fetched", String),                         # ISO date-time
    Column("text", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("removed", _json(), nullable=False),        # [{"start", "end", "reason"}]
    Column("extra", _json()),                          # record keys without a column
    Column("ingested_at", String, nullable=False),     # ISO date-time, UTC
    Index("ix_articles_published", "published"),
)

entities = Table(
    "entities", metadata,
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True),
    Column("idx", Integer, primary_key=True),          # order in the record
    Column("local_id", String, nullable=False),        # "e1": unique within the article
    Column("type", String, nullable=False),            # PER, ORG, LOC, MISC
    Column("name", Text, nullable=False),
    Column("aliases", _json(), nullable=False),
    Column("titles", _json(), nullable=False),
    Column("demonym_of", Text),
    Column("name_key", Text, nullable=False),          # fold_key of name and aliases, " | "-joined
    Column("extra", _json()),
    UniqueConstraint("article_id", "local_id", name="uq_entities_local_id"),
)

mentions = Table(
    "mentions", metadata,
    Column("article_id", String, primary_key=True),
    Column("entity_id", String, primary_key=True),     # entities.local_id
    Column("idx", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    ForeignKeyConstraint(["article_id", "entity_id"], ["entities.article_id", "entities.local_id"],
                         ondelete="CASCADE"),
)

events = Table(
    "events", metadata,
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("type", String, nullable=False),            # PLOVER type, e.g. CONSULT
    Column("mode", String),
    Column("date", String(10)),
    Column("date_how", Text),
    Column("location", Text),
    Column("evidence_start", Integer),
    Column("evidence_end", Integer),
    Column("trigger_start", Integer),
    Column("trigger_end", Integer),
    Column("confidence", Float),
    Column("extra", _json()),
    Index("ix_events_type", "type"),
)

event_participants = Table(
    "event_participants", metadata,
    Column("article_id", String, primary_key=True),
    Column("event_idx", Integer, primary_key=True),
    Column("role", String, primary_key=True),          # source | target
    Column("pos", Integer, primary_key=True),          # order within the role
    Column("entity_id", String),                       # entities.local_id, when resolved
    Column("name", Text),
    ForeignKeyConstraint(["article_id", "event_idx"], ["events.article_id", "events.idx"],
                         ondelete="CASCADE"),
    Index("ix_event_participants_entity", "article_id", "entity_id"),
)

quotes = Table(
    "quotes", metadata,
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("speaker", Text),
    Column("speaker_id", String),
    Column("text", Text, nullable=False),
    Column("direct", Boolean, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("extra", _json()),
)

CORE_TABLES = [articles, entities, mentions, events, event_participants, quotes]


class FullTextBackend:
    """What a migration needs from the database-specific full-text part (see db.py)."""

    def create_fulltext(self, conn: Connection) -> None: ...

    def rebuild_fulltext(self, conn: Connection) -> None: ...


def _v1_core_tables(conn: Connection, backend: FullTextBackend) -> None:
    metadata.create_all(conn, tables=CORE_TABLES)


def _v2_fulltext(conn: Connection, backend: FullTextBackend) -> None:
    backend.create_fulltext(conn)
    backend.rebuild_fulltext(conn)          # articles stored before the index existed


Migration = Callable[[Connection, FullTextBackend], None]
MIGRATIONS: list[Migration] = [_v1_core_tables, _v2_fulltext]
LATEST = len(MIGRATIONS)


def current_version(conn: Connection) -> int:
    """The database's schema version: 0 for an empty database."""
    if not conn.dialect.has_table(conn, schema_version.name):
        return 0
    return conn.execute(select(func.max(schema_version.c.version))).scalar() or 0


def set_version(conn: Connection, version: int) -> None:
    if conn.execute(select(func.count()).select_from(schema_version)).scalar():
        conn.execute(update(schema_version).values(version=version))
    else:
        conn.execute(insert(schema_version).values(version=version))


def apply_migration(conn: Connection, backend: FullTextBackend, version: int) -> None:
    """Bring a database at `version - 1` to `version`, inside the caller's transaction."""
    schema_version.create(conn, checkfirst=True)
    MIGRATIONS[version - 1](conn, backend)
    set_version(conn, version)
