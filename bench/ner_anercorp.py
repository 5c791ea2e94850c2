"""NER on the ANERcorp (CAMeL Lab) test split: exact-span P/R/F1 and tagging speed.

    .venv/bin/python bench/ner_anercorp.py [--data ../shared/data]

1. Token path: `tag_tokens` on each gold sentence alone, and `tag_sentences` on the split
   as a stream (document context); per-type P/R/F1, micro and macro F1 (conlleval
   semantics), and tokens/s of CPU time on one thread (features included, model loaded
   beforehand) with empty, partly warm and warm per-word caches.
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
    gold = [g for _, g in sents]
    pred = [ner.tag_tokens(toks) for toks, _ in sents]
    print(f"\nANERcorp test, token path, one sentence at a time (tag_tokens): "
          f"{len(sents)} sentences, {n_tok} tokens")
    print(format_scores(score_iob(gold, pred)))
    pred = ner.tag_sentences([toks for toks, _ in sents])
    print("\nsame, sentences as a stream in text order (tag_sentences: document context)")
    print(format_scores(score_iob(gold, pred)))

    # speed: cold feature cache for the first pass, then warm (steady state on a stream)
    # speed, CPU time of this process (one thread): the feature/weight caches per word type
    # start empty ("cold"), or warmed on *other* text (ANERcorp train: steady state on a news
    # stream, test-only words still cold), or on the test itself ("warm")
    taggers, feat = ner._load()
    toks = [t for t, _ in sents]

    def clear():
        feat._cache.clear()
        taggers._types.clear()

    def rate(run) -> float:
        t = time.process_time()
        run()
        return n_tok / (time.process_time() - t)

    clear()
    cold = rate(lambda: ner.tag_sentences(toks))
    clear()
    train = read_conll(path.with_name("ANERCorp_CamelLab_train.txt"))
    ner.tag_sentences([t for t, _ in train])
    other = rate(lambda: ner.tag_sentences(toks))
    warm = max(rate(lambda: ner.tag_sentences(toks)) for _ in range(3))
    per_sentence = max(rate(lambda: [ner.tag_tokens(t) for t in toks]) for _ in range(2))
    print(f"\nspeed, tokens/s of CPU time on one thread, tag_sentences over the whole split: "
          f"{cold:,.0f} cold, {other:,.0f} after other text, {warm:,.0f} warm; "
          f"tag_tokens one sentence per call: {per_sentence:,.0f} warm")

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
    t = time.process_time()
    mentions = ner.tag(text)
    dt = time.process_time() - t
    got = {(m.start, m.end, m.label) for m in mentions if "demonym_of" not in m.attrs}
    n_dem = sum("demonym_of" in m.attrs for m in mentions)
    print(f"\nraw-text path: tag() on {len(text):,} characters in {dt:.2f}s "
          f"({n_tok / dt:,.0f} tokens/s); {len(mentions)} mentions ({n_dem} demonyms left out)")
    print(format_scores(score_spans([gold], [got])))
    # -- the whole extraction (rules + model, merged, as `rasad extract` prints its entities)
    import rasad
    t = time.process_time()
    article = rasad.extract_text(text, origin="ANERcorp test")
    dt = time.process_time() - t
    got = {(m.start, m.end, m.label) for m in article.mentions if "demonym_of" not in m.attrs}
    print(f"\nrasad.extract on the same text (the mentions of its entities; gazetteer and pattern "
          f"names merged in, boilerplate left out): {dt:.1f}s")
    print(format_scores(score_spans([gold], [got])))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS of this process: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
