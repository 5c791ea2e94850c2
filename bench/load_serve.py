"""`rasad serve` under load while `rasad ingest` writes into the same database.

    .venv/bin/python bench/load_serve.py [--db /tmp/rasad-72k.db] [--clients 20 100]
                                         [--seconds 30] [--max-requests 6000] [--ingest 3000]
                                         [--no-idle]

1. Copies the database (SQLite backup API) to --work, so the original is never written.
   Default: /tmp/rasad-72k.db, else the largest /tmp/rasad-*.db (the report says which).
2. Starts `rasad serve` on 127.0.0.1 (a free port) over the copy, and `rasad ingest
   --workers 1` into the same copy: --ingest real articles (ANT corpus, ../shared/data) each
   given a closing line of its own so that they are new articles and are really extracted
   and written, not skipped as duplicates.
3. For each --clients level, N asyncio+httpx clients loop over four endpoints (search API,
   article page, entity page, events API) for --seconds or --max-requests, whichever ends
   first: requests/s, p50/p95/p99 per endpoint, errors (any non-2xx, timeout or connection
   error). Then, unless --no-idle, the same levels again once the ingest is stopped.
Loopback only; every loop is bounded in count and time; the server and the ingest are
stopped (by their process ids) at the end. Targets: 0 errors, p95 ≤ 200 ms at 20 clients
during ingest. The machine has 2 cores shared with others: the load average is printed.
"""
from __future__ import annotations

import argparse
import asyncio
import glob
import gzip
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
ANT = REPO.parent / "shared" / "data" / "ant-corpus" / "ant_multisource_v2.1.jsonl.gz"
PYTHON = sys.executable
QUERIES = ["وزير الخارجية", "الرئيس", "السعودية", "مجلس الأمن", "اجتماع", "سوريا", "الحكومة",
           "الأمم المتحدة", "استقبل", "إيران", "اليمن", "العراق", "مصر", "التعاون", "المفاوضات",
           "الرياض", "لبنان", "ترامب", "غزة", "تونس", "احتجاجات", "بوتين", "قطر", "الجيش"]
EVENT_TYPES = ["CONSULT", "COOPERATE", "ACCUSE", "AID", "ASSAULT", "DEMAND", "PROTEST", ""]
ENDPOINTS = ("search API", "article page", "entity page", "events API")


def pick_db(asked: str | None) -> tuple[str, str]:
    if asked:
        return asked, "as asked"
    if os.path.exists("/tmp/rasad-72k.db"):
        return "/tmp/rasad-72k.db", "the 72k database"
    found = sorted(glob.glob("/tmp/rasad-*.db"), key=os.path.getsize, reverse=True)
    if not found:
        raise SystemExit("no /tmp/rasad-*.db to serve: build one with rasad ingest first")
    return found[0], f"/tmp/rasad-72k.db is absent: the largest /tmp/rasad-*.db instead"


def copy_db(source: str, target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(str(target))
    with dst:
        src.backup(dst)
    src.close()
    dst.close()


def sample(db: Path, rng: random.Random) -> dict:
    """Article ids and canonical entity ids to ask for (entities that have articles)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        articles = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY random() LIMIT 3000")]
        try:
            entities = [r[0] for r in conn.execute(
                "SELECT id FROM canonical_entities WHERE articles > 1 ORDER BY random() LIMIT 1500")]
        except sqlite3.OperationalError:
            entities = []
        return {"articles": articles, "entities": entities or [1]}
    finally:
        conn.close()


def write_ingest_input(path: Path, count: int) -> int:
    """`count` ANT articles, each with a closing line of its own: new texts, so new articles."""
    written = 0
    with gzip.open(ANT, "rt", encoding="utf-8") as src, open(path, "w", encoding="utf-8") as out:
        for line in src:
            record = json.loads(line)
            if not (record.get("text") or "").strip():
                continue
            record["text"] += f"\n\n(نسخة اختبار الحمل رقم {written})"
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
            if written == count:
                break
    return written


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request_for(endpoint: str, ids: dict, rng: random.Random) -> tuple[str, dict]:
    if endpoint == "search API":
        params = {"q": rng.choice(QUERIES), "limit": 20}
        if rng.random() < 0.3:
            params["offset"] = rng.choice([20, 40, 100])
        return "/api/search", params
    if endpoint == "article page":
        return f"/articles/{rng.choice(ids['articles'])}", {}
    if endpoint == "entity page":
        return f"/entities/{rng.choice(ids['entities'])}", {}
    params = {"limit": 50}
    kind = rng.choice(EVENT_TYPES)
    if kind:
        params["type"] = kind
    if rng.random() < 0.4:
        params["entity"] = str(rng.choice(ids["entities"]))
    return "/api/events", params


async def drive(base: str, clients: int, seconds: float, max_requests: int, ids: dict, seed: int) -> dict:
    """`clients` concurrent loops, each request to one of the endpoints in turn."""
    latencies: dict[str, list[float]] = {e: [] for e in ENDPOINTS}
    errors: dict[str, list[str]] = {e: [] for e in ENDPOINTS}
    issued = 0
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    timeout = httpx.Timeout(30.0)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=timeout,
                                 headers={"Accept": "text/html,application/json"}) as client:
        async def one_client(number: int) -> None:
            nonlocal issued
            rng = random.Random(seed * 1000 + number)
            turn = number
            while time.monotonic() < deadline and issued < max_requests:
                issued += 1
                endpoint = ENDPOINTS[turn % len(ENDPOINTS)]
                turn += 1
                path, params = request_for(endpoint, ids, rng)
                started = time.perf_counter()
                try:
                    resp = await client.get(path, params=params)
                    await resp.aread()
                    ok = 200 <= resp.status_code < 300
                    problem = None if ok else f"HTTP {resp.status_code} {path}"
                except httpx.HTTPError as error:
                    problem = f"{type(error).__name__} {path}"
                elapsed = time.perf_counter() - started
                if problem:
                    errors[endpoint].append(problem)
                else:
                    latencies[endpoint].append(elapsed)

        began = time.perf_counter()
        await asyncio.gather(*(one_client(n) for n in range(clients)))
        wall = time.perf_counter() - began
    return {"latencies": latencies, "errors": errors, "wall": wall}


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def report(label: str, clients: int, result: dict) -> dict:
    wall = result["wall"]
    total_ok = sum(len(v) for v in result["latencies"].values())
    total_errors = sum(len(v) for v in result["errors"].values())
    print(f"\n{label}, {clients} clients: {total_ok + total_errors} requests in {wall:.1f} s = "
          f"{(total_ok + total_errors) / wall:.1f} req/s, errors {total_errors}; "
          f"load average {os.getloadavg()[0]:.2f}")
    print(f"  {'endpoint':14} {'n':>6} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>6}")
    rows = {}
    for endpoint in ENDPOINTS:
        lat = result["latencies"][endpoint]
        err = result["errors"][endpoint]
        row = {"n": len(lat) + len(err), "rps": (len(lat) + len(err)) / wall,
               "p50": 1000 * percentile(lat, 50), "p95": 1000 * percentile(lat, 95),
               "p99": 1000 * percentile(lat, 99), "errors": len(err)}
        rows[endpoint] = row
        print(f"  {endpoint:14} {row['n']:>6} {row['rps']:>7.1f} {row['p50']:>8.0f} {row['p95']:>8.0f} "
              f"{row['p99']:>8.0f} {row['errors']:>6}")
        for problem in sorted(set(err))[:3]:
            print(f"      e.g. {problem}")
    everything = [x for v in result["latencies"].values() for x in v]
    print(f"  {'all':14} {total_ok + total_errors:>6} {(total_ok + total_errors) / wall:>7.1f} "
          f"{1000 * percentile(everything, 50):>8.0f} {1000 * percentile(everything, 95):>8.0f} "
          f"{1000 * percentile(everything, 99):>8.0f} {total_errors:>6}")
    return rows


def stored(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return -1


def wait_for(base: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit("the server did not come up")


def stop(process: subprocess.Popen | None) -> None:
    if process is not None and process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db")
    ap.add_argument("--clients", type=int, nargs="+", default=[20, 100])
    ap.add_argument("--seconds", type=float, default=30.0, help="per level (bounded)")
    ap.add_argument("--max-requests", type=int, default=6000, help="per level (bounded)")
    ap.add_argument("--ingest", type=int, default=3000, help="articles ingested meanwhile (0: none)")
    ap.add_argument("--no-idle", action="store_true", help="skip the levels without ingest")
    ap.add_argument("--ingest-nice", type=int, default=10,
                    help="rasad ingest --nice (default 10: the batch yields the CPU to readers)")
    ap.add_argument("--server-workers", type=int, default=2,
                    help="rasad serve --workers (default 2: one per core of this machine)")
    ap.add_argument("--work", default="/tmp/rasad-load")
    ap.add_argument("--seed", type=int, default=1439)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    source, why = pick_db(args.db)
    served = work / "served.db"
    began = time.perf_counter()
    copy_db(source, served)
    print(f"database: {source} ({why}), {os.path.getsize(source) / 2**20:.0f} MB, {stored(served)} articles; "
          f"copied to {served} in {time.perf_counter() - began:.1f} s", flush=True)
    ids = sample(served, rng)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(work / "processes.log", "ab")
    server = subprocess.Popen([PYTHON, "-m", "rasad.cli", "serve", "--db", str(served), "--host", "127.0.0.1",
                               "--port", str(port), "--workers", str(args.server_workers),
                               "--log-level", "warning"], cwd=str(REPO),
                              stdout=log, stderr=subprocess.STDOUT)
    ingest = None
    try:
        wait_for(base, 60)
        asyncio.run(drive(base, 5, 3, 100, ids, args.seed))        # warm-up: caches, model-free paths
        phases = []
        if args.ingest:
            source_file = work / "ingest.jsonl"
            n = write_ingest_input(source_file, args.ingest)
            before = stored(served)
            ingest = subprocess.Popen([PYTHON, "-m", "rasad.cli", "ingest", str(source_file), "--db", str(served),
                                       "--workers", "1", "--nice", str(args.ingest_nice), "--no-progress",
                                       "--rejects", str(work / "rejects.jsonl")],
                                      cwd=str(REPO), stdout=log, stderr=subprocess.STDOUT)
            time.sleep(8)                   # past the model loading: extraction and writes under way
            print(f"ingest of {n} new articles started (pid {ingest.pid}, --nice {args.ingest_nice}); "
                  f"{stored(served) - before} "
                  f"stored after 8 s", flush=True)
            phases.append(("during ingest", True))
        if not args.no_idle or not args.ingest:
            phases.append(("no ingest", False))
        for label, with_ingest in phases:
            if not with_ingest:
                stop(ingest)
            for clients in args.clients:
                if with_ingest and ingest.poll() is not None:
                    print(f"(the ingest finished before the {clients}-client level)")
                at = stored(served)
                result = asyncio.run(drive(base, clients, args.seconds, args.max_requests, ids, args.seed + clients))
                report(label, clients, result)
                if with_ingest:
                    print(f"  ingest meanwhile: {stored(served) - at} articles stored"
                          + ("" if ingest.poll() is None else " (it has finished)"), flush=True)
    finally:
        stop(ingest)
        stop(server)
        log.close()
    print(f"\nserver: rasad serve --workers {args.server_workers}; load average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())} (2 cores, shared)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
