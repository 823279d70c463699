"""What a value is given for: its place, period and base, and the other figure in its sentence."""

from __future__ import annotations

import numpy as np
import pytest

from crossfact.analysis.value_scope import (
    PlaceScope,
    different_scope,
    percent_base,
    periods,
    scope_places,
    separate_days,
    separate_scopes,
    split_places,
    states_amount,
    value_group,
    weekdays,
    years,
)
from crossfact.model import Article, ArticleDoc, Entity, EntityMention, Mention, Sentence, Value


def _doc(
    text: str, value: str, amount: float, places=(), kind="count", unit="person"
) -> tuple[ArticleDoc, Value]:
    start = text.index(value)
    v = Value(0, start, start + len(value), value, kind, amount, unit)
    mentions = tuple(Mention(0, text.index(p), text.index(p) + len(p), p, "GPE") for p in places)
    d = ArticleDoc(Article("a", text, "a"), (Sentence(0, 0, len(text), text),), mentions, (v,))
    return d, v


@pytest.mark.parametrize(
    ("text", "places", "expected"),
    [
        ("In all, 104 people were killed in Homs on Monday.", ["Homs"], {"homs"}),
        ("125 people died across Syria, many of them at a checkpoint in Homs.", ["Syria", "Homs"], {"syria"}),
        ("125 people died in Homs, Syria on Monday.", ["Homs", "Syria"], {"homs", "syria"}),
        ("125 people died on Monday; Homs was calm.", ["Homs"], set()),  # another clause
        (
            "125 people died on Monday in the unrest that has gripped the country since March, in Homs.",
            ["Homs"],
            set(),
        ),
        ("125 people died on Monday.", [], set()),
        # the place belongs to the next clause, and to another figure
        ("A pileup killed 2 people, and across Iowa 30,900 homes lost power.", ["Iowa"], set()),
    ],
)
def test_scope_places(text, places, expected):
    d, v = _doc(text, text.split(" people")[0].split()[-1] + " people", 1.0, places)
    assert scope_places(d, v, {}).places == frozenset(expected)


def test_scope_places_names_places_by_entity():
    d, v = _doc("125 people died in Homs.", "125 people", 125, ["Homs"])
    start = d.article.text.index("Homs")
    ent = Entity("g1", "Homs", "GPE", mentions=(EntityMention("a", 0, start, start + 4, "Homs"),))
    assert scope_places(d, v, {("a", start): ent}).places == frozenset({"g1"})


@pytest.mark.parametrize(
    ("text", "place", "whole"),
    [
        ("A total of 125 people had died in Syria.", "Syria", True),
        ("125 people died across Syria on Monday.", "Syria", True),
        ("125 people died nationwide, in Syria.", "Syria", True),
        ("104 people were killed Monday in Homs.", "Homs", False),
    ],
)
def test_scope_places_whole(text, place, whole):
    d, v = _doc(text, text.split(" people")[0].split()[-1] + " people", 1.0, [place])
    assert scope_places(d, v, {}).whole is whole


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (PlaceScope(frozenset({"syria"}), True), PlaceScope(frozenset({"homs"})), True),  # whole against part
        (PlaceScope(frozenset({"i-35"})), PlaceScope(frozenset({"iowa"})), False),  # two sides of one spot
        (PlaceScope(frozenset({"syria"}), True), PlaceScope(frozenset({"syria"})), False),
        (PlaceScope(frozenset({"syria"}), True), PlaceScope(frozenset()), False),
    ],
)
def test_split_places(a, b, expected):
    assert split_places(a, b) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prices rose 4% in 2012 and 5% in 2013.", {"2012", "2013"}),
        ("It cost $2012 in all, up 3% on 1,998.", set()),
        ("No year here.", set()),
    ],
)
def test_years(text, expected):
    assert years(text) == frozenset(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sales rose 4% this year.", {"this year"}),
        ("Sales rose 4% in the first quarter, and 9% last year.", {"first quarter", "last year"}),
        ("Annual inflation was 3%.", {"year"}),
        ("It grew 2% a month.", {"month"}),
        ("It grew 2% year-on-year.", {"year"}),
        ("It grew 2%.", set()),
    ],
)
def test_periods(text, expected):
    assert periods(text) == frozenset(expected)


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        (" of voters backed it", {"voter"}),
        (" of registered voters backed it", {"registered", "voter"}),
        (" of the vote in Ohio", {"vote"}),
        (" among Republicans, a poll found", {"republican"}),
        (" backed it", set()),
    ],
)
def test_percent_base(after, expected):
    assert percent_base(after) == frozenset(expected)


@pytest.mark.parametrize(
    ("text", "value", "amount", "expected"),
    [
        ("Fertility is five children per woman; in Niger it is seven.", "five children", 7, True),
        ("Fertility is five children per woman in the region.", "five children", 7, False),
        ("Fertility is five children per woman, and 7 cars per family.", "five children", 7, False),
        ("Fertility is five children per woman.", "five children", 5, False),  # its own number does not count
    ],
)
def test_states_amount(text, value, amount, expected):
    d, v = _doc(text, value, 5, kind="count", unit="child")
    if "7 cars" in text:
        start = text.index("7 cars")
        cars = Value(0, start, start + 6, "7 cars", "count", 7, "car")
        d = ArticleDoc(d.article, d.sentences, d.mentions, (v, cars))
    assert states_amount(d, v, amount, lambda w: w.unit != "child") is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [({"x"}, {"y"}, True), ({"x"}, {"x", "y"}, False), (set(), {"y"}, False), (set(), set(), False)],
)
def test_different_scope(a, b, expected):
    assert different_scope(frozenset(a), frozenset(b)) is expected


@pytest.mark.parametrize(
    ("text", "value", "kind", "noun", "expected"),
    [
        (
            "The Senate budget would cut $4.3 trillion from benefit programs over the next 10 years.",
            "$4.3 trillion",
            "money",
            None,
            {"benefit", "program"},
        ),
        (
            "The plan seeks $5.1 trillion in domestic spending cuts over 10 years.",
            "$5.1 trillion",
            "money",
            None,
            {"domestic", "spending", "cut"},
        ),
        (
            "Even people who ran slightly more, for 2.5 hours a week, had a higher risk.",
            "2.5 hours",
            "duration",
            None,
            {"person"},
        ),
        (
            "Risk was lowest in joggers with the highest running time\u2014nearly three hours a week.",
            "nearly three hours",
            "duration",
            None,
            {"jogger"},
        ),
        ("Those who ran 2.5 hours a week did well.", "2.5 hours", "duration", None, set()),  # a pronoun
        (
            "The fund pays $300 million from Medicare each year.",
            "$300 million",
            "money",
            None,
            set(),
        ),  # a name
        ("Officials said that 12 people were arrested.", "12 people", "count", "people", {"person"}),
        ("The talks lasted five hours on Monday.", "five hours", "duration", None, set()),
        (
            "Only 80 ran more than three times a week for the study.",
            "more than three times",
            "count",
            "times",
            {"study"},
        ),
    ],
)
def test_value_group_reads_the_group_or_object(text, value, kind, noun, expected):
    start = text.index(value)
    v = Value(0, start, start + len(value), value, kind, 1.0, "x", noun=noun)
    d = ArticleDoc(Article("a", text, "a"), (Sentence(0, 0, len(text), text),), (), (v,))
    assert value_group(d, v) == frozenset(expected)


def _two_values(text: str, first: str, second: str, kind: str = "money") -> tuple[ArticleDoc, list[Value]]:
    vals = []
    for span, amount in ((first, 1.0), (second, 2.0)):
        start = text.index(span)
        vals.append(Value(0, start, start + len(span), span, kind, amount, "USD"))
    d = ArticleDoc(Article("a", text, "a"), (Sentence(0, 0, len(text), text),), (), tuple(vals))
    return d, vals


def _one_value(aid: str, text: str, span: str, amount: float) -> tuple[ArticleDoc, Value]:
    start = text.index(span)
    v = Value(0, start, start + len(span), span, "money", amount, "USD")
    return ArticleDoc(Article(aid, text, aid), (Sentence(0, 0, len(text), text),), (), (v,)), v


@pytest.mark.parametrize(
    ("other_text", "expected_linked"),
    [
        ("The bill seeks $3 trillion in domestic spending cuts.", False),  # other groups: other facts
        ("The bill would cut $3 trillion from benefit programs.", True),  # the same object
        ("The bill would cut $3 trillion, its authors said.", True),  # the text does not say
    ],
)
def test_separate_scopes_several_values_need_a_shared_group(other_text, expected_linked):
    a, (x, z) = _two_values(
        "It would cut $2 trillion from benefit programs and $1 trillion from the budgets of agencies.",
        "$2 trillion",
        "$1 trillion",
    )
    b, y = _one_value("b", other_text, "$3 trillion", 3.0)
    located = [(0, x), (1, y), (0, z)]
    scores = np.array([[-1.0, 0.9, -1.0], [0.9, -1.0, -1.0], [-1.0, -1.0, -1.0]], dtype=np.float32)
    separate_scopes([a, b], located, lambda v: (v.kind, v.unit), {}, scores)
    assert bool(scores[0, 1] > -1) is expected_linked


def test_separate_scopes_one_value_per_article_keeps_its_link():
    """Groups are read only where an article states several values of the kind."""
    a, x = _one_value("a", "The bill would cut $2 trillion from benefit programs.", "$2 trillion", 2.0)
    b, y = _one_value("b", "The bill seeks $3 trillion in domestic spending cuts.", "$3 trillion", 3.0)
    scores = np.array([[-1.0, 0.9], [0.9, -1.0]], dtype=np.float32)
    separate_scopes([a, b], [(0, x), (1, y)], lambda v: (v.kind, v.unit), {}, scores)
    assert scores[0, 1] == pytest.approx(0.9)


@pytest.mark.parametrize(
    ("days", "amounts", "expected"),
    [
        ([{"friday"}, {"monday"}, set()], [90, 120, 120], [-1.0, -1.0, 0.9]),  # the undated twin takes Monday
        ([{"friday"}, {"friday"}, set()], [90, 120, 120], [0.9, 0.9, 0.9]),
        ([set(), {"monday"}, set()], [90, 120, 90], [0.9, 0.9, 0.9]),  # unknown days: kept
    ],
)
def test_separate_days_unlinks_other_weekdays(days, amounts, expected):
    scores = np.full((3, 3), 0.9, dtype=np.float32)
    np.fill_diagonal(scores, -1.0)
    separate_days(amounts, [frozenset(d) for d in days], scores, 0.52)
    assert [float(scores[0, 1]), float(scores[0, 2]), float(scores[1, 2])] == pytest.approx(expected)


def test_weekdays_reads_day_names():
    assert weekdays("On Monday and again on friday, the index fell.") == {"monday", "friday"}
