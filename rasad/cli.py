"""rasad's command line: thin — it parses arguments, calls the public API and prints.

    rasad extract FILE… [--format json|jsonl|text]   one record per article
    rasad ingest FILE… [--db PATH]                   extract and store (idempotent, resumable)
    rasad search QUERY [--db PATH] [--limit N]       Arabic-aware search of stored articles
    rasad demo [--db PATH]                           the bundled example: extract, store, summarise

Each area adds its own commands (see COMMAND_MODULES): entity, export, token (rasad.cli_kb);
batch, load, watch (rasad.cli_batch); serve (rasad.cli_serve).
"""
from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from rasad.cli_args import parse_map
from rasad.errors import InputError, ModelError


def _articles(paths: list[str], field_map, failures: list[str]) -> Iterator:
    """(path, article) for every good article; bad inputs are reported at once and collected."""
    from rasad.pipeline import extract
    for path in paths:
        try:
            for item in extract(path, field_map=field_map):
                if isinstance(item, InputError):
                    _report(item, failures)
                else:
                    yield path, item
        except InputError as exc:
            _report(exc, failures)
        except (OSError, ValueError, RecursionError, MemoryError) as exc:   # last resort: never a traceback
            _report(InputError(path, f"{type(exc).__name__}: {exc}"), failures)


def _report(exc: InputError, failures: list[str]) -> None:
    line = f"{exc.source}: {exc.reason}"
    failures.append(line)
    print(f"rasad: {line}", file=sys.stderr)


def _finish(failures: list[str], what: str = "input") -> int:
    if failures:
        print(f"rasad: {len(failures)} bad {what}{'s' if len(failures) != 1 else ''}:", file=sys.stderr)
        for line in failures:
            print(f"  {line}", file=sys.stderr)
        return 1
    return 0


def cmd_extract(args) -> int:
    from rasad.output import to_record, to_text
    failures: list[str] = []
    records = []
    out = sys.stdout
    for _, article in _articles(args.files, parse_map(args.map), failures):
        if args.min_confidence:
            article.events = [e for e in article.events if e.confidence >= args.min_confidence]
            article.quotes = [q for q in article.quotes if q.confidence >= args.min_confidence]
        if args.format == "jsonl":
            out.write(json.dumps(to_record(article), ensure_ascii=False) + "\n")
        elif args.format == "text":
            out.write(to_text(article) + "\n\n")
        else:
            records.append(to_record(article))
    if args.format == "json" and records:
        payload = records[0] if len(records) == 1 else records
        out.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    out.flush()
    return _finish(failures)


def _open_store(db: str | None):
    from rasad.store import Store
    return Store.open(db)


def cmd_ingest(args) -> int:
    """Extract and store: the ingest engine (rasad.ingest) reads every input, skips what is
    stored, extracts the rest, writes in transactions and reports the counts and rejects."""
    from rasad.cli_batch import ingest_command
    return ingest_command(args)


def cmd_search(args) -> int:
    store = _open_store(args.db)
    with store:
        hits = store.search(args.query, limit=args.limit, event_type=args.event_type, entity=args.entity,
                            date_from=args.date_from, date_to=args.date_to)
    if args.format == "json":
        print(json.dumps(hits, ensure_ascii=False, indent=1))
        return 0
    if not hits:
        print("لا نتائج / no results")
    for h in hits:
        print(f"{h.get('published') or '----------'}  {h.get('title') or h.get('origin')}  [{h['id'][:12]}]")
        if h.get("snippet"):
            print(f"    {h['snippet']}")
    return 0


def example_path() -> Path:
    return Path(str(resources.files("rasad.resources").joinpath("examples/seed.txt")))


def cmd_demo(args) -> int:
    """The main job on the bundled example: extract it, store it, print the summary."""
    from rasad.output import to_record, to_text
    from rasad.pipeline import extract
    path = example_path()
    article = next(a for a in extract(path) if not isinstance(a, InputError))
    store = _open_store(args.db)
    with store:
        new = store.add(to_record(article))
        counts = store.count()
    print(to_text(article))
    print(f"\n{'stored' if new else 'already stored'} in {store.name}: {counts}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="rasad", description="Arabic news → verifiable political events.")
    sub = ap.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract articles and print their records")
    p.add_argument("files", nargs="+")
    p.add_argument("--format", choices=["json", "jsonl", "text"], default="json")
    p.add_argument("--map", action="append", help="field mapping for JSON records, e.g. text=content,published=date")
    p.add_argument("--min-confidence", type=float, default=0.0,
                   help="keep only events and quotes at least this confident (0–1)")
    p.set_defaults(func=cmd_extract)

    from rasad.cli_batch import add_ingest_arguments
    p = sub.add_parser("ingest", help="extract and store articles (idempotent, resumable)")
    add_ingest_arguments(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("search", help="search stored articles (Arabic folding and light stemming)")
    p.add_argument("query")
    p.add_argument("--db")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--event-type", dest="event_type")
    p.add_argument("--entity")
    p.add_argument("--from", dest="date_from")
    p.add_argument("--to", dest="date_to")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("demo", help="extract the bundled example article, store it and summarise it")
    p.add_argument("--db")
    p.set_defaults(func=cmd_demo)

    # each area adds its own commands (knowledge base, batch jobs, server)
    for module in COMMAND_MODULES:
        importlib.import_module(module).register(sub)
    return ap


COMMAND_MODULES = [m for m in ("rasad.cli_kb", "rasad.cli_batch", "rasad.cli_serve")
                   if importlib.util.find_spec(m) is not None]


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except InputError as exc:      # a database or input that cannot be used at all: one line
        print(f"rasad: {exc.source}: {exc.reason}", file=sys.stderr)
        return 2
    except ModelError as exc:      # a shipped model file missing or corrupt: which, and how to rebuild it
        print(f"rasad: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("rasad: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
