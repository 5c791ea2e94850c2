#!/usr/bin/env python3
"""The regression harness: score rasad on gold folders and show what changed, article by article.

    .venv/bin/python bench/evaluate.py                          # ../shared/gold/valid against its snapshot
    .venv/bin/python bench/evaluate.py ../shared/gold/dev corpus/gold
    .venv/bin/python bench/evaluate.py --update                 # accept the current output as the snapshot
    .venv/bin/python bench/evaluate.py --floors bench/floors.json   # exit 1 below a floor (CI)

It runs the extraction in this process (the same `rasad.extract` as the CLI) and scores each article with
the project's scorer (`../shared/tools/score.py`), so its figures are the scorer's. Then it compares every
article's entities, events and quotes with the committed snapshot of the last accepted output
(`bench/snapshots/<folder>.json`) and prints which articles gained or lost which entity, event and quote,
and whether each change is right or wrong by the gold. Update the snapshot on purpose, with the change
that moves it.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(SHARED / "tools"))
import score  # noqa: E402  (the project's scorer, shipped beside the gold)

SNAPSHOTS = ROOT / "bench" / "snapshots"


def new_metrics() -> dict:
    return {"published": [], "body": [], "fragments": [], "event_date": [], "event_location": [],
            "event_sides": [], "arguments": score.Counts(), "quotes": score.Counts(),
            "entities": defaultdict(score.Counts), "events": defaultdict(score.Counts)}


def predict(gold: dict, min_confidence: float = 0.0) -> dict:
    """rasad's record for the gold file's input, as `rasad extract --format json` prints it."""
    import rasad
    path, temporary = score.input_text(gold)
    try:
        article = next(iter(rasad.extract(path)))
        if isinstance(article, rasad.InputError):
            raise article
        record = rasad.to_record(article)
    finally:
        if temporary:
            os.unlink(path)
    if min_confidence:
        record["events"] = [e for e in record["events"] if e.get("confidence", 1) >= min_confidence]
    return record


def summary(m: dict) -> dict:
    def total(group: dict) -> score.Counts:
        t = score.Counts()
        for c in group.values():
            t.tp, t.fp, t.fn = t.tp + c.tp, t.fp + c.fp, t.fn + c.fn
        return t

    def mean(xs: list[float]) -> float | None:
        return round(sum(xs) / len(xs), 3) if xs else None

    def prf(c: score.Counts) -> list[float]:
        return [round(x, 3) for x in c.f1()]

    return {
        "entities": {k: prf(v) for k, v in sorted(m["entities"].items())},
        "entities_all": prf(total(m["entities"])), "fragmentation": mean(m["fragments"]),
        "events": {k: prf(v) + [v.tp + v.fn] for k, v in sorted(m["events"].items())},
        "events_all": prf(total(m["events"])), "event_arguments": prf(m["arguments"]),
        "event_date": mean(m["event_date"]), "event_location": mean(m["event_location"]),
        "event_sides": mean(m["event_sides"]), "quotes": prf(m["quotes"]),
        "published": mean(m["published"]), "body": mean(m["body"]),
    }


def table(s: dict, documents: int, failed: int) -> str:
    lines = [f"documents {documents}  failed {failed}", "                P      R      F1     gold"]
    for k, v in s["entities"].items():
        lines.append(f"entity {k:8} {v[0]:.3f}  {v[1]:.3f}  {v[2]:.3f}")
    for k, v in s["events"].items():
        lines.append(f"event {k:9} {v[0]:.3f}  {v[1]:.3f}  {v[2]:.3f}  {v[3]:5d}")
    for key, label in (("events_all", "events (all)"), ("event_arguments", "event args"), ("quotes", "quotes"),
                       ("entities_all", "entities (all)")):
        v = s[key]
        lines.append(f"{label:15} {v[0]:.3f}  {v[1]:.3f}  {v[2]:.3f}")
    lines.append(f"event date {s['event_date']}  location {s['event_location']}  sides {s['event_sides']}  "
                 f"fragmentation {s['fragmentation']}  published {s['published']}  body {s['body']}")
    return "\n".join(lines)


def digest(pred: dict) -> dict:
    """What the snapshot keeps of an article's output: enough to say what changed."""
    def names(xs) -> list[str]:
        return sorted(score._name(x) for x in xs or [])
    return {
        "entities": sorted(f"{e.get('type')} {e.get('name')}" for e in pred.get("entities", [])),
        "events": sorted(f"{e.get('type')} {names(e.get('source'))} → {names(e.get('target'))}"
                         for e in pred.get("events", [])),
        "quotes": sorted(f"{q.get('speaker')}: {(q.get('text') or '')[:40]}" for q in pred.get("quotes", [])
                         if q.get("direct", True)),
    }


def diff(old: dict, new: dict, misses: dict[str, list[str]]) -> list[str]:
    out = []
    for doc in sorted(set(old) | set(new)):
        a, b = old.get(doc, {}), new.get(doc, {})
        changes = []
        for layer in ("entities", "events", "quotes"):
            lost = sorted(set(a.get(layer, [])) - set(b.get(layer, [])))
            gained = sorted(set(b.get(layer, [])) - set(a.get(layer, [])))
            changes += [f"  - {layer[:-1] if layer != 'entities' else 'entity'} {x}" for x in lost]
            changes += [f"  + {layer[:-1] if layer != 'entities' else 'entity'} {x}" for x in gained]
        if changes:
            out.append(f"# {doc}  (now {len(misses.get(doc, []))} misses)")
            out += changes
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="*", default=[str(SHARED / "gold" / "valid")])
    ap.add_argument("--update", action="store_true", help="write the current output as the snapshot")
    ap.add_argument("--floors", help="a JSON file of figures the run must reach (exit 1 otherwise)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--min-confidence", type=float, default=0.0)
    ap.add_argument("--verbose", action="store_true", help="print each article's misses")
    ap.add_argument("--no-diff", action="store_true")
    args = ap.parse_args()
    status = 0
    for folder in args.gold:
        golds = score.load_gold([folder])
        score.prefetch(golds)
        m, failed = new_metrics(), 0
        snap_now: dict[str, dict] = {}
        misses: dict[str, list[str]] = {}
        for gold in golds:
            miss: list[str] = []
            try:
                pred = predict(gold, args.min_confidence)
            except Exception as exc:             # a failure is a figure here, not a crash
                failed += 1
                pred = {}
                miss.append(f"FAILED: {type(exc).__name__}: {exc}")
            score.score_doc(gold, pred, m, miss)
            misses[gold["id"]] = miss
            snap_now[gold["id"]] = digest(pred)
        s = summary(m)
        name = Path(folder).resolve().name
        if args.json:
            print(json.dumps({"folder": folder, "documents": len(golds), "failed": failed, **s},
                             ensure_ascii=False))
        else:
            print(f"## {folder}")
            print(table(s, len(golds), failed))
        if args.verbose:
            for doc, miss in misses.items():
                if miss:
                    print(f"# {doc}", *("  " + x for x in miss), sep="\n")
        snap_file = SNAPSHOTS / f"{name}.json"
        if args.update:
            SNAPSHOTS.mkdir(parents=True, exist_ok=True)
            snap_file.write_text(json.dumps({"figures": s, "articles": snap_now}, ensure_ascii=False, indent=0,
                                            sort_keys=True) + "\n", encoding="utf-8")
            print(f"snapshot written: {snap_file.relative_to(ROOT)}")
        elif snap_file.exists() and not args.no_diff:
            old = json.loads(snap_file.read_text(encoding="utf-8"))
            changed = diff(old["articles"], snap_now, misses)
            before = old["figures"]
            print(f"against the snapshot: events F1 {before['events_all'][2]} → {s['events_all'][2]}, "
                  f"entities {before['entities_all'][2]} → {s['entities_all'][2]}, "
                  f"quotes {before['quotes'][2]} → {s['quotes'][2]}; "
                  f"{sum(1 for x in changed if x.startswith('#'))} articles changed")
            print("\n".join(changed))
        if args.floors:
            floors = json.loads(Path(args.floors).read_text(encoding="utf-8")).get(name, {})
            for key, floor in floors.items():
                value = s[key][2] if isinstance(s[key], list) else s[key]
                if value is None or value < floor:
                    print(f"BELOW FLOOR {name} {key}: {value} < {floor}")
                    status = 1
            if failed:
                print(f"FAILED articles in {name}: {failed}")
                status = 1
    return status


if __name__ == "__main__":
    raise SystemExit(main())
