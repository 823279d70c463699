"""Tests for crossfact.evaluate: scoring hand-made reports against a hand-made gold."""

from __future__ import annotations

import copy
import json

import pytest

from crossfact.evaluate import format_scores, score

SENTENCES = {
    "000_aaa": [
        "Anna Smith met officials at the consulate on Feb. 27.",
        "The talks lasted about five hours, officials said.",
        '"We made progress," Smith said.',
    ],
    "001_bbb": [
        "Smith and Bob Smithers spoke at the consulate on February 27.",
        "The talks lasted six hours, TASS reported.",
    ],
}

GOLD = {
    "articles": {"000_aaa": {"title": None}, "001_bbb": {"title": None}},
    "entities": [
        {
            "name": "Anna Smith",
            "type": "PERSON",
            "required": True,
            "must_not_merge_with": "Bob Smithers",
            "variants": ["Anna Smith", "Smith"],
            "articles": ["000", "001"],
        },
        {"name": "Bob Smithers", "type": "PERSON", "variants": ["Bob Smithers"], "articles": ["001"]},
    ],
    "conflicts": [
        {
            "id": "duration",
            "required": True,
            "about": "how long the talks lasted",
            "kind": "quantity",
            "positions": [
                {"article": "000", "text": "about five hours", "value_hours": 5.0},
                {"article": "001", "text": "six hours", "value_hours": 6.0},
            ],
        }
    ],
    "corroborated_claims": [
        {
            "id": "venue",
            "required": True,
            "claim": "They met at the consulate",
            "articles": ["000", "001"],
            "keywords": "consulate",
        },
    ],
    "timeline": [
        {"date": "2025-02-27", "event": "the meeting", "required": True, "articles": ["000", "001"]}
    ],
    "quotes": [{"speaker": "Anna Smith", "article": "000", "starts": "We made progress"}],
}


def _report() -> dict:
    articles = []
    for aid, sents in SENTENCES.items():
        text, spans = "", []
        for s in sents:
            spans.append({"text": s, "start": len(text), "end": len(text) + len(s)})
            text += s + " "
        articles.append({"id": aid, "source": f"x/{aid}.txt", "text": text, "sentences": spans})
    story = {
        "id": "s1",
        "title": "t",
        "articles": list(SENTENCES),
        "entities": [
            {
                "id": "e1",
                "name": "Anna Smith",
                "type": "PERSON",
                "aliases": ["Anna Smith", "Smith"],
                "mentions": [],
            },
            {"id": "e2", "name": "Bob Smithers", "type": "PERSON", "aliases": [], "mentions": []},
        ],
        "claims": [
            {
                "id": "c1",
                "text": "consulate",
                "support": 2,
                "independent_support": 2,
                "sources": [
                    {"article": "000_aaa", "sentence": 0, "text": SENTENCES["000_aaa"][0]},
                    {"article": "001_bbb", "sentence": 0, "text": SENTENCES["001_bbb"][0]},
                ],
            },
        ],
        "conflicts": [
            {
                "id": "k1",
                "about": "duration of the talks",
                "kind": "quantity",
                "positions": [
                    {"value": "about 5 h", "text": "about five hours", "article": "000_aaa", "sentence": 1},
                    {"value": "6 h", "text": "six hours", "article": "001_bbb", "sentence": 1},
                ],
            },
        ],
        "quotes": [{"speaker": "Smith", "text": "We made progress,", "article": "000_aaa", "sentence": 2}],
        "timeline": [
            {"date": "2025-02-27", "text": SENTENCES["000_aaa"][0], "articles": ["000_aaa", "001_bbb"]}
        ],
        "summary": [
            {"text": SENTENCES["000_aaa"][0], "citations": [{"article": "000_aaa", "sentence": 0}]},
            {
                "text": 'Reports differ on the duration: "about five hours"; "six hours".',
                "citations": [{"article": "000_aaa", "sentence": 1}, {"article": "001_bbb", "sentence": 1}],
            },
        ],
    }
    return {"schema": "crossfact.report/1", "articles": articles, "stories": [story], "skipped": []}


def test_score_perfect_report_scores_one():
    scores = score(_report(), GOLD)
    for section in ("entities", "conflicts", "claims", "timeline", "quotes"):
        assert scores[section]["all"]["recall"] == 1.0, section
    assert scores["conflicts"]["precision"] == 1.0
    assert scores["entities"]["wrong_merges"] == []
    assert scores["summary"]["supported"] == 1.0
    assert scores["summary"]["cited"] == 1.0
    assert scores["unmatched_articles"] == []


def test_score_missing_conflict_scores_less():
    report = _report()
    report["stories"][0]["conflicts"] = []
    scores = score(report, GOLD)
    assert scores["conflicts"]["required"]["recall"] == 0.0
    assert scores["conflicts"]["missing_required"] == ["duration"]
    assert scores["conflicts"]["precision"] is None


def test_score_conflict_with_same_values_is_not_found():
    report = _report()
    positions = report["stories"][0]["conflicts"][0]["positions"]
    positions[1] = dict(positions[0])  # both positions now match the same gold position
    assert score(report, GOLD)["conflicts"]["all"]["found"] == 0


def test_score_unrelated_conflict_lowers_precision():
    report = _report()
    report["stories"][0]["conflicts"].append(
        {
            "id": "k2",
            "about": "x",
            "kind": "name",
            "positions": [
                {"value": "a", "text": "Anna Smith met", "article": "000_aaa", "sentence": 0},
                {"value": "b", "text": "Bob Smithers spoke", "article": "001_bbb", "sentence": 0},
            ],
        }
    )
    scores = score(report, GOLD)
    assert scores["conflicts"]["precision"] == 0.5
    assert scores["conflicts"]["unmatched_report"] == ["x"]


def test_score_wrong_merge_is_counted():
    report = _report()
    report["stories"][0]["entities"] = [
        {
            "id": "e1",
            "name": "Anna Smith",
            "type": "PERSON",
            "aliases": ["Smith", "Bob Smithers"],
            "mentions": [],
        }
    ]
    scores = score(report, GOLD)
    assert len(scores["entities"]["wrong_merges"]) == 1
    assert scores["entities"]["must_not_merge_violations"] == 1
    assert "wrong merge" in format_scores(scores)


def test_score_split_entity_is_not_resolved():
    report = _report()
    report["stories"][0]["entities"][0] = {"id": "e1", "name": "Anna Smith", "type": "PERSON", "aliases": []}
    report["stories"][0]["entities"].append({"id": "e3", "name": "Smith", "type": "PERSON", "aliases": []})
    scores = score(report, GOLD)
    assert scores["entities"]["required"]["recall"] == 0.0
    assert scores["entities"]["missing_required"] == ["Anna Smith"]


@pytest.mark.parametrize(
    ("keywords", "expected"),
    [("consulate", 1), ("Feb\\.? 27|February 27", 1), ("banking", 0)],
)
def test_score_claims_by_keyword(keywords, expected):
    gold = copy.deepcopy(GOLD)
    gold["corroborated_claims"][0]["keywords"] = keywords
    assert score(_report(), gold)["claims"]["all"]["found"] == expected


@pytest.mark.parametrize(
    ("date", "articles", "expected"),
    [
        ("2025-02-27", ["001"], 1),
        ("2025-02-27", [], 1),
        ("2025-02-28", ["000"], 0),
        ("2025/2025-02-27", ["000"], 1),
    ],
)
def test_score_timeline_date_and_article(date, articles, expected):
    gold = copy.deepcopy(GOLD)
    gold["timeline"] = [{"date": date, "event": "e", "articles": articles}]
    assert score(_report(), gold)["timeline"]["all"]["found"] == expected


@pytest.mark.parametrize(("speaker", "expected"), [("Anna Smith", 1), ("Bob Jones", 0)])
def test_score_quote_speaker_by_surname(speaker, expected):
    gold = copy.deepcopy(GOLD)
    gold["quotes"][0]["speaker"] = speaker
    scores = score(_report(), gold)
    assert scores["quotes"]["all"]["found"] == expected
    assert scores["quotes"]["text_found"] == 1


@pytest.mark.parametrize("name", ["000_aaa", "000"])
def test_score_matches_gold_article_names_by_equality_or_prefix(name):
    gold = copy.deepcopy(GOLD)
    gold["quotes"][0]["article"] = name
    assert score(_report(), gold)["quotes"]["all"]["found"] == 1


def test_score_unsupported_summary_sentence_is_counted():
    report = _report()
    report["stories"][0]["summary"].append(
        {
            "text": "Anna Smith met Vladimir Jones for 7 hours.",
            "citations": [{"article": "000_aaa", "sentence": 0}],
        }
    )
    report["stories"][0]["summary"].append({"text": "No citation here.", "citations": []})
    summary = score(report, GOLD)["summary"]
    assert summary["supported"] == 0.5
    assert summary["cited"] == 0.75
    assert summary["unsupported"][0]["missing"] == ["7", "Vladimir", "Jones"]


def test_score_reports_unmatched_gold_articles():
    gold = copy.deepcopy(GOLD)
    gold["articles"]["999_zzz"] = {}
    assert score(_report(), gold)["unmatched_articles"] == ["999_zzz"]


def test_score_rejects_non_report():
    with pytest.raises(ValueError, match="stories"):
        score({"stories": "nope"}, GOLD)


def test_format_scores_is_a_table():
    text = format_scores(score(_report(), GOLD))
    assert "conflicts found" in text and "1/1 (1.00)" in text
    json.dumps(score(_report(), GOLD))  # the scores are JSON-ready


@pytest.mark.parametrize(
    ("gold_value", "report_values", "expected"),
    [
        ({"value_speaker": "Anna Smith"}, ("Smith", "Bob Smithers"), True),
        ({"value_speaker": "Anna Smith"}, ("Bob Smithers", "Bob Smithers"), False),
        ({"value_date": "2015-06-17"}, ("2015-06-17", "2015-06-18"), True),
        ({"value_date": "2015-06-17"}, ("2015-06-18", "2015-06-18"), False),
    ],
)
def test_score_conflict_string_values_are_compared(gold_value, report_values, expected):
    gold = dict(GOLD)
    gold["conflicts"] = [
        {
            "id": "who",
            "required": True,
            "kind": "quote",
            "positions": [
                {"article": "000", "text": "zzz", **gold_value},
                {"article": "001", "text": "yyy", "value": "something else"},
            ],
        }
    ]
    report = _report()
    report["stories"][0]["conflicts"] = [
        {
            "id": "c",
            "about": "who said it",
            "kind": "quote",
            "positions": [
                {"value": report_values[0], "text": "qqq", "article": "000_aaa", "sentence": 0},
                {"value": "something else", "text": "www", "article": "001_bbb", "sentence": 0},
            ],
        }
    ]
    assert (score(report, gold)["conflicts"]["all"]["found"] == 1) is expected


def test_score_conflict_positions_differ_on_any_annotated_value():
    # "$3,000 each" (to two people: $6,000 in all) against "$3,000": the first value field alone agrees
    gold = dict(GOLD)
    gold["conflicts"] = [
        {
            "id": "amount",
            "required": True,
            "kind": "quantity",
            "positions": [
                {"article": "000", "text": "zzz", "value_usd_each": 3000, "value_usd_total": 6000},
                {"article": "001", "text": "yyy", "value_usd_total": 3000},
            ],
        }
    ]
    report = _report()
    report["stories"][0]["conflicts"] = [
        {
            "id": "c",
            "about": "amount",
            "kind": "quantity",
            "positions": [
                {"value": "$6,000 ($3,000 each)", "text": "qqq", "article": "000_aaa", "sentence": 0},
                {"value": "$3,000", "text": "www", "article": "001_bbb", "sentence": 0},
            ],
        }
    ]
    conflicts = score(report, gold)["conflicts"]
    assert conflicts["required"]["found"] == 1
    assert conflicts["precision"] == 1.0
