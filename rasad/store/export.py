"""Export the knowledge base: events (one row per event cluster), entities or quotes, as CSV,
JSON Lines or Parquet, with their sources (article ids, urls, outlets) and evidence (offsets
and the evidence text itself).

    export(store, "events", "parquet", "events.parquet", type="CONSULT", date_from="2018-05")

Filters are those of the matching Store method: events(type, entity, place, date_from,
date_to), entities(prefix, type), quotes(speaker, date_from, date_to). JSON Lines keeps the
nested structure; CSV and Parquet have flat columns, lists as JSON text.
"""
from __future__ import annotations

import csv
import json
import os
from typing import Any, Iterator

from rasad.errors import InputError

KINDS = ("events", "entities", "quotes")
FORMATS = ("csv", "jsonl", "parquet")
PAGE = 500

FILTERS = {
    "events": ("type", "entity", "place", "date_from", "date_to"),
    "entities": ("prefix", "type"),
    "quotes": ("speaker", "date_from", "date_to"),
}


def _pages(store, kind: str, filters: dict) -> Iterator[dict]:
    method = getattr(store, kind)
    offset = 0
    while True:
        rows = method(**filters, limit=PAGE, offset=offset)
        yield from rows
        if len(rows) < PAGE:
            return
        offset += PAGE


def _event_row(c: dict) -> dict:
    sources = c["sources"]
    return {
        "cluster_id": c["id"], "type": c["type"], "date": c["date"],
        "place": (c["place"] or {}).get("name"), "place_latin": (c["place"] or {}).get("latin"),
        "place_id": (c["place"] or {}).get("id"),
        "participants": [p["name"] for p in c["participants"]],
        "participants_latin": [p["latin"] for p in c["participants"]],
        "participant_ids": [p["id"] for p in c["participants"]],
        "n_articles": c["n_articles"], "outlets": c["outlets"],
        "article_ids": [s["article_id"] for s in sources],
        "urls": [s["url"] for s in sources],
        "source_outlets": [s["outlet"] for s in sources],
        "evidence": [s["evidence"] for s in sources],
        "evidence_text": [s["evidence_text"] for s in sources],
        "triggers": [s["trigger_text"] for s in sources],
        "sources": sources,
    }


def _entity_row(store, e: dict) -> dict:
    full = store.entity(e["id"], timeline=False) or {}
    return {"id": e["id"], "name": e["name"], "type": e["type"], "latin": e["latin"],
            "iso2": e["iso2"], "geonameid": e["geonameid"], "kind": e["kind"],
            "articles": e["articles"], "ambiguous": e["ambiguous"],
            "aliases": [a["alias"] for a in full.get("aliases", [])],
            "titles": [t["title"] for t in full.get("titles", [])],
            "article_ids": full.get("article_ids", [])}


def _quote_row(q: dict) -> dict:
    who = q["speaker_entity"] or {}
    return {"article_id": q["article_id"], "url": q["url"], "outlet": q["outlet"],
            "published": q["published"], "speaker": q["speaker"],
            "speaker_id": who.get("id"), "speaker_name": who.get("name"),
            "speaker_latin": who.get("latin"), "text": q["text"], "direct": q["direct"],
            "span": q["span"], "cue": q["cue"], "evidence_text": q["text"]}


def rows(store, kind: str, **filters) -> Iterator[dict]:
    """The export rows of a kind, nested (as written to JSON Lines)."""
    if kind not in KINDS:
        raise InputError("export", f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    unknown = set(filters) - set(FILTERS[kind])
    if unknown:
        raise InputError("export", f"{kind} cannot be filtered by {', '.join(sorted(unknown))} "
                                   f"(only {', '.join(FILTERS[kind])})")
    filters = {k: v for k, v in filters.items() if v is not None}
    for item in _pages(store, kind, filters):
        if kind == "events":
            yield _event_row(item)
        elif kind == "entities":
            yield _entity_row(store, item)
        else:
            yield _quote_row(item)


def _flat(row: dict) -> dict:
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
            for k, v in row.items()}


def export(store, kind: str, fmt: str, out_path: str, **filters: Any) -> int:
    """Write the rows to out_path; returns how many. The file is written whole or not at all
    (a temporary file renamed at the end)."""
    if fmt not in FORMATS:
        raise InputError("export", f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    folder = os.path.dirname(os.path.abspath(out_path))
    if not os.path.isdir(folder):
        raise InputError(out_path, "the folder does not exist")
    data = rows(store, kind, **filters)
    tmp = out_path + ".part"
    n = 0
    try:
        if fmt == "jsonl":
            with open(tmp, "w", encoding="utf-8") as fh:
                for row in data:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
                    n += 1
        elif fmt == "csv":
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                writer = None
                for row in data:
                    flat = csv_safe(_flat({k: v for k, v in row.items() if k != "sources"}))
                    if writer is None:
                        writer = csv.DictWriter(fh, fieldnames=list(flat))
                        writer.writeheader()
                    writer.writerow(flat)
                    n += 1
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq
            flat_rows = [_flat({k: v for k, v in row.items() if k != "sources"})
                         for row in data]
            n = len(flat_rows)
            table = pa.Table.from_pylist(flat_rows) if flat_rows else pa.table({})
            pq.write_table(table, tmp)
        os.replace(tmp, out_path)
    except OSError as error:
        raise InputError(out_path, f"cannot write ({error.strerror or error})") from error
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return n


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(flat: dict) -> dict:
    """Cells a spreadsheet would run as a formula ("=cmd|…", "+1…", "@SUM") get a leading ' (the
    OWASP advice against CSV injection); the text itself is kept."""
    return {k: ("'" + v if isinstance(v, str) and v.startswith(FORMULA_START) else v) for k, v in flat.items()}
