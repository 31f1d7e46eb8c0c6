"""The documents teachers print: a student's week and a class week, in four formats.

Markdown and HTML come from the templates in templates/documents (a user's overrides
first); PDF and DOCX are built in code from the same layout. Every format declares
`name`, `extension` and `media_type` and writes to a binary stream. The student copy
never holds answers, solutions, rubrics or misconceptions; the teacher copy is the
answer key. A class week is teacher-only.

    data = render(document, format="pdf", copy="teacher")
"""

from __future__ import annotations

import importlib
import io
import re
import unicodedata
from typing import IO, Protocol

from edugen.errors import UsageError
from edugen.exporters.pages.model import (
    APPROVED,
    COPIES,
    ClassWeekDocument,
    Copy,
    Document,
    MasteryBar,
    StudentWeekDocument,
    exported_items,
)
from edugen.exporters.pages.pool import render_all

__all__ = [
    "APPROVED",
    "COPIES",
    "ClassWeekDocument",
    "Copy",
    "Document",
    "DocumentFormat",
    "MasteryBar",
    "StudentWeekDocument",
    "all_formats",
    "document_format",
    "exported_items",
    "file_name",
    "render",
    "render_all",
    "write",
]


class DocumentFormat(Protocol):
    """Writes a document (one copy of it) in one format."""

    name: str
    extension: str
    media_type: str

    def write(self, document: Document, stream: IO[bytes], *, copy: Copy) -> None: ...


# Imported on first use: PDF and DOCX pull in fpdf2, python-docx and matplotlib.
_FORMATS = {
    "md": ("edugen.exporters.pages.text", "MarkdownFormat"),
    "html": ("edugen.exporters.pages.text", "HtmlFormat"),
    "pdf": ("edugen.exporters.pages.pdf", "PdfFormat"),
    "docx": ("edugen.exporters.pages.word", "DocxFormat"),
}
FORMAT_NAMES = tuple(_FORMATS)


def document_format(name: str) -> DocumentFormat:
    """The format with this name; a UsageError naming the known ones if there is none."""
    try:
        module, attr = _FORMATS[name]
    except KeyError:
        known = ", ".join(_FORMATS)
        raise UsageError(f"unknown document format {name!r} (known: {known})") from None
    found: DocumentFormat = getattr(importlib.import_module(module), attr)()
    return found


def all_formats() -> tuple[DocumentFormat, ...]:
    return tuple(document_format(name) for name in _FORMATS)


def _copy(document: Document, copy: Copy | None) -> Copy:
    if isinstance(document, ClassWeekDocument):
        if copy not in (None, "teacher"):
            raise UsageError("a class week is for the teacher only; there is no student copy")
        return "teacher"
    if copy is None:
        return "student"
    if copy not in COPIES:
        raise UsageError(f"copy must be student or teacher, not {copy!r}")
    return copy


def write(document: Document, stream: IO[bytes], *, format: str, copy: Copy | None = None) -> None:
    """Write one copy of a document to a binary stream (a student week's default: student)."""
    document_format(format).write(document, stream, copy=_copy(document, copy))


def render(document: Document, *, format: str, copy: Copy | None = None) -> bytes:
    """One copy of a document as bytes (a student week's default copy: the student's)."""
    out = io.BytesIO()
    write(document, out, format=format, copy=copy)
    return out.getvalue()


_UNSAFE = re.compile(r"[^a-z0-9]+")


def file_name(document: Document, *, format: str, copy: Copy | None = None) -> str:
    """A safe file name: 'amara-2026-W49-student.pdf', '6a-maths-2026-W49-class-week.docx'.

    Built from letters and digits only: a name someone typed is never used as a path.
    """
    which = _copy(document, copy)
    if isinstance(document, ClassWeekDocument):
        stem, suffix = document.class_title, "class-week"
    else:
        stem, suffix = document.student_name, "answer-key" if which == "teacher" else "student"
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().lower()
    slug = _UNSAFE.sub("-", ascii_stem).strip("-")[:40].strip("-") or "document"
    week = _UNSAFE.sub("-", document.week.lower()).strip("-").upper() or "week"
    return f"{slug}-{week}-{suffix}{document_format(format).extension}"
