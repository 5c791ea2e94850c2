"""bench/unseen_names.py on a hand-made example: which gold entities the training data has seen
(labelled names with proclitic options, entity-list entries as stems) and the recall count on the
unseen ones by the scorer's matching. No shared data, no model, no extraction."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "bench" / "unseen_names.py"

ANERCORP = """\
قال O
الرئيس O
باراك B-PERS
أوباما I-PERS
وبغداد B-LOC
للعراق B-LOC

إن O
الأمم B-ORG
المتحدة I-ORG
""".splitlines()

CORPUS = [{"entities": [{"type": "PER", "name": "محمد بن راشد", "aliases": ["الشيخ محمد"], "optional": True}]}]


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_unseen_names", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_unseen_names"] = module
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop("bench_unseen_names", None)


def strip_al(words):
    """A stand-in for the model's stemmer: drops a leading ال."""
    return [w[2:] if w.startswith("ال") and len(w) > 4 else w for w in words]


@pytest.fixture()
def seen(bench):
    labelled = bench.labelled_names(ANERCORP, CORPUS)
    entries = {"كويت": [(("كويت",), ["L"])], "بنك": [(("بنك", "دولي"), ["O"])]}
    return bench.Seen(labelled, entries, strip_al)


def test_iob_names(bench):
    assert bench.iob_names(ANERCORP) == [["باراك", "أوباما"], ["وبغداد"], ["للعراق"], ["الأمم", "المتحدة"]]


@pytest.mark.parametrize("entity, labelled, lists", [
    ({"name": "باراك اوباما"}, True, True),                   # folded: أ → ا
    ({"name": "السيد باراك أوباما"}, True, True),             # a leading title is dropped
    ({"name": "بغداد"}, True, True),                          # وبغداد with its proclitic stripped
    ({"name": "العراق"}, True, True),                         # للعراق: ل + ال
    ({"name": "الأمم المتحدة"}, True, True),
    ({"name": "منظمة الأمم", "aliases": ["الامم المتحده"]}, True, True),   # an alias is enough
    ({"name": "محمد بن راشد"}, True, True),                   # corpus/gold, optional ones included
    ({"name": "محمد"}, True, True),                           # its alias, title dropped
    ({"name": "الكويت"}, False, True),                        # only in the lists, as a stem
    ({"name": "البنك الدولي"}, False, True),
    ({"name": "دمشق"}, False, False),
    ({"name": "أوباما"}, False, False),                       # a part of a seen name is not seen
])
def test_seen(seen, entity, labelled, lists):
    assert seen.seen(entity, lists=False) is labelled
    assert seen.seen(entity, lists=True) is lists


def test_without_proclitic_option(bench):
    bare = bench.Seen(bench.labelled_names(ANERCORP, CORPUS, strip=False))
    assert not bare.seen({"name": "بغداد"}, lists=False)
    assert bare.seen({"name": "وبغداد"}, lists=False)


def test_recall_on_unseen(bench, seen):
    gold = {"id": "x", "entities": [
        {"type": "PER", "name": "باراك أوباما", "aliases": ["أوباما"]},      # seen, found
        {"type": "LOC", "name": "دمشق", "aliases": []},                      # unseen, found (spelling)
        {"type": "ORG", "name": "جامعة دمشق", "aliases": []},                # unseen, found as PER: no
        {"type": "LOC", "name": "الكويت", "aliases": []},                    # unseen by labels, found
        {"type": "PER", "name": "سمير عطا", "aliases": []},                  # unseen, missed
        {"type": "LOC", "name": "حمص", "aliases": [], "optional": True},     # skipped
    ]}
    pred = {"entities": [
        {"type": "PER", "name": "السيد أوباما"},
        {"type": "GPE", "name": "دِمشق"},
        {"type": "PER", "name": "جامعة دمشق"},         # wrong type: does not count
        {"type": "LOC", "name": "الكويت"},
        {"type": "LOC", "name": "حمص"},
    ]}
    assert bench.found_names(gold, pred) == {("PER", "باراك أوباما"), ("LOC", "دمشق"), ("LOC", "الكويت"),
                                             ("LOC", "حمص")}
    t = bench.tally([gold], [pred], seen)
    assert bench.with_all(t["entities"]) == {"PER": 2, "ORG": 1, "LOC": 2, "all": 5}
    lab = t["labelled"]
    assert bench.with_all(lab["unseen"]) == {"PER": 1, "ORG": 1, "LOC": 2, "all": 4}
    assert bench.with_all(lab["unseen_found"]) == {"PER": 0, "ORG": 0, "LOC": 2, "all": 2}
    assert bench.recall(lab["unseen_found"], lab["unseen"]) == {"PER": 0.0, "ORG": 0.0, "LOC": 1.0, "all": 0.5}
    assert bench.recall(lab["seen_found"], lab["seen"])["all"] == 1.0
    both = t["labelled_and_lists"]
    assert bench.with_all(both["unseen"]) == {"PER": 1, "ORG": 1, "LOC": 1, "all": 3}
    assert bench.recall(both["unseen_found"], both["unseen"])["all"] == pytest.approx(0.333)


def test_found_agrees_with_the_scorer(bench):
    """The best-fit assignment is score_doc's: found entities are the scorer's true positives."""
    gold = {"id": "y", "entities": [
        {"type": "PER", "name": "محمد بن سلمان", "aliases": []},
        {"type": "PER", "name": "سلمان بن عبدالعزيز", "aliases": ["الملك سلمان"]},
        {"type": "ORG", "name": "شركة أرامكو", "aliases": []},
    ]}
    pred = {"entities": [{"type": "PER", "name": "الملك سلمان"},      # an alias: the king, not his son
                         {"type": "PER", "name": "سلمان"},            # fits no one: spurious
                         {"type": "ORG", "name": "شركة أرامكو السعودية"}]}  # the name plus a word
    m = bench.new_metrics()
    bench.score.score_doc(gold, pred, m, [])
    tp = sum(m["entities"][t].tp for t in bench.TYPES)
    assert bench.found_names(gold, pred) == {("PER", "سلمان بن عبدالعزيز"), ("ORG", "شركة أرامكو")}
    assert tp == 2
