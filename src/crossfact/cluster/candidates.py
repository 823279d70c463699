"""Candidate pairs and their scores: time-windowed sparse similarity plus MinHash near-duplicates.

Only pairs published within ``window_days`` of each other are compared (undated articles are compared
with everything), in blocks, keeping each article's ``top_k`` best neighbours: memory and time grow with
the number of articles times the size of a time window, not with its square.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from crossfact.cluster.features import Features, document_frequency, weigh, years_apart

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ScoreSettings:
    """The parts of :class:`ClusterConfig` the pair score needs."""

    name_weight: float
    year_penalty: float
    date_penalty: float
    date_grace_days: int
    date_scale_days: int
    # years this far apart still count as one ("the 2008-09 season", a 2 January report of New Year's Eve)
    year_tolerance: int = 1


def pair_scores(
    vectors: sp.csr_matrix,
    year_sets: Sequence[tuple[int, ...]],
    days: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    dots: np.ndarray,
    settings: ScoreSettings,
) -> np.ndarray:
    """Blended cosine ``dots`` of pairs (rows[k], cols[k]) minus the look-alike penalties.

    Penalties: both mention years but none in common (within ``year_tolerance``); both dated and further
    apart than the grace period
    (growing linearly to the full penalty over ``date_scale_days``).
    """
    del vectors  # the dot products are given; kept in the signature for callers that recompute them
    score = dots.astype(np.float64).copy()
    if len(rows) == 0:
        return score
    score -= settings.year_penalty * years_apart(year_sets, rows, cols, settings.year_tolerance)
    dated = (days[rows] >= 0) & (days[cols] >= 0)
    gap = np.abs(days[rows] - days[cols]).astype(np.float64)
    over = np.clip((gap - settings.date_grace_days) / max(settings.date_scale_days, 1), 0.0, 1.0)
    score -= settings.date_penalty * over * dated
    return score


def weighted_vectors(features: Features, name_weight: float) -> sp.csr_matrix:
    """TF-IDF vectors of ``features`` with the corpus document frequencies."""
    df = document_frequency(features.counts)
    return weigh(features.counts, df, len(features), name_weight)


def prune_rows(x: sp.csr_matrix, keep: int) -> sp.csr_matrix:
    """Each row's ``keep`` largest entries (ties: the lower column), the rest dropped."""
    x = sp.csr_matrix(x)
    lengths = np.diff(x.indptr)
    if len(lengths) == 0 or lengths.max(initial=0) <= keep:
        return x
    row_of = np.repeat(np.arange(x.shape[0]), lengths)
    order = np.lexsort((x.indices, -x.data, row_of))
    rank = np.arange(len(order)) - x.indptr[row_of[order]]
    chosen = np.sort(order[rank < keep])
    indptr = np.concatenate([[0], np.cumsum(np.minimum(lengths, keep))])
    return sp.csr_matrix((x.data[chosen], x.indices[chosen], indptr), shape=x.shape)


def row_dots(x: sp.csr_matrix, rows: np.ndarray, cols: np.ndarray, chunk: int = 100_000) -> np.ndarray:
    """Dot products of row pairs (rows[k], cols[k]) of ``x``, in chunks to bound memory."""
    out = np.zeros(len(rows), dtype=np.float32)
    for start in range(0, len(rows), chunk):
        a = x[rows[start : start + chunk]]
        b = x[cols[start : start + chunk]]
        out[start : start + chunk] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return out


def candidate_pairs(
    vectors: sp.csr_matrix,
    days: np.ndarray,
    window_days: int,
    top_k: int,
    floor: float,
    block: int = 1024,
    search_terms: int | None = 24,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs (i < j) with blended cosine >= ``floor``, within the time window, each row's ``top_k`` best.

    With ``search_terms``, the search compares only each article's ``search_terms`` heaviest terms (its
    rarest, most repeated words and names): the work per article is then bounded by the postings of a few
    rare terms instead of every term it shares with every article in its window; the chosen pairs are
    then scored on the full vectors. ``None``: exact search over the full vectors.

    Returns (rows, cols, dots) arrays.
    """
    n = vectors.shape[0]
    search = vectors if search_terms is None else prune_rows(vectors, search_terms)
    exact = search_terms is None
    order = np.lexsort((np.arange(n), np.where(days < 0, np.iinfo(np.int64).max, days)))
    dated = order[days[order] >= 0]
    undated = order[days[order] < 0]
    dated_days = days[dated]
    out_r: list[np.ndarray] = []
    out_c: list[np.ndarray] = []
    out_d: list[np.ndarray] = []

    def compare(block_idx: np.ndarray, other_idx: np.ndarray) -> None:
        if len(block_idx) == 0 or len(other_idx) == 0:
            return
        prod = (search[block_idx] @ search[other_idx].T).tocsr()
        if exact:
            prod.data[prod.data < floor] = 0
            prod.eliminate_zeros()
        for r in range(prod.shape[0]):
            lo, hi = prod.indptr[r], prod.indptr[r + 1]
            if lo == hi:
                continue
            cols = other_idx[prod.indices[lo:hi]]
            vals = prod.data[lo:hi]
            i = block_idx[r]
            keep = cols != i
            if days[i] >= 0:
                keep &= (days[cols] < 0) | (np.abs(days[cols] - days[i]) <= window_days)
            cols, vals = cols[keep], vals[keep]
            if len(vals) > top_k:
                sel = np.argpartition(-vals, top_k - 1)[:top_k]
                cols, vals = cols[sel], vals[sel]
            out_r.append(np.minimum(i, cols))
            out_c.append(np.maximum(i, cols))
            out_d.append(vals)

    for start in range(0, len(dated), block):
        idx = dated[start : start + block]
        lo = np.searchsorted(dated_days, dated_days[start] - window_days, side="left")
        hi = np.searchsorted(
            dated_days, dated_days[min(start + block, len(dated)) - 1] + window_days, side="right"
        )
        compare(idx, np.concatenate([dated[lo:hi], undated]))
    for start in range(0, len(undated), block):
        compare(undated[start : start + block], order)
    if not out_r:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32)
    rows = np.concatenate(out_r)
    cols = np.concatenate(out_c)
    dots = np.concatenate(out_d)
    # the same pair can come from both ends: keep one copy (the values are equal)
    key = rows.astype(np.int64) * n + cols
    _, first = np.unique(key, return_index=True)
    rows, cols, dots = rows[first], cols[first], dots[first]
    if not exact:
        dots = row_dots(vectors, rows, cols)
        keep = dots >= floor
        rows, cols, dots = rows[keep], cols[keep], dots[keep]
    return rows, cols, dots
