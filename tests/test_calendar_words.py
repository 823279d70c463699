"""Tests for calendar_words: the one list of month and weekday names, and that it imports nothing heavy."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from crossfact.calendar_words import MONTH_NUMBERS, MONTH_WORD, MONTHS, WEEKDAY_WORD, WEEKDAYS, month_number


@pytest.mark.parametrize(
    ("word", "expected"),
    [("January", 1), ("jan", 1), ("Sept.", 9), ("SEP", 9), ("September", 9), ("May", 5), ("Dec", 12),
     ("Mayday", None), ("Ma", None), ("", None)],
)  # fmt: skip
def test_month_number_names_and_abbreviations(word: str, expected: int | None) -> None:
    assert month_number(word) == expected


def test_month_numbers_cover_every_month_once_by_full_name() -> None:
    assert [MONTH_NUMBERS[m.lower()] for m in MONTHS] == list(range(1, 13))


@pytest.mark.parametrize(("text", "expected"), [("March 3", "March"), ("Sept. 3", "Sept"), ("Mar 3", "Mar")])
def test_month_word_takes_the_longest_name(text: str, expected: str) -> None:
    m = re.match(rf"({MONTH_WORD})", text)
    assert m is not None and m.group(1) == expected


def test_weekday_word_in_weekday_order() -> None:
    assert WEEKDAY_WORD.split("|") == [w.capitalize() for w in WEEKDAYS]
    assert WEEKDAYS[0] == "monday"


def test_ingest_furniture_does_not_load_the_nlp_package() -> None:
    code = (
        "import sys, crossfact.ingest.furniture; "
        "print('crossfact.nlp' in sys.modules, 'spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
