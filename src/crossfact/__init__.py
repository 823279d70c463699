"""crossfact: what news sources agree on, where they differ, and who said what.

The public API: ingest files into :class:`Article` objects, run the per-article NLP, analyse a story
across articles, and render or store the result.
"""

from __future__ import annotations

from crossfact.config import Config
from crossfact.errors import ConfigError, CrossfactError, InputError, StoreError
from crossfact.model import (
    Article,
    ArticleDoc,
    Claim,
    Conflict,
    Entity,
    Quote,
    Report,
    Skipped,
    Story,
)

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ArticleDoc",
    "Claim",
    "Config",
    "ConfigError",
    "Conflict",
    "CrossfactError",
    "Entity",
    "InputError",
    "Quote",
    "Report",
    "Skipped",
    "StoreError",
    "Story",
    "__version__",
]
