"""bench/ner_extract.py's scoring: a mention counts as the whitespace tokens it overlaps
(ANERcorp tags tokens with their clitics), MISC is left out, gold comes from the IOB tags."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "bench" / "ner_extract.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_ner_extract", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_ner_extract"] = module
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop("bench_ner_extract", None)


SENTS = [
    (["التقى", "محمد", "علي", "وزير", "الخارجية", "وبغداد", "أمس"],
     ["O", "B-PERS", "I-PERS", "O", "O", "B-LOC", "O"]),
    (["وقالت", "الأمم", "المتحدة", "إن", "العراقيين", "بخير"],
     ["O", "B-ORG", "I-ORG", "O", "B-MISC", "O"]),
]


def _at(text: str, word: str, nth: int = 0) -> int:
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(word, pos + 1)
    return pos


def test_records_and_gold(bench):
    sents = [(t, [g.replace("PERS", "PER") for g in tags]) for t, tags in SENTS]
    (rec,) = bench.make_records(sents, per=10)
    assert rec["text"] == " ".join(SENTS[0][0]) + "\n" + " ".join(SENTS[1][0])
    assert rec["sentences"] == 2 and len(rec["tokens"]) == 13
    # token indices run over the whole record; MISC is not scored
    assert rec["gold"] == {(1, 3, "PER"), (5, 6, "LOC"), (8, 10, "ORG")}
    assert len(bench.make_records(sents * 6, per=10)) == 2


def test_mentions_to_token_spans_and_score(bench):
    sents = [(t, [g.replace("PERS", "PER") for g in tags]) for t, tags in SENTS]
    (rec,) = bench.make_records(sents)
    text = rec["text"]
    ranges = bench.token_ranges(text)
    assert [text[s:e] for s, e in ranges] == rec["tokens"]
    baghdad = _at(text, "بغداد")                 # inside "وبغداد": the clitic is not in the mention
    un = _at(text, "الأمم")
    entities = [
        {"type": "PER", "mentions": [[_at(text, "محمد"), _at(text, "علي") + 3]]},   # two tokens
        {"type": "GPE", "mentions": [[baghdad, baghdad + 5]]},                      # GPE is LOC
        {"type": "ORG", "mentions": [[un, un + len("الأمم المتحدة")],
                                     [un + 2, un + len("الأمم المتحدة") - 1]]},     # same tokens: once
        {"type": "MISC", "mentions": [[_at(text, "العراقيين"), _at(text, "العراقيين") + 9]]},
        {"type": "PER", "mentions": [[_at(text, "وزير"), _at(text, "وزير") + 4]]},  # a false positive
    ]
    got = bench.mention_spans(entities, ranges)
    assert got == {(1, 3, "PER"), (5, 6, "LOC"), (8, 10, "ORG"), (3, 4, "PER")}
    res = bench.score_spans([rec["gold"]], [got])
    assert res["micro"]["tp"] == 3 and res["micro"]["fp"] == 1 and res["micro"]["fn"] == 0
    assert res["PER"]["p"] == 0.5 and res["LOC"]["f1"] == 1.0
    assert "MISC" not in res
    # a mention across the line break covers the tokens on both sides
    end1 = _at(text, "أمس")
    assert bench.mention_spans([{"type": "LOC", "mentions": [[end1, end1 + 6]]}], ranges) == {(6, 8, "LOC")}
