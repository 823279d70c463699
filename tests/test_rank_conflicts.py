"""Rank descriptors of entities and their conflicts across articles (hand-built documents)."""

from __future__ import annotations

import pytest

from crossfact.analysis.rank_conflicts import rank_conflicts, rank_descriptors
from crossfact.model import Article, ArticleDoc, Entity, EntityMention, Sentence


def doc(aid: str, text: str) -> ArticleDoc:
    return ArticleDoc(Article(aid, text, aid), (Sentence(0, 0, len(text), text),))


def entity(name: str, docs: list[ArticleDoc], eid: str = "e1") -> Entity:
    mentions = []
    for d in docs:
        if name in d.article.text:
            start = d.article.text.index(name)
            mentions.append(EntityMention(d.article.id, 0, start, start + len(name), name))
    return Entity(eid, name, "GPE", (name,), tuple(mentions))


def describe(text: str, name: str):
    d = doc("a", text)
    start = text.index(name)
    return [
        (r.scope, r.dimension, r.rank, r.noun, r.phrase)
        for r in rank_descriptors(d, 0, start, start + len(name))
    ]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "A blast hit the city of Halbur, Norland's largest.",
            "Halbur",
            [("norland", "size", 1, None, "largest")],
        ),
        (
            "A bomb in Norland's second biggest city of Halbur killed three.",
            "Halbur",
            [("norland", "size", 2, "city", "second biggest")],
        ),
        (
            "Acme, the world's second-largest oil producer, said on Monday.",
            "Acme",
            [("world", "size", 2, "producer", "second largest")],
        ),
        (
            "Halbur, the largest city in Norland, was quiet.",
            "Halbur",
            [("norland", "size", 1, "city", "largest")],
        ),
        (
            "Norland's most populous city, Halbur, was quiet.",
            "Halbur",
            [("norland", "size", 1, "city", "most populous")],
        ),
        (
            "Halbur, Norland's 3rd-oldest town, was quiet.",
            "Halbur",
            [("norland", "age", 3, "town", "3rd oldest")],
        ),
        # not a rank of this entity now, or no rank at all
        ("Halbur, one of Norland's largest cities, was quiet.", "Halbur", []),
        ("One of Norland's largest cities, Halbur, was quiet.", "Halbur", []),
        ("Once Norland's largest city, Halbur, was quiet.", "Halbur", []),
        ("Norland's largest cities, Halbur and Dorf, were quiet.", "Halbur", []),
        ("Halbur, Norland's commercial hub, was quiet.", "Halbur", []),
        ("Halbur, the largest cities' rival, was quiet.", "Halbur", []),
    ],
)
def test_rank_descriptors_shapes(text, name, expected):
    assert describe(text, name) == expected


def test_rank_conflicts_different_ranks_in_one_scope():
    docs = [
        doc("a", "On Sunday a blast wounded 30 in the northern city of Halbur, Norland's largest."),
        doc("b", "A car bomb in Norland's second biggest city of Halbur killed three people."),
    ]
    (conflict,) = rank_conflicts(docs, [entity("Halbur", docs)])
    assert conflict.kind == "attribute"
    assert [(p.article, p.value) for p in conflict.positions] == [("a", "largest"), ("b", "second biggest")]
    assert [p.text for p in conflict.positions] == [
        "Halbur, Norland's largest",
        "Norland's second biggest city of Halbur",
    ]
    assert conflict.about == "rank of Halbur in norland (city)"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # the same rank, told two ways
        ("Halbur, Norland's largest city, was hit.", "Norland's biggest city, Halbur, was hit."),
        # different scopes: the world and the country
        ("Halbur, Norland's largest city, was hit.", "Halbur, the world's second-largest city, was hit."),
        # different dimensions: size and age
        ("Halbur, Norland's largest city, was hit.", "Halbur, Norland's second-oldest city, was hit."),
        # different nouns: a city and a port
        ("Halbur, Norland's largest city, was hit.", "Halbur, Norland's second-largest port, was hit."),
        # a rank among several is no rank
        ("Halbur, Norland's largest city, was hit.", "Halbur, one of Norland's largest cities, was hit."),
    ],
)
def test_rank_conflicts_none(first, second):
    docs = [doc("a", first), doc("b", second)]
    assert rank_conflicts(docs, [entity("Halbur", docs)]) == []


def test_rank_conflicts_need_the_same_entity():
    docs = [
        doc("a", "Halbur, Norland's largest city, was hit."),
        doc("b", "Dorf, Norland's second-largest city, was hit."),
    ]
    assert rank_conflicts(docs, [entity("Halbur", docs), entity("Dorf", docs, "e2")]) == []


def test_rank_conflicts_article_with_two_ranks_is_skipped():
    text = "Halbur, Norland's largest city, was hit. "
    a = ArticleDoc(
        Article("a", text + "Norland's second-largest city, Halbur, mourned.", "a"),
        (
            Sentence(0, 0, len(text) - 1, text[:-1]),
            Sentence(1, len(text), len(text) + 47, "Norland's second-largest city, Halbur, mourned."),
        ),
    )
    b = doc("b", "Halbur, Norland's third-largest city, was hit.")
    mentions = (
        EntityMention("a", 0, 0, 6, "Halbur"),
        EntityMention("a", 1, len(text) + 31, len(text) + 37, "Halbur"),
        EntityMention("b", 0, 0, 6, "Halbur"),
    )
    assert a.article.text[len(text) + 31 : len(text) + 37] == "Halbur"
    assert rank_conflicts([a, b], [Entity("e1", "Halbur", "GPE", ("Halbur",), mentions)]) == []
