"""The regression harness on ../shared/gold/valid: the figures stay above the floors of
bench/floors.json (set a little below the accepted figures), so a change that breaks other articles
fails here. The per-article diff against the snapshot is printed on failure."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VALID = ROOT.parent / "shared" / "gold" / "valid"


@pytest.mark.skipif(not VALID.is_dir(), reason="no ../shared/gold/valid")
def test_valid_figures_stay_above_their_floors():
    res = subprocess.run([sys.executable, str(ROOT / "bench" / "evaluate.py"), str(VALID),
                          "--floors", str(ROOT / "bench" / "floors.json")],
                         capture_output=True, text=True, timeout=900)
    assert res.returncode == 0, res.stdout[-6000:] + res.stderr[-2000:]
    assert "BELOW FLOOR" not in res.stdout
