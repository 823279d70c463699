"""Tests for crossfact.analysis.story: borrowed publication dates, story id and title."""

from __future__ import annotations

import pytest

from crossfact.analysis.story import UNTITLED, borrow_published, consensus_date, story_id, story_title
from crossfact.model import Article, ArticleDoc, Claim, Entity, EntityMention, Sentence


def _doc(aid: str, text: str, published: str | None = None, title: str | None = None) -> ArticleDoc:
    article = Article(id=aid, text=text, source=f"{aid}.txt", published=published, title=title)
    return ArticleDoc(article=article, sentences=(Sentence(0, 0, len(text), text),))


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (["2025-04-11", "2025-04-11", "2025-04-12"], "2025-04-11"),
        (["2025-04-12", None, "2025-04-10", "2025-04-11"], "2025-04-11"),
        ([None, "2025-04"], None),
        ([None], None),
    ],
)
def test_consensus_date_is_the_median(dates, expected):
    docs = [_doc(str(i), "x", d) for i, d in enumerate(dates)]
    assert consensus_date(docs) == expected


def test_borrow_published_resolves_weekdays_of_undated_articles():
    dated = _doc("a", "The talks ended on Thursday.", "2025-04-11")
    undated = _doc("b", "Officials met on Thursday in the city.")
    fixed = borrow_published([dated, undated])
    assert fixed[0] is dated
    assert fixed[1].article.published == "2025-04-11"
    assert fixed[1].article.published_inferred is True
    assert "2025-04-10" in {d.value for d in fixed[1].dates}
    assert borrow_published(fixed) == fixed  # idempotent


def test_story_id_ignores_article_order():
    a, b = _doc("a", "x"), _doc("b", "y")
    assert story_id([a, b]) == story_id([b, a]) != story_id([a])


def test_story_title_prefers_the_most_central_headline():
    docs = [_doc("a", "x", title="Side story"), _doc("b", "y", title="Main story"), _doc("c", "z")]

    def entity(eid: str, articles: list[str]) -> Entity:
        return Entity(eid, eid, "PERSON", (), tuple(EntityMention(a, 0, 0, 1, "x") for a in articles))

    entities = [entity("e1", ["b", "c"]), entity("e2", ["b", "c"]), entity("e3", ["a"])]
    assert story_title(docs, entities, []) == "Main story"


def test_story_title_falls_back_to_top_claim_then_first_sentence():
    docs = [_doc("a", "First sentence here.")]
    assert story_title(docs, [], [Claim("c", "Top claim.", 2, 2)]) == "Top claim."
    assert story_title(docs, [], []) == "First sentence here."
    assert story_title([], [], []) == UNTITLED
