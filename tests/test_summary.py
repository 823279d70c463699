"""Tests for crossfact.analysis.summary: citations, support, disputed facts, length, redundancy."""

from __future__ import annotations

import numpy as np
import pytest

from crossfact.analysis.summary import (
    DAMPING,
    _centrality,
    _eligible,
    _pagerank,
    check_support,
    summarize,
    trim_dateline,
    unsupported_tokens,
    word_budget,
)
from crossfact.config import Config
from crossfact.model import (
    Article,
    ArticleDoc,
    Citation,
    Claim,
    ClaimSource,
    Conflict,
    Position,
    Sentence,
    SummarySentence,
)


def _doc(aid: str, sentences: list[str]) -> ArticleDoc:
    text, spans = "", []
    for i, s in enumerate(sentences):
        spans.append(Sentence(index=i, start=len(text), end=len(text) + len(s), text=s))
        text += s + " "
    return ArticleDoc(article=Article(id=aid, text=text, source=f"{aid}.txt"), sentences=tuple(spans))


A = _doc(
    "a",
    [
        "GENEVA — The delegations held a second round of talks at the consulate in Geneva on Thursday.",
        "The talks lasted about five hours, officials said.",
        "The two sides agreed to restore banking services for their diplomats.",
        "Maria Lopez led the visiting delegation to the meeting.",
        "The weather in the city was cold and grey all day long.",
    ],
)
B = _doc(
    "b",
    [
        "Officials met at the consulate in Geneva on Thursday for a second round of talks.",
        "The meeting went on for more than six hours, the agency reported.",
        "Both sides agreed to restore banking services for diplomats, the ministry said.",
        "The first round was held in February in the same city.",
    ],
)
C = _doc(
    "c",
    [
        "Talks between the delegations took place at the consulate in Geneva on Thursday.",
        "Banking services for diplomats will be restored, both sides agreed.",
        "Lopez said the atmosphere of the meeting was positive and businesslike.",
    ],
)
DOCS = [A, B, C]


def _claim(cid: str, sources: list[tuple[ArticleDoc, int]], independent: int | None = None) -> Claim:
    srcs = tuple(ClaimSource(d.article.id, i, d.sentences[i].text) for d, i in sources)
    n = len({s.article for s in srcs})
    return Claim(cid, srcs[0].text, n, independent or n, srcs)


CLAIMS = [
    _claim("banking", [(A, 2), (B, 2), (C, 1)], independent=2),
    _claim("venue", [(A, 0), (B, 0), (C, 0)]),
]
CONFLICT = Conflict(
    "k1",
    "the duration of the talks",
    "quantity",
    (
        Position("5 h", "about five hours", "a", 1),
        Position("6 h", "more than six hours", "b", 1),
    ),
)


def test_summarize_most_corroborated_first_and_cited():
    summary = summarize(DOCS, CLAIMS, [CONFLICT], (), Config())
    assert "consulate" in summary[0].text  # independent support 3 beats 2
    assert {(c.article, c.sentence) for c in summary[0].citations} == {("a", 0), ("b", 0), ("c", 0)}
    assert all(s.citations for s in summary)


def test_summarize_every_sentence_is_supported():
    for s in summarize(DOCS, CLAIMS, [CONFLICT], (), Config()):
        assert check_support(s, DOCS) == [], s.text


def test_summarize_cuts_datelines():
    assert all(not s.text.startswith("GENEVA") for s in summarize(DOCS, CLAIMS, [CONFLICT], (), Config()))


def test_summarize_states_conflicts_as_disputed():
    texts = [s.text for s in summarize(DOCS, CLAIMS, [CONFLICT], (), Config())]
    (disputed,) = [t for t in texts if t.startswith("Reports differ")]
    assert (
        disputed == 'Reports differ on the duration of the talks: "about five hours"; "more than six hours".'
    )


def test_summarize_conflict_wording_falls_back_when_about_adds_a_name():
    conflict = Conflict("k2", "Ivan Petrenko's estimate", "quantity", CONFLICT.positions)
    texts = [s.text for s in summarize(DOCS, CLAIMS, [conflict], (), Config())]
    assert 'Reports differ: "about five hours"; "more than six hours".' in texts
    assert not any("Petrenko" in t for t in texts)


@pytest.mark.parametrize(("lo", "hi"), [(5, 10), (3, 4), (2, 2)])
def test_summarize_length_within_bounds(lo, hi):
    summary = summarize(DOCS, CLAIMS, [CONFLICT], (), Config(summary_min=lo, summary_max=hi))
    assert lo <= len(summary) <= hi


def test_summarize_skips_redundant_sentences():
    duplicate = _claim("venue2", [(B, 0), (C, 0)])
    texts = [s.text for s in summarize(DOCS, [*CLAIMS, duplicate], [], (), Config())]
    assert len(texts) == len(set(texts))
    assert sum("consulate in Geneva on Thursday" in t for t in texts) == 1


def test_summarize_no_docs():
    assert summarize([], [], [], (), Config()) == ()


@pytest.mark.parametrize(
    ("text", "cited", "expected"),
    [
        ("The talks lasted 5.5 hours.", ["talks lasted 5.5 hours in all"], []),
        ("The talks lasted 6 hours.", ["talks lasted 5.5 hours in all"], ["6"]),
        ("They paid $3,000 each.", ["paid $3000 each"], []),
        ("Lopez met Ivan Petrenko.", ["Lopez met him."], ["Ivan", "Petrenko"]),
        ("The talks lasted five hours.", ["they lasted six hours"], ["five"]),
        ('Reports differ on the date: "June 17"; "June 18".', ["on June 17", "June 18 arrest"], []),
        ('Reports differ: "June 17"; "June 19".', ["on June 17"], ["19"]),
        ("Russia’s ministry spoke.", ["Russia's ministry spoke"], []),
        ("It happened on Thursday in Geneva.", ["on Thursday"], ["Geneva"]),
    ],
)
def test_unsupported_tokens(text, cited, expected):
    assert unsupported_tokens(text, cited) == expected


def test_check_support_uses_cited_sentences_only():
    sentence = SummarySentence("Maria Lopez led the visiting delegation to the meeting.", (Citation("a", 3),))
    assert check_support(sentence, DOCS) == []
    wrong = SummarySentence(sentence.text, (Citation("b", 0),))
    assert check_support(wrong, DOCS) == ["Maria", "Lopez"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GENEVA — The delegations met today in the city.", "The delegations met today in the city."),
        ("NEW YORK (AP) - Snow fell across the region on Monday.", "Snow fell across the region on Monday."),
        ("(CNN) -- Snow fell across the region on Monday.", "Snow fell across the region on Monday."),
        ("US and EU officials met - again - on Monday.", "US and EU officials met - again - on Monday."),
    ],
)
def test_trim_dateline(text, expected):
    assert trim_dateline(text) == expected


def test_summarize_skips_claims_disputed_by_a_conflict():
    duration = _claim("duration", [(A, 1), (B, 1)], independent=3)
    texts = [s.text for s in summarize(DOCS, [duration, *CLAIMS], [CONFLICT], (), Config())]
    assert not any(t.startswith("The talks lasted") or t.startswith("The meeting went on") for t in texts)
    assert any(t.startswith("Reports differ") for t in texts)


def test_summarize_prefers_a_source_not_leaning_on_a_pronoun():
    d = _doc("d", ["It said the two sides agreed to restore banking services for diplomats."])
    claim = _claim("banking", [(d, 0), (B, 2)])
    (first, *_rest) = summarize([*DOCS, d], [claim], [], (), Config())
    assert first.text == B.sentences[2].text
    assert first.citations[0] == Citation("b", 2)


@pytest.mark.parametrize(("n_words", "expected"), [(0, 120), (100, 155), (1600, 260), (6400, 400)])
def test_word_budget_grows_with_story_size(n_words, expected):
    doc = _doc("w", [" ".join(["word"] * n_words)] if n_words else [])
    assert word_budget([doc]) == expected


_TOPICS = [
    "harbour cranes unloaded grain shipments",
    "farmers protested tractor convoys downtown",
    "engineers inspected bridge cables carefully",
    "nurses staffed extra hospital wards overnight",
    "teachers reopened village schools early",
    "pilots rerouted cargo flights northward",
    "firefighters contained brush fires nearby",
    "bakers donated bread loaves freely",
]


def _long_sentence(topic: str) -> str:
    # about 40 words, no two sentences alike, none leaning on a pronoun
    return (
        f"Local {topic} while officials from {topic.split()[0]} groups reported that {topic} " * 2 + "today."
    )


def test_summarize_stops_at_the_word_budget():
    doc = _doc("long", [_long_sentence(t) for t in _TOPICS])
    config = Config(summary_min=2, summary_max=10)
    summary = summarize([doc], [], [], (), config)
    words = [len(s.text.split()) for s in summary]
    budget = word_budget([doc])
    assert len(summary) < len(_TOPICS)  # the budget, not the supply or the cap, ended the brief
    assert sum(words[:-1]) < budget <= sum(words)


def test_summarize_fills_to_the_minimum_on_a_small_story():
    summary = summarize(DOCS, [], [], (), Config(summary_min=5, summary_max=10))
    assert len(summary) >= 5
    assert all(len(s.citations) == 1 for s in summary)  # a filling sentence cites itself only


def test_summarize_never_fills_with_a_disputed_sentence():
    texts = {s.text for s in summarize(DOCS, [], [CONFLICT], (), Config(summary_min=10, summary_max=10))}
    assert A.sentences[1].text not in texts
    assert B.sentences[1].text not in texts
    assert any(t.startswith("Reports differ") for t in texts)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The two sides agreed to restore banking services for their diplomats.", True),
        ("Please enable JavaScript to view the comments on this page.", False),
        ("Sign up for our newsletter to get the latest news every morning.", False),
        ("All rights reserved by the publisher of this newspaper today.", False),
        ("They knew it was a collector's item,\" he said after the game.", False),
        ("“We did not see it coming,” the mayor told reporters on Monday.", True),
        ("“The fact that both sides are still talking shows that a deal is possible.”", False),
        ('"We will keep talking until the last street is open again."', False),
        ("“We did not see it coming,” she said, “and we are still counting the damage.”", True),
        ("Did the two sides agree to restore banking services at all?", False),
        ("Talks ended.", False),
    ],
)
def test_eligible_rejects_furniture_fragments_and_questions(text, expected):
    assert _eligible(text) is expected


def test_summarize_skips_page_furniture():
    d = _doc(
        "f",
        [
            "Please enable JavaScript in your browser to read the rest of this story.",
            *(s.text for s in B.sentences),
        ],
    )
    texts = [s.text for s in summarize([A, d, C], [], [], (), Config(summary_min=10, summary_max=10))]
    assert texts and not any("JavaScript" in t for t in texts)


def test_centrality_ranks_the_outlier_last():
    texts = [
        "The bridge over the river opened to traffic on Monday morning.",
        "Traffic crossed the new river bridge on Monday after it opened.",
        "The new bridge opened on Monday and traffic crossed the river.",
        "A bakery downtown sold cakes and pies to hungry customers.",
    ]
    scores = _centrality(texts, [set(t.lower().split()) for t in texts])
    assert scores.argmin() == 3
    assert scores.max() == pytest.approx(1.0) and scores.min() == pytest.approx(0.0)


def _reference_pagerank(sim: np.ndarray) -> np.ndarray:
    """PageRank by its textbook steps: no self-loops, rows normalised (an isolated row links to all)."""
    n = len(sim)
    weights = sim.copy()
    np.fill_diagonal(weights, 0.0)
    sums = weights.sum(axis=1, keepdims=True)
    transition = np.where(sums > 0, weights / np.where(sums > 0, sums, 1.0), 1.0 / n)
    scores = np.full(n, 1.0 / n)
    for _ in range(100):
        updated = (1 - DAMPING) / n + DAMPING * transition.T @ scores
        done = np.abs(updated - scores).sum() < 1e-9
        scores = updated
        if done:
            break
    return scores


@pytest.mark.parametrize(
    "sim",
    [
        [[1.0, 0.9, 0.1], [0.9, 1.0, 0.0], [0.1, 0.0, 1.0]],
        [[1.0, 0.5, 0.0], [0.5, 1.0, 0.0], [0.0, 0.0, 1.0]],  # the last sentence shares nothing
        [[1.0]],
    ],
)
def test_pagerank_in_place_matches_reference_and_copy_keeps_input(sim):
    sim = np.array(sim)
    kept = sim.copy()
    expected = _reference_pagerank(sim)
    assert np.allclose(_pagerank(sim), expected, rtol=0, atol=1e-12)
    assert np.array_equal(sim, kept)
    assert np.allclose(_pagerank(sim.copy(), copy=False), expected, rtol=0, atol=1e-12)
