"""Tests for nlp/numbers.py and nlp/numwords.py: number parsing and value extraction."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from crossfact.model import Sentence, Value
from crossfact.nlp.numbers import duration_hours, extract_values, parse_number
from crossfact.nlp.numwords import numbers_in, simple_sentences


def _values(text: str) -> tuple[Value, ...]:
    return extract_values(text, simple_sentences(text))


def _one(text: str, kind: str) -> Value:
    found = [v for v in _values(text) if v.kind == kind]
    assert len(found) == 1, (text, found)
    return found[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5.5", 5.5),
        ("3,000", 3000),
        ("1.2 million", 1_200_000),
        ("five", 5),
        ("twenty-five", 25),
        ("one hundred and twelve", 112),
        ("a dozen", 12),
        ("half a dozen", 6),
        ("five and a half", 5.5),
        ("two and a half", 2.5),
        ("a half", 0.5),
        ("one-third", 1 / 3),
        ("two thirds", 2 / 3),
        ("three quarters", 0.75),
        ("2 1/2", 2.5),
        ("2½", 2.5),
        ("1/2", 0.5),
        ("a hundred", 100),
        ("twelve hundred", 1200),
        ("one million two hundred thousand", 1_200_000),
        ("Twenty Five", 25),
    ],
)
def test_parse_number_values(text: str, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text", ["", "second", "third", "a", "and", "five six", "hello", "twenty thirty", "1,2,3"]
)
def test_parse_number_rejects_non_numbers(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "span", "qualifier", "amount", "low", "high"),
    [
        ("They met for approximately five hours.", "approximately five hours", "about", 5, 4.5, 5.5),
        ("It lasted about five and a half hours.", "about five and a half hours", "about", 5.5, 4.95, 6.05),
        ("It went on for over six hours.", "over six hours", "more than", 6, 6, None),
        ("She spent some six hours there.", "some six hours", "about", 6, 5.4, 6.6),
        ("It took more than 19 hours.", "more than 19 hours", "more than", 19, 19, None),
        ("It took less than two hours.", "less than two hours", "less than", 2, 0, 2),
        ("It takes at least three hours.", "at least three hours", "at least", 3, 3, None),
        ("It takes up to three hours.", "up to three hours", "at most", 3, 0, 3),
        ("It lasted nearly four hours.", "nearly four hours", "about", 4, 3.6, 4),
        ("It lasted five and a half hours.", "five and a half hours", None, 5.5, 5.5, 5.5),
        ("He waited about an hour and a half.", "about an hour and a half", "about", 1.5, 1.35, 1.65),
    ],
)
def test_extract_values_duration_hedges(text, span, qualifier, amount, low, high) -> None:
    v = _one(text, "duration")
    assert (v.text, v.qualifier, v.unit) == (span, qualifier, "h")
    assert v.amount == pytest.approx(amount)
    assert (v.low, v.high) == (
        pytest.approx(low) if low is not None else None,
        pytest.approx(high) if high is not None else None,
    )


@pytest.mark.parametrize(
    ("text", "unit", "hours"),
    [
        ("It lasted 90 minutes.", "min", 1.5),
        ("It lasted two days.", "d", 48),
        ("She is serving a 12-year sentence.", "y", 12 * 8766),
        ("The strike lasted three weeks.", "wk", 3 * 168),
        ("He waited 30 seconds.", "s", 30 / 3600),
    ],
)
def test_duration_hours_converts_units(text: str, unit: str, hours: float) -> None:
    v = _one(text, "duration")
    assert v.unit == unit
    assert duration_hours(v) == pytest.approx(hours)


def test_duration_hours_none_for_other_kinds() -> None:
    assert duration_hours(_one("He paid $5 for it.", "money")) is None


@pytest.mark.parametrize(
    ("text", "span", "amount", "unit", "noun"),
    [
        ("They died in a 30-car pileup on the road.", "30-car pileup", 30, "car", "pileup"),
        ("Two died in a 25-vehicle pileup.", "25-vehicle pileup", 25, "vehicle", "pileup"),
        (
            "The return of six diplomatic properties was agreed.",
            "six diplomatic properties",
            6,
            "property",
            "diplomatic properties",
        ),
        ("Police said two gunmen fled.", "two gunmen", 2, "gunman", "gunmen"),
        (
            "There were three suicide bombings in the city.",
            "three suicide bombings",
            3,
            "bombing",
            "suicide bombings",
        ),
        ("The blast killed 27 people overnight.", "27 people", 27, "person", "people"),
        ("Troops killed two of the gunmen.", "two of the gunmen", 2, "gunman", "gunmen"),
        ("The explosion killed two and wounded many.", "two", 2, "person", None),
        ("The attack left 27 dead.", "27 dead", 27, "person", "dead"),
        ("Twin car bombs hit the city.", "Twin car bombs", 2, "bomb", "car bombs"),
    ],
)
def test_extract_values_counts(text, span, amount, unit, noun) -> None:
    v = _one(text, "count")
    assert (v.text, v.amount, v.unit, v.noun) == (span, amount, unit, noun)


def test_extract_values_count_hedged_without_noun() -> None:
    v = _one("The toll rose and the blast killed at least three on Sunday.", "count")
    assert (v.text, v.qualifier, v.low, v.high) == ("at least three", "at least", 3.0, None)


@pytest.mark.parametrize(
    ("text", "span", "amount", "currency", "noun"),
    [
        ("He offered them $3,000 each to stay away.", "$3,000 each", 3000, "USD", "each"),
        ("The fund holds $1.2 million.", "$1.2 million", 1.2e6, "USD", None),
        ("A fine of €500 was paid.", "€500", 500, "EUR", None),
        ("It cost £20 to enter.", "£20", 20, "GBP", None),
        ("They paid 5,000 rubles for it.", "5,000 rubles", 5000, "RUB", None),
        ("A $50,000 reward was offered.", "$50,000", 50000, "USD", "reward"),
        ("It was sold for about $5m last year.", "about $5m", 5e6, "USD", None),
    ],
)
def test_extract_values_money(text, span, amount, currency, noun) -> None:
    v = _one(text, "money")
    assert (v.text, v.amount, v.unit, v.noun) == (span, amount, currency, noun)


@pytest.mark.parametrize(
    ("text", "span", "amount", "noun"),
    [
        ("Police arrested Kevin Johnson, 25, on Tuesday.", "Kevin Johnson, 25", 25, "Kevin Johnson"),
        ("The suspect, Mary Ann Smith, 41, was held.", "Mary Ann Smith, 41", 41, "Mary Ann Smith"),
        ("The 19-year-old student was detained.", "19-year-old", 19, "student"),
        ("A man aged 52 died.", "aged 52", 52, None),
        ("She is 30 years old now.", "30 years old", 30, "now"),
    ],
)
def test_extract_values_ages(text, span, amount, noun) -> None:
    v = _one(text, "age")
    assert (v.text, v.amount, v.unit) == (span, amount, "y")
    if noun is not None:
        assert v.noun == noun


@pytest.mark.parametrize(
    ("text", "span", "kind", "amount", "unit", "qualifier"),
    [
        ("The city got 15.2 inches of snow.", "15.2 inches", "quantity", 15.2, "in", None),
        (
            "In the town, more than 19 inches of snow fell.",
            "more than 19 inches",
            "quantity",
            19,
            "in",
            "more than",
        ),
        ("It happened in the 3300 block of the avenue.", "3300 block", "quantity", 3300, "block", None),
        ("Sales were up 40 percent this year.", "40 percent", "percent", 40, "%", None),
        ("Turnout was 62.5% overall.", "62.5%", "percent", 62.5, "%", None),
        ("Winds reached up to 35 mph overnight.", "up to 35 mph", "quantity", 35, "mph", "at most"),
        ("The road is closed about 60 miles north.", "about 60 miles", "quantity", 60, "mi", "about"),
        ("Forecasters expect 8 to 12 inches of snow.", "8 to 12 inches", "quantity", 10, "in", "between"),
    ],
)
def test_extract_values_measures_and_percent(text, span, kind, amount, unit, qualifier) -> None:
    v = _one(text, kind)
    assert (v.text, v.amount, v.unit, v.qualifier) == (span, pytest.approx(amount), unit, qualifier)


@pytest.mark.parametrize(
    "text",
    [
        "The talks were held in 2014 and again in 2016.",
        "It happened on May 18, and again on 20 March.",
        "The shots came at 4 a.m. and again at 11:30 p.m.",
        "The crash closed Interstate 35 for hours.",
        "He lives at 3300 West Florence Avenue.",
        "It was the second round of talks.",
        "Flight 370 vanished.",
        "The team won 3-2 in extra time.",
    ],
)
def test_extract_values_skips_dates_times_identifiers(text: str) -> None:
    assert [v for v in _values(text) if v.kind in ("count", "quantity", "age")] == []


def test_extract_values_elliptical_duration_takes_unit_from_previous_sentence() -> None:
    text = "Earlier meetings ran for three hours. This one lasted about five and a half, officials said."
    durations = [v for v in _values(text) if v.kind == "duration"]
    assert [(v.text, v.amount, v.unit, v.qualifier) for v in durations] == [
        ("three hours", 3, "h", None),
        ("about five and a half", 5.5, "h", "about"),
    ]


def test_extract_values_elliptical_duration_skipped_without_unit() -> None:
    text = "The meeting lasted about five and a half, officials said."
    assert [v for v in _values(text) if v.kind == "duration"] == []


def test_extract_values_offsets_and_sentence_indexes() -> None:
    text = "First sentence here. The meeting lasted five hours. Then 27 people left."
    values = _values(text)
    assert [(v.text, v.sentence) for v in values] == [("five hours", 1), ("27 people", 2)]
    for v in values:
        assert text[v.start : v.end] == v.text


def test_extract_values_empty_text() -> None:
    assert extract_values("", ()) == ()


# --- end to end on the bundled example --------------------------------------------------------------


def _example_durations(path: Path) -> list[Value]:
    text = path.read_text(encoding="utf-8")
    return [v for v in extract_values(text, simple_sentences(text)) if v.kind == "duration" and v.unit == "h"]


def test_extract_values_example_talk_durations(example_dir: Path) -> None:
    got = []
    for path in sorted(example_dir.glob("*.txt")):
        durations = [v for v in _example_durations(path) if "hours" in v.text and v.amount >= 5]
        got.append([(v.qualifier, v.amount) for v in durations])
    assert [g[-1] for g in got] == [
        ("about", 5.0),
        ("about", 5.5),
        ("more than", 6.0),
        (None, 5.5),
        ("about", 6.0),
    ]


# --- the dev clusters (read in place, never copied) -----------------------------------------------


def _dev_values(shared_dir: Path, cluster: str, doc: str) -> tuple[Value, ...]:
    path = shared_dir / "gold" / "dev" / cluster / f"{doc}.txt"
    if not path.exists():
        pytest.skip(f"{path} absent")
    text = path.read_text(encoding="utf-8")
    return extract_values(text, simple_sentences(text))


@pytest.mark.parametrize(
    ("cluster", "doc", "kind", "unit", "amount", "qualifier"),
    [
        ("midwest-snowstorm-2012", "doc0", "count", "car", 30, None),
        ("midwest-snowstorm-2012", "doc1", "count", "vehicle", 25, None),
        ("midwest-snowstorm-2012", "doc2", "count", "vehicle", 25, None),
        ("midwest-snowstorm-2012", "doc0", "quantity", "in", 15.2, None),
        ("midwest-snowstorm-2012", "doc1", "quantity", "in", 19, "more than"),
        ("tavin-price-shooting", "doc0", "quantity", "block", 3000, None),
        ("tavin-price-shooting", "doc1", "quantity", "block", 3300, None),
        ("tavin-price-shooting", "doc0", "age", "y", 25, None),
        ("tavin-price-shooting", "doc2", "age", "y", 24, None),
        ("baltimore-lawyer-witness-tampering", "doc0", "money", "USD", 3000, None),
        ("damascus-mazzeh-clash", "doc0", "count", "bombing", 3, None),
        ("damascus-mazzeh-clash", "doc2", "count", "person", 3, "at least"),
    ],
)
def test_extract_values_dev_clusters(shared_dir, cluster, doc, kind, unit, amount, qualifier) -> None:
    values = _dev_values(shared_dir, cluster, doc)
    assert any(
        v.kind == kind and v.unit == unit and v.amount == pytest.approx(amount) and v.qualifier == qualifier
        for v in values
    ), [v.display for v in values if v.kind == kind]


def test_extract_values_dev_ages_name_the_person(shared_dir: Path) -> None:
    values = _dev_values(shared_dir, "tavin-price-shooting", "doc0")
    assert any(v.kind == "age" and v.amount == 25 and re.search(r"Johnson$", v.noun or "") for v in values)


def test_extract_values_dev_gold_spans_are_found(shared_dir: Path) -> None:
    """Every required quantity conflict's number in the dev gold is inside some extracted value."""
    gold_dir = shared_dir / "gold" / "dev"
    missing = []
    total = 0
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for conflict in gold["conflicts"]:
            if conflict.get("kind") != "quantity" or not conflict.get("required"):
                continue
            for pos in conflict["positions"]:
                text = (gold_path.with_suffix("") / f"{pos['article']}.txt").read_text(encoding="utf-8")
                at = text.find(pos["text"])
                if at < 0:
                    continue
                total += 1
                values = extract_values(text, simple_sentences(text))
                if not any(v.start < at + len(pos["text"]) and v.end > at for v in values):
                    missing.append(pos["text"])
    assert total >= 10
    assert len(missing) <= 2, missing


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Witnesses saw The Tom Lee, 22, case unfold.", "Tom Lee"),
        ("The brother, Tom Lee, 22, spoke.", "Tom Lee"),
    ],
)
def test_extract_values_age_name_stops_at_credit_words(text: str, name: str) -> None:
    assert _one(text, "age").noun == name


def test_extract_values_year_before_capitalised_noun_is_no_count() -> None:
    assert _values("Copyright 2015 Southern California Images, all rights reserved.") == ()


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("The revolt ended four decades of rule.", 4 * 87660.0),
        ("The dynasty ruled for two centuries.", 2 * 876600.0),
    ],
)
def test_extract_values_decades_and_centuries_are_durations(text: str, hours: float) -> None:
    value = _one(text, "duration")
    assert duration_hours(value) == pytest.approx(hours)


def test_extract_values_age_name_skips_credit_line_outlet() -> None:
    value = _one("Ana Sol / For The Herald Milo Grant, 22, spoke at the vigil.", "age")
    assert (value.noun, value.amount) == ("Milo Grant", 22.0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bracketed conversion of a hedged value is as hedged
        ("The debris lay around 5 km (3.1 miles) from the coast.", ["about", "about"]),
        ("The plan costs about $5 million (£3.9 million) in all.", ["about", "about"]),
        # an exact value's conversion stays exact; a bracketed value of another kind keeps its own reading
        ("The debris lay 5 km (3.1 miles) from the coast.", [None, None]),
        ("The march took about 3 hours (and 400 people).", ["about", None]),
    ],
)
def test_extract_values_conversion_inherits_hedge(text, expected):
    values = extract_values(text, (Sentence(0, 0, len(text), text),))
    assert [v.qualifier for v in values] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("five children per woman; in Niger it is seven.", [5.0, 7.0]),
        ("a total of 125 people and $2.5 million", [125.0, 2.5e6]),
        ("1,000 marchers, twenty-two arrests", [1000.0, 22.0]),
        ("one hundred and five", [105.0]),
        ("the fourth man and someone else", []),  # ordinals and "one" inside a word are no numbers
    ],
)
def test_numbers_in_finds_digits_and_words(text, expected):
    assert [value for _, _, value in numbers_in(text)] == expected


def test_numbers_in_offsets_point_at_the_number():
    text = "in Niger it is seven."
    ((start, end, _),) = numbers_in(text)
    assert text[start:end] == "seven"
