"""The annotated corpus stays valid: every gold file (and every second annotation) passes the shared
checker, each id is one drawn by the sampling script, and the second annotations are of corpus articles."""
import csv
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
needs_shared = pytest.mark.skipif(not (SHARED / "tools" / "check_gold.py").exists(), reason="no ../shared")


@needs_shared
@pytest.mark.parametrize("folder", ["gold", "second"])
def test_every_annotation_passes_the_checker(folder):
    files = sorted(str(p) for p in (ROOT / "corpus" / folder).glob("*.json"))
    assert files
    res = subprocess.run([sys.executable, str(SHARED / "tools" / "check_gold.py"), *files],
                         capture_output=True, text=True, timeout=900)
    assert res.returncode == 0, res.stdout[-3000:]
    assert f"{len(files)} files, 0 with problems" in res.stdout


def test_annotations_are_of_drawn_articles_only():
    with open(ROOT / "corpus" / "sample.tsv", encoding="utf-8") as fh:
        drawn = {row["id"] for row in csv.DictReader(fh, delimiter="\t")}
    gold = {p.stem for p in (ROOT / "corpus" / "gold").glob("*.json")}
    second = {p.stem for p in (ROOT / "corpus" / "second").glob("*.json")}
    assert gold <= drawn
    assert second <= gold


@needs_shared
def test_no_corpus_article_is_one_of_the_shared_gold():
    import json
    shared_ids = {json.loads(p.read_text(encoding="utf-8"))["id"] for p in (SHARED / "gold").rglob("*.json")}
    assert not shared_ids & {p.stem for p in (ROOT / "corpus" / "gold").glob("*.json")}
