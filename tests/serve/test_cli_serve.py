"""`rasad serve` on the command line: its options and its refusals (no server is started)."""
from __future__ import annotations

import pytest

from rasad.cli import main


@pytest.mark.parametrize("argv,message", [
    (["--port", "70000"], "not a port number"),
    (["--workers", "0"], "--workers must be"),
])
def test_bad_options_exit_2(capsys, tmp_path, argv, message):
    assert main(["serve", "--db", str(tmp_path / "x.db"), *argv]) == 2
    assert message in capsys.readouterr().err


def test_unusable_database_exits_2_without_traceback(capsys, tmp_path):
    bad = tmp_path / "not-a-db.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    assert main(["serve", "--db", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("rasad: ") and "Traceback" not in err


def test_serve_is_listed_in_help(capsys):
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    out = capsys.readouterr().out
    assert "--host" in out and "127.0.0.1" in out
