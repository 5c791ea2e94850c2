#!/usr/bin/env python3
"""Extraction speed and peak memory on real news: N articles of the ANT corpus (JSON records).

    .venv/bin/python bench/extract_speed.py [--n 5000] [--corpus ../shared/data/ant-corpus/ant_multisource_v2.1.jsonl.gz]

Runs the whole pipeline (`rasad.pipeline.analyse`) on one core, in this process, and prints
articles per second (after loading the models once), peak resident memory, and what was
found: events per article by type, quotes, entities, removed boilerplate blocks.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rasad.pipeline import analyse  # noqa: E402
from rasad.sources.records import record_to_document  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "data" / "ant-corpus" /
                                            "ant_multisource_v2.1.jsonl.gz"))
    args = ap.parse_args()
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})   # one core
    except (AttributeError, OSError):
        pass
    docs = []
    with gzip.open(args.corpus, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            rec = json.loads(line)
            if not (rec.get("text") or "").strip():
                continue
            docs.append(record_to_document(rec, f"{args.corpus}:{i}", None))
            if len(docs) >= args.n:
                break
    analyse(docs[0])   # load resources and models once, as a long-running process would
    events, quotes, entities, removed = Counter(), 0, 0, Counter()
    chars = 0
    start = time.perf_counter()
    cpu_start = time.process_time()
    for doc in docs:
        art = analyse(doc)
        chars += len(art.text)
        events.update(ev.type for ev in art.events)
        quotes += len(art.quotes)
        entities += len(art.entities)
        removed.update(r.label for r in art.removed)
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = len(docs)
    print(f"articles {n}  chars {chars:,}  seconds {elapsed:.2f}")
    print(f"articles/s (one core, wall clock) {n / elapsed:.1f}   chars/s {chars / elapsed:,.0f}")
    print(f"articles per CPU-second (one core, what the machine's other load does not change) {n / cpu:.1f}")
    print(f"load average while measuring {os.getloadavg()[0]:.1f} (on {os.cpu_count()} cores)")
    print(f"peak memory (RSS) {peak_mb:.0f} MB")
    print(f"entities/article {entities / n:.2f}  quotes/article {quotes / n:.2f}")
    print("events/article by type: " + ", ".join(f"{t} {c / n:.3f}" for t, c in events.most_common()))
    print("removed blocks: " + ", ".join(f"{k} {v}" for k, v in removed.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
