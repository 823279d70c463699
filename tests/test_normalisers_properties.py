"""Property tests for the value and date normalisers: no crash, offsets exact, parse_number round trips."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from crossfact.nlp.dates import extract_dates, infer_published
from crossfact.nlp.numbers import extract_values, parse_number
from crossfact.nlp.numwords import simple_sentences

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _words(n: int, british_and: bool = False) -> str:
    """English words for 0 <= n <= 10**6 (written independently of the code under test)."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("-" + _ONES[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        glue = " and " if british_and else " "
        return _ONES[n // 100] + " hundred" + (glue + _words(rest) if rest else "")
    if n < 1_000_000:
        rest = n % 1000
        return (
            _words(n // 1000, british_and) + " thousand" + (" " + _words(rest, british_and) if rest else "")
        )
    return "one million"


_WORDS = [
    "about",
    "over",
    "some",
    "hours",
    "five",
    "and",
    "a",
    "half",
    "Thursday",
    "Feb.",
    "27",
    "$3,000",
    "each",
    "Kevin",
    "Johnson",
    ",",
    "25",
    "-year-old",
    "inches",
    "%",
    "May",
    "2012",
    "last",
    "week",
    "yesterday",
    "killed",
    "two",
    "of",
    "the",
    "gunmen",
    "3300",
    "block",
    "-",
    "car",
    "pileup",
    ".",
    "\n",
]
_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(_WORDS), max_size=40).map(" ".join),
)


@given(st.integers(min_value=0, max_value=10**6), st.booleans())
@settings(max_examples=300, deadline=None)
def test_parse_number_round_trips_words(n: int, british: bool) -> None:
    assert parse_number(_words(n, british)) == n


@given(st.integers(min_value=0, max_value=10**6))
@settings(max_examples=200, deadline=None)
def test_parse_number_round_trips_digits(n: int) -> None:
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


@given(_TEXT)
@settings(max_examples=200, deadline=None)
def test_extract_values_any_text_offsets_exact(text: str) -> None:
    sentences = simple_sentences(text)
    for v in extract_values(text, sentences):
        assert text[v.start : v.end] == v.text
        assert v.kind in {"duration", "count", "money", "age", "percent", "quantity"}
        if v.low is not None and v.high is not None:
            assert v.low <= v.amount <= v.high or v.qualifier == "between"


_ISO = {
    "day": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "month": re.compile(r"^\d{4}-\d{2}$"),
    "year": re.compile(r"^\d{4}$"),
}


@given(_TEXT, st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))))
@settings(max_examples=200, deadline=None)
def test_extract_dates_any_text_valid_iso(text: str, published: date | None) -> None:
    sentences = simple_sentences(text)
    refs = extract_dates(
        text, sentences, published.isoformat() if published else None, today=date(2031, 1, 1)
    )
    for r in refs:
        assert text[r.start : r.end] == r.text
        assert _ISO[r.granularity].match(r.value)
        if r.granularity == "day":
            date.fromisoformat(r.value)
        elif r.granularity == "month":
            assert 1 <= int(r.value[5:7]) <= 12


@given(_TEXT)
@settings(max_examples=150, deadline=None)
def test_infer_published_any_text(text: str) -> None:
    got = infer_published(text, simple_sentences(text), today=date(2030, 1, 1))
    assert got is None or date.fromisoformat(got) <= date(2030, 1, 1)


@given(st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_parse_number_any_text(text: str) -> None:
    result = parse_number(text)
    assert result is None or result >= 0
