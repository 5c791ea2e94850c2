#!/usr/bin/env python3
"""Recall on the names of a gold set that appear nowhere in the name recogniser's training data.

    .venv/bin/python bench/unseen_names.py                      # ../shared/gold/valid
    .venv/bin/python bench/unseen_names.py --gold DIR [--json] [--list]

The issue's figure: "recall on names of valid that appear nowhere in the training data ≥ 0.75
(print how many there are)".

Seen names (every type, compared after the folding below):
- labelled sentences: the tagged names of the ANERcorp train split
  (../shared/data/anercorp-camellab/ANERCorp_CamelLab_train.txt: token runs of B-/I- tags; as an
  option also with a proclitic و/ف/ب/ل/ك or a combination (وب، فل…) stripped from the first token,
  للعراق counting as العراق too), and the annotated corpus corpus/gold/*.json (every entity's
  `name` and `aliases`, optional ones included: training tags them all);
- labelled sentences + entity lists: also the lists shipped with the model
  (rasad/resources/ner/entities.tsv.gz, read by rasad.analyse.ner.features.load_entities: word
  stems of WikiFANE, AQMAR, ANERcorp, NewsFANE and silver names), which the recogniser looks
  names up in. An entry is seen as itself, folded, and as the stem sequence the recogniser
  matches: a gold name whose words, stemmed by the model's own featurizer, equal an entry is seen.

A gold entity (`optional: true` ones skipped, as the scorer skips them; types PER/ORG/LOC as the
scorer reads them) is *unseen* when none of its name and aliases, folded the scorer's way
(score.tokens: score.norm's folding, then leading titles dropped as score.match_quality drops
them), equals a seen name. It is *found* when a predicted entity of rasad's output for its
article goes to it under the scorer's rule: a predicted name of the same coarse type (score.COARSE)
goes to the gold entity it fits best by score.match_quality, and counts if that fit is > 0 —
the same assignment score.score_doc makes, so seen + unseen found equals the scorer's entity
true positives (checked and printed). rasad's output: `rasad.extract` in this process, as
bench/evaluate.py runs it (its `predict`).

Printed: how many gold entities there are, how many are unseen (per type) relative to the
labelled sentences alone and to the labelled sentences + entity lists, rasad's recall on them
(per type) against the 0.75 target, and the recall on the seen ones for comparison.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from evaluate import SHARED, new_metrics, predict, score  # noqa: E402  (score: the project's scorer)

ANERCORP_TRAIN = SHARED / "data" / "anercorp-camellab" / "ANERCorp_CamelLab_train.txt"
CORPUS = ROOT / "corpus" / "gold"
TYPES = ("PER", "ORG", "LOC")
TARGET = 0.75
# proclitics glued to a name's first word, combinations first (as ANERcorp tags the whole token)
PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")


# ---------------------------------------------------------------- folding and seen names
def folded_words(name: str) -> list[str]:
    """A name's words folded the scorer's way: score.tokens, then leading titles dropped as
    score.match_quality drops them (the last word always stays)."""
    words = score.tokens(name)
    lead = 0
    while lead < len(words) - 1 and words[lead] in score.TITLES:
        lead += 1
    return words[lead:]


def key(name: str) -> str:
    return " ".join(folded_words(name))


def with_proclitics_stripped(name: str) -> set[str]:
    """The folded name and, as options, the name with a proclitic stripped from its first word
    (وبغداد → بغداد; للعراق → لعراق and العراق)."""
    words = folded_words(name)
    out = {" ".join(words)} if words else set()
    if not words:
        return out
    first, rest = words[0], words[1:]
    for p in PROCLITICS:
        if first.startswith(p) and len(first) - len(p) >= 2:
            stem = first[len(p):]
            out.add(" ".join([stem, *rest]))
            if p.endswith("ل") and stem.startswith("ل"):          # ل + ال with its alif elided
                out.add(" ".join(["ا" + stem, *rest]))
    return out


def iob_names(lines) -> list[list[str]]:
    """Token runs tagged B-/I- in CoNLL "token TAG" lines (a blank line ends a sentence; an I- tag
    that does not continue a name of its type starts one)."""
    names: list[list[str]] = []
    current: list[str] = []
    ctype = None
    for line in lines:
        parts = line.split()
        tag = parts[-1] if len(parts) >= 2 else "O"
        if tag.startswith(("B-", "I-")) and not (tag.startswith("I-") and current and tag[2:] == ctype):
            if current:
                names.append(current)
            current, ctype = [parts[0]], tag[2:]
        elif tag.startswith("I-"):
            current.append(parts[0])
        else:
            if current:
                names.append(current)
            current, ctype = [], None
    if current:
        names.append(current)
    return names


def labelled_names(anercorp_lines, corpus_golds, strip: bool = True) -> set[str]:
    """Folded names of the labelled training data: ANERcorp train (with proclitic-stripped
    variants unless not `strip`) and the annotated corpus's entity names and aliases."""
    seen: set[str] = set()
    for words in iob_names(anercorp_lines):
        seen |= with_proclitics_stripped(" ".join(words)) if strip else {key(" ".join(words))} - {""}
    for gold in corpus_golds:
        for ent in gold.get("entities", []):
            for name in (ent.get("name", ""), *ent.get("aliases", [])):
                if key(name):
                    seen.add(key(name))
    return seen


class Seen:
    """Which gold entities the training data has seen. `labelled`: folded names of the labelled
    sentences; `entries`: the entity lists as load_entities gives them (first stem → [(stems,
    flags)]); `stems`: the recogniser's word → stem function over a list of words."""

    def __init__(self, labelled: set[str], entries: dict[str, list] | None = None, stems=None):
        self.labelled = labelled
        rows = [words for v in (entries or {}).values() for words, _ in v]
        self.list_stems = {tuple(words) for words in rows}
        self.list_keys = {key(" ".join(words)) for words in rows} - {""}
        self.stems = stems

    def labelled_seen(self, ent: dict) -> bool:
        return any(key(n) in self.labelled for n in names_of(ent) if key(n))

    def listed(self, ent: dict) -> bool:
        for n in names_of(ent):
            words = folded_words(n)
            if not words:
                continue
            if " ".join(words) in self.list_keys:
                return True
            if self.stems is not None and tuple(self.stems(words)) in self.list_stems:
                return True
        return False

    def seen(self, ent: dict, lists: bool) -> bool:
        return self.labelled_seen(ent) or (lists and self.listed(ent))


def names_of(ent: dict) -> list[str]:
    return [ent.get("name", ""), *ent.get("aliases", [])]


# ---------------------------------------------------------------- found by the scorer's rule
def scored_entities(gold: dict) -> list[dict]:
    """The gold entities the scorer counts: types PER/ORG/LOC as written, optional ones out."""
    return [e for e in gold.get("entities", []) if e.get("type") in TYPES and not e.get("optional")]


def found_names(gold: dict, pred: dict) -> set[tuple[str, str]]:
    """(type, gold name) of the gold entities some predicted entity goes to, as score.score_doc
    assigns them: per coarse type, each distinct predicted name to the gold entity (optional ones
    included) it fits best by score.match_quality, if the fit is > 0."""
    ents = gold.get("entities", [])
    aliases = {e["name"]: [e["name"], *e.get("aliases", [])] for e in ents}
    hits: set[tuple[str, str]] = set()
    for etype in TYPES:
        g = [e for e in ents if e["type"] == etype]
        preds = {score.norm(score._name(p)): score._name(p) for p in pred.get("entities", [])
                 if score.COARSE.get(str(p.get("type", "")).upper()) == etype and score._name(p)}
        for p in preds.values():
            q, i = max(((score.match_quality(p, aliases.get(e["name"], [e["name"]])), i)
                        for i, e in enumerate(g)), default=(0.0, -1))
            if q > 0:
                hits.add((etype, g[i]["name"]))
    return hits


def tally(golds: list[dict], preds: list[dict], seen: Seen) -> dict:
    """Counts of gold entities, unseen ones and found ones, per type, for both notions of seen."""
    out = {"entities": Counter()}
    for view in ("labelled", "labelled_and_lists"):
        out[view] = {"unseen": Counter(), "unseen_found": Counter(), "seen": Counter(), "seen_found": Counter(),
                     "unseen_names": []}
    for gold, pred in zip(golds, preds):
        hits = found_names(gold, pred)
        for ent in scored_entities(gold):
            t = ent["type"]
            out["entities"][t] += 1
            hit = (t, ent["name"]) in hits
            for view, lists in (("labelled", False), ("labelled_and_lists", True)):
                v = out[view]
                side = "seen" if seen.seen(ent, lists) else "unseen"
                v[side][t] += 1
                v[side + "_found"][t] += hit
                if side == "unseen":
                    v["unseen_names"].append((gold.get("id"), t, ent["name"], hit))
    return out


def recall(found: Counter, total: Counter) -> dict:
    r = {t: round(found[t] / total[t], 3) if total[t] else None for t in TYPES}
    n = sum(total[t] for t in TYPES)
    r["all"] = round(sum(found[t] for t in TYPES) / n, 3) if n else None
    return r


def with_all(c: Counter) -> dict:
    return {**{t: c[t] for t in TYPES}, "all": sum(c[t] for t in TYPES)}


# ---------------------------------------------------------------- main
def shipped_lists():
    """The model's entity lists (as the featurizer reads them) and its word → stem function."""
    from rasad.analyse.ner import _word_resources
    from rasad.analyse.ner.features import Featurizer, load_entities
    res = _word_resources()
    featurizer = Featurizer(res["clusters"], res["counts"], res["lexicon"])   # stems need only these
    return load_entities(), featurizer.stems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=str(SHARED / "gold" / "valid"), help="gold folder (default: %(default)s)")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON document")
    ap.add_argument("--list", action="store_true", help="also print each unseen entity, found or missed")
    args = ap.parse_args()

    golds = score.load_gold([args.gold])
    score.prefetch(golds)
    anercorp = ANERCORP_TRAIN.read_text(encoding="utf-8").splitlines()
    corpus = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.json"))]
    labelled = labelled_names(anercorp, corpus)
    entries, stems = shipped_lists()
    seen = Seen(labelled, entries, stems)
    bare = Seen(labelled_names(anercorp, corpus, strip=False))    # how much the proclitic option matters

    preds, failed = [], 0
    m = new_metrics()                            # the scorer's tallies, for the check below
    for k, gold in enumerate(golds, 1):
        try:
            pred = predict(gold)
        except Exception as exc:                 # a failure is a figure here, not a crash
            print(f"FAILED {gold.get('id')}: {type(exc).__name__}: {exc}", file=sys.stderr)
            failed += 1
            pred = {}
        preds.append(pred)
        score.score_doc(gold, pred, m, [])
        if k % 50 == 0:
            print(f"... {k}/{len(golds)} articles extracted", file=sys.stderr)
    t = tally(golds, preds, seen)
    scorer_tp = sum(m["entities"][x].tp for x in TYPES)

    report = {"gold": args.gold, "articles": len(golds), "failed": failed,
              "gold_entities": with_all(t["entities"]),
              "seen_names": {"labelled": len(labelled), "list_entries": len(seen.list_stems),
                             "corpus_gold_articles": len(corpus)},
              "target": TARGET}
    for view in ("labelled", "labelled_and_lists"):
        v = t[view]
        report[view] = {"unseen": with_all(v["unseen"]), "unseen_found": with_all(v["unseen_found"]),
                        "unseen_recall": recall(v["unseen_found"], v["unseen"]),
                        "seen": with_all(v["seen"]), "seen_found": with_all(v["seen_found"]),
                        "seen_recall": recall(v["seen_found"], v["seen"])}
        report[view]["target_met"] = (report[view]["unseen_recall"]["all"] or 0) >= TARGET
    report["labelled"]["unseen_without_proclitic_option"] = sum(
        not bare.seen(ent, False) for gold in golds for ent in scored_entities(gold))
    found_total = report["labelled"]["unseen_found"]["all"] + report["labelled"]["seen_found"]["all"]
    report["scorer_check"] = {"found": found_total, "scorer_entity_tp": scorer_tp, "agree": found_total == scorer_tp}

    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        e = report["gold_entities"]
        print(f"gold {args.gold}: {len(golds)} articles ({failed} failed), {e['all']} gold entities "
              f"(optional ones skipped): PER {e['PER']}, ORG {e['ORG']}, LOC {e['LOC']}")
        print(f"seen names: {len(labelled):,} folded names of the labelled sentences (ANERcorp train with "
              f"proclitic-stripped variants, corpus/gold {len(corpus)} articles); "
              f"{len(seen.list_stems):,} entity-list entries")
        for view, label in (("labelled", "labelled sentences (ANERcorp train + corpus/gold)"),
                            ("labelled_and_lists", "labelled sentences + shipped entity lists")):
            r = report[view]
            u, s = r["unseen"], r["seen"]
            print(f"unseen relative to {label}: {u['all']} of {e['all']} "
                  f"(PER {u['PER']}, ORG {u['ORG']}, LOC {u['LOC']})"
                  + (f"; {r['unseen_without_proclitic_option']} without stripping ANERcorp proclitics"
                     if view == "labelled" else ""))
            ur, sr = r["unseen_recall"], r["seen_recall"]
            print(f"  recall on unseen {ur['all']} ({r['unseen_found']['all']}/{u['all']})  "
                  f"PER {ur['PER']}  ORG {ur['ORG']}  LOC {ur['LOC']}  "
                  f"[target ≥ {TARGET}: {'met' if r['target_met'] else 'NOT met'}]")
            print(f"  recall on seen   {sr['all']} ({r['seen_found']['all']}/{s['all']})  "
                  f"PER {sr['PER']}  ORG {sr['ORG']}  LOC {sr['LOC']}")
        c = report["scorer_check"]
        print(f"scorer check: {c['found']} gold entities found = score.py's entity true positives "
              f"{c['scorer_entity_tp']}: {'yes' if c['agree'] else 'NO'}")
    if args.list:
        for view in ("labelled", "labelled_and_lists"):
            print(f"# unseen relative to {view}", file=sys.stderr if args.json else sys.stdout)
            for doc, typ, name, hit in t[view]["unseen_names"]:
                print(f"{'found ' if hit else 'MISSED'} {typ} {name}  ({doc})",
                      file=sys.stderr if args.json else sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
