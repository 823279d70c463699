"""Story-level helpers: publication dates borrowed across articles, the story's title and id."""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Sequence

from crossfact.model import ArticleDoc, Claim, Entity, content_id

log = logging.getLogger(__name__)

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
UNTITLED = "Untitled story"


def consensus_date(docs: Sequence[ArticleDoc]) -> str | None:
    """The median of the articles' publication dates (day precision), or None when none has one."""
    dates = sorted(
        d.article.published for d in docs if d.article.published and _ISO_DAY.match(d.article.published)
    )
    return dates[(len(dates) - 1) // 2] if dates else None


def borrow_published(docs: Sequence[ArticleDoc]) -> tuple[ArticleDoc, ...]:
    """Give articles without a publication date the story's consensus date and re-resolve their dates.

    An article with no date of its own (not even one the per-article NLP could infer) cannot place its
    "Thursday" or "yesterday". Its sister reports of the same story can: it borrows the median of their
    publication dates, marked ``published_inferred=True``, and its dates are extracted again against it.
    Idempotent: articles that have a date are returned unchanged.

    Args:
        docs: the story's analysed articles.

    Returns:
        The articles in the same order, fixed where needed.
    """
    borrowed = consensus_date(docs)
    if borrowed is None or all(d.article.published for d in docs):
        return tuple(docs)
    from crossfact.nlp.dates import extract_dates  # the per-article stage, reused at story level

    out = []
    for d in docs:
        if d.article.published:
            out.append(d)
            continue
        article = dataclasses.replace(d.article, published=borrowed, published_inferred=True)
        dates = extract_dates(article.text, d.sentences, borrowed)
        log.info(
            "%s: no publication date; borrowed the story's %s (%d dates resolved)",
            article.id,
            borrowed,
            len(dates),
        )
        out.append(dataclasses.replace(d, article=article, dates=tuple(dates)))
    return tuple(out)


def story_id(docs: Sequence[ArticleDoc]) -> str:
    """A deterministic id: the content id of the sorted article ids."""
    return content_id(*sorted(d.article.id for d in docs))


def central_order(docs: Sequence[ArticleDoc], entities: Sequence[Entity]) -> list[int]:
    """Indexes of ``docs``, most central first: sharing the most entities with the other articles."""
    sets: list[set[str]] = [set() for _ in docs]
    index = {d.article.id: i for i, d in enumerate(docs)}
    for e in entities:
        for m in e.mentions:
            if m.article in index:
                sets[index[m.article]].add(e.id)

    def centrality(i: int) -> float:
        others = [j for j in range(len(docs)) if j != i]
        if not others:
            return 0.0
        return sum(len(sets[i] & sets[j]) / max(1, len(sets[i] | sets[j])) for j in others) / len(others)

    return sorted(range(len(docs)), key=lambda i: (-centrality(i), i))


def story_title(docs: Sequence[ArticleDoc], entities: Sequence[Entity], claims: Sequence[Claim]) -> str:
    """The headline of the most central article that has one, else the top claim, else a first sentence."""
    for i in central_order(docs, entities):
        title = (docs[i].article.title or "").strip()
        if title:
            return title
    if claims:
        return claims[0].text.strip()
    for d in docs:
        if d.sentences:
            return d.sentences[0].text.strip()
    return UNTITLED
