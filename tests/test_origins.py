"""Tests of copy detection across articles: rewrites of one source that share long word runs."""

from __future__ import annotations

import pytest

from crossfact.analysis.origins import (
    ArticleGroups,
    near_duplicate_articles,
    origin_groups,
    rewrite_pairs,
    unquoted_shingles,
)
from crossfact.model import Article, ArticleDoc, Sentence


def doc(aid: str, text: str) -> ArticleDoc:
    return ArticleDoc(Article(aid, text, aid), (Sentence(0, 0, len(text), text),))


# two runs of 10+ words shared with RELEASE_B (the rest of each sentence reworded)
RELEASE_A = (
    "Harbour police found the second kayaker clinging to a buoy north of the old lighthouse, and he told "
    "officers the pair had been pushed offshore by strong winds. The rescued kayaker was taken to the county "
    "hospital in fair condition on Sunday evening. Volunteers searched the dunes for an hour."
)
RELEASE_B = (
    "Harbour police found the second kayaker clinging to a buoy north of the old lighthouse, who said both "
    "men had drifted away in the wind. A lifeboat crew brought him in and he was taken to the county "
    "hospital in fair condition on Sunday evening, officials said. Fishermen joined the search at dawn."
)
# the same facts told in other words: no run of 10 words
OWN_WORDS = (
    "A second kayaker was spotted near the lighthouse holding on to a buoy; strong winds had carried the "
    "two men out to sea, he said. He is in fair condition at the county hospital, police added."
)
SPEECH = (
    "we will keep searching the coast until every missing sailor is found and brought home safely from "
    "the open water of the bay"
)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        ([RELEASE_A, RELEASE_B], [(0, 1)]),
        ([RELEASE_A, OWN_WORDS, RELEASE_B], [(0, 2)]),
        ([RELEASE_A, OWN_WORDS], []),
        # one run of 10 to 19 words is not enough: a long title or a common phrase
        (
            [
                "The deputy assistant secretary of state for maritime and coastal affairs arrived on Monday.",
                "She met the deputy assistant secretary of state for maritime and coastal affairs in May.",
            ],
            [],
        ),
        # one run of 20 words is
        ([SPEECH + " the mayor told reporters.", "Early on Friday " + SPEECH + ", he added."], [(0, 1)]),
        # the same words inside quotation marks are the speaker's, not a copy
        ([f'The mayor said: "{SPEECH}."', f'"{SPEECH}," the mayor told a news conference.'], []),
        ([], []),
    ],
)
def test_rewrite_pairs_needs_long_runs_outside_quotes(texts, expected):
    assert rewrite_pairs(texts) == expected


def test_rewrite_pairs_repeated_run_counts_once():
    run = "the ferry to the northern islands was cancelled because of the storm"
    a = f"In the morning {run}. By noon, {run} again, the port said."
    b = f"Passengers learned that {run} and waited at the terminal."
    assert rewrite_pairs([a, b]) == []


def test_unquoted_shingles_skip_quotations_and_do_not_bridge_them():
    text = 'Officials said "the bridge will stay closed for repairs" on the first day of the week.'
    grams = unquoted_shingles(text, 3)
    assert ("officials", "said", "on") not in grams
    assert ("the", "bridge", "will") not in grams
    assert ("on", "the", "first") in grams


def test_unquoted_shingles_leave_out_names_and_titles():
    text = "Talks were led by Deputy Assistant Secretary of State Jane Roe, who arrived on the late train."
    grams = unquoted_shingles(text)
    assert ("deputy", "assistant", "secretary", "of", "state") not in grams
    assert ("who", "arrived", "on", "the", "late") in grams


def test_rewrite_pairs_names_are_not_copied_runs():
    roe = "Deputy Assistant Secretary of State for Maritime and Coastal Affairs Jane Roe"
    fox = "Chief Inspector of the Ottawa Border Agency Northern District Office Paul Fox"
    a = f"The talks were led by {roe} on Monday. She will visit {fox} next week."
    b = f"On Tuesday {roe} met reporters. Later she met {fox} at his home."
    assert rewrite_pairs([a, b]) == []
    # the same two stretches in lower case are copied wording
    assert rewrite_pairs([a.lower(), b.lower()]) == [(0, 1)]


def test_near_duplicate_articles_records_rewrite_groups():
    docs = [doc("a", RELEASE_A), doc("b", OWN_WORDS), doc("c", RELEASE_B)]
    groups = near_duplicate_articles(docs)
    assert isinstance(groups, ArticleGroups)
    assert len(set(groups.values())) == 3  # rewrites are not near-duplicates
    assert groups.rewrites == frozenset({frozenset({groups["a"], groups["c"]})})


def test_origin_groups_rewrites_fold_sentences_that_carry_shared_words():
    docs = [doc("a", RELEASE_A), doc("b", OWN_WORDS), doc("c", RELEASE_B)]
    groups = near_duplicate_articles(docs)
    items = [
        ("a", "The rescued kayaker was taken to the county hospital in fair condition on Sunday evening."),
        ("b", "He is in fair condition at the county hospital, police added."),
        ("c", "A lifeboat crew brought him in and he was taken to the county hospital in fair condition."),
    ]
    assert origin_groups(items, groups) == [0, 1, 0]
    # without the rewrite evidence the two reworded sentences are two origins
    assert origin_groups(items, dict(groups)) == [0, 1, 2]
    # a sentence of the rewrite pair that shares no 5-word run outside quotations stays its own origin
    other = [
        ("a", "Volunteers searched the dunes for an hour."),
        ("c", "Fishermen joined the search at dawn."),
    ]
    assert origin_groups(other, groups) == [0, 1]


def test_origin_groups_rewrites_ignore_shared_quotation_only():
    groups = ArticleGroups({"a": 0, "c": 1})
    groups.rewrites = frozenset({frozenset({0, 1})})
    items = [
        ("a", 'Asked about the weather, the chief said "we will go out again at first light".'),
        ("c", 'Later the chief repeated "we will go out again at first light" to reporters.'),
    ]
    assert origin_groups(items, groups, rewrites=()) == [0, 0]  # the same quotation: one origin
    assert origin_groups([items[0], ("c", "The chief said the boats would go out again.")], groups) == [0, 1]
    # a shared title is not shared wording
    titled = [
        ("a", "The visit was led by Deputy Assistant Secretary of State Jane Roe and a harbour official."),
        ("c", "Deputy Assistant Secretary of State Jane Roe met the mayor, officials said."),
    ]
    assert origin_groups(titled, groups) == [0, 1]
