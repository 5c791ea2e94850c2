"""Arabic named-entity recognition: a CRF over cached per-word features, with offsets.

    from rasad.analyse.ner import tag
    for m in tag(text):            # Mention(start, end, label PER/ORG/LOC/MISC, attrs)
        print(m.label, text[m.start:m.end], m.attrs)

The model (rasad/resources/ner/, built by scripts/train_ner.py) is trained on ANERcorp
tokenisation: words with their proclitics attached, punctuation split. `tag(text)`
tokenises raw text the same way, tags it, and maps labels back to character spans of the
original text. Proclitics glued to a name (وبغداد، لمصر) are left out of the span; the
article ال stays in (الكويت). The split uses `proclitic_length`, a count-based rule over the
model's own corpus counts (like tokens.clitic_split, but independent of the optional
vocab resource, without which clitic_split would cut بغداد into ب + غداد). A title before a person (الرئيس، وزير الخارجية السعودي…) is
kept out of the name and put in `attrs["title"]` as a Span. Nationality adjectives (السوري،
الأمريكية) become MISC mentions with `attrs["demonym_of"]` and `attrs["iso2"]`.
"""
from __future__ import annotations

import re
import threading
from functools import lru_cache

from rasad.analyse.ner.demonyms import demonym_country
from rasad.analyse.ner.features import (Featurizer, load_clusters, load_entities, load_lexicon,
                                        load_phrases, stacked_extras)
from rasad.analyse.ner.titles import title_before
from rasad.model import Mention, Span
from rasad.normalize import fold

__all__ = ["tag", "tag_tokens", "tag_sentences", "demonym_country"]

# Tokens as in ANERcorp: runs of letters/digits (harakat and tatweel are \w-joined marks),
# or single punctuation characters. Hashtag underscores split words (#محمد_بن_راشد).
# Harakat and Quranic marks are not \w, so they are named explicitly to stay inside words.
TOKEN_RE = re.compile(r"(?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u200c\u200d])+"
                      r"|[^\w\s\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u200c\u200d]", re.UNICODE)
# Sentence breaks for tagging: the CRF was trained on sentences, and Viterbi is per chunk.
SENT_END = {".", "!", "?", "؟", "\n"}
MAX_CHUNK = 200          # tokens: run-on text is tagged in bounded windows
LABEL_MAP = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}

_lock = threading.Lock()
_state: dict = {}


def _load():
    """(FastTagger with the model's stages, featurizer), loaded once on first use."""
    if "featurizer" in _state:
        return _state["taggers"], _state["featurizer"]
    with _lock:
        if "featurizer" not in _state:
            import json
            from importlib import resources

            from rasad.analyse.ner.decoder import FastTagger
            pkg = resources.files("rasad.resources.ner")
            meta = json.loads(pkg.joinpath("model.json").read_text())
            clusters, counts = load_clusters()
            options = set(meta["features"])
            featurizer = Featurizer(clusters, counts, load_lexicon(), load_phrases(), options,
                                    load_entities() if "entgaz" in options else None)
            names = ("stage1.crfsuite", "stage2.crfsuite")[:meta.get("stages", 1)]
            with resources.as_file(pkg) as folder:
                taggers = FastTagger([str(folder / n) for n in names], featurizer)
            _state["taggers"] = taggers
            _state["featurizer"] = featurizer
    return _state["taggers"], _state["featurizer"]


def tag_sentences(sentences: list[list[str]]) -> list[list[str]]:
    """IOB2 labels for a stream of tokenised sentences in text order (one article, or a
    corpus read in order): the second stage looks at how the same word was labelled in
    nearby sentences, so names are tagged consistently across a document."""
    taggers, featurizer = _load()
    return tag_sentences_with(taggers, featurizer, sentences)


def tag_sentences_with(taggers, featurizer, sentences: list[list[str]]) -> list[list[str]]:
    """`tag_sentences` with a given FastTagger and Featurizer (training scores its models)."""
    # bounded pieces: run-on sentences are tagged in windows of MAX_CHUNK tokens
    pieces, owner = [], []
    for k, toks in enumerate(sentences):
        for a in range(0, len(toks), MAX_CHUNK):
            pieces.append(toks[a:a + MAX_CHUNK])
            owner.append(k)
    tfs = [[featurizer.type_features(t) for t in p] for p in pieces]
    extras = [featurizer.extras(tf) for tf in tfs]

    def extras_of(stage, previous):
        if stage == 0:
            return extras
        return stacked_extras([[t[6] for t in tf] for tf in tfs], previous)

    labels = taggers.tag(pieces, extras_of)
    out: list[list[str]] = [[] for _ in sentences]
    for k, lab in zip(owner, labels):
        out[k] += lab
    return out


def tag_tokens(tokens: list[str]) -> list[str]:
    """IOB2 labels (B-PER, I-LOC, …, O) for one sentence of ANERcorp-style tokens."""
    if not tokens:
        return []
    return tag_sentences([tokens])[0]


# ----------------------------------------------------------------------------- raw text
_NAME_PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")
_HARAKA_RE = re.compile("[\u064b-\u065f\u0670\u0640]")


@lru_cache(maxsize=100_000)
def proclitic_length(token: str) -> int:
    """Characters of `token` taken by a proclitic (و ف ب ل ك and combinations) glued to a
    name, e.g. 1 for وبغداد, 2 for وبالكويت (→ الكويت), 2 for للكويت (→ كويت). The article
    ال is not a proclitic here. A split is made only when the remainder starts with ال or
    is more frequent in news than the whole word (so بغداد, لبنان, فرنسا stay whole)."""
    letters = [i for i, c in enumerate(token) if not _HARAKA_RE.match(c)]
    bare = fold("".join(token[i] for i in letters))
    if len(bare) != len(letters) or len(bare) < 3:
        return 0
    featurizer = _load()[1]
    counts, lexicon = featurizer.counts, featurizer.lexicon
    whole = counts.get(bare, 0)
    # a known name as a whole (وليد، كندا) keeps its first letter, unless ال follows
    known_name = any(f in "FPLCON" for f in lexicon.get(bare, ""))
    for p in _NAME_PROCLITICS:
        if not bare.startswith(p):
            continue
        rest = bare[len(p):]
        n = len(p)
        if p.endswith("ل") and rest.startswith("ل") and len(rest) >= 3 and \
                counts.get("ا" + rest, 0) > whole:
            n += 1           # لل: the article's alef is elided; drop ل+ل, keep the stem
        elif rest.startswith("ال") and len(rest) >= 4:
            pass
        elif known_name:
            continue
        elif len(rest) >= 3 and (counts.get(rest, 0) >= 3 and counts.get(rest, 0) > 2 * whole
                                 or rest in lexicon and whole < 5):
            pass
        else:
            continue
        return letters[n] if n < len(letters) else 0
    return 0


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]


def _chunks(text: str, toks: list[tuple[int, int, str]]):
    """Token index ranges of sentences: split after . ! ? ؟ and at line breaks, and cut
    run-ons every MAX_CHUNK tokens so tagging stays linear."""
    a, prev_end = 0, 0
    for i, (s, e, w) in enumerate(toks):
        if i > a and (s - prev_end > 0 and "\n" in text[prev_end:s] or i - a >= MAX_CHUNK):
            yield a, i
            a = i
        if w in SENT_END:
            yield a, i + 1
            a = i + 1
        prev_end = e
    if a < len(toks):
        yield a, len(toks)


def _strip_title(words: list[str], toks, a: int, b: int, text: str):
    """(new start token, title Span or None) for a person span [a, b)."""
    # titles the model put inside the name ("الشيخ زايد"): move them out, keep ≥1 word
    lead = a
    while lead < b - 1:
        got = None
        for n in range(min(b - 1 - lead, 4), 0, -1):
            from rasad.analyse.ner.titles import TITLES
            if tuple(words[lead:lead + n]) in TITLES:
                got = n
                break
        if not got:
            break
        lead += got
    lo = max(0, a - 8)
    window = words[lo:lead]
    first = title_before(window, len(window), _is_demonym_folded)
    if first is None and lead == a:
        # an office of an organisation: "الرئيس المشترك لمجلس سوريا الديمقراطية X"
        for j in range(len(window) - 1, max(len(window) - 5, 0), -1):
            if window[j].startswith("ل") and len(window[j]) > 2:
                first = title_before(window, j, _is_demonym_folded)
                if first is not None:
                    break
    if first is None and lead == a:
        return a, None
    t_start = lo + first if first is not None else a
    s0 = toks[t_start][0] + proclitic_length(toks[t_start][2])
    title = Span(s0, toks[lead - 1][1], "TITLE")
    return lead, title


def _is_demonym_folded(w: str) -> bool:
    return demonym_country(w) is not None


@lru_cache(maxsize=200_000)
def _title_form(token: str) -> str:
    """Folded token with a glued و/ف/ب/ل stripped when the rest is a title word."""
    from rasad.analyse.ner.titles import TITLE_WORDS
    f = fold(token)
    if f in TITLE_WORDS:
        return f
    for p in ("و", "ف", "ب", "ل", "وب", "ول", "فل"):
        if f.startswith(p) and f[len(p):] in TITLE_WORDS:
            return f[len(p):]
    if f.startswith("لل") and "ا" + f[1:] in TITLE_WORDS:
        return "ا" + f[1:]
    return f


def tag(text: str) -> list[Mention]:
    """Named entities of raw Arabic text as Mentions over `text` (label PER/ORG/LOC/MISC).

    attrs: how="model"; title=Span for a person's office/honorific; demonym_of and iso2
    for nationality adjectives (label MISC)."""
    if not isinstance(text, str):
        from rasad.errors import InputError
        raise InputError("ner", f"text must be str, not {type(text).__name__}")
    toks = _tokens(text)
    if not toks:
        return []
    words_raw = [w for _, _, w in toks]
    labels: list[str] = []
    for lab in tag_sentences([words_raw[a:b] for a, b in _chunks(text, toks)]):
        labels += lab
    from rasad.analyse.ner.scoring import iob_spans
    spans = iob_spans(labels)
    words = None
    out: list[Mention] = []
    inside = [False] * len(toks)
    for a, b, kind in spans:
        label = LABEL_MAP.get(kind, "MISC")
        attrs: dict = {"how": "model"}
        if label == "PER":
            if words is None:
                words = [_title_form(w) for _, _, w in toks]
            a2, title = _strip_title(words, toks, a, b, text)
            if title is not None:
                attrs["title"] = title
            a = a2
        start = toks[a][0] + proclitic_length(toks[a][2])
        end = toks[b - 1][1]
        if start >= end:
            continue
        for i in range(a, b):
            inside[i] = True
        out.append(Mention(start, end, label, attrs))
    for i, (s, e, w) in enumerate(toks):
        if inside[i] or e - s < 4 or labels[i] != "O":
            continue
        hit = demonym_country(w)
        if hit:
            s2 = s + proclitic_length(w)
            if s2 < e:
                out.append(Mention(s2, e, "MISC", {"how": "demonym", "demonym_of": hit[0],
                                                   "iso2": hit[1]}))
    out.sort(key=lambda m: m.start)
    return out
