"""The per-article pipeline end to end: Models, process, and the example corpus against its gold file."""

from __future__ import annotations

import json
import logging

import pytest

from crossfact.config import Config
from crossfact.model import Article
from crossfact.nlp import process


def _doc(models, text, **kw):
    article = Article(id="t", text=text, source="t.txt", **kw)
    (doc,) = process([article], Config(), models=models)
    return doc


def test_process_yields_one_doc_per_article_in_order(models):
    articles = [Article(id=str(i), text=f"Story {i} began. It went on.", source=f"{i}.txt") for i in range(5)]
    docs = list(process(articles, Config(nlp_batch_size=2), models=models))
    assert [d.article.id for d in docs] == ["0", "1", "2", "3", "4"]
    assert all(len(d.sentences) == 2 for d in docs)


def test_process_non_english_gets_sentences_only(models):
    text = "Le ministre a parlé. Il est parti.\n\nLa suite."
    doc = _doc(models, text, language="fr")
    assert [s.text for s in doc.sentences] == ["Le ministre a parlé.", "Il est parti.", "La suite."]
    assert doc.mentions == () and doc.attributions == ()


def test_process_cuts_long_text_with_warning(models, caplog):
    text = "The minister spoke. " * 1_000
    config = Config(max_text_chars=5_000)
    with caplog.at_level(logging.WARNING, logger="crossfact.nlp"):
        (doc,) = process([Article(id="l", text=text, source="l.txt")], config, models=models)
    assert "cut" in caplog.text
    # the part past the cut is split by the rules
    assert [s.text for s in doc.sentences] == ["The minister spoke."] * 1_000
    assert all(text[s.start : s.end] == s.text for s in doc.sentences)
    assert doc.sentences[-1].end == len(text.rstrip())


def test_process_long_run_without_sentence_end(models):
    text = "word, " * 3_500
    doc = _doc(models, text)
    assert len(doc.sentences) > 1
    assert all(text[s.start : s.end] == s.text for s in doc.sentences)


@pytest.fixture(scope="module")
def docs(request, models, example_dir):
    """The example corpus through the pipeline (via ingest when it exists, else the raw files)."""
    try:
        return request.getfixturevalue("example_docs")
    except ImportError:
        files = sorted(example_dir.glob("*.txt"))
        articles = [Article(id=f.stem, text=f.read_text(encoding="utf-8"), source=str(f)) for f in files]
        return list(process(articles, Config(), models=models))


def test_example_sentences_are_slices_within_paragraphs(docs):
    assert len(docs) == 5
    for d in docs:
        text = d.article.text
        assert d.sentences
        for s in d.sentences:
            assert text[s.start : s.end] == s.text
            assert "\n" not in s.text and s.text == s.text.strip()
        assert [s.index for s in d.sentences] == list(range(len(d.sentences)))
        for m in (*d.mentions, *d.quotes):
            assert text[m.start : m.end] == m.text


def _prefix(doc_id: str) -> str:
    return doc_id.rsplit("/", 1)[-1][:3]


def test_example_gold_quotes_found_with_speakers(docs, shared_dir):
    gold = json.loads((shared_dir / "gold" / "istanbul-talks.json").read_text(encoding="utf-8"))
    by_article = {}
    for d in docs:
        by_article[_prefix(d.article.source.rsplit("/", 1)[-1])] = d
    found = 0
    for g in gold["quotes"]:
        doc = by_article[g["article"]]
        hits = [q for q in doc.quotes if q.text.startswith(g["starts"])]
        assert hits, f"quote {g['starts']!r} not found"
        surname = g["speaker"].split()[-1]
        if any(q.speaker and surname.lower() in q.speaker.lower() for q in hits):
            found += 1
    assert found >= len(gold["quotes"]) - 1


def test_example_main_people_are_person_mentions(docs, shared_dir):
    gold = json.loads((shared_dir / "gold" / "istanbul-talks.json").read_text(encoding="utf-8"))
    people = {m.text for d in docs for m in d.mentions if m.label == "PERSON"}
    required = [e for e in gold["entities"] if e.get("required") and e["type"] == "PERSON"]
    for entity in required:
        assert people & set(entity["variants"]), entity["name"]


def test_process_infers_published_from_ingest_date_hints(models):
    # the caption that carried the date was removed by ingest; its date reaches the NLP as a hint
    text = "Police clashed Monday with protesters in the capital. Officials said the streets were calm."
    article = Article(id="hinted", text=text, source="hinted.txt", date_hints=("2012-03-18",))
    (doc,) = process([article], Config(), models=models)
    assert doc.article.published_inferred is True
    assert doc.article.published == "2012-03-19"
    assert [d.value for d in doc.dates if d.text == "Monday"] == ["2012-03-19"]
