"""Relative intervals ("three days later", "the next day") and their conflicts across articles."""

from __future__ import annotations

import pytest

from crossfact.analysis.intervals import (
    RelativeInterval,
    day_interval,
    day_offsets,
    interval_conflicts,
    interval_display,
    intervals_agree,
    relative_intervals,
)
from crossfact.model import Article, ArticleDoc, Sentence
from fakes import BagEmbedder


def doc(aid: str, *sentences: str) -> ArticleDoc:
    text, sents, at = "", [], 0
    for i, s in enumerate(sentences):
        sents.append(Sentence(i, at, at + len(s), s))
        text += s + " "
        at = len(text)
    return ArticleDoc(Article(aid, text, aid), tuple(sents))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The talks resumed three days later.", [("three days later", 3.0)]),
        ("A day later, Doe was arrested.", [("A day later", 1.0)]),
        ("The next day, the delegations met again.", [("The next day", 1.0)]),
        ("He returned the following morning.", [("the following morning", 1.0)]),
        ("Two weeks later the bridge reopened.", [("Two weeks later", 14.0)]),
        ("She was charged 10 days after.", [("10 days after", 10.0)]),
        ("Police arrived later that day.", [("later that day", 0.0)]),
        # vague or anchored elsewhere: not read
        ("Days later, the storm returned.", []),
        ("Hours later, the storm returned.", []),
        ("A few days later, the storm returned.", []),
        ("Three days after the vote, he resigned.", []),
        ("The following month, the plant closed.", []),
    ],
)
def test_relative_intervals_phrases(text, expected):
    assert [(r.text, r.days) for r in relative_intervals(text)] == expected


def test_relative_intervals_offsets_point_into_the_article():
    (r,) = relative_intervals("A day later, Doe was arrested.", offset=100)
    assert (r.start, r.end) == (100, 111)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("A day later, Doe was arrested.", 1.0),
        ("Two days later, Doe was arrested.", 2.0),
        ("A week later, Doe was arrested.", None),  # a week is not a day count to date by
        ("The next day and two days later, Doe was seen.", None),  # two intervals: which one?
        ("Doe was arrested.", None),
    ],
)
def test_day_interval(text, days):
    found = day_interval(text)
    assert (found.days if found else None) == days


@pytest.mark.parametrize(
    ("a", "b", "hedged", "expected"),
    [
        (1, 3, False, False),
        (3, 3, False, True),
        (7, 8, False, True),
        (7, 14, False, False),
        (0, 1, False, False),
        (30, 28, False, True),
        (14, 10, False, False),
        (14, 10, True, True),  # "about two weeks later" and "ten days later"
        (1, 3, True, False),
    ],
)
def test_intervals_agree(a, b, hedged, expected):
    assert intervals_agree(a, b, hedged) is expected


def test_relative_intervals_hedge_and_clock():
    (r,) = relative_intervals("About two hours later, the fire was out.")
    assert (r.approximate, r.clock, round(r.days * 24, 6)) == (True, True, 2.0)
    assert day_interval("About two days later, Doe was arrested.") is None  # no exact day to date by
    assert day_interval("Two hours later, Doe was arrested.") is None


@pytest.mark.parametrize(
    ("interval", "expected"),
    [
        (RelativeInterval(0, 1, "x", 3.0), "3 days"),
        (RelativeInterval(0, 1, "x", 1.0), "1 day"),
        (RelativeInterval(0, 1, "x", 2 / 24, clock=True), "2 hours"),
        (RelativeInterval(0, 1, "x", 30 / 1440, clock=True), "30 minutes"),
        (RelativeInterval(0, 1, "x", 14.0, approximate=True), "about 14 days"),
    ],
)
def test_interval_display(interval, expected):
    assert interval_display(interval) == expected


CALL_A = "On Monday the union leader phoned the mayor and asked to meet to discuss the strike."
CALL_B = "Later the union leader phoned the mayor and asked to meet to discuss the strike again."


def test_interval_conflicts_same_events_different_intervals():
    docs = [
        doc("a", CALL_A, "They met three days later, and the union leader brought a written proposal."),
        doc("b", CALL_B, "The next day, they met again, and the union leader brought a written proposal."),
    ]
    (conflict,) = interval_conflicts(docs, BagEmbedder())
    assert conflict.kind == "quantity"
    assert [(p.article, p.value) for p in conflict.positions] == [("a", "3 days"), ("b", "1 day")]
    assert all(p.text == d.sentences[1].text for p, d in zip(conflict.positions, docs, strict=True))


def test_interval_conflicts_earlier_event_two_sentences_back():
    docs = [
        doc("a", CALL_A, "They met three days later, and the union leader brought a written proposal."),
        doc(
            "b",
            CALL_B,
            "A pull quote.",
            "The next day, they met again, and the union leader brought a written proposal.",
        ),
    ]
    assert len(interval_conflicts(docs, BagEmbedder())) == 1


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # the same interval told two ways
        (
            (CALL_A, "They met a day later, and the union leader brought a written proposal."),
            (CALL_B, "The next day, they met again, and the union leader brought a written proposal."),
        ),
        # the same later event after different earlier events
        (
            (CALL_A, "They met three days later, and the union leader brought a written proposal."),
            (
                "The storm closed every school in the county on Friday morning.",
                "The next day, they met again, and the union leader brought a written proposal.",
            ),
        ),
        # a clock interval and a calendar one: "the next morning" may be twelve hours later
        (
            (CALL_A, "They met 12 hours later, and the union leader brought a written proposal."),
            (CALL_B, "The next day, they met again, and the union leader brought a written proposal."),
        ),
        # different later events after the same earlier one
        (
            (CALL_A, "They met three days later, and the union leader brought a written proposal."),
            (CALL_B, "The next day, prosecutors filed charges in the county court."),
        ),
    ],
)
def test_interval_conflicts_none(first, second):
    docs = [doc("a", *first), doc("b", *second)]
    assert interval_conflicts(docs, BagEmbedder()) == []


def test_interval_conflicts_need_an_embedder():
    docs = [
        doc("a", CALL_A, "They met three days later, and the union leader brought a written proposal."),
        doc("b", CALL_B, "The next day, they met again, and the union leader brought a written proposal."),
    ]
    assert interval_conflicts(docs, None) == []


@pytest.mark.parametrize(
    ("text", "forward", "both"),
    [
        ("He had called a day earlier.", [], [-1.0]),
        ("He had called them the night before.", [], [-1.0]),
        ("They had met the previous evening.", [], [-1.0]),
        ("He resigned the day before the vote.", [], []),
        ("Three days later, he resigned.", [3.0], [3.0]),
    ],
)
def test_relative_intervals_backward_only_when_asked(text, forward, both):
    assert [r.days for r in relative_intervals(text)] == forward
    assert [r.days for r in relative_intervals(text, backward=True)] == both


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("About three days later, he was arrested.", []),  # hedged: no exact day
        ("Two weeks later, he was arrested.", []),
        ("Later that day, he was arrested.", []),
        ("Two hours later, he was arrested.", []),
        ("Twelve days later, he was arrested.", [12]),
    ],
)
def test_day_offsets_only_exact_day_counts(text, expected):
    assert [days for _s, _e, days in day_offsets(text)] == expected
