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

from sqlalchemy import (JSON, BigInteger, Boolean, Column, Connection, Float, ForeignKey,
                        ForeignKeyConstraint, Index, Integer, LargeBinary, MetaData, String,
                        Table, Text, UniqueConstraint, func, insert, select, update)

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

# -- Knowledge base (migration 3): identity across articles, near-duplicates, event clusters,
# corrections and API tokens.

canonical_entities = Table(
    "canonical_entities", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("type", String, nullable=False),            # PER, ORG, LOC, MISC
    Column("name", Text, nullable=False),              # display name (Arabic)
    Column("key", Text, nullable=False),               # rasad.resolve.identity.identity_key
    Column("latin", Text),
    Column("ref", String),                             # geo:<geonameid>, org:<name>; or NULL
    Column("iso2", String(2)),                         # countries (and the country of places)
    Column("geonameid", Integer),
    Column("kind", String),                            # country, city… for places
    Column("ambiguous", Boolean, nullable=False),      # a family name alone, not resolved
    Column("articles", Integer, nullable=False),       # articles that link to it
    Column("mentions", Integer, nullable=False),
    Column("created_at", String, nullable=False),
    Index("ix_canonical_type_key", "type", "key"),
    Index("ix_canonical_key", "key"),
    Index("ix_canonical_ref", "ref"),
    Index("ix_canonical_iso2", "iso2"),
    Index("ix_canonical_articles", "articles"),
    sqlite_autoincrement=True,          # ids are never reused (corrections name them)
)

entity_aliases = Table(
    "entity_aliases", metadata,
    Column("canonical_id", Integer, ForeignKey("canonical_entities.id", ondelete="CASCADE"),
           primary_key=True),
    Column("alias_key", Text, primary_key=True),       # identity_key of the alias
    Column("alias", Text, nullable=False),             # as first written
    Column("count", Integer, nullable=False),          # articles that used it
    Index("ix_entity_aliases_key", "alias_key"),
)

entity_blocks = Table(                                 # blocking keys (identity.block_keys)
    "entity_blocks", metadata,
    Column("block", Text, primary_key=True),
    Column("canonical_id", Integer, ForeignKey("canonical_entities.id", ondelete="CASCADE"),
           primary_key=True),
    Index("ix_entity_blocks_canonical", "canonical_id"),
)

entity_links = Table(                                  # article entity → canonical entity
    "entity_links", metadata,
    Column("article_id", String, primary_key=True),
    Column("local_id", String, primary_key=True),      # entities.local_id
    Column("canonical_id", Integer, nullable=False),
    ForeignKeyConstraint(["article_id", "local_id"], ["entities.article_id", "entities.local_id"],
                         ondelete="CASCADE"),
    Index("ix_entity_links_canonical", "canonical_id", "article_id"),
)

article_minhash = Table(
    "article_minhash", metadata,
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True),
    Column("signature", LargeBinary, nullable=False),  # NUM_PERM little-endian uint32
)

minhash_bands = Table(
    "minhash_bands", metadata,
    Column("band", Integer, primary_key=True),
    Column("bucket", BigInteger, primary_key=True),
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True),
    Index("ix_minhash_bands_article", "article_id"),
)

near_duplicates = Table(
    "near_duplicates", metadata,
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True),                          # the later article
    Column("duplicate_of", String, ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True),                          # an earlier stored one
    Column("similarity", Float, nullable=False),       # estimated Jaccard
    Index("ix_near_duplicates_of", "duplicate_of"),
)

event_clusters = Table(                                # one real-world event, several sources
    "event_clusters", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("type", String, nullable=False),
    Column("date", String(10)),                        # earliest date of its events
    Column("place_id", Integer),                       # canonical_entities.id
    Column("participants", _json(), nullable=False),   # canonical ids, first seen first
    Column("n_events", Integer, nullable=False),
    Column("n_articles", Integer, nullable=False),
    Column("created_at", String, nullable=False),
    Index("ix_event_clusters_type_date", "type", "date"),
    Index("ix_event_clusters_date", "date"),
    Index("ix_event_clusters_place", "place_id"),
    sqlite_autoincrement=True,          # ids are never reused (corrections name them)
)

event_links = Table(                                   # stored event → its cluster
    "event_links", metadata,
    Column("article_id", String, primary_key=True),
    Column("event_idx", Integer, primary_key=True),
    Column("cluster_id", Integer, nullable=False),
    Column("date", String(10)),                        # event date, else the article's
    Column("place_id", Integer),
    ForeignKeyConstraint(["article_id", "event_idx"], ["events.article_id", "events.idx"],
                         ondelete="CASCADE"),
    Index("ix_event_links_cluster", "cluster_id"),
)

event_cluster_keys = Table(                            # blocking: (type, participant, day)
    "event_cluster_keys", metadata,
    Column("type", String, primary_key=True),
    Column("canonical_id", Integer, primary_key=True),
    Column("date", String(10), primary_key=True),
    Column("cluster_id", Integer, primary_key=True),
    Index("ix_event_cluster_keys_entity", "canonical_id", "date"),
    Index("ix_event_cluster_keys_cluster", "cluster_id"),
)

corrections = Table(                                   # never deleted by re-ingesting
    "corrections", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String),                      # NULL for a correction of an entity
    Column("target_kind", String, nullable=False),     # event | quote | entity
    Column("target_key", Text, nullable=False),        # EVENT:<type>:<s>:<e>, QUOTE:<s>:<e>,
                                                       # ENTITY:<canonical id>
    Column("action", String, nullable=False),          # confirm reject edit merge split
    Column("payload", _json()),
    Column("author", Text, nullable=False),
    Column("created_at", String, nullable=False),
    Index("ix_corrections_article", "article_id"),
    Index("ix_corrections_target", "target_key"),
    sqlite_autoincrement=True,          # ids are never reused (corrections name them)
)

api_tokens = Table(
    "api_tokens", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("token_hash", String(64), nullable=False),  # sha256 hex of the token
    Column("created_at", String, nullable=False),
    Column("expires_at", String),
    Column("revoked", Boolean, nullable=False),
    Index("ix_api_tokens_name", "name"),
    Index("ix_api_tokens_hash", "token_hash"),
    sqlite_autoincrement=True,          # ids are never reused (corrections name them)
)

KB_TABLES = [canonical_entities, entity_aliases, entity_blocks, entity_links, article_minhash,
             minhash_bands, near_duplicates, event_clusters, event_links, event_cluster_keys,
             corrections, api_tokens]


class FullTextBackend:
    """What a migration needs from the database-specific full-text part (see db.py)."""

    facet_tags = False         # whether match() takes search filters as facet tags

    def create_fulltext(self, conn: Connection) -> None: ...

    def rebuild_fulltext(self, conn: Connection) -> None: ...

    def upgrade_fulltext(self, conn: Connection) -> None:
        """Migration 4, for backends whose index holds the facet tags."""


def _v1_core_tables(conn: Connection, backend: FullTextBackend) -> None:
    metadata.create_all(conn, tables=CORE_TABLES)


def _v2_fulltext(conn: Connection, backend: FullTextBackend) -> None:
    backend.create_fulltext(conn)
    backend.rebuild_fulltext(conn)          # articles stored before the index existed


def _v3_knowledge_base(conn: Connection, backend: FullTextBackend) -> None:
    """Identity, near-duplicates, event clusters, corrections, tokens. Articles stored before
    are linked by the store right after this migration, in its transaction (Store._migrate
    runs rasad.store.kb.backfill when it reaches KNOWLEDGE_BASE_VERSION)."""
    metadata.create_all(conn, tables=KB_TABLES)


def _v4_facet_tags(conn: Connection, backend: FullTextBackend) -> None:
    """Search filters inside the full-text index (SQLite): rebuilt with a tags column."""
    backend.upgrade_fulltext(conn)


Migration = Callable[[Connection, FullTextBackend], None]
MIGRATIONS: list[Migration] = [_v1_core_tables, _v2_fulltext, _v3_knowledge_base,
                               _v4_facet_tags]
LATEST = len(MIGRATIONS)
KNOWLEDGE_BASE_VERSION = 3      # the migration after which the store fills the knowledge base


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
