"""Sentences and tokens, as spans of the original text, with Arabic proclitics split.

A *word* is a maximal run of letters/digits (joined by internal apostrophes or hyphens for
Latin). Arabic words are then split into proclitics and a stem: و/ف (conjunctions), ب/ل/ك
(prepositions), س (future, only before a verb prefix), and the article ال (and لل = ل + ال).
A proclitic is split only when what remains is a plausible word, so وزير, بغداد, كان and
فرنسا stay whole: the remainder must be known to the vocabulary or start with ال, and the
whole word must not itself be a more frequent word.
"""
from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rasad.normalize import fold
from rasad.spans import Span

# a word character, harakat and tatweel included (Python's \w leaves some combining marks out)
_W = r"(?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640])"
WORD_RE = re.compile(rf"{_W}+(?:['’\-]{_W}+)*|[#@]{_W}+(?:_{_W}+)*", re.UNICODE)
TOKEN_RE = re.compile(rf"{_W}+(?:['’\-]{_W}+)*|\S", re.UNICODE)
ARABIC_RE = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
HARAKAT_RE = re.compile("[\u064b-\u065f\u0670\u0640]")

# Words that begin like a clitic but are not split (folded forms).
NO_SPLIT = {"الله", "الذي", "التي", "الذين", "اللذان", "اللتان", "اللاتي", "اللواتي", "الا", "الى",
            "الي", "اللهم", "الان", "لكن", "لكي", "لذلك", "كذلك", "لان", "كما", "كل", "كلا", "كان",
            "لدي", "لدى", "لقد", "لم", "لن", "لا", "لو", "ولا", "بل", "بين", "بعد", "بعض", "فقط",
            "في", "فيه", "فيها", "وهو", "وهي", "ليس", "ليست", "كيف", "كم", "بعدما", "لما", "فوق"}


FUNCTION_TAILS = {"في", "انه", "انها", "ان", "الي", "ما", "من", "هو", "هي", "لا", "كل"}


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, int]:
    """Folded word → frequency in Arabic news, from the packaged resource (built by
    `scripts/build_resources.py` from ../shared/data); empty when not built."""
    try:
        ref = resources.files("rasad.resources").joinpath("vocab.tsv.gz")
        with ref.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
            out = {}
            for line in fh:
                word, _, count = line.rstrip("\n").partition("\t")
                out[word] = int(count or 0)
            return out
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return {}


def _known(stem: str, vocab: dict[str, int]) -> int:
    return vocab.get(stem, 0)


@lru_cache(maxsize=200_000)
def _whole_place(bare: str) -> bool:
    """A country or a hand-listed place is one word: بعبدا is no ب + عبدا, كندا no ك + ندا.
    (GeoNames towns are not: وان, بيان and بانه are first "and that", "statement", "that he".)"""
    from rasad.analyse.lexicon import places
    place = places().get(bare)
    return place is not None and not place.get("population")


def clitic_split(word: str) -> tuple[int, ...]:
    """Lengths (in characters of `word`) of its proclitics, in order; () when none.

    Works on the word as written (harakat are skipped over by length accounting)."""
    if not ARABIC_RE.search(word):
        return ()
    # Map folded positions back to the raw word, since harakat may sit between letters.
    letters = [(i, c) for i, c in enumerate(word) if not HARAKAT_RE.match(c)]
    bare = fold("".join(c for _, c in letters))
    if len(bare) != len(letters) or bare in NO_SPLIT:
        return ()
    from rasad.analyse.lexicon import first_names
    if bare in first_names() and not bare.startswith(("بال", "وال", "فال", "كال", "لل")) \
            and bare[1:] not in NO_SPLIT and bare[1:] not in FUNCTION_TAILS:
        return ()   # فادي، وليد، بشار: a given name, not ف/و/ب + a word (but وفي is و + في)
    vocab = vocabulary()
    cuts: list[int] = []
    pos = 0

    def rest_ok(at: int) -> bool:
        rest = bare[at:]
        if len(rest) < 2:
            return False
        if bare[pos:] in NO_SPLIT and pos > 0:
            return False   # وكان: و + كان, and كان stays whole
        if rest.startswith("ال") and len(rest) >= 4:
            return True
        if not vocab:
            return len(rest) >= 3
        whole = bare[pos:]
        return _known(rest, vocab) >= 3 and _known(rest, vocab) * 2 > _known(whole, vocab)

    if bare[pos:pos + 1] in ("و", "ف") and rest_ok(pos + 1) and not _whole_place(bare):
        cuts.append(1)
        pos += 1
    if bare[pos:pos + 1] in ("ب", "ك") and rest_ok(pos + 1) and bare[pos + 1:pos + 3] != "ال" \
            and not _whole_place(bare[pos:]) or \
            bare[pos:pos + 1] in ("ب", "ك") and bare[pos + 1:pos + 3] == "ال" and len(bare) - pos >= 5:
        cuts.append(1)
        pos += 1
    elif bare[pos:pos + 2] == "لل" and len(bare) - pos >= 5:
        # لل = ل + (ا)ل: the article's alef is elided after ل
        cuts += [1, 1]
        pos += 2
    elif bare[pos:pos + 1] == "ل" and bare[pos + 1:pos + 3] != "ال" and rest_ok(pos + 1):
        cuts.append(1)
        pos += 1
    elif bare[pos:pos + 1] == "ل" and bare[pos + 1:pos + 3] == "ال" and len(bare) - pos >= 5:
        cuts.append(1)
        pos += 1
    if bare[pos:pos + 2] == "ال" and len(bare) - pos >= 4 and bare[pos:] not in NO_SPLIT:
        cuts.append(2)
        pos += 2
    if not cuts:
        return ()
    # convert letter counts to raw character lengths
    out, li = [], 0
    for n in cuts:
        start_raw = letters[li][0]
        li += n
        end_raw = letters[li][0] if li < len(letters) else len(word)
        out.append(end_raw - start_raw if not out else end_raw - start_raw)
    # harakat between the first clitic and the word start belong to the clitic
    if out and letters[0][0] > 0:
        out[0] += letters[0][0]
    return tuple(out)


def words(text: str) -> list[Span]:
    """Word spans (label WORD, LATIN, NUM or TAG for #hashtags/@handles)."""
    out = []
    for m in WORD_RE.finditer(text):
        w = m.group()
        if w[0] in "#@":
            label = "TAG"
        elif w.isdigit():
            label = "NUM"
        elif ARABIC_RE.search(w):
            label = "WORD"
        else:
            label = "LATIN"
        out.append(Span(m.start(), m.end(), label))
    return out


def stem_start(text: str, word: Span) -> int:
    """Offset where `word` starts once its proclitics are removed (for name spans)."""
    return word.start + sum(clitic_split(text[word.start:word.end]))


def tokenize(text: str) -> list[Span]:
    """Tokens with proclitics split: label CLITIC, WORD, LATIN, NUM, TAG or PUNCT."""
    out: list[Span] = []
    for m in TOKEN_RE.finditer(text):
        s, w = m.start(), m.group()
        if len(w) == 1 and not w.isalnum():
            out.append(Span(s, s + 1, "PUNCT"))
            continue
        if w.isdigit():
            out.append(Span(s, m.end(), "NUM"))
            continue
        if not ARABIC_RE.search(w):
            out.append(Span(s, m.end(), "LATIN"))
            continue
        pos = s
        for n in clitic_split(w):
            out.append(Span(pos, pos + n, "CLITIC"))
            pos += n
        out.append(Span(pos, m.end(), "WORD"))
    return out


# (a period after a lone letter is an abbreviation, not an end: "د. عبدالرحمن", "أ.د.")
SENT_END_RE = re.compile(r"(?<!\s[\u0621-\u064a])(?<!\.[\u0621-\u064a])[.!?؟。]+[\"”»’']*(?=\s|$)|\n\s*\n|\n(?=\S)")


@dataclass
class _Cut:
    start: int
    end: int


def sentences(text: str, limit: int = 600) -> list[Span]:
    """Sentence spans: split at . ! ? ؟ and line breaks; a run-on longer than `limit`
    characters is cut at the next comma or space so later stages stay linear."""
    out: list[Span] = []
    start = 0
    for m in SENT_END_RE.finditer(text):
        _emit(text, start, m.end(), out, limit)
        start = m.end()
    _emit(text, start, len(text), out, limit)
    return out


def _emit(text: str, a: int, b: int, out: list[Span], limit: int) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    while b - a > limit:
        cut = max(text.rfind("،", a, a + limit), text.rfind(",", a, a + limit))
        if cut <= a:
            cut = text.rfind(" ", a, a + limit)
        cut = cut + 1 if cut > a else a + limit
        out.append(Span(a, cut, "SENT"))
        a = cut
        while a < b and text[a].isspace():
            a += 1
    if b > a:
        out.append(Span(a, b, "SENT"))
