"""The NER training script's entity lists: thresholds, and which lists a training sentence sees
(its own block's names never, the silver lists of a model that did not see it)."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "train_ner.py"


@pytest.fixture(scope="module")
def train_ner():
    spec = importlib.util.spec_from_file_location("train_ner", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_ner"] = module
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop("train_ner", None)


class WordsAsStems:
    """A featurizer whose word stems are the words themselves."""

    def stems(self, tokens):
        return list(tokens)


def sentence(text: str, tags: str):
    return text.split(), tags.split()


def test_entity_rows_keeps_names_seen_often_enough(train_ner):
    sents = [sentence("قال سمير داود", "O B-PER I-PER")] * 2 + [sentence("زار كمال حلب", "O B-PER B-LOC")]
    rows = train_ner.entity_rows(WordsAsStems(), sents, "s", min_count=2)
    assert rows == {("سمير", "داود"): {"sPER"}}
    assert ("كمال",) in train_ner.entity_rows(WordsAsStems(), sents, "s")


def test_a_single_word_is_listed_only_when_mostly_a_name(train_ner):
    sents = [sentence("الأمل كبير", "B-ORG O")] + [sentence("الأمل كبير", "O O")] * 3
    assert train_ner.entity_rows(WordsAsStems(), sents) == {}


def test_training_sentences_see_the_silver_lists_of_their_own_block(train_ner):
    train = [sentence(f"قال سمير{i} داود", "O B-PER I-PER") for i in range(4)]
    silver_full = {("غسان",): {"sPER"}}
    silver_blocks = [{("نزار",): {"sPER"}}, {("وائل",): {"sLOC"}}]
    rows, per = train_ner.training_lists(WordsAsStems(), {}, train, k=2,
                                         silver=(silver_full, silver_blocks))
    assert rows[("غسان",)] == {"sPER"} and ("نزار",) not in rows
    first, second = per[0], per[2]
    assert per[1] is first and per[3] is second
    assert "نزار" in first and "غسان" not in first and "وائل" not in first
    assert "وائل" in second and "نزار" not in second
    # the training set's own names: a block never sees its own
    assert "سمير0" not in first and "سمير2" in first
    assert "سمير2" not in second and "سمير0" in second


def test_unlabelled_sentences_take_every_nth_paragraph_cut_at_sentence_ends(train_ner, tmp_path):
    (tmp_path / "corpus.txt").write_text("قال الوزير . ثم غادر\nفقرة ثانية\nفقرة ثالثة .\n", encoding="utf-8")
    assert train_ner.unlabelled_sentences(tmp_path, 2) == [["قال", "الوزير", "."], ["ثم", "غادر"],
                                                           ["فقرة", "ثالثة", "."]]
