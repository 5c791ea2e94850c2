"""`rasad batch --engine spark` writes exactly the rows `--engine local` writes: 1,000 real ANT
articles (gzipped JSON Lines) plus a text file, an HTML page, a broken line and a repeated record,
on one local[2] Spark session."""
from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from rasad.batch import REJECTS_FILE, read_rows, run_local
from rasad.batch.spark import run_spark, spark_available
from rasad.output import content_hash

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
ANT = SHARED_DATA / "ant-corpus" / "ant_multisource_v2.1.jsonl.gz"
HTML = SHARED_DATA / "html-fixtures-arabic" / "cnnarabic_2013_syria_clashes.html"
N = 1000

_problem = spark_available()
pytestmark = pytest.mark.skipif(_problem is not None, reason=f"Spark cannot run here: {_problem}")


def rows_by_id(folder: Path) -> list[dict]:
    return sorted((row for batch in read_rows(str(folder)) for row in batch), key=lambda row: row["id"])


class Inputs(list):
    """The input paths, with the JSON lines written (for expectations)."""

    def __init__(self, paths: list[str], lines: list[str]):
        super().__init__(paths)
        self.lines = lines


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> "Inputs":
    for path in (ANT, HTML):
        if not path.exists():
            pytest.skip(f"real data not available: {path} is missing")
    folder = tmp_path_factory.mktemp("in")
    lines = []
    with gzip.open(ANT, "rt", encoding="utf-8") as source:
        for line in source:
            lines.append(line)
            if len(lines) == N:
                break
    lines[500:500] = ["{broken\n", lines[10]]             # a bad line, and a repeat of an earlier record
    with gzip.open(folder / "ant.jsonl.gz", "wt", encoding="utf-8") as out:
        out.writelines(lines)
    (folder / "note.txt").write_text("قال وزير الخارجية الأردني أيمن الصفدي إن بلاده تدعم الحل السياسي "
                                     "في سوريا، وذلك خلال لقائه نظيره المصري في عمّان.", encoding="utf-8")
    shutil.copy(HTML, folder / "page.html")
    return Inputs([str(folder / "ant.jsonl.gz"), str(folder / "note.txt"), str(folder / "page.html"),
                   str(folder / "missing.jsonl")], lines)


def test_spark_output_equals_local_output(tmp_path, inputs):
    local = run_local(inputs, str(tmp_path / "local"))
    spark = run_spark(inputs, str(tmp_path / "spark"), master="local[2]")
    # N + 2 lines, a text, a page, a missing file; the broken line and the missing file rejected
    assert (local.read, local.rejected) == (N + 5, 2) and local.duplicates >= 1
    assert local.articles == local.read - local.duplicates - local.rejected
    assert (spark.read, spark.articles, spark.duplicates, spark.rejected) == \
        (local.read, local.articles, local.duplicates, local.rejected)

    local_rows, spark_rows = rows_by_id(tmp_path / "local"), rows_by_id(tmp_path / "spark")
    assert len(local_rows) == local.articles and len({r["id"] for r in local_rows}) == local.articles
    assert [r["id"] for r in spark_rows] == [r["id"] for r in local_rows]
    for mine, theirs in zip(local_rows, spark_rows):
        assert mine == theirs, f"article {mine['id']} differs between the engines"

    # the repeated record is kept once, as its first occurrence (line 11, not line 502)
    repeated = content_hash(json.loads(inputs.lines[10])["text"])
    record = json.loads(next(r["record"] for r in spark_rows if r["id"] == repeated))
    assert record["origin"].endswith("ant.jsonl.gz:11")
    assert any(json.loads(r["record"])["origin"].endswith("page.html") for r in local_rows)
    # flat columns repeat the record's own values
    for row in local_rows[:50]:
        record = json.loads(row["record"])
        assert (row["id"], row["published"], row["source"], row["url"], row["title"]) == \
            (record["id"], record["published"], record["source"], record["url"], record["title"])
    assert (tmp_path / "local" / REJECTS_FILE).read_text(encoding="utf-8") == \
        (tmp_path / "spark" / REJECTS_FILE).read_text(encoding="utf-8")
    rejects = [json.loads(x) for x in (tmp_path / "spark" / REJECTS_FILE).read_text(encoding="utf-8").splitlines()]
    assert [r["source"].rsplit("/", 1)[-1] for r in rejects] == ["ant.jsonl.gz:501", "missing.jsonl"]
