#!/usr/bin/env python3
"""Print an article of the shared corpora as an annotator needs it: the gold file's `input` block, the
record's date field, and the text the extractor receives (title, then text), with each paragraph numbered.

    python3 scripts/show_article.py ID [ID ...]
    python3 scripts/show_article.py --raw ID      # the text alone, exactly, for copying by program

It reads only ../shared/data: nothing of rasad.
"""
from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
FILES = {
    "SNN": ("data/saudinewsnet/saudinewsnet.jsonl.gz", "id", ["url", "title", "date_extracted", "content"]),
    "JA": ("data/ant-corpus/ant_jawharafm_v1.1.jsonl.gz", "docno", ["url", "title", "time", "text"]),
    "": ("data/ant-corpus/ant_multisource_v2.1.jsonl.gz", "docno", ["url", "title", "time", "text"]),
}


def locate(rid: str) -> tuple[dict, dict]:
    """The gold `input` block for the id, and its record."""
    prefix = "SNN" if rid.startswith("SNN-") else "JA" if rid.startswith("JA-") else ""
    file, key, keep = FILES[prefix]
    with gzip.open(SHARED / file, "rt", encoding="utf-8") as fh:
        for line in fh:
            if rid in line:
                rec = json.loads(line)
                if rec.get(key) == rid:
                    return {"file": file, "match": {key: rid}, "as": "json", "keep": keep}, rec
    raise SystemExit(f"{rid}: no such record in {file}")


def article_text(rec: dict) -> str:
    """What the scorer and the extractor see: title and text (or content) joined by a newline."""
    return "\n".join(str(rec[k]) for k in ("title", "text", "content") if rec.get(k))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("ids", nargs="+")
    ap.add_argument("--raw", action="store_true")
    args = ap.parse_args()
    for rid in args.ids:
        block, rec = locate(rid)
        text = article_text(rec)
        if args.raw:
            print(text)
            continue
        print(f"=== {rid}")
        print("input:", json.dumps(block, ensure_ascii=False))
        for key in ("url", "time", "date_extracted", "src", "source", "cat"):
            if rec.get(key):
                print(f"{key}: {rec[key]}")
        for i, para in enumerate(text.split("\n")):
            print(f"[{i}] {para}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
