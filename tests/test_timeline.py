"""Tests for crossfact.analysis.timeline: candidate events, merging across articles, ordering."""

from __future__ import annotations

import dataclasses

import pytest

from crossfact.analysis.timeline import build_timeline, day_offsets, normalise_date
from crossfact.model import Article, ArticleDoc, DateRef, Sentence


def _doc(aid: str, sentences: list[str], dates: list[tuple[int, str, str]]) -> ArticleDoc:
    """An article from sentences; ``dates`` are (sentence index, date words, ISO value)."""
    text, spans = "", []
    for i, s in enumerate(sentences):
        spans.append(Sentence(index=i, start=len(text), end=len(text) + len(s), text=s))
        text += s + " "
    refs = []
    for index, words, value in dates:
        s = spans[index]
        start = s.start + s.text.index(words)
        granularity = {4: "year", 7: "month", 10: "day"}[len(value)]
        refs.append(DateRef(index, start, start + len(words), words, value, granularity))
    return ArticleDoc(
        article=Article(id=aid, text=text, source=f"{aid}.txt"), sentences=tuple(spans), dates=tuple(refs)
    )


DOCS = [
    _doc(
        "a",
        [
            "The delegations held a second round of talks in Geneva on Thursday.",
            "The first round of talks was held in Geneva on March 3.",
            "The envoy was arrested in 2019 on smuggling charges.",
        ],
        [(0, "Thursday", "2024-05-16"), (1, "March 3", "2024-03-03"), (2, "2019", "2019")],
    ),
    _doc(
        "b",
        [
            "Officials held a second round of talks in Geneva on Thursday, the ministry said.",
            "The first round of talks took place in Geneva on March 3.",
        ],
        [(0, "Thursday", "2024-05-16"), (1, "March 3", "2024-03-03")],
    ),
    _doc(
        "c",
        [
            "Published Friday, May 17, 2024 at the news desk of the paper.",
            "A separate vote on the sanctions bill is due on Thursday in parliament.",
            "Talks in Geneva on Thursday were the second round held between the delegations.",
        ],
        [
            (0, "Friday, May 17, 2024", "2024-05-17"),
            (1, "Thursday", "2024-05-16"),
            (2, "Thursday", "2024-05-16"),
        ],
    ),
]


def test_build_timeline_sorted_by_date():
    dates = [e.date for e in build_timeline(DOCS)]
    assert dates == sorted(dates)
    assert dates[0] == "2019"


def test_build_timeline_merges_same_event_across_articles():
    events = build_timeline(DOCS)
    first_round = [e for e in events if e.date == "2024-03-03"]
    assert len(first_round) == 1
    assert set(first_round[0].articles) == {"a", "b"}
    assert {(c.article, c.sentence) for c in first_round[0].sources} == {("a", 1), ("b", 1)}


def test_build_timeline_keeps_different_events_of_one_date_apart():
    events = [e for e in build_timeline(DOCS) if e.date == "2024-05-16"]
    talks = events[0]
    assert set(talks.articles) == {"a", "b", "c"}  # the most reported event of the date comes first
    assert any("vote" in e.text for e in events[1:])
    assert all("vote" not in e.text for e in events[:1])


def test_build_timeline_drops_publication_metadata():
    assert "2024-05-17" not in {e.date for e in build_timeline(DOCS)}


def test_build_timeline_texts_are_verbatim():
    texts = {s.text for d in DOCS for s in d.sentences}
    for event in build_timeline(DOCS):
        assert any(event.text in t for t in texts)


def test_build_timeline_with_embedder_merges_paraphrases(embedder):
    events = [e for e in build_timeline(DOCS, embedder=embedder) if e.date == "2024-05-16"]
    assert set(events[0].articles) == {"a", "b", "c"}


def test_build_timeline_trims_long_sentence_to_the_clause_with_the_date():
    long = (
        "The committee, which has met many times over the past decade to review the budget of the agency, "
        "published a lengthy report on its findings about the spending of the department; the minister "
        "resigned on June 4 after the report was published, and the opposition demanded new elections "
        "within the year."
    )
    doc = _doc("d", [long], [(0, "June 4", "2023-06-04")])
    (event,) = build_timeline([doc])
    assert "June 4" in event.text
    assert len(event.text) < len(long)
    assert event.text in long


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-04-10", ("2025-04-10", "day")),
        ("2025-04", ("2025-04", "month")),
        ("2025", ("2025", "year")),
        ("2025-04-10T12:00", ("2025-04-10", "day")),
        ("2025-13", None),
        ("April", None),
        ("", None),
    ],
)
def test_normalise_date(value, expected):
    assert normalise_date(value) == expected


def test_build_timeline_empty():
    assert build_timeline([]) == ()


class _KeywordEmbedder:
    """A stand-in embedder: one axis per keyword a text contains, L2-normalised (texts without one get
    their own axis, so they resemble nothing)."""

    KEYS = ("round", "summit", "flood")

    def encode(self, texts):
        import numpy as np

        rows = np.zeros((len(texts), len(self.KEYS) + len(texts)))
        for i, t in enumerate(texts):
            hits = [k for k, key in enumerate(self.KEYS) if key in t.lower()]
            for k in hits:
                rows[i, k] = 1.0
            if not hits:
                rows[i, len(self.KEYS) + i] = 1.0
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_build_timeline_merges_mentions_whose_sentences_agree_though_their_clauses_differ():
    # the words around "May 2" differ; the sentences both speak of the first round
    a = _doc("a", ["The first round was held in Vienna on May 2."], [(0, "May 2", "2024-05-02")])
    b = _doc(
        "b",
        [
            "The first round, delegates said after hours of tense talks in the old city hall, set the "
            "approach that was kept on May 2 by both teams."
        ],
        [(0, "May 2", "2024-05-02")],
    )
    c = _doc("c", ["A flood closed the port on May 2 after days of rain."], [(0, "May 2", "2024-05-02")])
    events = build_timeline([a, b, c], embedder=_KeywordEmbedder())
    assert [sorted(e.articles) for e in events] == [["a", "b"], ["c"]]


def test_build_timeline_drops_a_month_mention_restated_by_a_day_in_its_sentence():
    doc = _doc(
        "a",
        ["Two men were arrested last week and were charged with murder on June 19."],
        [(0, "last week", "2015-06"), (0, "June 19", "2015-06-19")],
    )
    assert [e.date for e in build_timeline([doc])] == ["2015-06-19"]


def test_build_timeline_folds_a_month_mention_into_the_day_event_it_describes():
    a = _doc(
        "a",
        [
            "The city council approved the harbour budget plan in March.",
            "Bread prices rose sharply in March.",
        ],
        [(0, "in March", "2024-03"), (1, "in March", "2024-03")],
    )
    b = _doc(
        "b",
        ["The city council approved the harbour budget plan on March 12 after a long debate."],
        [(0, "March 12", "2024-03-12")],
    )
    events = build_timeline([a, b])
    by_date = {e.date: e for e in events}
    assert set(by_date["2024-03-12"].articles) == {"a", "b"}
    assert by_date["2024-03-12"].text.endswith("after a long debate.")  # told by its own day's mention
    assert [e.text for e in events if e.date == "2024-03"] == ["Bread prices rose sharply in March."]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("They agreed to meet three days later.", [3]),
        ("A day later, he was arrested.", [1]),
        ("He was charged 2 days afterward.", [2]),
        ("The next day, the group met again.", [1]),
        ("They met again the following morning.", [1]),
        ("He had called a day earlier.", [-1]),
        ("He had called them the day before.", [-1]),
        ("Two days after, the vote was held.", [2]),
        # vague or anchored to a named event: not read
        ("A few days later, he was arrested.", []),
        ("Days later, he was arrested.", []),
        ("Two days after the vote, he resigned.", []),
        ("He resigned the day before the vote.", []),
        ("Weeks later, he was arrested.", []),
    ],
)
def test_day_offsets(sentence: str, expected: list[int]) -> None:
    assert [days for _s, _e, days in day_offsets(sentence)] == expected


def _paragraphs(doc: ArticleDoc, paragraphs: list[int]) -> ArticleDoc:
    sentences = tuple(
        dataclasses.replace(s, paragraph=p) for s, p in zip(doc.sentences, paragraphs, strict=True)
    )
    return dataclasses.replace(doc, sentences=sentences)


def _call_then_meeting() -> ArticleDoc:
    """A dated call, then a meeting "three days later" in the next sentence of the same paragraph."""
    return _doc(
        "a",
        ["On May 15, the husband called the lawyer to discuss the offer.",
         "They agreed to meet three days later in the lawyer's office."],
        [(0, "May 15", "2017-05-15")],
    )  # fmt: skip


def test_build_timeline_dates_a_sentence_from_the_interval_after_the_day_before() -> None:
    doc = _call_then_meeting()
    events = {e.date: e for e in build_timeline([doc])}
    assert set(events) == {"2017-05-15", "2017-05-18"}
    assert events["2017-05-18"].sources[0].sentence == 1
    assert "three days later" in events["2017-05-18"].text


def test_build_timeline_dates_an_interval_from_a_date_in_its_own_sentence() -> None:
    doc = _doc(
        "a",
        ["Police arrested Smith on June 17 and arrested Johnson a day later."],
        [(0, "June 17", "2015-06-17")],
    )
    assert [e.date for e in build_timeline([doc])] == ["2015-06-17", "2015-06-18"]


@pytest.mark.parametrize(
    ("sentences", "dates", "paragraphs"),
    [
        # the sentence before names two dates: which one?
        (["Smith was arrested June 17 and charged June 19.", "A day later, Johnson was arrested too."],
         [(0, "June 17", "2015-06-17"), (0, "June 19", "2015-06-19")], [0, 0]),
        # another paragraph
        (["Smith was arrested on June 17 in the city.", "A day later, Johnson was arrested too."],
         [(0, "June 17", "2015-06-17")], [0, 1]),
        # a vague interval
        (["Smith was arrested on June 17 in the city.", "A few days later, Johnson was arrested too."],
         [(0, "June 17", "2015-06-17")], [0, 0]),
        # the anchor is only a month
        (["The lawyer called the husband in April.", "The next day, the group met in an office."],
         [(0, "April", "2017-04")], [0, 0]),
        # an interval after a named event, not after the date
        (["Smith was arrested on June 17 in the city.", "Two days after the vote, Johnson was arrested."],
         [(0, "June 17", "2015-06-17")], [0, 0]),
    ],
)  # fmt: skip
def test_build_timeline_no_interval_date_without_one_clear_anchor(sentences, dates, paragraphs) -> None:
    doc = _paragraphs(_doc("a", sentences, dates), paragraphs)
    events = build_timeline([doc])
    assert {e.date for e in events} == {v for _i, _w, v in dates}
    assert all(c.sentence == 0 for e in events for c in e.sources)


def test_build_timeline_marks_events_whose_year_is_the_story_s() -> None:
    inferred = _doc(
        "a", ["The couple met the lawyer again on May 18 in his office."], [(0, "May 18", "2017-05-18")]
    )
    stated = _doc(
        "b",
        ["The couple met the lawyer on May 18, 2017, in his office."],
        [(0, "May 18, 2017", "2017-05-18")],
    )
    inferred = dataclasses.replace(
        inferred, dates=tuple(dataclasses.replace(d, inferred=True) for d in inferred.dates)
    )
    (alone,) = build_timeline([inferred])
    assert alone.inferred is True
    (merged,) = build_timeline([inferred, stated])
    assert set(merged.articles) == {"a", "b"} and merged.inferred is False
    assert build_timeline([stated])[0].inferred is False


def test_build_timeline_interval_from_an_inferred_day_is_inferred() -> None:
    doc = _call_then_meeting()
    doc = dataclasses.replace(doc, dates=tuple(dataclasses.replace(d, inferred=True) for d in doc.dates))
    assert [e.inferred for e in build_timeline([doc])] == [True, True]


@pytest.mark.parametrize(
    ("sentence", "words", "value", "kept"),
    [
        # an embedded post's timestamp under a bare link or hashtag: furniture
        (
            "@BN9 pic.twitter.com/Xmi91 — Jorja Roman (@JorjaRoman) September 5, 2018",
            "September 5, 2018",
            "2018-09-05",
            False,
        ),
        (
            "#SenatorColbert — Stephen Colbert (@StephenAtHome) December 7, 2012",
            "December 7, 2012",
            "2012-12-07",
            False,
        ),
        # a post that reports something: its day is the event's
        (
            "Coroner: autopsies show both children died of asphyxiation, ruled homicides. https://t.co/x "
            "— Holly Hays (@hollyvhays) September 27, 2016",
            "September 27, 2016",
            "2016-09-27",
            True,
        ),
        # no post footer: an ordinary dated sentence
        ("The council met in Geneva on December 7, 2012 to vote.", "December 7, 2012", "2012-12-07", True),
    ],
)
def test_build_timeline_drops_post_timestamps_without_words(sentence, words, value, kept):
    events = build_timeline([_doc("a", [sentence], [(0, words, value)])])
    assert bool(events) is kept


def test_build_timeline_keeps_story_year_weekdays():
    # "arrested on Tuesday" in a story inferred to be of 2017: annotators date such events to the year
    doc = _doc("a", ["The lawyer was arrested on Tuesday at the courthouse."], [(0, "Tuesday", "2017")])
    refs = tuple(dataclasses.replace(r, relative=True, inferred=True) for r in doc.dates)
    events = build_timeline([dataclasses.replace(doc, dates=refs)])
    assert [(e.date, e.inferred) for e in events] == [("2017", True)]
