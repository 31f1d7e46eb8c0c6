"""LoRA adapters in the data directory: where they live, what they were tuned on, which is
active, and applying one to a loaded model.

An adapter is `<data dir>/adapters/<name>/`: PEFT's `adapter_config.json` and
`adapter_model.safetensors`, and `edugen-adapter.json`, written last, so an adapter without
it is unfinished. The metadata names the base model's hash (`model_files.base_sha256`); an
adapter is applied only to that base. The active adapter of a data directory is the name in
`adapters/.active` (`edugen model use`). Applying merges the LoRA weights into the model
once (`merge_and_unload`), so generation runs an ordinary model, as fast as without one.
"""

from __future__ import annotations

import json
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from edugen.backends import model_files
from edugen.backends.model_files import ModelSource
from edugen.config import data_dir
from edugen.errors import ConfigError, NotFoundError, UsageError

META_FILE = "edugen-adapter.json"
ACTIVE_FILE = ".active"
CHECKPOINT_DIR = "checkpoint"
# The option value that asks for the base model alone, even when an adapter is active.
NONE = "none"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


@dataclass(frozen=True)
class Adapter:
    """A finished adapter and its metadata."""

    name: str
    path: Path
    meta: dict[str, Any]

    @property
    def base_sha256(self) -> str:
        return str(self.meta.get("base_sha256", ""))

    @property
    def templates(self) -> tuple[str, ...] | None:
        """The prompt templates it was tuned on; None: not known (an examples file)."""
        learned = self.meta.get("templates")
        return tuple(learned) if isinstance(learned, list) else None

    def describe(self) -> dict[str, Any]:
        """What `edugen model info` shows of it."""
        return {
            "name": self.name,
            "path": str(self.path),
            "base_model": self.meta.get("base_model"),
            "base_sha256": self.base_sha256,
            "steps": self.meta.get("steps"),
            "examples": self.meta.get("examples"),
            "templates": self.meta.get("templates"),
            "created_at": self.meta.get("created_at"),
        }


def root() -> Path:
    return data_dir() / "adapters"


def check_name(name: str) -> str:
    if name == NONE or not _NAME.match(name):
        raise UsageError(
            f"{name!r} is not an adapter name: letters, digits, '.', '_' and '-', "
            f"at most 64, not {NONE!r}"
        )
    return name


def folder(name: str) -> Path:
    return root() / check_name(name)


def names() -> list[str]:
    """Every finished adapter of this data directory."""
    if not root().is_dir():
        return []
    return sorted(p.name for p in root().iterdir() if (p / META_FILE).is_file())


def get(name: str) -> Adapter:
    """The finished adapter `name`, or a clear error saying what there is."""
    path = folder(name)
    meta_path = path / META_FILE
    if not meta_path.is_file():
        if (path / CHECKPOINT_DIR).is_dir():
            raise ConfigError(
                f"adapter {name!r} is not finished (its tuning stopped at a checkpoint); "
                f"run `edugen model tune --out {name}` again to finish it"
            )
        known = ", ".join(names()) or "none yet; make one with `edugen model tune`"
        raise NotFoundError(f"no adapter named {name!r} in {root()} (adapters: {known})")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"adapter {name!r}: cannot read {meta_path}: {exc}") from exc
    return Adapter(name, path, meta)


def active_name() -> str | None:
    """The adapter `edugen model use` chose for this data directory, if any."""
    path = root() / ACTIVE_FILE
    if not path.is_file():
        return None
    name = path.read_text(encoding="utf-8").strip()
    return name or None


def set_active(name: str | None) -> None:
    """Make `name` the active adapter (None: none); written atomically."""
    path = root() / ACTIVE_FILE
    if name is None:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f"{ACTIVE_FILE}.tmp-{os.getpid()}")
    temp.write_text(name + "\n", encoding="utf-8")
    os.replace(temp, path)


def chosen(option: str | None) -> Adapter | None:
    """The adapter a backend option names: NONE for none, unset for the active one."""
    if option == NONE:
        return None
    if option:
        return get(option)
    name = active_name()
    if name is None:
        return None
    try:
        return get(name)
    except NotFoundError as exc:
        raise NotFoundError(
            f"{exc}; it was the active adapter: choose another with `edugen model use`, "
            "or none with `edugen model use --none`"
        ) from exc


def check_base(adapter: Adapter, source: ModelSource) -> None:
    """Refuse an adapter tuned on another base model."""
    have = model_files.base_sha256(source)
    if adapter.base_sha256 != have:
        tuned_on = adapter.meta.get("base_model") or "another model"
        raise ConfigError(
            f"adapter {adapter.name!r} was tuned on {tuned_on} "
            f"(sha256 {adapter.base_sha256[:12] or '?'}), not on {source.name} "
            f"(sha256 {have[:12]}); choose the model it was tuned on, another adapter, "
            f"or none (`edugen model use --none`, or --adapter {NONE})"
        )


def apply(model: Any, adapter: Adapter) -> Any:
    """`model` with the adapter's LoRA weights merged in (an ordinary model again)."""
    try:
        from peft import PeftModel
    except ImportError as exc:
        raise ConfigError(f"applying an adapter needs peft ({exc}): pip install peft") from exc
    try:
        with warnings.catch_warnings():  # peft asks transformers a deprecated question
            warnings.simplefilter("ignore", FutureWarning)
            tuned = PeftModel.from_pretrained(model, str(adapter.path), is_trainable=False)
    except (OSError, ValueError, RuntimeError) as exc:
        raise ConfigError(f"adapter {adapter.name!r} cannot be loaded: {exc}") from exc
    merged = tuned.merge_and_unload()
    merged.eval()
    return merged
