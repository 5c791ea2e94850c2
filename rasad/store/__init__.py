"""The store: extracted article records in a database (SQLAlchemy Core; SQLite by default),
with Arabic-aware full-text search.

    store = Store.open("rasad.db")          # or a URL, or None for $RASAD_DB / ./rasad.db
    store.add(record)                       # False when the same text is already stored
    store.search('"وزير الخارجية" المفاوضات', event_type="CONSULT", date_from="2018-01")
"""
from rasad.store.db import Store, default_db_url
from rasad.store.errors import StoreError

__all__ = ["Store", "StoreError", "default_db_url"]
