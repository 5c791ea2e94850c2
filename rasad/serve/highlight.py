"""Article text as HTML with every fact's span marked in place, built from character offsets.

Spans may overlap or nest (a mention inside a quote inside an event's evidence), so the text
is cut at every span boundary into flat segments; each segment lists the facts covering it in
`data-f` and gets one class per kind. Nothing is nested, so any overlap renders, and a script
can light up one fact with the selector [data-f~="ev-3"]. Every piece of text is escaped.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

KINDS = ("removed", "entity", "event", "trigger", "quote", "cue")


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str          # one of KINDS: the CSS class
    fact: str          # the fact's id in the page, e.g. "ev-3": [A-Za-z0-9-] only


def _pair(value) -> tuple[int, int] | None:
    """[start, end] as two ints, or None for anything else (absent or malformed)."""
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(
            isinstance(x, int) and not isinstance(x, bool) for x in value):
        return value[0], value[1]
    return None


def record_marks(record: dict) -> list[Mark]:
    """Marks for the removed blocks, entity mentions, event evidence and triggers, quote spans
    and cues of an article record (rasad.output.to_record). Malformed spans are skipped."""
    marks: list[Mark] = []

    def add(span, kind: str, fact: str) -> None:
        pair = _pair(span)
        if pair:
            marks.append(Mark(pair[0], pair[1], kind, fact))

    for i, r in enumerate(record.get("removed") or []):
        add([r.get("start"), r.get("end")], "removed", f"rm-{i}")
    for i, ent in enumerate(record.get("entities") or []):
        for span in ent.get("mentions") or []:
            add(span, "entity", f"en-{i}")
    for i, ev in enumerate(record.get("events") or []):
        add(ev.get("evidence"), "event", f"ev-{i}")
        add(ev.get("trigger"), "trigger", f"ev-{i}")
    for i, q in enumerate(record.get("quotes") or []):
        add(q.get("span"), "quote", f"qu-{i}")
        add(q.get("cue"), "cue", f"qu-{i}")
    return marks


def highlight(text: str, marks: list[Mark]) -> str:
    """The text as escaped HTML, each marked stretch in a <span class="m k-KIND…" data-f="…">.
    Marks outside the text are clipped; empty ones are dropped."""
    n = len(text)
    marks = [Mark(max(0, m.start), min(n, m.end), m.kind, m.fact) for m in marks]
    marks = [m for m in marks if m.start < m.end]
    cuts = sorted({0, n, *(m.start for m in marks), *(m.end for m in marks)})
    # sweep: marks starting at each cut, the active set between cuts
    starts: dict[int, list[Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        active = [m for m in active if m.end > a] + starts.get(a, [])
        piece = escape(text[a:b], quote=False)
        if not active:
            out.append(piece)
            continue
        kinds = sorted({m.kind for m in active}, key=KINDS.index)
        facts = list(dict.fromkeys(m.fact for m in active))
        out.append('<span class="m {}" data-f="{}">{}</span>'.format(
            " ".join("k-" + k for k in kinds), escape(" ".join(facts)), piece))
    return "".join(out)
