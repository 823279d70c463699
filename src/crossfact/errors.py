"""The errors crossfact raises. Library code raises these; only the CLI turns them into messages."""

from __future__ import annotations


class CrossfactError(Exception):
    """Base class of every error crossfact raises on purpose."""


class InputError(CrossfactError):
    """One input (file, URL, feed entry) cannot be read as news: empty, binary, undecodable, too large,
    malformed or of an unknown shape. The message is one line naming the reason; ``source`` names the input.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class StoreError(CrossfactError):
    """The SQLite store cannot be opened or written (read-only, full disk, not a crossfact database)."""


class ConfigError(CrossfactError, ValueError):
    """A wrong argument or setting; the message names the bad value and what would be valid."""
