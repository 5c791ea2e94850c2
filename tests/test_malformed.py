"""The malformed-input corpus (scripts/make_malformed_corpus.py, regenerated here into a
temporary folder): each file gets its one-line error or its correct records from
`rasad extract`, never a traceback; `rasad ingest` over the whole folder stores every good
record and reports every bad one at the end."""
from __future__ import annotations

import importlib.util
import json
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rasad.cli import main

REPO = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("make_malformed_corpus", REPO / "scripts" / "make_malformed_corpus.py")
corpus_script = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus_script)
CORPUS = corpus_script.CORPUS

@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("malformed")
    return folder, corpus_script.write_corpus(str(folder))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", list(CORPUS))
def test_extract_each_file(corpus, capsys, name):
    folder, written = corpus
    entry, path = written[name], folder / name
    started = time.perf_counter()
    code, out, err = run(capsys, "extract", "--format", "jsonl", str(path))
    seconds = time.perf_counter() - started
    assert "Traceback" not in err
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == entry["records"], (name, err)
    for record in records:
        assert record["text"].strip()
        json.dumps(record, ensure_ascii=False).encode("utf-8")      # writable as UTF-8
    if name == "surrogate-title.json":
        assert records[0]["title"] == "عنوان \ufffd مكسور"            # one character for one
    if entry["error"] is None:
        assert code == 0 and err == ""
        return
    # one line "rasad: SOURCE: reason", then the summary repeating it
    assert code == 1
    first, *summary = err.splitlines()
    source_and_reason = first.removeprefix("rasad: ")
    assert source_and_reason.startswith(str(path))
    where, reason = re.fullmatch(r"(" + re.escape(str(path)) + r"(?::\d+|#record\d+)?): (.+)", source_and_reason).groups()
    assert re.search(entry["error"], reason), reason
    assert summary == ["rasad: 1 bad input:", "  " + source_and_reason]
    if name == corpus_script.BIG_FILE:
        assert seconds < 5, "the 50 MB file must be refused from its size, not read"


@pytest.mark.parametrize("name", sorted(corpus_script.CHARSET_FILES))
def test_legacy_and_wide_encodings_give_the_exact_text(corpus, capsys, name):
    folder, _ = corpus
    code, out, _ = run(capsys, "extract", "--format", "jsonl", str(folder / name))
    assert code == 0
    assert json.loads(out)["text"] == corpus_script.charset_text(name)


def test_ingest_the_whole_folder(corpus, capsys, tmp_path):
    folder, written = corpus
    db = tmp_path / "corpus.db"
    code, out, err = run(capsys, "ingest", str(folder), "--db", str(db), "--rejects", str(tmp_path / "rejects.jsonl"))
    assert "Traceback" not in err
    good = sum(entry["records"] for entry in written.values())
    bad = [name for name, entry in written.items() if entry["error"]]
    summary = re.search(r"read (\d+), stored (\d+), duplicates (\d+), rejected (\d+)", out)
    assert summary, out
    read, stored, duplicates, rejected = map(int, summary.groups())
    assert (stored, duplicates, rejected) == (good, 0, len(bad))
    assert read == good + len(bad)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == good
    assert code == 1
    # every bad file is reported by name with its reason, after the counts
    lines = err.splitlines()
    for name in bad:
        line = next((line for line in lines if line.startswith(f"rasad: {folder / name}")), None)
        assert line is not None, f"{name} not reported"
        assert re.search(written[name]["error"], line.split(": ", 2)[2]), line
    rejects = [json.loads(line) for line in (tmp_path / "rejects.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rejects) == len(bad)


def test_extract_the_whole_folder_in_a_real_process(corpus, tmp_path):
    """The files at once, through the installed command: no traceback reaches the terminal
    (in-process runs cannot see an exception raised while writing to the real stdout)."""
    folder, written = corpus
    names = [n for n in written if n != corpus_script.BIG_FILE]
    done = subprocess.run([sys.executable, "-m", "rasad.cli", "extract", "--format", "jsonl",
                           *[str(folder / n) for n in names]], capture_output=True, text=True,
                          cwd=str(REPO), timeout=300)
    assert "Traceback" not in done.stderr
    assert done.returncode == 1
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(records) == sum(written[n]["records"] for n in names)
    bad = [n for n in names if written[n]["error"]]
    assert f"rasad: {len(bad)} bad inputs:" in done.stderr

