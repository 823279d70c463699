"""Tests for crossfact.nlp.story_year: the story's year from stated dates and office titles."""

from __future__ import annotations

from datetime import date

import pytest

from crossfact.model import Article, ArticleDoc
from crossfact.nlp.dates import extract_dates
from crossfact.nlp.numwords import simple_sentences
from crossfact.nlp.story_year import infer_story_year, office_years, stated_days, stated_floor

TODAY = date(2026, 1, 15)
TRUMP = set(range(2017, 2022)) | set(range(2025, 2027))


def _doc(aid: str, text: str) -> ArticleDoc:
    sentences = simple_sentences(text)
    article = Article(id=aid, text=text, source=f"{aid}.txt")
    return ArticleDoc(
        article=article, sentences=sentences, dates=extract_dates(text, sentences, None, today=TODAY)
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He could be deported under President Donald Trump's policies.", [TRUMP]),
        ("U.S. President Trump spoke.", [TRUMP]),
        ("President Barack Obama signed the bill.", [set(range(2009, 2018))]),
        ("President George W. Bush spoke.", [set(range(1989, 1994)) | set(range(2001, 2010))]),
        ("Former President Barack Obama spoke.", [set(range(2017, 2027))]),
        ("former President Donald Trump spoke.", [{2021, 2022, 2023, 2024, 2025}]),
        # titles that do not date the writing
        ("Then-President Barack Obama spoke.", []),
        ("Vice President Joe Biden spoke.", []),
        ("The late President George H. W. Bush spoke.", []),
        ("Former President Bush spoke.", []),  # which of the two?
        ("President-elect Donald Trump spoke.", []),
        ("Under a President Trump, he said, deportations would rise.", []),  # a campaign's hypothetical
        ("The future President Obama was a senator then.", []),
        ("The law was signed by President Bush in 2003.", []),  # the sentence dates itself
        ("President Vladimir Putin spoke.", []),  # not in the table
        ("She visited the Obama Presidential Center.", []),
    ],
)  # fmt: skip
def test_office_years(text: str, expected: list[set[int]]) -> None:
    assert office_years(text, today=TODAY) == expected


def test_stated_floor_ignores_future_clauses_and_bare_years() -> None:
    doc = _doc(
        "a",
        "The incident dates to March 25, 2016. He will be sentenced on May 3, 2019. He has been a lawyer "
        "since 2011. The court met in February 2014.",
    )
    assert stated_floor([doc]) == 2016
    assert stated_floor([_doc("b", "He has been a lawyer since 2011.")]) is None


INCIDENT = "The incident dates to March 25, 2016, the indictment says."
TITLE = "She could be deported under President Donald Trump's policies."


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        ([INCIDENT, TITLE], 2017),  # 2016 or 2017, and a Trump year: 2017
        ([INCIDENT + " " + TITLE], 2017),
        ([INCIDENT, "Former President Barack Obama spoke at the rally."], 2017),
        ([INCIDENT], None),  # no title: 2016 or 2017
        ([TITLE], None),  # no stated date: any Trump year
        (["The incident dates to March 25, 2015. " + TITLE], None),  # 2015-16 admits no Trump year
        (["The incident dates to March 25, 2017. " + TITLE], None),  # 2017 or 2018: two left
        ([INCIDENT, "President Barack Obama spoke at the rally."], None),  # 2016 and 2017 are Obama years
        ([INCIDENT, TITLE, "President Barack Obama spoke at the rally."], None),  # the titles disagree
        ([INCIDENT, TITLE, "He will be sentenced on May 3, 2019."], 2017),  # a future date is no floor
    ],
)
def test_infer_story_year(texts: list[str], expected: int | None) -> None:
    docs = [_doc(str(i), t) for i, t in enumerate(texts)]
    assert infer_story_year(docs, today=TODAY) == expected


def test_infer_story_year_never_after_today() -> None:
    docs = [_doc("a", "The fire began on March 2, 2026. " + TITLE)]
    assert infer_story_year(docs, today=date(2026, 6, 1)) == 2026
    assert infer_story_year([_doc("a", "The fire began on March 2, 2026.")], today=TODAY) is None


def test_stated_days_keeps_month_days_stated_with_one_year() -> None:
    docs = [
        _doc("a", "They met on May 18, 2017, in his office. The fire began on June 2, 2015."),
        _doc("b", "The vote on June 2, 2016 failed. An ISO date: 2014-01-09. He met them on May 18."),
    ]
    assert stated_days(docs) == {(5, 18): 2017, (1, 9): 2014}  # June 2: two years, left out
