"""Where edugen keeps its data and finds its bundled files."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from pydantic import ValidationError

from edugen.errors import ConfigError

if TYPE_CHECKING:
    from edugen.planner.picks import PlannerSettings

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


def planner_settings() -> PlannerSettings:
    """Planner settings: defaults, changed by [planner] in EDUGEN_HOME/edugen.toml if present."""
    from edugen.planner.picks import PlannerSettings

    path = data_dir() / "edugen.toml"
    if not path.exists():
        return PlannerSettings()
    try:
        with path.open("rb") as handle:
            table = tomllib.load(handle).get("planner", {})
        return PlannerSettings.model_validate(table)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"{path}: [planner] {field}: {first['msg']}") from exc
