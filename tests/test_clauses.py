"""Clauses: the two facts a sentence states, split by rules on its text."""

from __future__ import annotations

import pytest

from crossfact.analysis.clauses import Clause, split_clauses


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The storm closed the main highway on Monday; three schools in the valley stayed shut.",
            ("The storm closed the main highway on Monday", "three schools in the valley stayed shut."),
        ),
        (
            "Rescue teams reached the flooded villages by boat, and the governor asked the army for help.",
            ("Rescue teams reached the flooded villages by boat", "the governor asked the army for help."),
        ),
        (
            "The fire started in the old mill near the river, while firefighters were busy in the port.",
            ("The fire started in the old mill near the river", "firefighters were busy in the port."),
        ),
        (
            "The blast hit the customs office, which lies in the western part of the city, on Sunday.",
            (
                "The blast hit the customs office on Sunday.",
                "the customs office, which lies in the western part of the city",
            ),
        ),
        (
            "The talks were chaired by Maria Lopez, the deputy minister of trade, in the capital.",
            (
                "The talks were chaired by Maria Lopez in the capital.",
                "Maria Lopez, the deputy minister of trade",
            ),
        ),
        # a relative clause after an appositive describes the name, not the appositive's last noun
        (
            "The talks were led by Anna Berg, the Swedish ambassador to the UN, who said the sides agreed.",
            (
                "The talks were led by Anna Berg, the Swedish ambassador to the UN",
                "Anna Berg who said the sides agreed",
            ),
        ),
        (
            "Maria Lopez, a deputy minister, who chaired the talks, said the deal was close.",
            ("Maria Lopez, a deputy minister said the deal was close.", "Maria Lopez who chaired the talks"),
        ),
        # "which" after an appositive may describe the appositive's own noun: it stays with the nearest name
        (
            "The grant came from Ann Lee, the director of the Harbor Fund, which supports local schools.",
            (
                "The grant came from Ann Lee, the director of the Harbor Fund",
                "Harbor Fund, which supports local schools",
            ),
        ),
        # a long name is kept whole, its "for", "of the" included
        (
            "The toll was given by the Coastal Observatory for Human Rights, which has staff there.",
            (
                "The toll was given by the Coastal Observatory for Human Rights",
                "Coastal Observatory for Human Rights, which has staff there",
            ),
        ),
        (
            "Aid came from the International Committee of the Red Cross, which runs the camps in the north.",
            (
                "Aid came from the International Committee of the Red Cross",
                "International Committee of the Red Cross, which runs the camps in the north",
            ),
        ),
        # a capitalised opener or a day's name is no part of the name
        (
            "On Monday Smith, who leads the party, said he would resign soon.",
            ("On Monday Smith said he would resign soon.", "Smith, who leads the party"),
        ),
    ],
)
def test_split_clauses_two_facts(sentence, expected):
    clauses = split_clauses(sentence)
    assert tuple(c.text(sentence) for c in clauses) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # a list, not two clauses
        "Heavy snow fell in Iowa, Nebraska, and Kansas on Thursday morning.",
        "There were at least two deaths in each Nebraska and Wisconsin, and one in Kansas.",
        # "as well as" and "such as" make phrases
        "The company sells bread and cakes, as well as coffee and tea in its shops.",
        # an opening phrase is not a noun an appositive describes
        "On Monday, the army shelled the northern district for hours.",
        # inside a quotation
        '"We will rebuild the schools, and we will rebuild the roads," the governor said.',
        # one clause
        "The governor promised to rebuild every school destroyed by the flood.",
    ],
)
def test_split_clauses_one_fact_stays_whole(sentence):
    assert split_clauses(sentence) == ()


def test_clause_spans_point_into_the_sentence():
    sentence = "The blast hit the customs office, which lies in the western part of the city, on Sunday."
    main, relative = split_clauses(sentence)
    assert isinstance(main, Clause) and main.kind == "main" and relative.kind == "relative"
    for clause in (main, relative):
        assert all(0 <= s < e <= len(sentence) for s, e in clause.spans)
    # the relative clause is cut out of the main one
    assert "which" not in main.text(sentence)
