"""Helpers every ingest format shares: text cleaning, ids, dates and language.

Pure functions; nothing here reads files or touches the network.
"""

from __future__ import annotations

import logging
import re
import time
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from crossfact.model import content_id

log = logging.getLogger(__name__)

# C0 controls except tab and newline, DEL, C1 controls, and invisible format characters
# (zero-width space and joiners, BOM) that break tokenisation and offsets.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x84\x86-\x9f\u200b\u200e\u200f\ufeff\ufffe]")
# Everything Python's str.splitlines() treats as a line break; unified to "\n" so that offsets
# computed downstream on "\n"-split text agree with ours.
_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def clean_text(text: str) -> str:
    """``text`` with line breaks unified to ``\\n`` and NUL/control/invisible characters removed.

    Tabs and newlines are kept; everything else printable is kept verbatim.
    """
    text = _BREAKS.sub("\n", text)
    return _CONTROL.sub("", text)


def normalize_date(value: Any) -> str | None:
    """An ISO ``YYYY-MM-DD`` date from a metadata value, or None when it is not a date.

    Accepts ``date``/``datetime`` objects, ``time.struct_time`` (feedparser), ISO strings
    (``2024-01-31``, ``2024-01-31T09:30:00Z``) and messy written forms ("January 31, 2024",
    "Wed, 31 Jan 2024 09:30:00 GMT"), the latter through dateparser, which never fetches anything.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        try:
            return date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
        except ValueError:
            return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 80:
        return None
    m = _ISO_DATE.search(text)
    if m and m.start() == 0:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    return _dateparse(text)


@lru_cache(maxsize=1024)
def _dateparse(text: str) -> str | None:
    # A written date without digits ("yesterday", "Monday") is relative to an unknown day: not metadata.
    if not re.search(r"\d", text):
        return None
    try:
        import dateparser
    except ImportError:  # pragma: no cover - dateparser is a pinned dependency
        return None
    try:
        parsed = dateparser.parse(
            text,
            settings={
                "RETURN_AS_TIMEZONE_AWARE": False,
                "PREFER_DAY_OF_MONTH": "first",
                "STRICT_PARSING": False,
            },
        )
    except Exception as exc:  # dateparser raises assorted errors on odd strings
        log.debug("dateparser failed on %r: %s", text, exc)
        return None
    if parsed is None or not 1800 <= parsed.year <= 2200:
        return None
    return parsed.date().isoformat()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language (py3langid), or None for text too short to tell."""
    # the opening 1,000 characters tell the language as well as the whole text, at a fraction of the cost
    sample = text[:1000]
    if len(re.findall(r"\w+", sample)) < 3:
        return None
    try:
        import py3langid
    except ImportError:  # pragma: no cover - py3langid is a pinned dependency
        return None
    try:
        lang, _score = py3langid.classify(sample)
    except Exception as exc:  # pragma: no cover - defensive: never stop a batch on this
        log.debug("language identification failed: %s", exc)
        return None
    return str(lang)


def article_id(*keys: str | None, fallback: str) -> str:
    """A stable article id: the hash of the first non-empty key (guid, URL), else of ``fallback``."""
    for key in keys:
        if key and key.strip():
            return content_id(key.strip())
    return content_id(fallback)


def one_line(text: str, limit: int = 160) -> str:
    """``text`` on one line, cut to ``limit`` characters (for skip reasons and log messages)."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
