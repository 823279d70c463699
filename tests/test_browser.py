"""The brief and the web app in a real browser: Debian's Chromium driven by Playwright.

Clicking a citation must show its article with the cited sentence highlighted; the example story's
disagreements must include the talks' duration with several values. Also writes docs/screenshot.png.
"""

from __future__ import annotations

import json
import os
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from crossfact.config import Config
from crossfact.model import Report
from crossfact.render.html import to_html
from html_report import hand_report
from loadgen import serve_in_thread

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOT = Path(__file__).resolve().parent.parent / "docs" / "screenshot.png"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is absent (make browser installs it)"
    ),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        # generous timeouts: CI runs on a loaded 2-core machine, where Playwright's 30 s can run out
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, timeout=120_000)
        yield b
        b.close()


@pytest.fixture()
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(60_000)
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture(scope="module")
def example_report(models, embedder, example_dir: Path) -> Report:
    from crossfact.pipeline import run

    return run([str(example_dir)], Config(), models=models, embedder=embedder)


def _write(tmp_path: Path, report: Report) -> str:
    path = tmp_path / "brief.html"
    path.write_text(to_html(report), encoding="utf-8")
    return path.as_uri()


def _highlighted(pg) -> str:  # type: ignore[no-untyped-def]
    pg.wait_for_selector(".s.hl", state="visible")
    return pg.eval_on_selector(".s.hl", "e => e.id + '|' + e.textContent")


def _click_and_check(pg, report: Report, selector: str) -> None:  # type: ignore[no-untyped-def]
    """Click the first citation in ``selector`` and check the highlighted sentence is the cited one."""
    link = pg.locator(f"{selector} a.cite").first
    article, sentence = link.get_attribute("data-a"), int(link.get_attribute("data-s") or -1)
    link.click()
    dom_id, text = _highlighted(pg).split("|", 1)
    assert dom_id == f"a-{article}-s-{sentence}"
    assert text == report.doc(article).sentences[sentence].text
    # only the cited article is shown; the sentence is in view
    assert pg.locator(f"#art-{article}").is_visible()
    assert pg.locator("article.article:visible").count() == 1
    box = pg.locator(".s.hl").bounding_box()
    assert box is not None and 0 <= box["y"] < 900


def test_brief_citation_highlights_sentence(tmp_path: Path, page) -> None:  # type: ignore[no-untyped-def]
    report = hand_report()
    page.goto(_write(tmp_path, report))
    _click_and_check(page, report, ".summary li:nth-child(2)")
    assert "more than 6 hours" in page.locator(".s.hl").text_content()
    _click_and_check(page, report, ".timeline .event:first-child")
    assert page.locator(".s.hl").count() == 1


def test_brief_conflict_table_in_browser(tmp_path: Path, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(_write(tmp_path, hand_report()))
    conflict = page.locator(".conflict").first
    assert "duration of the repairs" in conflict.locator("h3").text_content()
    values = conflict.locator(".position .value").all_text_contents()
    assert values == ["about 5.5 h", "more than 6 h", "4 h"]
    assert conflict.locator("svg.chart circle.point").count() == 3
    assert conflict.locator("svg.chart path.arrow").count() == 1
    # the markup in an article shows as text and never runs
    assert (
        page.locator("#a-002_beta-s-2").text_content()
        == "One commuter wrote <script>alert('x')</script> on a sign."
    )


def test_brief_reads_without_javascript(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    context.set_default_timeout(60_000)
    pg = context.new_page()
    pg.goto(_write(tmp_path, hand_report()) + "#a-003_gamma-s-1")
    assert pg.locator("article.article:visible").count() == 3
    # :target highlights the sentence; the colour fades in (a CSS transition), so wait for it to settle
    deadline = time.monotonic() + 30
    while True:
        color = pg.eval_on_selector("#a-003_gamma-s-1", "e => getComputedStyle(e).backgroundColor")
        if color not in ("rgba(0, 0, 0, 0)", "transparent") or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert color not in ("rgba(0, 0, 0, 0)", "transparent")
    context.close()


@pytest.mark.models
def test_brief_example_story(tmp_path: Path, page, example_report: Report) -> None:  # type: ignore[no-untyped-def]
    page.goto(_write(tmp_path, example_report))
    _click_and_check(page, example_report, ".summary li:nth-child(1)")
    durations = [
        c
        for c in page.locator(".conflict").all()
        if "duration" in (c.locator("h3").text_content() or "").lower()
    ]
    assert durations, "the example story shows no duration conflict"
    values = {v.strip() for v in durations[0].locator(".position .value").all_text_contents()}
    assert len(values) >= 3
    assert durations[0].locator("svg.chart circle.point").count() >= 3
    # the screenshot the README shows: disagreements in view, a cited sentence highlighted beside them
    page.locator(".conflicts h2").first.scroll_into_view_if_needed()
    page.evaluate("document.querySelector('.conflicts').scrollIntoView({block: 'start'})")
    durations[0].locator(".position a.cite").first.click()
    _highlighted(page)
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 10_000


# --------------------------------------------------------------------------------------------------
# the web app on a real server
# --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory, models, embedder, example_dir: Path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    from crossfact.pipeline import ingest
    from crossfact.store import Store
    from crossfact.web import create_app

    db = tmp_path_factory.mktemp("web") / "store.db"
    with Store(db) as store:
        ingest([str(example_dir)], Config(), store, models)
    app = create_app(str(db), models=models, embedder=embedder)
    # port 0 and a start deadline that checks the thread: no port race, no hang if uvicorn cannot bind
    with serve_in_thread(app) as port:
        base = f"http://127.0.0.1:{port}"
        # ingest grouped the example into stories; the first listed (the largest) holds all five reports
        with urllib.request.urlopen(f"{base}/stories.json", timeout=120) as r:
            first = json.load(r)["stories"][0]
        assert len(first["articles"]) == 5
        # the first story request runs the analysis; do it here, with time to spare
        with urllib.request.urlopen(f"{base}/story/{first['id']}.json", timeout=600) as r:
            assert r.status == 200
        yield base


@pytest.mark.models
def test_app_story_citation_highlights_sentence(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/")
    page.click("ul.story-list a")
    page.wait_for_selector(".summary")
    link = page.locator(".summary li:nth-child(2) a.cite").first
    article, sentence = link.get_attribute("data-a"), int(link.get_attribute("data-s") or -1)
    link.click()
    dom_id, text = _highlighted(page).split("|", 1)
    assert dom_id == f"a-{article}-s-{sentence}"
    with urllib.request.urlopen(f"{server}/article/{article}.json") as r:
        import json

        doc = json.load(r)
    assert text == doc["sentences"][sentence]["text"]
    assert any("duration" in t.lower() for t in page.locator(".conflict h3").all_text_contents())


@pytest.mark.models
def test_app_search_then_article_highlight(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/")
    page.fill("input[name=q]", "Istanbul")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("ol.hits li a")
    page.locator("ol.hits li a").first.click()
    dom_id, text = _highlighted(page).split("|", 1)
    assert "istanbul" in text.lower()
    assert page.url.endswith("#" + dom_id)
    page.goto(f"{server}/search?q=%22broken")
    assert page.locator("h1").text_content() == "Bad request"
