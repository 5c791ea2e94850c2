"""Near-duplicate articles: MinHash signatures of word shingles with LSH banding.

The same wire story republished by several outlets, or an article updated a little, has a
different content hash but almost the same words. Each article gets a MinHash signature
(datasketch, NUM_PERM permutations) of its 3-word shingles of the folded body; the signature
is cut into BANDS bands of ROWS values (chosen by datasketch for THRESHOLD) and each band
hashed to a bucket. Articles sharing a bucket in any band are candidates; a candidate whose
estimated Jaccard similarity reaches THRESHOLD is a near-duplicate. The store keeps the
buckets in an indexed table, so finding candidates is a look-up, not a scan.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

from rasad.normalize import fold

NUM_PERM = 128
THRESHOLD = 0.8
SHINGLE = 3              # words per shingle
MIN_WORDS = 20           # shorter bodies (a caption, a headline) are not compared
BANDS, ROWS = _optimal_param(THRESHOLD, NUM_PERM, 0.5, 0.5)
WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)


@lru_cache(maxsize=1)
def _template() -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=1)


def shingles(text: str | None, k: int = SHINGLE) -> set[bytes]:
    """The k-word shingles of the folded text (harakat, hamza forms… do not matter)."""
    words = WORD_RE.findall(fold(text or ""))
    if len(words) < max(k, MIN_WORDS):
        return set()
    return {" ".join(words[i:i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


def signature(text: str | None) -> np.ndarray | None:
    """The MinHash signature (NUM_PERM uint32 values) of a text; None when it is too short."""
    grams = shingles(text)
    if not grams:
        return None
    t = _template()
    m = MinHash(num_perm=NUM_PERM, seed=1, permutations=t.permutations, scheme=t.scheme)
    m.update_batch(list(grams))
    return m.hashvalues.astype(np.uint32)


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4")


def bands(sig: np.ndarray) -> list[tuple[int, int]]:
    """(band number, bucket) for each LSH band: a signed 64-bit hash of the band's values."""
    raw = sig.astype("<u4")
    out = []
    for b in range(BANDS):
        chunk = raw[b * ROWS:(b + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        out.append((b, int.from_bytes(digest, "little", signed=True)))
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def jaccard(text_a: str, text_b: str) -> float:
    """Exact Jaccard similarity of two texts' shingle sets (for tests and checks)."""
    a, b = shingles(text_a), shingles(text_b)
    return len(a & b) / len(a | b) if a and b else 0.0
