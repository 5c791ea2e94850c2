#!/usr/bin/env python3
"""Counts of the annotated corpus against what the corpus issue asks of it.

    python3 scripts/corpus_counts.py            # corpus/gold and corpus/second
    python3 scripts/corpus_counts.py --markdown # the table for corpus/README.md

Articles, the second annotation's share, events per PLOVER type (every type ≥ 30; ASSAULT, PROTEST,
CONSULT, REQUEST, ACCUSE, SUPPORT, COERCE ≥ 150), quotes, entities, and the drawing's proportions
(outlets ≤ 30%, conflict news ≥ 40%) of the articles annotated so far, from corpus/sample.tsv.
"""
from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
MAJOR = {"ASSAULT", "PROTEST", "CONSULT", "REQUEST", "ACCUSE", "SUPPORT", "COERCE"}
TARGET_ARTICLES = 1200


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    gold = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "corpus" / "gold").glob("*.json"))]
    second = list((ROOT / "corpus" / "second").glob("*.json"))
    sample = {row["id"]: row for row in csv.DictReader(open(ROOT / "corpus" / "sample.tsv", encoding="utf-8"),
                                                       delimiter="\t")}
    events = Counter(e["type"] for g in gold for e in g["events"])
    unnamed = sum(1 for g in gold for e in g["events"] if not e.get("source") and not e.get("target"))
    quotes = sum(len(g["quotes"]) for g in gold)
    entities = Counter(e["type"] for g in gold for e in g["entities"])
    rows = [sample[g["id"]] for g in gold if g["id"] in sample]
    outlets = Counter(r["outlet"] for r in rows)
    papers = Counter(r["paper"] for r in rows)
    conflict = sum(int(r["conflict_words"]) >= 3 for r in rows)
    ok = True

    def check(cond: bool) -> str:
        nonlocal ok
        ok &= cond
        return "met" if cond else "NOT MET"

    n = len(gold)
    lines = [f"articles in corpus/gold: {n} (target ≥ {TARGET_ARTICLES}: {check(n >= TARGET_ARTICLES)})",
             f"articles in corpus/second: {len(second)} = {len(second) / max(1, n):.1%} "
             f"(target ≥ 10%: {check(len(second) >= 0.1 * max(n, TARGET_ARTICLES))})",
             f"events {sum(events.values())} (with no named side: {unnamed}), quotes {quotes}, "
             f"entities {sum(entities.values())} ({', '.join(f'{k} {v}' for k, v in sorted(entities.items()))})",
             f"outlets: {', '.join(f'{k} {v / max(1, len(rows)):.0%}' for k, v in outlets.most_common())} "
             f"(largest ≤ 30%: {check(not outlets or max(outlets.values()) <= 0.3 * len(rows))}); "
             f"largest paper {papers.most_common(1)[0][0] if papers else '-'}",
             f"conflict news: {conflict / max(1, len(rows)):.0%} (≥ 40%: {check(conflict >= 0.4 * len(rows))})",
             "", "| type | events | target | |", "| --- | --- | --- | --- |"]
    for t in TYPES:
        want = 150 if t in MAJOR else 30
        lines.append(f"| {t} | {events.get(t, 0)} | ≥ {want} | {check(events.get(t, 0) >= want)} |")
    if args.markdown:
        lines = [f"- {x}" if x and not x.startswith("|") else x for x in lines]
    text = "\n".join(lines)
    print(text if args.markdown else text.replace("| ", "").replace(" |", "").replace("---", "").strip())
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
