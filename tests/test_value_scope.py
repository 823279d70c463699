"""What a value is given for: its place, period and base, and the other figure in its sentence."""

from __future__ import annotations

import pytest

from crossfact.analysis.value_scope import (
    PlaceScope,
    different_scope,
    percent_base,
    periods,
    scope_places,
    split_places,
    states_amount,
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
