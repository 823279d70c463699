"""Light stand-ins for ingest, the per-article NLP, the sentence model and the story analysis, for tests
that check the plumbing (store, exit codes, output shape) or one stage without loading the models."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

import crossfact.analysis
import crossfact.ingest
import crossfact.nlp
from crossfact.config import Config
from crossfact.model import Article, ArticleDoc, Sentence, Skipped, Story


def article_doc(aid: str, sentences: Sequence[str], attributions: Sequence[object] = ()) -> ArticleDoc:
    """An ArticleDoc whose text is ``sentences`` joined by spaces, one Sentence each (no NLP)."""
    text = " ".join(sentences)
    sents, pos = [], 0
    for i, s in enumerate(sentences):
        start = text.index(s, pos)
        sents.append(Sentence(i, start, start + len(s), s))
        pos = start + len(s)
    return ArticleDoc(Article(aid, text, aid), tuple(sents), attributions=tuple(attributions))  # type: ignore[arg-type]


class BagEmbedder:
    """A deterministic stand-in for the sentence model: hashed bag of words, L2-normalised."""

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in re.findall(r"[a-z]+", t.lower()):
                out[i, zlib.crc32(w.encode()) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


def fake_read_inputs(
    paths: Sequence[str], config: Config, *, title: str | None = None, outlet: str | None = None
) -> Iterator[Article | Skipped]:
    """One article per .txt file (id = file stem); missing or empty files are skipped.

    ``title`` (formatted with ``{stem}``, e.g. ``"Title {stem}"``) and ``outlet`` are set on every article
    when given.
    """
    for p in paths:
        path = Path(p)
        for f in sorted(path.glob("*.txt")) if path.is_dir() else [path]:
            if not f.exists():
                yield Skipped(source=str(f), reason="no such file")
                continue
            text = f.read_text()
            if not text.strip():
                yield Skipped(source=str(f), reason="empty file")
                continue
            yield Article(
                id=f.stem,
                text=text,
                source=str(f),
                title=title.format(stem=f.stem) if title else None,
                outlet=outlet,
            )


def fake_process(articles: Iterable[Article], config: Config, models: object = None) -> Iterator[ArticleDoc]:
    """Sentences = lines."""
    for a in articles:
        sentences, pos = [], 0
        for line in a.text.split("\n"):
            if line.strip():
                sentences.append(Sentence(index=len(sentences), start=pos, end=pos + len(line), text=line))
            pos += len(line) + 1
        yield ArticleDoc(article=a, sentences=tuple(sentences))


def fake_analyze(docs: Sequence[ArticleDoc], config: Config, embedder: object = None) -> Story:
    """One story holding every article, nothing found in it."""
    return Story(id="s1", title="story", articles=tuple(d.article.id for d in docs))


def install_fakes(
    monkeypatch: pytest.MonkeyPatch, *, title: str | None = None, outlet: str | None = None
) -> None:
    """Replace ingest, the NLP and the analysis with the fakes above (``title``/``outlet``: see
    :func:`fake_read_inputs`)."""

    def read_inputs(paths: Sequence[str], config: Config) -> Iterator[Article | Skipped]:
        return fake_read_inputs(paths, config, title=title, outlet=outlet)

    monkeypatch.setattr(crossfact.ingest, "read_inputs", read_inputs, raising=False)
    monkeypatch.setattr(crossfact.nlp, "process", fake_process, raising=False)
    monkeypatch.setattr(crossfact.analysis, "analyze", fake_analyze, raising=False)
