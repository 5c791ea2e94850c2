#!/usr/bin/env python3
"""How far two independent annotations of the same articles agree, by the project's scorer.

    python3 scripts/corpus_agreement.py                      # corpus/second against corpus/gold
    python3 scripts/corpus_agreement.py --write              # also write corpus/AGREEMENT.md
    python3 scripts/corpus_agreement.py --verbose            # every disagreement, article by article

The second annotation is turned into a prediction exactly as `check_gold.py` builds a perfect one
(body, entities, events with their evidence offsets, quotes) and scored against the first with
`score.py`; F1 is symmetric in the two, so which one is called gold does not change it.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(SHARED / "tools"))
import check_gold  # noqa: E402
import score  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--first", default=str(ROOT / "corpus" / "gold"))
    ap.add_argument("--second", default=str(ROOT / "corpus" / "second"))
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    second = {p.stem: p for p in Path(args.second).glob("*.json")}
    pairs = [(p, second[p.stem]) for p in sorted(Path(args.first).glob("*.json")) if p.stem in second]
    if not pairs:
        print("no article is annotated twice")
        return 1
    golds = [json.loads(a.read_text(encoding="utf-8")) for a, _ in pairs]
    seconds = [json.loads(b.read_text(encoding="utf-8")) for _, b in pairs]
    score.prefetch(golds + seconds)
    sys.path.insert(0, str(ROOT / "bench"))
    from evaluate import new_metrics, summary, table
    m = new_metrics()
    for gold, other in zip(golds, seconds):
        found, perfect = check_gold.problems(other)
        misses: list[str] = []
        score.score_doc(gold, perfect or {}, m, misses)
        if args.verbose and misses:
            print(f"# {gold['id']}", *("  " + x for x in misses), sep="\n")
    s = summary(m)
    text = table(s, len(pairs), 0)
    print(text)
    if args.write:
        rows = [("entities", s["entities_all"][2]), ("entities PER / ORG / LOC",
                 " / ".join(str(s["entities"].get(k, [0, 0, 0])[2]) for k in ("PER", "ORG", "LOC"))),
                ("events", s["events_all"][2]), ("event arguments", s["event_arguments"][2]),
                ("sides", s["event_sides"]), ("event date", s["event_date"]), ("event location", s["event_location"]),
                ("quotes", s["quotes"][2]), ("published", s["published"]), ("body", s["body"])]
        targets = {"entities": "≥ 0.95", "events": "≥ 0.80", "quotes": "≥ 0.90"}
        lines = ["# Agreement of two independent annotations", "",
                 f"{len(pairs)} articles of `corpus/gold` were annotated a second time, blind and independently, "
                 "into `corpus/second` (the first batches of the random order of `corpus/sample.tsv`). The second "
                 "annotation is scored against the first with `../shared/tools/score.py`, as a system would be "
                 "(`python3 scripts/corpus_agreement.py --write`).", "",
                 "| figure | F1 / share | target |", "| --- | --- | --- |"]
        lines += [f"| {k} | {v} | {targets.get(k, '')} |" for k, v in rows]
        lines += ["", "Per event type (P / R / F1, gold events of the first annotation):", "", "```", text, "```", "",
                  "Disagreements on conventions are settled in `CONVENTIONS.md`.", ""]
        (ROOT / "corpus" / "AGREEMENT.md").write_text("\n".join(lines), encoding="utf-8")
        print("written corpus/AGREEMENT.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
