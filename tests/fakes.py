"""Light stand-ins for the per-article NLP and the story analysis, for CLI and pipeline tests that check
the plumbing (store, exit codes, output shape) without loading the models."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from crossfact.config import Config
from crossfact.model import Article, ArticleDoc, Sentence, Story


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
