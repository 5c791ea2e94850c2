"""Command line of the bulk jobs (registered by rasad.cli):

    rasad batch --engine spark|local --input PATH… --output DIR [--master local[*]] [--map …]
    rasad load PARQUET_DIR [--db URL]
    rasad watch FEED… --every 15m [--db PATH]

and the ingest command's options and body (`add_ingest_arguments`, `ingest_command`), which
rasad.cli's `ingest` uses:

    rasad ingest FILE… [--db] [--map] [--workers N] [--rejects FILE] [--allow-private] [--no-progress]
"""
from __future__ import annotations

import argparse
import os
import sys

from rasad.cli_args import parse_map
from rasad.errors import InputError


def _fail(error: InputError) -> int:
    print(f"rasad: {error.source}: {error.reason}", file=sys.stderr)
    return 2


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"want a whole number ≥ 1, not {text!r}")
    return value


# ---------------------------------------------------------------------------------------------
# ingest

def add_ingest_arguments(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    p.add_argument("files", nargs="+", help="files, folders, globs, URLs, WARC, feeds, JSON/JSONL(.gz)")
    p.add_argument("--db", help="database path or URL (default: $RASAD_DB or ./rasad.db)")
    p.add_argument("--map", action="append", help="field mapping for JSON records, e.g. text=content,published=date")
    p.add_argument("--workers", type=_positive_int, default=1, help="processes that extract (default 1)")
    p.add_argument("--rejects", help="where rejected records go, with reasons (default: rasad-rejects.jsonl "
                                     "next to the database)")
    p.add_argument("--allow-private", action="store_true", help="let URLs reach private network addresses")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--progress", action="store_true", help="a progress bar even when stderr is not a terminal")
    p.add_argument("--batch-size", type=_positive_int, default=200, help="articles per transaction (default 200)")
    p.add_argument("--nice", type=int, default=0, choices=range(0, 20), metavar="0-19",
                   help="lower this ingest's CPU priority (e.g. 10 beside `rasad serve`: "
                        "readers first, the batch with what is left)")
    return p


def ingest_command(args: argparse.Namespace) -> int:
    """`rasad ingest`: 0 when every record was stored or already there, 1 when some were
    rejected (listed in the rejects file), 2 when the database or the options are unusable."""
    from rasad.ingest import ingest
    from rasad.store import Store
    progress = False if getattr(args, "no_progress", False) else \
        ("always" if getattr(args, "progress", False) else True)
    if getattr(args, "nice", 0) and hasattr(os, "nice"):
        os.nice(args.nice)                   # inherited by the extraction workers
    try:
        field_map = parse_map(getattr(args, "map", None))
        store = Store.open(getattr(args, "db", None))
    except InputError as error:
        return _fail(error)
    try:
        with store:
            report = ingest(args.files, store, field_map=field_map,
                            allow_private=getattr(args, "allow_private", False),
                            rejects_path=getattr(args, "rejects", None), progress=progress,
                            batch_size=getattr(args, "batch_size", 200) or 200,
                            workers=getattr(args, "workers", 1) or 1)
    except InputError as error:
        return _fail(error)
    print(report.summary())
    for reject in report.first_rejects:
        print(f"rasad: {reject.source}: {reject.reason}", file=sys.stderr)
    if report.rejected > len(report.first_rejects):
        print(f"rasad: … and {report.rejected - len(report.first_rejects)} more rejects; by reason:",
              file=sys.stderr)
        for reason, n in report.reasons.most_common(10):
            print(f"  {n} × {reason}", file=sys.stderr)
    print(f"rasad: {report.details()}", file=sys.stderr)
    return 1 if report.rejected else 0


def ingest_main(argv: list[str] | None = None) -> int:
    """`python -m rasad.ingest …`: the ingest command on its own."""
    parser = add_ingest_arguments(argparse.ArgumentParser(prog="python -m rasad.ingest",
                                                          description="extract and store articles"))
    try:
        return ingest_command(parser.parse_args(argv))
    except KeyboardInterrupt:
        print("rasad: interrupted", file=sys.stderr)
        return 130


# ---------------------------------------------------------------------------------------------
# batch, load, watch

def cmd_batch(args) -> int:
    from rasad.batch import run_batch
    conf = {}
    for item in args.conf or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            print(f"rasad: --conf wants KEY=VALUE, got {item!r}", file=sys.stderr)
            return 2
        conf[key.strip()] = value
    try:
        report = run_batch(args.input, args.output, engine=args.engine, master=args.master,
                           field_map=parse_map(args.map), allow_private=args.allow_private,
                           partitions=args.partitions, overwrite=args.overwrite, conf=conf)
    except InputError as error:
        return _fail(error)
    print(report.summary())
    return 1 if report.rejected else 0


def cmd_load(args) -> int:
    from rasad.batch.load import load
    from rasad.store import Store
    try:
        store = Store.open(args.db)
    except InputError as error:
        return _fail(error)
    try:
        with store:
            report = load(args.parquet_dir, store, progress=not args.no_progress)
    except InputError as error:
        return _fail(error)
    print(report.summary())
    for reject in report.first_rejects:
        print(f"rasad: {reject.source}: {reject.reason}", file=sys.stderr)
    return 1 if report.rejected else 0


def cmd_watch(args) -> int:
    from rasad.ingest import extract_record, stored_ids, write_records
    from rasad.output import content_hash
    from rasad.sources.feeds import parse_interval, watch
    from rasad.store import Store
    try:
        every = parse_interval(args.every)
        store = Store.open(args.db)
    except InputError as error:
        return _fail(error)
    counts = {"stored": 0, "known": 0, "rejected": 0}

    def report(error) -> None:
        counts["rejected"] += 1
        print(f"rasad: {error.source}: {error.reason}", file=sys.stderr)

    def handle(doc) -> None:
        if stored_ids(store, [content_hash(doc.text)]):     # stored by an earlier run: no work
            counts["known"] += 1
            return
        record = extract_record(doc)
        if not isinstance(record, dict):
            report(record)
            return
        stored, _, refused = write_records(store, [record])
        for reject in refused:
            report(reject)
        if stored:
            counts["stored"] += 1
            print(f"stored {record['id'][:12]}  {record.get('title') or record.get('url') or doc.origin}",
                  flush=True)

    try:
        with store:
            watch(args.feeds, every, handle, rounds=args.rounds, on_error=report,
                  allow_private=args.allow_private)
    except InputError as error:
        return _fail(error)
    print(f"stored {counts['stored']}, already stored {counts['known']}, rejected {counts['rejected']}")
    return 0


def register(sub) -> None:
    p = sub.add_parser("batch", help="extract many articles into Parquet, on Spark or in one process")
    p.add_argument("--engine", choices=["spark", "local"], default="local")
    p.add_argument("--input", nargs="+", required=True, help="files, folders, globs (JSON/JSONL(.gz), text, HTML…)")
    p.add_argument("--output", required=True, help="folder for the Parquet files (one row per article)")
    p.add_argument("--master", default="local[*]", help="Spark master URL (default local[*])")
    p.add_argument("--map", action="append", help="field mapping for JSON records, e.g. text=content")
    p.add_argument("--partitions", type=_positive_int, help="Spark: extraction tasks (default 4 per core)")
    p.add_argument("--conf", action="append", help="Spark: KEY=VALUE configuration, repeatable")
    p.add_argument("--overwrite", action="store_true", help="replace an existing output folder")
    p.add_argument("--allow-private", action="store_true")
    p.set_defaults(func=cmd_batch)

    p = sub.add_parser("load", help="store the articles of a `rasad batch` Parquet folder (idempotent)")
    p.add_argument("parquet_dir")
    p.add_argument("--db", help="database path or URL (default: $RASAD_DB or ./rasad.db)")
    p.add_argument("--no-progress", action="store_true")
    p.set_defaults(func=cmd_load)

    p = sub.add_parser("watch", help="poll feeds and store each new article")
    p.add_argument("feeds", nargs="+", help="feed URLs or files")
    p.add_argument("--every", default="15m", help="how often to poll: 90s, 15m, 2h, 1h30m (default 15m)")
    p.add_argument("--db", help="database path or URL (default: $RASAD_DB or ./rasad.db)")
    p.add_argument("--rounds", type=_positive_int, help="stop after this many polls (default: never)")
    p.add_argument("--allow-private", action="store_true")
    p.set_defaults(func=cmd_watch)
