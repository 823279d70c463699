"""The local web app: ``create_app(db_path)`` (a Starlette app) and ``serve(db_path, host, port)``."""

from __future__ import annotations

from crossfact.web.app import create_app, serve

__all__ = ["create_app", "serve"]
