"""A report as one self-contained HTML file: the brief a reader opens offline in any browser.

Inline CSS and JavaScript only: no CDN, font, image or any other outside reference. The page reads without
JavaScript (citations are ``#`` links to the sentence, highlighted by CSS ``:target``); the script adds
article tabs and click-to-highlight. Templates are Jinja2 with autoescape on, so article text, titles and
outlets always show as text, never as markup.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from crossfact.model import Report
from crossfact.render.htmlview import Context, article_views, story_view

__all__ = ["TEMPLATE_DIR", "assets", "template_env", "to_html"]

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"


def template_env(extra_dirs: Sequence[str | Path] = ()) -> Environment:
    """A Jinja2 environment with autoescape on, looking in ``extra_dirs`` first, then the brief's templates.

    The web app passes its own template folder so its pages can import the brief's macros.
    """
    loader = FileSystemLoader([*(str(d) for d in extra_dirs), str(TEMPLATE_DIR)])
    return Environment(
        loader=loader,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@functools.cache
def assets() -> dict[str, Markup]:
    """The brief's stylesheet and script, read once, as markup to inline in a page."""
    # our own files, trusted: Markup keeps autoescape from turning their > and && into entities
    css = (TEMPLATE_DIR / "brief.css").read_text(encoding="utf-8")
    js = (TEMPLATE_DIR / "brief.js").read_text(encoding="utf-8")
    return {"css": Markup(css), "js": Markup(js)}


@functools.cache
def _env() -> Environment:
    return template_env()


def brief_context(report: Report) -> dict[str, Any]:
    """The template data of a report's brief: its stories, articles and skipped inputs."""
    from crossfact import __version__

    ctx = Context(report.docs)
    stories = [story_view(s, ctx) for s in report.stories]
    title = " · ".join(v.title for v in stories) if stories else "crossfact report"
    return {
        "title": title,
        "version": __version__,
        "stories": stories,
        "articles": article_views(report.docs, ctx),
        "skipped": report.skipped,
        **assets(),
    }


def to_html(report: Report) -> str:
    """The report as one self-contained HTML page (a string), readable offline.

    Args:
        report: the analysis result; its stories cite sentences of ``report.docs``.

    Returns:
        An HTML5 document: per story the summary with citation links, disagreements side by side (with a
        chart for numeric ones), a coverage matrix of statements by articles, quotes by speaker, a timeline
        and the entities with their aliases; beside them the articles, every sentence an element with id
        ``a-<article>-s-<n>``.
    """
    return _env().get_template("brief.html").render(**brief_context(report))
