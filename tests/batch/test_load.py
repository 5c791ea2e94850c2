"""rasad.batch (local engine) and rasad.batch.load: Parquet rows in, store rows out, idempotent;
and the `rasad batch`, `rasad load` and `rasad watch` commands."""
from __future__ import annotations

import json

import pytest

from rasad.batch import ARTICLE_COLUMNS, REJECTS_FILE, read_rows, run_batch, run_local
from rasad.batch.load import load
from rasad.cli import main
from rasad.errors import InputError
from rasad.output import content_hash
from rasad.store import Store

TEXTS = [
    "استقبل الرئيس التونسي قيس سعيد وزير الخارجية الفرنسي في قصر قرطاج يوم الاثنين وبحث معه العلاقات الثنائية.",
    "أعلنت وزارة الدفاع العراقية مقتل ثلاثة مسلحين في اشتباك قرب مدينة الموصل.",
    "قال وزير الخارجية الأردني أيمن الصفدي إن بلاده تدعم الحل السياسي في سوريا.",
    "وقعت مصر والسودان اتفاقية للتعاون في مجال الطاقة خلال زيارة رئيس الوزراء إلى الخرطوم.",
]


@pytest.fixture
def corpus(tmp_path) -> list[str]:
    lines = [json.dumps({"text": t, "title": f"خبر {i}", "url": f"https://news.example/{i}",
                         "date": "2024-05-12", "src": "example"}, ensure_ascii=False)
             for i, t in enumerate(TEXTS)]
    jsonl = tmp_path / "news.jsonl"
    jsonl.write_text("\n".join([*lines[:3], lines[0], "{broken"]) + "\n", encoding="utf-8")
    text = tmp_path / "note.txt"
    text.write_text(TEXTS[3], encoding="utf-8")
    return [str(jsonl), str(text)]


def test_local_batch_writes_one_row_per_article(tmp_path, corpus):
    report = run_local(corpus, str(tmp_path / "out"))
    assert (report.read, report.articles, report.duplicates, report.rejected) == (6, 4, 1, 1)
    rows = [row for batch in read_rows(str(tmp_path / "out")) for row in batch]
    assert [row["id"] for row in rows] == [content_hash(t) for t in TEXTS]      # input order
    assert set(rows[0]) == set(ARTICLE_COLUMNS)
    record = json.loads(rows[0]["record"])
    assert record["id"] == rows[0]["id"] and record["text"] == TEXTS[0]
    assert (rows[0]["published"], rows[0]["source"], rows[0]["title"]) == ("2024-05-12", "example", "خبر 0")
    assert record["origin"].endswith("news.jsonl:1")                            # the first of the two
    reject = json.loads((tmp_path / "out" / REJECTS_FILE).read_text(encoding="utf-8"))
    assert reject["source"].endswith("news.jsonl:5") and "invalid JSON" in reject["reason"]


def test_output_folder_must_be_new_unless_overwritten(tmp_path, corpus):
    run_local(corpus, str(tmp_path / "out"))
    with pytest.raises(InputError, match="not empty"):
        run_local(corpus, str(tmp_path / "out"))
    assert run_local(corpus[1:], str(tmp_path / "out"), overwrite=True).articles == 1
    with pytest.raises(InputError, match="unknown engine"):
        run_batch(corpus, str(tmp_path / "x"), engine="dask")


def without_nulls(value):
    """The store may spell an absent key as null."""
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value


def test_load_is_idempotent_and_keeps_records_whole(tmp_path, corpus):
    run_local(corpus, str(tmp_path / "out"))
    with Store.open(str(tmp_path / "a.db")) as store:
        first = load(str(tmp_path / "out"), store, progress=False)
        assert (first.read, first.stored, first.duplicates, first.rejected) == (4, 4, 0, 0)
        again = load(str(tmp_path / "out"), store, progress=False)
        assert (again.stored, again.duplicates) == (0, 4)
        rows = {row["id"]: json.loads(row["record"]) for b in read_rows(str(tmp_path / "out")) for row in b}
        for article_id, record in rows.items():
            stored = store.get(article_id)
            assert stored["text"] == record["text"]
            assert without_nulls(stored["entities"]) == without_nulls(record["entities"])
            assert without_nulls(stored["events"]) == without_nulls(record["events"])
        assert store.count()["articles"] == 4


def test_load_rejects_bad_rows_and_refuses_what_is_not_a_batch_output(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq
    from rasad.batch import arrow_schema
    folder = tmp_path / "hand"
    folder.mkdir()
    good = {"id": content_hash("نص"), "text": "نص", "body": "نص", "removed": [], "entities": [],
            "events": [], "quotes": [], "dates": []}
    rows = [{"id": good["id"], "published": None, "source": None, "url": None, "title": None,
             "record": json.dumps(good, ensure_ascii=False)},
            {"id": "x" * 64, "published": None, "source": None, "url": None, "title": None, "record": "{oops"}]
    pq.write_table(pa.Table.from_pylist(rows, schema=arrow_schema()), folder / "part-0.parquet")
    with Store.open(str(tmp_path / "a.db")) as store:
        report = load(str(folder), store, progress=False)
        assert (report.read, report.stored, report.rejected) == (2, 1, 1)
        assert store.get(good["id"])["text"] == "نص"
        with pytest.raises(InputError, match="no such folder"):
            load(str(tmp_path / "nowhere"), store, progress=False)
        (tmp_path / "junk").mkdir()
        (tmp_path / "junk" / "a.parquet").write_bytes(b"not parquet at all")
        with pytest.raises(InputError, match="cannot read Parquet"):
            load(str(tmp_path / "junk"), store, progress=False)
        (tmp_path / "other").mkdir()
        pq.write_table(pa.table({"x": [1]}), tmp_path / "other" / "p.parquet")
        with pytest.raises(InputError, match="not a rasad batch output"):
            load(str(tmp_path / "other"), store, progress=False)


def test_batch_and_load_commands(tmp_path, corpus, capsys):
    out, db = str(tmp_path / "out"), str(tmp_path / "a.db")
    assert main(["batch", "--engine", "local", "--input", *corpus, "--output", out]) == 1   # one rejected
    assert "articles 4, duplicates 1, rejected 1" in capsys.readouterr().out
    assert main(["batch", "--engine", "local", "--input", *corpus, "--output", out]) == 2
    assert "--overwrite" in capsys.readouterr().err
    assert main(["load", out, "--db", db, "--no-progress"]) == 0
    assert "stored 4" in capsys.readouterr().out
    assert main(["load", out, "--db", db, "--no-progress"]) == 0
    assert "stored 0, duplicates 4" in capsys.readouterr().out
    assert main(["load", str(tmp_path / "nowhere"), "--db", db]) == 2


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>وكالة الأنباء</title><link>https://news.example/</link>
<item><title>الرئيس يستقبل وزير الخارجية</title><link>https://news.example/a</link>
<description>{0}</description><pubDate>Sun, 12 May 2024 10:30:00 +0300</pubDate></item>
<item><title>اشتباك</title><link>https://news.example/b</link>
<description>{1}</description><pubDate>Sun, 12 May 2024 11:30:00 +0300</pubDate></item>
</channel></rss>"""


def test_watch_stores_new_entries_once(tmp_path, capsys):
    feed = tmp_path / "feed.xml"
    feed.write_text(RSS.format(*TEXTS[:2]), encoding="utf-8")
    db = str(tmp_path / "a.db")
    assert main(["watch", str(feed), "--every", "1s", "--rounds", "2", "--db", db]) == 0
    out = capsys.readouterr().out
    assert out.count("\nstored ") + out.startswith("stored ") >= 2 and "stored 2, already stored 0" in out
    assert main(["watch", str(feed), "--every", "1s", "--rounds", "1", "--db", db]) == 0
    assert "stored 0, already stored 2" in capsys.readouterr().out      # a restart extracts nothing again
    assert main(["watch", str(feed), "--every", "soon", "--db", db]) == 2
    with Store.open(db) as store:
        assert store.count()["articles"] == 2
