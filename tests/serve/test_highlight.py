"""Marking facts in the article text: flat segments, overlaps, escaping, bad spans."""
from __future__ import annotations

import re
from html import unescape

from hypothesis import given
from hypothesis import strategies as st

from rasad.serve.highlight import Mark, highlight, record_marks


def segments(html: str) -> list[tuple[set[str], set[str], str]]:
    """(kinds, facts, text) for each marked segment."""
    out = []
    for cls, facts, text in re.findall(r'<span class="m ([^"]*)" data-f="([^"]*)">([^<]*)</span>',
                                       html):
        out.append(({c[2:] for c in cls.split()}, set(facts.split()), unescape(text)))
    return out


def test_overlapping_and_nested_spans_render_flat():
    text = "قال الوزير عادل الجبير إن المملكة"
    marks = [Mark(0, 22, "event", "ev-0"), Mark(11, 22, "entity", "en-0"),
             Mark(4, 15, "quote", "qu-0")]
    html = highlight(text, marks)
    assert "<span" not in re.sub(r'<span class="m[^>]*>[^<]*</span>', "", html)  # no nesting
    assert unescape(re.sub(r"<[^>]+>", "", html)) == text                        # text kept whole
    segs = segments(html)
    covered = {f for _, facts, _ in segs for f in facts}
    assert covered == {"ev-0", "en-0", "qu-0"}
    # the stretch under all three carries all three
    both = [s for s in segs if s[1] == {"ev-0", "en-0", "qu-0"}]
    assert both and both[0][2] == text[11:15]
    assert "".join(t for _, f, t in segs if "en-0" in f) == text[11:22]
    assert "".join(t for _, f, t in segs if "qu-0" in f) == text[4:15]


def test_text_and_ids_are_escaped():
    text = '<script>alert("x")</script> & نص'
    html = highlight(text, [Mark(0, 8, "entity", 'en-0" onclick="x')])
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html
    assert 'onclick="x"' not in html
    assert unescape(re.sub(r"<[^>]+>", "", html)) == text


def test_out_of_range_and_empty_marks_are_dropped():
    text = "نص قصير"
    html = highlight(text, [Mark(-5, 2, "event", "ev-0"), Mark(3, 999, "quote", "qu-0"),
                            Mark(4, 4, "entity", "en-0"), Mark(6, 2, "entity", "en-1")])
    segs = segments(html)
    assert {f for _, facts, _ in segs for f in facts} == {"ev-0", "qu-0"}
    assert unescape(re.sub(r"<[^>]+>", "", html)) == text


def test_record_marks_skip_malformed_spans():
    record = {"removed": [{"start": 0, "end": 3, "reason": "related"}],
              "entities": [{"mentions": [[4, 6], ["a", 2], [1]]}],
              "events": [{"evidence": [0, 9], "trigger": None}, {"evidence": "0:9"}],
              "quotes": [{"span": [2, 5], "cue": [True, 3]}]}
    marks = record_marks(record)
    assert {(m.kind, m.fact, m.start, m.end) for m in marks} == {
        ("removed", "rm-0", 0, 3), ("entity", "en-0", 4, 6), ("event", "ev-0", 0, 9),
        ("quote", "qu-0", 2, 5)}


@given(st.text(alphabet="اب <>&\"'\n", max_size=40),
       st.lists(st.tuples(st.integers(-3, 45), st.integers(-3, 45),
                          st.sampled_from(["event", "entity", "quote", "removed"])), max_size=8))
def test_any_marks_keep_the_text_and_cover_their_spans(text, raw):
    marks = [Mark(a, b, k, f"x-{i}") for i, (a, b, k) in enumerate(raw)]
    html = highlight(text, marks)
    assert unescape(re.sub(r"<[^>]+>", "", html)) == text
    segs = segments(html)
    for m in marks:
        start, end = max(0, m.start), min(len(text), m.end)
        if start < end:
            assert "".join(t for _, f, t in segs if m.fact in f) == text[start:end]
