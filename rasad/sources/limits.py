"""MAX_BYTES, the size limit of one document, which every reader of rasad.sources consults at call
time (env RASAD_MAX_BYTES, default 20 MiB). It has a module of its own so that the readers in
the package's modules (feeds, fetch, warc) need not import the package; `rasad.sources.MAX_BYTES`
reads and sets this very value.
"""
from __future__ import annotations

import os
import warnings

_DEFAULT_MAX_BYTES = 20 * 2**20


def _max_bytes_from_env() -> int:
    value = os.environ.get("RASAD_MAX_BYTES")
    if value is None:
        return _DEFAULT_MAX_BYTES
    try:
        limit = int(value)
        if limit > 0:
            return limit
    except ValueError:
        pass
    warnings.warn(f"RASAD_MAX_BYTES={value!r} is not a positive integer; using {_DEFAULT_MAX_BYTES}")
    return _DEFAULT_MAX_BYTES


MAX_BYTES: int = _max_bytes_from_env()
