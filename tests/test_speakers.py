"""Speakers of quotations: name variants of one person, and pronoun-attributed quotations."""

from __future__ import annotations

import pytest

from crossfact.analysis.speakers import (
    name_tokens,
    named_nearby,
    names_speaker,
    pronoun_attributed,
    same_person_name,
)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("William H. Moss III", "Bill Moss", True),  # short form of the given name, middle name, suffix
        ("Christopher Moss", "Chris Moss", True),  # a prefix short form
        ("Jane Doe", "J. Doe", True),  # an initial
        ("Doe", "Jane Doe", True),  # the surname alone
        ("S.P.", "Susan Pell", True),  # the initials of the name
        ("J.R.", "Susan Pell", False),
        ("Rep. Jane Doe", "Jane Doe", True),  # an honorific
        ("Donald Roe", "Eric Roe", False),  # the same surname, other given names: two people
        ("Jane Roe", "John Doe", False),
        ("Carl Vane", "Edgar Ruiz", False),
    ],
)
def test_same_person_name(a, b, expected):
    assert same_person_name(a, b) is expected
    assert same_person_name(b, a) is expected


def test_name_tokens_drops_honorifics_suffixes_and_possessives():
    assert name_tokens("Dr. Jane Q. Doe Jr.") == ["jane", "q", "doe"]
    assert name_tokens("Doe\u2019s") == ["doe"]


@pytest.mark.parametrize(
    ("text", "speaker", "expected"),
    [
        ("\u201cIf I had sent a letter, it would be wrong,\u201d he said.", "Jane Roe", True),
        ("\u201cWe are upset,\u201d she said at that time.", "John Doe", True),
        ("\u201cWe are upset,\u201d said she.", "John Doe", True),
        ("\u201cIf I had sent a letter, it would be wrong,\u201d Roe said.", "Jane Roe", False),  # named
        ("\u201cThey will ask for your papers. Then it is over.\u201d", "Jane Roe", False),  # no pronoun cue
        ("He said the plan was \u201ca disaster\u201d, Jane Roe said.", "Jane Roe", False),
    ],
)
def test_pronoun_attributed(text, speaker, expected):
    assert pronoun_attributed(text, speaker) is expected


@pytest.mark.parametrize(
    ("text", "before", "expected"),
    [
        ("\u201cWe have ideas.\u201d", "\u201cWe know,\u201d he told reporters.", True),  # cue before
        ("\u201cWe have ideas.\u201d", "\u201cWe know,\u201d Roe told reporters.", False),  # named before
        ("\u201cWe have ideas.\u201d", "\u201cWe know,\u201d the lawyer said.", False),  # no pronoun
        ("\u201cWe have ideas,\u201d she said.", "Jane Roe met John Doe.", True),  # own cue, not named
    ],
)
def test_pronoun_attributed_sentence_before(text, before, expected):
    assert pronoun_attributed(text, "Jane Roe", before) is expected


@pytest.mark.parametrize(
    ("sentences", "speaker", "before", "expected"),
    [
        ("Added Lesh: ...", "Phil Lesh", "", True),
        ("The line ... was once sung at games.", "Jane Roe", "", False),  # carried over from further back
        ("... the statement read.", "Jane Roe", "Jane Roe spoke first.", True),  # named just before
        ("..., S.P. wrote.", "S.P.", "", True),  # initials stand as written
        ("..., she wrote.", "S.P.", "", False),
    ],
)
def test_named_nearby(sentences, speaker, before, expected):
    assert named_nearby(sentences, speaker, before) is expected


@pytest.mark.parametrize(
    ("text", "speaker", "expected"),
    [
        ("Added Lesh:", "Phil Lesh", True),
        ("Added Leshem:", "Phil Lesh", False),
        ("the lawyer said", "the lawyer", True),
    ],
)
def test_names_speaker(text, speaker, expected):
    assert names_speaker(text, speaker) is expected
