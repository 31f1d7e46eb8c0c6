"""Where edugen keeps its data and finds its bundled files."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal, TypeVar

import platformdirs
from pydantic import BaseModel, Field, ValidationError

from edugen.errors import ConfigError

S = TypeVar("S", bound=BaseModel)
PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The data directory: EDUGEN_HOME, else the platform's user data dir. Created on demand."""
    raw = os.environ.get("EDUGEN_HOME")
    path = (
        Path(raw).expanduser()
        if raw
        else Path(platformdirs.user_data_dir("edugen", appauthor=False))
    )
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create the data directory {path}: {exc.strerror}") from exc
    return path


def database_url(explicit: str | None = None) -> str:
    """--db, else EDUGEN_DATABASE_URL, else a SQLite file in the data dir."""
    url = explicit or os.environ.get("EDUGEN_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{data_dir() / 'edugen.db'}"


def resource_dir(name: str) -> Path:
    """A top-level folder shipped with edugen (templates, migrations).

    In a checkout it sits beside the package; an installed wheel carries it inside the
    package under _resources/ (see pyproject's force-include).
    """
    for candidate in (PACKAGE_DIR / "_resources" / name, PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise ConfigError(f"edugen's {name}/ folder is missing from this installation")


class GenerateSettings(BaseModel):
    """[generate] in EDUGEN_HOME/edugen.toml: what a week's generation makes and with what."""

    model_config = {"extra": "forbid"}

    # Questions a student gets a week; unset, as many as the week's practice minutes hold
    # (content.plans.question_count), from questions_min to questions_max.
    questions: int | None = Field(default=None, ge=0, le=100)
    questions_min: int = Field(default=5, ge=0, le=100)
    questions_max: int = Field(default=30, ge=1, le=100)
    resources: int = Field(default=3, ge=0, le=10)
    # An item (or a near-duplicate) served in these many weeks before is not served again.
    no_repeat_weeks: int = Field(default=6, ge=0, le=104)
    # scene: a lead-in sentence before the verified question; retell: the whole question
    # retold, numbers checked (for larger models); plain: none. Unset: the backend's own
    # default (plain on the built-in model, whose scenes the checks rarely keep; else scene).
    framing: Literal["scene", "retell", "plain"] | None = None
    # model: the model writes notes, resources' reasons and the class sentence, checked,
    # with the plain text as fallback; plain: the plain text only. Unset: the backend's
    # default (plain on the built-in model, whose accepted notes were still mostly false).
    texts: Literal["model", "plain"] | None = None
    # solution: the verified worked solution's first step (or a pointer to the method)
    # for every item; model: the model writes each hint, checked, with that as fallback;
    # off: no hints. The built-in model's hints were mostly wrong mathematics that passed
    # every check (BENCHMARKS.md), so a model writes hints only when chosen.
    hints: Literal["model", "solution", "off"] = "solution"
    # A topic no item family or bank item covers gets whole questions written by the
    # model, checked for form and stored unverified. Off by default: meant for a larger
    # model than the built-in one.
    model_items: bool = False
    # Tries per scene or framing before the plain fallback, and per hint, resource
    # rationale or note (each try costs a whole prompt; those texts have good fallbacks).
    attempts: int = Field(default=3, ge=1, le=10)
    text_attempts: int = Field(default=2, ge=1, le=10)
    backend: str = "transformers"
    backend_options: dict[str, Any] = Field(default_factory=dict)
    study_days: int = Field(default=5, ge=1, le=7)


def section(section: str, model: type[S]) -> S:
    """[section] of EDUGEN_HOME/edugen.toml read into `model` (its defaults if absent).

    Generic, so each stage declares its own settings type (e.g. the planner's PlannerSettings)
    and this leaf module never imports a stage above it.
    """
    path = data_dir() / "edugen.toml"
    if not path.exists():
        return model()
    try:
        with path.open("rb") as handle:
            table = tomllib.load(handle).get(section, {})
        return model.model_validate(table)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"{path}: [{section}] {field}: {first['msg']}") from exc


def generate_settings() -> GenerateSettings:
    """Generation settings: defaults, changed by [generate] in EDUGEN_HOME/edugen.toml."""
    return section("generate", GenerateSettings)


class WorkersSettings(BaseModel):
    """[workers] in EDUGEN_HOME/edugen.toml: the queue a district's weekly run goes through."""

    model_config = {"extra": "forbid"}

    # amqp://… (RabbitMQ) or redis://…; EDUGEN_BROKER_URL wins over it.
    broker_url: str | None = None
    # The durable queue: districts (or test runs) sharing one broker each name their own.
    queue: str = Field(default="edugen", pattern=r"^[A-Za-z0-9_.-]{1,100}$")
    # Students per task: a class larger than this is split into batches of it.
    batch_size: int = Field(default=16, ge=1, le=200)
    # Tasks of one run queued or running at once; the rest wait in the run record.
    max_in_flight: int = Field(default=8, ge=1, le=10_000)
    # A model server that does not answer: tries, and the first wait (doubled each time).
    model_retries: int = Field(default=5, ge=0, le=50)
    retry_backoff_s: float = Field(default=10.0, ge=0.0, le=3600.0)
    retry_backoff_max_s: float = Field(default=600.0, ge=0.0, le=86_400.0)


def workers_settings() -> WorkersSettings:
    """Queue settings: defaults, changed by [workers] in edugen.toml, the broker by env."""
    settings = section("workers", WorkersSettings)
    url = os.environ.get("EDUGEN_BROKER_URL")
    return settings.model_copy(update={"broker_url": url}) if url else settings
