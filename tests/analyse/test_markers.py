"""Markers of negation, plans, background, conditions, questions, allegations and reported speech are
data: each file's entries load with their examples, and each phrase is found in its own example."""
import pytest

from rasad.analyse import langdata, markers
from rasad.normalize import fold_key


@pytest.mark.parametrize("concept", markers.CONCEPTS)
def test_every_phrase_is_found_in_its_example(concept):
    entries = markers.entries(concept)
    assert entries
    for phrase, example in entries:
        if phrase in markers.marks(concept):
            assert phrase in example
            continue
        words = fold_key(example).split()
        assert markers.hits(words, concept), (concept, phrase, example)


def test_hits_give_the_positions_of_phrases():
    words = fold_key("وكان الرئيس قد زار بغداد في وقت سابق").split()
    assert markers.hits(words, "background") == [0, 2, 7]
    assert markers.hits(fold_key("من المقرر أن يلتقي الوزيران").split(), "future") == [1]


def test_a_broken_entry_is_refused_with_its_file_and_line(tmp_path, monkeypatch):
    import importlib.resources

    folder = tmp_path / "lang" / "markers"
    folder.mkdir(parents=True)
    (folder / "negation.tsv").write_text("phrase\texample\nلم\tلن تشارك\n", encoding="utf-8")

    class Files:
        def joinpath(self, *parts):
            return tmp_path.joinpath(*parts)

    monkeypatch.setattr(importlib.resources, "files", lambda package: Files())
    markers.entries.cache_clear()
    langdata.entries.cache_clear()
    try:
        with pytest.raises(markers.LanguageDataError, match="negation.tsv:2"):
            markers.entries("negation")
    finally:
        markers.entries.cache_clear()
        langdata.entries.cache_clear()


def test_all_hits_agrees_with_hits_concept_by_concept():
    words = fold_key("وكان الوزير قد نفى أن يكون سوف يزور بغداد في وقت سابق، هل").split()
    together = markers.all_hits(words)
    for concept in markers.CONCEPTS:
        assert together.get(concept, []) == markers.hits(words, concept)


def test_every_language_data_file_loads_with_its_examples():
    # a phrase whose example does not contain it fails here, naming the file and the line
    from importlib import resources
    root = resources.files("rasad.resources").joinpath("lang")
    for folder in root.iterdir():
        if not folder.is_dir():
            continue
        for f in folder.iterdir():
            if f.name.endswith(".tsv"):
                assert langdata.entries(f"{folder.name}/{f.name}"), f"{folder.name}/{f.name} is empty"
