"""A fast Viterbi decoder for the CRFsuite models, batched over sentences with numpy.

CRFsuite's own tagger converts every feature string of every token to an id on each
call; here the weights are read once from the model (`Tagger.info()`), and since most
features depend on one word only, each word type's summed weights are cached per
position (-2…+2). A sentence's emission scores are then five cached vectors per token
plus the few multi-word features, and Viterbi runs over all sentences of a batch at once
(sorted by length, so each step only touches the sentences still running). Results are
the same labels CRFsuite gives (checked by the benchmark and the tests).
"""
from __future__ import annotations

from array import array
from itertools import accumulate, chain, repeat

import numpy as np


class FastTagger:
    """The CRF stages of one model, decoded together: their weights share one matrix
    (columns stage by stage), so each word type's weights are summed once for all stages."""

    def __init__(self, model_paths: list[str], featurizer):
        import pycrfsuite
        # each model has its own label set (a guide model trained on another corpus may
        # use other labels): model m owns columns cols[m] of the shared weight matrix.
        # Models are read one at a time and their info dropped at once: `Tagger.info()` is a
        # dict of every (feature, label) pair, about 90 MB for a model trained on the corpus.
        self.stage_labels, self.cols, self.trans = [], [], []
        attrs: dict[str, int] = {}
        rows, cols, values = array("l"), array("l"), array("d")
        offset = 0
        for path in model_paths:
            tagger = pycrfsuite.Tagger()
            tagger.open(path)
            info = tagger.info()
            label_ids = info.labels                      # name → id (as str)
            labels = sorted(label_ids, key=lambda k: int(label_ids[k]))
            index = {lab: i for i, lab in enumerate(labels)}
            for (attr, lab), w in info.state_features.items():
                rows.append(attrs.setdefault(attr, len(attrs)))
                cols.append(offset + index[lab])
                values.append(w)
            trans = np.zeros((len(labels), len(labels)))
            for (a, b), w in info.transitions.items():
                trans[index[a], index[b]] = w
            del info, tagger
            self.stage_labels.append(labels)
            self.cols.append(slice(offset, offset + len(labels)))
            self.trans.append(trans)
            offset += len(labels)
        weights = np.zeros((len(attrs) + 1, offset))
        self._zero_row = len(attrs)
        weights[np.frombuffer(rows, dtype=np.int64), np.frombuffer(cols, dtype=np.int64)] = \
            np.frombuffer(values, dtype=np.float64)
        self.weights = weights
        self.attrs = attrs
        self.labels = self.stage_labels[-1]
        self.n_labels = len(self.labels)
        self.featurizer = featurizer
        self._types: dict[str, np.ndarray] = {}
        self._onehot = np.eye(5)
        self._start = self._vec(featurizer._pad_left[1])
        self._end = self._vec(featurizer._pad_right[3])

    def _vec(self, feats: list[str]) -> np.ndarray:
        get = self.attrs.get
        rows = [r for r in map(get, feats) if r is not None]
        if not rows:
            return np.zeros(self.weights.shape[1])
        return self.weights[rows].sum(0)

    def _type(self, token: str) -> np.ndarray:
        """(5, stages × labels) summed weights of this word's features at offsets -2…+2."""
        v = self._types.get(token)
        if v is None:
            tf = self.featurizer.type_features(token)
            zero = self._zero_row                   # unknown features: an all-zero row
            lengths = [len(tf[d]) for d in range(5)]
            offsets = [0, *accumulate(lengths[:4])]
            rows = list(map(self.attrs.get, chain(tf[0], tf[1], tf[2], tf[3], tf[4]), repeat(zero)))
            if min(lengths):
                v = np.add.reduceat(self.weights[rows], offsets, axis=0)
            else:                                   # an empty offset list (not made by Featurizer)
                v = np.zeros((5, self.weights.shape[1]))
                for d in range(5):
                    hi = offsets[d + 1] if d < 4 else len(rows)
                    if hi > offsets[d]:
                        v[d] = self.weights[rows[offsets[d]:hi]].sum(0)
            if len(self._types) > 300_000:
                self._types.clear()
            self._types[token] = v
        return v

    def base_emissions(self, sentences: list[list[str]]) -> np.ndarray:
        """(total tokens, stages × labels) scores from the one-word features, flattened."""
        flat = [t for s in sentences for t in s]
        if not flat:
            return np.zeros((0, self.weights.shape[1]))
        a = np.stack([self._type(t) for t in flat])    # (n, 5, stages × L)
        pos = np.concatenate([np.arange(len(s)) for s in sentences])
        rem = np.concatenate([np.arange(len(s) - 1, -1, -1) for s in sentences])  # tokens after
        e = a[:, 2].copy()
        e[1:] += a[:-1, 1] * (pos[1:] >= 1)[:, None]
        e[2:] += a[:-2, 0] * (pos[2:] >= 2)[:, None]
        e[:-1] += a[1:, 3] * (rem[:-1] >= 1)[:, None]
        e[:-2] += a[2:, 4] * (rem[:-2] >= 2)[:, None]
        e[pos == 0] += self._start
        e[rem == 0] += self._end
        return e

    def feature_rows(self, extras: list[list[list[str]]]) -> tuple[np.ndarray, np.ndarray]:
        """(token index, weight row) of each known multi-word feature of `extras`."""
        get = self.attrs.get
        tok_idx, rows = [], []
        k = 0
        for sent in extras:
            for feats in sent:
                for f in feats:
                    r = get(f)
                    if r is not None:
                        tok_idx.append(k)
                        rows.append(r)
                k += 1
        return np.asarray(tok_idx, dtype=np.intp), np.asarray(rows, dtype=np.intp)

    def stage_emissions(self, base: np.ndarray, stage: int, *row_sets) -> np.ndarray:
        """One stage's scores: its columns of `base` plus the multi-word features
        (`feature_rows` of each set of them)."""
        cols = self.cols[stage]
        e = base[:, cols].copy()
        for tok_idx, rows in row_sets:
            if len(rows):
                np.add.at(e, tok_idx, self.weights[rows, cols])
        return e

    def viterbi(self, e: np.ndarray, lengths: list[int], stage: int) -> list[list[str]]:
        """Best label sequence of each sentence; `e` holds their emissions back to back."""
        n_sent = len(lengths)
        if n_sent == 0:
            return []
        lens = np.asarray(lengths)
        order = np.argsort(-lens, kind="stable")
        slens = lens[order]
        starts = np.concatenate([[0], np.cumsum(lens)[:-1]])[order]
        max_len = int(slens[0])
        if max_len == 0:
            return [[] for _ in lengths]
        n_labels = e.shape[1]
        trans = self.trans[stage][None]
        active = [int((slens > t).sum()) for t in range(max_len)]
        delta = e[starts].copy()
        back = np.zeros((max_len, n_sent, n_labels), dtype=np.int8)
        for t in range(1, max_len):
            k = active[t]
            cand = delta[:k, :, None] + trans              # (k, prev, cur)
            best = cand.argmax(1)
            back[t, :k] = best
            delta[:k] = np.take_along_axis(cand, best[:, None, :], 1)[:, 0] + e[starts[:k] + t]
        paths = np.zeros((n_sent, max_len), dtype=np.int64)
        cur = delta.argmax(1)
        rows = np.arange(n_sent)
        for t in range(max_len - 1, -1, -1):
            k = active[t]
            ends_here = slens[:k] - 1 == t
            if t < max_len - 1:
                cur_k = np.where(ends_here, delta[:k].argmax(1), cur[:k])
            else:
                cur_k = cur[:k]
            paths[:k, t] = cur_k
            if t > 0:
                cur[:k] = back[t, rows[:k], cur_k]
        labels = self.stage_labels[stage]
        out: list[list[str]] = [[] for _ in lengths]
        for j, s in enumerate(order):
            out[s] = [labels[i] for i in paths[j, :lengths[s]]]
        return out

    def tag(self, sentences: list[list[str]], extras_of, batch_tokens: int = 8000) -> list[list[str]]:
        """Labels of each sentence from the last stage. `extras_of(0, None)` gives the
        multi-word features every stage sees, `extras_of(stage, labels)` those a later stage
        adds from the previous stage's labels. Sentences are decoded in batches of about
        `batch_tokens` tokens to bound memory."""
        batches, size, start = [], 0, 0
        for i, s in enumerate(sentences):
            size += len(s)
            if size >= batch_tokens:
                batches.append((start, i + 1))
                start, size = i + 1, 0
        if start < len(sentences):
            batches.append((start, len(sentences)))
        bases = [self.base_emissions(sentences[a:b]) for a, b in batches]
        shared = None
        labels = None
        for stage in range(len(self.trans)):
            extras = extras_of(stage, labels)
            rows = [self.feature_rows(extras[a:b]) for a, b in batches]
            if stage == 0:
                shared = rows
            labels = []
            for j, ((a, b), base) in enumerate(zip(batches, bases)):
                sets = (shared[j],) if stage == 0 else (shared[j], rows[j])
                e = self.stage_emissions(base, stage, *sets)
                labels += self.viterbi(e, [len(s) for s in sentences[a:b]], stage)
        return labels
