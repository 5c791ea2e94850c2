#!/usr/bin/env python3
"""Ingest every news article of ../shared/data (~72K: ANT multi-source, ANT JawharaFM,
SaudiNewsNet) into SQLite with `python -m rasad.ingest` (what `rasad ingest` runs), and check
that it is idempotent and crash-safe at that scale:

  1. a fresh ingest: wall time, articles/s, CPU seconds (the machine's cores are shared);
  2. the same ingest again: must store 0 new records;
  3. a fresh ingest into a second database, killed with SIGKILL midway, then restarted: its
     final rows must equal run 1's (article ids and fields, rows per table, rows per article).

    nohup .venv/bin/python bench/ingest_all.py [--db /tmp/rasad-72k.db] [--workers 2] > /tmp/ingest_all.log 2>&1 &

The database is built under DB.new and moved to DB when runs 1 and 2 are done, so whoever
uses DB meanwhile (search and server benchmarks) never sees it half-built. Takes ~10-20 min
per full ingest on 2 cores.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = (ROOT.parent / "shared" / "data").resolve()
INPUTS = [DATA / "ant-corpus" / "ant_multisource_v2.1.jsonl.gz",
          DATA / "ant-corpus" / "ant_jawharafm_v1.1.jsonl.gz",
          DATA / "saudinewsnet" / "saudinewsnet.jsonl.gz"]


def say(*parts) -> None:
    print(time.strftime("%H:%M:%S"), *parts, flush=True)


def remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.remove(f"{path}{suffix}")
        except FileNotFoundError:
            pass


def start_ingest(db: Path, workers: int, rejects: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    command = [sys.executable, "-m", "rasad.ingest", *map(str, INPUTS), "--db", str(db),
               "--workers", str(workers), "--rejects", str(rejects), "--no-progress"]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run_ingest(db: Path, workers: int, rejects: Path) -> tuple[str, float, float]:
    """(summary line, wall seconds, CPU seconds of the ingest and its workers)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = start_ingest(db, workers, rejects)
    out, err = proc.communicate()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"ingest failed ({proc.returncode}):\n{err}")
    return out.strip().splitlines()[-1], wall, cpu


def stored_count(summary: str) -> int:
    return int(summary.split("stored ", 1)[1].split(",", 1)[0])


def article_count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def db_state(db: Path) -> dict:
    """Rows per table, and digests of the article ids with their fields and of the rows per
    article in every child table (ingested_at aside)."""
    conn = sqlite3.connect(str(db))
    try:
        tables = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                  if not n.startswith(("sqlite_", "article_fts_"))]
        state: dict = {"rows": {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in sorted(tables)}}
        digest = hashlib.sha256()
        for row in conn.execute("SELECT id, origin, url, title, published, length(text) FROM articles ORDER BY id"):
            digest.update(repr(row).encode())
        state["articles"] = digest.hexdigest()
        for table in tables:
            if "article_id" in [c[1] for c in conn.execute(f'PRAGMA table_info("{table}")')]:
                digest = hashlib.sha256()
                for row in conn.execute(f'SELECT article_id, count(*) FROM "{table}" GROUP BY article_id ORDER BY article_id'):
                    digest.update(repr(row).encode())
                state[table] = digest.hexdigest()
        state["integrity"] = conn.execute("PRAGMA quick_check").fetchone()[0]
        return state
    finally:
        conn.close()


def settle(db: Path) -> None:
    """Fold the WAL into the main file so that the database is one file that can be moved."""
    conn = sqlite3.connect(str(db))
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    for suffix in ("-wal", "-shm"):
        if os.path.exists(f"{db}{suffix}") and os.path.getsize(f"{db}{suffix}") == 0:
            os.remove(f"{db}{suffix}")


def kill_and_restart(killed: Path, workers: int, target: int) -> tuple[int, str]:
    """A fresh ingest into `killed`, SIGKILLed once `target` articles are stored (plus a random
    moment), then run again to the end: (articles stored before the kill, summary of the restart)."""
    remove_db(killed)
    rejects = Path(str(killed) + ".rejects.jsonl")
    proc = start_ingest(killed, workers, rejects)
    started = time.perf_counter()
    while proc.poll() is None and article_count(killed) < target:
        time.sleep(0.5)
    time.sleep(random.uniform(0, 2))
    if proc.poll() is not None:
        raise SystemExit("the run to kill ended before it was killed")
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    at_kill = article_count(killed)
    say(f"run 3: killed with SIGKILL after {time.perf_counter() - started:.0f} s with {at_kill} articles stored")
    summary, wall, cpu = run_ingest(killed, workers, rejects)
    say(f"run 3 restarted: {summary} (wall {wall:.0f} s, CPU {cpu:.0f} s)")
    return at_kill, summary


def compare(killed: Path, reference: dict) -> bool:
    after = db_state(killed)
    equal = after == reference
    say(f"run 3: final rows {after['rows']}")
    say(f"run 3: killed-and-restarted database equals the uninterrupted one: {'YES' if equal else 'NO'}")
    if not equal:
        for key in reference:
            if reference[key] != after.get(key):
                say(f"  differs: {key}: {reference[key]} vs {after.get(key)}")
    return equal


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default="/tmp/rasad-72k.db")
    ap.add_argument("--killed-db", default="/tmp/rasad-72k-killed.db")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--skip-kill", action="store_true", help="runs 1 and 2 only")
    ap.add_argument("--kill-only", action="store_true",
                    help="run 3 only (e.g. beside runs 1-2 on a busy machine): compares with --db once it is in place")
    ap.add_argument("--keep-killed", action="store_true", help="keep the second database")
    ap.add_argument("--inputs", nargs="+", help="other inputs (default: the three corpora)")
    args = ap.parse_args()
    if args.inputs:
        INPUTS[:] = [Path(p).resolve() for p in args.inputs]
    missing = [p for p in INPUTS if not p.exists()]
    if missing:
        raise SystemExit(f"real data not available: {', '.join(map(str, missing))}")
    db, building = Path(args.db), Path(args.db + ".new")
    killed = Path(args.killed_db)
    rejects = Path(args.db).with_suffix(".rejects.jsonl")
    say(f"inputs: {', '.join(p.name for p in INPUTS)}; workers {args.workers}; cores {os.cpu_count()}; "
        f"load average {os.getloadavg()[0]:.2f} (cores are shared with other work)")

    if args.kill_only:
        at_kill, summary = kill_and_restart(killed, args.workers, random.randint(15000, 40000))
        # (the kill point assumes the ~72K corpus)
        while not db.exists() or building.exists():
            time.sleep(10)                  # runs 1-2 still going
        equal = compare(killed, db_state(db))
        say(f"run 3: stored before the kill + after the restart = {at_kill} + {stored_count(summary)} = "
            f"{at_kill + stored_count(summary)}")
        if not args.keep_killed:
            remove_db(killed)
        return 0 if equal else 1

    remove_db(building)
    summary, wall, cpu = run_ingest(building, args.workers, rejects)
    first_stored = stored_count(summary)
    say(f"run 1 (fresh): {summary}")
    say(f"run 1: wall {wall:.0f} s = {wall / 60:.1f} min, {first_stored / wall:.1f} articles/s wall, "
        f"CPU {cpu:.0f} s ({first_stored / cpu:.1f} articles per CPU-second), "
        f"load average now {os.getloadavg()[0]:.2f}")

    summary, wall, _ = run_ingest(building, args.workers, rejects)
    say(f"run 2 (again): {summary}")
    say(f"run 2: new records stored: {stored_count(summary)} (must be 0), wall {wall:.1f} s")
    reference = db_state(building)
    settle(building)
    remove_db(db)
    os.replace(building, db)
    say(f"database in place: {db} ({os.path.getsize(db) / 2**20:.0f} MiB), rows {reference['rows']}")
    if args.skip_kill:
        return 0

    at_kill, summary = kill_and_restart(killed, args.workers, random.randint(first_stored // 3, 2 * first_stored // 3))
    say(f"run 3: stored before the kill + after the restart = {at_kill} + {stored_count(summary)} = "
        f"{at_kill + stored_count(summary)} (run 1 stored {first_stored})")
    equal = compare(killed, reference)
    if not args.keep_killed:
        remove_db(killed)
    return 0 if equal else 1


if __name__ == "__main__":
    sys.exit(main())
