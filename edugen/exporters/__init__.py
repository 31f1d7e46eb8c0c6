"""Exporters: documents people read and packages LMSs import; every format is listed here once.

The CLI's choices, the API's query values and media types, and the weekly job's formats all
come from `FORMATS`; the writers themselves live in `pages/` (documents) and `lms/` (packages).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    """One export format: what its files are called and served as."""

    name: str
    extension: str
    media_type: str
    package: bool  # an LMS package of questions; else a document people read
    label: str = ""  # said in help next to the name, e.g. "Canvas"


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("md", ".md", "text/markdown; charset=utf-8", package=False),
        Format("html", ".html", "text/html; charset=utf-8", package=False),
        Format("pdf", ".pdf", "application/pdf", package=False),
        Format(
            "docx",
            ".docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            package=False,
        ),
        Format("qti21", ".zip", "application/zip", package=True),
        Format("qti12", ".zip", "application/zip", package=True, label="Canvas"),
        Format("moodle", ".xml", "application/xml", package=True),
        Format("gift", ".gift.txt", "text/plain; charset=utf-8", package=True),
        Format("json", ".json", "application/json", package=True),
    )
}
DOCUMENT_FORMATS = tuple(name for name, f in FORMATS.items() if not f.package)
LMS_FORMATS = tuple(name for name, f in FORMATS.items() if f.package)
# Several files of one export travel as one zip.
ZIP_MEDIA_TYPE = "application/zip"
MEDIA_TYPES = sorted({f.media_type for f in FORMATS.values()} | {ZIP_MEDIA_TYPE})


def _names(names: tuple[str, ...]) -> str:
    return ", ".join(f"{n} ({FORMATS[n].label})" if FORMATS[n].label else n for n in names)


FORMATS_HELP = f"Documents: {_names(DOCUMENT_FORMATS)}. LMS packages: {_names(LMS_FORMATS)}."
