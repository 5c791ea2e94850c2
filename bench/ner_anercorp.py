"""NER on the ANERcorp (CAMeL Lab) test split: exact-span P/R/F1 and tagging speed.

    .venv/bin/python bench/ner_anercorp.py [--data ../shared/data]

1. Token path: `tag_tokens` on each gold sentence; per-type P/R/F1, micro and macro F1
   (conlleval semantics), and tokens/s on one thread (features included, model loaded
   beforehand, best of 3 passes over the whole split).
2. Raw-text path: the test sentences joined into one text (tokens by spaces, sentences by
   line breaks), run through `tag(text)`, scored on character offsets against the gold
   spans, with a glued و/ب/ل/ف/ك stripped from gold spans the same way `tag` does.
   Demonym mentions (MISC with attrs["demonym_of"]) are left out: ANERcorp tags them O.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rasad.analyse import ner                                   # noqa: E402
from rasad.analyse.ner.scoring import format_scores, iob_spans, score_iob, score_spans  # noqa: E402


def read_conll(path: Path):
    sents, toks, tags = [], [], []
    for line in open(path, encoding="utf-8"):
        parts = line.split()
        if len(parts) < 2:
            if toks:
                sents.append((toks, tags))
            toks, tags = [], []
            continue
        toks.append(parts[0])
        tags.append(parts[-1].replace("PERS", "PER"))
    if toks:
        sents.append((toks, tags))
    return sents


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    args = ap.parse_args()
    path = Path(args.data) / "anercorp-camellab" / "ANERCorp_CamelLab_test.txt"
    if not path.exists():
        print(f"skipped: {path} not found")
        return 0
    sents = read_conll(path)
    n_tok = sum(len(t) for t, _ in sents)
    t = time.perf_counter()
    ner.tag_tokens(["تحميل"])
    print(f"model load: {time.perf_counter() - t:.2f}s")

    # -- token path
    pred = [ner.tag_tokens(toks) for toks, _ in sents]
    print(f"\nANERcorp test, token path: {len(sents)} sentences, {n_tok} tokens")
    print(format_scores(score_iob([g for _, g in sents], pred)))

    # speed: cold feature cache for the first pass, then warm (steady state on a stream)
    feat = ner._state["featurizer"]
    feat._cache.clear()
    t = time.perf_counter()
    for toks, _ in sents:
        ner.tag_tokens(toks)
    cold = time.perf_counter() - t
    warm = []
    for _ in range(3):
        t = time.perf_counter()
        for toks, _ in sents:
            ner.tag_tokens(toks)
        warm.append(time.perf_counter() - t)
    print(f"\nspeed (one thread): {n_tok / cold:,.0f} tokens/s with an empty feature cache, "
          f"{n_tok / min(warm):,.0f} tokens/s warm")

    # -- raw-text path
    text_parts, gold = [], set()
    pos = 0
    for toks, tags in sents:
        starts = []
        for tok in toks:
            starts.append(pos)
            pos += len(tok) + 1
        for a, b, kind in iob_spans(tags):
            s = starts[a] + ner.proclitic_length(toks[a])
            gold.add((s, starts[b - 1] + len(toks[b - 1]), kind))
        text_parts.append(" ".join(toks))
    text = "\n".join(text_parts)
    t = time.perf_counter()
    mentions = ner.tag(text)
    dt = time.perf_counter() - t
    got = {(m.start, m.end, m.label) for m in mentions if "demonym_of" not in m.attrs}
    n_dem = sum("demonym_of" in m.attrs for m in mentions)
    print(f"\nraw-text path: tag() on {len(text):,} characters in {dt:.2f}s "
          f"({n_tok / dt:,.0f} tokens/s); {len(mentions)} mentions ({n_dem} demonyms left out)")
    print(format_scores(score_spans([gold], [got])))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS of this process: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
