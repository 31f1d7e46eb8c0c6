"""Pages are server-rendered from templates/web with autoescape on: nothing a teacher,
student or model wrote is ever markup."""

from __future__ import annotations

from functools import cache
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from edugen import config
from edugen.web.auth import PRE_COOKIE, Visitor, set_cookie, visitor


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(config.resource_dir("templates") / "web")),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = lambda p: "–" if p is None else f"{round(float(p) * 100)}"
    env.filters["band"] = band
    return env


def band(p: float | None) -> str:
    """A mastery band's name (the page colours it; the number is always printed beside it)."""
    if p is None:
        return "none"
    if p >= 0.8:
        return "high"
    if p >= 0.6:
        return "mid"
    return "low"


def page(
    request: Request,
    name: str,
    status_code: int = 200,
    *,
    seen: Visitor | None = None,
    **context: Any,
) -> HTMLResponse:
    """Render a page for this request's visitor (CSRF token and teacher filled in)."""
    seen = seen or visitor(request)
    html = (
        environment()
        .get_template(name)
        .render(teacher=seen.teacher, csrf=seen.csrf, path=request.url.path, **context)
    )
    response = HTMLResponse(html, status_code=status_code)
    # Pages hold a CSRF token and student data: never cached, never framed.
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "script-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'"
    )
    if seen.new_pre is not None:
        set_cookie(request, response, PRE_COOKIE, seen.new_pre, max_age=3600)
    return response
