"""The cross-article analysis of one story: the ordered stages over a story's analysed articles.

``analyze`` runs, in this order: publication dates borrowed from sister articles (so an undated
article's "Thursday" resolves) -> entity resolution -> claim alignment -> conflicts -> quotes -> timeline ->
summary, and returns a :class:`~crossfact.model.Story`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, MutableMapping, Sequence
from typing import Any, TypeVar

import numpy as np

from crossfact.config import Config
from crossfact.model import ArticleDoc, Story

log = logging.getLogger(__name__)

__all__ = ["CachedEmbedder", "analyze"]

_T = TypeVar("_T")


class CachedEmbedder:
    """An embedder that encodes each distinct text once: the stages of one analysis share its vectors.

    The stages embed overlapping texts (claims, conflicts, timeline and summary all embed sentences), and a
    story with syndicated copies repeats whole sentences; the wrapped embedder only sees texts it has not
    encoded yet, each once, in one batched call per request. ``encode`` returns the same vectors as the
    wrapped one would, up to float rounding from batching (rows L2-normalised, float32).
    """

    def __init__(self, embedder: Any) -> None:
        self.embedder = embedder
        self._vectors: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts``: an array of shape (len(texts), dim), one row per text, in order."""
        texts = list(texts)
        if not texts:
            return np.asarray(self.embedder.encode(texts), dtype=np.float32)
        missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if missing:
            fresh = np.asarray(self.embedder.encode(missing), dtype=np.float32)
            self._vectors.update(zip(missing, fresh, strict=True))
        log.debug("embedding %d texts: %d new", len(texts), len(missing))
        return np.stack([self._vectors[t] for t in texts])

    def __getattr__(self, name: str) -> Any:  # batch_size, model, ... of the wrapped embedder
        if name == "embedder":  # not set yet (copy, unpickling): no recursion
            raise AttributeError(name)
        return getattr(self.embedder, name)


def _timed(name: str, timings: MutableMapping[str, float] | None, fn: Callable[..., _T], *args: object) -> _T:
    """``fn(*args)``, its wall time (seconds) logged at debug level and added to ``timings[name]``."""
    start = time.perf_counter()
    result = fn(*args)
    elapsed = time.perf_counter() - start
    log.debug("stage %s: %.3f s", name, elapsed)
    if timings is not None:
        timings[name] = timings.get(name, 0.0) + elapsed
    return result


def analyze(
    docs: Sequence[ArticleDoc],
    config: Config = Config(),  # noqa: B008 - Config is frozen
    embedder=None,
    story_id: str | None = None,
    timings: MutableMapping[str, float] | None = None,
) -> Story:
    """Analyse one story across its articles.

    Args:
        docs: the story's articles, processed by :func:`crossfact.nlp.process`.
        config: settings.
        embedder: a loaded :class:`~crossfact.analysis.embed.Embedder` to share; loaded here when None.
            It is wrapped in a :class:`CachedEmbedder`, so the stages encode each distinct text once.
        story_id: the story's id; by default the content id of its sorted article ids.
        timings: when given, the wall time of each stage (seconds) is added to it under the stage's name
            (dates, entities, claims, conflicts, quotes, timeline, summary, title).

    Returns:
        The story: title, articles, entities, claims, conflicts, quotes, timeline and summary.

    Raises:
        ValueError: when ``docs`` is empty.
    """
    # imported here so that light modules of this package (timeline, summary) import without the others
    from crossfact.analysis.claims import align_claims
    from crossfact.analysis.conflicts import find_conflicts
    from crossfact.analysis.quotes import collect_quotes
    from crossfact.analysis.resolve import resolve_entities
    from crossfact.analysis.story import borrow_published, story_title
    from crossfact.analysis.story import story_id as make_story_id
    from crossfact.analysis.summary import summarize
    from crossfact.analysis.timeline import build_timeline

    if not docs:
        raise ValueError("analyze() needs at least one article; got none")
    if embedder is None:
        from crossfact.analysis.embed import Embedder

        embedder = Embedder(config.embed_batch_size)
    if not isinstance(embedder, CachedEmbedder):
        embedder = CachedEmbedder(embedder)

    docs = _timed("dates", timings, borrow_published, docs)
    entities = _timed("entities", timings, resolve_entities, docs, config)
    claims = _timed("claims", timings, align_claims, docs, entities, embedder, config)
    conflicts = _timed("conflicts", timings, find_conflicts, docs, claims, entities, config, embedder)
    quotes = _timed("quotes", timings, collect_quotes, docs, entities)
    timeline = _timed("timeline", timings, build_timeline, docs, config, embedder)
    summary = _timed("summary", timings, summarize, docs, claims, conflicts, entities, config, embedder)
    title = _timed("title", timings, story_title, docs, entities, claims)

    story = Story(
        id=story_id or make_story_id(docs),
        title=title,
        articles=tuple(d.article.id for d in docs),
        entities=entities,
        claims=claims,
        conflicts=conflicts,
        quotes=quotes,
        timeline=timeline,
        summary=summary,
    )
    log.info(
        "story %s: %d articles, %d entities, %d claims, %d conflicts, %d quotes, %d events",
        story.id,
        len(docs),
        len(entities),
        len(claims),
        len(conflicts),
        len(quotes),
        len(timeline),
    )
    return story
