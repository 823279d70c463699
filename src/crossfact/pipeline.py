"""The glue: read inputs -> per-article NLP -> store -> cross-article analysis -> Report.

Each step is a library call the CLI and the web app share. Bad inputs never stop a batch: they come back as
:class:`~crossfact.model.Skipped` entries, and everything else is processed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from crossfact.config import Config
from crossfact.model import Article, ArticleDoc, Report, Skipped, Story

if TYPE_CHECKING:
    from crossfact.store import Store

log = logging.getLogger(__name__)

__all__ = [
    "IngestResult",
    "analyze_docs",
    "analyze_store",
    "analyze_story",
    "assign_stories",
    "ingest",
    "ingest_distributed",
    "process_inputs",
    "run",
]

# Called once per article processed, with its document (the CLI advances a progress bar with it).
Progress = Callable[[ArticleDoc], None]


@dataclass(slots=True)
class IngestResult:
    """What :func:`ingest` did: how many articles were new, updated or unchanged, and what was skipped."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Articles stored (new + updated + unchanged)."""
        return self.new + self.updated + self.unchanged

    def summary(self) -> str:
        """One line: "ingested 5 articles (5 new, 0 updated, 0 unchanged), 0 skipped"."""
        noun = "article" if self.total == 1 else "articles"
        return (
            f"ingested {self.total} {noun} ({self.new} new, {self.updated} updated, "
            f"{self.unchanged} unchanged), {len(self.skipped)} skipped"
        )


def process_inputs(
    paths: Sequence[str],
    config: Config,
    skipped: list[Skipped],
    models: Any = None,
    progress: Progress | None = None,
) -> Iterator[ArticleDoc]:
    """Read ``paths`` and run the per-article NLP, lazily; skipped inputs are appended to ``skipped``.

    Args:
        paths: files, folders (read recursively) or "-" for standard input.
        config: the settings.
        skipped: a list this function appends each unreadable input to, as it is met.
        models: loaded :class:`crossfact.nlp.Models` (loaded here when None).
        progress: called once per processed article.
    """
    from crossfact.ingest import read_inputs
    from crossfact.nlp import process

    def articles() -> Iterator[Article]:
        for item in read_inputs(list(paths), config):
            if isinstance(item, Skipped):
                log.info("skipped %s: %s", item.source, item.reason)
                skipped.append(item)
            else:
                yield item

    for doc in process(articles(), config, models):
        if progress is not None:
            progress(doc)
        yield doc


def ingest(
    paths: Sequence[str],
    config: Config,
    store: Store,
    models: Any = None,
    progress: Progress | None = None,
) -> IngestResult:
    """Read, analyse per article, and store ``paths``; one transaction per article.

    Raises:
        StoreError: the store cannot be written (read-only, disk full); articles stored before stay.
    """
    result = IngestResult()
    changed: list[str] = []
    for doc in process_inputs(paths, config, result.skipped, models, progress):
        _store_one(store, doc, result, changed)
    if result.total:
        assign_stories(store, changed)
    log.info("%s", result.summary())
    return result


def _store_one(store: Store, doc: ArticleDoc, result: IngestResult, changed: list[str]) -> None:
    status = store.put(doc)
    setattr(result, status, getattr(result, status) + 1)
    result.ids.append(doc.article.id)
    if status != "unchanged":
        changed.append(doc.article.id)


def assign_stories(store: Store, changed: Sequence[str] = (), cluster_config: Any = None) -> dict[str, str]:
    """Assign stored articles to stories incrementally and save the assignments in ``store``.

    The :class:`~crossfact.cluster.IncrementalClusterer` is rebuilt from the stored articles and their
    stored story links (``from_assignments``); the articles in ``changed`` (new or updated) and any stored
    article without a story are then added one by one in stream order (published, id).

    Args:
        store: the store, with the articles already written.
        changed: ids of articles whose content is new or changed (their old story link is reconsidered).
        cluster_config: a :class:`~crossfact.cluster.ClusterConfig` (default settings when None).

    Returns:
        article id -> story id for every stored article.

    Raises:
        StoreError: the store cannot be written.
    """
    from crossfact.cluster import IncrementalClusterer

    articles = store.articles()  # (published, id) order: the clusterer's stream order
    previous = store.story_assignments()
    redo = set(changed)
    kept = {aid: sid for aid, sid in previous.items() if aid not in redo}
    # articles with a story first (restored as they are), then the others in stream order
    restored = [a for a in articles if a.id in kept]
    added = [a for a in articles if a.id not in kept]
    clusterer = IncrementalClusterer.from_assignments(restored, kept, cluster_config)
    clusterer.add_many(added)
    assignments = {a.id: clusterer.story_of(a.id) for a in articles}
    titles = {g.id: g.title for g in clusterer.stories()}
    if assignments != previous or added:
        store.assign_stories(assignments, titles)
    log.info("%d articles in %d stories (%d assigned now)", len(assignments), len(titles), len(added))
    return assignments


def save_stories(store: Store, stories: Sequence[Any]) -> dict[str, str]:
    """Save precomputed stories (:class:`~crossfact.cluster.StoryGroup`, e.g. from a distributed run)
    for articles that have no story yet; other new articles are then assigned by :func:`assign_stories`.

    Returns:
        article id -> story id for every stored article.
    """
    previous = store.story_assignments()
    assignments = {aid: g.id for g in stories for aid in g.articles if aid not in previous and aid in store}
    titles = {g.id: g.title for g in stories if any(aid in assignments for aid in g.articles)}
    if assignments:
        store.assign_stories(assignments, titles)
    return {**previous, **assignments}


def analyze_docs(
    docs: Sequence[ArticleDoc], config: Config, embedder: Any = None, skipped: Iterable[Skipped] = ()
) -> Report:
    """Analyse ``docs`` as one story and wrap everything in a :class:`Report` (no story when no docs)."""
    from crossfact.analysis import analyze
    from crossfact.analysis.story import borrow_published

    # the story dates its undated articles; the report shows them dated (analyze repeats it: idempotent)
    docs = borrow_published(tuple(docs)) if docs else ()
    stories: tuple[Story, ...] = (analyze(docs, config, embedder),) if docs else ()
    return Report(docs=docs, stories=stories, skipped=tuple(skipped))


def run(
    paths: Sequence[str],
    config: Config,
    store: Store | None = None,
    models: Any = None,
    embedder: Any = None,
    progress: Progress | None = None,
) -> Report:
    """The whole pipeline over ``paths``: read, per-article NLP, store (when given), analyse as one story.

    Args:
        paths: files, folders or "-"; unreadable ones end up in ``Report.skipped``.
        config: the settings.
        store: when given, every article is also stored (new, updated or unchanged).
        models: loaded per-article NLP models (loaded here when None).
        embedder: a loaded sentence embedder (loaded by the analysis when None).
        progress: called once per processed article.

    Raises:
        StoreError: the store cannot be written.
    """
    skipped: list[Skipped] = []
    docs: list[ArticleDoc] = []
    seen: dict[str, int] = {}
    for doc in process_inputs(paths, config, skipped, models, progress):
        if store is not None:
            store.put(doc)
        # the same article given twice (a file and its folder) is analysed once
        if doc.article.id in seen:
            docs[seen[doc.article.id]] = doc
            continue
        seen[doc.article.id] = len(docs)
        docs.append(doc)
    docs.sort(key=lambda d: d.article.id)
    return analyze_docs(docs, config, embedder, skipped)


def analyze_store(
    store: Store, config: Config, ids: Sequence[str] | None = None, embedder: Any = None
) -> Report:
    """Analyse the articles already in ``store`` (all, or ``ids``) as one story.

    Raises:
        KeyError: one of ``ids`` is not in the store.
    """
    return analyze_docs(store.docs(ids), config, embedder)


def analyze_story(store: Store, story_id: str, config: Config, embedder: Any = None) -> Report:
    """Analyse one stored story (its articles as assigned by :func:`assign_stories`).

    Raises:
        KeyError: the store has no story with this id.
    """
    _sid, _title, ids = store.story(story_id)
    return analyze_docs(store.docs(ids), config, embedder)


def ingest_distributed(
    paths: Sequence[str], config: Config, store: Store, scheduler: Any, cluster_config: Any = None
) -> IngestResult:
    """:func:`ingest` with reading, the per-article NLP and the clustering features run on a Dask cluster.

    Args:
        paths: files or folders the workers can read (the same file system), or URLs.
        config: the settings.
        store: written on this machine, exactly as :func:`ingest` writes it.
        scheduler: the scheduler address ("tcp://host:8786") or a ``distributed.Client``.
        cluster_config: clustering settings (default when None).

    When the store has no stories yet, the run's batch stories are saved as they are; otherwise the new
    articles join stories incrementally, as in :func:`ingest`.

    Raises:
        StoreError: the store cannot be written. OSError: the scheduler cannot be reached.
    """
    from crossfact.distributed import run_distributed

    outcome = run_distributed(list(paths), scheduler, config, cluster_config, with_nlp=True)
    result = IngestResult(skipped=list(outcome.skipped))
    had_stories = bool(store.story_assignments())
    changed: list[str] = []
    for doc in outcome.docs:
        _store_one(store, doc, result, changed)
    if result.total:
        if not had_stories:
            save_stories(store, outcome.stories)
        assign_stories(store, [] if not had_stories else changed, cluster_config)
    log.info("%s", result.summary())
    return result
