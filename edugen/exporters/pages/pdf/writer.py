"""Each document drawn as PDF pages block by block: a student's copy, answer key or class week."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterator
from functools import partial
from typing import IO

from fpdf.enums import WrapMode
from fpdf.util import Padding

# Imported for its effect: every multi_cell from here on replays remembered line breaks.
import edugen.exporters.pages.pdf.lines  # noqa: F401
from edugen.exporters.documents import safe_url
from edugen.exporters.pages.chart import mastery_png, mastery_svg
from edugen.exporters.pages.figures import (
    CAPTION_MM,
    GAP_MM,
    figure_png,
    print_size,
    superscripts,
)
from edugen.exporters.pages.model import (
    ClassWeekDocument,
    ClassWeekPage,
    Copy,
    Document,
    Question,
    Resource,
    StudentPage,
    class_week_page,
    student_page,
)
from edugen.exporters.pages.pdf.blocks import (
    BLUE,
    INK,
    KEY_FILL,
    LINE,
    MARGIN,
    MUTED,
    RED,
    RULE,
    Pdf,
)
from edugen.exporters.pages.pdf.vectors import draw_svg
from edugen.schemas import Figure


def _strings(value: object) -> Iterator[str]:
    """Every string in a page's layout (dataclasses, lists and tuples of them)."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _strings(getattr(value, f.name))
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


class PdfFormat:
    """PDF, US Letter; DRAFT documents carry a header and watermark on every page."""

    name = "pdf"
    extension = ".pdf"
    media_type = "application/pdf"

    def write(self, document: Document, stream: IO[bytes], *, copy: Copy) -> None:
        if isinstance(document, ClassWeekDocument):
            class_week = class_week_page(document, copy)
            pdf = Pdf(class_week.title, draft=class_week.draft, text=_strings(class_week))
            _class_week(pdf, class_week)
        else:
            page = student_page(document, copy)
            pdf = Pdf(page.title, draft=page.draft, text=_strings(page), large=page.large_print)
            _student(pdf, page)
        stream.write(bytes(pdf.output()))


def _class_week(pdf: Pdf, class_week: ClassWeekPage) -> None:
    d = pdf.doc
    d.add_page()
    pdf.heading(f"{class_week.class_title} — week of {class_week.dates}", 1)
    students = f"{class_week.student_count} student{'s' if class_week.student_count != 1 else ''}"
    line = f"{class_week.week}  ·  {students}  ·  "
    pdf.font(10, "", MUTED)
    d.cell(d.get_string_width(line), LINE, line)
    pdf.font(9, "B", RED)
    d.cell(0, LINE, "TEACHER COPY", new_x="LMARGIN", new_y="NEXT")
    pdf.heading("Class summary", 2)
    if class_week.summary:
        pdf.note(class_week.summary)
    if class_week.next_steps:
        pdf.text(f"Next steps: {class_week.next_steps}")
        d.ln(2)
    if class_week.topics:
        pdf.heading("Topics this week", 3)
        pdf.table(
            ["Topic", "Students"],
            [[r.label, r.value] for r in class_week.topics],
            [5, 1],
            right=[1],
        )
    pdf.heading("Small groups", 2)
    if class_week.groups:
        pdf.table(
            ["Topic", "Students", "Focus"],
            [[g.title, g.students, g.focus] for g in class_week.groups],
            [2.2, 2.4, 4.4],
        )
    else:
        pdf.text("No small groups this week.", color=MUTED)
    if class_week.stuck:
        pdf.heading("Stuck", 3)
        pdf.table(
            ["Student", "Stuck on", "Back to", "Misses"],
            [[s.name, s.topic, s.prerequisite, str(s.misses)] for s in class_week.stuck],
            [2, 3, 3, 1],
            right=[3],
        )
    if class_week.mistakes:
        pdf.heading("Common mistakes", 3)
        pdf.table(
            ["Topic", "Misconception", "Students", "Answers"],
            [
                [m.topic, m.misconception, str(m.students), str(m.answers)]
                for m in class_week.mistakes
            ],
            [3, 4.6, 1.2, 1.2],
            right=[2, 3],
        )
    for page in class_week.students:
        _student(pdf, page)


def _student(pdf: Pdf, page: StudentPage) -> None:
    d = pdf.doc
    d.add_page()
    pdf.heading(f"{page.name} — week of {page.dates}", 1)
    parts = [p for p in (page.class_title, page.week, f"{page.minutes_per_day} minutes a day") if p]
    line = "  ·  ".join(parts) + "  ·  "
    pdf.font(10, "", MUTED)
    if page.large_print:  # the line and its label no longer fit side by side
        d.multi_cell(0, d.mm(LINE), line.rstrip(" ·"), new_x="LMARGIN", new_y="NEXT")
    else:
        d.cell(d.get_string_width(line), LINE, line)
    label = "ANSWER KEY — TEACHER COPY" if page.teacher else "STUDENT COPY"
    if page.large_print:
        label += " — LARGE PRINT"
    pdf.font(9, "B", RED if page.teacher else BLUE)
    d.cell(0, d.mm(LINE), label, new_x="LMARGIN", new_y="NEXT")
    d.ln(1)
    if page.accommodations:
        pdf.text("Accommodations:", 10, "B")
        for a in page.accommodations:
            pdf.text(f"•  {a}", 10, indent=2)
        d.ln(1)
    if page.summary:
        pdf.note(page.summary)

    pdf.heading("Plan" if page.teacher else "Your plan", 2)
    rows = []
    for day in page.days:
        tasks = "\n".join(
            f"{t.kind}: {t.title} ({t.minutes} min)" + (f" — {t.questions}" if t.questions else "")
            for t in day.tasks
        )
        rows.append([f"{day.name}\n{day.date}", tasks or "Nothing planned", str(day.minutes)])
    # Large print needs wider day and minute columns: "Wednesday" must not break.
    widths = [2.4, 5.6, 2.0] if page.large_print else [1.5, 7.3, 1.2]
    pdf.table(["Day", "What to do", "Minutes"], rows, widths, right=[2])

    if page.questions:
        pdf.heading("Practice questions", 2)
        for q in page.questions:
            _question(pdf, q, teacher=page.teacher)
    if page.left_out:
        more = "s" if page.left_out != 1 else ""
        pdf.text(
            f"{page.left_out} more question{more} will come once your teacher has checked them.",
            9.5,
            "I",
            MUTED,
        )

    if page.resources:
        pdf.heading("Recommended resources", 2)
        for r in page.resources:
            pdf.together(partial(_resource, pdf, r, teacher=page.teacher))

    if page.bars:
        svg, width, height = mastery_svg(page.mastery)
        shown = min(pdf.width, 165)
        # The heading goes with the chart: never alone at the foot of a page.
        if svg and d.will_page_break(shown * height / width + 20):
            d.add_page()
        pdf.heading("Progress" if page.teacher else "How you are doing", 2)
        if svg and d.large:
            # Its labels cannot reach large print at this width: a picture, as the figures
            # are; the table below says the same in large print.
            d.image(io.BytesIO(mastery_png(page.mastery)), x=MARGIN, w=shown)
            d.ln(2)
        elif svg:
            pdf.drawing(svg, shown)
        pdf.table(
            ["Topic", "Last week", "This week", "Change"],
            [[b.title, b.last, b.now, b.change] for b in page.bars],
            [5.5, 1.5, 1.5, 1.5],
            right=[1, 2, 3],
        )

    if page.teacher and page.changes:
        pdf.heading("What changed since last week", 2)
        for c in page.changes:
            pdf.text(f"•  {c.title} — {c.change}: {c.why}", 10, indent=2)
            d.ln(0.8)


def _resource(pdf: Pdf, r: Resource, *, teacher: bool) -> None:
    d = pdf.doc
    url = safe_url(r.url)
    pdf.font(10.5, "B", BLUE if url else INK)
    d.multi_cell(pdf.width, LINE, r.title, link=url or None, new_x="LMARGIN", new_y="NEXT")
    pdf.text(r.topic_title, 9, "", MUTED)
    if r.why:
        pdf.text(r.why, 10)
    if teacher and r.reason:
        pdf.text(f"Why chosen: {r.reason}", 9, "I", MUTED)
    if url:
        pdf.font(8.5, "", MUTED)
        d.multi_cell(
            pdf.width,
            4.2,
            r.url,
            link=url,
            new_x="LMARGIN",
            new_y="NEXT",
            wrapmode=WrapMode.CHAR,
        )
    d.ln(2.5)


def _question(pdf: Pdf, q: Question, *, teacher: bool) -> None:
    pdf.together(lambda: _question_block(pdf, q, teacher=teacher))


def _question_block(pdf: Pdf, q: Question, *, teacher: bool) -> None:
    """The question; a figure above the options, or beside them and the space to work (the
    column the figure leaves), whichever `print_size` says; then the work box or the key."""
    d = pdf.doc
    calculator = "  ·  Calculator allowed" if q.calculator else ""
    pdf.text(f"{q.number}.  {q.topic_title}{calculator}", 8.5, "", MUTED)
    pdf.text(superscripts(q.stem), 11, "B", indent=0, height=5.4)
    size = print_size(q.figure) if q.figure is not None and not d.large else None
    beside = 0.0  # how far right of the margin the options start
    figure_end = d.get_y()
    if q.figure is not None and (size is None or not size.beside):
        _figure(pdf, q.figure, size.width if size else pdf.width)
    elif q.figure is not None and size is not None:
        top = d.get_y()
        column = max(size.width, CAPTION_MM)  # the figure and its words below it
        _figure(pdf, q.figure, size.width, column)
        figure_end = d.get_y()
        d.set_y(top + 1)
        beside = column + GAP_MM
    for o in q.options:
        style = "B" if o.correct else ""
        mark = "  ✓" if o.correct else ""
        pdf.text(
            f"{o.letter})  {superscripts(o.text)}{mark}",
            10.5,
            style,
            RED if o.correct else INK,
            indent=beside + 4,
            height=5.2,
        )
    if q.hint:
        pdf.text(f"Hint: {q.hint}", 9.5, "I", MUTED, indent=beside)
    d.ln(1)
    if teacher:
        _key(pdf, q, beside)
        d.set_y(max(d.get_y(), figure_end))
    else:
        # The kind's room to work, or down to the figure's foot where that is lower.
        height = max(q.work_lines * (10.5 if d.large else 7.0), figure_end - d.get_y())
        if d.will_page_break(height):  # a block taller than a page (large print): never
            d.add_page()  # a box across the footer
        d.set_draw_color(*RULE)
        d.set_line_width(0.25)
        d.set_dash_pattern(dash=1.2, gap=1)
        d.rect(MARGIN + beside, d.get_y(), pdf.width - beside, height)
        d.set_dash_pattern()
        pdf.font(7, "", (136, 136, 136))
        d.set_xy(MARGIN + beside + 1.5, d.get_y() + 1)
        hint = "Show your work and circle your answer" if q.options else "Show your work"
        d.cell(0, d.mm(3.5, 7), hint)
        d.set_y(d.get_y() - 1 + height)
        if q.answer_line:
            pdf.text(q.answer_line, 10.5, "", INK, indent=beside, height=8)
    d.ln(d.mm(4))


def _figure(pdf: Pdf, figure: Figure, width: float, column: float | None = None) -> None:
    """The figure drawn from its SVG `width` wide, its alt text in small type below it
    (`column` wide, else to the right margin)."""
    d = pdf.doc
    d.ln(1)
    if d.large:
        # Its labels cannot reach large print inside the page width: a full-width picture.
        d.image(io.BytesIO(figure_png(figure)), x=MARGIN, w=pdf.width)
        pdf.text(figure.alt, 8, "I", MUTED, height=4.2)
    else:
        draw_svg(d, figure.svg, x=MARGIN, w=width)
        pdf.text(figure.alt, 8, "I", MUTED, height=4.2, width=column)
    d.ln(1)


def _key(pdf: Pdf, q: Question, beside: float = 0.0) -> None:
    """The answer, steps, rubric and wrong answers in a shaded box `beside` mm right of the
    margin, to the right margin."""
    d = pdf.doc
    lines: list[tuple[str, str, float]] = [(f"Answer: {superscripts(q.answer)}", "B", 10.5)]
    lines += [(f"{i}. {superscripts(step)}", "", 9.5) for i, step in enumerate(q.solution, 1)]
    if q.rubric:
        lines.append((f"Rubric: {q.rubric}", "", 9.5))
    if q.misconceptions:
        lines.append(("Wrong answers and why:", "B", 9.5))
        lines += [(f"•  {superscripts(value)} — {why}", "", 9.5) for value, why in q.misconceptions]
    top = d.get_y()
    d.set_fill_color(*KEY_FILL)
    for text, style, size in lines:
        pdf.font(size, style, RED if style == "B" and text.startswith("Answer") else INK)
        d.set_x(MARGIN + beside + 3)
        d.multi_cell(
            pdf.width - beside - 3,
            size * 0.5,
            text,
            fill=True,
            new_x="LMARGIN",
            new_y="NEXT",
            padding=Padding(0.6, 2, 0.6, 2),
        )
    d.set_fill_color(*RED)
    d.rect(MARGIN + beside, top, 1.3, d.get_y() - top, style="F")
