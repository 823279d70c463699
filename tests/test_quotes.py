"""Tests for quotes with resolved speakers (analysis/quotes.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crossfact.analysis.quotes import collect_quotes, quotes_by_speaker
from crossfact.analysis.resolve import resolve_entities
from crossfact.config import Config
from crossfact.model import Article, ArticleDoc, Mention, QuoteMention, Sentence


def make_doc(article_id: str, text: str, names: list[tuple[str, str]], quotes: list[tuple[str, str | None]]):
    """An article with ``text``; ``names`` (surface, label) and quoted passages are located in it."""
    mentions = []
    for name, label in names:
        start = text.index(name)
        mentions.append(Mention(0, start, start + len(name), name, label))
    qms = []
    for passage, speaker in quotes:
        start = text.index(passage)
        sp_start = text.index(speaker) if speaker and speaker in text else None
        qms.append(
            QuoteMention(
                sentence=0,
                start=start,
                end=start + len(passage),
                text=passage,
                speaker=speaker,
                speaker_start=sp_start,
                speaker_end=sp_start + len(speaker) if sp_start is not None and speaker else None,
            )
        )
    article = Article(id=article_id, text=text, source=f"{article_id}.txt")
    sentences = (Sentence(0, 0, len(text), text),)
    return ArticleDoc(article=article, sentences=sentences, mentions=tuple(mentions), quotes=tuple(qms))


@pytest.fixture()
def docs() -> list[ArticleDoc]:
    return [
        make_doc(
            "a0",
            'Envoy Hal Brenner met Dorian Maltakis. "We made real progress today," Brenner said. '
            'Critics called it a "reset".',
            [("Hal Brenner", "PERSON"), ("Dorian Maltakis", "PERSON"), ("Brenner", "PERSON")],
            [("We made real progress today,", "Brenner"), ("reset", None)],
        ),
        make_doc(
            "a1",
            'Mr. Brenner spoke. "The talks will go on," he said. '
            '"It was useful," a Quendor spokesperson said. "Nothing is agreed," Dorian Maltakis added.',
            [("Brenner", "PERSON"), ("Dorian Maltakis", "PERSON"), ("Quendor", "GPE")],
            [
                ("The talks will go on,", "he"),
                ("It was useful,", "a Quendor spokesperson"),
                ("Nothing is agreed,", "Dorian Maltakis"),
            ],
        ),
    ]


@pytest.mark.parametrize(
    ("passage", "speaker", "resolved"),
    [
        ("We made real progress today,", "Hal Brenner", True),  # surname -> canonical full name
        ("The talks will go on,", None, False),  # an unresolved pronoun is unknown
        ("It was useful,", "a Quendor spokesperson", False),  # kept as written
        ("Nothing is agreed,", "Dorian Maltakis", True),
    ],
)
def test_collect_quotes_speaker_resolution(
    docs: list[ArticleDoc], passage: str, speaker: str | None, resolved: bool
) -> None:
    entities = resolve_entities(docs, Config())
    quotes = {q.text: q for q in collect_quotes(docs, entities)}
    q = quotes[passage]
    assert q.speaker == speaker
    assert (q.speaker_entity is not None) is resolved
    if resolved:
        assert q.speaker_entity == next(e.id for e in entities if e.name == speaker)


def test_collect_quotes_verbatim_and_ordered(docs: list[ArticleDoc]) -> None:
    quotes = collect_quotes(docs, resolve_entities(docs, Config()))
    texts = {d.article.id: d.article.text for d in docs}
    for q in quotes:
        assert texts[q.article][q.start : q.end] == q.text
    assert [(q.article, q.start) for q in quotes] == sorted((q.article, q.start) for q in quotes)


def test_collect_quotes_drops_scare_quotes(docs: list[ArticleDoc]) -> None:
    quotes = collect_quotes(docs, resolve_entities(docs, Config()))
    assert "reset" not in {q.text for q in quotes}
    assert len(quotes) == 4


def test_collect_quotes_keeps_short_quotes_when_all_are_short() -> None:
    doc = make_doc("a0", 'A so-called "reset" was announced.', [], [("reset", None)])
    quotes = collect_quotes([doc], ())
    assert [q.text for q in quotes] == ["reset"]
    assert quotes[0].speaker is None


def test_collect_quotes_keeps_short_quote_with_speaker() -> None:
    doc = make_doc(
        "a0",
        'Hal Brenner met reporters. "Absolutely not," Brenner said. A "reset" then.',
        [("Hal Brenner", "PERSON")],
        [("Absolutely not,", "Brenner"), ("reset", None)],
    )
    quotes = collect_quotes([doc], resolve_entities([doc], Config()))
    assert [(q.text, q.speaker) for q in quotes] == [("Absolutely not,", "Hal Brenner")]


def test_collect_quotes_resolves_via() -> None:
    doc = make_doc(
        "a0",
        'The Zorvan Press Agency reported it. "We agree," the minister said, Zorvan Press Agency cited him.',
        [("Zorvan Press Agency", "ORG")],
        [("We agree,", "the minister")],
    )
    doc = ArticleDoc(
        article=doc.article,
        sentences=doc.sentences,
        mentions=doc.mentions,
        quotes=tuple(
            QuoteMention(
                q.sentence, q.start, q.end, q.text, q.speaker, q.speaker_start, q.speaker_end, via="ZPA"
            )
            for q in doc.quotes
        ),
    )
    (quote,) = collect_quotes([doc], resolve_entities([doc], Config()))
    assert quote.speaker == "the minister"
    assert quote.via == "Zorvan Press Agency"


def test_quotes_by_speaker_groups_in_order(docs: list[ArticleDoc]) -> None:
    quotes = collect_quotes(docs, resolve_entities(docs, Config()))
    grouped = quotes_by_speaker(quotes)
    assert set(grouped) == {"Hal Brenner", "a Quendor spokesperson", "Dorian Maltakis"}
    assert [q.text for q in grouped["Hal Brenner"]] == ["We made real progress today,"]


def test_collect_quotes_example_speakers(example_docs, shared_dir: Path) -> None:
    gold = json.loads((shared_dir / "gold" / "istanbul-talks.json").read_text(encoding="utf-8"))
    quotes = collect_quotes(example_docs, resolve_entities(example_docs, Config()))
    assert quotes
    found = 0
    for g in gold["quotes"]:
        matching = [
            q for q in quotes if q.article.startswith(g["article"]) and q.text.startswith(g["starts"][:20])
        ]
        if matching and matching[0].speaker == g["speaker"]:
            found += 1
    # speakers come from the per-article attribution; at least half the gold quotes resolve exactly
    assert found >= len(gold["quotes"]) // 2, found


def test_collect_quotes_resolves_role_description_to_the_one_role_holder() -> None:
    text = (
        "Defense attorney Petros Vasko met the couple. Ana Ruiz, Vasko's attorney, declined comment. "
        '"You will be deported," the lawyer said.'
    )
    doc = make_doc(
        "r0",
        text,
        [("Petros Vasko", "PERSON"), ("Ana Ruiz", "PERSON")],
        [("You will be deported,", "the lawyer")],
    )
    entities = resolve_entities([doc], Config())
    (quote,) = collect_quotes([doc], entities)
    assert quote.speaker == "Petros Vasko" and quote.speaker_entity is not None


def test_collect_quotes_role_description_with_two_holders_stays_as_written() -> None:
    text = (
        "Defense attorney Petros Vasko met the couple. Attorney Ana Ruiz declined comment. "
        '"You will be deported," the lawyer said.'
    )
    doc = make_doc(
        "r1",
        text,
        [("Petros Vasko", "PERSON"), ("Ana Ruiz", "PERSON")],
        [("You will be deported,", "the lawyer")],
    )
    (quote,) = collect_quotes([doc], resolve_entities([doc], Config()))
    assert quote.speaker == "the lawyer" and quote.speaker_entity is None


@pytest.mark.parametrize(
    ("text", "passage", "speaker", "kept"),
    [
        # a short quotation opening the sentence is a statement
        ('"Absolutely false," the spokesperson said.', "Absolutely false,", "the spokesperson", True),
        # a word of a named speaker inside the reporter's sentence is kept
        ('Senator Ruiz called the remarks "offensive" on Friday.', "offensive", "Senator Ruiz", True),
        # a name or title inside the reporter's sentence is not a quotation, even with a speaker
        (
            'Forecasters said the storm could become a "Category Five" storm on Friday.',
            "Category Five",
            "Forecasters",
            False,
        ),
        # a title in title case inside the sentence is not either
        (
            'The papers were marked "For Official Use Only" by the agency.',
            "For Official Use Only",
            None,
            False,
        ),
        (
            'The ministry said the plan "will not be changed in any way."',
            "will not be changed in any way.",
            "The ministry",
            True,
        ),
    ],
)
def test_collect_quotes_terms_and_titles_dropped(
    text: str, passage: str, speaker: str | None, kept: bool
) -> None:
    other = make_doc(
        "a1",
        '"We will go ahead with it," Omar Haddad said.',
        [],
        [("We will go ahead with it,", "Omar Haddad")],
    )
    doc = make_doc("a0", text, [], [(passage, speaker)])
    quotes = collect_quotes([doc, other], ())
    assert (passage in {q.text for q in quotes}) is kept
