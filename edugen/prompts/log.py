"""One model request as the prompt log keeps it: what was sent, to what, what came back."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import (
    BaseModel,
    Field,
)


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
