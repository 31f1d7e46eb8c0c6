"""The pages' router, whose routes answer in HTML: not signed in → /login, a bad CSRF
token → 403, not found (or another school's) → 404, refused input → the reason."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse
from fastapi.routing import APIRoute

from edugen.errors import EdugenError, InputError, NotFoundError, UsageError
from edugen.web.auth import CsrfRefused, NotSignedIn
from edugen.web.render import page


class PageRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def answer(request: Request) -> Response:
            try:
                return await handler(request)
            except NotSignedIn:
                target = "/login"
                if request.method == "GET" and request.url.path != "/":
                    target += "?next=" + quote(request.url.path, safe="/")
                return RedirectResponse(target, status_code=303)
            except CsrfRefused as exc:
                return page(request, "error.html", 403, title="Refused", message=str(exc))
            except NotFoundError as exc:
                return page(request, "error.html", 404, title="Not found", message=str(exc))
            except InputError as exc:
                text = "; ".join(p.message for p in exc.problems) or str(exc)
                return page(request, "error.html", 422, title="Not saved", message=text)
            except UsageError as exc:
                return page(request, "error.html", 400, title="Not done", message=str(exc))
            except EdugenError as exc:
                return page(request, "error.html", 409, title="Not done", message=str(exc))

        return answer


router = APIRouter(route_class=PageRoute, include_in_schema=False)
