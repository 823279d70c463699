"""The JSON report: contract ``crossfact.report/1`` (schema, articles with sentences, stories, skipped)."""

from __future__ import annotations

import json

from crossfact.model import Report


def to_json(report: Report) -> str:
    """The report as an indented JSON document (UTF-8 text kept as is, not \\u-escaped)."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
