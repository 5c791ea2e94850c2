"""The store's error, in a module of its own so that every module of the store can raise it
(rasad.store re-exports it)."""
from rasad.errors import InputError


class StoreError(InputError):
    """The database cannot be used: `source` names it, `reason` says why, in one line
    (locked, read-only, not a database, newer schema…). An InputError, so a command line that
    reports input errors reports this one too."""
