"""Pairwise evaluation of the cross-article identity decision (rasad.resolve.identity).

    python bench/identity_eval.py [bench/identity_pairs.tsv] [--errors]

bench/identity_pairs.tsv: name_a, type_a, name_b, type_b, label (1 same entity, 0 different),
note — name variants collected from entities extracted from ANT articles, labelled by hand,
with hard negatives (shared family names, father/son "X بن Y", Arabic names differing by a
long vowel, neighbouring countries/cities with similar names).

The pairs are split into thirds by a hash of the pair (stable across runs). WORD_RATIO (the
rapidfuzz similarity two transliterated words need) is tuned on the first two thirds
(grid 50..100) and precision/recall/F1 of the same-entity decision are reported on all pairs
and on the held-out third, for the tuned value and for the value the package ships.
"""
from __future__ import annotations

import csv
import hashlib
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from rasad.resolve import identity  # noqa: E402

GRID = [50.0 + 5 * i for i in range(11)]


def load(path: str) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r.get("name_a")]
    for r in rows:
        r["label"] = int(r["label"])
        digest = hashlib.sha1(f"{r['name_a']}|{r['name_b']}".encode()).digest()
        r["fold"] = digest[0] % 3
    return rows


def score(rows: list[dict], word_ratio: float) -> dict:
    tp = fp = fn = tn = 0
    errors = []
    for r in rows:
        guess = identity.same_entity(r["name_a"], r["type_a"], r["name_b"], r["type_b"],
                                     word_ratio=word_ratio)
        if guess and r["label"]:
            tp += 1
        elif guess:
            fp += 1
            errors.append(("FP", r))
        elif r["label"]:
            fn += 1
            errors.append(("FN", r))
        else:
            tn += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
    return {"n": len(rows), "tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": p,
            "recall": rc, "f1": f1, "errors": errors}


def line(name: str, s: dict) -> str:
    return (f"{name:<28} n={s['n']:<4} P={s['precision']:.3f} R={s['recall']:.3f} "
            f"F1={s['f1']:.3f}  (tp {s['tp']}, fp {s['fp']}, fn {s['fn']}, tn {s['tn']})")


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    path = args[0] if args else os.path.join(os.path.dirname(__file__), "identity_pairs.tsv")
    rows = load(path)
    tune = [r for r in rows if r["fold"] != 0]
    held = [r for r in rows if r["fold"] == 0]
    pos = sum(r["label"] for r in rows)
    print(f"{len(rows)} labelled pairs ({pos} same, {len(rows) - pos} different); "
          f"tuning on {len(tune)}, held out {len(held)}")
    best = max(GRID, key=lambda t: (score(tune, t)["f1"], -abs(t - identity.WORD_RATIO)))
    print(f"WORD_RATIO tuned on the tuning pairs: {best:.0f} "
          f"(shipped: {identity.WORD_RATIO:.0f})")
    for label, t in (("tuned", best), ("shipped", identity.WORD_RATIO)):
        print(line(f"all pairs, {label}", score(rows, t)))
        print(line(f"tuning 2/3, {label}", score(tune, t)))
        print(line(f"held-out 1/3, {label}", score(held, t)))
    if "--errors" in argv:
        for kind, r in score(rows, identity.WORD_RATIO)["errors"]:
            print(f"{kind}\t{r['name_a']}\t{r['type_a']}\t{r['name_b']}\t{r['type_b']}\t"
                  f"{r['note']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
