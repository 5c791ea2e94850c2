"""NER through the whole `rasad extract`: ANERcorp (CAMeL Lab) test split, PER/LOC/ORG P/R/F1.

    .venv/bin/python bench/ner_extract.py [--data ../shared/data] [--limit N] [--json]

The test sentences are grouped ten consecutive sentences to a record (tokens joined by
spaces, sentences by line breaks) and written as JSON Lines records {"id", "text"} to a
temporary file, which goes through `rasad extract --format jsonl FILE` (`rasad.cli.main`,
in this process, its standard output captured): the figure is that of the records the
command prints, boilerplate removal, rules, gazetteer, model and coreference included.

Scoring: each mention of an output entity (its [start, end] in the record's `text`) counts
as the whitespace tokens it overlaps, first to last, since ANERcorp tags whole tokens with
their clitics (a mention "بغداد" inside "وبغداد" is the token "وبغداد"). GPE/FAC count as
LOC; MISC and other types are left out, on both sides (ANERcorp MISC is not scored). Two
mentions on the same tokens count once. Exact token-span match per type, micro over
PER/LOC/ORG (conlleval semantics, `rasad.analyse.ner.scoring.score_spans`). The records
have no title, so `title_mentions` never apply. Speed: records (articles) per second of
the `rasad extract` call, wall clock and CPU time, models loaded beforehand.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from ner_anercorp import read_conll  # noqa: E402  (the split as the recogniser's own bench reads it)
from rasad.analyse.ner.scoring import format_scores, iob_spans, score_spans  # noqa: E402

SENTENCES_PER_RECORD = 10
SCORED = ("PER", "LOC", "ORG")
TYPE_MAP = {"PER": "PER", "PERS": "PER", "LOC": "LOC", "GPE": "LOC", "FAC": "LOC", "ORG": "ORG"}
TARGET_F1 = 0.80


def make_records(sents, per: int = SENTENCES_PER_RECORD) -> list[dict]:
    """Records of `per` consecutive sentences: text, its tokens, and the gold PER/LOC/ORG spans
    as (first token, end token, type), token indices counted over the whole record."""
    records = []
    for i in range(0, len(sents), per):
        chunk = sents[i:i + per]
        tokens, gold = [], set()
        for toks, tags in chunk:
            for a, b, kind in iob_spans(tags):
                if kind in SCORED:
                    gold.add((len(tokens) + a, len(tokens) + b, kind))
            tokens.extend(toks)
        records.append({"id": f"anercorp-test-{i // per:04d}",
                        "text": "\n".join(" ".join(toks) for toks, _ in chunk),
                        "tokens": tokens, "gold": gold, "sentences": len(chunk)})
    return records


def token_ranges(text: str) -> list[tuple[int, int]]:
    """Character [start, end) of each whitespace token of `text`."""
    return [m.span() for m in re.finditer(r"\S+", text)]


def mention_spans(entities: list[dict], ranges: list[tuple[int, int]]) -> set[tuple[int, int, str]]:
    """The scored mentions of output entities as token spans (first, end, type): the
    whitespace tokens each [start, end] overlaps; a set, so the same tokens count once."""
    out = set()
    for ent in entities:
        kind = TYPE_MAP.get(ent.get("type", ""))
        if kind is None:
            continue
        for start, end in ent.get("mentions", []):
            hit = [i for i, (s, e) in enumerate(ranges) if s < end and e > start]
            if hit:
                out.add((hit[0], hit[-1] + 1, kind))
    return out


def in_removed(span: tuple[int, int, str], ranges, removed: list[dict]) -> bool:
    s, e = ranges[span[0]][0], ranges[span[1] - 1][1]
    return any(r["start"] < e and r["end"] > s for r in removed)


def run_extract(path: str) -> tuple[int, list[dict], str]:
    """`rasad extract --format jsonl path` in this process: exit code, output records, stderr."""
    from rasad import cli
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = cli.main(["extract", "--format", "jsonl", path])
    return rc or 0, [json.loads(line) for line in out.getvalue().splitlines() if line.strip()], err.getvalue()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    ap.add_argument("--limit", type=int, default=0, help="only the first N records (a quick run)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    path = Path(args.data) / "anercorp-camellab" / "ANERCorp_CamelLab_test.txt"
    if not path.exists():
        print(f"skipped: {path} not found")
        return 0
    records = make_records(read_conll(path))
    if args.limit:
        records = records[:args.limit]

    import rasad
    t = time.perf_counter()
    rasad.extract_text("أعلن الرئيس محمد علي في بغداد أن وزارة الخارجية ستعقد اجتماعا.")
    load = time.perf_counter() - t

    with tempfile.TemporaryDirectory(prefix="rasad-ner-extract-") as tmp:
        src = os.path.join(tmp, "anercorp_test.jsonl")
        with open(src, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n"
                          for r in records)
        t, c = time.perf_counter(), time.process_time()
        rc, outputs, err = run_extract(src)
        wall, cpu = time.perf_counter() - t, time.process_time() - c

    # an output record names its input line in `origin` ("FILE:N", N from 1)
    by_line = {int(o["origin"].rsplit(":", 1)[1]) - 1: o for o in outputs}
    gold, pred = [], []
    failed = mismatched = in_boilerplate = 0
    for i, rec in enumerate(records):
        gold.append(rec["gold"])
        out = by_line.get(i)
        if out is None:
            failed += 1
            pred.append(set())
            continue
        ranges = token_ranges(out["text"])
        if [out["text"][s:e] for s, e in ranges] != rec["tokens"]:
            mismatched += 1             # the text came back changed: token indices would not line up
            pred.append(set())
            continue
        pred.append(mention_spans(out["entities"], ranges))
        in_boilerplate += sum(in_removed(g, ranges, out["removed"]) for g in rec["gold"])

    res = score_spans(gold, pred)
    n_sent = sum(r["sentences"] for r in records)
    figures = {
        "records": len(records), "sentences": n_sent, "tokens": sum(len(r["tokens"]) for r in records),
        "exit_code": rc, "failed_records": failed, "changed_text_records": mismatched,
        "gold_in_removed_boilerplate": in_boilerplate,
        "model_load_s": round(load, 2), "extract_wall_s": round(wall, 2), "extract_cpu_s": round(cpu, 2),
        "articles_per_s_wall": round(len(records) / wall, 2) if wall else None,
        "articles_per_s_cpu": round(len(records) / cpu, 2) if cpu else None,
        "scores": {k: ({m: (round(x, 4) if isinstance(x, float) else x) for m, x in v.items()})
                   for k, v in res.items()},
        "micro_f1": round(res["micro"]["f1"], 4), "target_micro_f1": TARGET_F1,
    }
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=1))
    else:
        print(f"ANERcorp test through `rasad extract --format jsonl`: {len(records)} records of "
              f"{SENTENCES_PER_RECORD} sentences ({n_sent} sentences, {figures['tokens']} tokens); "
              f"a mention = the whitespace tokens it overlaps")
        print(format_scores(res))
        print(f"\nmicro-F1 {res['micro']['f1']:.3f} (issue target {TARGET_F1:.2f}: "
              f"{'met' if res['micro']['f1'] >= TARGET_F1 else 'not met'})")
        print(f"exit code {rc}; {failed} records without output, {mismatched} with changed text; "
              f"{in_boilerplate} gold mentions in text removed as boilerplate")
        print(f"speed: {figures['articles_per_s_wall']} articles/s wall ({wall:.1f}s), "
              f"{figures['articles_per_s_cpu']} articles/s CPU ({cpu:.1f}s); models loaded beforehand in {load:.1f}s")
    if err.strip():
        print(err.rstrip(), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
