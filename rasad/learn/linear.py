"""Sparse linear models over named features, stored as one compressed numpy file.

A model maps a bag of string features to a score per class: `scores(features)` is the bias plus the
sum of the features' weight rows. Binary models have one class ("yes") and give a probability with
the logistic function; multi-class models give a softmax. Training happens elsewhere (scikit-learn,
in `scripts/train_events.py`); this file only stores and applies what was learned, so tagging needs
nothing beyond numpy.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from rasad.errors import ModelError


class LinearModel:
    def __init__(self, classes: list[str], features: list[str], weights: np.ndarray, bias: np.ndarray,
                 meta: dict | None = None):
        self.classes = list(classes)
        self.index = {f: i for i, f in enumerate(features)}
        self.weights = np.asarray(weights, dtype=np.float32)       # (n_features, n_classes)
        self.bias = np.asarray(bias, dtype=np.float32)              # (n_classes,)
        self.meta = dict(meta or {})

    @property
    def features(self) -> list[str]:
        out = [""] * len(self.index)
        for f, i in self.index.items():
            out[i] = f
        return out

    def scores(self, features: Iterable[str]) -> np.ndarray:
        # rows summed in index order, in float64: a set's order changes with PYTHONHASHSEED, and
        # float32 sums in another order differ in the last bits (a Spark worker disagreed with the
        # driver on one article)
        rows = sorted({self.index[f] for f in features if f in self.index})
        total = self.bias.astype(np.float64)
        if rows:
            total += self.weights[rows].sum(axis=0, dtype=np.float64)
        return total

    def weight(self, feature: str, cls: int = 0) -> float:
        i = self.index.get(feature)
        return float(self.weights[i, cls]) if i is not None else 0.0

    def probability(self, features: Iterable[str]) -> float:
        """P(yes) of a binary model."""
        s = float(self.scores(features)[0])
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, s))))

    def distribution(self, features: Iterable[str]) -> dict[str, float]:
        """Class probabilities of a multi-class model."""
        s = self.scores(features)
        e = np.exp(s - s.max())
        p = e / e.sum()
        return {c: float(x) for c, x in zip(self.classes, p)}

    def save(self, path: str | Path) -> None:
        import json
        features = self.features
        if any("\n" in f for f in features):
            raise ValueError("a feature name holds a line break")
        # the names as one UTF-8 text, a line each: a numpy string array pads every name to the
        # longest in UTF-32 (141 MB at load for the detector's 804K names, against 20 MB)
        text = np.frombuffer("\n".join(features).encode("utf-8"), dtype=np.uint8)
        np.savez_compressed(path, classes=np.array(self.classes), features_utf8=text,
                            weights=self.weights, bias=self.bias,
                            meta=np.array(json.dumps(self.meta, ensure_ascii=False)))

    @classmethod
    def load(cls, path: str | Path, rebuild: str) -> "LinearModel":
        """Load a model file; a missing or corrupt one is a `ModelError` naming it and the command
        that rebuilds it."""
        classes, names, weights, bias, meta = read_parts(path, rebuild)
        return cls(classes, list(names), weights, bias, meta)


def read_parts(path: str | Path, rebuild: str) -> tuple[list[str], Iterator[str], np.ndarray, np.ndarray, dict]:
    """A model file's classes, feature names (an iterator, decoded one at a time: a caller that
    regroups them need not hold them all), weights, bias and meta. A missing or corrupt file is a
    `ModelError` naming it and the command that rebuilds it."""
    import json
    import zipfile
    try:
        with np.load(path, allow_pickle=False) as data:
            classes = [str(c) for c in data["classes"]]
            weights, bias, meta = data["weights"], data["bias"], json.loads(str(data["meta"]))
            if "features_utf8" in data.files:
                buffer = data["features_utf8"].tobytes()
                count = buffer.count(b"\n") + 1 if buffer or len(weights) else 0
                names: Iterator[str] = _lines(buffer) if count else iter(())
            else:                                   # the first format: a string array
                listed = [str(f) for f in data["features"]]
                count, names = len(listed), iter(listed)
        if count != len(weights):
            raise ValueError(f"{count} feature names for {len(weights)} weight rows")
        return classes, names, weights, bias, meta
    except FileNotFoundError:
        raise ModelError(f"model file {path} is missing: rebuild it with `{rebuild}`") from None
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, EOFError) as exc:
        raise ModelError(f"model file {path} is corrupt ({type(exc).__name__}): rebuild it with "
                         f"`{rebuild}`") from None


def _lines(buffer: bytes) -> Iterator[str]:
    start = 0
    while True:
        end = buffer.find(b"\n", start)
        if end < 0:
            yield buffer[start:].decode("utf-8")
            return
        yield buffer[start:end].decode("utf-8")
        start = end + 1


def calibrate(raw: float, table: list[list[float]]) -> float:
    """A raw probability through a calibration table ([raw, calibrated] pairs, fitted out of fold)."""
    xs = [x for x, _ in table]
    ys = [y for _, y in table]
    return float(np.interp(raw, xs, ys))
