"""Exact-span NER scoring with conlleval semantics (used by training and the benchmark)."""
from __future__ import annotations

from collections import Counter


def iob_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Chunks (start, end, type) of an IOB tag sequence, as conlleval reads them: an I-X
    that does not continue an X chunk starts a new one."""
    out = []
    start, kind = None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, typ = tag.partition("-")
        continues = prefix == "I" and kind == typ
        if start is not None and not continues:
            out.append((start, i, kind))
            start, kind = None, None
        if prefix in ("B", "I") and not continues:
            start, kind = i, typ
    return out


def score_spans(gold: list[set], pred: list[set]) -> dict:
    """Per-type and micro/macro P/R/F1 from per-sentence sets of (start, end, type)."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred):
        for s in p:
            (tp if s in g else fp)[s[-1]] += 1
        for s in g:
            if s not in p:
                fn[s[-1]] += 1
    types = sorted(set(tp) | set(fp) | set(fn))
    res = {}
    for t in types:
        res[t] = _prf(tp[t], fp[t], fn[t])
    res["micro"] = _prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    f1s = [res[t]["f1"] for t in types]
    res["macro"] = {"f1": sum(f1s) / len(f1s) if f1s else 0.0}
    return res


def score_iob(gold_seqs: list[list[str]], pred_seqs: list[list[str]]) -> dict:
    return score_spans([set(iob_spans(g)) for g in gold_seqs],
                       [set(iob_spans(p)) for p in pred_seqs])


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


def format_scores(res: dict) -> str:
    lines = [f"{'type':6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}"]
    for t, v in res.items():
        if t in ("micro", "macro"):
            continue
        lines.append(f"{t:6} {v['p']:6.3f} {v['r']:6.3f} {v['f1']:6.3f} {v['tp'] + v['fn']:5d}")
    m = res["micro"]
    lines.append(f"{'micro':6} {m['p']:6.3f} {m['r']:6.3f} {m['f1']:6.3f} {m['tp'] + m['fn']:5d}")
    lines.append(f"{'macro':6} {'':6} {'':6} {res['macro']['f1']:6.3f}")
    return "\n".join(lines)
