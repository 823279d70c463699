"""Average-link agglomerative clustering over a sparse similarity graph.

Missing edges count as similarity 0, so two groups merge only when the mean similarity over all their
member pairs reaches the threshold: one strong link cannot chain two stories together (single link's
failure), and nothing ever needs the dense n x n matrix.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable


def average_link(n: int, edges: Iterable[tuple[int, int, float]], threshold: float) -> list[int]:
    """Cluster ``n`` nodes; returns a label per node (the smallest node index of its cluster).

    ``edges`` are (i, j, similarity) with i != j; duplicates keep the largest similarity. Groups merge,
    best mean first, while the mean pairwise similarity (absent pairs = 0) is at least ``threshold``.
    Deterministic: ties break on the node indexes.
    """
    neighbours: list[dict[int, float]] = [{} for _ in range(n)]
    for i, j, w in edges:
        if i == j:
            continue
        if w > neighbours[i].get(j, float("-inf")):
            neighbours[i][j] = w
            neighbours[j][i] = w
    size = [1] * n
    parent = list(range(n))
    alive = [True] * n
    heap: list[tuple[float, int, int]] = []
    for i in range(n):
        for j, w in neighbours[i].items():
            if i < j and w >= threshold:
                heap.append((-w, i, j))
    heapq.heapify(heap)
    while heap:
        neg, i, j = heapq.heappop(heap)
        if not (alive[i] and alive[j]):
            continue
        total = neighbours[i].get(j)
        if total is None or abs(total / (size[i] * size[j]) + neg) > 1e-9:
            continue  # stale entry: one side has grown since it was pushed
        # merge the smaller group into the larger (ties: into the lower index) to keep dict updates cheap
        keep, drop = (i, j) if (size[i], -i) >= (size[j], -j) else (j, i)
        parent[drop] = keep
        alive[drop] = False
        merged = neighbours[keep]
        del merged[drop]
        for k, w in neighbours[drop].items():
            if k == keep:
                continue
            merged[k] = merged.get(k, 0.0) + w
            neighbours[k][keep] = merged[k]
            del neighbours[k][drop]
        neighbours[drop] = {}
        size[keep] += size[drop]
        for k, total_k in merged.items():
            mean = total_k / (size[keep] * size[k])
            if mean >= threshold:
                heapq.heappush(heap, (-mean, min(keep, k), max(keep, k)))
    root = []
    for node in range(n):
        r = node
        while parent[r] != r:
            r = parent[r]
        root.append(r)
    smallest: dict[int, int] = {}
    for node, r in enumerate(root):
        smallest.setdefault(r, node)
    return [smallest[r] for r in root]
