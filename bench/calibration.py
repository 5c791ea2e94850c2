#!/usr/bin/env python3
"""Are rasad's confidences calibrated? Per confidence band, the share of events and quotes that are
right by the gold.

    .venv/bin/python bench/calibration.py                    # ../shared/gold/valid
    .venv/bin/python bench/calibration.py corpus/gold        # any gold folder

An event is right when a gold event of its type shares a participant with it (or, for a gold event
with no named side, when their evidence overlaps): the scorer's own matching, event by event. A quote
is right when its speaker matches and its words overlap a gold quote's (token Jaccard ≥ 0.6). The table
also splits by provenance (`how`: a learned model or the rules), so each can be trusted on its own.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from evaluate import SHARED, predict, score  # noqa: E402

BANDS = [(0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.01)]


def event_right(gold: dict, pred: dict, ev: dict) -> bool:
    aliases = {e["name"]: [e["name"], *e.get("aliases", [])] for e in gold.get("entities", [])}
    parts = [score._name(x) for x in ev.get("source", []) + ev.get("target", [])]
    where = ev.get("evidence")
    for ge in gold.get("events", []):
        if ge["type"] != str(ev.get("type", "")).upper():
            continue
        gparts = ge.get("source", []) + ge.get("target", [])
        if any(score.name_matches(p, aliases.get(g, [g])) for p in parts for g in gparts):
            return True
        if not gparts and isinstance(where, list) and len(where) == 2:
            span = score._evidence_span(pred.get("text") or "", ge.get("evidence", ""))
            if span and where[0] < span[1] and span[0] < where[1]:
                return True
    return False


def quote_right(gold: dict, q: dict) -> bool:
    aliases = {e["name"]: [e["name"], *e.get("aliases", [])] for e in gold.get("entities", [])}
    pt = set(score.tokens(q.get("text", "")))
    for gq in gold.get("quotes", []):
        gt = set(score.tokens(gq["text"]))
        if pt and len(gt & pt) / len(gt | pt) >= 0.6 and q.get("speaker") \
                and score.name_matches(score._name(q["speaker"]), aliases.get(gq["speaker"], [gq["speaker"]])):
            return True
    return False


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="*", default=[str(SHARED / "gold" / "valid")])
    args = ap.parse_args()
    golds = score.load_gold(args.gold)
    score.prefetch(golds)
    table: dict[tuple[str, str, int], list[int]] = defaultdict(lambda: [0, 0])
    for gold in golds:
        pred = predict(gold)
        for ev in pred.get("events", []):
            band = next(i for i, (lo, hi) in enumerate(BANDS) if lo <= ev.get("confidence", 0.5) < hi)
            how = str(ev.get("how", "rules")).split(":")[0]
            cell = table[("event", how, band)]
            cell[0] += event_right(gold, pred, ev)
            cell[1] += 1
        for q in pred.get("quotes", []):
            if not q.get("direct", True):
                continue
            band = next(i for i, (lo, hi) in enumerate(BANDS) if lo <= q.get("confidence", 0.5) < hi)
            how = str(q.get("how", "rules")).split(":")[0]
            cell = table[("quote", how, band)]
            cell[0] += quote_right(gold, q)
            cell[1] += 1
    print(f"{len(golds)} articles of {', '.join(args.gold)}")
    print("what    how      confidence   right / all   share")
    for key in sorted(table):
        what, how, band = key
        right, total = table[key]
        lo, hi = BANDS[band]
        print(f"{what:7} {how:8} {lo:.1f}–{min(hi, 1.0):.1f}      {right:5d} / {total:<5d}  {right / total:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
