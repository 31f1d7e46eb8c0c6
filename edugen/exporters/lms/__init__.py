"""LMS packages for practice items: QTI 2.1, QTI 1.2 (Canvas), Moodle XML, GIFT, JSON.

Every exporter declares `name`, `extension` and `media_type` and writes items to a binary
stream (`write`), or a package of several assessments, one per student (`write_package`),
and says what a package leaves out and why (`notices`: GIFT, the items with figures);
workflows/files writes the files.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Protocol

from edugen.errors import UsageError
from edugen.exporters.lms.common import DEFAULT_TITLE, Assessment, ExportError, safe_id
from edugen.exporters.lms.gift import GiftExporter
from edugen.exporters.lms.json_export import JsonExporter
from edugen.exporters.lms.moodle import MoodleXmlExporter
from edugen.exporters.lms.qti12 import Qti12Exporter
from edugen.exporters.lms.qti21 import Qti21Exporter
from edugen.schemas import PracticeItem

__all__ = [
    "DEFAULT_TITLE",
    "Assessment",
    "ExportError",
    "LmsExporter",
    "all_exporters",
    "exporter",
    "safe_id",
]


class LmsExporter(Protocol):
    """Writes practice items in one LMS format."""

    name: str
    extension: str
    media_type: str

    def write(
        self, items: Sequence[PracticeItem], stream: IO[bytes], *, title: str = DEFAULT_TITLE
    ) -> None: ...

    def write_package(self, assessments: Sequence[Assessment], stream: IO[bytes]) -> None: ...

    def notices(self, assessments: Sequence[Assessment]) -> list[str]: ...


_EXPORTERS: dict[str, LmsExporter] = {
    e.name: e
    for e in (
        Qti21Exporter(),
        Qti12Exporter(),
        MoodleXmlExporter(),
        GiftExporter(),
        JsonExporter(),
    )
}


def all_exporters() -> tuple[LmsExporter, ...]:
    return tuple(_EXPORTERS.values())


def exporter(name: str) -> LmsExporter:
    """The exporter with this name; a UsageError naming the known ones if there is none."""
    try:
        return _EXPORTERS[name]
    except KeyError:
        known = ", ".join(_EXPORTERS)
        raise UsageError(f"unknown LMS format {name!r} (known: {known})") from None
