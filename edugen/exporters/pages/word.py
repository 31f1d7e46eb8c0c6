"""DOCX for teachers who edit before they print: the body written as WordprocessingML text.

python-docx opens its template, sets the page, styles, header and properties, and lays out
the package; the body (paragraphs, runs, tables, pictures) is written here as XML text and
parsed once. Built call by call through python-docx, a class week spent most of its time
finding its place in an ever longer body (each paragraph, table and picture scanned the
whole document) and creating elements one attribute at a time. The XML written is the one
python-docx would write for the same calls, element for element.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import IO, cast

from docx import Document as new_document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.phys_pkg import PhysPkgWriter
from docx.opc.pkgwriter import PackageWriter
from docx.oxml.parser import parse_xml
from docx.parts.image import ImagePart
from docx.shared import Mm, Pt, RGBColor

from edugen.content.accommodations import BODY_PT, large_print_pt
from edugen.exporters.documents import safe_url
from edugen.exporters.pages import wordml as ml
from edugen.exporters.pages.chart import mastery_png, png_key
from edugen.exporters.pages.figures import (
    CAPTION_MM,
    DPI,
    GAP_MM,
    figure_key,
    figure_png,
    print_size,
    svg_pngs,
    width_mm,
)
from edugen.exporters.pages.model import (
    DRAFT_MARK,
    ClassWeekDocument,
    ClassWeekPage,
    Copy,
    Document,
    Question,
    StudentPage,
    class_week_page,
    student_page,
)
from edugen.exporters.pages.wordml import (
    BLOCK_TWIPS,
    BLUE,
    HEAD_FILL,
    KEY_FILL,
    LINK,
    MARGIN,
    PAGE_WIDTH,
    RED,
)
from edugen.schemas import Figure


class DocxFormat:
    """Word (DOCX); DRAFT documents carry a header on every page."""

    name = "docx"
    extension = ".docx"
    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    def write(self, document: Document, stream: IO[bytes], *, copy: Copy) -> None:
        doc = _new(draft=document.draft)
        body = _Body(doc)
        if isinstance(document, ClassWeekDocument):
            class_week = class_week_page(document, copy)
            doc.core_properties.title = class_week.title
            _class_week(body, class_week)
            body.close()
        else:
            page = student_page(document, copy)
            doc.core_properties.title = page.title
            _student(body, page, level=1)
            body.close()
            if page.large_print:
                _large_print(doc)
        stream.write(_package(doc))


def _package(doc: DocxDocument) -> bytes:
    """The package as python-docx saves it, its entries dated 1980: the same document gives
    the same bytes."""
    package = doc.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        # Duck-typed: python-docx's PhysPkgWriter is a factory for its own zip writer.
        writer = cast(PhysPkgWriter, _DatedZip(archive))
        PackageWriter._write_content_types_stream(writer, parts)
        PackageWriter._write_pkg_rels(writer, package.rels)
        PackageWriter._write_parts(writer, parts)
    return out.getvalue()


class _DatedZip:
    """python-docx's zip writer, with a fixed date on every entry; pictures (PNGs, already
    deflated) are stored as they are, and the template's parts deflated quickly (its two
    style parts are 800 kB of XML in every file), the body as before."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive

    def write(self, uri: PackURI, blob: bytes) -> None:
        entry = zipfile.ZipInfo(uri.membername, date_time=(1980, 1, 1, 0, 0, 0))
        if uri.ext == "png":
            entry.compress_type = zipfile.ZIP_STORED
            self.archive.writestr(entry, blob)
            return
        entry.compress_type = zipfile.ZIP_DEFLATED
        level = 6 if uri == "/word/document.xml" else 1
        self.archive.writestr(entry, blob, compresslevel=level)


def _new(*, draft: bool) -> DocxDocument:
    doc = new_document()
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, Mm(279.4)
    section.left_margin = section.right_margin = MARGIN
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
        run.font.color.rgb = RGBColor.from_string(RED)
        run.font.size = Pt(10)
    return doc


class _Body:
    """The body being written: XML text, with the pictures and links it relates to the part."""

    def __init__(self, doc: DocxDocument) -> None:
        self.doc = doc
        self.parts: list[str] = []
        self.images: dict[bytes, tuple[str, Image]] = {}
        self.shapes = 0

    def add(self, xml: str) -> None:
        self.parts.append(xml)

    def link(self, url: str) -> str:
        rel: str = self.doc.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        return rel

    def picture(self, png: bytes, width: int, alt: str | None = None) -> str:
        """A run with the picture at `width` (EMU), its height kept in proportion."""
        known = self.images.get(png)
        if known is None:
            image = Image.from_blob(png)
            # As python-docx adds a picture, without comparing it with every picture before.
            images = self.doc.part.package.image_parts
            part = ImagePart.from_image(image, images._next_image_partname(image.ext))
            images.append(part)
            known = self.doc.part.relate_to(part, RELATIONSHIP_TYPE.IMAGE), image
            self.images[png] = known
        rid, image = known
        cx, cy = image.scaled_dimensions(width, None)
        self.shapes += 1
        n = self.shapes
        descr = f' descr="{ml.x(alt)}"' if alt is not None else ""
        return (
            "<w:r><w:drawing><wp:inline"
            ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
            ' xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<wp:extent cx="{cx}" cy="{cy}"/>'
            f'<wp:docPr id="{n}" name="Picture {n}"{descr}/>'
            '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/>'
            "</wp:cNvGraphicFramePr><a:graphic>"
            '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            '<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="image.png"/><pic:cNvPicPr/>'
            f'</pic:nvPicPr><pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/>'
            '</a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
            f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr>'
            "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
        )

    def close(self) -> None:
        """Parse the text once and put it in the document's body, before its section."""
        root = self.doc.element
        declared = " ".join(f'xmlns:{k}="{v}"' for k, v in root.nsmap.items() if k)
        parsed = parse_xml(f"<w:body {declared}>{''.join(self.parts)}</w:body>")
        body = root.body
        end = body.sectPr
        for element in list(parsed):
            if end is not None:
                end.addprevious(element)
            else:
                body.append(element)


# --- the documents -------------------------------------------------------------------------


def _heading(text: str, level: int) -> str:
    return ml.p(ml.r(text), ml.ppr(style=f"Heading {level}"))


def _table(
    body: _Body,
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[int],
    *,
    right: Sequence[int] = (),
) -> None:
    """A grid table with a shaded heading row, column widths in mm, and an empty paragraph
    after it."""
    twips = [ml.twips(Mm(w)) for w in widths]

    def cell(text: str, k: int, *, head: bool) -> str:
        paragraph = ml.p(ml.r(text, ml.rpr(bold=head)), ml.ppr(right=k in right))
        return ml.tc(paragraph, twips[k], HEAD_FILL if head else None)

    xml = "<w:tr>" + "".join(cell(t, k, head=True) for k, t in enumerate(headings)) + "</w:tr>"
    for values in rows:
        xml += "<w:tr>" + "".join(cell(t, k, head=False) for k, t in enumerate(values))
        xml += "</w:tr>"
    body.add(ml.tbl(xml, twips, style=True, fixed=True) + ml.p())


def _note(text: str) -> str:
    border = '<w:pBdr><w:left w:val="single" w:sz="18" w:space="8" w:color="2B5D9C"/></w:pBdr>'
    return ml.p(ml.r(text, ml.rpr(italic=True)), ml.ppr(indent=4, tail=border))


def _class_week(body: _Body, class_week: ClassWeekPage) -> None:
    add = body.add
    add(_heading(f"{class_week.class_title} — week of {class_week.dates}", 1))
    students = f"{class_week.student_count} student{'s' if class_week.student_count != 1 else ''}"
    add(ml.p(ml.muted(f"{class_week.week} · {students} · ") + ml.label("TEACHER COPY", RED)))
    add(_heading("Class summary", 2))
    if class_week.summary:
        add(_note(class_week.summary))
    if class_week.next_steps:
        add(ml.p(ml.bold("Next steps: ") + ml.r(class_week.next_steps)))
    if class_week.topics:
        add(_heading("Topics this week", 3))
        rows = [[r.label, r.value] for r in class_week.topics]
        _table(body, ["Topic", "Students"], rows, [150, 30], right=[1])
    add(_heading("Small groups", 2))
    if class_week.groups:
        rows = [[g.title, g.students, g.focus] for g in class_week.groups]
        _table(body, ["Topic", "Students", "Focus"], rows, [45, 45, 94])
    else:
        add(ml.p(ml.muted("No small groups this week.")))
    if class_week.stuck:
        add(_heading("Stuck", 3))
        rows = [[s.name, s.topic, s.prerequisite, str(s.misses)] for s in class_week.stuck]
        headings = ["Student", "Stuck on", "Back to", "Misses"]
        _table(body, headings, rows, [40, 60, 60, 24], right=[3])
    if class_week.mistakes:
        add(_heading("Common mistakes", 3))
        rows = [
            [m.topic, m.misconception, str(m.students), str(m.answers)] for m in class_week.mistakes
        ]
        headings = ["Topic", "Misconception", "Students", "Answers"]
        _table(body, headings, rows, [50, 84, 25, 25], right=[2, 3])
    for page in class_week.students:
        add('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
        _student(body, page, level=2)


def _student(body: _Body, page: StudentPage, *, level: int) -> None:
    add = body.add
    add(_heading(f"{page.name} — week of {page.dates}", 1))
    parts = [p for p in (page.class_title, page.week, f"{page.minutes_per_day} minutes a day") if p]
    if page.teacher:
        label = ml.label("ANSWER KEY — TEACHER COPY", RED)
    else:
        label = ml.label("STUDENT COPY" + (" — LARGE PRINT" if page.large_print else ""), BLUE)
    add(ml.p(ml.muted(" · ".join(parts) + " · ") + label))
    if page.accommodations:
        add(ml.p(ml.bold("Accommodations:")))
        for a in page.accommodations:
            add(ml.p(ml.r(a), ml.ppr(style="List Bullet")))
    if page.draft and level > 1:
        add(ml.p(ml.label(DRAFT_MARK.upper(), RED)))
    if page.summary:
        add(_note(page.summary))

    add(_heading("Plan" if page.teacher else "Your plan", 2))
    rows = []
    for day in page.days:
        tasks = "\n".join(
            f"{t.kind}: {t.title} ({t.minutes} min)" + (f" — {t.questions}" if t.questions else "")
            for t in day.tasks
        )
        rows.append([f"{day.name}\n{day.date}", tasks or "Nothing planned", str(day.minutes)])
    _table(body, ["Day", "What to do", "Minutes"], rows, [28, 134, 22], right=[2])

    if page.questions:
        add(_heading("Practice questions", 2))
        # Every picture of the copy drawn in one go (one PDF rasterised), the chart's too.
        keys = [(*figure_key(q.figure), DPI) for q in page.questions if q.figure is not None]
        chart = png_key(page.mastery)
        svg_pngs(keys + ([chart] if chart else []))
        for q in page.questions:
            _question(body, q, teacher=page.teacher, large=page.large_print)
    if page.left_out:
        more = "s" if page.left_out != 1 else ""
        text = f"{page.left_out} more question{more} will come once your teacher has checked them."
        add(ml.p(ml.muted(text)))

    if page.resources:
        add(_heading("Recommended resources", 2))
        for r in page.resources:
            url = safe_url(r.url)
            if url:
                title = (
                    f'<w:hyperlink r:id="{body.link(url)}"><w:r>'
                    f"{ml.rpr(bold=True, color=LINK, underline=True)}"
                    f'<w:t xml:space="preserve">{ml.x(r.title)}</w:t></w:r></w:hyperlink>'
                )
            else:
                title = ml.bold(r.title)
            content = title + ml.muted(f" ({r.topic_title})")
            if r.why:
                content += ml.r("\n" + r.why)
            if page.teacher and r.reason:
                content += ml.muted("\nWhy chosen: " + r.reason, italic=True)
            content += ml.muted("\n" + r.url, size=8.5)
            add(ml.p(content, ml.ppr(style="List Bullet")))

    if page.bars:
        add(_heading("Progress" if page.teacher else "How you are doing", 2))
        png = mastery_png(page.mastery)
        if png:
            add(ml.p(body.picture(png, Mm(165))))
        rows = [[b.title, b.last, b.now, b.change] for b in page.bars]
        headings = ["Topic", "Last week", "This week", "Change"]
        _table(body, headings, rows, [100, 28, 28, 28], right=[1, 2, 3])

    if page.teacher and page.changes:
        add(_heading("What changed since last week", 2))
        for c in page.changes:
            add(
                ml.p(
                    ml.bold(c.title) + ml.r(f" — {c.change}: {c.why}"), ml.ppr(style="List Bullet")
                )
            )


def _question(body: _Body, q: Question, *, teacher: bool, large: bool = False) -> None:
    """The question; its figure above the answer space, or beside it in a borderless table
    of two columns (as `print_size` says; large print keeps it above)."""
    add = body.add
    head = ml.muted(f"{q.number}. {q.topic_title}", size=8.5)
    if q.calculator:
        head += ml.label("  ·  Calculator allowed", BLUE)
    add(ml.p(head, ml.ppr(keep=True, before=12, after=0)))
    add(ml.p(ml.math(q.stem, bold=True), ml.ppr(keep=True, after=3)))
    size = print_size(q.figure) if q.figure is not None else None
    if q.figure is None or size is None or not size.beside or large:
        if q.figure is not None:
            width = size.width if size is not None and not large else width_mm(q.figure, 165)
            add(_figure(body, q.figure, width))
        add(_answer_space(q, teacher=teacher, width=BLOCK_TWIPS))
        return
    column = max(size.width, CAPTION_MM)
    left = ml.twips(Mm(column + GAP_MM))
    right = BLOCK_TWIPS - left
    # The work box reaches down to about the figure's foot, as in the PDF.
    beside = _answer_space(q, teacher=teacher, width=right, reach=size.height + 12)
    cells = ml.tc(_figure(body, q.figure, size.width), left) + ml.tc(beside + ml.p(), right)
    row = f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>"
    add(ml.tbl(row, [left, right], style=False, fixed=True))


def _answer_space(q: Question, *, teacher: bool, width: int, reach: float = 0.0) -> str:
    """The options, the hint, and the key or the room to work, `width` twips wide; the room
    to work at least `reach` mm below the first option."""
    xml = ""
    for o in q.options:
        text = f"{o.letter})  {o.text}" + ("  ✓" if o.correct else "")
        runs = ml.math(text, bold=True, color=RED) if o.correct else ml.math(text)
        xml += ml.p(runs, ml.ppr(keep=True, after=0, indent=5))
    if q.hint:
        xml += ml.p(ml.muted(f"Hint: {q.hint}", italic=True), ml.ppr(keep=True))
    if teacher:
        return xml + _key(q, width)
    # A one-cell table with a fixed height is the space to work.
    label = "Show your work and circle your answer" if q.options else "Show your work"
    above = 5.5 * len(q.options) + (9 if q.hint else 0)
    height = ml.twips(Mm(max(q.work_lines * 7, reach - above)))
    row = (
        f'<w:tr><w:trPr><w:trHeight w:val="{height}"/><w:cantSplit/></w:trPr>'
        f"{ml.tc(ml.p(ml.muted(label, size=7)), width)}</w:tr>"
    )
    xml += ml.tbl(row, [width], style=True, fixed=False)
    if q.answer_line:
        xml += ml.p(ml.math(q.answer_line), ml.ppr(keep=True, before=6))
    return xml


def _figure(body: _Body, figure: Figure, width: float) -> str:
    """The figure as a ~300 dpi picture `width` mm wide described by its alt text, and a
    caption line."""
    picture = body.picture(figure_png(figure), Mm(width), figure.alt)
    return ml.p(picture, ml.ppr(keep=True)) + ml.p(ml.muted(figure.alt, size=8), ml.ppr(keep=True))


def _key(q: Question, width: int = BLOCK_TWIPS) -> str:
    """The answer key: a shaded one-cell table `width` twips wide, kept on one page."""
    lines = [ml.math(f"Answer: {q.answer}", bold=True, color=RED)]
    lines += [ml.math(f"{i}. {step}") for i, step in enumerate(q.solution, 1)]
    if q.rubric:
        lines.append(ml.bold("Rubric: ") + ml.r(q.rubric))
    if q.misconceptions:
        lines.append(ml.bold("Wrong answers and why:"))
        lines += [ml.r(f"•  {value} — {why}") for value, why in q.misconceptions]
    spaced = ml.ppr(after=1)
    cell = ml.tc("".join(ml.p(line, spaced) for line in lines), width, KEY_FILL)
    row = f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cell}</w:tr>"
    return ml.tbl(row, [width], style=False, fixed=False)


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
