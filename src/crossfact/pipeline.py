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

__all__ = ["IngestResult", "analyze_docs", "analyze_store", "ingest", "process_inputs", "run"]

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
    for doc in process_inputs(paths, config, result.skipped, models, progress):
        status = store.put(doc)
        setattr(result, status, getattr(result, status) + 1)
        result.ids.append(doc.article.id)
    log.info("%s", result.summary())
    return result


def analyze_docs(
    docs: Sequence[ArticleDoc], config: Config, embedder: Any = None, skipped: Iterable[Skipped] = ()
) -> Report:
    """Analyse ``docs`` as one story and wrap everything in a :class:`Report` (no story when no docs)."""
    from crossfact.analysis import analyze

    docs = tuple(docs)
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
