"""The backend interface every model runner implements, and the registry that finds them.

A backend takes a batch of requests and returns one result per request, in order. Each
backend declares a typed `Options` model that rejects unknown keys. Built-in backends
register through the same entry-point group (`edugen.backends`) a plugin package uses.
"""

from __future__ import annotations

import abc
from collections.abc import Sequence
from importlib.metadata import entry_points
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from edugen.errors import ConfigError, UsageError

ENTRY_POINT_GROUP = "edugen.backends"


class Message(BaseModel):
    role: Literal["system", "user", "assistant"]
    content: str


class GenerationRequest(BaseModel):
    """One prompt: chat messages, an optional JSON schema the output must follow, sampling."""

    messages: list[Message]
    json_schema: dict[str, Any] | None = None
    max_tokens: int = Field(default=256, ge=1, le=4096)
    temperature: float = Field(default=0.7, ge=0.0, le=2.0)
    seed: int = 0


class GenerationResult(BaseModel):
    """What came back for one request. `error` is set when this request failed."""

    text: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_ms: float = 0.0
    finish_reason: str = "stop"
    error: str | None = None


class BackendOptions(BaseModel):
    """Base of every backend's options: unknown keys are an error, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Backend(abc.ABC):
    """A model runner. Subclasses set `name` and `Options` and implement `generate`."""

    name: ClassVar[str]
    Options: ClassVar[type[BackendOptions]] = BackendOptions

    def __init__(self, options: BackendOptions | None = None):
        self.options = options if options is not None else self.Options()

    @property
    @abc.abstractmethod
    def model_name(self) -> str:
        """The model as the prompt log records it."""

    def refuses(self, template: str) -> str | None:
        """Why this backend will not write `template`'s texts (their plain form stands), or
        None. Every backend writes every text unless it says otherwise."""
        return None

    @abc.abstractmethod
    def generate(self, requests: Sequence[GenerationRequest]) -> list[GenerationResult]:
        """One result per request, in order; a failed request gets a result with `error`."""

    @property
    def default_framing(self) -> str:
        """How questions are framed when nothing says: a scene written by the model."""
        return "scene"

    @property
    def default_texts(self) -> str:
        """Who writes notes, reasons and the class sentence when nothing says: the model."""
        return "model"

    def close(self) -> None:  # noqa: B027 - an optional hook; most backends hold nothing
        """Release what the backend holds (models, connections)."""


def available() -> dict[str, type[Backend]]:
    """Every registered backend by name (built-ins and plugins alike)."""
    found: dict[str, type[Backend]] = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        found[ep.name] = ep.load()
    return found


def create(name: str, options: dict[str, Any] | None = None) -> Backend:
    """The backend called `name`, with options validated by its Options model."""
    backends = available()
    if name not in backends:
        raise UsageError(f"unknown backend {name!r}; available: {', '.join(sorted(backends))}")
    cls = backends[name]
    try:
        parsed = cls.Options.model_validate(options or {})
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "options"
        raise ConfigError(f"backend {name!r}: {field}: {first['msg']}") from exc
    return cls(parsed)
