"""Name traps: words that look like names but are not, and names that are easy to get wrong.

`tests/data/name_traps.jsonl` lists traps drawn from the shared corpora (ANT multi-source, ANT
JawharaFM, SaudiNewsNet) and rasad's own annotated records (corpus/gold). No corpus text is stored:
each trap names its record (`file` under ../shared/data, `id_field` = `record`), a sentence-long
`window` [start, end) of the record's text (`text_field`, the field rasad reads), the trap's `span`
[start, end) inside that window (with the trap itself as a readable `word`), a `kind`, and the
expected answer:

- `"expect": "no-entity"`: no PER/ORG/LOC entity has a mention overlapping the span ("قطر" in a
  radius, "بابا" of علي بابا alone, "لصالح", "الخبر" as the news, a Latin product word, ...);
- `"expect": "entity"`: an entity of `type` has a mention whose span is exactly `span` or one of
  `alt_spans` (the same name with its generic head word and quote marks, صحيفة "الحياة"، مدينة حمص,
  or another alias the gold annotation gives that covers it): the name is found, is not cut short
  and does not run into the next verb or noun.

Kinds: common-word-not-name, latin-not-org (should not be a name); name-looks-like-common-word,
name-part-of-longer-name, name-runs-into-verb, name-runs-into-noun, missed-name, latin-name (should
be exactly this name). Expected answers come from corpus/gold where the record is annotated
(`"gold": true`) and from a careful reading elsewhere, never from rasad's output; `note` says in
English what the trap is.

Each window goes through the whole extraction (`rasad.extract_text`), which is what users see, on
its own (without the rest of the article); the entities' mentions are checked. Many traps fail today (that is their point), so the pass-rate test
only holds the line: the share of traps passed must stay at or above PASS_FLOOR, the share passed
when the list was committed (0.69), raised to 0.86 with the recogniser trained on corpus/gold too
(rounded down to 0.01; 200 traps come from corpus/gold articles, which that model trains on, so
the gain on them is not a measure on unseen text). Raise PASS_FLOOR as the recogniser improves.
The assertion message lists every failing trap. Per-kind pass rates:
`.venv/bin/python tests/analyse/test_name_traps.py` (add `--tag` for rasad.analyse.ner.tag alone).
"""
from __future__ import annotations

import collections
import gzip
import json
import sys
from functools import lru_cache
from pathlib import Path

import pytest

TRAPS = Path(__file__).resolve().parents[1] / "data" / "name_traps.jsonl"
SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"

# share of traps passed by the whole extraction when the list was committed, rounded down;
# raise it as the recogniser improves (never lower it to make a regression pass)
PASS_FLOOR = 0.86

TYPES = ("PER", "ORG", "LOC")
NEGATIVE_KINDS = {"common-word-not-name", "latin-not-org"}
POSITIVE_KINDS = {"name-looks-like-common-word", "name-part-of-longer-name", "name-runs-into-verb",
                  "name-runs-into-noun", "missed-name", "latin-name"}
FILES = {"ant-corpus/ant_multisource_v2.1.jsonl.gz": ("docno", "text"),
         "ant-corpus/ant_jawharafm_v1.1.jsonl.gz": ("docno", "text"),
         "saudinewsnet/saudinewsnet.jsonl.gz": ("id", "content")}


def load_traps() -> list[dict]:
    with TRAPS.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _needs_data() -> None:
    missing = [name for name in FILES if not (SHARED_DATA / name).exists()]
    if missing:
        pytest.skip(f"shared data not available: {', '.join(str(SHARED_DATA / m) for m in missing)}")


@lru_cache(maxsize=1)
def record_texts() -> dict[tuple[str, str], str]:
    """{(file, record id): text as rasad reads it} for the records the traps need; each corpus
    file is read once."""
    from rasad.sources.records import record_to_document

    wanted = collections.defaultdict(set)
    for trap in load_traps():
        wanted[trap["file"]].add(trap["record"])
    texts = {}
    for name, ids in wanted.items():
        id_field = FILES[name][0]
        with gzip.open(SHARED_DATA / name, "rt", encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                rid = record.get(id_field)
                if rid in ids:
                    texts[(name, rid)] = record_to_document(record, f"{name}:{rid}").text
    return texts


def window_text(trap: dict) -> str:
    text = record_texts()[(trap["file"], trap["record"])]
    start, end = trap["window"]
    return text[start:end]


def accepted_spans(trap: dict) -> set[tuple[int, int]]:
    return {tuple(trap["span"]), *(tuple(s) for s in trap.get("alt_spans", []))}


def judge(trap: dict, mentions: list[tuple[int, int, str]]) -> tuple[bool, list[tuple[int, int, str]]]:
    """(passed, the PER/ORG/LOC mentions overlapping the span) for one trap against the
    window's (start, end, type) mentions."""
    a, b = trap["span"]
    over = sorted({(s, e, t) for s, e, t in mentions if t in TYPES and s < b and a < e})
    if trap["expect"] == "no-entity":
        passed = not over
    else:
        passed = any(t == trap["type"] and (s, e) in accepted_spans(trap) for s, e, t in mentions)
    return passed, over


def extraction_mentions(text: str) -> list[tuple[int, int, str]]:
    import rasad

    article = rasad.extract_text(text)
    assert article.text == text, "the extraction changed the window's text; offsets would not match"
    return [(m.start, m.end, e.type) for e in article.entities for m in e.mentions]


def tagger_mentions(text: str) -> list[tuple[int, int, str]]:
    from rasad.analyse.ner import tag

    return [(m.start, m.end, m.label) for m in tag(text)]


def run(traps: list[dict], mentions_of=extraction_mentions) -> list[tuple[dict, bool, list]]:
    cache: dict[tuple, list] = {}
    results = []
    for trap in traps:
        key = (trap["file"], trap["record"], *trap["window"])
        if key not in cache:
            cache[key] = mentions_of(window_text(trap))
        results.append((trap, *judge(trap, cache[key])))
    return results


def report(results: list[tuple[dict, bool, list]]) -> str:
    by_kind = collections.defaultdict(lambda: [0, 0])
    for trap, passed, _ in results:
        for key in (trap["kind"], f"all {trap['expect']}", "all"):
            by_kind[key][0] += passed
            by_kind[key][1] += 1
    return "\n".join(f"  {kind:<28} {ok:>4}/{n:<4} {ok / n:.3f}" for kind, (ok, n) in sorted(by_kind.items()))


def describe(trap: dict, over: list[tuple[int, int, str]], text: str) -> str:
    """One line for a failing trap: what was wanted and what the mentions on its span are."""
    a, b = trap["span"]
    want = ("no PER/ORG/LOC mention on it" if trap["expect"] == "no-entity"
            else f"{trap['type']} exactly [{a}:{b}]")
    got = "; ".join(f"{t} [{s}:{e}] {text[s:e]!r}" for s, e, t in over) or "nothing"
    return f"{trap['id']} {trap['kind']} {trap['word']!r} ({trap['record']}): want {want}; got {got}"


def test_trap_file_shape():
    traps = load_traps()
    assert len(traps) >= 300
    ids = [t["id"] for t in traps]
    assert len(set(ids)) == len(ids)
    polarity = collections.Counter(t["expect"] for t in traps)
    assert set(polarity) == {"no-entity", "entity"}
    assert polarity["no-entity"] >= 100 and polarity["entity"] >= 100, polarity
    assert len({(t["file"], t["record"]) for t in traps}) >= 100
    seen = set()
    for t in traps:
        assert t["file"] in FILES and (t["id_field"], t["text_field"]) == FILES[t["file"]], t["id"]
        assert t["kind"] in (NEGATIVE_KINDS if t["expect"] == "no-entity" else POSITIVE_KINDS), t["id"]
        if t["expect"] == "entity":
            assert t["type"] in TYPES, t["id"]
        else:
            assert "type" not in t and "alt_spans" not in t, t["id"]
        ws, we = t["window"]
        assert 0 <= ws < we and we - ws <= 500, t["id"]          # a sentence, not an article
        for s, e in accepted_spans(t):
            assert 0 <= s < e <= we - ws, t["id"]
        a, b = t["span"]
        assert len(t["word"]) == b - a and "\n" not in t["word"], t["id"]
        key = (t["record"], ws + a, ws + b)
        assert key not in seen, f"{t['id']} repeats a trap"
        seen.add(key)


def test_trap_offsets_match_the_records():
    _needs_data()
    texts = record_texts()
    for t in load_traps():
        text = texts.get((t["file"], t["record"]))
        assert text is not None, f"{t['id']}: no record {t['id_field']}={t['record']} in {t['file']}"
        ws, we = t["window"]
        assert we <= len(text), t["id"]
        window = text[ws:we]
        assert window == window.strip(), t["id"]
        a, b = t["span"]
        assert window[a:b] == t["word"], (t["id"], window[a:b], t["word"])
        for s, e in t.get("alt_spans", []):
            assert window[s:e].strip() == window[s:e], t["id"]


def test_name_traps_pass_rate():
    _needs_data()
    traps = load_traps()
    results = run(traps)
    share = sum(passed for _, passed, _ in results) / len(results)
    failing = [describe(trap, over, window_text(trap)) for trap, passed, over in results if not passed]
    print(f"\nname traps passed by the whole extraction: {share:.3f} (floor {PASS_FLOOR})\n{report(results)}")
    assert share >= PASS_FLOOR, (f"{share:.3f} of {len(results)} name traps pass, below the floor {PASS_FLOOR}\n"
                                 + report(results) + f"\n{len(failing)} failing:\n" + "\n".join(failing))


if __name__ == "__main__":          # per-kind pass rates (and, with -v, every failing trap)
    level = tagger_mentions if "--tag" in sys.argv else extraction_mentions
    results = run(load_traps(), level)
    share = sum(passed for _, passed, _ in results) / len(results)
    print(f"{'rasad.analyse.ner.tag' if '--tag' in sys.argv else 'rasad.extract_text'}: "
          f"{share:.4f} of {len(results)} traps pass (floor {PASS_FLOOR})")
    print(report(results))
    if "-v" in sys.argv:
        for trap, passed, over in results:
            if not passed:
                print(describe(trap, over, window_text(trap)))
