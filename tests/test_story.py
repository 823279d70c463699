"""Tests for crossfact.analysis.story: borrowed publication dates, story id and title."""

from __future__ import annotations

from datetime import date

import pytest

from crossfact.analysis.story import (
    UNTITLED,
    borrow_published,
    consensus_date,
    date_contradiction,
    story_id,
    story_title,
)
from crossfact.model import Article, ArticleDoc, Claim, Entity, EntityMention, Sentence


def _doc(aid: str, text: str, published: str | None = None, title: str | None = None) -> ArticleDoc:
    article = Article(id=aid, text=text, source=f"{aid}.txt", published=published, title=title)
    return ArticleDoc(article=article, sentences=(Sentence(0, 0, len(text), text),))


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (["2025-04-11", "2025-04-11", "2025-04-12"], "2025-04-11"),
        (["2025-04-12", None, "2025-04-10", "2025-04-11"], "2025-04-11"),
        ([None, "2025-04"], None),
        ([None], None),
    ],
)
def test_consensus_date_is_the_median(dates, expected):
    docs = [_doc(str(i), "x", d) for i, d in enumerate(dates)]
    assert consensus_date(docs) == expected


def test_borrow_published_resolves_weekdays_of_undated_articles():
    dated = _doc("a", "The talks ended on Thursday.", "2025-04-11")
    undated = _doc("b", "Officials met on Thursday in the city.")
    fixed = borrow_published([dated, undated])
    assert fixed[0] is dated
    assert fixed[1].article.published == "2025-04-11"
    assert fixed[1].article.published_inferred is True
    assert "2025-04-10" in {d.value for d in fixed[1].dates}
    assert borrow_published(fixed) == fixed  # idempotent


def test_story_id_ignores_article_order():
    a, b = _doc("a", "x"), _doc("b", "y")
    assert story_id([a, b]) == story_id([b, a]) != story_id([a])


def test_story_title_prefers_the_most_central_headline():
    docs = [_doc("a", "x", title="Side story"), _doc("b", "y", title="Main story"), _doc("c", "z")]

    def entity(eid: str, articles: list[str]) -> Entity:
        return Entity(eid, eid, "PERSON", (), tuple(EntityMention(a, 0, 0, 1, "x") for a in articles))

    entities = [entity("e1", ["b", "c"]), entity("e2", ["b", "c"]), entity("e3", ["a"])]
    assert story_title(docs, entities, []) == "Main story"


def test_story_title_falls_back_to_top_claim_then_first_sentence():
    docs = [_doc("a", "First sentence here.")]
    assert story_title(docs, [], [Claim("c", "Top claim.", 2, 2)]) == "Top claim."
    assert story_title(docs, [], []) == "First sentence here."
    assert story_title([], [], []) == UNTITLED


def _hinted(aid: str, text: str, hints: tuple[str, ...] = (), published: str | None = None) -> ArticleDoc:
    from crossfact.nlp.numwords import simple_sentences

    article = Article(id=aid, text=text, source=f"{aid}.txt", published=published, date_hints=hints)
    return ArticleDoc(article=article, sentences=simple_sentences(text))


def _values(doc: ArticleDoc) -> dict[str, str]:
    return {d.text: d.value for d in doc.dates}


def test_borrow_published_dates_an_article_from_its_caption_and_lends_it_to_the_story():
    # only one article has an anchor (its removed caption, dated Sunday); the other borrows it
    captioned = _hinted("a", "Troops clashed with gunmen on Monday.", ("2012-03-18",))
    bare = _hinted("b", "Saturday's bombings killed 27. Fighting resumed on Monday.")
    fixed = borrow_published([captioned, bare])
    assert [d.article.published for d in fixed] == ["2012-03-19", "2012-03-19"]
    assert all(d.article.published_inferred for d in fixed)
    assert _values(fixed[0])["Monday"] == "2012-03-19"
    assert _values(fixed[1]) == {"Saturday": "2012-03-17", "Monday": "2012-03-19"}
    assert borrow_published(fixed) == fixed  # idempotent


def test_borrow_published_month_days_take_the_story_year():
    dated = _hinted("a", "Police announced the arrests on Tuesday.", published="2015-06-23")
    bare = _hinted("b", "One man was arrested June 17 and another June 18.")
    fixed = borrow_published([dated, bare])
    assert fixed[0] is dated
    assert _values(fixed[1]) == {"June 17": "2015-06-17", "June 18": "2015-06-18"}


def test_borrow_published_yearless_hint_takes_the_story_year():
    dated = _hinted("a", "Snow fell all day on Thursday.", published="2012-12-20")
    # a video caption "(Dec. 21)": the article is of that Friday, its Thursday the day before
    bare = _hinted("b", "Roads were closed late Thursday. Flights resumed Friday.", ("--12-21",))
    fixed = borrow_published([dated, bare])
    assert fixed[1].article.published == "2012-12-21"
    assert _values(fixed[1]) == {"Thursday": "2012-12-20", "Friday": "2012-12-21"}


def test_borrow_published_news_day_follows_the_weekdays_after_the_story_date():
    dated = _hinted("a", "The storm hit on Thursday.", published="2012-12-20")
    later = _hinted("b", "The storm moved east Friday night. Gusts were strongest on Saturday.")
    fixed = borrow_published([dated, later])
    assert fixed[1].article.published == "2012-12-22"
    assert _values(fixed[1]) == {"Friday": "2012-12-21", "Saturday": "2012-12-22"}


def test_borrow_published_keeps_metadata_dates():
    dated = _hinted("a", "Troops clashed on Monday.", ("2012-03-11",), published="2012-03-19")
    assert borrow_published([dated])[0] is dated


def _analysed(aid: str, text: str) -> ArticleDoc:
    from crossfact.nlp.dates import extract_dates
    from crossfact.nlp.numwords import simple_sentences

    sentences = simple_sentences(text)
    article = Article(id=aid, text=text, source=f"{aid}.txt")
    return ArticleDoc(
        article=article, sentences=sentences, dates=extract_dates(text, sentences, None, today=TODAY)
    )


TODAY = date(2026, 1, 15)
BACKGROUND = "The incident dates to March 25, 2016, court records show."
TITLE = "She could be deported under President Donald Trump's policies, the lawyer said."
MEETING = "They met the lawyer again on May 18. He was arraigned Wednesday."


def test_borrow_published_reads_undated_stories_in_the_inferred_year():
    docs = [_analysed("a", BACKGROUND), _analysed("b", TITLE + " " + MEETING)]
    assert "May 18" not in {r.text for r in docs[1].dates}  # no year: unresolved at first
    fixed = borrow_published(docs, today=TODAY)
    refs = {r.text: r for r in fixed[1].dates}
    assert (refs["May 18"].value, refs["May 18"].inferred) == ("2017-05-18", True)
    assert (refs["Wednesday"].value, refs["Wednesday"].granularity) == ("2017", "year")
    assert fixed[1].article.published is None  # no day is known
    assert {r.value: r.inferred for r in fixed[0].dates} == {"2016-03-25": False}
    assert borrow_published(fixed, today=TODAY) == fixed  # idempotent


@pytest.mark.parametrize(
    "texts",
    [
        [BACKGROUND, MEETING],  # no office title: 2016 or 2017
        [TITLE, MEETING],  # no stated date: any year of the term
    ],
)
def test_borrow_published_leaves_dates_unresolved_without_one_year(texts):
    docs = [_analysed(str(i), t) for i, t in enumerate(texts)]
    assert borrow_published(docs, today=TODAY) == tuple(docs)


def test_borrow_published_prefers_a_dated_sister_report_to_the_story_year():
    dated = _analysed("a", BACKGROUND + " " + TITLE)
    article = Article(id="a", text=dated.article.text, source="a.txt", published="2018-05-20")
    dated = ArticleDoc(article=article, sentences=dated.sentences, dates=dated.dates)
    undated = _analysed("b", MEETING)
    fixed = borrow_published([dated, undated], today=TODAY)
    assert {r.text: r.value for r in fixed[1].dates}["May 18"] == "2018-05-18"
    assert not any(r.inferred for r in fixed[1].dates)


def test_borrow_published_dates_month_days_a_sister_report_states_in_full():
    full = _analysed("a", "The couple met the lawyer on May 18, 2016, in his office.")
    short = _analysed("b", "They met the lawyer on May 18. He called them on May 15.")
    fixed = borrow_published([full, short], today=TODAY)
    refs = {r.text: (r.value, r.inferred) for r in fixed[1].dates}
    assert refs == {"May 18": ("2016-05-18", True)}  # May 15 is stated nowhere with its year
    assert borrow_published(fixed, today=TODAY) == fixed


def test_borrow_published_rereads_a_yearless_date_far_after_its_sister_reports():
    # Jan. 18 is a Saturday in 2014 and in 2025: alone, the article takes the most recent year
    text = "The reporter made his way onto the red carpet at the awards on Saturday, Jan. 18. He was removed."
    lone = _analysed("b", text)
    from crossfact.nlp.dates import infer_published

    guess = infer_published(text, lone.sentences, today=TODAY)
    assert guess is not None and guess.startswith("2025-01-")
    lone = ArticleDoc(
        article=Article(id="b", text=text, source="b.txt", published=guess, published_inferred=True),
        sentences=lone.sentences,
    )
    sister = _doc("a", "The premiere was held in Cannes.", published="2014-05-16")
    fixed = borrow_published([sister, lone], today=TODAY)
    assert fixed[1].article.published.startswith("2014-01-")
    # within a year of its sister reports the article keeps its date
    near = _doc("a", "The premiere was held in Cannes.", published="2024-06-01")
    assert borrow_published([near, lone], today=TODAY)[1].article.published == guess


@pytest.mark.parametrize(
    ("text", "day", "ruled_out"),
    [
        # a month it looks forward to cannot be the month it is written in
        ("The system arrived for deployment as early as April.", "2017-04-03", True),
        ("The system arrived for deployment as early as April.", "2017-03-09", False),
        # a full date it reports as past lies after the day; one it announces lies before it
        ("The exercise ended on March 23, 2017.", "2017-03-10", True),
        ("The exercise ended on March 23, 2017.", "2017-03-24", False),
        ("The council will vote on March 3, 2017.", "2017-04-03", True),
        # a month-day without a year reported as past, days after the day
        ("Rebels seized the town on April 20.", "2017-04-03", True),
        ("Rebels seized the town on April 20.", "2017-04-22", False),
        # a month-day with its weekday: March 6 is a Monday in 2017, not in 2018
        ("Missiles were fired on Monday, March 6.", "2018-03-09", True),
        ("Missiles were fired on Monday, March 6.", "2017-03-09", False),
        # a month reported as past, just after the day's month
        ("Sales fell in May, the company said.", "2017-04-03", True),
        ("Sales fell in March, the company said.", "2017-04-03", False),
        # what fits outweighs a single date against
        ("Sales fell in May. Rebels seized the town on March 30 and March 31.", "2017-04-03", False),
        # a year it reports as past, years after the day; a year it announces is no evidence
        ("In 2016, he underwent open-heart surgery.", "2008-09-02", True),
        ("In 2016, he underwent open-heart surgery.", "2016-09-02", False),
        ("The plant will close in 2030.", "2017-01-01", False),
        ("Nothing here gives a date.", "2017-04-03", False),
    ],
)
def test_date_contradiction_reads_the_articles_own_dates(text, day, ruled_out):
    from crossfact.nlp.numwords import simple_sentences

    reason = date_contradiction(text, simple_sentences(text), date.fromisoformat(day))
    assert (reason is not None) is ruled_out


def test_borrow_published_never_overrides_the_articles_own_evidence():
    # the story's April date: the report that awaits deployment "as early as April" is not of April
    dated = _hinted("a", "Anchors reported from the base on Monday.", published="2017-04-03")
    march = _hinted("b", "The system arrived for deployment as early as April. Missiles flew this week.")
    fixed = borrow_published([dated, march])
    assert fixed[1].article.published is None
    assert "this week" not in _values(fixed[1])


def test_borrow_published_falls_back_to_a_sister_date_the_article_allows():
    april = _hinted("a", "Anchors reported from the base on Monday.", published="2017-04-03")
    april2 = _hinted("c", "The anchors flew home on Tuesday.", published="2017-04-04")
    march = _hinted("d", "The exercise ended on Thursday.", published="2017-03-09")
    bare = _hinted("b", "The system arrived for deployment as early as April. The president spoke Thursday.")
    fixed = borrow_published([april, april2, march, bare])
    assert fixed[3].article.published == "2017-03-09"
    assert _values(fixed[3])["Thursday"] == "2017-03-09"
