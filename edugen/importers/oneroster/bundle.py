"""Reading a bundle: a folder or a zip, streamed in bounded pieces, refused whole if unsafe.

Nothing inside a bundle chooses a path: only the fixed OneRoster file names are opened, a zip
member is never extracted, and every file is read through a byte limit that holds whatever
the zip's headers claim.
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from edugen.importers.common import InputProblems, text_lines

MAX_BUNDLE_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 1000
# Roster CSV compresses about 5-20 to 1; far beyond that is a decompression bomb.
MAX_RATIO = 100
RATIO_MIN_BYTES = 1024 * 1024
# Bytes inflated (or read) per step: the most a lying zip member costs before it is refused.
PIECE = 64 * 1024
READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError)

MANIFEST = "manifest.csv"
ENTITIES = ("orgs", "academicSessions", "courses", "classes", "users", "roles", "enrollments")
FILE_NAMES = (MANIFEST, *(f"{entity}.csv" for entity in ENTITIES))


class BundleTooLarge(Exception):
    """A file inflated past its limit while being read (whatever its header said)."""


class _Bounded(io.RawIOBase):
    """Reads a binary stream in bounded pieces and stops once `limit` bytes have come out.

    A zip member is inflated a piece at a time (never `read()` whole: zipfile would inflate
    the whole member in one call before cutting it to the declared size), so a member that
    lies about its size costs at most one piece of memory before it is refused.
    """

    def __init__(self, raw: IO[bytes], limit: int, why: str):
        self.raw, self.limit, self.why, self.seen = raw, limit, why, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        data = self.raw.read(min(len(view), PIECE))
        self.seen += len(data)
        if self.seen > self.limit:
            raise BundleTooLarge(self.why)
        view[: len(data)] = data
        return len(data)


@dataclass(frozen=True)
class BundleFile:
    """One known file of a bundle; `open()` streams its text (each call starts over)."""

    name: str  # as shown in problems: the member path inside a zip, or the file name
    opener: Callable[[], IO[bytes]]
    limit: int
    why: str

    @contextmanager
    def open(self) -> Iterator[Iterator[str]]:
        with self.opener() as raw:
            yield text_lines(io.BufferedReader(_Bounded(raw, self.limit, self.why), PIECE))


@contextmanager
def open_bundle(path: Path, problems: InputProblems) -> Iterator[dict[str, BundleFile]]:
    """The known files of a bundle keyed by their OneRoster name; others are ignored.

    Nothing is read yet: each file streams when parsed, so memory follows the rows kept,
    not the size of the files. A zip stays open until the parse is done.
    """
    if path.is_dir():
        yield _folder_files(path, problems)
        return
    shown = path.name
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        problems.add(
            shown, None, None, "is neither a folder nor a readable .zip file of OneRoster CSVs"
        )
        yield {}
        return
    except OSError as exc:
        problems.add(shown, None, None, f"cannot read: {exc.strerror}")
        yield {}
        return
    with archive:
        yield _zip_files(archive, shown, problems)


def _folder_files(folder: Path, problems: InputProblems) -> dict[str, BundleFile]:
    found: dict[str, BundleFile] = {}
    total = 0
    # Only fixed names are joined to the folder: nothing inside the bundle chooses a path.
    for name in FILE_NAMES:
        path = folder / name
        if path.is_symlink():
            problems.add(name, None, None, "is a symbolic link; edugen reads only plain files")
            continue
        if not path.is_file():
            continue
        try:
            total += path.stat().st_size
        except OSError as exc:
            problems.add(name, None, None, f"cannot read: {exc.strerror}")
            continue
        if total > MAX_BUNDLE_BYTES:
            problems.add(name, None, None, f"the bundle is over {_mb(MAX_BUNDLE_BYTES)}")
            break
        found[name] = BundleFile(
            name,
            _opener(path),
            MAX_BUNDLE_BYTES,
            f"the bundle is over {_mb(MAX_BUNDLE_BYTES)}",
        )
    return found


def _opener(path: Path) -> Callable[[], IO[bytes]]:
    return lambda: path.open("rb")


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[], IO[bytes]]:
    return lambda: archive.open(info)


def _zip_files(
    archive: zipfile.ZipFile, shown: str, problems: InputProblems
) -> dict[str, BundleFile]:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        problems.add(
            shown, None, None, f"has {len(infos)} members; a bundle has at most {MAX_MEMBERS}"
        )
        return {}
    total = 0
    seen: dict[str, zipfile.ZipInfo] = {}
    manifests: list[str] = []
    for info in infos:
        reason = _unsafe_member(info)
        if reason is None and info.filename in seen:
            reason = "appears twice in the zip"
        if reason is not None:
            problems.add(shown, None, None, f"member {info.filename!r} {reason}")
            continue
        seen[info.filename] = info
        total += info.file_size
        if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_RATIO * info.compress_size:
            problems.add(shown, None, None, _bomb(info))
        parts = PurePosixPath(info.filename).parts
        if parts[-1:] == (MANIFEST,) and parts[0] != "__MACOSX" and not info.is_dir():
            manifests.append(info.filename)
    if total > MAX_BUNDLE_BYTES:
        problems.add(shown, None, None, f"unpacks to more than {_mb(MAX_BUNDLE_BYTES)}")
    if len(manifests) > 1:
        problems.add(shown, None, None, f"holds more than one manifest.csv: {', '.join(manifests)}")
    if problems:
        return {}
    base = str(PurePosixPath(manifests[0]).parent) if manifests else "."
    found: dict[str, BundleFile] = {}
    for name in FILE_NAMES:
        member = name if base == "." else f"{base}/{name}"
        found_info = seen.get(member)
        if found_info is None:
            continue
        info = found_info
        # Headers can lie: the limit is counted on what actually inflates, never extracted.
        limit = min(MAX_BUNDLE_BYTES, max(RATIO_MIN_BYTES, MAX_RATIO * info.compress_size))
        found[name] = BundleFile(member, _member(archive, info), limit, _bomb(info))
    return found


def _bomb(info: zipfile.ZipInfo) -> str:
    return (
        f"member {info.filename!r} expands more than {MAX_RATIO} times its"
        f" {info.compress_size} bytes (or past {_mb(MAX_BUNDLE_BYTES)});"
        " refusing a possible zip bomb"
    )


def _unsafe_member(info: zipfile.ZipInfo) -> str | None:
    """Why a zip member is refused, or None. Names are checked even though nothing is extracted."""
    name = info.filename
    if "\\" in name:
        return "has a backslash in its path"
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return "has an absolute path"
    parts = PurePosixPath(name).parts
    if ".." in parts:
        return "has a '..' component in its path"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "is a symbolic link"
    if info.flag_bits & 0x1:
        return "is encrypted"
    # macOS adds __MACOSX/<folder>/._file resource forks when it zips a folder; harmless.
    if parts and parts[0] != "__MACOSX" and len(parts) > (1 if info.is_dir() else 2):
        return "is nested more than one folder deep"
    return None


def _mb(size: int) -> str:
    return f"{size // (1024 * 1024)} MB"
