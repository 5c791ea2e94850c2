"""Arabic folding for matching, with a map back to the original offsets.

The article text is never changed. `NormalizedText(text)` derives a folded copy —
presentation forms through NFKC, harakat/tatweel/bidi controls/zero-width marks removed,
أ/إ/آ/ٱ→ا, ى→ي, ة→ه, ؤ→و, ئ→ي, Persian/Urdu letters to Arabic, Arabic-Indic digits to
ASCII, Latin lowercased — and `to_original(i)` gives the offset in the original text of
folded character i, so a match found in the folded text becomes a span of the original.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache

# Harakat, Quranic marks, superscript alef and tatweel: dropped when matching.
DIACRITICS = set(chr(c) for c in [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670,
                                  *range(0x06D6, 0x06EE), 0x0640])
# Bidi controls, zero-width marks, BOM and soft hyphen: invisible, dropped.
INVISIBLE = set("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                "\u2066\u2067\u2068\u2069\u061c\ufeff\u00ad\u2060")
LETTER_FOLD = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ې": "ي", "ة": "ه",
               "ھ": "ه", "ە": "ه", "ۀ": "ه", "ؤ": "و", "ئ": "ي", "ک": "ك", "گ": "ك"}
DROP = DIACRITICS | INVISIBLE


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """The folded form of one character (may be empty or, for ligatures, longer)."""
    if ch in DROP:
        return ""
    if ch.isascii():
        return ch.lower()
    out = []
    for c in unicodedata.normalize("NFKC", ch):
        if c in DROP:
            continue
        c = LETTER_FOLD.get(c, c)
        if c.isdigit() and not c.isascii():
            try:
                c = str(unicodedata.digit(c))
            except (TypeError, ValueError):
                pass
        out.append(c.lower())
    return "".join(out)


def _translation_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(c): None for c in DROP}
    table.update({ord(k): v for k, v in LETTER_FOLD.items()})
    for zero in (0x0660, 0x06F0):                       # Arabic-Indic and Persian digits
        for d in range(10):
            table[zero + d] = str(d)
    return table


_TABLE = _translation_table()


def _nfkc_class() -> re.Pattern:
    """A character class of every character the translation table does not fold as fold_char
    does: those NFKC changes (presentation forms, ligatures…) and the digits of other scripts
    (Kannada ೦, Devanagari ०…) that fold_char makes ASCII."""
    ranges: list[list[int]] = []
    for cp in range(0x80, 0x30000):
        c = chr(cp)
        if 0xD800 <= cp < 0xE000:
            continue
        other_digit = c.isdigit() and cp not in _TABLE
        if unicodedata.normalize("NFKC", c) == c and not other_digit:
            continue
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    body = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile(f"[{body}]")


_NEEDS_NFKC = _nfkc_class()


def fold(text: str) -> str:
    """Folded text (no offset map): for comparing names and building indexes."""
    if _NEEDS_NFKC.search(text) is None:
        # the common case: a translation table does it all, fast
        return text.translate(_TABLE).lower()
    return "".join(fold_char(c) for c in text)


_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def fold_key(text: str) -> str:
    """A matching key: folded, punctuation as spaces, white space collapsed."""
    return " ".join(_NON_WORD.sub(" ", fold(text)).split())


def clean_display(text: str) -> str:
    """Text for display: NFKC for presentation forms, invisible marks and tatweel removed,
    letters and harakat otherwise kept."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if c not in INVISIBLE and c != "\u0640")


class NormalizedText:
    """Folded text plus `to_original`: folded offset → original offset."""

    __slots__ = ("original", "text", "_origin")

    def __init__(self, original: str):
        self.original = original
        pieces: list[str] = []
        origin: list[int] = []
        for i, ch in enumerate(original):
            f = fold_char(ch)
            if f:
                pieces.append(f)
                origin.extend([i] * len(f))
        self.text = "".join(pieces)
        self._origin = origin

    def to_original(self, i: int) -> int:
        """Original offset of folded offset i (len(text) maps to len(original))."""
        if i >= len(self._origin):
            return len(self.original)
        return self._origin[i]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """A folded [start, end) as an original [start, end) covering the same characters."""
        if end <= start:
            o = self.to_original(start)
            return o, o
        return self._origin[start], self._origin[end - 1] + 1

    def to_folded(self, i: int) -> int:
        """The first folded offset at or after original offset i."""
        return bisect_right(self._origin, i - 1)
