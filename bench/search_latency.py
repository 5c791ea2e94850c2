"""Latency of the store's queries: p50/p95 over 200 mixed queries.

    python bench/search_latency.py [--db PATH_OR_URL] [--build N] [--records FILE.jsonl]

Uses --db if given, else /tmp/rasad-72k.db when it exists (the full 72K-article database of
the ingest job), else builds /tmp/rasad-bench-<N>k.db from N articles: from --records (JSON
Lines of pipeline records) or by running the pipeline over the ANT corpus in
../shared/data. The 200 queries mix full-text searches (single words, two words, a phrase)
with and without filters (event type, entity, place, dates), entity pages, entity lists,
clustered events, quotes of a speaker and the meeting network — the calls the CLI and the
web API make. Query terms and names are drawn from the database itself (seeded, so the same
database gives the same queries).
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from rasad.store import Store  # noqa: E402

FULL_DB = "/tmp/rasad-72k.db"
ANT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data",
                   "ant-corpus", "ant_multisource_v2.1.jsonl.gz")
WORDS = ["الرئيس", "الحكومة", "المفاوضات", "الانتخابات", "وزير الخارجية", "مجلس الأمن",
         "اللاجئين", "الاقتصاد", "النفط", "الهجوم", "قمة", "اتفاق", "العقوبات", "الجيش",
         "البرلمان", "المعارضة", "الحدود", "الاحتجاجات", "السلام", "الإرهاب"]


def records_from_ant(n: int):
    from rasad.output import to_record
    from rasad.pipeline import analyse
    from rasad.sources.records import record_to_document
    with gzip.open(ANT, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= 3 * n:
                return
            if i % 3:
                continue
            try:
                yield to_record(analyse(record_to_document(json.loads(line),
                                                           f"ant_multisource:{i + 1}")))
            except Exception:   # noqa: BLE001 — a benchmark skips what the pipeline refuses
                continue


def build(path: str, n: int, records_file: str | None) -> None:
    if records_file:
        source = (json.loads(line) for line in open(records_file, encoding="utf-8"))
    else:
        source = records_from_ant(n)
    t = time.perf_counter()
    with Store.open(path) as store:
        batch, total = [], 0
        for rec in source:
            batch.append(rec)
            if len(batch) == 500:
                total += store.add_many(batch)[0]
                batch = []
                print(f"  {total} stored, {time.perf_counter() - t:.0f} s", file=sys.stderr)
            if total + len(batch) >= n:
                break
        if batch:
            total += store.add_many(batch)[0]
        print(f"built {path}: {store.count()} in {time.perf_counter() - t:.0f} s",
              file=sys.stderr)


def queries(store: Store, n: int = 200, seed: int = 7) -> list[tuple[str, callable]]:
    rng = random.Random(seed)
    people = [e["name"] for e in store.entities(type="PER", limit=200)]
    places = [e["name"] for e in store.entities(type="LOC", limit=100)]
    prefixes = sorted({p.split()[0][:3] for p in people if p.split()})
    types = ["CONSULT", "STATEMENT", "SUPPORT", "ACCUSE", "THREATEN", "REQUEST", "ASSAULT"]
    months = [f"2018-{m:02d}" for m in range(1, 13)]
    out = []
    for i in range(n):
        kind = i % 10
        w = rng.choice(WORDS)
        if kind == 0:
            out.append(("search word", lambda w=w: store.search(w)))
        elif kind == 1:
            q = f"{w} {rng.choice(WORDS)}"
            out.append(("search two words", lambda q=q: store.search(q)))
        elif kind == 2:
            q = f'"{rng.choice(WORDS)}"'
            out.append(("search phrase", lambda q=q: store.search(q)))
        elif kind == 3 and people:
            p = rng.choice(people)
            out.append(("search + entity", lambda w=w, p=p: store.search(w, entity=p)))
        elif kind == 4:
            t, m = rng.choice(types), rng.choice(months)
            out.append(("search + type + dates", lambda w=w, t=t, m=m: store.search(
                w, event_type=t, date_from=m, date_to=m)))
        elif kind == 5 and places:
            pl = rng.choice(places)
            out.append(("search + place", lambda w=w, pl=pl: store.search(w, place=pl)))
        elif kind == 6 and people:
            p = rng.choice(people)
            out.append(("entity page", lambda p=p: store.entity(p)))
        elif kind == 7:
            t = rng.choice(types)
            p = rng.choice(people) if people and rng.random() < 0.5 else None
            out.append(("events", lambda t=t, p=p: store.events(type=t, entity=p, limit=20)))
        elif kind == 8 and people:
            p = rng.choice(people)
            out.append(("quotes of speaker", lambda p=p: store.quotes(p, limit=20)))
        elif people:
            if rng.random() < 0.5:
                p = rng.choice(people)
                out.append(("network", lambda p=p: store.network(p)))
            else:
                pre = rng.choice(prefixes) if prefixes else "مح"
                out.append(("entities prefix", lambda pre=pre: store.entities(pre, limit=20)))
        else:
            out.append(("search word", lambda w=w: store.search(w)))
    return out


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(q * (len(values) - 1))))
    return values[k]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db")
    ap.add_argument("--build", type=int, default=10_000)
    ap.add_argument("--records", help="JSON Lines of pipeline records to build from")
    args = ap.parse_args(argv)
    db = args.db
    if db is None:
        if os.path.exists(FULL_DB):
            db = FULL_DB
        else:
            db = f"/tmp/rasad-bench-{args.build // 1000}k.db"
            if not os.path.exists(db):
                print(f"{FULL_DB} is absent: building {db} from {args.build} ANT articles",
                      file=sys.stderr)
                build(db, args.build, args.records)
    with Store.open(db) as store:
        print(f"database {store.name}: {store.count()}")
        qs = queries(store)
        for _, run in qs[:20]:                      # warm the page cache
            run()
        times: dict[str, list[float]] = {}
        every = []
        for name, run in qs:
            t = time.perf_counter()
            run()
            ms = (time.perf_counter() - t) * 1000
            times.setdefault(name, []).append(ms)
            every.append(ms)
    print(f"{len(every)} queries: p50 {pct(every, 0.5):.1f} ms, p95 {pct(every, 0.95):.1f} ms, "
          f"max {max(every):.1f} ms")
    for name, ms in sorted(times.items()):
        print(f"  {name:<22} n={len(ms):<3} p50 {statistics.median(ms):6.1f} ms  "
              f"p95 {pct(ms, 0.95):6.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
