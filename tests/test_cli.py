"""The `rasad` command line, run as a separate process the way a person runs it: extract in its
three formats, bad inputs reported on one line each with no traceback, ingest (idempotent),
search with Arabic folding, and the demo."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = Path(str(resources.files("rasad.resources").joinpath("examples/seed.txt")))
SHARED_SEED = REPO.parent / "shared" / "seed" / "000_8ae7eda39df6a163.txt"
NEWS = "استقبل الوزير أحمد سالم في بغداد أمس السفير كريم ناصر لبحث العلاقات الثنائية بين البلدين.\n"


def rasad(*args: str, cwd: Path, db: Path | None = None, script: bool = False) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env["RASAD_DB"] = str(db or cwd / "rasad.db")
    env.pop("RASAD_MAX_BYTES", None)
    if script:
        exe = Path(sys.executable).with_name("rasad")
        if not exe.exists():
            pytest.skip(f"console script not installed next to {sys.executable}")
        cmd = [str(exe), *args]
    else:
        cmd = [sys.executable, "-m", "rasad.cli", *args]
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_extract_json_on_the_seed(tmp_path):
    proc = rasad("extract", "--format", "json", str(SEED), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    rec = json.loads(proc.stdout)
    assert {"text", "published", "body", "entities", "events", "quotes"} <= set(rec)
    assert rec["published"] == "2022-04-08"
    assert rec["text"] == SEED.read_text(encoding="utf-8")
    assert any(ev["type"] == "CONSULT" for ev in rec["events"])


def test_extract_the_shared_seed_with_the_console_script(tmp_path):
    if not SHARED_SEED.exists():
        pytest.skip(f"shared seed not available: {SHARED_SEED} is missing")
    proc = rasad("extract", str(SHARED_SEED), cwd=tmp_path, script=True)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["text"] == SHARED_SEED.read_text(encoding="utf-8")


def test_extract_jsonl_for_several_files(tmp_path):
    news = tmp_path / "news.txt"
    news.write_text(NEWS, encoding="utf-8")
    proc = rasad("extract", "--format", "jsonl", str(SEED), str(news), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 2
    assert [json.loads(ln)["origin"] for ln in lines] == [str(SEED), str(news)]


def test_extract_text_summary(tmp_path):
    proc = rasad("extract", "--format", "text", str(SEED), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert f"المصدر / source: {SEED}" in out
    assert "التاريخ / published: 2022-04-08" in out
    assert "عبد الكريم عمر" in out and "حدث / event CONSULT" in out
    assert "اقتباس / quote" in out


def test_bad_inputs_are_one_line_each_and_good_ones_still_print(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(NEWS, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.dat"
    binary.write_bytes(bytes(range(256)) * 20)
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"text": "قال', encoding="utf-8")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:                      # 21 MiB of text, over the 20 MiB a document may have
        line = ("كلمة عربية " * 50 + "\n").encode("utf-8")
        for _ in range(21 * 2**20 // len(line) + 1):
            fh.write(line)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"text": NEWS}, ensure_ascii=False) + "\n{oops\n"
                      + json.dumps({"text": "وصل وفد برئاسة كريم ناصر إلى دمشق أمس."}, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    missing = tmp_path / "missing.txt"
    bad = [empty, binary, bad_json, huge, missing]
    args = ["extract", "--format", "jsonl", str(good), str(empty), str(binary), str(bad_json), str(huge),
            str(corpus), str(SEED), str(missing)]
    proc = rasad(*args, cwd=tmp_path)

    assert proc.returncode == 1
    origins = [json.loads(ln)["origin"] for ln in proc.stdout.splitlines()]
    assert origins == [str(good), f"{corpus}:1", f"{corpus}:3", str(SEED)]

    err = proc.stderr.splitlines()
    reported = [ln for ln in err if ln.startswith("rasad: ") and not ln.endswith(":")]
    assert len(reported) == 6
    for path in bad:
        [line] = [ln for ln in reported if ln.startswith(f"rasad: {path}: ")]
        assert len(line) < 300
    assert any(ln.startswith(f"rasad: {corpus}:2: ") for ln in reported)
    assert "empty" in next(ln for ln in reported if str(empty) in ln)
    assert "binary" in next(ln for ln in reported if str(binary) in ln)
    assert "MB" in next(ln for ln in reported if str(huge) in ln)
    # the summary comes last and lists each failure again
    summary = err.index("rasad: 6 bad inputs:")
    assert summary > max(err.index(ln) for ln in reported)
    assert len(err[summary + 1:]) == 6 and all(ln.startswith("  ") for ln in err[summary + 1:])


def test_only_bad_inputs_print_nothing_and_fail(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    proc = rasad("extract", str(empty), cwd=tmp_path)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.splitlines()[0] == f"rasad: {empty}: file is empty"


def test_a_lone_surrogate_record_is_reported_not_a_traceback(tmp_path):
    path = tmp_path / "surrogate.json"
    path.write_text('{"text": "\\ud800 قال الوزير إن الوضع صعب."}', encoding="utf-8")
    proc = rasad("extract", str(path), cwd=tmp_path)
    assert proc.returncode in (0, 1)


def test_ingest_twice_stores_nothing_new_and_search_finds_any_spelling(tmp_path):
    news = tmp_path / "news.txt"
    news.write_text(NEWS, encoding="utf-8")
    db = tmp_path / "store.db"
    first = rasad("ingest", str(news), str(SEED), cwd=tmp_path, db=db)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "read 2, stored 2, duplicates 0, rejected 0"
    second = rasad("ingest", str(news), cwd=tmp_path, db=db)
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == "read 1, stored 0, duplicates 1, rejected 0"
    # أحمد = احمد = أَحْمَد: the stored article is found whatever the spelling of the query
    ids = set()
    for query in ("أحمد", "احمد", "أَحْمَد"):
        proc = rasad("search", "--format", "json", query, cwd=tmp_path, db=db)
        assert proc.returncode == 0, proc.stderr
        hits = json.loads(proc.stdout)
        assert [h["origin"] for h in hits] == [str(news)], query
        ids.add(hits[0]["id"])
    assert len(ids) == 1


def test_ingest_reports_rejects_and_keeps_the_good(tmp_path):
    news = tmp_path / "news.txt"
    news.write_text(NEWS, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    proc = rasad("ingest", str(news), str(empty), cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout.strip() == "read 2, stored 1, duplicates 0, rejected 1"
    assert f"rasad: {empty}: file is empty" in proc.stderr.splitlines()


@pytest.mark.parametrize("option, value", [("--from", "garbage"), ("--limit", "-3")])
def test_search_with_a_bad_option_value_is_a_one_line_error(tmp_path, option, value):
    proc = rasad("search", option, value, "احمد", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith("rasad: ") and len(proc.stderr.splitlines()) == 1


def test_search_on_a_file_that_is_not_a_database(tmp_path):
    not_db = tmp_path / "notes.txt"
    not_db.write_text("ليست قاعدة بيانات\n" * 100, encoding="utf-8")
    proc = rasad("search", "احمد", cwd=tmp_path, db=not_db)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"rasad: {not_db}: ") and len(proc.stderr.splitlines()) == 1


def test_demo_runs_and_is_idempotent(tmp_path):
    db = tmp_path / "demo.db"
    first = rasad("demo", cwd=tmp_path, db=db)
    assert first.returncode == 0, first.stderr
    assert "حدث / event CONSULT" in first.stdout
    assert f"stored in {db}" in first.stdout.splitlines()[-1]
    second = rasad("demo", cwd=tmp_path, db=db)
    assert second.returncode == 0
    assert second.stdout.splitlines()[-1].startswith("already stored in")


def test_usage_errors_exit_2(tmp_path):
    assert rasad("extract", "--format", "xml", str(SEED), cwd=tmp_path).returncode == 2
    proc = rasad("extract", "--map", "nonsense", str(SEED), cwd=tmp_path)
    assert proc.returncode != 0 and "--map wants ours=theirs" in proc.stderr
    assert rasad(cwd=tmp_path).returncode == 2


def test_field_map_for_json_records(tmp_path):
    path = tmp_path / "rec.json"
    path.write_text(json.dumps({"body": "قال الوزير أحمد سالم إن الوضع صعب جدا في المنطقة.",
                                "date": "2022-04-08"}, ensure_ascii=False), encoding="utf-8")
    proc = rasad("extract", "--map", "text=body,published=date", str(path), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    rec = json.loads(proc.stdout)
    assert rec["published"] == "2022-04-08" and rec["text"].startswith("قال الوزير")


def test_ingest_at_a_lower_priority(tmp_path):
    """--nice N: the ingest (and its extraction workers) yield the CPU to readers."""
    news = tmp_path / "news.txt"
    news.write_text(NEWS, encoding="utf-8")
    db = tmp_path / "store.db"
    probe = tmp_path / "probe.py"          # what `rasad ingest --nice 7` runs under
    probe.write_text("import os, sys\nfrom rasad.cli import main\n"
                     "code = main(sys.argv[1:])\nprint('niceness', os.nice(0))\nsys.exit(code)\n",
                     encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""),
               RASAD_DB=str(db))
    before = os.nice(0)
    proc = subprocess.run([sys.executable, str(probe), "ingest", str(news), "--nice", "7",
                           "--no-progress"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "stored 1" in proc.stdout and f"niceness {min(19, before + 7)}" in proc.stdout
    bad = rasad("ingest", str(news), "--nice", "25", cwd=tmp_path, db=db)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "--nice" in bad.stderr
