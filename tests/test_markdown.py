"""Tests for crossfact.render.markdown: sections, verbatim texts, citation markers, escaping."""

from __future__ import annotations

import dataclasses

import pytest

from crossfact.model import (
    Article,
    ArticleDoc,
    Citation,
    Claim,
    ClaimSource,
    Conflict,
    Entity,
    EntityMention,
    Position,
    Quote,
    Report,
    Sentence,
    Skipped,
    Story,
    SummarySentence,
    TimelineEvent,
)
from crossfact.render.markdown import article_labels, escape, to_markdown


def _doc(aid: str, outlet: str | None, title: str | None, published: str | None) -> ArticleDoc:
    text = "The talks lasted about five hours. They met at the consulate."
    sentences = (Sentence(0, 0, 34, text[:34]), Sentence(1, 35, len(text), text[35:]))
    article = Article(
        id=aid, text=text, source=f"in/{aid}.txt", title=title, outlet=outlet, published=published
    )
    return ArticleDoc(article=article, sentences=sentences)


DOCS = (
    _doc("000_abc", "Daily Planet", "Talks end in Geneva", "2024-05-17"),
    _doc("001_def", None, None, None),
)
STORY = Story(
    id="s1",
    title="Talks end in Geneva",
    articles=("000_abc", "001_def"),
    entities=(
        Entity(
            "e1",
            "Maria Lopez",
            "PERSON",
            ("Maria Lopez", "Lopez"),
            (EntityMention("000_abc", 0, 0, 5, "Lopez"), EntityMention("001_def", 0, 0, 5, "Lopez")),
        ),
        Entity("e2", "Geneva", "GPE", ("Geneva",), (EntityMention("000_abc", 1, 0, 6, "Geneva"),)),
    ),
    claims=(
        Claim(
            "c1",
            "They met at the consulate.",
            2,
            1,
            (
                ClaimSource("000_abc", 1, "They met at the consulate."),
                ClaimSource("001_def", 1, "They met at the consulate."),
            ),
        ),
    ),
    conflicts=(
        Conflict(
            "k1",
            "duration of the talks",
            "quantity",
            (
                Position("5 h", "about five hours", "000_abc", 0, "TASS"),
                Position("6 h", "some six hours", "001_def", 0),
            ),
        ),
    ),
    quotes=(Quote("Maria Lopez", "We made progress", "000_abc", 1, via="reporters", speaker_entity="e1"),),
    timeline=(
        TimelineEvent(
            "2024-05-16",
            "They met at the consulate.",
            ("000_abc", "001_def"),
            (Citation("000_abc", 1), Citation("001_def", 1)),
        ),
    ),
    summary=(
        SummarySentence("They met at the consulate.", (Citation("000_abc", 1), Citation("001_def", 1))),
    ),
)
REPORT = Report(docs=DOCS, stories=(STORY,), skipped=(Skipped("bad.bin", "binary file"),))


@pytest.mark.parametrize(
    "heading",
    [
        "# Talks end in Geneva",
        "## Articles",
        "## Summary",
        "## Where sources disagree",
        "## What sources agree on",
        "## People and organisations",
        "## Places",
        "## Quotes by speaker",
        "## Timeline",
        "# Skipped inputs",
    ],
)
def test_to_markdown_has_section(heading):
    assert heading in to_markdown(REPORT).splitlines()


@pytest.mark.parametrize(
    "fragment",
    [
        '"about five hours" (according to TASS)',
        '"some six hours"',
        "1. They met at the consulate. [000 s2] [001 s2]",
        "2 articles, 1 independent origin",
        "**Maria Lopez** (PERSON; also Lopez) — 2 articles",
        '"We made progress" (via reporters)',
        "**2024-05-16** — They met at the consulate. (2 articles)",
        "Daily Planet — *Talks end in Geneva* — 2024-05-17",
        "outlet unknown — untitled — date unknown",
        "- bad.bin: binary file",
    ],
)
def test_to_markdown_contains(fragment):
    assert fragment in to_markdown(REPORT)


def test_to_markdown_conflict_names_outlet_and_value():
    text = to_markdown(REPORT)
    assert "- **5 h** — Daily Planet (000): " in text
    assert "- **6 h** — 001: " in text


def test_to_markdown_quotes_grouped_under_entity_name():
    lines = to_markdown(REPORT).splitlines()
    assert lines.index("### Maria Lopez") < next(
        i for i, line in enumerate(lines) if "We made progress" in line
    )


def test_to_markdown_without_stories():
    text = to_markdown(Report())
    assert text.startswith("# crossfact report")
    assert text.endswith("\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain words", "plain words"),
        ("a *starred* [link](x)", "a \\*starred\\* \\[link](x)"),
        ("snake_case `code` <b>", "snake_case \\`code\\` \\<b>"),
        ("_emphasis_ here", "\\_emphasis\\_ here"),
        ("two\nlines", "two lines"),
    ],
)
def test_escape(text, expected):
    assert escape(text) == expected


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        (["000_abc", "001_def"], ["000", "001"]),
        (["doc0", "doc1"], ["doc0", "doc1"]),
        (["000_abc", "000_def"], ["000_abc", "000_def"]),
        (["x" * 40, "y" * 40], ["A1", "A2"]),
    ],
)
def test_article_labels(ids, expected):
    docs = [ArticleDoc(article=Article(id=i, text="t", source="s")) for i in ids]
    assert list(article_labels(docs).values()) == expected


def test_to_markdown_agreed_claims_skip_disputed():
    disputed = Claim(
        "c2",
        "The talks lasted about five hours.",
        2,
        2,
        (
            ClaimSource("000_abc", 0, "The talks lasted about five hours."),
            ClaimSource("001_def", 0, "The talks lasted about five hours."),
        ),
    )
    story = dataclasses.replace(STORY, claims=(STORY.claims[0], disputed))
    text = to_markdown(Report(docs=DOCS, stories=(story,)))
    agreed = text.split("## What sources agree on", 1)[1].split("\n## ", 1)[0]
    assert agreed.count("They met at the consulate.") == 1
    assert "lasted about five hours" not in agreed


@pytest.mark.parametrize(
    ("inferred", "line"),
    [(False, "- **2024-05-16** — They"), (True, "- **2024-05-16** (year inferred) — They")],
)
def test_to_markdown_timeline_says_when_the_year_is_inferred(inferred: bool, line: str) -> None:
    events = tuple(dataclasses.replace(e, inferred=inferred) for e in STORY.timeline)
    text = to_markdown(dataclasses.replace(REPORT, stories=(dataclasses.replace(STORY, timeline=events),)))
    assert line in text
