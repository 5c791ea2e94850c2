#!/usr/bin/env python3
"""Would more annotation pay? The learned event and quote models trained on 25%, 50% and 100% of
corpus/gold (fixed seed), each scored on ../shared/gold/valid, beside the rules alone.

    .venv/bin/python bench/learning_curve.py                 # about 10 minutes on two cores
    .venv/bin/python bench/learning_curve.py --fractions 0.5 1

Each point trains into a temporary folder (`scripts/train_events.py --fraction F --out DIR`) and is
scored by `bench/evaluate.py` with RASAD_EVENT_MODELS=DIR; the rules alone are RASAD_EVENT_MODELS=none.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def figures(models: str, gold: str) -> dict:
    env = dict(os.environ, RASAD_EVENT_MODELS=models)
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "evaluate.py"), gold, "--json", "--no-diff"],
                         env=env, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def row(label: str, f: dict) -> str:
    return (f"{label:10} {f['events_all'][2]:.3f}  {f['event_arguments'][2]:.3f}  {f['event_sides']}  "
            f"{f['event_date']}  {f['event_location']}  {f['quotes'][2]:.3f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fractions", nargs="+", type=float, default=[0.25, 0.5, 1.0])
    ap.add_argument("--gold", default=str(ROOT.parent / "shared" / "gold" / "valid"))
    args = ap.parse_args()
    print("trained on  events  args   sides  date   place  quotes")
    print(row("rules", figures("none", args.gold)), flush=True)
    for frac in args.fractions:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, str(ROOT / "scripts" / "train_events.py"), "--fraction", str(frac),
                            "--out", tmp], check=True, capture_output=True)
            print(row(f"{frac:.0%}", figures(tmp, args.gold)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
