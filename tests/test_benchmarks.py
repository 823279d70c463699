"""The quality benchmarks' scorers and baselines on hand-made inputs, and their behaviour without data."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import _data  # noqa: E402
import entities_ecb as ecb  # noqa: E402
import summary_multinews as mn  # noqa: E402

# gold {a,b,c} {d,e}; system {a,b} {c,d,e}: worked by hand below
GOLD = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
PRED = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        # MUC: recall (3-2 + 2-1) / (2 + 1); precision (2-1 + 3-2) / (1 + 2)
        (ecb.muc, (2 / 3, 2 / 3, 2 / 3)),
        # B-cubed: per-mention precision 1, 1, 1/3, 2/3, 2/3; recall 2/3, 2/3, 1/3, 1, 1
        (ecb.b_cubed, (11 / 15, 11 / 15, 11 / 15)),
        # CEAF-e: phi4 = 2*2/5 for both aligned pairs; 1.6 / 2 clusters on each side
        (ecb.ceaf_e, (0.8, 0.8, 0.8)),
    ],
)
def test_coref_metric_toy_partition(metric, expected):
    assert metric(GOLD, PRED) == pytest.approx(expected)


def test_conll_scores_perfect_and_all_singletons():
    assert ecb.conll_scores(GOLD, GOLD)["CoNLL"] == pytest.approx(100.0)
    singletons = {m: m for m in GOLD}
    scores = ecb.conll_scores(GOLD, singletons)
    assert scores["MUC"] == 0.0
    # B-cubed: precision 1, recall (1/3*3 + 1/2*2)/5 = 2/5
    assert scores["B3"] == pytest.approx(100 * 2 * 1 * 0.4 / 1.4)


def test_coref_metric_rejects_different_mentions():
    with pytest.raises(ValueError, match="different mentions"):
        ecb.b_cubed(GOLD, {"a": 1})


def _mention(mid, doc, start, end, text, etype, chain, lemma, pos="PROPN", subtopic="1ecb"):
    return _data.EcbMention(mid, doc, 1, subtopic, 0, start, end, text, etype, chain, lemma, pos)


def test_lemma_baseline_groups_same_head_within_subtopic():
    mentions = [
        _mention("m1", "d1", 0, 5, "Obama", "HUMAN_PART_PER", "c1", "obama"),
        _mention("m2", "d2", 0, 5, "Obama", "HUMAN_PART_PER", "c1", "obama"),
        _mention("m3", "d3", 0, 5, "Obama", "HUMAN_PART_PER", "c1", "obama", subtopic="1ecbplus"),
        _mention("m4", "d1", 6, 9, "man", "HUMAN_PART_PER", "c2", "man", "NOUN"),
    ]
    out = ecb.lemma_baseline(mentions)
    assert out["m1"] == out["m2"] != out["m3"]
    assert out["m4"] != out["m1"]


def _doc(key, text):
    return _data.EcbDocument(key, 1, "1ecb", text, ((0, len(text)),), {})


def test_resolver_clusters_maps_entities_back_to_gold_spans():
    docs = {
        "d1": _doc("d1", "Barack Obama met the Senate on Tuesday."),
        "d2": _doc("d2", "President Obama's plan was new."),
    }
    mentions = [
        _mention("m1", "d1", 0, 12, "Barack Obama", "HUMAN_PART_PER", "c1", "obama"),
        _mention("m2", "d1", 17, 27, "the Senate", "HUMAN_PART_ORG", "c2", "senate"),
        _mention("m3", "d1", 31, 38, "Tuesday", "TIME_DATE", "c3", "tuesday"),
        _mention("m4", "d2", 0, 17, "President Obama's", "HUMAN_PART_PER", "c1", "obama"),
    ]
    out = ecb.resolver_clusters(docs, mentions)
    assert set(out) == {"m1", "m2", "m3", "m4"}
    assert out["m1"] == out["m4"]
    assert out["m2"] != out["m1"]
    assert out["m3"] == ("singleton", "m3")  # times are not the resolver's business


def test_hybrid_uses_lemma_for_nominals_and_times():
    docs = {"d1": _doc("d1", "Tuesday the man left. Tuesday the man came back.")}
    mentions = [
        _mention("t1", "d1", 0, 7, "Tuesday", "TIME_DATE", "c1", "tuesday"),
        _mention("n1", "d1", 8, 15, "the man", "HUMAN_PART_PER", "c2", "man", "NOUN"),
        _mention("t2", "d1", 22, 29, "Tuesday", "TIME_DATE", "c1", "tuesday"),
        _mention("n2", "d1", 30, 37, "the man", "HUMAN_PART_PER", "c2", "man", "NOUN"),
    ]
    out = ecb.hybrid(docs, mentions)
    assert out["t1"] == out["t2"] != out["n1"] == out["n2"]


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        (["He", "said", "``", "no", "''", "."], 'He said "no".'),
        (["Reid", "'s", "rep", "(", "Jack", ")", "did", "n't"], "Reid's rep (Jack) didn't"),
    ],
)
def test_join_tokens_glues_punctuation_and_keeps_spans(tokens, expected):
    text, spans = _data.join_tokens(tokens)
    assert text == expected
    assert [text[s:e] for s, e in spans] == [_data._QUOTES.get(t, t) for t in tokens]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("The U.S. Army's 3rd unit", ["the", "u", "s", "army", "s", "3rd", "unit"]), ("", [])],
)
def test_tokenize_lowercases_alphanumeric_runs(text, expected):
    assert mn.tokenize(text) == expected


@pytest.mark.parametrize(
    ("candidate", "reference", "expected"),
    [
        # unigrams: P 3/3, R 3/6; bigrams: P 2/2, R 2/5; LCS 3: P 1, R 1/2
        ("the cat sat", "the cat sat on the mat", {"R1": 2 / 3, "R2": 4 / 7, "RL": 2 / 3}),
        # clipped counts: "the the the" matches "the" at most twice
        ("the the the", "the cat the", {"R1": 2 / 3, "R2": 0.0, "RL": 2 / 3}),
        ("a b c d", "a c b d", {"R1": 1.0, "R2": 0.0, "RL": 0.75}),
        ("", "anything", {"R1": 0.0, "R2": 0.0, "RL": 0.0}),
    ],
)
def test_rouge_toy_strings(candidate, reference, expected):
    assert mn.rouge(candidate, reference) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("a", "b", "expected"), [("abcbdab", "bdcaba", 4), ("abc", "", 0), ("abc", "abc", 3)]
)
def test_lcs_length(a, b, expected):
    assert mn.lcs_length(list(a), list(b)) == expected


def test_lexrank_prefers_central_and_skips_redundant():
    sentences = [
        "The storm hit the coastal town overnight.",
        "The storm hit the coastal town overnight, officials said.",
        "Storm damage in the coastal town was severe.",
        "Football results were announced in the capital.",
    ]
    chosen = mn.lexrank(sentences, 2)
    assert len(chosen) == 2
    assert 3 not in chosen
    assert not {0, 1} <= set(chosen)  # near-duplicates are not both taken


@pytest.mark.parametrize(
    ("k", "expected"), [(1, ["a1"]), (3, ["a1", "b1", "a2"]), (9, ["a1", "b1", "a2", "a3"])]
)
def test_lead_takes_articles_in_turn(k, expected):
    assert mn.lead([["a1", "a2", "a3"], ["b1"]], k) == expected


def test_first_k_takes_each_article_start():
    assert mn.first_k([["a1", "a2", "a3", "a4"], ["b1"]], 3) == ["a1", "a2", "a3", "b1"]


@pytest.mark.parametrize("script", [ecb, mn])
def test_script_without_data_exits_cleanly(script, tmp_path, capsys):
    assert script.main(["--data", str(tmp_path)]) == 0
    assert "skipped" in capsys.readouterr().out


def test_load_ecb_entities_spans_match_text(shared_dir):
    docs, mentions = _data.load_ecb_entities(shared_dir / "data", topics=[36])
    assert mentions and docs
    assert {m.topic for m in mentions} == {36}
    assert {m.type.split("_")[0] for m in mentions} <= {"HUMAN", "NON", "LOC", "TIME"}
    for m in mentions:
        assert docs[m.doc].text[m.start : m.end] == m.text
        assert not m.text.lower().startswith(("in ", "on ", "at "))  # leading prepositions dropped
