"""The learned event coder and quote model: how events of one real-world happening merge, and what
the shipped models give on plain cases (skipped before `scripts/train_events.py` has been run)."""
import pytest

import rasad
from rasad.events.learned import default_models, merge
from rasad.events.quotes_learned import default_models as quote_models
from rasad.model import Event, Span

needs_models = pytest.mark.skipif(default_models() is None, reason="no event models shipped")


def ev(type_, source=(), target=(), confidence=0.5, at=0):
    return Event(type=type_, source=list(source), target=list(target), confidence=confidence,
                 evidence=Span(at, at + 5, "EVIDENCE"))


def test_events_of_a_type_sharing_a_participant_are_one():
    out = merge([(0, ev("CONSULT", ["e1"], ["e2"], 0.6)), (3, ev("CONSULT", ["e3"], ["e2"], 0.9)),
                 (4, ev("ACCUSE", ["e1"], ["e2"]))])
    assert [e.type for e in out] == ["CONSULT", "ACCUSE"]
    assert out[0].source == ["e1", "e3"] and out[0].target == ["e2"] and out[0].confidence == 0.9


def test_an_unsided_event_joins_a_near_one_of_its_type_only():
    near = merge([(1, ev("ASSAULT", ["e1"])), (2, ev("ASSAULT"))])
    far = merge([(1, ev("ASSAULT", ["e1"])), (9, ev("ASSAULT"))])
    assert len(near) == 1 and len(far) == 2


@needs_models
def test_a_plain_attack_and_a_plain_visit_are_coded_with_provenance():
    article = rasad.extract_text(
        "استقبل الرئيس التركي رجب طيب أردوغان في أنقرة الأربعاء نظيره الإيراني حسن روحاني وبحثا العلاقات الثنائية.\n"
        "وقتل عشرة أشخاص في انفجار سيارة مفخخة في بغداد.")
    types = {e.type for e in article.events}
    assert "CONSULT" in types
    for e in article.events:
        assert e.how.startswith("learned:") and 0.0 <= e.confidence <= 1.0
    record = rasad.to_record(article)
    assert all(e["how"].startswith("learned:") for e in record["events"])


DETECT_ONCE = """
from rasad.events.learned import DetectorIndex, default_models
index = default_models().detector
sentence = sorted(index.rows)[:400] + ["rule=ASSAULT", "coder=CONSULT", "rule=ASSAULT/neg"]
print(repr(sorted(index.probabilities(sentence).items())))
"""


@needs_models
def test_detector_probabilities_do_not_depend_on_the_hash_seed():
    import os
    import subprocess
    import sys
    outputs = {subprocess.run([sys.executable, "-c", DETECT_ONCE], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(4)}
    assert len(outputs) == 1


@needs_models
def test_text_with_no_names_or_only_latin_gives_a_valid_empty_record():
    for text in ("The weather was fine and nothing happened.", "كان الجو جميلا اليوم."):
        record = rasad.to_record(rasad.extract_text(text))
        assert record["events"] == [] or all(e["how"].startswith("learned:") for e in record["events"])
        assert isinstance(record["quotes"], list)


@pytest.mark.skipif(quote_models() is None, reason="no quote models shipped")
def test_a_quote_after_its_speaker_is_attributed_to_him():
    article = rasad.extract_text('وقال وزير الخارجية الروسي سيرغي لافروف: "لن نسمح بتكرار هذا الهجوم على قواتنا".')
    direct = [q for q in rasad.to_record(article)["quotes"] if q["direct"]]
    assert direct and direct[0]["speaker"] == "سيرغي لافروف"
    assert direct[0]["how"].startswith("learned:") and 0.0 <= direct[0]["confidence"] <= 1.0


def test_the_detector_read_from_its_file_is_the_detector_regrouped(tmp_path):
    import numpy as np

    from rasad.events.learned import DetectorIndex
    from rasad.learn.linear import LinearModel
    names = ["ASSAULT|w=قتل", "CONSULT|w=قتل", "CONSULT|w=زار", "self_rule=True/coder=False/other_rule=False"]
    detector = LinearModel(["yes"], names, np.array([[1.5], [-0.5], [2.0], [0.25]]), np.array([-1.0]),
                           {"thresholds": {"ASSAULT": 0.4}})
    detector.save(tmp_path / "detector.npz")
    loaded, direct = DetectorIndex.load(tmp_path / "detector.npz"), DetectorIndex(detector)
    for name in names + ["AGREE|w=قتل", "nothing"]:
        assert loaded.weight(name) == direct.weight(name) == detector.weight(name)
    sentence = ["w=قتل", "w=زار", "rule=ASSAULT"]
    assert loaded.probabilities(sentence) == direct.probabilities(sentence)
    assert loaded.meta["thresholds"] == {"ASSAULT": 0.4}
