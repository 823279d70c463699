"""Second stage of story clustering: re-cluster each broad group with the group's own term statistics.

The first stage (corpus-wide IDF, average link) groups reports that share rare words; look-alike events
(the same people and places, a few years apart) share exactly those words, so they end up in one broad
group. Inside such a group the shared vocabulary is common, so with the group's own document frequencies
(local IDF) it weighs little, and the terms that tell the sub-events apart (frequent in one sub-group,
absent in the other: a death toll, a suspect's name, a weekday) dominate the cosine. The refined score is
``local cosine - the same year/date penalties``; average link splits the group where that mean falls
under ``refine_threshold``.

Cost: a dense m x m product per group of m members, so groups larger than ``max_group`` are left as
they are (a breaking story with thousands of reports is one story anyway).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from crossfact.cluster.candidates import ScoreSettings
from crossfact.cluster.features import WORD_FEATURES, Features, document_frequency, weigh, years_apart_matrix
from crossfact.cluster.linkage import average_link

log = logging.getLogger(__name__)


def local_scores(
    counts: sp.csr_matrix,
    years: Sequence[tuple[int, ...]],
    days: np.ndarray,
    settings: ScoreSettings,
    min_df: int = 2,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All pairs (i < j) of a group with their local-IDF score; returns (rows, cols, scores).

    Terms found in fewer than ``min_df`` members are dropped first: they cannot link two members and
    would only shrink every cosine through the norms.
    """
    m = counts.shape[0]
    # renumber the group's columns 0..u-1 (sorted, so the names block stays last): every step below then
    # works on a few thousand columns instead of the hashed 786k
    columns, local = np.unique(counts.indices, return_inverse=True)
    x = sp.csr_matrix((counts.data, local.ravel(), counts.indptr), shape=(m, len(columns)))
    df = document_frequency(x)
    x.data[df[x.indices] < min_df] = 0
    x.eliminate_zeros()
    split = int(np.searchsorted(columns, WORD_FEATURES))
    vectors = weigh(x, df, m, settings.name_weight, word_features=split)
    sims = (vectors @ vectors.T).toarray() - penalties(years, days, settings)
    rows, cols = np.triu_indices(m, k=1)
    return rows, cols, sims[rows, cols]


def penalties(years: Sequence[tuple[int, ...]], days: np.ndarray, settings: ScoreSettings) -> np.ndarray:
    """Dense m x m form of the look-alike penalties of ``candidates.pair_scores`` (for one small group)."""
    conflict = years_apart_matrix(years, settings.year_tolerance)
    days = np.asarray(days, dtype=np.int64)
    dated = (days >= 0)[:, None] & (days >= 0)[None, :]
    gap = np.abs(days[:, None] - days[None, :]).astype(np.float64)
    over = np.clip((gap - settings.date_grace_days) / max(settings.date_scale_days, 1), 0.0, 1.0)
    return settings.year_penalty * conflict + settings.date_penalty * over * dated


def refine_labels(
    features: Features,
    labels: Sequence[int],
    settings: ScoreSettings,
    threshold: float,
    near_duplicates: Sequence[tuple[int, int]] = (),
    min_size: int = 4,
    max_group: int = 2000,
) -> list[int]:
    """Split each first-stage group (``labels``) where its local-IDF average link falls under ``threshold``.

    Near-duplicate pairs stay together (score 1). Groups smaller than ``min_size`` or larger than
    ``max_group`` are kept whole. Returns a label per row: the smallest row index of its final group.
    """
    members: dict[int, list[int]] = defaultdict(list)
    for i, lab in enumerate(labels):
        members[lab].append(i)
    dup_of: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, j in near_duplicates:
        if labels[i] == labels[j]:
            dup_of[labels[i]].append((i, j))
    out = list(labels)
    chosen = [(lab, idx) for lab, idx in members.items() if min_size <= len(idx) <= max_group]
    skipped = sum(1 for idx in members.values() if len(idx) > max_group)
    if not chosen:
        return out
    # one fancy-indexing pass; each group is then a contiguous (cheap) row slice
    order = np.concatenate([np.asarray(idx) for _, idx in chosen])
    counts = features.counts[order]
    start = 0
    for lab, idx in chosen:
        stop = start + len(idx)
        rows, cols, scores = local_scores(
            counts[start:stop], [features.years[i] for i in idx], features.days[order[start:stop]], settings
        )
        start = stop
        edges = list(zip(rows.tolist(), cols.tolist(), scores.tolist(), strict=True))
        position = {g: k for k, g in enumerate(idx)}
        edges.extend((position[i], position[j], 1.0) for i, j in dup_of.get(lab, ()))
        for k, sub in enumerate(average_link(len(idx), edges, threshold)):
            out[idx[k]] = idx[sub]
    if skipped:
        log.info("refinement skipped %d groups larger than %d articles", skipped, max_group)
    return out
