"""The teachers' web pages on `edugen serve`: sign in, classes, students, the review queue,
runs and downloads. Every page reads through the same store functions and review gate as
the API, scoped to the signed-in teacher's school (and classes); anything else is 404."""

from __future__ import annotations

from fastapi import FastAPI

from edugen.profiles.db import Database
from edugen.web import auth, pages, review, runs
from edugen.web.routing import router


def mount(app: FastAPI, db: Database) -> None:
    """Add the pages to an app serving `db` (its state.db); the HMAC secret is read once."""
    app.state.db = db
    app.state.web_secret = auth.load_secret()
    app.state.web_backoff = auth.Backoff()
    app.state.web_runs = {}
    app.include_router(router)


# Imported for the routes they add to the router.
__all__ = ["mount", "pages", "review", "runs"]
