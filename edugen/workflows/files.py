"""Writing files: the only place workflows write to disk; atomic, and never over a file unasked.

Steps: decide what `out` names (the export's one file when it ends in the format's extension,
so `q.zip` for QTI is the package itself and `x.json` the JSON file; else one zip of every
file when it ends in .zip; else a folder) → refuse a set of names that would collide on a
case-insensitive disk → refuse to overwrite an existing file without force (then nothing at
all is written) → render → write each file through a fresh temporary file in the target
folder (created exclusively, so a planted `<name>.partial` link is never followed) and move
it into place.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from pathlib import Path

from edugen.errors import EdugenError
from edugen.workflows.export import Export, Progress, zip_bytes

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all; the temporary file is ours alone."""
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.partial")
    fd = os.open(temporary, _FLAGS, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def check_names(names: Sequence[str]) -> None:
    """Refuse names that differ only in case: on macOS or Windows one would replace another."""
    seen: dict[str, str] = {}
    for name in names:
        other = seen.setdefault(name.casefold(), name)
        if other != name or names.count(name) > 1:
            raise EdugenError(
                f"two exported files would be named alike ({other!r} and {name!r}) on a disk "
                "that ignores case; nothing was written"
            )


def out_kind(out: Path, export: Export) -> str:
    """What `out` names: "file" (the export's one file), "zip" (all files zipped) or "folder".

    A name ending in the format's extension is that file: a QTI package is a zip already,
    and a zip around it hides its manifest from every LMS. Several files cannot be one file.
    """
    extension = export.format.extension
    if out.name.casefold().endswith(extension.casefold()) and out.name != extension:
        if len(export.files) != 1:
            also = " or a .zip name" if extension != ".zip" else ""
            raise EdugenError(
                f"{out} names one {export.format.name} file, but this export makes "
                f"{len(export.files)} ({', '.join(export.names[:3])}"
                f"{', …' if len(export.files) > 3 else ''}); give a folder{also}"
                f"{', or --class for one package' if export.format.package else ''}; "
                "nothing was written"
            )
        return "file"
    return "zip" if out.suffix.lower() == ".zip" else "folder"


def refuse_overwrite(out: Path, names: Sequence[str], *, single: bool, force: bool) -> None:
    """An EdugenError naming the files that exist, unless `force`; `single`: out is a file."""
    if single:
        if out.is_dir():
            raise EdugenError(f"{out} is a folder; give a file name, or a folder without .zip")
        existing = [out] if out.exists() or out.is_symlink() else []
    else:
        if out.exists() and not out.is_dir():
            raise EdugenError(f"{out} exists and is not a folder")
        existing = [out / n for n in names if (out / n).exists() or (out / n).is_symlink()]
    if existing and not force:
        shown = ", ".join(str(p) for p in existing[:5])
        more = f" and {len(existing) - 5} more" if len(existing) > 5 else ""
        raise EdugenError(
            f"not overwriting {shown}{more}; nothing was written (pass --force to overwrite)"
        )


def write_export(
    out: Path, export: Export, *, force: bool = False, progress: Progress | None = None
) -> list[Path]:
    """Write an export into the folder `out`, as the one file `out`, or as one zip (`out_kind`)."""
    kind = out_kind(out, export)
    check_names(export.names)
    refuse_overwrite(out, export.names, single=kind != "folder", force=force)
    rendered = export.render(progress)
    if kind != "folder":
        out.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(out, rendered[0][1] if kind == "file" else zip_bytes(rendered))
        return [out]
    out.mkdir(parents=True, exist_ok=True)
    for name, data in rendered:
        write_atomic(out / name, data)
    return [out / name for name, _ in rendered]
