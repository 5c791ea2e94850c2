"""Argument parsing shared by rasad's command modules (rasad.cli, rasad.cli_batch)."""
from __future__ import annotations


def parse_map(values: list[str] | None) -> dict[str, str] | None:
    """The `--map ours=theirs[,ours=theirs…]` options (repeatable) as one field map; None when
    there are none. A malformed pair exits with a one-line message."""
    if not values:
        return None
    out = {}
    for item in values:
        for pair in item.split(","):
            ours, sep, theirs = pair.partition("=")
            if not sep or not ours.strip() or not theirs.strip():
                raise SystemExit(f"rasad: --map wants ours=theirs pairs, got {pair!r}")
            out[ours.strip()] = theirs.strip()
    return out
