"""Articles -> stories: group a stream of news reports into one story per real-world event.

Public API:

- :func:`cluster_articles` (batch) -> ``list[StoryGroup]``;
- :class:`IncrementalClusterer` (``add(article) -> story id``, ``to_dict``/``from_dict``) for ingest;
- :func:`cluster` (the architecture's ``cluster(articles, config) -> list[list[str]]``).

How (one setting for every corpus, see docs/scaling.md for the figures):

1. per article, cheap features only (no spaCy): hashed TF-IDF of title + lead, a separate block of
   capitalised names and figures (magnitudes, tolls, amounts, times), years mentioned, publication day
   (:mod:`.features`); MinHash signatures of word 5-shingles (:mod:`.minhash`);
2. candidate pairs: time-windowed search over each article's heaviest terms, top-k per article scored on
   the full vectors, plus LSH near-duplicates within the same window (:mod:`.candidates`);
3. pair score = blended cosine - penalty when both mention years but none in common - penalty growing
   with the distance between publication dates (the "two earthquakes" look-alike problem);
4. average-link agglomeration on the sparse graph with a broad threshold (:mod:`.linkage`);
5. each broad group is re-clustered with the group's own document frequencies (local IDF), which
   separates look-alike events that share people and places (:mod:`.refine`).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from crossfact.cluster.candidates import ScoreSettings, candidate_pairs, pair_scores, weighted_vectors
from crossfact.cluster.features import Features, featurize
from crossfact.cluster.linkage import average_link
from crossfact.cluster.minhash import near_duplicate_pairs, signatures
from crossfact.cluster.refine import refine_labels
from crossfact.model import Article, content_id

log = logging.getLogger(__name__)

__all__ = [
    "ClusterConfig",
    "StoryGroup",
    "cluster",
    "cluster_articles",
    "cluster_features",
    "story_id",
    "IncrementalClusterer",
    "within_window",
]


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """Story clustering settings; the defaults are the single setting measured in benchmarks/clustering.py."""

    # first stage: mean pairwise score two groups need to merge (average link); deliberately broad
    threshold: float = 0.10
    # second stage: each broad group is re-clustered with its own (local) IDF at this threshold
    # (None: single stage); see .refine
    refine_threshold: float | None = 0.16
    refine_min_size: int = 4
    refine_max_group: int = 2000
    # the online clusterer (IncrementalClusterer) has no second stage: it joins at this mean score
    online_threshold: float = 0.20
    # share of the names block in the blended cosine (the rest: all words)
    name_weight: float = 0.5
    # subtracted when both articles mention years (in the title and the first year_chars characters of the
    # text) and share none, allowing year_tolerance either way
    year_penalty: float = 0.3
    year_tolerance: int = 1
    year_chars: int = 400
    # subtracted (in full) when publication dates are date_grace_days + date_scale_days apart or more
    date_penalty: float = 0.3
    date_grace_days: int = 3
    date_scale_days: int = 14
    # articles further apart than this (both dated) are never compared
    window_days: int = 30
    # characters of the text (after the title) the features read
    max_chars: int = 1500
    # candidate generation
    top_k: int = 30
    candidate_floor: float = 0.08
    # the search compares each article's heaviest terms only (None: all terms, exact); pairs found are
    # scored on the full vectors
    search_terms: int | None = 24
    # MinHash near-duplicates: estimated shingle Jaccard at or above this always joins
    near_duplicate: float = 0.7
    num_perm: int = 64
    # weight of the MiniLM cosine of title + lead, blended into candidate scores when an embedder is given
    embed_weight: float = 0.0

    def score_settings(self) -> ScoreSettings:
        """The pair-score part of the settings."""
        return ScoreSettings(
            self.name_weight,
            self.year_penalty,
            self.date_penalty,
            self.date_grace_days,
            self.date_scale_days,
            self.year_tolerance,
        )

    def __post_init__(self) -> None:
        if not 0.0 <= self.name_weight <= 1.0:
            raise ValueError(f"name_weight must be in [0, 1], got {self.name_weight!r}")
        if self.threshold <= 0 or self.online_threshold <= 0:
            raise ValueError(f"threshold must be > 0, got {self.threshold!r}")
        if self.refine_threshold is not None and self.refine_threshold <= 0:
            raise ValueError(f"refine_threshold must be > 0 or None, got {self.refine_threshold!r}")
        if self.year_tolerance < 0 or self.year_chars < 0:
            raise ValueError(
                f"year_tolerance and year_chars must be >= 0, got {self.year_tolerance}, {self.year_chars}"
            )
        if self.window_days < 0 or self.top_k < 1:
            raise ValueError(f"window_days must be >= 0 and top_k >= 1, got {self.window_days}, {self.top_k}")


@dataclass(frozen=True, slots=True)
class StoryGroup:
    """One story: ``id`` from its founding member (stable as the story grows), the headline of its most
    central member as ``title``, and its article ids in (published, id) order."""

    id: str
    title: str
    articles: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-ready data."""
        return {"id": self.id, "title": self.title, "articles": list(self.articles)}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> StoryGroup:
        """Inverse of :meth:`to_dict`."""
        return cls(str(data["id"]), str(data.get("title", "")), tuple(data.get("articles", ())))  # type: ignore[arg-type]


def story_id(founder_article_id: str) -> str:
    """The id of the story founded by this article (its earliest member)."""
    return content_id("story", founder_article_id)


def _order(articles: Sequence[Article]) -> list[int]:
    """Stream order: by publication date (undated last), then id; the batch result follows it."""
    return sorted(
        range(len(articles)),
        key=lambda i: (articles[i].published is None, articles[i].published or "", articles[i].id),
    )


def cluster_features(
    features: Features,
    sigs: np.ndarray,
    config: ClusterConfig,
    embeddings: np.ndarray | None = None,
) -> list[StoryGroup]:
    """Cluster precomputed features (rows already in stream order); used by the batch and distributed runs."""
    n = len(features)
    if n == 0:
        return []
    vectors = weighted_vectors(features, config.name_weight)
    rows, cols, dots = candidate_pairs(
        vectors,
        features.days,
        config.window_days,
        config.top_k,
        config.candidate_floor,
        search_terms=config.search_terms,
    )
    scores = pair_scores(vectors, features.years, features.days, rows, cols, dots, config.score_settings())
    if embeddings is not None and config.embed_weight > 0 and len(rows):
        cos = np.einsum("ij,ij->i", embeddings[rows], embeddings[cols])
        scores = (1 - config.embed_weight) * scores + config.embed_weight * cos
    edges = list(zip(rows.tolist(), cols.tolist(), scores.tolist(), strict=True))
    duplicates = within_window(
        near_duplicate_pairs(sigs, config.near_duplicate), features.days, config.window_days
    )
    edges.extend((i, j, 1.0) for i, j in duplicates)
    log.debug("clustering %d articles over %d candidate edges", n, len(edges))
    labels = average_link(n, edges, config.threshold)
    if config.refine_threshold is not None:
        labels = refine_labels(
            features,
            labels,
            config.score_settings(),
            config.refine_threshold,
            duplicates,
            config.refine_min_size,
            config.refine_max_group,
        )
    return _groups(features, labels, edges)


def within_window(pairs: list[tuple[int, int]], days: np.ndarray, window_days: int) -> list[tuple[int, int]]:
    """The pairs published at most ``window_days`` apart (or undated): what the online pass compares.

    A copy re-posted months later stays a candidate of nothing outside its window, like every other pair:
    without this a feed that re-runs the same text all year joins every re-run into one story, and the
    number of near-duplicate edges grows with the square of the number of re-runs.
    """
    return [
        (i, j)
        for i, j in pairs
        if days[i] < 0 or days[j] < 0 or abs(int(days[i]) - int(days[j])) <= window_days
    ]


def _titled(features: Features, i: int) -> bool:
    """Whether row ``i``'s title is the article's own headline (True when the features do not say)."""
    return features.titled[i] if features.titled else True


def _groups(features: Features, labels: list[int], edges: list[tuple[int, int, float]]) -> list[StoryGroup]:
    members: dict[int, list[int]] = defaultdict(list)
    for i, lab in enumerate(labels):
        members[lab].append(i)
    centrality = np.zeros(len(labels))
    for i, j, w in edges:
        if labels[i] == labels[j]:
            centrality[i] += w
            centrality[j] += w
    groups = []
    for lab in sorted(members):
        idx = members[lab]
        # the most central member with a headline of its own; an untitled one's lead sentence otherwise
        central = max(idx, key=lambda i: (_titled(features, i), centrality[i], -i))
        groups.append(
            StoryGroup(
                id=story_id(features.ids[idx[0]]),
                title=features.titles[central],
                articles=tuple(features.ids[i] for i in idx),
            )
        )
    return groups


def cluster_articles(
    articles: Sequence[Article], config: ClusterConfig | None = None, embedder: object | None = None
) -> list[StoryGroup]:
    """Group ``articles`` into stories (batch).

    Args:
        articles: the articles; duplicates by id are kept once (the first).
        config: settings (defaults: the benchmarked single setting).
        embedder: optional ``crossfact.analysis.embed.Embedder``; used only when ``config.embed_weight > 0``
            (measured: no gain on ECB+/GVC at ~10 leads/s on 2 CPU cores, so off by default).

    Returns:
        stories in order of their founding (earliest) member; deterministic for equal input.
    """
    config = config or ClusterConfig()
    seen: set[str] = set()
    unique = [a for a in articles if not (a.id in seen or seen.add(a.id))]  # type: ignore[func-returns-value]
    ordered = [unique[i] for i in _order(unique)]
    features = featurize(ordered, config.max_chars, config.year_chars)
    sigs = signatures(ordered, config.num_perm)
    embeddings = None
    if embedder is not None and config.embed_weight > 0:
        embeddings = embedder.encode([f"{a.title or ''}. {a.text[:600]}" for a in ordered])  # type: ignore[attr-defined]
    return cluster_features(features, sigs, config, embeddings)


def cluster(articles: Sequence[Article], config: object | None = None) -> list[list[str]]:
    """The architecture's contract: stories as lists of article ids (``config`` may be a ClusterConfig)."""
    cfg = config if isinstance(config, ClusterConfig) else None
    return [list(g.articles) for g in cluster_articles(articles, cfg)]


from crossfact.cluster.incremental import IncrementalClusterer  # noqa: E402  (uses the names above)
