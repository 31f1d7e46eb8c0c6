"""One model request as the prompt log keeps it: what was sent, to what, what came back."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Literal

from pydantic import (
    BaseModel,
    Field,
)

from edugen.backends.base import Message


class LogEntry(BaseModel):
    """One request as the prompt log keeps it: what was sent, to what, and what came back."""

    template: str
    template_hash: str
    backend: str
    model: str
    options: dict[str, Any] = Field(default_factory=dict)
    seed: int | None = None
    prompt: str
    output: str | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    latency_ms: float | None = None
    outcome: Literal["accepted", "invalid", "error"]


class LogRecord(LogEntry):
    """A stored prompt log entry."""

    id: int
    run_id: int | None = None
    created_at: datetime


_ROLE_LINE = re.compile(r"^\[(system|user|assistant)\]\n", re.MULTILINE)


def logged_messages(prompt: str) -> list[Message]:
    """A logged prompt's messages again: the inverse of `RenderedPrompt.text()`."""
    marks = list(_ROLE_LINE.finditer(prompt))
    if not marks or marks[0].start() != 0:
        raise ValueError("not a logged chat prompt: it does not open with a [role] line")
    out = []
    for mark, after in zip(marks, [*marks[1:], None], strict=True):
        end = after.start() - 2 if after is not None else len(prompt)  # the "\n\n" between
        role: Literal["system", "user", "assistant"] = mark.group(1)  # type: ignore[assignment]
        out.append(Message(role=role, content=prompt[mark.end() : end]))
    return out
