"""Crash safety of `rasad ingest` at scale: kill -9 at random moments, restart, compare.

    .venv/bin/python bench/kill_ingest.py [--articles 2000] [--runs 20] [--work /tmp/rasad-kill]
                                          [--seed 1439] [--max-kills 3]

1. Writes N real articles (ANT corpus, middle-East news; ../shared/data, read-only) to a JSON
   Lines file under --work (never into the repo).
   Every run uses a copy of the rasad package taken at the start (others edit the work tree).
2. DB0: one uninterrupted `rasad ingest --workers 1` run: the reference.
3. DB1..DBn: each run is SIGKILLed 1..--max-kills times at a random moment (uniform between
   0.3 s and the reference run's duration), restarted after each kill, and finally left to
   complete. Each DB is compared with DB0.
4. Two `rasad ingest` processes at once on overlapping halves (articles 0..60% and 40..100%)
   into one more DB, compared with DB0; and, as a control, the same halves one after the
   other in the other order (what the order alone changes in the knowledge base).

"Identical" means: the same article ids, the same row count in every table, for every table
with an article_id column the same rows per article (no article half-written or written
twice), and the same content (all columns but *_at timestamps) in the article-scoped tables;
tables of the knowledge base (canonical entities, event clusters…) are compared by row count
and content, and differences are listed. Prints the figures; too slow for CI (~20 s of
extraction per full run at ~100 articles/s on one core).
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data" / "ant-corpus" / "ant_multisource_v2.1.jsonl.gz"
PYTHON = sys.executable


def write_articles(path: Path, count: int) -> int:
    """The first `count` middle-East articles with text, as JSON Lines."""
    written = 0
    with gzip.open(DATA, "rt", encoding="utf-8") as src, open(path, "w", encoding="utf-8") as out:
        for line in src:
            record = json.loads(line)
            if record.get("cat") != "middleEast" or not (record.get("text") or "").strip():
                continue
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
            if written == count:
                break
    return written


CODE: Path | None = None        # the snapshot of the package every run uses


def snapshot_code(work: Path) -> Path:
    """A copy of the rasad package as it is now: the work tree is shared with engineers who
    edit it, and a change of the pipeline between two runs would look like a crash-safety bug."""
    code = work / "code"
    shutil.rmtree(code, ignore_errors=True)
    shutil.copytree(REPO / "rasad", code / "rasad", ignore=shutil.ignore_patterns("__pycache__"))
    return code


def ingest_command(inputs: list[str], db: Path) -> list[str]:
    """`rasad ingest … --workers 1` (python -m rasad.cli, from the snapshot) when the CLI has
    the engine's options, else the same engine through `python -m rasad.ingest`."""
    help_text = subprocess.run([PYTHON, "-m", "rasad.cli", "ingest", "--help"], cwd=str(CODE),
                               capture_output=True, text=True).stdout
    base = [PYTHON, "-m", "rasad.cli", "ingest"] if "--workers" in help_text else [PYTHON, "-m", "rasad.ingest"]
    return base + inputs + ["--db", str(db), "--workers", "1", "--no-progress",
                            "--rejects", str(db) + ".rejects.jsonl"]


def start(command: list[str], log) -> subprocess.Popen:
    # cwd first on sys.path: the snapshot's rasad, not the work tree's
    return subprocess.Popen(command, cwd=str(CODE), stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)


def run_to_end(command: list[str], log) -> tuple[int, float]:
    began = time.perf_counter()
    process = start(command, log)
    return process.wait(), time.perf_counter() - began


def run_with_kills(command: list[str], log, kills: int, horizon: float, rng: random.Random) -> dict:
    """Start, SIGKILL after a random delay, `kills` times; then run to completion."""
    killed_after = []
    for _ in range(kills):
        delay = rng.uniform(0.3, horizon)
        process = start(command, log)
        try:
            process.wait(timeout=delay)
            killed_after.append(None)          # it finished before the kill came
            break
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)   # the ingest process itself, by its id
            process.wait()
            killed_after.append(round(delay, 1))
    code, seconds = run_to_end(command, log)
    return {"kills": killed_after, "final_exit": code, "final_seconds": round(seconds, 1)}


# --- comparing databases -------------------------------------------------------------------

def tables(conn: sqlite3.Connection) -> tuple[list[str], set[str]]:
    """Ordinary tables to compare, and the FTS virtual tables (compared by row count only:
    their shadow tables' layout depends on how the rows were batched)."""
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = {name for name, sql in rows if sql and sql.upper().startswith("CREATE VIRTUAL TABLE")}
    ordinary = [name for name, _ in rows if not name.startswith("sqlite_")
                and name not in virtual and not any(name.startswith(v + "_") for v in virtual)]
    return sorted(ordinary), virtual


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]


def snapshot(db: Path) -> dict:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        ordinary, virtual = tables(conn)
        snap = {"ids": set(r[0] for r in conn.execute("SELECT id FROM articles")),
                "counts": {}, "per_article": {}, "content": {}, "duplicates": {}}
        for table in ordinary + sorted(virtual):
            snap["counts"][table] = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        for table in ordinary:
            names = columns(conn, table)
            kept = [c for c in names if not c.endswith("_at")]
            digest = hashlib.sha256()
            for row in conn.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in kept)} FROM "{table}" '
                                    f'ORDER BY {", ".join(chr(34) + c + chr(34) for c in kept)}'):
                digest.update(repr(row).encode("utf-8", "surrogatepass"))
            snap["content"][table] = digest.hexdigest()
            if table == "articles":      # two inputs name the same article by another file:line
                digest = hashlib.sha256()
                without = [c for c in kept if c != "origin"]
                for row in conn.execute(f'SELECT {", ".join(without)} FROM articles ORDER BY id'):
                    digest.update(repr(row).encode("utf-8", "surrogatepass"))
                snap["content"]["articles-but-origin"] = digest.hexdigest()
            if "article_id" in names:
                snap["per_article"][table] = dict(conn.execute(
                    f'SELECT article_id, count(*) FROM "{table}" GROUP BY article_id'))
                dupes = conn.execute(
                    f'SELECT count(*) FROM (SELECT {", ".join(chr(34) + c + chr(34) for c in kept)}, count(*) n '
                    f'FROM "{table}" GROUP BY {", ".join(chr(34) + c + chr(34) for c in kept)} HAVING n > 1)').fetchone()[0]
                snap["duplicates"][table] = dupes
        return snap
    finally:
        conn.close()


ARTICLE_SCOPED = ("articles", "entities", "mentions", "events", "event_participants", "quotes")


def compare(reference: dict, got: dict, ignore_origin: bool = False) -> list[str]:
    """Differences, as short lines; empty when identical. ignore_origin: the inputs were other
    files, so articles.origin ("file:LINE") differs by design."""
    problems = []
    reference = {**reference, "content": dict(reference["content"])}
    reference["content"].pop("articles" if ignore_origin else "articles-but-origin", None)
    if got["ids"] != reference["ids"]:
        problems.append(f"article ids: {len(got['ids'] - reference['ids'])} extra, "
                        f"{len(reference['ids'] - got['ids'])} missing")
    for table, count in reference["counts"].items():
        if got["counts"].get(table) != count:
            problems.append(f"{table}: {got['counts'].get(table)} rows, reference {count}")
    for table, per in reference["per_article"].items():
        mine = got["per_article"].get(table, {})
        wrong = [a for a in set(per) | set(mine) if per.get(a, 0) != mine.get(a, 0)]
        if wrong:
            problems.append(f"{table}: {len(wrong)} articles with other row counts (half-written?)")
    for table, n in got["duplicates"].items():
        if n:
            problems.append(f"{table}: {n} duplicated rows")
    for table, digest in reference["content"].items():
        if got["content"].get(table) != digest and not any(p.startswith(table + ":") for p in problems):
            scope = "article data" if table.split("-")[0] in ARTICLE_SCOPED else "knowledge base"
            problems.append(f"{table}: same row count, other content ({scope})")
    return problems


def split(problems: list[str]) -> tuple[list[str], list[str]]:
    """(differences in the articles' own rows, differences in the knowledge base's tables)."""
    article_data = [p for p in problems if p.split(":")[0].split("-")[0] in ARTICLE_SCOPED + ("article ids",)]
    return article_data, [p for p in problems if p not in article_data]


def remove_db(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", ".rejects.jsonl"):
        Path(str(db) + suffix).unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--max-kills", type=int, default=3)
    ap.add_argument("--work", default="/tmp/rasad-kill")
    ap.add_argument("--seed", type=int, default=1439)
    ap.add_argument("--skip-concurrent", action="store_true")
    args = ap.parse_args(argv)
    if not DATA.exists():
        print(f"missing {DATA}: the ANT corpus is needed", file=sys.stderr)
        return 2
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    global CODE
    CODE = snapshot_code(work)
    rng = random.Random(args.seed)
    source = work / "articles.jsonl"
    count = write_articles(source, args.articles)
    print(f"{count} articles in {source}; load average {os.getloadavg()[0]:.2f}", flush=True)
    log = open(work / "ingest.log", "ab")

    db0 = work / "db0.db"
    remove_db(db0)
    code, seconds = run_to_end(ingest_command([str(source)], db0), log)
    reference = snapshot(db0)
    print(f"DB0: exit {code}, {seconds:.1f} s, {len(reference['ids'])} articles; rows: "
          + ", ".join(f"{t} {n}" for t, n in reference["counts"].items() if n), flush=True)

    identical = 0
    total_kills = 0
    for run in range(1, args.runs + 1):
        db = work / f"db{run}.db"
        remove_db(db)
        kills = rng.randint(1, args.max_kills)
        began = time.perf_counter()
        horizon = 0.9 * seconds
        for _attempt in range(4):      # a run that ends before its first kill proves nothing: again, sooner
            outcome = run_with_kills(ingest_command([str(source)], db), log, kills, horizon, rng)
            if outcome["kills"][0] is not None:
                break
            remove_db(db)
            horizon /= 2
        problems = compare(reference, snapshot(db))
        identical += not problems
        total_kills += sum(1 for k in outcome["kills"] if k is not None)
        print(f"DB{run}: killed at {outcome['kills']} s, final run exit {outcome['final_exit']} in "
              f"{outcome['final_seconds']} s (all {time.perf_counter() - began:.1f} s): "
              + ("identical" if not problems else "DIFFERENT: " + "; ".join(problems)), flush=True)
        remove_db(db)
    print(f"{identical}/{args.runs} identical ({total_kills} kills in all)", flush=True)

    if not args.skip_concurrent:
        lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
        first, second = work / "first.jsonl", work / "second.jsonl"
        first.write_text("".join(lines[:int(len(lines) * 0.6)]), encoding="utf-8")
        second.write_text("".join(lines[int(len(lines) * 0.4):]), encoding="utf-8")
        db = work / "concurrent.db"
        remove_db(db)
        began = time.perf_counter()
        a = start(ingest_command([str(first)], db), log)
        time.sleep(0.5)
        b = start(ingest_command([str(second)], db), log)
        codes = a.wait(), b.wait()
        article_data, knowledge_base = split(compare(reference, snapshot(db), ignore_origin=True))
        print(f"two processes on overlapping halves (60% + 60%) at once: exits {codes}, "
              f"{time.perf_counter() - began:.1f} s; article data: "
              + ("identical to DB0" if not article_data else "DIFFERENT: " + "; ".join(article_data))
              + "; knowledge base: " + ("identical" if not knowledge_base else "; ".join(knowledge_base)),
              flush=True)
        # the control: the same halves one after the other, in the other order, no concurrency —
        # what the order alone changes in the knowledge base (identities, clusters)
        db = work / "other-order.db"
        remove_db(db)
        run_to_end(ingest_command([str(second)], db), log)
        run_to_end(ingest_command([str(first)], db), log)
        article_data, knowledge_base = split(compare(reference, snapshot(db), ignore_origin=True))
        print("control, the halves one after the other in the other order: article data: "
              + ("identical to DB0" if not article_data else "DIFFERENT: " + "; ".join(article_data))
              + "; knowledge base: " + ("identical" if not knowledge_base else "; ".join(knowledge_base)),
              flush=True)
    log.close()
    print(f"load average at the end {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
