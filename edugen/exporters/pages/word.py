"""DOCX, built in code with python-docx, for teachers who edit before they print."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import cache
from typing import IO

from docx import Document as new_document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from edugen.content.accommodations import BODY_PT, large_print_pt
from edugen.exporters.documents import safe_url
from edugen.exporters.pages.chart import mastery_png
from edugen.exporters.pages.figures import figure_png, power_parts, width_mm
from edugen.exporters.pages.model import (
    DRAFT_MARK,
    ClassPacketDocument,
    ClassPage,
    Copy,
    Document,
    Question,
    StudentPage,
    class_page,
    student_page,
)
from edugen.schemas import Figure

MUTED = RGBColor(0x55, 0x55, 0x55)
BLUE = RGBColor(0x2B, 0x5D, 0x9C)
RED = RGBColor(0xA4, 0x26, 0x2C)
HEAD_FILL = "E8EEF6"
KEY_FILL = "FBF1F1"
WORK_FILL = "FFFFFF"


class DocxFormat:
    """Word (DOCX); DRAFT documents carry a header on every page."""

    name = "docx"
    extension = ".docx"
    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    def write(self, document: Document, stream: IO[bytes], *, copy: Copy) -> None:
        doc = _new(draft=document.draft)
        if isinstance(document, ClassPacketDocument):
            packet = class_page(document, copy)
            doc.core_properties.title = packet.title
            _packet(doc, packet)
        else:
            page = student_page(document, copy)
            doc.core_properties.title = page.title
            _student(doc, page, level=1)
            if page.large_print:
                _large_print(doc)
        out = io.BytesIO()
        doc.save(out)
        stream.write(_stable_zip(out.getvalue()))


def _stable_zip(data: bytes) -> bytes:
    """The package again with fixed entry times: the same document gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info))
    return out.getvalue()


def _new(*, draft: bool) -> DocxDocument:
    doc = new_document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(215.9), Mm(279.4)  # US Letter
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(16))
    section.top_margin, section.bottom_margin = Mm(15), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(4)
    # No "now" in the file: the same document gives the same bytes.
    props = doc.core_properties
    props.author = "edugen"
    props.created = props.modified = datetime(2000, 1, 1, tzinfo=UTC)
    props.last_modified_by = "edugen"
    props.revision = 1
    if draft:
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = header.add_run(DRAFT_MARK.upper())
        run.bold = True
        run.font.color.rgb = RED
        run.font.size = Pt(10)
    return doc


@cache
def _style_id(name: str, kind: WD_STYLE_TYPE) -> str | None:
    """A built-in style's id as python-docx sets it (None for the default style).

    python-docx looks a style up by name, and checks it against the default, on every
    paragraph, scanning the template's 160 styles each time; every document here starts
    from the same template, so each id is looked up once per process.
    """
    found: str | None = new_document().part.get_style_id(name, kind)
    return found


def _styled(container: DocxDocument | _Cell, text: str, style: str) -> Paragraph:
    """`container.add_paragraph(text, style=style)`, the style set by its id."""
    p = container.add_paragraph(text)
    p._p.style = _style_id(style, WD_STYLE_TYPE.PARAGRAPH)
    return p


def _heading(doc: DocxDocument, text: str, level: int) -> Paragraph:
    """`doc.add_heading(text, level)`, the style set by its id."""
    return _styled(doc, text, f"Heading {level}")


def _table_style(table: Table) -> None:
    """`table.style = "Table Grid"`, set by its id."""
    table._tbl.tblStyle_val = _style_id("Table Grid", WD_STYLE_TYPE.TABLE)


def _packet(doc: DocxDocument, packet: ClassPage) -> None:
    _heading(doc, f"{packet.class_title} — week of {packet.dates}", 1)
    students = f"{packet.student_count} student{'s' if packet.student_count != 1 else ''}"
    _muted(doc.add_paragraph(), f"{packet.week} · {students} · ")
    _label(doc.paragraphs[-1], "TEACHER PACKET", RED)
    _heading(doc, "Class summary", 2)
    if packet.summary:
        _note(doc, packet.summary)
    if packet.next_steps:
        p = doc.add_paragraph()
        p.add_run("Next steps: ").bold = True
        p.add_run(packet.next_steps)
    if packet.topics:
        _heading(doc, "Topics this week", 3)
        _table(
            doc,
            ["Topic", "Students"],
            [[r.label, r.value] for r in packet.topics],
            [150, 30],
            right=[1],
        )
    _heading(doc, "Small groups", 2)
    if packet.groups:
        _table(
            doc,
            ["Topic", "Students", "Focus"],
            [[g.title, g.students, g.focus] for g in packet.groups],
            [45, 45, 94],
        )
    else:
        _muted(doc.add_paragraph(), "No small groups this week.")
    if packet.stuck:
        _heading(doc, "Stuck", 3)
        _table(
            doc,
            ["Student", "Stuck on", "Back to", "Misses"],
            [[s.name, s.topic, s.prerequisite, str(s.misses)] for s in packet.stuck],
            [40, 60, 60, 24],
            right=[3],
        )
    if packet.mistakes:
        _heading(doc, "Common mistakes", 3)
        _table(
            doc,
            ["Topic", "Misconception", "Students", "Answers"],
            [[m.topic, m.misconception, str(m.students), str(m.answers)] for m in packet.mistakes],
            [50, 84, 25, 25],
            right=[2, 3],
        )
    for page in packet.students:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _student(doc, page, level=2)


def _student(doc: DocxDocument, page: StudentPage, *, level: int) -> None:
    _heading(doc, f"{page.name} — week of {page.dates}", 1)
    parts = [p for p in (page.class_title, page.week, f"{page.minutes_per_day} minutes a day") if p]
    p = doc.add_paragraph()
    _muted(p, " · ".join(parts) + " · ")
    if page.teacher:
        _label(p, "ANSWER KEY — TEACHER COPY", RED)
    else:
        _label(p, "STUDENT COPY" + (" — LARGE PRINT" if page.large_print else ""), BLUE)
    if page.accommodations:
        doc.add_paragraph().add_run("Accommodations:").bold = True
        for a in page.accommodations:
            _styled(doc, a, "List Bullet")
    if page.draft and level > 1:
        _label(doc.add_paragraph(), DRAFT_MARK.upper(), RED)
    if page.summary:
        _note(doc, page.summary)

    sub = 2
    _heading(doc, "Plan" if page.teacher else "Your plan", sub)
    rows = []
    for day in page.days:
        tasks = "\n".join(
            f"{t.kind}: {t.title} ({t.minutes} min)" + (f" — {t.questions}" if t.questions else "")
            for t in day.tasks
        )
        rows.append([f"{day.name}\n{day.date}", tasks or "Nothing planned", str(day.minutes)])
    _table(doc, ["Day", "What to do", "Minutes"], rows, [28, 134, 22], right=[2])

    if page.questions:
        _heading(doc, "Practice questions", sub)
        for q in page.questions:
            _question(doc, q, teacher=page.teacher)
    if page.left_out:
        more = "s" if page.left_out != 1 else ""
        _muted(
            doc.add_paragraph(),
            f"{page.left_out} more question{more} will come once your teacher has checked them.",
        )

    if page.resources:
        _heading(doc, "Recommended resources", sub)
        for r in page.resources:
            p = _styled(doc, "", "List Bullet")
            url = safe_url(r.url)
            if url:
                _hyperlink(p, r.title, url)
            else:
                p.add_run(r.title).bold = True
            _muted(p, f" ({r.topic_title})")
            if r.why:
                p.add_run("\n" + r.why)
            if page.teacher and r.reason:
                _muted(p, "\nWhy chosen: " + r.reason).italic = True
            _muted(p, "\n" + r.url).font.size = Pt(8.5)

    if page.bars:
        _heading(doc, "Progress" if page.teacher else "How you are doing", sub)
        png = mastery_png(page.mastery)
        if png:
            doc.add_picture(io.BytesIO(png), width=Mm(165))
        _table(
            doc,
            ["Topic", "Last week", "This week", "Change"],
            [[b.title, b.last, b.now, b.change] for b in page.bars],
            [100, 28, 28, 28],
            right=[1, 2, 3],
        )

    if page.teacher and page.changes:
        _heading(doc, "What changed since last week", sub)
        for c in page.changes:
            p = _styled(doc, "", "List Bullet")
            p.add_run(c.title).bold = True
            p.add_run(f" — {c.change}: {c.why}")


def _question(doc: DocxDocument, q: Question, *, teacher: bool) -> None:
    p = doc.add_paragraph()
    p.paragraph_format.keep_with_next = True
    p.paragraph_format.space_before = Pt(12)
    p.paragraph_format.space_after = Pt(0)
    _muted(p, f"{q.number}. {q.topic_title}").font.size = Pt(8.5)
    if q.calculator:
        _label(p, "  ·  Calculator allowed", BLUE)
    stem = doc.add_paragraph()
    stem.paragraph_format.keep_with_next = True
    stem.paragraph_format.space_after = Pt(3)
    for run in _math(stem, q.stem):
        run.bold = True
    if q.figure is not None:
        _figure(doc, q.figure)
    for o in q.options:
        line = doc.add_paragraph()
        line.paragraph_format.left_indent = Mm(5)
        line.paragraph_format.space_after = Pt(0)
        line.paragraph_format.keep_with_next = True
        runs = _math(line, f"{o.letter})  {o.text}" + ("  ✓" if o.correct else ""))
        for run in runs if o.correct else []:
            run.bold = True
            run.font.color.rgb = RED
    if q.hint:
        hint = doc.add_paragraph()
        hint.paragraph_format.keep_with_next = True
        _muted(hint, f"Hint: {q.hint}").italic = True
    if teacher:
        _key(doc, q)
    else:
        # A one-cell table with a fixed height is the space to work.
        box = doc.add_table(rows=1, cols=1)
        _table_style(box)
        row = box.rows[0]
        row.height = Mm(q.work_lines * 7)
        cell = row.cells[0]
        label = "Show your work and circle your answer" if q.options else "Show your work"
        _muted(cell.paragraphs[0], label).font.size = Pt(7)
        _no_split(row)


def _math(p: Paragraph, text: str) -> list[Run]:
    """The text as runs, each whole-number power (`x^3`) a superscript run."""
    runs = []
    for piece, power in power_parts(text):
        run = p.add_run(piece)
        run.font.superscript = power or None
        runs.append(run)
    return runs


def _figure(doc: DocxDocument, figure: Figure) -> None:
    """The figure as a ~300 dpi picture described by its alt text, and a caption line."""
    width = Mm(width_mm(figure, 165))
    doc.add_picture(io.BytesIO(figure_png(figure)), width=width)
    picture = doc.paragraphs[-1]
    picture.paragraph_format.keep_with_next = True
    for props in picture._p.iter(qn("wp:docPr")):
        props.set("descr", figure.alt)
    caption = doc.add_paragraph()
    caption.paragraph_format.keep_with_next = True
    _muted(caption, figure.alt).font.size = Pt(8)


def _key(doc: DocxDocument, q: Question) -> None:
    box = doc.add_table(rows=1, cols=1)
    cell = box.rows[0].cells[0]
    _shade(cell, KEY_FILL)
    first = cell.paragraphs[0]
    for run in _math(first, f"Answer: {q.answer}"):
        run.bold = True
        run.font.color.rgb = RED
    for i, step in enumerate(q.solution, 1):
        _math(cell.add_paragraph(), f"{i}. {step}")
    if q.rubric:
        p = cell.add_paragraph()
        p.add_run("Rubric: ").bold = True
        p.add_run(q.rubric)
    if q.misconceptions:
        cell.add_paragraph().add_run("Wrong answers and why:").bold = True
        for value, why in q.misconceptions:
            cell.add_paragraph(f"•  {value} — {why}")
    for p in cell.paragraphs:
        p.paragraph_format.space_after = Pt(1)
    _no_split(box.rows[0])


def _table(
    doc: DocxDocument,
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: list[int],
    *,
    right: Sequence[int] = (),
) -> Table:
    table = doc.add_table(rows=1, cols=len(headings))
    _table_style(table)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for cell, text in zip(table.rows[0].cells, headings, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
        _shade(cell, HEAD_FILL)
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.paragraphs[0].add_run(text)
    # Word reads the cell widths, LibreOffice the grid's: set both.
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)
        for k in right:
            row.cells[k].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph()
    return table


def _large_print(doc: DocxDocument) -> None:
    """Every run at its large-print size (body text LARGE_PRINT_PT), lines spaced wider."""
    # Sizes as the template has them (a third-level heading has none of its own: 12 pt).
    styles = {"Normal": BODY_PT, "List Bullet": BODY_PT, "Heading 3": 12.0}
    for name in ("Normal", "List Bullet", "Heading 1", "Heading 2", "Heading 3"):
        style = doc.styles[name]
        size = style.font.size.pt if style.font.size is not None else styles[name]
        style.font.size = Pt(large_print_pt(size))
        style.paragraph_format.line_spacing = 1.4
    paragraphs = list(doc.paragraphs)
    for table in doc.tables:
        paragraphs += [p for row in table.rows for cell in row.cells for p in cell.paragraphs]
    for p in paragraphs:
        p.paragraph_format.space_after = Pt(8)
        for run in p.runs:
            if run.font.size is not None:
                run.font.size = Pt(large_print_pt(run.font.size.pt))
    for table in doc.tables:
        for row in table.rows:
            if row.height is not None:  # a work box: room for larger handwriting too
                row.height = int(row.height * 1.5)


def _muted(p: Paragraph, text: str) -> Run:
    run = p.add_run(text)
    run.font.color.rgb = MUTED
    return run


def _label(p: Paragraph, text: str, color: RGBColor) -> None:
    run = p.add_run(text)
    run.bold = True
    run.font.size = Pt(9)
    run.font.color.rgb = color


def _note(doc: DocxDocument, text: str) -> None:
    p = doc.add_paragraph()
    p.paragraph_format.left_indent = Mm(4)
    run = p.add_run(text)
    run.italic = True
    border = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for key, value in (
        ("w:val", "single"),
        ("w:sz", "18"),
        ("w:space", "8"),
        ("w:color", "2B5D9C"),
    ):
        left.set(qn(key), value)
    border.append(left)
    p._p.get_or_add_pPr().append(border)


def _shade(cell: object, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)  # type: ignore[attr-defined]


def _no_split(row: object) -> None:
    """Keep a table row on one page."""
    trPr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    trPr.append(OxmlElement("w:cantSplit"))


def _hyperlink(p: Paragraph, text: str, url: str) -> None:
    """A clickable link (python-docx has no API for one: write the w:hyperlink element)."""
    rel = p.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    for tag, attrs in (
        ("w:b", {}),
        ("w:color", {"w:val": "1D4F91"}),
        ("w:u", {"w:val": "single"}),
    ):
        element = OxmlElement(tag)
        for key, value in attrs.items():
            element.set(qn(key), value)
        props.append(element)
    run.append(props)
    text_el = OxmlElement("w:t")
    text_el.text = text
    text_el.set(qn("xml:space"), "preserve")
    run.append(text_el)
    link.append(run)
    p._p.append(link)
