"""The per-article NLP: one spaCy model shared by a process, and the ordered stages over each article.

``process`` turns :class:`~crossfact.model.Article` objects into :class:`~crossfact.model.ArticleDoc`
objects: sentences -> entity mentions -> values -> dates (inferring the publication date when it is
missing) -> attributions -> quotes. Texts are batched through ``nlp.pipe``.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Iterator
from typing import Any

from crossfact.config import Config
from crossfact.model import Article, ArticleDoc
from crossfact.nlp.attribution import extract_attributions
from crossfact.nlp.dates import extract_dates, infer_published
from crossfact.nlp.entities import extract_mentions
from crossfact.nlp.numbers import extract_values
from crossfact.nlp.quotes import extract_quotes
from crossfact.nlp.sentences import split_sentences

logger = logging.getLogger(__name__)

__all__ = ["Models", "process"]

# the components the stages use: tokens, tags and lemmas (reporting verbs), the parser (sentences,
# subjects), NER (mentions); nothing else is disabled because the small pipeline has nothing else
_NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


class Models:
    """The models the per-article stages need, loaded once per process and shared.

    Args:
        config: settings; ``config.spacy_model`` names an installed spaCy pipeline package.

    Raises:
        OSError: the spaCy pipeline is not installed (spaCy's message names it).
    """

    def __init__(self, config: Config = Config()) -> None:  # noqa: B008 - Config is frozen
        import spacy

        nlp = spacy.load(config.spacy_model)
        unused = [name for name in nlp.pipe_names if name not in _NEEDED]
        for name in unused:
            nlp.disable_pipe(name)
        # texts are cut to config.max_text_chars before the model; keep spaCy's own guard above that
        nlp.max_length = max(nlp.max_length, config.max_text_chars + 1)
        self.nlp: Any = nlp
        self.config = config


def _is_english(article: Article) -> bool:
    return not article.language or article.language.lower().split("-")[0] == "en"


def _model_text(article: Article, config: Config) -> str:
    """The text given to the model: the article text, cut at ``max_text_chars`` (with a warning)."""
    text = article.text
    if not _is_english(article):
        return ""
    if len(text) > config.max_text_chars:
        logger.warning(
            "%s: text of %d characters cut to %d for the NLP model",
            article.source,
            len(text),
            config.max_text_chars,
        )
        return text[: config.max_text_chars]
    return text


def process(
    articles: Iterable[Article], config: Config, models: Models | None = None
) -> Iterator[ArticleDoc]:
    """Run the per-article stages over ``articles``, in order, batching the spaCy work.

    Args:
        articles: the articles to analyse (any iterable; consumed lazily in batches).
        config: settings (``nlp_batch_size``, ``max_text_chars``).
        models: loaded models to share; loaded here when None.

    Yields:
        One :class:`ArticleDoc` per article, in input order. Articles whose ``language`` is set and is not
        English get rule-based sentences only (no English NER, values or attributions).
    """
    models = models or Models(config)
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= config.nlp_batch_size:
            yield from _process_batch(batch, config, models)
            batch = []
    if batch:
        yield from _process_batch(batch, config, models)


def _process_batch(batch: list[Article], config: Config, models: Models) -> Iterator[ArticleDoc]:
    texts = [_model_text(a, config) for a in batch]
    docs = models.nlp.pipe(texts, batch_size=config.nlp_batch_size)
    for article, text, spacy_doc in zip(batch, texts, docs, strict=True):
        yield analyse_one(article, spacy_doc if text else None)


def analyse_one(article: Article, spacy_doc: Any) -> ArticleDoc:
    """The per-article stages for one article and its spaCy doc (None: rule-based sentences only)."""
    text = article.text
    sentences = split_sentences(spacy_doc, text)
    if spacy_doc is None:
        if not _is_english(article):
            logger.info("%s: language %r, sentences only", article.source, article.language)
        return ArticleDoc(article=article, sentences=sentences)
    mentions = extract_mentions(spacy_doc, sentences)
    values = extract_values(text, sentences, spacy_doc)
    if article.published is None:
        inferred = infer_published(text, sentences, hints=article.date_hints)
        if inferred:
            article = dataclasses.replace(article, published=inferred, published_inferred=True)
    dates = extract_dates(text, sentences, article.published)
    attributions = extract_attributions(spacy_doc, sentences, mentions)
    quotes = extract_quotes(text, sentences, spacy_doc, attributions)
    return ArticleDoc(
        article=article,
        sentences=sentences,
        mentions=mentions,
        values=tuple(values),
        dates=tuple(dates),
        attributions=attributions,
        quotes=quotes,
    )
