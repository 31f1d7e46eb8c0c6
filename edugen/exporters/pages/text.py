"""Markdown and HTML: rendered from the document templates (a user's overrides first)."""

from __future__ import annotations

import base64
import dataclasses
from typing import IO

from edugen.exporters import documents
from edugen.exporters.pages.chart import mastery_svg
from edugen.exporters.pages.model import (
    ClassWeekDocument,
    Copy,
    Document,
    StudentPage,
    class_week_page,
    student_page,
)


class MarkdownFormat:
    """Markdown; the mastery chart becomes a table of its numbers (no file beside it)."""

    name = "md"
    extension = ".md"
    media_type = "text/markdown; charset=utf-8"

    def write(self, document: Document, stream: IO[bytes], *, copy: Copy) -> None:
        stream.write(_render(document, copy, "md", chart=False).encode("utf-8"))


class HtmlFormat:
    """One self-contained HTML file (styles and chart inline) with a print stylesheet."""

    name = "html"
    extension = ".html"
    media_type = "text/html; charset=utf-8"

    def write(self, document: Document, stream: IO[bytes], *, copy: Copy) -> None:
        stream.write(_render(document, copy, "html", chart=True).encode("utf-8"))


def _render(document: Document, copy: Copy, suffix: str, *, chart: bool) -> str:
    if isinstance(document, ClassWeekDocument):
        week = class_week_page(document, copy)
        if chart:
            week = dataclasses.replace(week, students=[_charted(p) for p in week.students])
        # `packet` too: what an override under the old name (class_packet.*.j2) calls it.
        return documents.render(
            f"class_week.{suffix}.j2", class_week=week, packet=week, draft=week.draft
        )
    page = student_page(document, copy)
    if chart:
        page = _charted(page)
    return documents.render(f"student_week.{suffix}.j2", page=page, draft=page.draft)


def _charted(page: StudentPage) -> StudentPage:
    svg, _, _ = mastery_svg(page.mastery)
    if not svg:
        return page
    # An image, not inline markup: a template (a user's override too) shows it as <img src>.
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return dataclasses.replace(page, chart="data:image/svg+xml;base64," + data)
