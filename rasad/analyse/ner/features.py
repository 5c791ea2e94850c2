"""CRF features for Arabic NER, computed once per word *type* and cached.

Speed is the point here: every feature depends on one word only (the word itself or a
neighbour within ±2), so for each distinct token string we build, once, five lists of
feature strings — one per position relative to the token being tagged — and a sentence's
features are the concatenation of its neighbours' lists. No per-token regex, no string
building per token once a type has been seen.

Resources (built by scripts/train_ner.py into rasad/resources/ner/):
- clusters.tsv.gz  folded word → k-means cluster ids of its word2vec vector (3 granularities)
- lexicon.tsv.gz   folded word → gazetteer flags (P person, L place, O organisation,
                   C country, D demonym, T title, F first name, ... see train_ner.py)
"""
from __future__ import annotations

import gzip
import re
from importlib import resources

from rasad.normalize import fold

RESOURCE_PACKAGE = "rasad.resources.ner"
ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
DIGIT_RE = re.compile(r"\d")

# Proclitic strings tried when stripping a word down to its stem (folded forms), longest
# first. Deterministic and independent of any vocabulary so that training and tagging see
# the same features.
PROCLITICS = ("وبال", "وكال", "فبال", "وللا", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل",
              "ال", "وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")
ENCLITICS = ("هما", "كما", "هم", "هن", "كم", "نا", "ها", "ه", "ي", "ك")

OFFSETS = (-2, -1, 0, 1, 2)


def normal_form(token: str) -> str:
    """The folded form used for every lookup: harakat/tatweel gone, letters folded,
    digits collapsed to 0 (so years and amounts share features)."""
    f = fold(token)
    if DIGIT_RE.search(f):
        f = DIGIT_RE.sub("0", f)
    return f


def strip_proclitics(w: str, lexicon: dict[str, str], counts) -> tuple[str, str]:
    """(proclitic, stem) of a folded word, e.g. وبغداد → (و, بغداد), للرئيس → (لل, رئيس).
    A proclitic is stripped only when the remainder is a gazetteer word, or is more frequent
    in the news corpus than the whole word (so وزير, بريطانيا, لبنان stay whole)."""
    if not ARABIC_LETTER_RE.match(w) or len(w) < 4:
        return "", w
    whole = counts.get(w, 0)
    for p in PROCLITICS:
        if w.startswith(p) and len(w) - len(p) >= 2:
            rest = w[len(p):]
            n = counts.get(rest, 0)
            if rest in lexicon and whole < 50 or n >= 3 and (n > whole or "ال" in p or "لل" in p):
                return p, rest
    return "", w


def word_shape(token: str) -> str:
    if not token:
        return "E"
    if token.isdigit():
        return "D"
    c = token[0]
    if ARABIC_LETTER_RE.match(c) or "\u064b" <= c <= "\u0652":
        return "A"
    if c.isalpha():
        return "Lu" if c.isupper() else "L"
    if c.isdigit():
        return "DX"
    return "P" + c if len(token) == 1 else "X"


class Featurizer:
    """Per-type feature lists, cached. `sentence(tokens)` gives crfsuite-ready features."""

    def __init__(self, clusters, counts,
                 lexicon: dict[str, str], phrases: dict[str, list] | None = None,
                 options: frozenset | set = frozenset(), entities: dict[str, list] | None = None):
        """`phrases`: first word → [(word tuple, flag)] of multi-word gazetteer entries,
        longest first. `options` switch on feature groups: bigram (word pairs), gazseq
        (multi-word gazetteer matches), wide (clusters/affixes of the neighbours),
        emb (binarised word2vec dimensions of the word), entgaz (names listed in other
        labelled corpora: `entities`, first stem → [(stem tuple, flags)], longest first)."""
        self.clusters = clusters
        self.counts = counts
        self.phrases = phrases or {}
        self.options = frozenset(options)
        self.bigram = "bigram" in self.options
        self.gazseq = "gazseq" in self.options and bool(self.phrases)
        self.wide = "wide" in self.options
        self.emb = "emb" in self.options
        self.entities = entities or {}
        self.entgaz = "entgaz" in self.options and bool(self.entities)
        self.lexicon = lexicon
        self._cache: dict[str, tuple[list[str], ...]] = {}
        self._pad_left = ([], ["w-1=<S>"], [], [], [])
        self._pad_right = ([], [], [], ["w+1=</S>"], [])

    # --- per type -------------------------------------------------------------------
    def type_features(self, token: str) -> tuple[list[str], ...]:
        """Five lists of features: what this token contributes when it sits at offset
        -2, -1, 0, +1, +2 from the token being labelled (index 2 = the token itself)."""
        cached = self._cache.get(token)
        if cached is not None:
            return cached
        w = normal_form(token)
        shape = word_shape(token)
        lex, cl = self.lexicon, self.clusters
        proc, stem = strip_proclitics(w, lex, self.counts)
        wc = cl.get(w)
        sc = cl.get(stem) if stem != w else wc
        flags = lex.get(w, "")
        sflags = lex.get(stem, "") if stem != w else flags
        core = ["b", "w=" + w, "sh=" + shape]
        if shape == "A":
            n = len(w)
            core += ["p1=" + w[:1], "p2=" + w[:2], "p3=" + w[:3],
                     "s1=" + w[-1:], "s2=" + w[-2:], "s3=" + w[-3:],
                     "len=" + str(min(n, 8))]
            if w.startswith("ال") or stem.startswith("ال"):
                core.append("al")
            if proc:
                core += ["st=" + stem, "pc=" + proc, "sts2=" + stem[-2:]]
        if wc:
            core += ["c1=" + wc[0], "c2=" + wc[1], "c3=" + wc[2]]
        elif shape == "A":
            core.append("c=?")
        if proc and sc:
            core += ["sc1=" + sc[0], "sc2=" + sc[1], "sc3=" + sc[2]]
        if self.emb:
            e = sc if proc and sc else wc
            if e:
                core += ["e" + d for d in e[3]]
        for f in flags:
            core.append("g=" + f)
        if proc:
            for f in sflags:
                core.append("sg=" + f)
        near = ["w=" + w]
        if wc:
            near += ["c1=" + wc[0], "c2=" + wc[1]]
            if self.wide:
                near.append("c3=" + wc[2])
        if self.wide and shape == "A":
            near += ["p2=" + w[:2], "s2=" + w[-2:]]
            if "al" in core:
                near.append("al")
        if proc and sc:
            near.append("sc2=" + sc[1])
        for f in (flags or sflags):
            near.append("g=" + f)
        if shape != "A":
            near.append("sh=" + shape)
        far = ["w=" + w]
        if wc:
            far.append("c1=" + wc[0])
            if self.wide:
                far.append("c2=" + wc[1])
        if self.wide and flags:
            far += ["g=" + f for f in flags]
        # tuples of strings, not lists: the cyclic GC stops tracking them, so a cache of
        # hundreds of thousands of words does not slow every later collection
        feats = (tuple(["-2" + f for f in far]), tuple(["-1" + f for f in near]), tuple(core),
                 tuple(["+1" + f for f in near]), tuple(["+2" + f for f in far]), w, stem)
        if len(self._cache) > 500_000:       # bound memory on endless streams
            self._cache.clear()
        self._cache[token] = feats
        return feats

    # --- per sentence ----------------------------------------------------------------
    def stems(self, tokens: list[str]) -> list[str]:
        return [self.type_features(t)[6] for t in tokens]

    def sentence(self, tokens: list[str]) -> list[list[str]]:
        tf = [self.type_features(t) for t in tokens]
        n = len(tf)
        out = []
        for i in range(n):
            f = list(tf[i][2])
            if i >= 2:
                f += tf[i - 2][0]
            if i >= 1:
                f += tf[i - 1][1]
            else:
                f += self._pad_left[1]
            if i + 1 < n:
                f += tf[i + 1][3]
            else:
                f += self._pad_right[3]
            if i + 2 < n:
                f += tf[i + 2][4]
            out.append(f)
        for f, extra in zip(out, self.extras(tf)):
            f += extra
        return out

    def extras(self, tf) -> list[list[str]]:
        """Features that depend on more than one word (word pairs, gazetteer phrases),
        from the type features `tf` of a sentence."""
        n = len(tf)
        out: list[list[str]] = [[] for _ in range(n)]
        if self.bigram:
            ws = [t[5] for t in tf]
            prev = "<S>"
            for i, w in enumerate(ws):
                nxt = ws[i + 1] if i + 1 < n else "</S>"
                out[i] += ("bg-=" + prev + "|" + w, "bg+=" + w + "|" + nxt)
                prev = w
        if self.gazseq:
            self._phrase_features(tf, out)
        if self.entgaz:
            self._entity_features(tf, out)
        return out

    def _entity_features(self, tf, out) -> None:
        """Longest matches of names from the entity lists (over word stems, left to right):
        B/I + each of the entry's type flags on the covered tokens, and the flags as
        context for the tokens right before and after."""
        n = len(tf)
        for i, k, flags in longest_matches([t[6] for t in tf], self.entities):
            last = i + k - 1
            for j in range(i, i + k):
                pos = "xB" if j == i else "xI"
                for f in flags:
                    out[j].append(pos + f)
            if k > 1:
                out[i].append("xlen" + str(min(k, 4)))
            for f in flags:
                if last + 1 < n:
                    out[last + 1].append("x-1" + f)
                if i > 0:
                    out[i - 1].append("x+1" + f)

    def _phrase_features(self, tf, out) -> None:
        """Mark tokens covered by a multi-word gazetteer entry (longest match, left to
        right): B/I + the entry's flag, on the token and as context for its neighbours."""
        n = len(tf)
        for i, k, flag in longest_matches([t[5] for t in tf], self.phrases):
            for j in range(i, i + k):
                pos = "B" if j == i else "I"
                out[j].append("ph=" + pos + flag)
                if j == i + k - 1 and j + 1 < n:
                    out[j + 1].append("ph-1=" + flag)
            if i > 0:
                out[i - 1].append("ph+1=" + flag)


def longest_matches(words: list[str], table: dict[str, list]):
    """(start, length, payload) of the entries of `table` (first word → [(word tuple,
    payload)], longest first) found in `words`, longest match first, left to right,
    without overlaps."""
    n = len(words)
    i = 0
    while i < n:
        hit = None
        for entry, payload in table.get(words[i], ()):
            k = len(entry)
            if k == 1 or tuple(words[i:i + k]) == entry:
                hit = (k, payload)
                break
        if hit is None:
            i += 1
            continue
        yield i, hit[0], hit[1]
        i += hit[0]


class _Counts:
    """word → corpus count, read from the shared row strings (a view, no copy)."""

    def __init__(self, rows: dict[str, str]):
        self.rows = rows

    def get(self, word: str, default: int = 0) -> int:
        row = self.rows.get(word)
        return default if row is None else int(row[:row.find("\t")] if "\t" in row else row)

    def __contains__(self, word: str) -> bool:
        return word in self.rows


class _Clusters:
    """word → (c1, c2, c3, binarised embedding dims), parsed on demand from the rows."""

    def __init__(self, rows: dict[str, str]):
        self.rows = rows

    def get(self, word: str, default=None):
        row = self.rows.get(word)
        if row is None:
            return default
        parts = row.split("\t")
        if len(parts) < 4:
            return default
        return (parts[1], parts[2], parts[3], tuple(parts[4].split()) if len(parts) > 4 else ())

    def __contains__(self, word: str) -> bool:
        return word in self.rows


def load_clusters(package: str = RESOURCE_PACKAGE) -> tuple[_Clusters, _Counts]:
    """(word → cluster ids + embedding dims, word → corpus count) from clusters.tsv.gz
    (lines: word, count, c1, c2, c3, binarised embedding). Rows stay one string per word
    and are parsed when a word is first seen: a third of the memory of parsed tuples."""
    rows: dict[str, str] = {}
    with resources.files(package).joinpath("clusters.tsv.gz").open("rb") as raw, \
            gzip.open(raw, "rt", encoding="utf-8") as fh:
        for line in fh:
            word, _, rest = line.rstrip("\n").partition("\t")
            rows[word] = rest
    return _Clusters(rows), _Counts(rows)


def load_phrases(package: str = RESOURCE_PACKAGE) -> dict[str, list]:
    """Multi-word gazetteer entries (phrases.tsv.gz: folded phrase, flag), indexed by first
    word, longest first."""
    out: dict[str, list] = {}
    try:
        ref = resources.files(package).joinpath("phrases.tsv.gz")
        with ref.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
            for line in fh:
                phrase, _, flag = line.rstrip("\n").partition("\t")
                words = tuple(phrase.split())
                out.setdefault(words[0], []).append((words, flag))
    except (FileNotFoundError, OSError):
        return {}
    for v in out.values():
        v.sort(key=lambda e: -len(e[0]))
    return out


def load_entities(package: str = RESOURCE_PACKAGE) -> dict[str, list]:
    """Names from other labelled corpora (entities.tsv.gz: word stems, type flags), indexed
    by first stem, longest first. Empty when the model does not use them."""
    out: dict[str, list] = {}
    try:
        ref = resources.files(package).joinpath("entities.tsv.gz")
        with ref.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
            for line in fh:
                phrase, _, flags = line.rstrip("\n").partition("\t")
                words = tuple(phrase.split(" "))
                out.setdefault(words[0], []).append((words, flags.split(",")))
    except (FileNotFoundError, OSError):
        return {}
    for v in out.values():
        v.sort(key=lambda e: -len(e[0]))
    return out


def load_lexicon(package: str = RESOURCE_PACKAGE) -> dict[str, str]:
    out: dict[str, str] = {}
    with resources.files(package).joinpath("lexicon.tsv.gz").open("rb") as raw, \
            gzip.open(raw, "rt", encoding="utf-8") as fh:
        for line in fh:
            word, _, flags = line.rstrip("\n").partition("\t")
            out[word] = flags
    return out


# ------------------------------------------------------------------ second stage
TYPES = ("O", "PER", "LOC", "ORG", "MISC")
# sentences on each side whose first-stage labels of a word inform the second stage
DOC_WINDOW = 15          # 40 scored the same on the dev slice
_TYPE_INDEX = {t: i for i, t in enumerate(TYPES)}


_LABELS = ["O"] + [p + t for t in TYPES[1:] for p in ("B-", "I-")]
_S1 = {lab: "s1=" + lab for lab in _LABELS}
_S1_PAIR = {(a, b): "s1-1=" + a + "|" + b for a in _LABELS + ["<S>"] for b in _LABELS}
_S1_NEXT = {lab: "s1+1=" + lab for lab in _LABELS + ["</S>"]}


_TYPE_OF = {lab: _TYPE_INDEX.get(lab[2:], 0) if lab != "O" else 0 for lab in _LABELS}


def _type_of(label: str) -> int:
    t = _TYPE_OF.get(label)
    if t is None:
        t = _TYPE_OF[label] = _TYPE_INDEX.get(label[2:], 0) if label != "O" else 0
    return t


def stacked_features(feats: list[list[list[str]]], stems: list[list[str]],
                     labels: list[list[str]], window: int = DOC_WINDOW) -> None:
    """Add the second-stage features (see `stacked_extras`) to `feats` in place."""
    for fs, extra in zip(feats, stacked_extras(stems, labels, window)):
        for f, e in zip(fs, extra):
            f += e


def stacked_extras(stems: list[list[str]], labels: list[list[str]],
                   window: int = DOC_WINDOW) -> list[list[list[str]]]:
    """Second-stage features for a stream of sentences in text order: the first-stage
    labels around each token, and how the first stage labelled the *other* occurrences of
    the same word (stem) within ±`window` sentences — one document's worth — so a name
    recognised once is recognised again (non-local consistency)."""
    n_sent = len(labels)
    counts: dict[str, list[int]] = {}
    out: list[list[list[str]]] = []

    type_of = _TYPE_OF

    def add(k: int, sign: int) -> None:
        for stem, lab in zip(stems[k], labels[k]):
            c = counts.get(stem)
            if c is None:
                c = counts[stem] = [0, 0, 0, 0, 0]
            t = type_of.get(lab)
            c[_type_of(lab) if t is None else t] += sign

    for k in range(min(window, n_sent)):
        add(k, 1)
    for s in range(n_sent):
        hi = s + window
        if hi < n_sent:
            add(hi, 1)
        lo = s - window - 1
        if lo >= 0:
            add(lo, -1)
        labs = labels[s]
        sent_out = []
        prev = "<S>"
        nexts = labs[1:] + ["</S>"]
        for i, (lab, stem) in enumerate(zip(labs, stems[s])):
            f = [_S1[lab], _S1_PAIR[prev, lab], _S1_NEXT[nexts[i]]]
            prev = lab
            sent_out.append(f)
            c = counts.get(stem)
            if c is None:
                continue
            own = type_of.get(lab)
            if own is None:
                own = _type_of(lab)
            tot = sum(c) - 1
            if tot <= 0:
                continue
            best, best_n = 0, 0
            for t in range(1, 5):
                v = c[t] - (t == own)
                if v > best_n:
                    best, best_n = t, v
            if best_n:
                f.append("dt=" + TYPES[best])
                f.append("dt=" + TYPES[best] + (":hi" if 2 * best_n >= tot else ":lo"))
            else:
                f.append("dtO")
        out.append(sent_out)
    return out

