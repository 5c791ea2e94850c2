"""The package's own small API: `rasad.extract`, `rasad.extract_text`, `rasad.to_record`."""
from __future__ import annotations

import subprocess
import sys

import pytest

import rasad

TEXT = "التقى الرئيس السوري بشار الأسد نظيره الروسي فلاديمير بوتين في سوتشي."


def test_extract_text_gives_an_article_whose_spans_index_its_text():
    article = rasad.extract_text(TEXT, url="https://example.com/a")
    assert isinstance(article, rasad.Article)
    names = {(e.type, e.name) for e in article.entities}
    assert {("PER", "بشار الأسد"), ("PER", "فلاديمير بوتين"), ("LOC", "سوتشي")} <= names
    for m in article.mentions:
        assert 0 <= m.start < m.end <= len(article.text)


def test_extract_reads_a_file_and_to_record_gives_the_json_contract(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    [article] = list(rasad.extract(path))
    record = rasad.to_record(article)
    assert {"text", "published", "body", "entities", "events", "quotes"} <= set(record)
    assert record["text"] == TEXT
    [event] = record["events"]
    assert event["type"] == "CONSULT"


def test_a_bad_input_raises_the_documented_error(tmp_path):
    with pytest.raises(rasad.InputError) as error:
        list(rasad.extract(tmp_path / "missing.txt"))
    assert "missing.txt" in str(error.value)


def test_unknown_names_are_attribute_errors():
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        rasad.nothing  # noqa: B018
    assert {"extract", "extract_text", "to_record"} <= set(dir(rasad))


def test_importing_the_package_loads_no_pipeline():
    out = subprocess.run([sys.executable, "-c", "import rasad, sys; print('rasad.pipeline' in sys.modules)"],
                         capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
