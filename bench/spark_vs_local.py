#!/usr/bin/env python3
"""Spark (local[2]) against one local process: the same extraction of N ANT articles into
Parquet (`rasad batch --engine spark|local`), articles per second, and whether the two outputs
are the same rows.

    .venv/bin/python bench/spark_vs_local.py [--n 5000] [--master local[2]]

Spark's figure is given with and without starting the session (~10 s of JVM start-up), which
a long job pays once. The machine's cores are shared: the load average is printed with each.
"""
from __future__ import annotations

import argparse
import gzip
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rasad.batch import read_rows, run_local  # noqa: E402
from rasad.batch.spark import run_spark, spark_session  # noqa: E402

ANT = ROOT.parent / "shared" / "data" / "ant-corpus" / "ant_multisource_v2.1.jsonl.gz"


def rows_by_id(folder: str) -> list[dict]:
    return sorted((row for batch in read_rows(folder) for row in batch), key=lambda row: row["id"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--corpus", default=str(ANT))
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="rasad-spark-bench-"))
    sample = work / "sample.jsonl.gz"
    with gzip.open(args.corpus, "rt", encoding="utf-8") as source, gzip.open(sample, "wt", encoding="utf-8") as out:
        for i, line in enumerate(source):
            if i == args.n:
                break
            out.write(line)

    print(f"{args.n} ANT articles; cores {os.cpu_count()}; load average {os.getloadavg()[0]:.2f}", flush=True)
    local = run_local([str(sample)], str(work / "local"))
    print(f"local, one process: {local.articles} articles in {local.seconds:.1f} s = "
          f"{local.articles / local.seconds:.1f} articles/s (load average {os.getloadavg()[0]:.2f})", flush=True)

    started = time.perf_counter()
    session = spark_session(args.master)
    startup = time.perf_counter() - started
    try:
        spark = run_spark([str(sample)], str(work / "spark"), session=session)
    finally:
        session.stop()
    print(f"spark {args.master}: {spark.articles} articles in {spark.seconds:.1f} s = "
          f"{spark.articles / spark.seconds:.1f} articles/s; with session start-up ({startup:.1f} s) "
          f"{spark.articles / (spark.seconds + startup):.1f} articles/s (load average {os.getloadavg()[0]:.2f})")
    print(f"speed-up over one process: ×{local.seconds / spark.seconds:.2f} "
          f"(×{local.seconds / (spark.seconds + startup):.2f} with start-up)")
    same = rows_by_id(str(work / "local")) == rows_by_id(str(work / "spark"))
    print(f"identical rows: {'YES' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
