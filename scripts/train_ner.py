"""Build the Arabic NER model into rasad/resources/ner/ from ../shared/data.

    .venv/bin/pip install -e '.[train]'              # gensim, for word2vec
    nice -n 19 .venv/bin/python scripts/train_ner.py # everything, two cores (--workers 2)
    .venv/bin/python scripts/train_ner.py --dev      # also score on a dev slice of train
    .venv/bin/python scripts/train_ner.py --extra wikifane   # try extra corpora (hurt on dev)

Steps: (1) tokenise the unlabelled news (ANT corpus + SaudiNewsNet), train word2vec
(gensim, one thread, fixed seed) and k-means its vectors at three granularities →
clusters.tsv.gz; (2) gazetteers → lexicon.tsv.gz; (3) country names → demonyms.tsv;
(4) entity lists → entities.tsv.gz: the names of WikiFANE and AQMAR (their own types) and
of the training set (made block-wise for training, see training_lists), and the silver
lists: names that CRFs trained on the labelled sentences find in an eighth of the unlabelled
news, with the type most of their occurrences get (silver_lists); (5) a two-stage
linear-chain CRF (python-crfsuite) on ANERcorp train → stage1/stage2.crfsuite, stage 2
adding document-level counts of stage-1 labels (k-fold), trained on ANERcorp train and the
annotated corpus (corpus/gold: each entity's name and aliases located in its article, see
corpus_sentences). Every sentence of every corpus
used that also occurs in the ANERcorp *test* split (normalised letters, or mostly made of
test 24-letter shingles) is dropped, and counted. NewsFANE is not used: it is ANERcorp's
own text re-annotated (the command prints how its sentences fall into test and train).
The test split is never used for anything else. Needs the `train` extra (gensim, numpy).
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")     # one core: the machine is shared
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rasad.analyse.ner import features as F          # noqa: E402
from rasad.analyse.ner.demonyms import IRREGULAR, NOT_DEMONYMS   # noqa: E402
from rasad.analyse.ner.scoring import format_scores, score_iob   # noqa: E402
from rasad.analyse.ner.titles import TITLE_WORDS     # noqa: E402
from rasad.normalize import fold                     # noqa: E402

DATA = Path(os.environ.get("RASAD_DATA", REPO.parent / "shared" / "data"))
OUT = REPO / "rasad" / "resources" / "ner"
from rasad.analyse.ner import TOKEN_RE                # noqa: E402  (same tokens as at run time)
SEED = 13


def log(*a):
    print(*a, flush=True)


# ---------------------------------------------------------------- labelled data
def read_conll(path: Path, sep: str | None = None, encoding="utf-8") -> list[tuple[list[str], list[str]]]:
    sents, toks, tags = [], [], []
    with open(path, encoding=encoding) as fh:
        for line in fh:
            line = line.replace("\u200e", "").replace("\ufeff", "").rstrip("\r\n")
            parts = line.split(sep) if line.strip() else []
            if len(parts) < 2:
                if toks:
                    sents.append((toks, tags))
                toks, tags = [], []
                continue
            toks.append(parts[0].strip())
            tags.append(parts[-1].strip())
    if toks:
        sents.append((toks, tags))
    return sents


def anercorp(split: str):
    sents = read_conll(DATA / "anercorp-camellab" / f"ANERCorp_CamelLab_{split}.txt", sep=" ")
    return [(t, [g.replace("PERS", "PER") for g in tags]) for t, tags in sents]


FANE_PER = {"Politician", "Athlete", "Artist", "Other_PER", "Religious_PER", "Scientist",
            "Businessperson", "Lawyer", "Engineer", "Police", "Group"}
FANE_LOC = {"Nation", "Population-Center", "State-or-Province", "GPE-Cluster", "Continent",
            "Water-Body", "Land-Region-Natural", "County-or-District", "Celestial",
            "Building-Grounds", "Airport", "Path", "Subarea-Facility", "Land", "Water"}
FANE_ORG = {"Non-Governmental", "Sports", "Media", "Government", "Commercial", "Educational",
            "Religious_ORG", "Medical-Science", "Entertainment"}


def fane_type(t: str) -> str:
    if t == "Group":
        return "O"          # ACE "Group" persons (e.g. families, peoples): O in ANERcorp
    if t in FANE_PER:
        return "PER"
    if t in FANE_LOC:
        return "LOC"
    if t in FANE_ORG:
        return "ORG"
    return "MISC"


# FANE's fine types, grouped for the entity lists (the CRF learns what each group means
# in ANERcorp's scheme): P person, G group of people, L geo-political place, N natural
# place, F facility, V government body, O other organisation, W work, M product/other.
FANE_GROUP = {**{t: "P" for t in FANE_PER - {"Group"}}, "Group": "G",
              **{t: "L" for t in ("Nation", "Population-Center", "State-or-Province",
                                  "County-or-District", "GPE-Cluster", "Continent")},
              **{t: "N" for t in ("Water-Body", "Land-Region-Natural", "Celestial")},
              **{t: "F" for t in ("Building-Grounds", "Airport", "Path", "Subarea-Facility")},
              "Government": "V", **{t: "O" for t in FANE_ORG - {"Government"}},
              **{t: "W" for t in ("Book", "Movie", "Sound")}}


def fane_group(t: str) -> str:
    return FANE_GROUP.get(t, "M")


def fane(name: str, mapper=fane_type):
    """FANE gold, re-glued to ANERcorp's tokenisation: a lone proclitic token (و ف ب ل ك)
    joins the next word, a lone pronoun suffix joins the previous one."""
    sents = read_conll(DATA / "newsfane-wikifane-gold" / name, sep="\t", encoding="utf-8-sig")
    out = []
    for toks, tags in sents:
        tags = [_map_tag(t, mapper) for t in tags]
        nt, ng = [], []
        carry = ""
        for tok, tag in zip(toks, tags):
            if tok in ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك") and not carry.endswith(tok):
                carry += tok
                continue
            if tok in ("ه", "ها", "هم", "هما", "هن", "كم", "نا", "ك", "ي") and nt and not carry:
                nt[-1] += tok
                continue
            nt.append(carry + tok)
            ng.append(tag)
            carry = ""
        if nt:
            out.append((nt, _repair(ng)))
    return out


def _map_tag(tag: str, mapper) -> str:
    if tag in ("O", "") or "-" not in tag:
        return "O"
    prefix, _, typ = tag.partition("-")
    t = mapper(typ)
    return "O" if t == "O" else f"{prefix}-{t}"


def _repair(tags: list[str]) -> list[str]:
    out, prev = [], "O"
    for t in tags:
        if t.startswith("I-") and prev[2:] != t[2:]:
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


def aqmar(names=("PER", "LOC", "ORG", "MISC")):
    out = []
    def mapper(t):
        t = t.upper().strip("`")
        if t.startswith("PER"):
            return names[0]
        if t.startswith("LOC"):
            return names[1]
        if t.startswith("ORG") or t == "-ORG":
            return names[2]
        if t.startswith("MIS"):
            return names[3]
        return "O"
    for path in sorted((DATA / "aqmar" / "articles").glob("*.txt")):
        for toks, tags in read_conll(path, sep=" "):
            out.append((toks, _repair([_map_tag(t, mapper) for t in tags])))
    return out


CORPUS = REPO / "corpus" / "gold"
_PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")


def corpus_sentences(folder: Path = CORPUS) -> list[tuple[list[str], list[str]]]:
    """The annotated corpus (corpus/gold, ../shared/ANNOTATION.md) as tagged sentences: each
    article's text tokenised as at run time (TOKEN_RE, sentences at SENT_END, windows of
    MAX_CHUNK), and every occurrence of an entity's name or alias tagged with its type. A token
    matches a name word folded, with a proclitic glued to the first word (وبغداد، للعراق) as
    ANERcorp tags it; a leading title (الملك سلمان) stays out; longer names win overlaps.
    (Tried and measured worse on valid: leaving a place's head out where the entity is also
    named without it, and a closing quotation mark out of the name: entities 0.837, not 0.843.)"""
    from rasad.analyse.ner import MAX_CHUNK, SENT_END
    from rasad.learn.gold import gold_article, load_golds, scorer
    out = []
    golds = load_golds([folder])
    scorer().prefetch(golds)                # one pass over each corpus file
    for gold in golds:
        try:
            text = gold_article(gold).text
        except ValueError as exc:
            log(f"corpus: {exc}: skipped")
            continue
        tokens = [m.group() for m in TOKEN_RE.finditer(text)]
        folded = [fold(t) for t in tokens]
        tags = ["O"] * len(tokens)
        spans = []
        for ent in gold.get("entities", []):
            etype = {"GPE": "LOC", "FAC": "LOC"}.get(ent["type"], ent["type"])
            if etype not in ("PER", "ORG", "LOC"):
                continue
            for alias in sorted({ent["name"], *ent.get("aliases", [])}):   # a fixed order, whatever the hash seed
                words = [fold(w) for w in TOKEN_RE.findall(alias)]
                while len(words) > 1 and words[0] in TITLE_WORDS:
                    words = words[1:]
                if not words or not any(c.isalpha() for c in "".join(words)):
                    continue
                for i in range(len(tokens) - len(words) + 1):
                    if folded[i + 1:i + len(words)] != words[1:] or not _first_word(folded[i], words[0]):
                        continue
                    spans.append((len(words), i, etype))
        taken = [False] * len(tokens)
        for n, i, etype in sorted(spans, key=lambda s: (-s[0], s[1])):
            if any(taken[i:i + n]):
                continue
            for k in range(i, i + n):
                taken[k] = True
                tags[k] = ("B-" if k == i else "I-") + etype
        sent_toks, sent_tags = [], []
        for tok, tg in zip(tokens, tags):
            sent_toks.append(tok)
            sent_tags.append(tg)
            if tok in SENT_END or len(sent_toks) == MAX_CHUNK:
                if len(sent_toks) >= 3:
                    out.append((sent_toks, _repair(sent_tags)))
                sent_toks, sent_tags = [], []
        if len(sent_toks) >= 3:
            out.append((sent_toks, _repair(sent_tags)))
    log(f"corpus: {len(golds)} articles → {len(out):,} sentences, "
        f"{sum(t.startswith('B-') for _, tags in out for t in tags):,} name mentions")
    return out


def _first_word(token: str, word: str) -> bool:
    """A folded token is the name's first word, bare or with a proclitic (لل before ال)."""
    if token == word:
        return True
    for p in _PROCLITICS:
        if token.startswith(p):
            rest = token[len(p):]
            if rest == word or (p.endswith("ل") and word.startswith("ال") and rest == word[1:]):
                return True
    return False


# ---------------------------------------------------------------- entity lists
def entity_rows(featurizer, sents, prefix: str = "", min_count: int = 1) -> dict[tuple, set]:
    """Names of labelled sentences → {word stems: type flags}. A single word is listed for a
    type when it is that type in at least half of its occurrences in `sents` (so common
    words that are sometimes part of a name stay out); a multi-word name for every type
    that is at least a quarter of its labels. Flags are the corpus's types, after `prefix`."""
    from rasad.analyse.ner.scoring import iob_spans
    names: dict[tuple, Counter] = {}
    seen: Counter = Counter()
    stems_of = featurizer.stems
    for toks, tags in sents:
        stems = stems_of(toks)
        seen.update(stems)
        for a, b, kind in iob_spans(tags):
            if b - a <= 6:
                names.setdefault(tuple(stems[a:b]), Counter())[kind] += 1
    rows: dict[tuple, set] = {}
    for words, c in names.items():
        if not any(ch.isalpha() for ch in words[0]) or any(" " in w or "\t" in w or not w for w in words):
            continue
        total = sum(c.values())
        if total < min_count:
            continue
        if len(words) == 1:
            flags = {prefix + k for k, n in c.items() if n >= 0.5 * seen[words[0]]}
        else:
            flags = {prefix + k for k, n in c.items() if n >= 0.25 * total}
        if flags:
            rows[words] = flags
    return rows


def merge_rows(*parts: dict[tuple, set]) -> dict[tuple, set]:
    out: dict[tuple, set] = {}
    for part in parts:
        for words, flags in part.items():
            out.setdefault(words, set()).update(flags)
    return out


def index_rows(rows: dict[tuple, set]) -> dict[str, list]:
    """The look-up the Featurizer uses: first stem → [(stems, flags)], longest first."""
    out: dict[str, list] = {}
    for words in sorted(rows):
        out.setdefault(words[0], []).append((words, sorted(rows[words])))
    for v in out.values():
        v.sort(key=lambda e: -len(e[0]))
    return out


def write_rows(rows: dict[tuple, set], path: Path) -> None:
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as fh:
        for words in sorted(rows):
            fh.write(f"{' '.join(words)}\t{','.join(sorted(rows[words]))}\n")


def training_lists(featurizer, other_rows, train, k: int = 5, parallel=(), silver=None):
    """Entity lists for training and for tagging. At tagging time the lists hold the names
    of the other corpora (`other_rows`: WikiFANE, AQMAR with FANE_GROUP flags), of the
    whole training set (flags aPER, aLOC, …) and of `parallel`, other annotations of the
    training sentences ((sentence, index of the training sentence) pairs: NewsFANE, flags
    nP, nL, …), and the silver lists (`silver`: silver_lists with the same k). A training
    sentence must not see its own names listed — the CRF would
    learn to trust the list blindly — so the sentences of each of k contiguous blocks
    (documents stay together) get the lists made without their block. Returns (rows for
    tagging, one look-up per training sentence)."""
    def rows_without(lo, hi, block=None):
        parts = [other_rows, entity_rows(featurizer, train[:lo] + train[hi:], "a"),
                 entity_rows(featurizer, [s for s, i in parallel if not lo <= i < hi], "n")]
        if silver is not None:
            parts.append(silver[0] if block is None else silver[1][block])
        return merge_rows(*parts)

    n = len(train)
    full = rows_without(0, 0)
    per: list = []
    for f in range(k):
        lo, hi = n * f // k, n * (f + 1) // k
        lookup = index_rows(rows_without(lo, hi, f))
        per += [lookup] * (hi - lo)
    log(f"entity lists: {len(other_rows):,} names from WikiFANE + AQMAR, "
        f"{len(full) - len(other_rows):,} more from the training set"
        f"{' and the silver lists' if silver is not None else ''}"
        f"{' and NewsFANE' if parallel else ''}; {len(full):,} in all "
        f"({sum(len(w) > 1 for w in full):,} multi-word)")
    return full, per


# ---------------------------------------------------------------- silver lists
def unlabelled_sentences(work: Path, every: int) -> list[list[str]]:
    """Every `every`-th paragraph of the tokenised unlabelled news, cut into sentences."""
    from rasad.analyse.ner import SENT_END
    out: list[list[str]] = []
    with open(build_corpus(work), encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n % every:
                continue
            sent: list[str] = []
            for w in line.split():
                sent.append(w)
                if w in SENT_END or len(sent) >= 100:
                    out.append(sent)
                    sent = []
            if sent:
                out.append(sent)
    return out


def silver_lists(featurizer, train, k: int, work: Path, args, overlap=()) -> tuple[dict, list[dict]]:
    """Names that models trained on the labelled sentences find in the unlabelled news,
    with the type they get in most of their occurrences (flags sPER, sLOC, …): a name
    seen once in a test sentence is often seen, and tagged right, dozens of times in the
    news. As with the entity lists, a training sentence must not profit from a model that
    saw it: the lists for block f of k are made by a model trained without block f, the
    list for tagging by a model trained on all. The models are stage-1 CRFs without entity
    lists. News sentences that are ANERcorp test sentences (`overlap`) are left out, and
    counted. Returns (rows for tagging, rows per block)."""
    from rasad.analyse.ner import tag_sentences_with
    from rasad.analyse.ner.decoder import FastTagger
    plain = F.Featurizer(featurizer.clusters, featurizer.counts, featurizer.lexicon,
                         featurizer.phrases, featurizer.options - {"entgaz"})
    feats = base_features([t for t, _ in train], plain)
    n = len(train)
    bounds = [(n * f // k, n * (f + 1) // k) for f in range(k)] + [(0, 0)]
    paths = [work / f"silver{f}.crfsuite" for f in range(len(bounds))]
    jobs = [((train[:lo] + train[hi:], plain, path, args.c1, args.c2, args.silver_iters),
             {"feats": feats[:lo] + feats[hi:]}) for (lo, hi), path in zip(bounds, paths)]
    t = time.time()
    train_parallel(jobs, args.workers)
    news = unlabelled_sentences(work, args.silver_every)
    kept = [s for s in news if s not in overlap]
    log(f"silver lists: {len(news) - len(kept)} news sentences dropped as ANERcorp-test sentences")
    news = kept
    rows = []
    for path in paths:
        tags = tag_sentences_with(FastTagger([str(path)], plain), plain, news)
        rows.append(entity_rows(plain, list(zip(news, tags)), "s", min_count=args.silver_min))
    log(f"silver lists: {k + 1} models, {sum(len(s) for s in news):,} news tokens tagged; "
        f"{len(rows[-1]):,} names for tagging; {time.time() - t:.0f}s")
    return rows[-1], rows[:-1]


# ---------------------------------------------------------------- test overlap
def _key(tokens: list[str]) -> str:
    return "".join(ch for ch in fold("".join(tokens)) if ch.isalnum())


class TestOverlap:
    """Finds training sentences that are (mostly) ANERcorp test sentences, whatever the
    tokenisation: compares letters-only folded strings, exactly and by 24-char shingles."""

    N = 24

    def __init__(self, test_sents):
        self.keys = {_key(t) for t, _ in test_sents}
        self.keys.discard("")
        self.shingles = set()
        for k in self.keys:
            self.shingles.update(k[i:i + self.N] for i in range(0, max(1, len(k) - self.N + 1)))

    def __contains__(self, tokens) -> bool:
        k = _key(tokens)
        if not k:
            return False
        if k in self.keys:
            return True
        if len(k) < self.N + 6:
            return False
        sh = [k[i:i + self.N] for i in range(0, len(k) - self.N + 1)]
        return sum(s in self.shingles for s in sh) >= 0.5 * len(sh)


def align(sents, to) -> list[int | None]:
    """For each sentence of `sents`, the index of the sentence of `to` it is (the same
    letters, or most of its 24-letter shingles), or None."""
    n = TestOverlap.N
    exact: dict[str, int] = {}
    shingles: dict[str, int] = {}
    for i, (toks, _) in enumerate(to):
        k = _key(toks)
        exact.setdefault(k, i)
        for j in range(0, max(1, len(k) - n + 1)):
            shingles.setdefault(k[j:j + n], i)
    out: list[int | None] = []
    for toks, _ in sents:
        k = _key(toks)
        if k in exact:
            out.append(exact[k])
            continue
        votes = Counter(shingles.get(k[j:j + n]) for j in range(0, max(1, len(k) - n + 1)))
        best, m = votes.most_common(1)[0] if votes else (None, 0)
        out.append(best if best is not None and len(k) >= n and m >= 0.5 * sum(votes.values()) else None)
    return out


# ---------------------------------------------------------------- clusters
def build_corpus(work: Path) -> Path:
    path = work / "corpus.txt"
    if path.exists():
        return path
    cache: dict[str, str] = {}
    n = 0
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        for rel, key in [("ant-corpus/ant_multisource_v2.1.jsonl.gz", "text"),
                         ("ant-corpus/ant_jawharafm_v1.1.jsonl.gz", "text"),
                         ("saudinewsnet/saudinewsnet.jsonl.gz", "content")]:
            with gzip.open(DATA / rel, "rt", encoding="utf-8") as fh:
                for line in fh:
                    text = json.loads(line).get(key) or ""
                    for para in text.split("\n"):
                        toks = []
                        for w in TOKEN_RE.findall(para):
                            f = cache.get(w)
                            if f is None:
                                f = F.normal_form(w)
                                if len(cache) < 3_000_000:
                                    cache[w] = f
                            toks.append(f)
                        if toks:
                            out.write(" ".join(toks) + "\n")
                            n += len(toks)
    tmp.rename(path)
    log(f"unlabelled corpus: {n:,} tokens")
    return path


def build_clusters(work: Path, ks=(1000, 300, 60)) -> None:
    import numpy as np
    from gensim.models import KeyedVectors, Word2Vec
    from gensim.models.word2vec import LineSentence

    corpus = build_corpus(work)
    kv_path = work / "w2v.kv"
    if kv_path.exists():
        kv = KeyedVectors.load(str(kv_path))
    else:
        t = time.time()
        model = Word2Vec(LineSentence(str(corpus)), vector_size=100, window=5, min_count=3,
                         sg=1, negative=5, epochs=3, workers=1, seed=SEED, sample=1e-4,
                         hashfxn=_stable_hash)
        kv = model.wv
        kv.save(str(kv_path))
        log(f"word2vec: {len(kv):,} words in {time.time() - t:.0f}s")
    words = list(kv.index_to_key)
    counts = [kv.get_vecattr(w, "count") for w in words]
    vecs = kv.vectors / np.maximum(np.linalg.norm(kv.vectors, axis=1, keepdims=True), 1e-9)
    rng = np.random.default_rng(SEED)
    # fine clusters on the 60k most frequent words, then every word to its nearest centre;
    # coarser levels cluster the fine centres, so the three levels nest like Brown prefixes
    top = vecs[:60000]
    fine = _kmeans(top, ks[0], rng)
    labels = [_assign(vecs, fine)]
    for k in ks[1:]:
        coarse = _kmeans(fine, k, rng)
        fine_to_coarse = _assign(fine, coarse)
        labels.append(fine_to_coarse[labels[0]])
    # binarised embeddings (Guo et al. 2014): PCA to 40 dims, and per dimension mark the
    # words in the top / bottom 10% — sparse string features a CRF handles well
    n_emb = 60000
    x = vecs[:n_emb] - vecs[:n_emb].mean(0)
    _, _, vt = np.linalg.svd(x[:20000], full_matrices=False)
    proj = x @ vt[:40].T
    hi = np.quantile(proj, 0.9, axis=0)
    lo = np.quantile(proj, 0.1, axis=0)
    with gzip.open(OUT / "clusters.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as fh:
        for i, w in enumerate(words):
            emb = ""
            if i < n_emb:
                emb = " ".join([f"{j}+" for j in np.nonzero(proj[i] > hi)[0]] +
                               [f"{j}-" for j in np.nonzero(proj[i] < lo)[0]])
            fh.write(f"{w}\t{counts[i]}\t{labels[0][i]}\t{labels[1][i]}\t{labels[2][i]}\t{emb}\n")
    log(f"clusters: {len(words):,} words, k={ks}")


def _stable_hash(s: str) -> int:
    """word2vec seeds each word's initial vector with hash(word + seed); Python's str hash
    changes from run to run (PYTHONHASHSEED), this one does not."""
    import zlib
    return zlib.crc32(s.encode("utf-8"))


def _kmeans(x, k, rng, iters=20):
    import numpy as np
    centres = x[rng.choice(len(x), k, replace=False)].copy()
    for _ in range(iters):
        lab = _assign(x, centres)
        for j in range(k):
            m = lab == j
            if m.any():
                c = x[m].mean(0)
                centres[j] = c / max(np.linalg.norm(c), 1e-9)
    return centres


def _assign(x, centres):
    import numpy as np
    out = np.empty(len(x), dtype=np.int32)
    for i in range(0, len(x), 20000):
        out[i:i + 20000] = (x[i:i + 20000] @ centres.T).argmax(1)
    return out


# ---------------------------------------------------------------- lexicons
def build_lexicon(work: Path) -> dict[str, str]:
    """folded word → flags. Upper case: the entry is this single word; lower case: the
    word is part of a multi-word entry. P/p person (ANERGazet), F first name, N family name,
    L/l place (ANERGazet + GeoNames), C/c country, O/o organisation, T title word, D demonym;
    Q/W/R (q/w/r) person/place/organisation cues from the unlabelled corpus."""
    flags: dict[str, set] = {}
    phrases: dict[tuple, set] = {}

    def add(entry: str, flag: str):
        words = [F.normal_form(w) for w in TOKEN_RE.findall(entry)]
        words = [w for w in words if w and any(ch.isalpha() for ch in w)]
        if not words:
            return
        if len(words) == 1:
            flags.setdefault(words[0], set()).add(flag)
        else:
            for w in words:
                flags.setdefault(w, set()).add(flag.lower())
            if len(words) <= 6:
                phrases.setdefault(tuple(words), set()).add(flag)

    g = DATA / "anergazet"
    for fname, flag in [("AlignedPersGazetteer.txt", "P"), ("AlignedLocGazetteer.txt", "L"),
                        ("AlignedOrgGazetteer.txt", "O")]:
        for line in open(g / fname, encoding="utf-8", errors="replace"):
            line = line.strip()
            if line and not line.startswith("="):
                add(line, flag)
    names = DATA / "arabic-person-names"
    with open(names / "faris_alanazi_Arabic_names_gender.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            add(row["name"], "F")
    for fname in ("akhateeb_female-first-names-in-arabic.txt", "akhateeb_male-first--names-in-arabic.txt"):
        for line in open(names / fname, encoding="utf-8"):
            add(line.strip(), "F")
    for line in open(names / "akhateeb_last-names-in-arabic.txt", encoding="utf-8"):
        add(line.strip(), "N")
    for row in _countries():
        add(row[1], "C")
    with open(DATA / "geonames" / "countries_geonames_ar.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            add(row["name_ar"], "C")
    with open(DATA / "geonames" / "mena_cities15000_arabic_names.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            for name in row["arabic_script_alternatenames"].split("|"):
                add(name, "L")
    for w in TITLE_WORDS:
        flags.setdefault(w, set()).add("T")
    for adj in _demonym_rows():
        flags.setdefault(adj[0], set()).add("D")
        flags.setdefault("ال" + adj[0], set()).add("D")
    for w, fl in corpus_cue_flags(work).items():
        flags.setdefault(w, set()).update(fl)
    with gzip.open(OUT / "lexicon.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as fh:
        for w in sorted(flags):
            fh.write(f"{w}\t{''.join(sorted(flags[w]))}\n")
    with gzip.open(OUT / "phrases.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as fh:
        for words in sorted(phrases):
            fh.write(f"{' '.join(words)}\t{''.join(sorted(phrases[words]))}\n")
    log(f"lexicon: {len(flags):,} words, {len(phrases):,} multi-word entries")
    return {w: "".join(sorted(f)) for w, f in flags.items()}


# Words that announce a name of a given kind right after them in news text (folded).
PERSON_CUES = set(fold("""الرئيس الرئيسة السيد السيدة الشيخ الشيخة الملك الأمير الأميرة الدكتور
    الدكتورة السفير الوزير الوزيرة النائب الإمام الفنان الفنانة الكاتب الكاتبة الشاعر المهندس
    المحامي القاضي العقيد العميد اللواء الجنرال المستشار المدرب اللاعب اللاعبة المهاجم النجم
    الزعيم المبعوث المرشح الراحل الناشط الصحفي الصحافي المخرج الممثل الممثلة المطرب المطربة
    الحاج المفتي البابا السلطان المتحدث الناطق""").split())
PLACE_CUES = set(fold("""مدينة بلدة قرية محافظة ولاية العاصمة عاصمة إقليم جزيرة مطار ميناء
    مخيم حي ضاحية شارع منطقة بمدينة وبلدة ومدينة""").split())
ORG_CUES = set(fold("""شركة حركة حزب نادي فريق صحيفة وكالة منظمة جمعية مؤسسة بنك جامعة قناة
    مجموعة جماعة تنظيم جبهة مصرف هيئة اتحاد مجلس وزارة مستشفى مركز معهد""").split())


def corpus_cue_flags(work: Path) -> dict[str, str]:
    """Lexicon flags learned from the unlabelled news: a word that often follows a person
    cue (الرئيس X, الشيخ X, and the word after such an X) is probably a name, one that
    follows مدينة/محافظة… a place, one that follows شركة/حزب/نادي… an organisation.
    Q/q, W/w, R/r = person/place/organisation evidence, strong/weak."""
    corpus = build_corpus(work)
    total: Counter = Counter()
    cues = {"Q": Counter(), "W": Counter(), "R": Counter()}
    per, loc, org = cues["Q"], cues["W"], cues["R"]
    qualifiers = set(fold("السابق الأسبق الحالي الجديد الراحل المصري").split())
    cue_ext = {"ال" + adj for adj, _, _ in _demonym_rows()}
    with open(corpus, encoding="utf-8") as fh:
        for line in fh:
            ws = line.split()
            total.update(ws)
            prev2, prev = "", ""
            after_cue = 0        # 1: right after a person cue, 2: one word later
            for w in ws:
                if after_cue:
                    per[w] += 1
                elif prev == "بن" or prev == "ابن":
                    per[w] += 1
                if w in PERSON_CUES or after_cue == 1 and (w in qualifiers or w in cue_ext):
                    after_cue = 1            # "الرئيس الأمريكي السابق X"
                elif after_cue == 1:
                    after_cue = 2
                else:
                    after_cue = 0
                if prev in PLACE_CUES:
                    loc[w] += 1
                if prev in ORG_CUES:
                    org[w] += 1
                prev2, prev = prev, w
    out: dict[str, str] = {}
    for flag, counter in cues.items():
        for w, n in counter.items():
            if n < 3 or not any("\u0621" <= ch <= "\u064a" for ch in w):
                continue
            r = n / total[w]
            if r >= 0.15:
                out[w] = out.get(w, "") + flag
            elif r >= 0.05:
                out[w] = out.get(w, "") + flag.lower()
    log(f"corpus cue flags: {len(out):,} words")
    return out


def _countries() -> list[tuple[str, str]]:
    with open(DATA / "gazetteer-countries" / "countries_ar.csv", encoding="utf-8") as fh:
        return [(row["alpha2"].upper(), row["name"]) for row in csv.DictReader(fh)]


def _demonym_rows() -> list[tuple[str, str, str]]:
    """(folded masculine adjective, Arabic country name, ISO2)."""
    first_names = set()
    with open(DATA / "arabic-person-names" / "faris_alanazi_Arabic_names_gender.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            first_names.add(fold(row["name"]))
    countries = _countries()
    name_of = {iso: name for iso, name in countries}
    rows = {}
    for iso, name in countries:
        f = fold(name)
        if " " in f:
            continue
        base = f[2:] if f.startswith("ال") else f
        if base.endswith("ستان"):
            forms = [base + "ي", base[:-4] + "ي"]
        elif base.endswith("يه"):
            forms = [base[:-1]]
        elif base.endswith("يا"):
            forms = [base[:-2] + "ي"]
        elif base.endswith("ا"):
            forms = [base[:-1] + "ي"]
        else:
            forms = [base + "ي"]
        for adj in forms:
            if adj not in NOT_DEMONYMS and adj not in first_names and len(adj) >= 4:
                rows[adj] = (name, iso)
    for adj, iso in IRREGULAR.items():
        if iso in name_of:
            rows[fold(adj)] = (name_of[iso], iso)
        elif iso == "PS":
            rows[fold(adj)] = ("فلسطين", iso)
    return [(a, n, i) for a, (n, i) in sorted(rows.items())]


def build_demonyms() -> None:
    rows = _demonym_rows()
    with open(OUT / "demonyms.tsv", "w", encoding="utf-8") as fh:
        for adj, name, iso in rows:
            fh.write(f"{adj}\t{name}\t{iso}\n")
    log(f"demonyms: {len(rows)} adjectives")


# ---------------------------------------------------------------- CRF
def train_crf(train, featurizer, model_path: Path, c1: float, c2: float, iters: int,
              feats=None) -> None:
    import pycrfsuite
    trainer = pycrfsuite.Trainer(verbose=False)
    for k, (toks, tags) in enumerate(train):
        trainer.append(feats[k] if feats is not None else featurizer.sentence(toks), tags)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iters,
                        "feature.possible_transitions": True, "feature.minfreq": 1})
    trainer.train(str(model_path))


def _tagger(path: Path):
    import pycrfsuite
    t = pycrfsuite.Tagger()
    t.open(str(path))
    return t


_JOBS: list = []


def _run_job(i: int) -> int:
    args, kwargs = _JOBS[i]
    train_crf(*args, **kwargs)
    return i


def train_parallel(jobs: list, workers: int) -> None:
    """Train several CRFs (train_crf argument tuples) at once in forked processes, which
    share the features already computed; crfsuite itself is single-threaded."""
    global _JOBS
    _JOBS = jobs
    if workers <= 1 or len(jobs) == 1:
        for i in range(len(jobs)):
            _run_job(i)
        return
    import multiprocessing as mp
    with mp.get_context("fork").Pool(min(workers, len(jobs))) as pool:
        for _ in pool.imap_unordered(_run_job, range(len(jobs))):
            pass


def _add(feats, extra) -> None:
    for fs, ex in zip(feats, extra):
        for f, e in zip(fs, ex):
            f += e


def base_features(sents: list[list[str]], featurizer, lists=None):
    """Features of each sentence; `lists`: its own entity-list look-up (training_lists)."""
    if lists is None:
        return [featurizer.sentence(t) for t in sents]
    saved = featurizer.entities
    try:
        out = []
        for toks, lookup in zip(sents, lists):
            featurizer.entities = lookup
            out.append(featurizer.sentence(toks))
        return out
    finally:
        featurizer.entities = saved


def train_stages(train, featurizer, stage1: Path, stage2: Path | None, work: Path, args,
                 lists=None) -> None:
    """Stage 1: the CRF. Stage 2: the same
    features plus stage-1 labels and document-level label counts (stacked_features).
    Stage 2 is trained on stage-1 labels predicted by models that did not see the
    sentence (k-fold), so it learns how far to trust them. The k fold models and the full
    stage-1 model are trained in parallel (--workers)."""
    from rasad.analyse.ner.features import stacked_features
    feats = base_features([t for t, _ in train], featurizer, lists)
    n, k = len(train), args.folds
    jobs = [((train, featurizer, stage1, args.c1, args.c2, args.iters), {"feats": feats})]
    bounds = []
    if stage2 is not None:
        for f in range(k):
            lo, hi = n * f // k, n * (f + 1) // k
            bounds.append((lo, hi))
            jobs.append(((train[:lo] + train[hi:], featurizer, work / f"fold{f}.crfsuite",
                          args.c1, args.c2, args.iters), {"feats": feats[:lo] + feats[hi:]}))
    t = time.time()
    train_parallel(jobs, args.workers)
    log(f"  stage 1{f' and {k} folds' if stage2 is not None else ''} trained in {time.time() - t:.0f}s")
    if stage2 is None:
        return
    s1: list = [None] * n
    for f, (lo, hi) in enumerate(bounds):
        tagger = _tagger(work / f"fold{f}.crfsuite")
        for i in range(lo, hi):
            s1[i] = tagger.tag(feats[i])
    stacked_features(feats, [featurizer.stems(t) for t, _ in train], s1)
    t = time.time()
    train_crf(train, featurizer, stage2, args.c1, args.c2, args.iters, feats=feats)
    log(f"  stage 2 trained in {time.time() - t:.0f}s")


def predict(sents: list[list[str]], featurizer, stage1: Path, stage2: Path | None):
    from rasad.analyse.ner.features import stacked_features
    t1 = _tagger(stage1)
    feats = base_features(sents, featurizer)
    s1 = [t1.tag(f) for f in feats]
    if stage2 is None:
        return s1
    stacked_features(feats, [featurizer.stems(t) for t in sents], s1)
    t2 = _tagger(stage2)
    return [t2.tag(f) for f in feats]


def main(argv=None) -> int:
    global OUT
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--work", default="/tmp/rasad-ner-build",
                    help="scratch dir for the tokenised corpus and word2vec (reused if present)")
    ap.add_argument("--extra", default="corpus",
                    help="comma list of training corpora beside ANERcorp train: corpus (corpus/gold, the "
                         "annotated 2015-2018 news: default), aqmar, newsfane, wikifane (each of these three "
                         "hurt on dev; WikiFANE + AQMAR feed the entity lists instead)")
    ap.add_argument("--dev", action="store_true", help="also train on 90%% of train and score the other 10%%")
    ap.add_argument("--c1", type=float, default=0.01)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--iters", type=int, default=250)
    ap.add_argument("--features", default="bigram,emb,entgaz,gazseq,wide",
                    help="feature groups (see rasad.analyse.ner.features.Featurizer)")
    ap.add_argument("--stages", type=int, default=2, choices=(1, 2))
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument("--newsfane-lists", type=int, default=0, choices=(0, 1),
                    help="1: NewsFANE's names of training sentences also go to the entity lists (no gain on dev)")
    ap.add_argument("--list-blocks", type=int, default=5,
                    help="training sentences get entity lists made without their 1/k block")
    ap.add_argument("--silver", type=int, default=1, choices=(0, 1),
                    help="1: names the model finds in the unlabelled news go to the entity lists")
    ap.add_argument("--silver-every", type=int, default=8,
                    help="silver lists: tag every n-th paragraph of the unlabelled news")
    ap.add_argument("--silver-min", type=int, default=2, help="silver lists: least occurrences of a name")
    ap.add_argument("--silver-iters", type=int, default=100, help="silver lists: CRF iterations")
    ap.add_argument("--workers", type=int, default=2, help="CRFs trained at once (one core each)")
    ap.add_argument("--dev-only", action="store_true", help="stop after the dev score (experiments)")
    ap.add_argument("--out", default=str(REPO / "rasad" / "resources" / "ner"),
                    help="where the model goes (default: the package)")
    ap.add_argument("--skip-resources", action="store_true", help="reuse clusters/lexicon already in OUT")
    args = ap.parse_args(argv)
    OUT = Path(args.out)
    t0 = time.time()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "__init__.py").touch()
    random.seed(SEED)

    if not args.skip_resources:
        build_demonyms()
        build_lexicon(work)
        build_clusters(work)
    clusters, counts = F.load_clusters()
    options = sorted(filter(None, args.features.split(",")))
    featurizer = F.Featurizer(clusters, counts, F.load_lexicon(), F.load_phrases(), set(options))
    log(f"feature options: {options}")

    test = anercorp("test")
    overlap = TestOverlap(test)
    train = anercorp("train")
    log(f"ANERcorp train: {len(train):,} sentences, {sum(len(t) for t, _ in train):,} tokens "
        f"(test split, used only to drop overlaps: {len(test):,} sentences)")
    sets = {"anercorp": train}
    loaders = {"corpus": corpus_sentences, "aqmar": aqmar, "newsfane": lambda: fane("NewsFANE_Gold_2014_170K.txt"),
               "wikifane": lambda: fane("WikiFANE_Gold_2014_500K.txt")}
    for name in filter(None, args.extra.split(",")):
        sets[name] = loaders[name]()
    if "entgaz" in options:
        # the entity lists' sources, with FANE_GROUP types
        sets["lists:wikifane"] = fane("WikiFANE_Gold_2014_500K.txt", fane_group)
        sets["lists:aqmar"] = aqmar(("P", "L", "O", "M"))
    total_dropped = 0
    for name, sents in sets.items():
        kept = [s for s in sents if s[0] not in overlap]
        dropped = len(sents) - len(kept)
        total_dropped += dropped
        sets[name] = kept
        log(f"{name}: {len(kept):,} sentences, {sum(len(t) for t, _ in kept):,} tokens kept; "
            f"{dropped} dropped as ANERcorp-test sentences")
    log(f"dropped sentences overlapping the ANERcorp test split: {total_dropped}")
    parallel: list = []
    if "newsfane" not in sets:
        # NewsFANE is not a training set: it is ANERcorp's own text re-annotated, so beyond
        # the test sentences it repeats the training sentences with other labels. Its
        # names (test sentences dropped) can feed the entity lists, block-wise like the
        # training set's own (training_lists).
        news = fane("NewsFANE_Gold_2014_170K.txt", fane_group)
        where = align(news, sets["anercorp"])
        n_test = sum(s[0] in overlap for s in news)
        n_train = sum(s[0] not in overlap and i is not None for s, i in zip(news, where))
        log(f"NewsFANE: {len(news):,} sentences, {n_test} dropped as ANERcorp-test sentences, "
            f"{n_train:,} are ANERcorp-train sentences, {len(news) - n_test - n_train} neither "
            f"(not a training set){'; its names of train sentences go to the entity lists' if args.newsfane_lists else ''}")
        if args.newsfane_lists:
            parallel = [(s, i) for s, i in zip(news, where) if i is not None and s[0] not in overlap]
    list_sents = sets.pop("lists:wikifane", []) + sets.pop("lists:aqmar", [])
    entgaz = "entgaz" in options
    other_rows = entity_rows(featurizer, list_sents) if entgaz else {}
    featurizer.entgaz = entgaz

    def lists_for(sents, n_base):
        """(look-up for tagging, per-sentence look-ups for training), or Nones; `sents`
        start with the first `n_base` ANERcorp training sentences."""
        if not entgaz:
            return None, None
        silver = silver_lists(featurizer, sents, args.list_blocks, work, args, overlap) if args.silver else None
        rows, per = training_lists(featurizer, other_rows, sents, args.list_blocks,
                                   [(s, i) for s, i in parallel if i < n_base], silver)
        return index_rows(rows), per

    if args.dev:
        base = sets["anercorp"]
        cut = int(len(base) * 0.9)
        dev = base[cut:]
        dev_overlap = TestOverlap(dev)      # NewsFANE re-annotates ANERcorp: keep dev clean too
        extra = [s for n, ss in sets.items() if n != "anercorp" for s in ss]
        extra_kept = [s for s in extra if s[0] not in dev_overlap]
        log(f"dev: {len(dev)} sentences; {len(extra) - len(extra_kept)} extra sentences dropped as dev overlaps")
        dev_train = base[:cut] + extra_kept
        t = time.time()
        d1, d2 = work / "dev1.crfsuite", work / "dev2.crfsuite"
        lookup, per = lists_for(dev_train, cut)
        train_stages(dev_train, featurizer, d1, d2 if args.stages == 2 else None, work, args, per)
        featurizer.entities = lookup
        log(f"dev model trained in {time.time() - t:.0f}s on {len(dev_train):,} sentences")
        gold = [g for _, g in dev]
        toks = [t for t, _ in dev]
        log("dev, stage 1:\n" + format_scores(score_iob(gold, predict(toks, featurizer, d1, None))))
        if args.stages == 2:
            log("dev, stage 2:\n" + format_scores(score_iob(gold, predict(toks, featurizer, d1, d2))))
        if args.dev_only:
            return 0

    full = [s for ss in sets.values() for s in ss]
    t = time.time()
    stage2 = OUT / "stage2.crfsuite"
    entities = OUT / "entities.tsv.gz"
    entities.unlink(missing_ok=True)
    if entgaz:
        silver = silver_lists(featurizer, full, args.list_blocks, work, args, overlap) if args.silver else None
        rows, per = training_lists(featurizer, other_rows, full, args.list_blocks, parallel, silver)
        write_rows(rows, entities)
    else:
        per = None
    train_stages(full, featurizer, OUT / "stage1.crfsuite", stage2 if args.stages == 2 else None,
                 work, args, per)
    if args.stages == 1:
        stage2.unlink(missing_ok=True)
    (OUT / "model.json").write_text(json.dumps({"features": options, "stages": args.stages,
                                                "c1": args.c1, "c2": args.c2,
                                                "iterations": args.iters, "extra": args.extra,
                                                "silver": {"every": args.silver_every,
                                                           "min": args.silver_min,
                                                           "iterations": args.silver_iters}
                                                if args.silver and entgaz else None,
                                                "dropped_test_overlaps": total_dropped}, indent=1))
    size = sum(p.stat().st_size for p in OUT.iterdir() if p.is_file())
    log(f"model trained in {time.time() - t:.0f}s on {len(full):,} sentences; "
        f"resources {size / 1e6:.1f} MB; total {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
