"""The store: extracted article records in a database (SQLAlchemy Core; SQLite by default),
with Arabic-aware full-text search.

    store = Store.open("rasad.db")          # or a URL, or None for $RASAD_DB / ./rasad.db
    store.add(record)                       # False when the same text is already stored
    store.search('"وزير الخارجية" المفاوضات', event_type="CONSULT", date_from="2018-01")
"""
from rasad.errors import InputError


class StoreError(InputError):
    """The database cannot be used: `source` names it, `reason` says why, in one line
    (locked, read-only, not a database, newer schema…). An InputError, so a command line that
    reports input errors reports this one too."""


from rasad.store.db import Store, default_db_url  # noqa: E402  (needs StoreError above)

__all__ = ["Store", "StoreError", "default_db_url"]
