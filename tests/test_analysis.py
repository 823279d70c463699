"""Tests for crossfact.analysis: the embedding cache shared by the stages and the per-stage timings."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from crossfact.analysis import CachedEmbedder, analyze
from crossfact.config import Config
from crossfact.model import Article, ArticleDoc, Mention, Sentence


class CountingEmbedder:
    """A fake embedder: a fixed unit vector per text (from its hash), every encoded text recorded."""

    batch_size = 7

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.calls = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        self.seen.extend(texts)
        rows = []
        for t in texts:
            seed = int.from_bytes(hashlib.sha1(t.encode()).digest()[:4], "little")
            v = np.random.default_rng(seed).normal(size=8).astype(np.float32)
            rows.append(v / np.linalg.norm(v))
        return np.asarray(rows, dtype=np.float32).reshape(len(texts), 8)


@pytest.mark.parametrize(
    ("requests", "expected_seen"),
    [
        ([["a", "b", "a"]], ["a", "b"]),
        ([["a", "b"], ["b", "c", "a"]], ["a", "b", "c"]),
        ([["x"], ["x"], ["x", "x"]], ["x"]),
    ],
)
def test_cached_embedder_encodes_each_text_once(requests: list[list[str]], expected_seen: list[str]) -> None:
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner)
    reference = CountingEmbedder()
    for texts in requests:
        out = cached.encode(texts)
        assert out.dtype == np.float32
        np.testing.assert_array_equal(out, reference.encode(texts))
    assert inner.seen == expected_seen


def test_cached_embedder_empty_input_and_attributes() -> None:
    inner = CountingEmbedder()
    cached = CachedEmbedder(inner)
    assert cached.encode([]).shape == (0, 8)
    assert cached.batch_size == 7
    with pytest.raises(AttributeError):
        _ = cached.no_such_attribute


def _doc(article_id: str, sentences: list[str]) -> ArticleDoc:
    text = " ".join(sentences)
    out, mentions, offset = [], [], 0
    for i, s in enumerate(sentences):
        out.append(Sentence(index=i, start=offset, end=offset + len(s), text=s))
        k = s.find("Hal Brenner")
        if k >= 0:
            mentions.append(Mention(i, offset + k, offset + k + len("Hal Brenner"), "Hal Brenner", "PERSON"))
        offset += len(s) + 1
    article = Article(id=article_id, text=text, source=f"{article_id}.txt", published="2025-04-10")
    return ArticleDoc(article=article, sentences=tuple(out), mentions=tuple(mentions))


def test_analyze_times_every_stage_and_shares_one_cache() -> None:
    common = "Hal Brenner said the two delegations met for five hours on Thursday in the city."
    docs = [
        _doc("a0", [common, "The talks were described as constructive by both sides of the table."]),
        _doc("a1", [common, "A second round of the talks is planned for next month in the capital."]),
    ]
    inner = CountingEmbedder()
    timings: dict[str, float] = {}
    story = analyze(docs, Config(), inner, timings=timings)
    stages = {"dates", "entities", "claims", "conflicts", "quotes", "timeline", "summary", "title"}
    assert set(timings) == stages
    assert all(t >= 0 for t in timings.values())
    assert len(inner.seen) == len(set(inner.seen))  # no text encoded twice across the stages
    assert story.articles == ("a0", "a1")
