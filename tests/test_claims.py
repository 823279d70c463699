"""Claims: alignment across articles, support and independent support (copies folded)."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import numpy as np
import pytest

from crossfact.analysis.claims import (
    _NUM,
    W_COSINE,
    W_ENTITIES,
    W_VALUE,
    W_WORDS,
    _jaccard_matrix,
    _jaccard_pairs,
    _mask_same_article,
    _units,
    align_claims,
    attribution_text,
    entity_index,
    extend_groups,
    idf_weights,
    lexical_tokens,
    pair_scores,
    tfidf_matrix,
    unit_entities,
    unit_tokens,
)
from crossfact.analysis.clauses import split_clauses
from crossfact.analysis.facts import group_pairs
from crossfact.analysis.origins import (
    ARTICLE_COPY_JACCARD,
    candidate_article_pairs,
    is_copy,
    jaccard,
    near_duplicate_articles,
    origin_groups,
    shingles,
)
from crossfact.model import ArticleDoc, Attribution, Entity, EntityMention
from fakes import BagEmbedder, article_doc


def doc(aid: str, sentences: list[str], attributions=()) -> ArticleDoc:
    return article_doc(aid, sentences, attributions)


QUOTE = '"We will rebuild every school that was destroyed by the flood," the governor said on Monday.'


def test_align_claims_verbatim_quote_in_three_articles_is_one_origin():
    docs = [
        doc("a", [QUOTE, "Rain continued to fall across the northern valleys overnight."]),
        doc("b", ["Shops reopened in the capital after the market fire was put out.", QUOTE]),
        doc("c", [QUOTE, "A separate report counted the damaged bridges along the river."]),
    ]
    claims = align_claims(docs, [], BagEmbedder(512), None)
    (claim,) = [c for c in claims if "rebuild" in c.text]
    assert claim.support == 3
    assert claim.independent_support == 1
    assert {s.origin for s in claim.sources} == {0}


def test_align_claims_paraphrases_are_independent():
    docs = [
        doc("a", ["The governor promised to rebuild every school destroyed by the flood waters."]),
        doc("b", ["Every school destroyed by the flood waters will be rebuilt, the governor promised."]),
    ]
    (claim,) = align_claims(docs, [], BagEmbedder(512), None)
    assert (claim.support, claim.independent_support) == (2, 2)


def test_align_claims_one_sentence_per_article_and_no_single_source_claims():
    docs = [
        doc(
            "a",
            [
                "The governor promised to rebuild every school destroyed by the flood.",
                "The governor promised to rebuild every school destroyed by the flood waters.",
            ],
        ),
        doc("b", ["The governor promised to rebuild every school destroyed by the flood, officials said."]),
        doc("c", ["Farmers in the south expect a poor harvest of wheat and barley this year."]),
    ]
    claims = align_claims(docs, [], BagEmbedder(512), None)
    assert len(claims) == 1
    articles = [s.article for s in claims[0].sources]
    assert sorted(articles) == ["a", "b"]


def test_align_claims_attribution_and_deterministic_ids():
    docs = [
        doc(
            "a",
            ["The bridge will reopen to traffic next month, the ministry said."],
            [Attribution(0, "the ministry", "said")],
        ),
        doc(
            "b",
            ["The bridge is to reopen to traffic next month, according to the ministry."],
            [Attribution(0, "the ministry", "according to", via="Reuters")],
        ),
    ]
    first = align_claims(docs, [], BagEmbedder(512), None)
    again = align_claims(docs, [], BagEmbedder(512), None)
    assert [c.id for c in first] == [c.id for c in again]
    assert [s.attribution for s in first[0].sources] == ["the ministry", "the ministry via Reuters"]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (QUOTE, QUOTE, True),
        (QUOTE, 'The governor said: "We will rebuild every school that was destroyed by the flood."', True),
        ("The talks lasted five hours on Thursday.", "Rain fell on the capital for five hours.", False),
        (
            'The talks were "constructive," officials said.',
            'Both sides called the meeting "constructive".',
            False,
        ),
    ],
)
def test_is_copy(a, b, expected):
    assert is_copy(a, b) is expected


def test_origin_groups_near_duplicate_articles_share_an_origin():
    body = " ".join(
        f"Sentence number {i} of the wire story about the flood in the valley." for i in range(30)
    )
    docs = [
        doc("a", [body]),
        doc("b", [body + " Extra line."]),
        doc("c", ["Something else entirely here today."]),
    ]
    groups = near_duplicate_articles(docs)
    assert groups["a"] == groups["b"] != groups["c"]
    assert origin_groups([("a", "One wording."), ("b", "Other words entirely.")], groups) == [0, 0]


@pytest.mark.parametrize(
    ("speaker", "via", "expected"),
    [("TASS", None, "TASS"), ("Darkov", "TASS", "Darkov via TASS"), (None, None, None)],
)
def test_attribution_text(speaker, via, expected):
    assert attribution_text(speaker, via) == expected


@pytest.mark.models
def test_align_claims_example_gold(example_docs, embedder, shared_dir):
    """End to end on the bundled example: most required corroborated claims are found."""
    from crossfact.analysis.resolve import resolve_entities

    gold = json.loads((shared_dir / "gold" / "istanbul-talks.json").read_text())
    claims = align_claims(example_docs, resolve_entities(example_docs), embedder, None)
    prefix = {d.article.id: d.article.id[:3] for d in example_docs}
    found = 0
    required = [g for g in gold["corroborated_claims"] if g.get("required")]
    for g in required:
        rx = re.compile(g["keywords"], re.I)
        found += any(
            set(g["articles"]) <= {prefix[s.article] for s in c.sources if rx.search(s.text)} for c in claims
        )
    assert all(c.support >= 2 and c.independent_support <= c.support for c in claims)
    assert found >= 2


def test_idf_weights_rare_word_weighs_more():
    sets = [{"storm", "roof"}, {"storm", "school"}, {"storm", "bridge"}]
    idf = idf_weights(sets)
    assert idf["roof"] > idf["storm"] > 0


def test_tfidf_matrix_shared_rare_word_scores_above_shared_common_word():
    sets = [{"storm", "roof"}, {"storm", "roof", "mayor"}, {"storm", "bridge"}, {"storm", "school"}]
    sim = tfidf_matrix(sets, idf_weights(sets))
    assert sim[0, 1] > sim[0, 2] > 0
    assert sim[0, 0] == pytest.approx(1.0)


def test_lexical_tokens_keeps_numbers_and_drops_stop_words():
    tokens = lexical_tokens("The storm dropped 1,200 mm of rain")
    assert tokens == {"storm", "dropp", "1200", "rain"}


def _scores(n: int, pairs: dict[tuple[int, int], float]) -> np.ndarray:
    s = np.full((n, n), 0.1, dtype=np.float32)
    for (i, j), v in pairs.items():
        s[i, j] = s[j, i] = v
    return s


@pytest.mark.parametrize(
    ("candidate_score", "expected"),
    [
        (0.6, [[0, 1, 2]]),  # a free sentence that fits the group joins it
        (0.3, [[0, 1]]),  # too weak a fit
    ],
)
def test_extend_groups_adds_a_free_sentence_that_fits(candidate_score, expected):
    # items 0, 1 (articles 0, 1) form a claim; item 2 (article 2) is in no claim
    scores = _scores(4, {(0, 1): 0.7, (0, 2): candidate_score, (1, 2): candidate_score})
    groups = extend_groups([[0, 1]], [0, 1, 2, 0], scores, 0.45)
    assert groups == expected


@pytest.mark.parametrize(
    ("candidate_score", "own_score", "expected"),
    [
        # item 2 fits claim [0, 1] better than its own claim [2, 3]: it moves, and [3] alone is no claim
        (0.85, 0.5, [[0, 1, 2]]),
        # it fits its own claim better: it stays there and [0, 1] does not get it too
        (0.6, 0.8, [[0, 1], [2, 3]]),
        # equal fit: it stays in its own claim
        (0.6, 0.6, [[0, 1], [2, 3]]),
    ],
)
def test_extend_groups_sentence_stays_in_its_best_claim_only(candidate_score, own_score, expected):
    # articles: item 0 -> 0, 1 -> 1, 2 -> 2, 3 -> 1
    scores = _scores(4, {(0, 1): 0.7, (0, 2): candidate_score, (1, 2): candidate_score, (2, 3): own_score})
    assert extend_groups([[0, 1], [2, 3]], [0, 1, 2, 1], scores, 0.45) == expected


@pytest.mark.parametrize("seed", range(20))
def test_extend_groups_each_item_in_one_group_one_item_per_article(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(6, 30))
    articles = rng.integers(0, 4, n)
    scores = rng.random((n, n)).astype(np.float32) * 0.9
    scores = (scores + scores.T) / 2
    scores[articles[:, None] == articles[None, :]] = -1.0
    groups = group_pairs(articles.tolist(), scores, 0.45, 0.40)
    extended = extend_groups(groups, articles.tolist(), scores, 0.45)
    items = [x for g in extended for x in g]
    assert len(items) == len(set(items))
    assert all(len({int(articles[x]) for x in g}) == len(g) >= 2 for g in extended)


def test_extend_groups_needs_most_members_to_prefer_the_candidate():
    # article 2 holds items 2 and 3; item 2 has the best mean, but member 1 prefers item 3
    scores = _scores(4, {(0, 1): 0.7, (0, 2): 0.9, (1, 2): 0.46, (1, 3): 0.5, (0, 3): 0.2})
    assert extend_groups([[0, 1]], [0, 1, 2, 2], scores, 0.45) == [[0, 1]]


def test_align_claims_a_sentence_with_two_facts_supports_one_claim():
    # a's sentence states both facts: c and d state one (the talks), b and e the other (the departure)
    docs = [
        doc("a", ["The delegation left the consulate building after five hours of talks on embassy staff."]),
        doc("b", ["The delegation left the consulate building in a convoy of black cars."]),
        doc("c", ["The talks on the embassy staff lasted five hours, both delegations said."]),
        doc("d", ["Both delegations said the talks on embassy staff lasted five hours."]),
        doc("e", ["The delegation left the consulate building in a convoy of cars, witnesses said."]),
    ]
    claims = align_claims(docs, [], BagEmbedder(512), None)
    sources = sorted(sorted(s.article for s in c.sources) for c in claims)
    # a joins the claim it fits best (the talks), not both
    assert sources == [["a", "c", "d"], ["b", "e"]]


def test_align_claims_a_sentence_repeated_in_its_article_is_one_candidate():
    # two copies of a story that each repeat a sentence: one claim, not two with the same wording
    line = "The governor promised to rebuild every school destroyed by the flood waters."
    docs = [
        doc("a", [line, "Rain continued to fall across the northern valleys overnight.", line]),
        doc("b", [line, "Shops reopened in the capital after the market fire was put out.", line]),
    ]
    claims = align_claims(docs, [], BagEmbedder(512), None)
    assert [[(s.article, s.sentence) for s in c.sources] for c in claims] == [[("a", 0), ("b", 0)]]


_WIRE = (
    "Heavy rain flooded the river valley on Tuesday, forcing hundreds of families from their homes, "
    "officials said. Rescue teams used boats to reach villages cut off by the water, and the regional "
    "governor asked the army for help. Forecasters expect more rain on Wednesday and warned that the dam "
    "upstream could overflow. Schools in the valley were closed and several roads were under water, while "
    "the power company said thousands of homes had no electricity. Residents described water rising to "
    "the first floor within an hour of the storm reaching the town."
)
_OTHER = (
    "The central bank left its interest rate unchanged on Thursday, saying inflation was slowing but "
    "remained above its target. Economists had expected the decision after weak retail figures last month. "
    "The bank's governor said further cuts would depend on wage growth and energy prices over the winter. "
    "Markets rose slightly after the announcement, and the currency was little changed against the dollar."
)


def _edited(text: str, k: int) -> str:
    """A syndicated copy: a masthead line added, one sentence dropped, the rest verbatim."""
    parts = text.split(". ")
    del parts[k % len(parts)]
    return f"By the Wire Service {k}. " + ". ".join(parts)


def test_near_duplicate_articles_lsh_finds_edited_copies_not_distinct_texts():
    docs = [
        doc("w0", [_WIRE]),
        doc("x", [_OTHER]),
        doc("w1", [_edited(_WIRE, 1)]),
        doc("w3", [_edited(_WIRE, 3)]),
    ]
    sets = [shingles(d.article.text) for d in docs]
    pairs = candidate_article_pairs(sets)
    # each copy is near the original (shingle Jaccard 0.65 and 0.63); the two copies are not (0.34)
    assert {(0, 2), (0, 3)} <= set(pairs)
    assert not {p for p in pairs if 1 in p}
    groups = near_duplicate_articles(docs)
    assert groups["w0"] == groups["w1"] == groups["w3"] != groups["x"]


def test_candidate_article_pairs_empty_and_deterministic():
    sets = [shingles(_WIRE), frozenset(), shingles(_WIRE)]
    assert candidate_article_pairs(sets) == candidate_article_pairs(sets) == [(0, 2)]
    assert candidate_article_pairs([]) == []


@pytest.mark.parametrize("seed", range(3))
def test_near_duplicate_articles_equals_exhaustive_comparison(seed):
    # many articles drawn from a few wire texts, each copy edited differently: LSH must lose no pair
    rng = np.random.default_rng(seed)
    sources = [_WIRE, _OTHER, _WIRE.replace("Tuesday", "Monday").upper().lower()]
    docs = []
    for k in range(30):
        text = sources[int(rng.integers(0, len(sources)))]
        if rng.random() < 0.7:
            text = _edited(text, int(rng.integers(0, 10)))
        docs.append(doc(f"d{k}", [text]))
    groups = near_duplicate_articles(docs)
    sets = [shingles(d.article.text) for d in docs]
    for i in range(len(docs)):
        for j in range(i + 1, len(docs)):
            if jaccard(sets[i], sets[j]) >= ARTICLE_COPY_JACCARD:
                assert groups[f"d{i}"] == groups[f"d{j}"]
    assert len(set(groups.values())) >= 2


def _entity(eid: str, docs: list[ArticleDoc], forms: list[str]) -> Entity:
    """A resolved entity with one mention per sentence that spells it in one of ``forms`` (longest first)."""
    mentions = []
    for d in docs:
        for s in d.sentences:
            for f in sorted(forms, key=len, reverse=True):
                k = s.text.find(f)
                if k >= 0:
                    mentions.append(
                        EntityMention(d.article.id, s.index, s.start + k, s.start + k + len(f), f)
                    )
                    break
    return Entity(eid, forms[0], "GPE", tuple(forms), tuple(mentions))


_CHECKPOINT_A = "Rebels attacked a checkpoint in the Mazzeh district before dawn."
_CHECKPOINT_B = "A checkpoint in al-Mezzeh came under attack by rebels before dawn, residents said."
_FILLER = "Farmers in the south expect a poor harvest of wheat and barley this year."


def test_unit_tokens_spelling_variants_of_one_entity_are_one_token():
    from crossfact.analysis.claims import _units

    docs = [doc("a", [_CHECKPOINT_A]), doc("b", [_CHECKPOINT_B])]
    units = _units(docs)
    resolved = unit_tokens(units, docs, [_entity("mazzeh", docs, ["Mazzeh", "al-Mezzeh"])])
    bare = unit_tokens(units, docs, [])
    shared = resolved[0] & resolved[1]
    assert any(t.endswith("mazzeh") and t not in bare[0] for t in shared)  # the entity's token
    assert "mazzeh" not in resolved[0] and "mezzeh" not in resolved[1]  # its spellings are gone
    assert {"mazzeh", "mezzeh"} <= bare[0] | bare[1]


@pytest.mark.parametrize(("resolved", "expected"), [(True, [["a", "b"]]), (False, [])])
def test_align_claims_spelling_variants_of_one_entity_align(resolved, expected):
    # the pair scores 0.46 with the entity resolved, 0.34 without (link threshold 0.40)
    docs = [doc("a", [_CHECKPOINT_A, _FILLER]), doc("b", [_CHECKPOINT_B])]
    entities = [_entity("mazzeh", docs, ["Mazzeh", "al-Mezzeh"])] if resolved else []
    claims = align_claims(docs, entities, BagEmbedder(512), None)
    assert [sorted(s.article for s in c.sources) for c in claims if "checkpoint" in c.text] == expected


def test_align_claims_different_statements_about_one_entity_stay_apart():
    docs = [
        doc("a", [_CHECKPOINT_A]),
        doc("b", ["Al-Mezzeh is home to many embassies and to the houses of senior officials."]),
        doc("c", ["Residents of Mazzeh said the electricity was cut for most of Monday afternoon."]),
    ]
    entities = [_entity("mazzeh", docs, ["Mazzeh", "al-Mezzeh", "Al-Mezzeh"])]
    assert align_claims(docs, entities, BagEmbedder(512), None) == ()


def _dense_pair_scores(units, docs, entities, embedder):
    """The score matrix as the sum of dense terms (the definition ``pair_scores`` builds in place)."""
    vectors = np.asarray(embedder.encode([u.text for u in units]), dtype=np.float32)
    ents = entity_index(entities)
    token_sets = unit_tokens(units, docs, entities)
    values: dict = {}
    for d in docs:
        for v in d.values:
            values.setdefault((d.article.id, v.sentence), set()).add((v.kind, v.unit, round(v.amount, 3)))
    value_sets = [values.get((u.article, u.sentence)) or set(_NUM.findall(u.text)) for u in units]
    score = W_COSINE * (vectors @ vectors.T)
    score = score + W_ENTITIES * _jaccard_matrix([ents.get((u.article, u.sentence), set()) for u in units])
    score = score + W_WORDS * tfidf_matrix(token_sets, idf_weights(token_sets))
    score = score + W_VALUE * (_jaccard_matrix(value_sets) > 0).astype(np.float32)
    art = np.array([u.doc for u in units])
    score[art[:, None] == art[None, :]] = -1.0
    return score


def test_pair_scores_equal_the_sum_of_dense_terms():
    texts = [
        ["Officials said 12 people died when the bridge over the Vltava collapsed on Monday.", "x " * 8],
        [
            "The Vltava bridge collapse on Monday killed 12 people, officials said today.",
            "Rain fell all day.",
        ],
        [
            "Rescuers searched the river for survivors of the collapse through the night.",
            "12 more were hurt.",
        ],
    ]
    docs = [doc(f"a{i}", sents) for i, sents in enumerate(texts)]
    river = _entity("vltava", docs, ["Vltava"])
    units = _units(docs)
    expected = _dense_pair_scores(units, docs, [river], BagEmbedder(512))
    assert np.array_equal(pair_scores(units, docs, [river], BagEmbedder(512)), expected)


@pytest.mark.parametrize(
    ("articles", "expected"),
    [
        ([0, 0, 1], [[-1, -1, 5], [-1, -1, 5], [5, 5, -1]]),
        ([0, 1, 0], [[-1, 5, -1], [5, -1, 5], [-1, 5, -1]]),
        ([2], [[-1]]),
    ],
)
def test_mask_same_article_blocks_and_unsorted(articles, expected):
    score = np.full((len(articles), len(articles)), 5.0, dtype=np.float32)
    _mask_same_article(score, articles)
    assert score.tolist() == expected


@pytest.mark.parametrize(
    ("sets", "expected"),
    [
        (
            [{"a", "b"}, {"b", "c"}, {"d"}],
            {(0, 0): 1.0, (0, 1): 1 / 3, (1, 0): 1 / 3, (1, 1): 1.0, (2, 2): 1.0},
        ),
        ([set(), set()], {}),
    ],
)
def test_jaccard_pairs_only_pairs_sharing_an_element(sets, expected):
    rows, cols, values = _jaccard_pairs(sets)
    got = {(int(r), int(c)): float(v) for r, c, v in zip(rows, cols, values, strict=True)}
    assert got.keys() == expected.keys()
    assert all(got[k] == pytest.approx(v) for k, v in expected.items())


_TWO_FACTS = (
    "Floods cut the road to Milltown on Tuesday, and the governor of Westland asked the army for help."
)


def _two_fact_docs(second: str) -> list[ArticleDoc]:
    return [
        doc("a", [_TWO_FACTS]),
        doc("b", ["Floods cut the road to Milltown on Tuesday morning, police said."]),
        doc("c", [second]),
    ]


def _places(docs: list[ArticleDoc]) -> list[Entity]:
    return [_entity("milltown", docs, ["Milltown"]), _entity("westland", docs, ["Westland"])]


def test_align_claims_a_sentence_with_two_clauses_supports_two_claims():
    docs = _two_fact_docs("The governor of Westland asked the army for help with stranded families.")
    claims = align_claims(docs, _places(docs), BagEmbedder(512), None)
    assert sorted(sorted(s.article for s in c.sources) for c in claims) == [["a", "b"], ["a", "c"]]
    # the evidence is the whole sentence, in both claims, and the two claims have their own ids
    cited = [s for c in claims for s in c.sources if s.article == "a"]
    assert [(s.sentence, s.text) for s in cited] == [(0, _TWO_FACTS), (0, _TWO_FACTS)]
    assert len({c.id for c in claims}) == 2


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        # the other clause names no entity the third article names: no second claim
        ("The governor asked the army for help with stranded families.", [["a", "b"]]),
        # the third article states both facts as well: one claim of the whole sentences, not two
        (_TWO_FACTS.replace("aid", "urgent aid"), [["a", "b", "c"]]),
    ],
)
def test_align_claims_clause_claims_need_an_entity_and_are_not_duplicates(second, expected):
    docs = _two_fact_docs(second)
    claims = align_claims(docs, _places(docs), BagEmbedder(512), None)
    assert sorted(sorted(s.article for s in c.sources) for c in claims) == expected


def test_unit_clause_scores_its_own_words_and_entities():
    docs = _two_fact_docs("The governor of Westland asked the army for help with stranded families.")
    units = _units(docs)
    (left, right) = [replace(units[0], spans=c.spans) for c in split_clauses(units[0].text)]
    assert left.words.startswith("Floods cut") and right.words.startswith("the governor")
    assert [sorted(s) for s in unit_entities([left, right], docs, _places(docs))] == [
        ["milltown"],
        ["westland"],
    ]
    tokens = unit_tokens([left, right], docs, _places(docs))
    assert "flood" in tokens[0] and "flood" not in tokens[1] and "army" in tokens[1]


class _AngleEmbedder:
    """Every text at cosine ``cos`` to every other (first one on one axis, the rest share one vector)."""

    def __init__(self, cos: float) -> None:
        self.cos = cos

    def encode(self, texts):
        other = np.array([self.cos, np.sqrt(1 - self.cos**2)], dtype=np.float32)
        return np.stack([np.array([1.0, 0.0], dtype=np.float32)] + [other] * (len(texts) - 1))


@pytest.mark.parametrize(
    ("second", "cos", "capped"),
    [
        ("Critics praised the quiet performances and the patient editing of the drama.", 0.70, True),
        ("Critics praised the quiet performances and the patient editing of the drama.", 0.90, False),
        ("The ferry capsized near Lindholm harbour with forty passengers aboard, police said.", 0.70, False),
    ],
)
def test_pair_scores_require_words_caps_topic_only_pairs(second, cos, capped):
    # a pair close in embedding but sharing no rare word is no claim, unless it is a near paraphrase
    first = "The ferry capsized near Lindholm harbour on Sunday with forty passengers aboard."
    docs = [doc("a", [first]), doc("b", [second]), doc("c", ["Rain fell over the coast all of that week."])]
    units = _units(docs)
    free = pair_scores(units, docs, [], _AngleEmbedder(cos))
    strict = pair_scores(units, docs, [], _AngleEmbedder(cos), require_words=True)
    assert free[0, 1] > 0.40
    assert (strict[0, 1] <= 0.30) == capped
    assert strict[0, 1] == (min(free[0, 1], np.float32(0.30)) if capped else free[0, 1])


@pytest.mark.parametrize(("cos", "expected"), [(0.70, []), (0.90, [["a", "b"]])])
def test_align_claims_needs_shared_words_unless_paraphrase(cos, expected):
    # two sentences close in embedding but sharing no rare word make a claim only as a near paraphrase
    docs = [
        doc("a", ["The ferry capsized near Lindholm harbour on Sunday with forty passengers aboard."]),
        doc("b", ["Critics praised the quiet performances and the patient editing of the drama."]),
    ]
    claims = align_claims(docs, [], _AngleEmbedder(cos), None)
    assert [sorted(s.article for s in c.sources) for c in claims] == expected
