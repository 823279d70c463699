"""Renderers: a :class:`~crossfact.model.Report` to Markdown, JSON or HTML text (pure functions)."""

from __future__ import annotations

from crossfact.render.html import to_html
from crossfact.render.jsonfmt import to_json
from crossfact.render.markdown import to_markdown

__all__ = ["to_html", "to_json", "to_markdown"]
