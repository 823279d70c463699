"""Date conflicts: the same person's event dated differently across articles (hand-built documents)."""

from __future__ import annotations

import pytest

from crossfact.analysis.date_conflicts import (
    date_conflicts,
    dates_differ,
    month_day_dates,
    sentence_dates,
    shift_date,
)
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


def doc_of(aid: str, *sentences: str, paragraphs=None) -> ArticleDoc:
    """Article of several sentences; ``paragraphs`` gives each sentence's paragraph (all 0 by default)."""
    text, sents = "", []
    for i, s in enumerate(sentences):
        start = len(text)
        sents.append(Sentence(i, start, start + len(s), s, paragraphs[i] if paragraphs else 0))
        text += s + " "
    return ArticleDoc(Article(aid, text, aid), tuple(sents))


def person_all(eid: str, name: str, docs: list[ArticleDoc]) -> Entity:
    """A PERSON entity with a mention at every occurrence of ``name``."""
    mentions = []
    for d in docs:
        for s in d.sentences:
            at = s.text.find(name)
            if at >= 0:
                mentions.append(
                    EntityMention(d.article.id, s.index, s.start + at, s.start + at + len(name), name)
                )
    return Entity(eid, name, "PERSON", (name,), tuple(mentions))


def test_date_conflicts_relative_interval_dates_from_the_sentence_before():
    docs = [
        doc_of(
            "a",
            "On March 3, officers raided the warehouse of Smith, who was detained.",
            "A day later, Roe also was arrested.",
        ),
        doc_of("b", "Court records show Roe was arrested March 3 and freed on bond."),
    ]
    entities = [person_all("e1", "Roe", docs), person_all("e2", "Smith", docs)]
    (conflict,) = date_conflicts(docs, entities)
    assert conflict.about == "date Roe was arrested"
    assert [(p.article, p.value) for p in conflict.positions] == [("a", "--03-04"), ("b", "--03-03")]


@pytest.mark.parametrize(
    ("sentences", "paragraphs"),
    [
        # the relative date agrees with the other article
        (
            ("On March 2, officers raided the warehouse of Smith.", "A day later, Roe also was arrested."),
            None,
        ),
        # the sentence before is in another paragraph: not the anchor
        (
            ("On March 3, officers raided the warehouse of Smith.", "A day later, Roe also was arrested."),
            [0, 1],
        ),
        # a vague interval
        (("On March 3, officers raided the warehouse of Smith.", "Days later, Roe also was arrested."), None),
        # no date before
        (("Officers raided the warehouse of Smith.", "A day later, Roe also was arrested."), None),
    ],
)
def test_date_conflicts_relative_interval_none(sentences, paragraphs):
    docs = [
        doc_of("a", *sentences, paragraphs=paragraphs),
        doc_of("b", "Court records show Roe was arrested March 3 and freed on bond."),
    ]
    assert date_conflicts(docs, [person_all("e1", "Roe", docs), person_all("e2", "Smith", docs)]) == []


@pytest.mark.parametrize(
    ("value", "days", "expected"),
    [
        ("--06-17", 1, "--06-18"),
        ("--02-28", 1, "--02-29"),
        ("2015-06-30", 2, "2015-07-02"),
        ("2015-12-31", 0, "2015-12-31"),
        ("2015-06", 1, None),
    ],
)
def test_shift_date(value, days, expected):
    assert shift_date(value, days) == expected


def test_sentence_dates_prefers_the_sentence_own_date():
    d = doc_of("a", "On March 3, officers raided a warehouse.", "A day later, on March 9, Roe was arrested.")
    assert [v for v, _, _ in sentence_dates(d, 1)] == ["--03-09"]
