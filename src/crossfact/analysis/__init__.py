"""The cross-article analysis of one story: the ordered stages over a story's analysed articles.

``analyze`` runs, in this order: publication dates borrowed from sister articles (so an undated
article's "Thursday" resolves) -> entity resolution -> claim alignment -> conflicts -> quotes -> timeline ->
summary, and returns a :class:`~crossfact.model.Story`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from crossfact.config import Config
from crossfact.model import ArticleDoc, Story

log = logging.getLogger(__name__)

__all__ = ["analyze"]


def analyze(
    docs: Sequence[ArticleDoc],
    config: Config = Config(),  # noqa: B008 - Config is frozen
    embedder=None,
    story_id: str | None = None,
) -> Story:
    """Analyse one story across its articles.

    Args:
        docs: the story's articles, processed by :func:`crossfact.nlp.process`.
        config: settings.
        embedder: a loaded :class:`~crossfact.analysis.embed.Embedder` to share; loaded here when None.
        story_id: the story's id; by default the content id of its sorted article ids.

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

    docs = borrow_published(docs)
    entities = resolve_entities(docs, config)
    claims = align_claims(docs, entities, embedder, config)
    conflicts = find_conflicts(docs, claims, entities, config, embedder)
    quotes = collect_quotes(docs, entities)
    timeline = build_timeline(docs, config, embedder)
    summary = summarize(docs, claims, conflicts, entities, config, embedder)

    story = Story(
        id=story_id or make_story_id(docs),
        title=story_title(docs, entities, claims),
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
