"""Clause claims: the second claim a sentence stating two facts supports through its other clause."""

from __future__ import annotations

import random

import numpy as np
import pytest

import crossfact.analysis.claim_scores as claim_scores
import crossfact.analysis.claims as claims
import crossfact.analysis.clause_claims as clause_claims
from crossfact.analysis.claims import align_claims
from crossfact.model import ArticleDoc, Entity, EntityMention
from fakes import BagEmbedder, article_doc


def _doc(aid: str, sentences: list[str]) -> ArticleDoc:
    return article_doc(aid, sentences)


def _places(docs: list[ArticleDoc], names: list[str]) -> list[Entity]:
    """One resolved entity per place name, with a mention in every sentence that spells it."""
    out = []
    for name in names:
        mentions = [
            EntityMention(d.article.id, s.index, s.start + k, s.start + k + len(name), name)
            for d in docs
            for s in d.sentences
            for k in [s.text.find(name)]
            if k >= 0
        ]
        out.append(Entity(name.lower(), name, "GPE", (name,), tuple(mentions)))
    return out


class _Recording(BagEmbedder):
    """A bag-of-words embedder that records every text it is asked to embed."""

    def __init__(self) -> None:
        super().__init__(512)
        self.seen: list[str] = []

    def encode(self, texts):
        self.seen.extend(texts)
        return super().encode(texts)


@pytest.mark.parametrize(
    ("name", "module"),
    [
        ("clause_groups", clause_claims),
        ("CLAUSE_LINK", clause_claims),
        ("CLAUSE_MARGIN", clause_claims),
        ("CLAUSE_PREFILTER", clause_claims),
        ("_mean_score", clause_claims),
        ("pair_scores", claim_scores),
        ("unit_tokens", claim_scores),
        ("unit_entities", claim_scores),
        ("_Unit", claim_scores),
        ("_STOP", claim_scores),
        ("ENTITY_TOKEN", claim_scores),
    ],
)
def test_claims_reexports_the_moved_names(name, module):
    assert getattr(claims, name) is getattr(module, name)


_TWO_FACTS = (
    "Floods cut the road to Milltown on Tuesday, and the governor of Westland asked the army for help."
)
# a sentence with two clauses that share no place and no word of a statement with any other article
_UNRELATED = (
    "Bakers in Eastport sold more bread than ever, and the mayor of Eastport opened a new market hall."
)


def test_clause_groups_embeds_no_clause_that_cannot_link():
    docs = [
        _doc("a", [_TWO_FACTS, _UNRELATED]),
        _doc("b", ["Floods cut the road to Milltown on Tuesday morning, police said."]),
        _doc("c", ["The governor of Westland asked the army for help with stranded families."]),
    ]
    embedder = _Recording()
    found = align_claims(docs, _places(docs, ["Milltown", "Westland", "Eastport"]), embedder, None)
    assert sorted(sorted(s.article for s in c.sources) for c in found) == [["a", "b"], ["a", "c"]]
    # the whole sentence is embedded (sentence claims), its clauses are not
    assert _UNRELATED in embedder.seen
    assert not any(t.startswith("Bakers in Eastport sold") and t != _UNRELATED for t in embedder.seen)
    assert not any(t.startswith("the mayor of Eastport") for t in embedder.seen)
    # the clauses of the sentence that does link are
    assert any(t.startswith("the governor of Westland asked") for t in embedder.seen)


_PLACES = ["Milltown", "Westland", "Eastport", "Ridgeway"]
_SUBJECTS = ["Floods", "Rescue teams", "The governor of {p}", "Police in {p}", "Officials from {p}"]
_PREDICATES = [
    "blocked the road to {p} on Tuesday",
    "asked the army for help near {p}",
    "closed three schools in {p}",
    "reported two deaths in {p}",
    "opened a shelter for families in {p}",
]


def _clause(rng: random.Random) -> str:
    subject = rng.choice(_SUBJECTS).format(p=rng.choice(_PLACES))
    return f"{subject} {rng.choice(_PREDICATES).format(p=rng.choice(_PLACES))}"


def _random_story(seed: int) -> list[ArticleDoc]:
    """Four articles of sentences with one or two clauses, drawn from a few places and statements."""
    rng = random.Random(seed)
    docs = []
    for a in "abcd":
        sentences: list[str] = []
        while len(sentences) < rng.randint(3, 5):
            one, other = _clause(rng), _clause(rng)
            two = f"{one}, and {other[0].lower()}{other[1:]}." if rng.random() < 0.6 else one + "."
            if two not in sentences:
                sentences.append(two)
        docs.append(_doc(a, sentences))
    return docs


def _every_pair(cands, homes, n_clauses, ent_sets, token_sets):
    """All pairs of candidates of two articles: every clause counts as one that could link."""
    doc = np.asarray([u.doc for u in cands])
    rows, cols = np.nonzero(doc[:, None] != doc[None, :])
    return rows, cols


def test_clause_groups_skipping_clauses_that_cannot_link_changes_no_claim(monkeypatch):
    total_clause_claims = 0
    for seed in range(12):
        docs = _random_story(seed)
        entities = _places(docs, _PLACES)
        pruned = [c.to_dict() for c in align_claims(docs, entities, BagEmbedder(512), None)]
        with monkeypatch.context() as m:
            m.setattr(clause_claims, "_possible_links", _every_pair)
            every = [c.to_dict() for c in align_claims(docs, entities, BagEmbedder(512), None)]
            m.setattr(claims, "clause_groups", lambda *a: ([], [], np.zeros((0, 0), dtype=np.float32)))
            sentences_only = align_claims(docs, entities, BagEmbedder(512), None)
        assert pruned == every, seed
        total_clause_claims += len(pruned) - len(sentences_only)
    # the stories do make clause claims, so the comparison is not empty
    assert total_clause_claims > 0


@pytest.mark.parametrize(
    ("homes", "expected"),
    [
        # clause 0 (article 0) and clause 1 (article 1) share "Milltown" and "road": a possible link
        ([-1, -1, -1], {(0, 1), (1, 0)}),
        # two sentences of one claim never link through their clauses
        ([3, 3, -1], set()),
        ([3, 4, -1], {(0, 1), (1, 0)}),
    ],
)
def test_possible_links_need_a_referent_and_a_word_across_articles(homes, expected):
    docs = [
        _doc("a", ["Floods cut the road to Milltown on Tuesday."]),
        _doc("b", ["Police closed the road to Milltown at noon."]),
        _doc("c", ["The governor of Westland asked the army for help."]),
    ]
    units = claims._units(docs)
    entities = _places(docs, ["Milltown", "Westland"])
    rows, cols = clause_claims._possible_links(
        units,
        np.asarray(homes),
        2,  # the first two units stand for clauses, the third for a free sentence
        claim_scores.unit_entities(units, docs, entities),
        claim_scores.unit_tokens(units, docs, entities),
    )
    assert set(zip(rows.tolist(), cols.tolist(), strict=True)) == expected


_FREE = "Floods cut the road to Milltown on Tuesday, police said."
_CLAIMED_CLAUSE = "Floods cut the road to Milltown on Tuesday"
_FAR_CLAUSE = "Bakers in Eastport sold more bread than ever"


class _Placed(BagEmbedder):
    """Chosen vectors for three texts (cosines 0.3 and ``far`` to the free sentence), bags for the rest."""

    def __init__(self, far: float) -> None:
        super().__init__(512)
        self.far = far

    def encode(self, texts):
        out = super().encode(texts)
        out[:, :3] = 0.0  # the bags keep off the three chosen directions
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
        for i, t in enumerate(texts):
            if t == _FREE:
                out[i] = np.eye(512, dtype=np.float32)[0]
            elif t.startswith(_CLAIMED_CLAUSE) and t != _TWO_FACTS:
                out[i] = 0.0
                out[i, :2] = (0.3, np.sqrt(1 - 0.3**2))
            elif t.startswith(_FAR_CLAUSE) and t != _UNRELATED:
                out[i] = 0.0
                out[i, [0, 2]] = (self.far, np.sqrt(1 - self.far**2))
        return out


@pytest.mark.parametrize(("far", "expected"), [(0.5, [["a", "b"]]), (0.2, [])])
def test_clause_groups_a_clause_that_cannot_link_still_admits_a_free_sentence(far, expected, monkeypatch):
    # the free sentence is too far from the clause it would join (0.3) to pass the prefilter on its own,
    # but close enough to a clause of a third article that links with nothing (``far``)
    docs = [_doc("a", [_TWO_FACTS]), _doc("b", [_FREE]), _doc("c", [_UNRELATED])]
    entities = _places(docs, ["Milltown", "Westland", "Eastport"])
    found = align_claims(docs, entities, _Placed(far), None)
    assert [sorted(s.article for s in c.sources) for c in found] == expected
    with monkeypatch.context() as m:
        m.setattr(clause_claims, "_possible_links", _every_pair)
        every = align_claims(docs, entities, _Placed(far), None)
    assert [c.to_dict() for c in found] == [c.to_dict() for c in every]
