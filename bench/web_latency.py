"""Latency of `rasad serve` under 20 concurrent clients: the search API, the article page and
the entity page, p50/p95 (target: p95 ≤ 200 ms).

    .venv/bin/python bench/web_latency.py [--db /tmp/rasad-72k.db] [--clients 20] [--requests 400]

The server is started here on 127.0.0.1 (a free port) and stopped at the end; every request
goes to it and nowhere else, and each run sends a bounded number of requests. When the
database does not exist, a smaller one is built first from SaudiNewsNet articles in
../shared/data (--build N, default 2000), and the report says so.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gzip
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
SMALL_DB = "/tmp/rasad-web-bench-2k.db"
QUERIES = ["وزير الخارجية", "الرئيس", "السعودية", "مجلس الأمن", "اجتماع", "سوريا", "الحكومة",
           "ولي العهد", "الأمم المتحدة", "استقبل", "الملك سلمان", "إيران", "اليمن", "العراق",
           "مصر", "التعاون", "المفاوضات", "الحوثي", "الرياض", "لبنان"]
EVENT_TYPES = ["CONSULT", "COOPERATE", "ACCUSE", "AID", "ASSAULT", "DEMAND"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_small(n: int, path: str) -> None:
    """A database of the first n SaudiNewsNet articles, run through the pipeline."""
    sys.path.insert(0, str(REPO))
    from rasad.output import to_record
    from rasad.pipeline import extract_text
    from rasad.store import Store
    if not DATA.exists():
        sys.exit(f"no database and no data to build one from ({DATA})")
    records, t0 = [], time.monotonic()
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            text = (item.get("content") or "").strip()
            if len(text) < 200:
                continue
            meta = {k: v for k, v in (("title", item.get("title")), ("url", item.get("url")),
                                      ("source", item.get("source"))) if v}
            try:        # the crawl date: the pipeline takes the article's own date when it has one
                meta["fetched"] = dt.datetime.fromisoformat(item["date_extracted"])
            except (KeyError, TypeError, ValueError):
                pass
            try:
                records.append(to_record(extract_text(text, **meta)))
            except Exception as error:          # a bad article is skipped, not fatal
                print(f"skipped one article: {error}", file=sys.stderr)
            if len(records) >= n:
                break
    with Store.open(path) as store:
        stored, dup = store.add_many(records)
    print(f"built {path}: {stored} articles ({dup} duplicates) in "
          f"{time.monotonic() - t0:.0f} s", file=sys.stderr)


async def run(base: str, make_urls, clients: int, total: int) -> list[float]:
    """`total` GETs, `clients` at a time; latencies in ms. Non-200 answers are errors."""
    latencies: list[float] = []
    errors: list[str] = []
    queue: asyncio.Queue = asyncio.Queue()
    for url in make_urls(total):
        queue.put_nowait(url)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        async def worker():
            while True:
                try:
                    url = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                t0 = time.perf_counter()
                resp = await client.get(url)
                latencies.append((time.perf_counter() - t0) * 1000)
                if resp.status_code != 200:
                    errors.append(f"{resp.status_code} {url}")
        await asyncio.gather(*(worker() for _ in range(clients)))
    if errors:
        print(f"  {len(errors)} errors, e.g. {errors[:3]}", file=sys.stderr)
    return latencies


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process and its children (the workers), from /proc;
    0.0 where /proc is not there."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        me, ppid = int(stat.parent.name), int(fields[1])
        if me == pid or ppid == pid:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(p / 100 * len(values)) - 1))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="/tmp/rasad-72k.db")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=400, help="requests per endpoint")
    ap.add_argument("--build", type=int, default=2000,
                    help="articles in the smaller database built when --db is missing")
    ap.add_argument("--workers", type=int, default=2,
                    help="rasad serve --workers (default 2: one per core of this machine)")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    if not 1 <= args.clients <= 100 or not 1 <= args.requests <= 20_000:
        sys.exit("--clients must be 1–100 and --requests 1–20000")

    db, note = args.db, ""
    if not Path(db).exists():
        note = f"{db} does not exist: measured on a smaller database built from " \
               f"{args.build} SaudiNewsNet articles ({SMALL_DB})"
        print(note, file=sys.stderr)
        db = SMALL_DB
        if not Path(db).exists():
            build_small(args.build, db)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "rasad.cli", "serve", "--db", db,
                               "--host", "127.0.0.1", "--port", str(port),
                               "--workers", str(args.workers),
                               "--log-level", "warning"], cwd=REPO)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                sys.exit("the server did not start")
            time.sleep(0.3)

        rng = random.Random(7)
        stats = httpx.get(base + "/api/stats", timeout=60).json()
        n_articles = stats["articles"]
        article_ids: list[str] = []
        for _ in range(5):
            offset = rng.randrange(max(1, n_articles - 100))
            page = httpx.get(base + "/api/articles", params={"limit": 100, "offset": offset},
                             timeout=60).json()
            article_ids += [h["id"] for h in page["items"]]
        entity_ids = [e["id"] for e in httpx.get(base + "/api/entities", params={"limit": 100},
                                                 timeout=60).json()["items"]]
        entity_ids += [e["id"] for e in httpx.get(
            base + "/api/entities", params={"limit": 100, "offset": 500}, timeout=60).json()["items"]]

        def search_urls(n):
            for i in range(n):
                q = quote(rng.choice(QUERIES))
                if i % 3 == 0:
                    yield f"/api/search?q={q}&event_type={rng.choice(EVENT_TYPES)}"
                elif i % 3 == 1:
                    yield f"/api/search?q={q}&date_from=2015-07&date_to=2015-08&offset=20"
                else:
                    yield f"/api/search?q={q}"

        def article_urls(n):
            for _ in range(n):
                yield f"/articles/{rng.choice(article_ids)}"

        def entity_urls(n):
            for _ in range(n):
                yield f"/entities/{rng.choice(entity_ids)}"

        results = {}
        for name, urls in (("search API", search_urls), ("article page", article_urls),
                           ("entity page", entity_urls)):
            asyncio.run(run(base, urls, args.clients, min(40, args.requests)))     # warm-up
            t0, cpu0, mine0 = time.perf_counter(), cpu_seconds(server.pid), time.process_time()
            lat = asyncio.run(run(base, urls, args.clients, args.requests))
            wall, cpu = time.perf_counter() - t0, cpu_seconds(server.pid) - cpu0
            client_cpu = time.process_time() - mine0
            results[name] = {"requests": len(lat), "p50_ms": round(statistics.median(lat), 1),
                             "p95_ms": round(pct(lat, 95), 1), "max_ms": round(max(lat), 1),
                             "throughput_rps": round(len(lat) / wall, 1),
                             "server_cpu_ms_per_request": round(cpu * 1000 / len(lat), 1),
                             "client_cpu_ms_per_request": round(client_cpu * 1000 / len(lat), 1)}
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()

    print(f"database: {db} ({n_articles:,} articles, {stats['events']:,} events); "
          f"{args.clients} concurrent clients, {args.requests} requests per endpoint, "
          f"{args.workers} server worker(s)")
    if note:
        print(f"note: {note}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} cores, load average {load:.1f} at the end (other work "
          f"on the machine lengthens the queue: see the server CPU per request)")
    print(f"{'endpoint':<14}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'req/s':>8}"
          f"{'CPU ms/req':>12}{'client ms/req':>15}  p95 ≤ 200 ms")
    for name, r in results.items():
        ok = "yes" if r["p95_ms"] <= 200 else "NO"
        print(f"{name:<14}{r['p50_ms']:>9}{r['p95_ms']:>9}{r['max_ms']:>9}"
              f"{r['throughput_rps']:>8}{r['server_cpu_ms_per_request']:>12}"
              f"{r['client_cpu_ms_per_request']:>15}  {ok}")
    if args.json:
        Path(args.json).write_text(json.dumps({"db": db, "articles": n_articles, "note": note,
                                               "clients": args.clients, "workers": args.workers,
                                               "results": results},
                                              ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
