"""The single-file HTML brief: sections, sentence ids, citations, escaping, no outside resources, charts."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from crossfact.model import ArticleDoc, Position, Report, Value
from crossfact.render.html import to_html
from crossfact.render.htmlview import Context, coverage_matrix, parse_value, position_span, value_chart
from html_report import EVIL, hand_report


class _Collector(HTMLParser):
    """Collects tags with attributes, element ids and the text of <script> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: dict[str, str] = {}
        self.scripts = 0
        self._text_of: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "script":
            self.scripts += 1
        if a.get("id"):
            self.ids[a["id"]] = tag


@pytest.fixture(scope="module")
def report() -> Report:
    return hand_report()


@pytest.fixture(scope="module")
def page(report: Report) -> str:
    return to_html(report)


@pytest.fixture(scope="module")
def parsed(page: str) -> _Collector:
    p = _Collector()
    p.feed(page)
    return p


def test_to_html_is_one_document(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    assert page.rstrip().endswith("</html>")
    assert page.count("<style>") == 1


@pytest.mark.parametrize(
    "section",
    ["summary-s1", "conflicts-s1", "coverage-s1", "quotes-s1", "timeline-s1", "entities-s1", "reader"],
)
def test_to_html_has_section(parsed: _Collector, section: str) -> None:
    assert section in parsed.ids


def test_to_html_every_sentence_has_its_id(report: Report, parsed: _Collector) -> None:
    for doc in report.docs:
        for s in doc.sentences:
            assert parsed.ids.get(f"a-{doc.article.id}-s-{s.index}") == "span"


def test_to_html_sentence_span_holds_the_sentence(report: Report, page: str) -> None:
    doc = report.docs[0]
    m = re.search(r'<span class="s" id="a-001_alpha-s-1"[^>]*>(.*?)</span>(?= |</p>)', page)
    assert m is not None
    assert re.sub(r"<[^>]+>", "", m.group(1)) == doc.sentences[1].text


def test_to_html_citations_point_at_existing_sentences(parsed: _Collector) -> None:
    cites = [a for tag, a in parsed.tags if tag == "a" and "cite" in (a.get("class") or "").split()]
    # 3 summary + 3 conflict + 5 matrix + 1 quote + 3 timeline
    assert len(cites) == 15
    for a in cites:
        href = a["href"] or ""
        assert href.startswith("#")
        assert parsed.ids.get(href[1:]) == "span"


def test_to_html_summary_cites_the_right_sentence(page: str) -> None:
    summary = page[page.index('id="summary-s1"') : page.index('id="conflicts-s1"')]
    assert 'href="#a-001_alpha-s-0"' in summary
    assert 'href="#a-002_beta-s-1"' in summary


@pytest.mark.parametrize("where", ["text", "title", "outlet"])
def test_to_html_escapes_markup_in_articles(page: str, parsed: _Collector, where: str) -> None:
    escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
    shown = {"text": f"wrote {escaped} on", "title": f"Bridge shut {escaped}", "outlet": f"Daily {escaped}"}
    assert shown[where] in page
    assert EVIL not in page
    assert parsed.scripts == 1  # only the page's own script


def test_to_html_has_no_outside_references(parsed: _Collector, page: str) -> None:
    for tag, attrs in parsed.tags:
        for name in ("src", "href", "action", "data", "poster"):
            value = attrs.get(name)
            if value is not None:
                assert value.startswith("#"), f"<{tag} {name}={value!r}>"
    assert not re.search(r"url\(|@import|https?://", page)


def test_to_html_conflict_positions_side_by_side(page: str) -> None:
    part = page[page.index('id="conflicts-s1"') : page.index('id="coverage-s1"')]
    assert part.count('class="position"') == 3
    for value in ("about 5.5 h", "more than 6 h", "4 h"):
        assert f'<div class="value">{value}</div>' in part
    assert "according to <strong>Lena Ostrova</strong>" in part
    assert "<svg" in part


def test_to_html_quotes_grouped_under_resolved_speaker(page: str) -> None:
    part = page[page.index('id="quotes-s1"') : page.index('id="timeline-s1"')]
    assert "<h3>Lena Ostrova" in part
    assert "We will reopen as soon as it is safe," in part


def test_to_html_timeline_in_date_order(page: str) -> None:
    part = page[page.index('id="timeline-s1"') : page.index('id="entities-s1"')]
    assert part.index("1932-05-01") < part.index("2024-03-05")


def test_to_html_entities_with_aliases(page: str) -> None:
    part = page[page.index('id="entities-s1"') :]
    assert "also: Ostrova, Mayor Ostrova" in part


def test_to_html_empty_report() -> None:
    page = to_html(Report())
    assert "No story could be analysed." in page


def test_coverage_matrix_marks_origins(report: Report) -> None:
    story = report.stories[0]
    matrix = coverage_matrix(story.claims, story.articles, Context(report.docs))
    first = matrix.rows[0]
    # alpha and gamma share origin 0 (copied wording), beta is an independent origin
    assert [c.origin for c in first.cells] == [1, 2, 1]
    assert [c.origin for c in matrix.rows[1].cells] == [1, 0, 2]
    assert (first.support, first.independent) == (3, 2)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("5 h", (5.0, 5.0, 5.0, "h")),
        ("about 5.5 h", (5.5, 4.95, 6.05, "h")),
        ("approximately 10 people", (10.0, 9.0, 11.0, "people")),
        ("more than 6 h", (6.0, 6.0, None, "h")),
        ("at least 3 vehicle", (3.0, 3.0, None, "vehicle")),
        ("up to 40 USD", (40.0, None, 40.0, "USD")),
        ("nearly 100 km", (100.0, 90.0, 100.0, "km")),
        ("5-6 h", (5.5, 5.0, 6.0, "h")),
        ("between 2 and 4 h", (3.0, 2.0, 4.0, "h")),
        ("$2 million", (2e6, 2e6, 2e6, "USD")),
        ("1,200 troops", (1200.0, 1200.0, 1200.0, "troops")),
        ("five hours", (5.0, 5.0, 5.0, "hours")),
        ("Tuesday", None),
        ("", None),
    ],
)
def test_parse_value_reads_hedges(value: str, expected: tuple | None) -> None:
    span = parse_value(value)
    if expected is None:
        assert span is None
        return
    assert span is not None
    point, low, high, unit = expected
    assert span.point == pytest.approx(point)
    assert (span.low is None) == (low is None) and (low is None or span.low == pytest.approx(low))
    assert (span.high is None) == (high is None) and (high is None or span.high == pytest.approx(high))
    assert span.unit == unit


def test_position_span_prefers_the_extracted_value(report: Report) -> None:
    doc = report.docs[0]
    start = doc.sentences[1].start + 5
    value = Value(sentence=1, start=start, end=start + 13, text="at least five", kind="duration", amount=5,
                  unit="h", qualifier="at least", low=5.0)  # fmt: skip
    doc = ArticleDoc(article=doc.article, sentences=doc.sentences, values=(value,))
    position = Position("5 h", "five hours", doc.article.id, 1, start=start, end=start + 10)
    span = position_span(position, doc)
    assert span is not None and (span.low, span.high) == (5.0, None)


@pytest.mark.parametrize(
    ("values", "charted"),
    [(["about 5 h", "6 h"], True), (["5 h", "6 km"], False), (["5 h", "Tuesday"], False), (["5 h"], False)],
)
def test_value_chart_needs_two_numbers_in_one_unit(values: list[str], charted: bool) -> None:
    chart = value_chart([f"src{n}" for n in range(len(values))], values, [parse_value(v) for v in values])
    assert (chart is not None) == charted


def test_value_chart_open_range_reaches_the_edge() -> None:
    values = ["about 5.5 h", "more than 6 h", "4 h"]
    chart = value_chart(["a", "b", "c"], values, [parse_value(v) for v in values])
    assert chart is not None
    about, more, exact = chart.rows
    assert about.x_low < about.x_point < about.x_high and not about.exact
    assert more.open_high and more.x_high == chart.right
    assert exact.exact and exact.x_point < about.x_low


@pytest.mark.parametrize("inferred", [True, False])
def test_to_html_timeline_marks_inferred_years(report: Report, inferred: bool) -> None:
    import dataclasses

    story = report.stories[0]
    events = tuple(dataclasses.replace(e, inferred=inferred) for e in story.timeline)
    page = to_html(dataclasses.replace(report, stories=(dataclasses.replace(story, timeline=events),)))
    part = page[page.index('id="timeline-s1"') : page.index('id="entities-s1"')]
    assert ('class="inferred"' in part) is inferred
    assert ("year inferred: no source states it" in part) is inferred
