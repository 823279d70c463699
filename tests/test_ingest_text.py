"""Plain-text parsing: titles, standfirsts, datelines, metadata, captions, widgets and headings."""

from __future__ import annotations

import pytest

from crossfact.errors import InputError
from crossfact.ingest import furniture as fu
from crossfact.ingest.meta import clean_text, normalize_date
from crossfact.ingest.text import parse_text, split_paragraphs, take_metadata

BODY = (
    "The council approved the new budget on Monday after a long debate, officials said.\n"
    "Spending on roads will rise by a tenth next year, according to the finance office.\n"
)


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ("Council approves budget after long debate\n\n" + BODY, "Council approves budget after long debate"),
        ("Will the new budget fix the roads?\n" + BODY, "Will the new budget fix the roads?"),
        (BODY, None),  # first line is running text: it ends with a full stop
        ("The council met.\n" + BODY, None),
        ("Council approves budget\n", None),  # a lone line is the text, not a title
    ],
)
def test_parse_text_title(raw: str, title: str | None) -> None:
    article = parse_text(raw, "x.txt", "x")
    assert article.title == title
    if title:
        assert title not in article.text


def test_parse_text_standfirst_is_not_running_text() -> None:
    raw = "Council approves budget\nRoads and schools get more money, parks less\n\n\n" + BODY
    article = parse_text(raw, "x.txt", "x")
    assert article.title == "Council approves budget"
    assert "parks less" not in article.text
    assert article.text.startswith("The council approved")


@pytest.mark.parametrize(
    ("first", "dateline", "outlet", "start"),
    [
        ("SPRINGFIELD (KXYZ) — The council approved", "SPRINGFIELD", "KXYZ", "The council approved"),
        ("(CNN) -- The council approved", None, "CNN", "The council approved"),
        ("NEW YORK/LONDON — The council approved", "NEW YORK/LONDON", None, "The council approved"),
        ("ANNAPOLIS, Md. (AP) — The council approved", "ANNAPOLIS, Md.", "AP", "The council approved"),
        ("LONDON, March 3 (Reuters) - The council approved", "LONDON", "Reuters", "The council approved"),
        ("US and EU officials met — briefly — on Monday.", None, None, "US and EU officials met"),
        ("NATO said on Monday it would meet.", None, None, "NATO said"),
        ("INVESTIGATORS: the council approved", None, None, "INVESTIGATORS: the council"),
    ],
)
def test_parse_text_dateline_leading_first_paragraph(
    first: str, dateline: str | None, outlet: str | None, start: str
) -> None:
    article = parse_text(first + " on Monday, officials said.\n" + BODY, "x.txt", "x")
    assert article.dateline == dateline
    assert article.outlet == outlet
    assert article.text.startswith(start)


@pytest.mark.parametrize("line", ["SPRINGFIELD", "NEW YORK —", "MOSCOW/WASHINGTON —", "ST. LOUIS"])
def test_parse_text_dateline_alone_on_a_line(line: str) -> None:
    article = parse_text("Council approves budget\n" + line + "\n\n" + BODY, "x.txt", "x")
    assert article.dateline == line.rstrip(" —")
    assert article.title == "Council approves budget"
    assert article.text.startswith("The council approved")


@pytest.mark.parametrize(
    ("raw", "published", "start"),
    [
        (" date 2024-02-05 The council approved it.\n" + BODY, "2024-02-05", "The council approved it"),
        ("date: February 5, 2024\n" + BODY, "2024-02-05", "The council approved the new"),
        ("Published: 5 Feb 2024\n" + BODY, "2024-02-05", "The council approved the new"),
        ("date 2024-02-05T10:30:00Z\n" + BODY, "2024-02-05", "The council approved the new"),
        ("Dated documents were released on Monday, officials said.\n" + BODY, None, "Dated documents"),
        ("date 2024-13-45 The council approved the budget.\n" + BODY, None, "date 2024-13-45"),
    ],
)
def test_parse_text_leading_metadata(raw: str, published: str | None, start: str) -> None:
    article = parse_text(raw, "x.txt", "x")
    assert article.published == published
    assert article.text.startswith(start)


def test_take_metadata_reads_several_keys() -> None:
    meta, rest = take_metadata(
        [
            "Title: Budget passes",
            "Source: Town Herald",
            "URL: https://herald.example.com/b",
            "date 2024-02-05",
            "Text",
        ]
    )
    assert meta == {
        "title": "Budget passes",
        "outlet": "Town Herald",
        "url": "https://herald.example.com/b",
        "published": "2024-02-05",
    }
    assert rest == ["Text"]


def test_parse_text_metadata_title_and_source_used() -> None:
    raw = "title: Budget passes\nsource: Town Herald\n\nBudget passes\n" + BODY
    article = parse_text(raw, "x.txt", "x")
    assert (article.title, article.outlet) == ("Budget passes", "Town Herald")
    assert article.text.startswith("The council approved")


@pytest.mark.parametrize(
    "furniture",
    [
        "A man walks past the town hall on Monday. Jane Roe / Example Agency via AP",
        "The town hall on Monday, March 4, 2024. (AP Photo/Jane Roe)",
        "Workers clear the square after the storm... (Associated Press)",
        "Children cross a street on Wednesday. (Photo: Jane Roe AP)",
        "This photo released by the city shows the damaged bridge on Sunday.",
        "Photo: Jane Roe",
        "The mayor speaks to reporters. Getty Images",
        "Residents mourn the victim. (Published Tuesday, June 2, 2015)",
        "Please enable Javascript to watch this video",
        "Play Facebook Twitter Embed",
        "Embed Documenting the storm 1:48 autoplay autoplay Copy this code to your website or blog",
        "Copyright © 2024 Example News. All rights reserved.",
        "Reporters from the desk contributed to this report.",
        "------------",
        "Second round of talks in the capital",
        "Advertisement",
        "Image copyright Example Agency Image caption Workers clear the square",
        "The mayor at the town hall in 2011. (Jane Roe/The Example Post)",
        "Tweet with a location",
        "Click to email this to a friend (Opens in new window)",
        "Story highlights The council met on Monday",
        "Updated 6.15pm",
    ],
)
def test_parse_text_furniture_kept_out(furniture: str) -> None:
    raw = BODY + "\n" + furniture + "\n\nThe vote passed by a narrow margin, the clerk said.\n"
    article = parse_text(raw, "x.txt", "x")
    assert furniture not in article.text
    assert "The vote passed by a narrow margin, the clerk said." in article.text


@pytest.mark.parametrize(
    "running",
    [
        "The lawyer released the following statement:",
        "\u201cWe will rebuild,\u201d the mayor said.",
        "She said the bridge would reopen in May, and that the cost was not yet known to the city",
    ],
)
def test_parse_text_running_text_kept(running: str) -> None:
    article = parse_text(BODY + running + "\n", "x.txt", "x")
    assert running in article.text


def test_parse_text_paragraphs_from_whitespace_lines() -> None:
    raw = "First paragraph is here, it said. \n \n Second paragraph is here, it said. \n \n"
    article = parse_text(raw, "x.txt", "x")
    assert article.text == "First paragraph is here, it said.\n\nSecond paragraph is here, it said."


def test_split_paragraphs_one_line_one_paragraph() -> None:
    assert split_paragraphs(BODY) == BODY.strip().split("\n")


def test_split_paragraphs_joins_hard_wrapped_blocks() -> None:
    raw = (
        "The council approved the new budget on Monday after a debate that\n"
        "lasted well into the night, with members arguing over the cost of\n"
        "repairs to the old bridge and the new school.\n\nSecond paragraph here.\n"
    )
    paragraphs = split_paragraphs(raw)
    assert paragraphs[0].startswith("The council approved") and paragraphs[0].endswith("new school.")
    assert "that lasted" in paragraphs[0]
    assert paragraphs[1] == "Second paragraph here."


def test_parse_text_only_furniture_raises() -> None:
    with pytest.raises(InputError, match="no running text"):
        parse_text("Please enable Javascript to watch this video\n------\n", "x.txt", "x")


def test_parse_text_short_text_kept() -> None:
    assert parse_text("Fire at the old mill\n", "x.txt", "x").text == "Fire at the old mill"


def test_parse_text_strips_control_characters() -> None:
    article = parse_text("The council\x00 met\x07 on Monday, officials said.\u2028It voted.", "x.txt", "x")
    assert article.text == "The council met on Monday, officials said.\n\nIt voted."


def test_parse_text_language_marked_not_mangled() -> None:
    raw = "Le conseil municipal a approuvé le budget lundi après un long débat, selon la mairie.\n"
    article = parse_text(raw, "x.txt", "x")
    assert article.language == "fr"
    assert article.text == raw.strip()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-04-11", "2025-04-11"),
        ("2025-04-11T23:30:00-05:00", "2025-04-11"),
        ("April 11, 2025", "2025-04-11"),
        ("Fri, 11 Apr 2025 09:30:00 GMT", "2025-04-11"),
        ("yesterday", None),
        ("not a date 12", None),
        ("2025-02-30", None),
        (None, None),
    ],
)
def test_normalize_date(value: str | None, expected: str | None) -> None:
    assert normalize_date(value) == expected


def test_clean_text_unifies_breaks() -> None:
    assert clean_text("a\r\nb\rc\x0bd\u2029e\ufefff") == "a\nb\nc\nd\nef"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ISTANBUL", ("ISTANBUL", None)),
        ("BREAKING", None),
        ("ABC", None),
        ("New York", None),
        ("PARIS (AFP) —", ("PARIS", "AFP")),
    ],
)
def test_dateline_alone(text: str, expected: tuple[str, str | None] | None) -> None:
    assert fu.dateline_alone(text) == expected


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("Copyright © 2012 Example Press. All rights reserved.", "Example Press"),
        ("© 2024 The Valley Gazette", "The Valley Gazette"),
        ("COPYRIGHT 2019 U.S. News Inc.", "U.S. News Inc"),
        ("XYZ's Jane Roe and John Doe contributed to this report.", "XYZ"),
        ("All rights reserved.", None),
        ("Copyright 2020", None),
        ("Reporters from the desk contributed to this report.", None),
        ("Jane Roe, John Doe and Ann Poe contributed to this report.", None),
        ("(c) 2019 Daily Example", "Daily Example"),
    ],
)
def test_outlet_hint(line: str, outlet: str | None) -> None:
    assert fu.outlet_hint(line) == outlet


def test_parse_text_copyright_credit_above_the_text_is_no_outlet() -> None:
    article = parse_text("Copyright Example Pictures\n" + BODY, "x.txt", "x")
    assert article.outlet is None


def test_parse_text_outlet_from_copyright_line() -> None:
    article = parse_text(BODY + "Copyright © 2012 Example Press. All rights reserved.\n", "x.txt", "x")
    assert article.outlet == "Example Press"
    assert "Copyright" not in article.text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Jane Doe and John Roe, Example Wire", True),
        ("By Staff Sgt. Jane Q. Doe, Example Public Affairs / Published March 24, 2017", True),
        ("By Monday, the town had recovered from the storm.", False),
        ("Byron Doe said the storm was over.", False),
    ],
)
def test_is_byline(line: str, expected: bool) -> None:
    assert fu.is_byline(line) is expected


def test_parse_text_byline_and_published_line_under_title() -> None:
    raw = "Council approves budget\nBy Jane Doe\nPublished on Feb 5, 2024\n\n" + BODY
    article = parse_text(raw, "x.txt", "x")
    assert (article.title, article.published) == ("Council approves budget", "2024-02-05")
    assert article.text.startswith("The council approved")


@pytest.mark.parametrize(
    ("byline", "published"),
    [
        ("By Staff Sgt. Jane Doe, 7th Air Force Public Affairs / Published March 24, 2017", "2017-03-24"),
        ("By Jane Doe | Posted: 5 March 2024", "2024-03-05"),
        ("By Jane Doe, Reuters", None),
        ("By Jane Doe / Updated March 24, 2017", None),  # an update is not the publication
    ],
)
def test_parse_text_byline_stamp_is_the_published_date(byline: str, published: str | None) -> None:
    article = parse_text(byline + "\n\n" + BODY, "x.txt", "x")
    assert article.published == published
    assert article.text.startswith("The council approved")


@pytest.mark.parametrize(
    ("link", "published", "hints"),
    [
        # the page quotes a story of Jan. 16, 2017: "Published on Dec 29, 2016" is the video's upload
        ("http://www.example.com/2017/01/16/council-f...", None, ("2017-01-16",)),
        # a link older than the stamp, or of the next day (time zones), says nothing against it
        ("http://www.example.com/2016/12/01/council-budget", "2016-12-29", ()),
        ("http://www.example.com/2016/12/30/council-budget", "2016-12-29", ()),
    ],
)
def test_parse_text_stamp_older_than_a_cited_link_is_dropped(
    link: str, published: str | None, hints: tuple[str, ...]
) -> None:
    raw = f"Published on Dec 29, 2016\n\n{BODY}\n\n{link}\n\n{BODY}"
    article = parse_text(raw, "x.txt", "x")
    assert (article.published, article.date_hints) == (published, hints)


# --------------------------------------------------------------------------------------------------
# furniture: dates that say nothing of the news day, tweet signatures, archive notices
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # a file photo is old by definition: its date is no anchor
        (["The judge is shown in this June 27, 2011 file photo. (Jane Roe/The Courier via AP)"], ()),
        (["FILE - In this Sept. 3, 2015, photo, the mayor speaks. (AP Photo/Jane Roe)"], ()),
        # a labelled date of something else than the news
        (["Crawl end date: 23 December, 2011"], ()),
        (["Born: March 3, 1950"], ()),
        # a caption's own date stands
        (["Rescue teams at the scene, Sunday, March 18, 2012. (AP Photo/Jane Roe)"], ("2012-03-18",)),
        (["Published: March 18, 2012"], ("2012-03-18",)),
    ],
)
def test_date_hints_skip_file_photos_and_other_labelled_dates(lines: list[str], expected: tuple) -> None:
    assert fu.date_hints(lines) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Jane Roe, in this photograph provided by the town hall, is seen at a race on April 11, 2015.",
            True,
        ),
        ("A message to the swimmer pic.twitter.com/abc — The Courier (@courier) June 8, 2016", True),
        ("The mayor said in a statement that the photograph was taken in 2015.", False),
        ("He wrote on Twitter (@janeroe) that he would run again on June 8, 2016.", False),
    ],
)
def test_is_caption_mid_line_photographs_and_tweet_signatures(text: str, expected: bool) -> None:
    assert fu.is_caption(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This article was amended on 9 June 2016.", True),
        (
            "Starting in 1996, Alexa Internet has been donating their crawl data to the Internet Archive.",
            True,
        ),
        ("These crawls are part of an effort to archive pages as they are created. " * 6, True),
        ("The Internet Archive was founded in 1996 in San Francisco, its director said.", False),
    ],
)
def test_is_boilerplate_archive_notices_and_amendments(text: str, expected: bool) -> None:
    assert fu.is_boilerplate(text) is expected


# ---------------------------------------------------------------------------------------------------
# Reader-service furniture, bare dates and lead titles
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        (
            "Breaking News Emails Get breaking news alerts and special reports. The news and stories that "
            "matter, delivered weekday mornings.",
            "newsletter",
        ),
        ("Get news from the Example Times in your inbox, each weekday morning", "newsletter"),
        (
            "Morning Briefing Email Sign Up By signing up you agree to receive email newsletters or alerts.",
            "newsletter",
        ),
        ("--------- Sign up for Channel 9 email alerts to stay informed.", "newsletter"),
        ("Already a subscriber? Thank you for your support.", "subscription"),
        ("New here? Subscribe for just $3 a month", "subscription"),
        ("Please turn on JavaScript. Media requires JavaScript to play.", "javascript"),
        ("This site uses cookies to improve your experience.", "cookies"),
        ("Join us on Facebook Like us and you'll find top breaking news in your newsfeed.", "social"),
        ("LIKE US ON FACEBOOK: our politics page brings news to your feed", "social"),
        ("Are you there? Send us your images or video.", "send-us"),
        (
            "Note: By submitting this form, you agree to Example Media's terms . We respect your privacy .",
            "form-terms",
        ),
        ("2 years ago", "age-stamp"),
        ("Updated 3 hours ago", "age-stamp"),
        ("Local News More>>", "navigation"),
        ("Add a location to your Tweets", "navigation"),
    ],
)
def test_service_rule_names_reader_service_lines(line: str, rule: str) -> None:
    assert fu.service_rule(line) == rule
    assert fu.is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "The company said it had 52 million subscribers at the end of the quarter.",
        "Two years ago, the council voted to close the bridge.",
        "The plant closed 2 years ago.",
        "She said the cookie jar was empty when police arrived.",
        "Residents were asked to follow the evacuation signs on Route 9.",
        "Police asked anyone with information to call the tip line.",
        "The webinar is free; readers can sign up on the ministry's site.",
        'Jon Doe wrote on Twitter: "My plan will create jobs. Join us."',
        "Volunteers shared their photos of the flood with reporters.",
    ],
)
def test_service_rule_keeps_news_sentences(line: str) -> None:
    assert fu.service_rule(line) is None


def test_service_rule_ignores_long_paragraphs() -> None:
    assert fu.service_rule("Sign up for our newsletter. " + "The council met again on Monday. " * 10) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("April 10th, 2016", True),
        ("Sunday, March 18, 2012", True),
        ("2016-04-10", True),
        ("Floods hit the coast on April 10", False),
        ("2 years ago", False),
        ("Material and methods", False),
    ],
)
def test_is_date_line(line: str, expected: bool) -> None:
    assert fu.is_date_line(line) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The council met on Monday. It voted to close the bridge.", "The council met on Monday."),
        # furniture paragraphs are skipped
        (
            "Breaking News Emails Get breaking news alerts and special reports.\n\n2 years ago\n\n"
            "The council met on Monday. It voted.",
            "The council met on Monday.",
        ),
        # an abbreviation ends no sentence
        (
            "Gov. Jane Roe of the U.S. state signed it. Then she left.",
            "Gov. Jane Roe of the U.S. state signed it.",
        ),
        # a long sentence is cut at a word boundary, with an ellipsis
        (
            "The regional council of the northern province voted late on Monday night to close the old river "
            "bridge for repairs.",
            "The regional council of the northern province voted late on Monday night to…",
        ),
        # nothing but furniture: the start of the text
        ("Please turn on JavaScript.", "Please turn on JavaScript."),
    ],
)
def test_lead_title_is_first_real_sentence(text: str, expected: str) -> None:
    title = fu.lead_title(text)
    assert title == expected
    assert len(title) <= 80


@pytest.mark.parametrize(
    "first",
    [
        "2 years ago",
        "April 10th, 2016",
        "To our community,",
        "Breaking News Emails Get breaking news alerts.",
    ],
)
def test_parse_text_takes_no_furniture_for_title(first: str) -> None:
    raw = f"{first}\n\nThe council met on Monday and voted to close the bridge.\n\nIt reopens in May."
    article = parse_text(raw, "a.txt", "a")
    assert article.title is None
    assert first not in article.text
    assert article.text.startswith("The council met on Monday")


def test_parse_text_keeps_a_bare_date_line_as_hint() -> None:
    raw = "April 10th, 2016\n\nThe council met on Monday and voted to close the bridge.\n\nIt reopens in May."
    assert parse_text(raw, "a.txt", "a").date_hints == ("2016-04-10",)
