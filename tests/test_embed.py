"""Tests for crossfact.analysis.embed: small calls run on one torch thread, with the same vectors."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
import torch

from crossfact.analysis.embed import DIMENSION, Embedder, _torch_threads


@pytest.fixture
def two_threads() -> Iterator[None]:
    """torch set to two intra-op threads for the test (so that a switch to one can be seen), then restored."""
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def _bare_embedder(single_thread_max: int) -> Embedder:
    """An Embedder without its model, for the thread policy alone."""
    embedder = Embedder.__new__(Embedder)
    embedder.batch_size = 64
    embedder.single_thread_max = single_thread_max
    return embedder


@pytest.mark.parametrize(
    ("n_texts", "single_thread_max", "expected"),
    [(1, 64, 1), (2, 64, 1), (64, 64, 1), (65, 64, None), (2000, 64, None), (1, 0, None), (3, 2, None)],
)
def test_threads_for_small_calls_only(n_texts: int, single_thread_max: int, expected: int | None) -> None:
    assert _bare_embedder(single_thread_max).threads_for(n_texts) == expected


@pytest.mark.parametrize(("n", "inside"), [(1, 1), (None, 2)])
def test_torch_threads_switches_and_restores(two_threads: None, n: int | None, inside: int) -> None:
    with _torch_threads(n):
        assert torch.get_num_threads() == inside
    assert torch.get_num_threads() == 2


def test_torch_threads_restores_after_error(two_threads: None) -> None:
    with pytest.raises(RuntimeError), _torch_threads(1):
        raise RuntimeError("boom")
    assert torch.get_num_threads() == 2


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"batch_size": 0}, "batch_size"), ({"single_thread_max": -1}, "single_thread_max")],
)
def test_embedder_rejects_bad_arguments(kwargs: dict[str, int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Embedder(**kwargs)


def test_encode_small_call_matches_pooled_call(embedder: Embedder, two_threads: None) -> None:
    texts = ["a short sentence", "another one"]
    filler = [
        f"filler sentence number {i} about nothing in particular" for i in range(embedder.single_thread_max)
    ]
    assert embedder.threads_for(len(texts)) == 1
    assert embedder.threads_for(len(texts + filler)) is None
    small = embedder.encode(texts)
    pooled = embedder.encode(texts + filler)[: len(texts)]
    assert torch.get_num_threads() == 2
    assert small.shape == (2, DIMENSION) and small.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(small, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(small, pooled, atol=1e-6)
    np.testing.assert_array_equal(embedder.encode(texts), small)


def test_encode_empty_input(embedder: Embedder) -> None:
    out = embedder.encode([])
    assert out.shape == (0, DIMENSION) and out.dtype == np.float32
