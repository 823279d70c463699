"""The per-article work and clustering's candidate features on a Dask distributed cluster.

``run_distributed`` splits the input into partitions and sends them to the workers of a running Dask
scheduler: reading and parsing files (``crossfact.ingest.read_inputs``), optionally the per-article NLP
(``crossfact.nlp.process``, spaCy loaded once per worker process), and the clustering features (hashed
term counts, years, days, MinHash signatures; MiniLM embeddings only when ``embed_weight > 0``). The
driver gathers the partitions in order and runs the cheap global steps (document frequencies, candidate
pairs, average link). Every per-article step is row-wise, so the result equals the single-process run
(:func:`run_local`), which the tests check.

Usage::

    from crossfact.distributed import run_distributed
    result = run_distributed(["news/"], "tcp://10.0.0.5:8786")
    for story in result.stories: ...

See docs/scaling.md for running a real cluster.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from crossfact.cluster import ClusterConfig, StoryGroup, _order, cluster_features
from crossfact.cluster.features import Features, concat, featurize
from crossfact.cluster.minhash import signatures
from crossfact.config import Config
from crossfact.model import Article, ArticleDoc, Skipped

log = logging.getLogger(__name__)

# loaded once per worker process (Dask runs tasks of one worker in the same process)
_WORKER_MODELS: dict[str, Any] = {}


@dataclass(frozen=True, slots=True)
class DistributedResult:
    """What a (distributed or local) run produced: articles in stream order, skipped inputs, stories and,
    when the NLP ran, one ArticleDoc per article (same order)."""

    articles: tuple[Article, ...]
    stories: tuple[StoryGroup, ...]
    skipped: tuple[Skipped, ...] = ()
    docs: tuple[ArticleDoc, ...] = field(default_factory=tuple)


# -- tasks (module-level functions so workers can unpickle them by reference) ----------------------------


def read_partition(paths: list[str], config: Config) -> list[Article | Skipped]:
    """Ingest a few input paths on a worker."""
    from crossfact.ingest import read_inputs

    return list(read_inputs(paths, config))


def nlp_partition(articles: list[Article], config: Config) -> list[ArticleDoc]:
    """Run ``crossfact.nlp.process`` on a worker, loading the spaCy models once per worker process."""
    from crossfact.nlp import Models, process

    key = f"nlp:{config.spacy_model}"
    if key not in _WORKER_MODELS:
        _WORKER_MODELS[key] = Models(config)
    return list(process(articles, config, models=_WORKER_MODELS[key]))


def feature_partition(
    articles: list[Article], cluster_config: ClusterConfig
) -> tuple[Features, np.ndarray, Any]:
    """Clustering's per-article features for one partition: hashed counts, signatures, embeddings."""
    feats = featurize(articles, cluster_config.max_chars, cluster_config.year_chars)
    sigs = signatures(articles, cluster_config.num_perm)
    emb = None
    if cluster_config.embed_weight > 0:
        if "embedder" not in _WORKER_MODELS:
            from crossfact.analysis.embed import Embedder

            _WORKER_MODELS["embedder"] = Embedder()
        emb = _WORKER_MODELS["embedder"].encode([_embed_text(a) for a in articles])
    return feats, sigs, emb


def _embed_text(article: Article) -> str:
    return f"{article.title or ''}. {article.text[:600]}"


# -- drivers -------------------------------------------------------------------------------------------


def _split(items: Sequence[Any], size: int) -> list[list[Any]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _dedupe(items: Sequence[Article | Skipped]) -> tuple[list[Article], list[Skipped]]:
    seen: set[str] = set()
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
        elif item.id not in seen:
            seen.add(item.id)
            articles.append(item)
    return articles, skipped


def _finish(
    articles: list[Article],
    skipped: list[Skipped],
    parts: list[tuple[Features, np.ndarray, Any]],
    docs: list[ArticleDoc],
    cluster_config: ClusterConfig,
) -> DistributedResult:
    features = concat([p[0] for p in parts])
    sigs = np.vstack([p[1] for p in parts]) if parts else np.zeros((0, cluster_config.num_perm), np.uint64)
    emb = None
    if cluster_config.embed_weight > 0 and parts:
        emb = np.vstack([p[2] for p in parts])
    stories = cluster_features(features, sigs, cluster_config, emb)
    return DistributedResult(tuple(articles), tuple(stories), tuple(skipped), tuple(docs))


def run_local(
    inputs: Sequence[str] | Sequence[Article],
    config: Config | None = None,
    cluster_config: ClusterConfig | None = None,
    *,
    with_nlp: bool = False,
) -> DistributedResult:
    """The single-process reference run of :func:`run_distributed` (same steps, one process)."""
    config = config or Config()
    cluster_config = cluster_config or ClusterConfig()
    items = read_partition([str(p) for p in inputs], config) if _are_paths(inputs) else list(inputs)
    articles, skipped = _dedupe(items)  # type: ignore[arg-type]
    articles = [articles[i] for i in _order(articles)]
    docs = nlp_partition(articles, config) if with_nlp else []
    parts = [feature_partition(articles, cluster_config)] if articles else []
    return _finish(articles, skipped, parts, docs, cluster_config)


def _are_paths(inputs: Sequence[Any]) -> bool:
    if all(isinstance(x, Article) for x in inputs):
        return False
    if all(isinstance(x, str) or hasattr(x, "__fspath__") for x in inputs):
        return True
    raise TypeError("inputs must be all paths (str / os.PathLike) or all Article objects")


def run_distributed(
    inputs: Sequence[str] | Sequence[Article],
    scheduler_address: str | Any,
    config: Config | None = None,
    cluster_config: ClusterConfig | None = None,
    *,
    with_nlp: bool = False,
    partition_size: int = 256,
    paths_per_task: int = 64,
) -> DistributedResult:
    """Ingest, optionally run the NLP, and cluster on a Dask cluster; equals :func:`run_local`.

    Args:
        inputs: paths (files, directories; read on the workers, which must see the same file system) or
            Article objects.
        scheduler_address: the scheduler's address (``"tcp://host:8786"``) or a ``distributed.Client``.
        config: ingest/NLP settings.
        cluster_config: clustering settings.
        with_nlp: also run ``crossfact.nlp.process`` per partition and return the ArticleDocs.
        partition_size: articles per task.
        paths_per_task: input paths per ingest task.

    Raises:
        ValueError: partition sizes below 1. TypeError: mixed inputs. OSError: scheduler unreachable.
    """
    from distributed import Client

    if partition_size < 1 or paths_per_task < 1:
        raise ValueError(
            f"partition_size and paths_per_task must be >= 1, got {partition_size}, {paths_per_task}"
        )
    config = config or Config()
    cluster_config = cluster_config or ClusterConfig()
    own = not isinstance(scheduler_address, Client)
    client: Client = scheduler_address if isinstance(scheduler_address, Client) else Client(scheduler_address)
    try:
        if _are_paths(inputs):
            chunks = _split([str(p) for p in inputs], paths_per_task)
            futures = client.map(read_partition, chunks, config=config, pure=False)
            items = [x for part in client.gather(futures) for x in part]
        else:
            items = list(inputs)
        articles, skipped = _dedupe(items)
        articles = [articles[i] for i in _order(articles)]
        partitions = _split(articles, partition_size)
        feature_futures = client.map(feature_partition, partitions, cluster_config=cluster_config, pure=False)
        nlp_futures = client.map(nlp_partition, partitions, config=config, pure=False) if with_nlp else []
        parts = client.gather(feature_futures)
        docs = [d for part in client.gather(nlp_futures) for d in part] if with_nlp else []
        log.info("distributed: %d articles in %d partitions", len(articles), len(partitions))
        return _finish(articles, skipped, parts, docs, cluster_config)
    finally:
        if own:
            client.close()
