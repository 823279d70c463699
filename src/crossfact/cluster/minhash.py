"""Near-duplicate detection (syndicated copies, lightly edited re-posts): MinHash over word 5-shingles
and locality-sensitive hashing in bands.

The band layout (b bands of r rows) is datasketch's optimum for the threshold
(``datasketch.lsh._optimal_param``); signatures and bands are computed with numpy in one pass over the
batch, because building one datasketch ``MinHash`` object per article dominated the run time at 100k
articles (measured: 16 s of 36 s at 5k articles); n-gram hashes are polynomials of per-word hashes
(:func:`shingle_hashes`), not hashes of joined strings (that was 36 of 61 s at 30k articles).
Candidates from the bands are checked on the full signature, so the result does not depend on the banding.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from datasketch.lsh import _optimal_param

from crossfact.model import Article

_TOKEN = re.compile(r"\w+", re.UNICODE)
_PRIME = np.uint64(4294967311)  # the smallest prime above 2**32
_EMPTY = np.uint64(0xFFFFFFFF)
_BASE = np.uint64(1000003)  # polynomial base of the n-gram hash (h * base + word < 2**63)


def shingles(text: str, size: int = 5, max_words: int = 200) -> set[bytes]:
    """Word ``size``-grams of the first ``max_words`` words, lower-cased (a short text gives one shingle)."""
    words = _TOKEN.findall(text.lower())[:max_words]
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.RandomState(seed)
    a = rng.randint(1, 1 << 31, size=num_perm).astype(np.uint64)
    b = rng.randint(0, 1 << 31, size=num_perm).astype(np.uint64)
    return a, b


def shingle_hashes(text: str, size: int = 5, max_words: int = 200) -> np.ndarray:
    """32-bit-range hashes of the word ``size``-grams of the first ``max_words`` words (lower-cased).

    Each word is hashed once (CRC-32) and the n-gram hash is a polynomial of its words' hashes modulo a
    prime, computed with numpy: about ten times cheaper than joining and hashing every n-gram string. A text
    of ``size`` words or fewer gives one hash; an empty text none. Repeated n-grams may repeat (MinHash
    takes a minimum, so duplicates do not matter).
    """
    # 200 words never need more than 20 characters each: one C-level findall on a bounded prefix
    words = _TOKEN.findall(text[: max_words * 20].lower())[:max_words]
    if not words:
        return np.zeros(0, dtype=np.uint64)
    wh = np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64, count=len(words))
    width = min(size, len(wh))
    count = len(wh) - width + 1
    h = np.zeros(count, dtype=np.uint64)
    for k in range(width):
        h = (h * _BASE + wh[k : k + count]) % _PRIME
    return h


def signatures(
    articles: Sequence[Article], num_perm: int = 64, seed: int = 1, chunk: int = 256
) -> np.ndarray:
    """MinHash signatures, one row per article (uint64 below 2**32, ``num_perm`` columns); deterministic.

    The permutations run over ``chunk`` articles' n-gram hashes at once (one numpy pass and a
    ``minimum.reduceat`` per chunk): per-article numpy calls cost more than the arithmetic.
    """
    a, b = _permutations(num_perm, seed)
    out = np.full((len(articles), num_perm), _EMPTY, dtype=np.uint64)
    for start in range(0, len(articles), chunk):
        hashes = [shingle_hashes(f"{art.title or ''} {art.text}") for art in articles[start : start + chunk]]
        lengths = np.array([len(h) for h in hashes])
        filled = np.flatnonzero(lengths)
        if len(filled) == 0:
            continue
        hv = np.concatenate([hashes[k] for k in filled])
        permuted = ((hv[:, None] * a[None, :]) + b[None, :]) % _PRIME
        offsets = np.concatenate([[0], np.cumsum(lengths[filled])[:-1]])
        out[start + filled] = np.minimum.reduceat(permuted, offsets, axis=0)
    return out


def jaccard(x: np.ndarray, y: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(x == y))


def near_duplicate_pairs(sigs: np.ndarray, threshold: float = 0.7) -> list[tuple[int, int]]:
    """Pairs (i < j) whose estimated shingle Jaccard similarity is at least ``threshold``."""
    n = sigs.shape[0]
    if n < 2:
        return []
    num_perm = sigs.shape[1]
    bands, rows = _optimal_param(threshold, num_perm, 0.5, 0.5)
    pairs: set[tuple[int, int]] = set()
    empty = np.all(sigs == _EMPTY, axis=1)  # no words: nothing to compare
    for band in range(bands):
        chunk = np.ascontiguousarray(sigs[:, band * rows : (band + 1) * rows])
        buckets: dict[bytes, list[int]] = defaultdict(list)
        for i in np.flatnonzero(~empty).tolist():
            buckets[chunk[i].tobytes()].append(i)
        for members in buckets.values():
            if len(members) < 2 or len(members) > 1000:  # a huge bucket is boilerplate, not a copy
                continue
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    pairs.add((members[x], members[y]))
    return sorted(p for p in pairs if jaccard(sigs[p[0]], sigs[p[1]]) >= threshold)
