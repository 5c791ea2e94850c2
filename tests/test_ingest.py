"""rasad.ingest: counts, rejects with reasons, cheap skipping of stored texts, workers, and kill
safety — a run killed with SIGKILL three times and restarted ends with exactly the rows of an
uninterrupted run, and two processes on overlapping inputs store nothing twice."""
from __future__ import annotations

import gzip
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import rasad
from rasad.errors import InputError
from rasad.ingest import ingest, stored_ids
from rasad.output import content_hash
from rasad.store import Store

ROOT = Path(rasad.__file__).absolute().parent.parent          # where `python -m rasad…` finds rasad
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
ANT = SHARED_DATA / "ant-corpus" / "ant_multisource_v2.1.jsonl.gz"

TEXTS = [
    "استقبل الرئيس التونسي قيس سعيد وزير الخارجية الفرنسي في قصر قرطاج يوم الاثنين وبحث معه العلاقات الثنائية.",
    "أعلنت وزارة الدفاع العراقية مقتل ثلاثة مسلحين في اشتباك قرب مدينة الموصل.",
    "قال وزير الخارجية الأردني أيمن الصفدي إن بلاده تدعم الحل السياسي في سوريا.",
    "وقعت مصر والسودان اتفاقية للتعاون في مجال الطاقة خلال زيارة رئيس الوزراء إلى الخرطوم.",
    "طالب المتظاهرون في بيروت بإجراء انتخابات مبكرة ومحاسبة المسؤولين عن الأزمة الاقتصادية.",
]


def write_jsonl(path: Path, records: list) -> Path:
    with open(path, "w", encoding="utf-8") as out:
        for record in records:
            out.write((record if isinstance(record, str) else json.dumps(record, ensure_ascii=False)) + "\n")
    return path


@pytest.fixture
def small(tmp_path) -> Path:
    """Five good records, one repeated, one with empty text, one line of broken JSON."""
    records = [{"text": t, "title": f"خبر {i}", "url": f"https://news.example/{i}", "date": "2024-05-12"}
               for i, t in enumerate(TEXTS)]
    return write_jsonl(tmp_path / "small.jsonl", [*records, records[1], {"text": ""}, "{broken"])


def open_store(path: Path) -> Store:
    return Store.open(str(path))


def test_counts_rejects_and_second_run(tmp_path, small):
    rejects = tmp_path / "rejects.jsonl"
    with open_store(tmp_path / "a.db") as store:
        report = ingest([str(small), str(tmp_path / "missing.json")], store, rejects_path=str(rejects),
                        progress=False)
        assert (report.read, report.stored, report.duplicates, report.rejected) == (9, 5, 1, 3)
        assert report.read == report.stored + report.duplicates + report.rejected
        assert store.count()["articles"] == 5
        assert stored_ids(store, [content_hash(t) for t in TEXTS] + ["0" * 64]) == {content_hash(t) for t in TEXTS}
        lines = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
        assert [(r["source"], r["stage"]) for r in lines] == [
            (f"{small}:7", "read"), (f"{small}:8", "read"), (str(tmp_path / "missing.json"), "read")]
        assert "empty" in lines[0]["reason"] and "invalid JSON" in lines[1]["reason"]
        assert "no such file" in lines[2]["reason"]
        assert report.reasons["no such file or folder"] == 1 and sum(report.reasons.values()) == 3

        again = ingest([str(small)], store, rejects_path=str(rejects), progress=False)
        assert (again.stored, again.duplicates, again.rejected) == (0, 6, 2)
        assert store.count()["articles"] == 5
    assert "stored 0" in again.summary() and "rejected 2" in again.summary()


def test_stored_texts_are_not_extracted_again(tmp_path, small, monkeypatch):
    with open_store(tmp_path / "a.db") as store:
        ingest([str(small)], store, progress=False)

        def boom(doc):
            raise AssertionError("extracted a stored text")
        monkeypatch.setattr("rasad.pipeline.analyse", boom)
        report = ingest([str(small)], store, progress=False)
    assert report.stored == 0 and report.duplicates == 6 and report.rejected == 2


def test_an_extraction_error_is_a_reject_and_the_run_goes_on(tmp_path, small, monkeypatch):
    import rasad.pipeline
    real = rasad.pipeline.analyse

    def flaky(doc):
        if "الموصل" in doc.text:
            raise ValueError("odd text")
        if "بيروت" in doc.text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(doc)
    monkeypatch.setattr(rasad.pipeline, "analyse", flaky)
    rejects = tmp_path / "r.jsonl"
    with open_store(tmp_path / "a.db") as store:
        report = ingest([str(small)], store, rejects_path=str(rejects), progress=False)
        assert report.stored == 3 and report.rejected == 4 and report.duplicates == 1
    extract_rejects = [json.loads(x) for x in rejects.read_text(encoding="utf-8").splitlines()
                       if json.loads(x)["stage"] == "extract"]
    assert [r["source"] for r in extract_rejects] == [f"{small}:2", f"{small}:5"]
    assert extract_rejects[0]["reason"] == "extraction failed: ValueError: odd text"
    assert "RecursionError" in extract_rejects[1]["reason"]


def test_a_document_that_takes_too_long_is_rejected(tmp_path, monkeypatch):
    import rasad.pipeline
    real = rasad.pipeline.analyse

    def slow(doc):
        if "الموصل" in doc.text:
            while True:
                pass
        return real(doc)
    monkeypatch.setattr(rasad.pipeline, "analyse", slow)
    path = write_jsonl(tmp_path / "in.jsonl", [{"text": t} for t in TEXTS[:3]])
    with open_store(tmp_path / "a.db") as store:
        report = ingest([str(path)], store, progress=False, timeout=0.5)
    assert (report.stored, report.rejected) == (2, 1)
    assert report.reasons["extraction took over 0.5 s"] == 1


def test_a_broken_install_stops_the_run(tmp_path, monkeypatch):
    def broken(doc):
        raise FileNotFoundError("model.crfsuite")
    monkeypatch.setattr("rasad.pipeline.analyse", broken)
    path = write_jsonl(tmp_path / "in.jsonl", [{"text": f"{TEXTS[0]} {i}"} for i in range(40)])
    with open_store(tmp_path / "a.db") as store, pytest.raises(InputError, match="first 25 documents"):
        ingest([str(path)], store, progress=False)


def test_a_field_map_reads_other_keys(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", [{"story": t, "when": "2024-05-12"} for t in TEXTS[:2]])
    with open_store(tmp_path / "a.db") as store:
        unmapped = ingest([str(path)], store, progress=False)
        assert (unmapped.stored, unmapped.rejected) == (0, 2)
        report = ingest([str(path)], store, progress=False, field_map={"text": "story", "published": "when"})
        assert report.stored == 2
        assert store.get(content_hash(TEXTS[0]))["published"] == "2024-05-12"


def test_bad_options(tmp_path):
    with open_store(tmp_path / "a.db") as store:
        with pytest.raises(InputError, match="workers"):
            ingest([], store, workers=0)
        with pytest.raises(InputError, match="batch_size"):
            ingest([], store, batch_size=0)
        with pytest.raises(InputError, match="unknown field 'body'"):
            ingest([], store, field_map={"body": "content"})


def test_folders_globs_and_default_rejects_file(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for i, text in enumerate(TEXTS[:3]):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    write_jsonl(tmp_path / "more.jsonl", [{"text": TEXTS[3]}])
    with open_store(tmp_path / "a.db") as store:
        report = ingest([str(folder), str(tmp_path / "*.jsonl")], store, progress=False)
    assert (report.stored, report.rejected) == (4, 1)
    assert report.rejects_path == str(tmp_path / "rasad-rejects.jsonl")
    assert "empty" in json.loads((tmp_path / "rasad-rejects.jsonl").read_text(encoding="utf-8"))["reason"]
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]


def test_two_workers_store_what_one_does(tmp_path):
    records = [{"text": f"{t} ({i})", "title": str(i)} for i in range(6) for t in TEXTS]
    path = write_jsonl(tmp_path / "in.jsonl", records)
    results = {}
    for workers in (1, 2):
        with open_store(tmp_path / f"w{workers}.db") as store:
            report = ingest([str(path)], store, progress=False, workers=workers, batch_size=7)
            assert report.stored == len(records)
            results[workers] = db_state(tmp_path / f"w{workers}.db")
    assert results[1] == results[2]


def test_cli_exit_codes_and_summary(tmp_path, small, capsys):
    from rasad.cli_batch import ingest_main
    db = str(tmp_path / "a.db")
    good = write_jsonl(tmp_path / "good.jsonl", [{"text": t} for t in TEXTS[:2]])
    assert ingest_main([str(good), "--db", db, "--no-progress"]) == 0
    assert capsys.readouterr().out == "read 2, stored 2, duplicates 0, rejected 0\n"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert ingest_main([str(good), str(empty), "--db", db, "--no-progress"]) == 1
    out = capsys.readouterr()
    assert out.out == "read 3, stored 0, duplicates 2, rejected 1\n"
    assert f"rasad: {empty}: file is empty" in out.err.splitlines()
    assert ingest_main([str(small), "--db", db, "--no-progress", "--rejects", str(tmp_path / "r.jsonl")]) == 1
    out = capsys.readouterr()
    assert "stored 3, duplicates 3, rejected 2" in out.out and "invalid JSON" in out.err
    assert ingest_main([str(good), "--db", str(tmp_path), "--no-progress"]) == 2   # a folder is no database
    assert "rasad:" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------
# Kill safety and concurrency, with real processes on real news.

def db_state(path: Path, articles_only: bool = False) -> dict:
    """What must be equal between two runs: article ids and what they say, rows per table, rows
    per article in each child table, and a clean integrity check (ingested_at aside).
    articles_only: only the tables of articles and their parts (the knowledge base built across
    articles, e.g. canonical entities, may depend on the order in which articles arrive)."""
    conn = sqlite3.connect(str(path))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO article_fts(article_fts) VALUES ('integrity-check')")
        tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                  if not name.startswith(("sqlite_", "article_fts_"))]
        if articles_only:
            tables = [t for t in tables if t in ("articles", "article_fts") or "article_id" in
                      [c[1] for c in conn.execute(f'PRAGMA table_info("{t}")')]]
        state = {"rows": {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in sorted(tables)},
                 "articles": conn.execute("SELECT id, origin, title, published FROM articles ORDER BY id").fetchall()}
        for table in tables:
            columns = [c[1] for c in conn.execute(f'PRAGMA table_info("{table}")')]
            if "article_id" in columns:
                state[table] = conn.execute(f'SELECT article_id, count(*) FROM "{table}" '
                                            "GROUP BY article_id ORDER BY article_id").fetchall()
        return state
    finally:
        conn.close()


@pytest.fixture(scope="module")
def ant_parts(tmp_path_factory):
    """~300 real ANT articles in three JSONL files (plus a broken line and a repeated record)."""
    if not ANT.exists():
        pytest.skip(f"real data not available: {ANT} is missing")
    folder = tmp_path_factory.mktemp("ant")
    lines = []
    with gzip.open(ANT, "rt", encoding="utf-8") as lines_in:
        for line in lines_in:
            lines.append(line.rstrip("\n"))
            if len(lines) == 300:
                break
    parts = [lines[:100], lines[100:200] + ["{not json", lines[5]], lines[200:]]
    paths = []
    for i, part in enumerate(parts):
        path = folder / f"part{i}.jsonl"
        path.write_text("\n".join(part) + "\n", encoding="utf-8")
        paths.append(str(path))
    reference = folder / "reference.db"
    with Store.open(str(reference)) as store:
        report = ingest(paths, store, progress=False, rejects_path=str(folder / "ref-rejects.jsonl"))
    assert report.stored > 250 and report.rejected >= 1
    return paths, reference, report


def ingest_process(files: list[str], db: Path, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen([sys.executable, "-m", "rasad.ingest", *files, "--db", str(db), "--no-progress",
                             "--batch-size", "20", *extra],
                            cwd=str(db.parent), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def article_count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


def process_state(pid: int) -> str | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return None


def wait_gone(pids: list[int], seconds: float = 5) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = [p for p in pids if process_state(p) not in (None, "Z")]
        if not alive:
            return True
        time.sleep(0.05)
    return False


def test_killed_three_times_then_restarted_equals_an_uninterrupted_run(tmp_path, ant_parts):
    paths, reference, ref_report = ant_parts
    reference = db_state(reference)
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    db = tmp_path / "killed.db"
    total = ref_report.stored
    low = 0
    for kill in range(3):
        # kill after a random number of stored articles (none: during start-up), plus a random
        # moment, so the kill lands anywhere: loading, extracting, inside a write transaction
        # (at least 80 articles left after the target: extracting them outlasts the pause below)
        target = rng.randint(low, max(low, low + (total - 80 - low) // (3 - kill)))
        proc = ingest_process(paths, db, "--workers", "2" if kill == 1 else "1")
        deadline = time.monotonic() + 60
        while proc.poll() is None and article_count(db) < target and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(rng.uniform(0, 0.4))
        assert proc.poll() is None, f"seed {seed}: run {kill} ended before it was killed"
        workers = children(proc.pid)
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        assert wait_gone(workers), "worker processes outlived their killed parent"
        low = article_count(db)
        assert low < total, f"seed {seed}"
    final = ingest_process(paths, db)
    out, err = final.communicate(timeout=120)
    assert final.returncode == 1, err          # 1: the broken line is rejected, again
    assert f"rejected {ref_report.rejected}" in out
    assert db_state(db) == reference, f"seed {seed}"


def test_two_processes_on_overlapping_inputs_store_nothing_twice(tmp_path, ant_parts):
    paths, reference, _ = ant_parts
    reference = db_state(reference, articles_only=True)
    db = tmp_path / "both.db"
    first = ingest_process(paths[:2], db, "--rejects", str(tmp_path / "r1.jsonl"))
    second = ingest_process(paths[1:], db, "--rejects", str(tmp_path / "r2.jsonl"))
    outputs = [proc.communicate(timeout=120) for proc in (first, second)]
    for proc, (out, err) in zip((first, second), outputs):
        assert proc.returncode in (0, 1) and "Traceback" not in err, err
    # the same articles, each whole and once (the order they arrived in is not fixed)
    assert db_state(db, articles_only=True) == reference
    stored = [int(out.split("stored ")[1].split(",")[0]) for out, _ in outputs]
    assert sum(stored) == len(reference["articles"])
