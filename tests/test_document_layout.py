"""Figure-heavy copies print densely (issue #12): a figure about as tall as it is wide goes
beside the options and the room to work, at most 85 × 78 mm, so two figured questions share
a page; a wide, low figure (a number line) stays above them."""

from __future__ import annotations

import io
import math

import docx
import pypdfium2
import pytest

from edugen.content.figures import number_line
from edugen.content.figures.plane import coordinate_plane
from edugen.exporters.pages import StudentWeekDocument, render
from edugen.exporters.pages.figures import BESIDE_MM, print_size
from tests.test_documents import student_document

CAPTION = "A coordinate plane"


def planes_document(count: int) -> StudentWeekDocument:
    """A week whose every question shows a tall coordinate plane (as grade 8's dilations do)."""
    document = student_document(count=count)
    items = [
        item.model_copy(
            update={
                "figure": coordinate_plane(
                    polygons=[[(-3 - k % 4, -3), (1, -5 - k % 6), (3, -4)]],
                    reach=[(-10, -20), (10, 5)],
                )
            }
        )
        for k, item in enumerate(document.items)
    ]
    return document.model_copy(update={"items": items})


def _pages_with(data: bytes, words: str) -> list[int]:
    pdf = pypdfium2.PdfDocument(data)
    try:
        found = []
        for number in range(len(pdf)):
            text = pdf[number].get_textpage().get_text_range()
            if words in text.replace("\r\n", " ").replace("\n", " "):
                found.append(number)
        return found
    finally:
        pdf.close()


def test_a_tall_figure_prints_beside_at_most_the_beside_size() -> None:
    figure = planes_document(1).items[0].figure
    assert figure is not None
    size = print_size(figure)
    assert size.beside
    assert size.width <= BESIDE_MM[0] and size.height <= BESIDE_MM[1] + 1e-9
    line = print_size(number_line(-3, 3, [-2, 1]))
    assert not line.beside and line.width > BESIDE_MM[0]


@pytest.mark.parametrize("copy", ["student", "teacher"])
def test_a_copy_of_figured_questions_prints_two_a_page(copy: str) -> None:
    document = planes_document(12)
    questions = len(document.items)
    assert questions >= 10
    data = render(document, format="pdf", copy=copy)
    pages = _pages_with(data, CAPTION)
    assert len(pages) == len(set(pages))
    # Every figure is printed, and the pages that carry them are about half as many.
    pdf = pypdfium2.PdfDocument(data)
    captions = sum(
        pdf[p].get_textpage().get_text_range().count("coordinate plane with") for p in pages
    )
    pdf.close()
    assert captions == questions
    assert len(pages) <= math.ceil(questions / 2) + 1, (copy, len(pages), questions)


def test_docx_puts_a_tall_figure_beside_the_options_and_the_room_to_work() -> None:
    document = planes_document(6)
    data = render(document, format="docx", copy="student")
    doc = docx.Document(io.BytesIO(data))
    beside = [
        t
        for t in doc.tables
        if len(t.columns) == 2
        and t.cell(0, 0)._tc.xpath(".//w:drawing")
        and "Show your work" in "".join(t.cell(0, 1)._tc.itertext())  # its nested box
    ]
    assert len(beside) == len(document.items)
    for table in beside:
        assert "coordinate plane" in table.cell(0, 0).text  # the words below the figure
        # The figure takes about half the width, the answer space the rest.
        left, right = (c.width for c in table.rows[0].cells)
        assert left is not None and right is not None and left < right


def test_a_wide_low_figure_stays_above_the_options() -> None:
    document = student_document()
    items = list(document.items)
    items[0] = items[0].model_copy(update={"figure": number_line(-3, 3, [-2, 1])})
    document = document.model_copy(update={"items": items})
    doc = docx.Document(io.BytesIO(render(document, format="docx", copy="student")))
    figures = [item.figure for item in items if item.figure is not None]
    beside = [t for t in doc.tables if len(t.columns) == 2]
    assert len(beside) == sum(print_size(f).beside for f in figures)
    assert len(doc.inline_shapes) == len(figures) + 1  # and the mastery chart
    first = doc.inline_shapes[0]._inline
    # The number line (the first question's) is a picture in the body, not in a table.
    assert not first.xpath("ancestor::w:tbl")
