"""Caps on request bodies, enforced while they stream in: size (413) and time (408).

A client that trickles its body would hold a worker as long as it likes; the body must
arrive whole within `timeout_s` of the request's start.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_MAX_BODY = 20 * 1024 * 1024
# A 20 MB upload over a slow (1 Mbit/s) school line takes under three minutes.
DEFAULT_UPLOAD_TIMEOUT = 180.0


class BodyTooLarge(Exception):
    """The body went past the cap."""


class BodyTooSlow(Exception):
    """The body did not arrive in time."""


class BodyLimit:
    """Refuses a body over `max_bytes`: at once from Content-Length, else once it gets there;
    and one still incomplete `timeout_s` after the request began."""

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int = DEFAULT_MAX_BODY,
        timeout_s: float = DEFAULT_UPLOAD_TIMEOUT,
    ):
        self.app = app
        self.max_bytes = max_bytes
        self.timeout_s = timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(send)
            return
        seen = 0
        started = False
        complete = False
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout_s

        async def limited_receive() -> Message:
            nonlocal seen, complete
            if complete:
                return await receive()  # waiting for a disconnect is not reading a body
            try:
                message = await asyncio.wait_for(receive(), max(deadline - loop.time(), 0))
            except TimeoutError:
                raise BodyTooSlow from None
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge
                complete = not message.get("more_body", False)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if started:
                raise
            await self._refuse(send)
        except BodyTooSlow:
            if started:
                raise
            await self._refuse(
                send,
                408,
                f"the request body did not arrive within {self.timeout_s:g} seconds",
            )

    async def _refuse(self, send: Send, status: int = 413, detail: str | None = None) -> None:
        detail = detail or f"the request body is larger than the limit of {self.max_bytes} bytes"
        body = json.dumps({"detail": detail}).encode()
        headers: list[Any] = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
