"""Date conflicts: the same person's event dated differently across articles (hand-built documents)."""

from __future__ import annotations

import pytest

from crossfact.analysis.date_conflicts import date_conflicts, dates_differ, month_day_dates
from crossfact.model import Article, ArticleDoc, DateRef, Entity, EntityMention, Sentence


def doc(aid: str, text: str, dates=()) -> ArticleDoc:
    """One-sentence article; ``dates`` as (span, iso value) resolved by the NLP."""
    refs = []
    for span, value in dates:
        start = text.index(span)
        refs.append(DateRef(0, start, start + len(span), span, value, "day"))
    return ArticleDoc(Article(aid, text, aid), (Sentence(0, 0, len(text), text),), dates=tuple(refs))


def person(eid: str, name: str, docs: list[ArticleDoc]) -> Entity:
    mentions = []
    for d in docs:
        if name in d.article.text:
            start = d.article.text.index(name)
            mentions.append(EntityMention(d.article.id, 0, start, start + len(name), name))
    return Entity(eid, name, "PERSON", (name,), tuple(mentions))


def test_date_conflicts_same_arrest_different_days():
    docs = [
        doc("a", "Police said Roe was arrested on March 3 at her home."),
        doc("b", "Roe was arrested March 4, court records show."),
    ]
    (conflict,) = date_conflicts(docs, [person("e1", "Roe", docs)])
    assert conflict.kind == "date"
    assert conflict.about == "date Roe was arrested"
    assert [(p.article, p.value) for p in conflict.positions] == [("a", "--03-03"), ("b", "--03-04")]
    assert all(p.text == d.sentences[0].text for p, d in zip(conflict.positions, docs, strict=True))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # the same day: no conflict
        ("Police said Roe was arrested on March 3 at her home.", "Roe was arrested March 3, records show."),
        # two different events of one person on two days
        ("Police said Roe was arrested on March 3 at her home.", "Roe pleaded not guilty on March 9."),
        # another person in the sentence: whose date is it?
        ("Roe and Doe were arrested on March 3.", "Roe was arrested March 4, records show."),
        # no date
        ("Police said Roe was arrested at her home.", "Roe was arrested March 4, records show."),
    ],
)
def test_date_conflicts_none(first, second):
    docs = [doc("a", first), doc("b", second)]
    entities = [person("e1", "Roe", docs), person("e2", "Doe", docs)]
    assert date_conflicts(docs, entities) == []


def test_date_conflicts_use_resolved_dates_with_years():
    docs = [
        doc("a", "Roe was arrested on March 3, 2020, police said.", [("March 3, 2020", "2020-03-03")]),
        doc("b", "Roe was arrested on March 3, 2021, police said.", [("March 3, 2021", "2021-03-03")]),
    ]
    (conflict,) = date_conflicts(docs, [person("e1", "Roe", docs)])
    assert [p.value for p in conflict.positions] == ["2020-03-03", "2021-03-03"]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("--06-17", "--06-18", True),
        ("--06-17", "2015-06-17", False),
        ("2015-06-17", "2016-06-17", True),
        ("2015-06-17", "2015-06-17", False),
    ],
)
def test_dates_differ(a, b, expected):
    assert dates_differ(a, b) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He was seen on Sept. 3rd near the port.", ["--09-03"]),
        ("The law passed in June 2015.", []),
        ("She was charged June 2 and released June 30.", ["--06-02", "--06-30"]),
    ],
)
def test_month_day_dates(text, expected):
    assert [v for v, _, _ in month_day_dates(doc("a", text), 0)] == expected
