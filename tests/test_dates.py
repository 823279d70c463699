"""Tests for nlp/dates.py: absolute, month-level, year and relative dates, and publication inference."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from crossfact.ingest.text import parse_text
from crossfact.model import DateRef
from crossfact.nlp.dates import extract_dates, infer_published, news_day, resolve_hint, resolve_weekday
from crossfact.nlp.numwords import simple_sentences

WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TODAY = date(2025, 11, 1)


def _dates(text: str, published: str | None) -> list[tuple[str, str, str]]:
    return [
        (d.text, d.value, d.granularity)
        for d in extract_dates(text, simple_sentences(text), published, today=TODAY)
    ]


@pytest.mark.parametrize(
    "published", [date(2025, 4, 11), date(2024, 2, 29), date(2023, 12, 31), date(2012, 3, 19)]
)
@pytest.mark.parametrize("weekday", WEEKDAY_NAMES)
def test_resolve_weekday_past_and_future(published: date, weekday: str) -> None:
    past = resolve_weekday(weekday, published)
    future = resolve_weekday(weekday, published, direction="future")
    assert past.strftime("%A") == weekday and future.strftime("%A") == weekday
    assert 0 <= (published - past).days <= 6
    assert 0 <= (future - published).days <= 6
    last = resolve_weekday(weekday, published, direction="last")
    nxt = resolve_weekday(weekday, published, direction="next")
    assert 1 <= (published - last).days <= 7 and 1 <= (nxt - published).days <= 7


@pytest.mark.parametrize(
    ("weekday", "published", "direction", "expected"),
    [
        ("Thursday", date(2025, 4, 11), "past", date(2025, 4, 10)),
        ("Friday", date(2025, 4, 11), "past", date(2025, 4, 11)),
        ("Tuesday", date(2025, 4, 11), "past", date(2025, 4, 8)),
        ("Tuesday", date(2025, 4, 11), "future", date(2025, 4, 15)),
        ("friday", date(2025, 4, 11), "next", date(2025, 4, 18)),
        ("Sunday", date(2012, 3, 19), "past", date(2012, 3, 18)),
    ],
)
def test_resolve_weekday_table(weekday, published, direction, expected) -> None:
    assert resolve_weekday(weekday, published, direction) == expected


@pytest.mark.parametrize(("weekday", "direction"), [("Funday", "past"), ("Monday", "sideways")])
def test_resolve_weekday_rejects_bad_arguments(weekday: str, direction: str) -> None:
    with pytest.raises(ValueError, match="unknown"):
        resolve_weekday(weekday, date(2025, 1, 1), direction)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It opened on April 10.", ("April 10", "2025-04-10", "day")),
        ("The first round was on Feb 27.", ("Feb 27", "2025-02-27", "day")),
        ("The first round was on Feb. 27.", ("Feb. 27", "2025-02-27", "day")),
        ("It began February 27, 2025, in the city.", ("February 27, 2025", "2025-02-27", "day")),
        ("It began on 10 April 2025.", ("10 April 2025", "2025-04-10", "day")),
        ("Filed 2025-04-10 in court.", ("2025-04-10", "2025-04-10", "day")),
        ("He was born March 18, 2012.", ("March 18, 2012", "2012-03-18", "day")),
        ("It happened in early February.", ("early February", "2025-02", "month")),
        ("It happened in mid-February.", ("mid-February", "2025-02", "month")),
        ("It happened in February.", ("February", "2025-02", "month")),
        ("A storm in February 2011 was worse.", ("February 2011", "2011-02", "month")),
        ("Prices rose last month.", ("last month", "2025-03", "month")),
        ("Russia annexed Crimea in 2014.", ("2014", "2014", "year")),
        ("Sales fell last year.", ("last year", "2024", "year")),
        ("He said yesterday it was over.", ("yesterday", "2025-04-10", "day")),
        ("Officials said on Thursday that progress was made.", ("Thursday", "2025-04-10", "day")),
        ("A spokesperson had said on Tuesday it was off.", ("Tuesday", "2025-04-08", "day")),
        ("The sides will meet again on Tuesday.", ("Tuesday", "2025-04-15", "day")),
        ("They plan to meet next Tuesday.", ("next Tuesday", "2025-04-15", "day")),
        ("Thursday's talks went well.", ("Thursday", "2025-04-10", "day")),
    ],
)
def test_extract_dates_forms(text: str, expected: tuple[str, str, str]) -> None:
    assert _dates(text, "2025-04-11") == [expected]


def test_extract_dates_year_pairs() -> None:
    got = _dates("Properties were seized between 2016 and 2018.", "2025-04-11")
    assert got == [("2016", "2016", "year"), ("2018", "2018", "year")]


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("The storm hit on Dec. 20.", "2026-01-05", "2025-12-20"),  # a December date in a January article
        ("Talks resume on Jan. 5.", "2025-12-20", "2026-01-05"),
        ("The vote is on March 3.", "2025-02-20", "2025-03-03"),
        ("The deal was signed on Nov. 30.", "2025-01-02", "2024-11-30"),
        ("It happened in December.", "2026-01-10", "2025-12"),
    ],
)
def test_extract_dates_year_choice_across_boundary(text: str, published: str, value: str) -> None:
    (ref,) = extract_dates(text, simple_sentences(text), published)
    assert ref.value == value


@pytest.mark.parametrize(
    "text",
    [
        "They met on Thursday.",
        "It happened yesterday.",
        "It was on April 10.",
        "Prices rose last month.",
    ],
)
def test_extract_dates_relative_omitted_without_publication(text: str) -> None:
    assert _dates(text, None) == []


@pytest.mark.parametrize(
    "text",
    [
        "He moved to the 2000 block of Main Street.",
        "More than 2000 people marched.",
        "She may 18 times have said it.",
        "They march on.",
        "Mondays are quiet.",
    ],
)
def test_extract_dates_skips_non_dates(text: str) -> None:
    assert _dates(text, "2025-04-11") == []


def test_extract_dates_relative_flag_and_sentences() -> None:
    text = "Talks began on Feb. 27. They resumed on Thursday."
    refs = extract_dates(text, simple_sentences(text), "2025-04-11")
    assert [(r.relative, r.sentence) for r in refs] == [(False, 0), (True, 1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a month-day and a weekday in one sentence: the most recent year in which they agree
        ("On Thursday, April 10, the two sides met. The talks ended late.", "2025-04-10"),
        ("The vote on Tuesday, March 4 passed. Critics said Tuesday's vote was rushed.", "2025-03-04"),
        # a caption dated with weekday and year; the story's main day is the next day (Monday)
        (
            "Rebels clashed with troops on Monday. Photo taken Sunday, March 18, 2012. On Monday the toll "
            "rose. Monday was calm by night.",
            "2012-03-19",
        ),
        # a dateline date in the first sentence is the publication date itself
        ("2025-04-11 The talks ended on Thursday.", "2025-04-11"),
        # the text names a year: the month-day's year cannot be before it
        ("In 2012, storms hit. On Thursday, Dec. 20, snow fell.", "2012-12-20"),
        # nothing anchors
        ("The talks ended on Thursday after six hours.", None),
        ("On April 10 the sides met. Officials spoke on Thursday.", None),
        ("", None),
    ],
)
def test_infer_published(text: str, expected: str | None) -> None:
    assert infer_published(text, simple_sentences(text), today=TODAY) == expected


def test_infer_published_never_after_today() -> None:
    text = "On Thursday, April 10, they met."
    got = infer_published(text, simple_sentences(text), today=date(2024, 6, 1))
    assert got is not None
    d = date.fromisoformat(got)
    assert d <= date(2024, 6, 1) and d.month == 4 and d.day == 10 and d.strftime("%A") == "Thursday"


def test_extract_dates_uses_inferred_publication() -> None:
    text = "On Thursday, April 10, the two sides met. A spokesperson spoke on Tuesday."
    refs = {r.text: r.value for r in extract_dates(text, simple_sentences(text), None, today=TODAY)}
    assert refs["Tuesday"] == "2025-04-08"


# --- end to end on the bundled example --------------------------------------------------------------


def _example(example_dir: Path, prefix: str) -> str:
    (path,) = example_dir.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("prefix", "needle", "value"), [
    ("000", "Thursday", "2025-04-10"),
    ("000", "Feb 27", "2025-02-27"),
    ("001", "February 27", "2025-02-27"),
    ("003", "Feb. 27", "2025-02-27"),
    ("003", "April 10", "2025-04-10"),
    ("004", "Tuesday", "2025-04-08"),
    ("000", "Aug 1, 2024", "2024-08-01"),
    ("002", "2014", "2014"),
])  # fmt: skip
def test_extract_dates_example(example_dir: Path, prefix: str, needle: str, value: str) -> None:
    text = _example(example_dir, prefix)
    refs = extract_dates(text, simple_sentences(text), "2025-04-11")
    assert value in {r.value for r in refs if r.text.endswith(needle)}, [(r.text, r.value) for r in refs]


# --- the dev clusters (read in place, never copied) -----------------------------------------------


@pytest.mark.parametrize(
    ("cluster", "doc", "published"),
    [
        ("damascus-mazzeh-clash", "doc0", "2012-03-19"),
        ("tavin-price-shooting", "doc1", "2015-06-23"),
        # captions dated Thursday, Dec. 20; the text's "early Friday" and "Thursday night" read back
        # from Friday
        ("midwest-snowstorm-2012", "doc1", "2012-12-21"),
        ("damascus-mazzeh-clash", "doc2", None),
    ],
)
def test_infer_published_dev_clusters(
    shared_dir: Path, cluster: str, doc: str, published: str | None
) -> None:
    path = shared_dir / "gold" / "dev" / cluster / f"{doc}.txt"
    if not path.exists():
        pytest.skip(f"{path} absent")
    # as the pipeline sees it: ingest takes the captions out of the text and keeps their dates as hints
    article = parse_text(path.read_text(encoding="utf-8"), str(path), doc)
    text = article.text
    got = infer_published(text, simple_sentences(text), today=TODAY, hints=article.date_hints)
    assert got == published


def test_extract_dates_dev_arrest_dates(shared_dir: Path) -> None:
    path = shared_dir / "gold" / "dev" / "tavin-price-shooting" / "doc2.txt"
    if not path.exists():
        pytest.skip(f"{path} absent")
    text = path.read_text(encoding="utf-8")
    values = {r.value for r in extract_dates(text, simple_sentences(text), "2015-06-23")}
    assert {"2015-06-17", "2015-06-18", "2015-05-29"} <= values


def test_resolve_weekday_matches_datetime_over_a_year() -> None:
    start = date(2024, 1, 1)
    for offset in range(0, 366, 5):
        pub = start + timedelta(days=offset)
        for name in WEEKDAY_NAMES:
            d = resolve_weekday(name, pub)
            assert d.strftime("%A") == name and pub - timedelta(days=6) <= d <= pub


def test_dateref_roundtrip() -> None:
    ref = extract_dates("It was on Feb. 27.", simple_sentences("It was on Feb. 27."), "2025-04-11")[0]
    assert DateRef.from_dict(ref.to_dict()) == ref


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a month-day and a weekday in different sentences, a year named: the one date that fits
        (
            "In 2024 the first round failed. On April 10 the sides met again. Officials spoke on Thursday.",
            "2025-04-10",
        ),
        # two month-days, one weekday: both fit in the same year -> the later one (the news day)
        (
            "In 2024 talks stalled. Round one was on Feb 27. On April 10 they met. It was Thursday.",
            "2025-04-10",
        ),
        # no year named: a month-day and a weekday in different sentences are not paired
        ("On June 23 arrests followed. Police spoke on Tuesday.", None),
    ],
)
def test_infer_published_cross_sentence_pairing(text: str, expected: str | None) -> None:
    assert infer_published(text, simple_sentences(text), today=TODAY) == expected


def test_infer_published_cross_sentence_ambiguous_years_give_none() -> None:
    # March 18 is a Sunday in 2012 and a Monday in 2013: two years fit, nothing is inferred
    text = "In 2012 the uprising grew. Bombs fell on March 18. Fighting went on Sunday. Monday was calm."
    assert infer_published(text, simple_sentences(text), today=TODAY) is None


# --- anchors: the news day, removed-caption hints, story-level hints --------------------------------


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # a caption dated Sunday; the text's Monday is the news, Saturday and Sunday the background
        ("Troops clashed Monday. Saturday's bombings killed 27. On Sunday a blast hit.", "2012-03-18",
         "2012-03-19"),
        # past-tense Friday and Saturday read back from Saturday
        ("The storm moved east Friday night. Gusts were strongest on Saturday.", "2012-12-20", "2012-12-22"),
        # a future Friday does not move the news day past the anchor's Thursday
        ("Flights were cancelled Thursday. Airlines will resume service on Friday.", "2012-12-20",
         "2012-12-20"),
        # no weekday: the anchor itself
        ("Snow fell across the region.", "2012-12-20", "2012-12-20"),
        # at most three days after the anchor: a Thursday six days on is not reached
        ("Officials spoke on Thursday.", "2012-12-21", "2012-12-21"),
        # a weekday written with its month-day is a date, not a pointer back from the news day
        ("On Monday, March 19, troops clashed.", "2012-03-15", "2012-03-15"),
    ],
)  # fmt: skip
def test_news_day(text: str, anchor: str, expected: str) -> None:
    got = news_day(text, simple_sentences(text), date.fromisoformat(anchor), today=TODAY)
    assert got.isoformat() == expected


@pytest.mark.parametrize(
    ("hints", "expected"),
    [
        (("2012-03-18",), "2012-03-19"),  # the caption's Sunday; the text's Monday is the news day
        (("2012-03-11", "2012-03-18"), "2012-03-19"),  # the latest hint anchors
        (("--03-18",), None),  # no year: left to the story
        (("2031-03-18",), None),  # after today: ignored
        ((), None),
    ],
)
def test_infer_published_from_hints(hints: tuple[str, ...], expected: str | None) -> None:
    text = "Rebels clashed with troops on Monday. Two died."
    assert infer_published(text, simple_sentences(text), today=TODAY, hints=hints) == expected


@pytest.mark.parametrize(
    ("hint", "reference", "expected"),
    [
        ("--12-21", "2012-12-20", "2012-12-21"),
        ("--01-02", "2012-12-30", "2013-01-02"),  # across the new year
        ("--12-30", "2013-01-02", "2012-12-30"),
        ("2012-03-18", "2020-01-01", "2012-03-18"),  # a full date stands
        ("--13-01", "2012-12-20", None),
        ("--02-30", "2012-12-20", None),
        ("soon", "2012-12-20", None),
    ],
)
def test_resolve_hint(hint: str, reference: str, expected: str | None) -> None:
    got = resolve_hint(hint, date.fromisoformat(reference))
    assert (got.isoformat() if got else None) == expected


@pytest.mark.parametrize(
    ("raw", "hints"),
    [
        # a photo caption with a credit: taken out of the text, its date kept
        ("Rebels clashed on Monday in the capital, residents said.\n\nRescue teams at the scene in the "
         "north, Sunday, March 18, 2012. (AP Photo/Jane Roe)\n\nThe toll rose to four by night, police said.",
         ("2012-03-18",)),
        # a video caption without a year, in brackets
        ("Flights resumed across the region on Friday, airlines said.\n\nCLOSE Airlines expect to fly "
         "again. (Dec. 21) AP\n\nRoads stayed closed in the north, police said.", ("--12-21",)),
        # a month-day in running text is not a hint
        ("The vote is set for March 5, officials said.\n\nThe council will meet again in April.", ()),
    ],
)  # fmt: skip
def test_parse_text_keeps_dates_of_removed_captions(raw: str, hints: tuple[str, ...]) -> None:
    article = parse_text(raw, "x.txt", "x")
    assert article.date_hints == hints
    assert "Photo" not in article.text and "CLOSE" not in article.text  # the caption itself is gone


@pytest.mark.parametrize(
    ("text", "published", "needle", "value"),
    [
        ("Paris hopes for a vote on Tuesday.", "2012-03-19", "Tuesday", "2012-03-20"),
        ("Airlines cancelled flights scheduled to depart on Thursday.", "2012-12-21", "Thursday",
         "2012-12-20"),
        ("The vote is scheduled for Wednesday, officials said.", "2015-06-23", "Wednesday", "2015-06-24"),
        # the dash ends the date's clause: "expected" belongs to the next one
        ("Towns were seeing snow at 9 p.m. Friday -- and are expected to get more.", "2012-12-22", "Friday",
         "2012-12-21"),
        ("The uprising began in March last year.", "2012-03-19", "March last year", "2011-03"),
    ],
)  # fmt: skip
def test_extract_dates_tense_and_month_last_year(text: str, published: str, needle: str, value: str) -> None:
    refs = {r.text: r.value for r in extract_dates(text, simple_sentences(text), published)}
    assert refs.get(needle) == value, refs


def test_extract_dates_usa_today_is_a_name() -> None:
    text = "Contributing: Jane Roe, USA TODAY. Officials spoke today."
    values = [(r.text, r.value) for r in extract_dates(text, simple_sentences(text), "2012-12-21")]
    assert values == [("today", "2012-12-21")]


def _refs(text: str, published: str | None, year: int | None = None) -> list[tuple[str, str, str, bool]]:
    return [
        (r.text, r.value, r.granularity, r.inferred)
        for r in extract_dates(text, simple_sentences(text), published, today=TODAY, year=year)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They met again on May 18 in his office.", [("May 18", "2017-05-18", "day", True)]),
        ("He called the husband in April to meet.", [("April", "2017-04", "month", True)]),
        ("The trial was pushed back to August.", [("August", "2017-08", "month", True)]),
        ("He was arraigned Wednesday in the city.", [("Wednesday", "2017", "year", True)]),
        ("The budget doubled last year, he said.", [("last year", "2016", "year", True)]),
        # a stated year stays stated
        ("The incident dates to March 25, 2016.", [("March 25, 2016", "2016-03-25", "day", False)]),
        # "last April" counts back from a month the story's year does not give
        ("Prices rose last April in the city.", []),
        ("February 30 is not a day.", []),
    ],
)  # fmt: skip
def test_extract_dates_story_year_resolves_yearless_dates(text: str, expected: list) -> None:
    assert _refs(text, None, year=2017) == expected


@pytest.mark.parametrize(
    ("text", "published", "year", "expected"),
    [
        # without the story's year nothing anchors a month-day of an undated article
        ("They met again on May 18 in his office.", None, None, []),
        ("He was arraigned Wednesday in the city.", None, None, []),
        # a publication date wins over the story's year
        ("They met again on May 18 in his office.", "2015-06-01", 2017,
         [("May 18", "2015-05-18", "day", False)]),
    ],
)  # fmt: skip
def test_extract_dates_story_year_only_without_publication(text, published, year, expected) -> None:
    assert _refs(text, published, year=year) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The man was released three days ago.", [("three days ago", "2015-06-20", "day")]),
        ("The man was released 10 days ago.", [("10 days ago", "2015-06-13", "day")]),
        ("The store closed two weeks ago.", [("two weeks ago", "2015-06", "month")]),
        ("The store closed four months ago.", [("four months ago", "2015-02", "month")]),
        ("The store closed a year ago.", [("a year ago", "2014", "year")]),
        ("The store closed seven months ago.", [("seven months ago", "2014-11", "month")]),
        # vague counts give nothing
        ("The man was released a few days ago.", []),
        ("The man was released days ago.", []),
        ("The store closed several weeks ago.", []),
        # three weeks back from June 23 is June 2, its week straddles May and June: no month
        ("The store closed three weeks ago.", []),
    ],
)
def test_extract_dates_ago_counts_back_from_publication(text: str, expected: list) -> None:
    assert [(t, v, g) for t, v, g, _ in _refs(text, "2015-06-23")] == expected


def test_extract_dates_ago_needs_a_publication_date() -> None:
    assert _refs("The man was released three days ago.", None) == []


@pytest.mark.parametrize(
    ("known", "year", "expected"),
    [
        ({(5, 18): 2016}, None, [("May 18", "2016-05-18", "day", True)]),
        ({(5, 18): 2016}, 2017, [("May 18", "2016-05-18", "day", True)]),  # the stated day wins
        ({(5, 19): 2016}, None, []),  # another day: nothing
        ({(5, 19): 2016}, 2017, [("May 18", "2017-05-18", "day", True)]),
    ],
)
def test_extract_dates_known_days_from_sister_reports(known, year, expected) -> None:
    text = "They met again on May 18 in his office."
    refs = extract_dates(text, simple_sentences(text), None, today=TODAY, year=year, known_days=known)
    assert [(r.text, r.value, r.granularity, r.inferred) for r in refs] == expected
    dated = extract_dates(text, simple_sentences(text), "2015-06-01", today=TODAY, known_days=known)
    assert [r.value for r in dated] == ["2015-05-18"]  # a publication date wins


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The slogan reads: Ready to Fight Tonight.", []),
        ("He told USA Today about the plan.", []),
        ("She appeared on the Today show with her lawyer.", []),
        ("Today the council voted.", [("Today", "2025-04-11", "day")]),
        ('He said: "Tonight we celebrate."', [("Tonight", "2025-04-11", "day")]),
        ("The council voted today.", [("today", "2025-04-11", "day")]),
    ],
)
def test_extract_dates_capitalised_day_words_inside_a_sentence_are_names(text, expected) -> None:
    assert _dates(text, "2025-04-11") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the anchor cannot precede a full date the text states for a past event: Aug. 1 is a Monday in
        # 2016, but the report states September 27, 2016
        (
            "She was found guilty on August 1. Police said last Monday she fled. The coroner ruled on "
            "September 27, 2016.",
            None,
        ),
        # "Tuesday, April 3" says 2018, "Monday ... April 3" 2017: pairings that disagree date nothing
        (
            "He hosts the show on Monday and Tuesday, April 3 and 4. The anchor reported on April 2, 2017.",
            None,
        ),
        # one pairing, after the stated date: kept
        ("He hosts the show on Monday, April 3. The anchor reported on April 2, 2017.", "2017-04-03"),
    ],
)
def test_infer_published_yearless_anchor_respects_stated_dates(text, expected) -> None:
    assert infer_published(text, simple_sentences(text), today=TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the last year" is the past twelve months, not the calendar year before
        ("He moved out sometime in the last year.", []),
        ("Prices will rise over the next month.", []),
        ("Sales fell in the last week.", []),
        ("He moved out last year.", [("last year", "2014", "year")]),
        # a weekday between "the" and a capitalised word is a newspaper or a show
        ("The story ran in the Sunday Tribune.", []),
        ("She wrote for The Sunday Times for years.", []),
        # not a name: a lower-case word, or a month, follows
        ("The talks ended on the Friday after the vote.", [("Friday", "2015-04-17", "day")]),
        ("It was the Sunday March 15 rally.", [("Sunday March 15", "2015-03-15", "day")]),
        # "this past Tuesday" lies strictly before the publication day
        ("He spoke this past Tuesday.", [("this past Tuesday", "2015-04-14", "day")]),
        ("He spoke Tuesday.", [("Tuesday", "2015-04-21", "day")]),
        # "July of 1986" is a month
        ("I met them in July of 1986.", [("July of 1986", "1986-07", "month")]),
        # a hedged count is no date
        ("The war ended nearly 70 years ago.", []),
        ("The war ended 70 years ago.", [("70 years ago", "1945", "year")]),
    ],
)
def test_extract_dates_spans_names_and_past_weekdays(text: str, expected: list) -> None:
    assert _dates(text, "2015-04-21") == expected


@pytest.mark.parametrize(
    ("text", "hints", "expected"),
    [
        # a caption dated before a past event the text states in full is an archive picture: ignored
        ("The judge spoke on Thursday. He was arrested on Jan. 18, 2015.", ("2011-06-27",), None),
        ("The judge spoke on Thursday. He was arrested on Jan. 18, 2015.", ("2016-06-06",), "2016-06-09"),
        # a weekday-dated full date opening the text is the day it is of; its "Sunday" lies before
        ("Remarks of the president, Friday, July 19, 2013. As I said on Sunday, the verdict stands.", (),
         "2013-07-19"),
    ],
)  # fmt: skip
def test_infer_published_caption_floor_and_dateline(text: str, hints: tuple[str, ...], expected) -> None:
    assert infer_published(text, simple_sentences(text), today=TODAY, hints=hints) == expected


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # "this past Tuesday" is before the news day: Saturday's anchor stays, not the next Tuesday
        ("Holder spoke this past Tuesday.", "2013-07-20", "2013-07-20"),
        ("Holder spoke Tuesday.", "2013-07-20", "2013-07-23"),
        # a weekday in a newspaper's name does not pull the news day
        ("The Sunday Tribune ran the story.", "2013-07-19", "2013-07-19"),
    ],
)
def test_news_day_past_weekdays_and_names(text: str, anchor: str, expected: str) -> None:
    got = news_day(text, simple_sentences(text), date.fromisoformat(anchor), today=TODAY)
    assert got.isoformat() == expected
