"""The documents teachers print: student copy, answer key and class week, in four formats."""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest

from edugen.content.class_week import build_class_week, fallback_class_note
from edugen.content.plans import build_week, fallback_summary
from edugen.content.questions import choose, item_id, plain_item
from edugen.errors import UsageError
from edugen.exporters import documents, pages
from edugen.exporters.pages import (
    ClassWeekDocument,
    MasteryBar,
    StudentWeekDocument,
    file_name,
    render,
)
from edugen.schemas import (
    ClassTopics,
    MisconceptionCount,
    PracticeItem,
    ResourcePick,
    StuckStudent,
    StudentTopics,
    TopicPick,
)

WEEK = "2026-W49"
TITLES = {
    "6.NS.A.1": "Dividing fractions by fractions",
    "5.NF.B.4": "Multiplying fractions",
    "6.EE.B.8": "Writing inequalities",
    "6.EE.A.3": "The distributive property",
    "6.SP.B.5": "Describing data sets",
    "5.NBT.B.6": "Dividing whole numbers (up to 4 digits by 2 digits)",
}


def topic_pick(code: str, kind: str, p: float, tier: int = 3, **kw: object) -> TopicPick:
    return TopicPick(
        code=code,
        title=TITLES[code],
        kind=kind,
        tier=tier,
        p_correct=p,
        reason=f"{kind}: P(correct) {p:.2f} at tier {tier}",
        **kw,  # type: ignore[arg-type]
    )


def resources() -> list[ResourcePick]:
    return [
        ResourcePick(
            resource_id=1,
            topic="6.NS.A.1",
            title="Prealgebra 2e: Divide Fractions",
            url="https://openstax.org/books/prealgebra-2e/pages/4-2-multiply-and-divide-fractions",
            type="lesson",
            reason="matches 6.NS.A.1 and the student's reading level",
            why="Read how dividing by a fraction is multiplying by its reciprocal.",
        ),
        ResourcePick(
            resource_id=2,
            topic="6.EE.B.8",
            title="Inequalities <video> & practice",
            url="javascript:alert(1)",
            type="video",
            reason="teacher priority",
            why=None,
        ),
    ]


def student_document(
    student_id: str = "s1",
    name: str = "Amara",
    *,
    picks: Sequence[TopicPick] | None = None,
    count: int = 9,
    status: str = "approved",
    draft: bool = False,
) -> StudentWeekDocument:
    """A realistic week from the real pure functions: chosen cores, a planned week."""
    picks = list(
        picks
        or [
            topic_pick("6.NS.A.1", "new", 0.55),
            topic_pick("6.EE.B.8", "continue", 0.62, tier=2),
            topic_pick("6.SP.B.5", "spaced review", 0.88, tier=2),
        ]
    )
    selection = choose(picks, count=count, student_id=student_id, week=WEEK)
    items = [
        plain_item(slot, item_id(student_id, WEEK, slot.fingerprint)).model_copy(
            update={"status": status}
        )
        for slot in selection.slots
    ]
    by_topic: dict[str, list[str]] = {}
    for item in items:
        by_topic.setdefault(item.topic, []).append(item.id)
    plan = build_week(
        student_id=student_id,
        week=WEEK,
        minutes_per_day=20,
        picks=picks,
        items=by_topic,
        resources=resources(),
        previous=None,
    )
    plan = plan.model_copy(update={"summary": fallback_summary(plan, TITLES)})
    mastery = [
        MasteryBar(
            topic=p.code,
            title=TITLES[p.code],
            last=None if i == 0 else 0.4 + 0.1 * i,
            now=p.p_correct or 0.5,
        )
        for i, p in enumerate(picks)
    ]
    return StudentWeekDocument(
        student_name=name,
        class_title="Maths 6A",
        week=WEEK,
        plan=plan,
        items=items,
        titles=TITLES,
        mastery=mastery,
        draft=draft,
    )


def class_week_document(*, draft: bool = False) -> ClassWeekDocument:
    s1 = student_document("s1", "Amara")
    s2 = student_document(
        "s2",
        "Sofía",
        picks=[
            topic_pick("5.NF.B.4", "step back", 0.35, tier=2, stuck_on="6.NS.A.1", misses=2),
            topic_pick("6.EE.A.3", "new", 0.6),
        ],
    )
    s3 = student_document("s3", "Liam")
    topics = ClassTopics(
        id="c1",
        title="Maths 6A",
        week=WEEK,
        students=[
            StudentTopics(
                student_id=s.plan.student_id, name=s.student_name, week=WEEK, picks=s.plan.picks
            )
            for s in (s1, s2, s3)
        ],
        stuck=[
            StuckStudent(
                student_id="s2", name="Sofía", topic="6.NS.A.1", prerequisite="5.NF.B.4", misses=2
            )
        ],
    )
    mistakes = [
        MisconceptionCount(
            topic="6.NS.A.1",
            misconception="multiplied by the divisor instead of its reciprocal",
            students=2,
            answers=3,
        )
    ]
    week = build_class_week(topics, misconceptions=mistakes, titles=TITLES)
    summary, steps = fallback_class_note(week, TITLES)
    week = week.model_copy(update={"summary": summary, "next_steps": steps})
    return ClassWeekDocument(
        class_title="Maths 6A",
        week=WEEK,
        class_week=week,
        students=[s1, s2, s3],
        names={"s1": "Amara", "s2": "Sofía", "s3": "Liam"},
        draft=draft,
    )


def text_of(document: StudentWeekDocument | ClassWeekDocument, fmt: str, copy: str) -> str:
    data = render(document, format=fmt, copy=copy)  # type: ignore[arg-type]
    if fmt == "md":
        return re.sub(r"\\(.)", r"\1", data.decode("utf-8"))  # as Markdown shows it
    if fmt == "html":
        return html.unescape(re.sub(r"<[^>]+>", " ", data.decode("utf-8")))
    if fmt == "pdf":
        return pdf_text(data)
    return docx_text(data)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def docx_text(data: bytes) -> str:
    import docx

    doc = docx.Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs]
    return "\n".join(parts)


def squash(text: str) -> str:
    """Text without spacing, so words a PDF wrapped or spaced still match."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def student() -> StudentWeekDocument:
    return student_document()


@pytest.fixture(scope="module")
def class_week_doc() -> ClassWeekDocument:
    return class_week_document()


FORMATS = ["md", "html", "pdf", "docx"]


def test_every_format_declares_name_extension_and_media_type() -> None:
    found = {f.name: (f.extension, f.media_type) for f in pages.all_formats()}
    assert found == {
        "md": (".md", "text/markdown; charset=utf-8"),
        "html": (".html", "text/html; charset=utf-8"),
        "pdf": (".pdf", "application/pdf"),
        "docx": (
            ".docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    }
    with pytest.raises(UsageError, match="unknown document format 'odt'"):
        pages.document_format("odt")


@pytest.mark.parametrize("fmt", FORMATS)
def test_student_copy_has_plan_questions_resources_no_key(
    student: StudentWeekDocument, fmt: str
) -> None:
    text = squash(text_of(student, fmt, "student"))
    assert "Amara" in text and "studentcopy" in text.lower()
    for item in student.items:
        assert squash(item.stem) in text
    assert squash("Your plan") in text and "Monday" in text and "Friday" in text
    assert squash("Prealgebra 2e: Divide Fractions") in text
    assert squash(student.plan.summary) in text
    # No answer key of any kind.
    assert "Answer:" not in text and "Rubric" not in text and "Wronganswers" not in text
    for item in student.items:
        for step in item.solution:
            assert squash(step) not in text
        for why in item.misconceptions.values():
            assert squash(why) not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_teacher_copy_is_the_answer_key(student: StudentWeekDocument, fmt: str) -> None:
    text = squash(text_of(student, fmt, "teacher"))
    assert "Answerkey" in text or "ANSWERKEY" in text
    for item in student.items:
        assert squash(item.stem) in text
        assert squash(item.solution[-1]) in text
        for why in item.misconceptions.values():
            assert squash(why) in text
    assert text.count("Answer:") == len(student.items)


def test_questions_follow_the_plan_and_the_plan_points_at_them(
    student: StudentWeekDocument,
) -> None:
    md = text_of(student, "md", "student")
    first_task = next(t for d in student.plan.days for t in d.tasks if t.item_ids)
    n = len(first_task.item_ids)
    assert ("Question 1" if n == 1 else f"Questions 1–{n}") in md
    first = next(i for i in student.items if i.id == first_task.item_ids[0])
    assert f"**1.** {documents.markdown_text(first.stem)}" in md


def test_docx_answer_key_only_in_the_teacher_copy(student: StudentWeekDocument) -> None:
    import docx

    student_doc = docx.Document(io.BytesIO(render(student, format="docx", copy="student")))
    teacher_doc = docx.Document(io.BytesIO(render(student, format="docx", copy="teacher")))
    assert student_doc.core_properties.title.startswith("Amara")
    answers = {i.answer for i in student.items}

    def key_cells(doc: docx.document.Document) -> list[str]:
        return [c.text for t in doc.tables for r in t.rows for c in r.cells if "Answer:" in c.text]

    assert key_cells(student_doc) == []
    keys = key_cells(teacher_doc)
    assert len(keys) == len(student.items)
    assert all(any(a in k for k in keys) for a in answers)
    # The mastery chart and each item's figure are images in both copies.
    figures = sum(item.figure is not None for item in student.items)
    for doc in (student_doc, teacher_doc):
        assert len(doc.inline_shapes) == 1 + figures


def test_pdf_text_and_unicode(student: StudentWeekDocument) -> None:
    pdf = render(student, format="pdf", copy="student")
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    # The font has the maths signs and accents the core PDF fonts lack.
    assert "÷" in text
    assert squash("Dividing fractions by fractions") in squash(text)
    assert "page 1 of" in text


def test_unicode_maths_and_names_survive_every_format() -> None:
    doc = student_document(name="Zoë Ñúñez-O'Brien")
    item = doc.items[0].model_copy(
        update={"stem": "What is 3 × ½ − 1 ÷ 4? Is x ≥ 2?", "hint": "Halve it: ½ of 3."}
    )
    doc = doc.model_copy(update={"items": [item, *doc.items[1:]]})
    for fmt in FORMATS:
        text = squash(text_of(doc, fmt, "student"))
        assert squash("Zoë Ñúñez") in text, fmt
        for sign in "×½−÷≥":
            assert sign in text, (fmt, sign)


def test_names_and_text_are_escaped() -> None:
    hostile = "<script>alert('x')</script> *Bo* [link](http://evil)"
    doc = student_document(name=hostile)
    html = render(doc, format="html").decode()
    assert "<script>" not in html and "&lt;script&gt;" in html
    # A resource whose URL is not http(s) is printed but never linked.
    assert 'href="javascript' not in html and "Inequalities &lt;video&gt; &amp; practice" in html
    md = render(doc, format="md").decode()
    assert "<script>" not in md and "\\<script\\>" in md and "\\*Bo\\*" in md
    assert "](javascript" not in md and "(<javascript" not in md
    for fmt in ("pdf", "docx"):
        assert "<script>alert('x')</script>" in text_of(doc, fmt, "student")


def test_html_is_self_contained_with_a_print_stylesheet(student: StudentWeekDocument) -> None:
    html = render(student, format="html").decode()
    assert "@page" in html and "@media print" in html and "break-inside: avoid" in html
    assert 'src="data:image/svg+xml;base64,' in html
    assert not re.search(r'(src|href)="(?!data:|https?:)', html), "no outside files"
    assert 'class="draft-banner"' not in html and 'class="draft-mark"' not in html


def test_only_approved_items_go_out_unless_draft() -> None:
    pending = student_document(status="draft")
    for fmt in ("md", "pdf"):
        text = squash(text_of(pending, fmt, "student"))
        assert all(squash(i.stem) not in text for i in pending.items)
        assert squash(f"{len(pending.items)} more questions will come") in text
    drafted = pending.model_copy(update={"draft": True})
    for fmt in FORMATS:
        text = text_of(drafted, fmt, "student")
        assert all(squash(i.stem) in squash(text) for i in pending.items)
        assert "DRAFT" in text, fmt


def test_draft_marks_every_pdf_page_and_the_docx_header() -> None:
    from pypdf import PdfReader

    doc = student_document(draft=True, count=12)
    reader = PdfReader(io.BytesIO(render(doc, format="pdf", copy="teacher")))
    assert len(reader.pages) > 1
    for page in reader.pages:
        assert "DRAFT — NOT YET APPROVED" in page.extract_text()
    import docx

    word = docx.Document(io.BytesIO(render(doc, format="docx")))
    assert all("DRAFT" in s.header.paragraphs[0].text for s in word.sections)
    html = render(doc, format="html").decode()
    assert 'class="draft-banner"' in html and 'class="draft-mark"' in html


def test_class_week_is_teacher_only(class_week_doc: ClassWeekDocument) -> None:
    with pytest.raises(UsageError, match="teacher only"):
        render(class_week_doc, format="pdf", copy="student")
    assert render(class_week_doc, format="md") == render(
        class_week_doc, format="md", copy="teacher"
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_class_week_has_overview_groups_and_every_answer_key(
    class_week_doc: ClassWeekDocument, fmt: str
) -> None:
    text = squash(text_of(class_week_doc, fmt, "teacher"))
    for heading in ("Class summary", "Small groups", "Stuck", "Common mistakes"):
        assert squash(heading) in text, heading
    assert squash("multiplied by the divisor instead of its reciprocal") in text
    for student in class_week_doc.students:
        assert squash(f"{student.student_name} — week of") in text
        for item in student.items:
            assert squash(item.stem) in text
    assert text.count("Answer:") == sum(len(s.items) for s in class_week_doc.students)
    # The summary names students by id; the class week puts their names back.
    assert "s2" not in re.findall(r"\bs\d\b", text_of(class_week_doc, "md", "teacher"))


def test_templates_can_be_overridden_and_stay_autoescaped(
    home: Path, student: StudentWeekDocument
) -> None:
    folder = home / "templates" / "documents"
    folder.mkdir(parents=True)
    (folder / "student_week.html.j2").write_text(
        "<h1>{{ page.name }}</h1>{{ page.questions | length }}", encoding="utf-8"
    )
    doc = student.model_copy(update={"student_name": "<b>Ann</b>"})
    assert render(doc, format="html") == f"<h1>&lt;b&gt;Ann&lt;/b&gt;</h1>{len(doc.items)}".encode()
    # Markdown is not HTML-escaped by Jinja; the shipped templates use the `md` filter.
    (folder / "student_week.md.j2").write_text("{{ page.name }}|{{ page.name | md }}")
    assert render(doc, format="md") == b"<b>Ann</b>|\\<b\\>Ann\\</b\\>"


def test_next_topics_template_still_renders() -> None:
    from edugen.schemas import SchoolTopics

    report = SchoolTopics(school="Demo", week=WEEK, classes=[])
    assert documents.render("next_topics.md.j2", report=report).startswith("# Demo")


def test_same_document_same_bytes(student: StudentWeekDocument) -> None:
    for fmt in FORMATS:
        assert render(student, format=fmt) == render(student, format=fmt), fmt


def test_file_names_are_safe(
    student: StudentWeekDocument, class_week_doc: ClassWeekDocument
) -> None:
    assert file_name(student, format="pdf") == "amara-2026-W49-student.pdf"
    assert file_name(student, format="docx", copy="teacher") == "amara-2026-W49-answer-key.docx"
    assert file_name(class_week_doc, format="html") == "maths-6a-2026-W49-class-week.html"
    odd = student.model_copy(update={"student_name": "../../etc/Zoë"})
    assert file_name(odd, format="md") == "etc-zoe-2026-W49-student.md"


def test_docx_is_a_valid_package(student: StudentWeekDocument) -> None:
    data = render(student, format="docx", copy="teacher")
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "word/document.xml" in names and any(n.startswith("word/media/") for n in names)


@pytest.mark.slow
def test_pdf_pages_render_to_png(tmp_path: Path, class_week_doc: ClassWeekDocument) -> None:
    """Rasterize the class week's pages (pypdfium2, from pip) and check they carry ink."""
    import pypdfium2
    from PIL import ImageStat

    pdf = pypdfium2.PdfDocument(render(class_week_doc, format="pdf"))
    assert len(pdf) >= 1 + len(class_week_doc.students)
    for index in range(len(pdf)):
        image = pdf[index].render(scale=60 / 72).to_pil().convert("L")
        assert image.size == (510, 660)  # US Letter at 60 dpi
        image.save(tmp_path / f"page-{index + 1}.png")
        darkest, lightest = image.getextrema()
        assert lightest == 255 and darkest < 100, index  # white paper with real text
        assert ImageStat.Stat(image).mean[0] > 200, index  # not a page of solid colour
    pdf.close()


@pytest.mark.slow
def test_an_html_page_renders_to_png_in_a_browser(
    tmp_path: Path, student: StudentWeekDocument
) -> None:
    """The student's HTML page as Chromium prints it: a real picture with text on paper."""
    import os
    import shutil
    import subprocess

    from PIL import Image, ImageStat

    browser = next(
        (
            found
            for name in ("chromium", "chromium-browser", "google-chrome")
            if (found := shutil.which(name))
        ),
        None,
    )
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("no chromium; scripts/ensure-chromium.sh installs it")
        pytest.skip("no chromium on this machine")
    page = tmp_path / "week.html"
    page.write_bytes(render(student, format="html", copy="student"))
    png = tmp_path / "week.png"
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--screenshot={png}",
            "--window-size=900,1400",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    image = Image.open(png).convert("L")
    assert image.size == (900, 1400)
    darkest, lightest = image.getextrema()
    assert lightest == 255 and darkest < 80  # white paper, dark text
    assert 180 < ImageStat.Stat(image).mean[0] < 252  # mostly paper, some ink
    # The name heading sits near the top: the first rows hold dark pixels.
    top = image.crop((0, 0, 900, 200))
    assert top.getextrema()[0] < 80


def test_items_are_real_practice_items(student: StudentWeekDocument) -> None:
    assert student.items and all(isinstance(i, PracticeItem) for i in student.items)
    assert {i.kind for i in student.items} >= {"multiple_choice", "numeric"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_bare_week_and_a_class_of_one_render(fmt: str) -> None:
    """One pending question, no resources or progress yet, no groups: nothing breaks."""
    doc = student_document(count=1, status="draft")
    doc = doc.model_copy(
        update={"mastery": [], "plan": doc.plan.model_copy(update={"resources": [], "summary": ""})}
    )
    text = squash(text_of(doc, fmt, "student"))
    assert squash("1 more question will come") in text
    week = build_class_week(
        ClassTopics(id="c", title="Solo", week=WEEK, students=[]), misconceptions=[], titles={}
    )
    class_week_doc = ClassWeekDocument(
        class_title="Solo", week=WEEK, class_week=week, students=[doc]
    )
    text = squash(text_of(class_week_doc, fmt, "teacher"))
    assert squash("0 students") in text and squash("No small groups this week.") in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_control_characters_in_names_and_items_never_crash_a_document(fmt: str) -> None:
    # A vertical tab and an ESC, as older imports may have stored them (#17.7).
    doc = student_document(name="Ann\x0bLee\x1b")
    # A multiple-choice item, so its options carry the characters too.
    first = next(i for i in doc.items if i.options)
    item = first.model_copy(
        update={
            "stem": f"Work\x0bit out\x1b: {first.stem}",
            "options": [f"{o}\x1b" for o in first.options or []],
            "answer": f"{first.answer}\x1b",
        }
    )
    doc = doc.model_copy(update={"items": [item if i is first else i for i in doc.items]})
    class_week_doc = class_week_document().model_copy(update={"students": [doc]})
    for document, copy in ((doc, "student"), (doc, "teacher"), (class_week_doc, "teacher")):
        data = render(document, format=fmt, copy=copy)  # type: ignore[arg-type]
        text = text_of(document, fmt, copy)
        assert "\x0b" not in text and "\x1b" not in text, (fmt, copy)
        if fmt in ("md", "html"):
            assert b"\x0b" not in data and b"\x1b" not in data, (fmt, copy)
        assert "Ann Lee" in text, (fmt, copy)
        assert squash("Work it out") in squash(text), (fmt, copy)


@pytest.mark.parametrize("name", ["李小龍", "山田太郎", "김민준"])
def test_cjk_names_print_on_pdf_copies(name: str) -> None:
    import pypdfium2

    doc = student_document(name=name)
    for copy in ("student", "teacher"):
        data = render(doc, format="pdf", copy=copy)
        page = pypdfium2.PdfDocument(data)[0].get_textpage()
        assert name in page.get_text_range(), copy
        # pypdf reads the CJK font's embedded CMap a byte at a time: a NUL before each
        # character, but the characters themselves (and so glyphs) are there.
        assert name in pdf_text(data).replace("\x00", ""), copy


def test_a_pdf_without_cjk_text_carries_no_cjk_font(student: StudentWeekDocument) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(render(student, format="pdf")))
    fonts = {str(f["/BaseFont"]) for p in reader.pages for f in p["/Resources"]["/Font"].values()}
    assert fonts and not any("CJK" in f for f in fonts), fonts


# --- figures and powers (issues #12 and #18) ----------------------------------------------


def figured_document() -> StudentWeekDocument:
    """A week whose first question shows a number line and whose second has a power."""
    from edugen.content.figures import number_line

    document = student_document()
    items = list(document.items)
    items[0] = items[0].model_copy(update={"figure": number_line(-3, 3, [-2, 1])})
    items[1] = items[1].model_copy(update={"stem": "Evaluate x^3 + 2^2 when x = 2."})
    return document.model_copy(update={"items": items})


@pytest.fixture(scope="module")
def figured() -> StudentWeekDocument:
    return figured_document()


@pytest.mark.parametrize("copy", ["student", "teacher"])
def test_html_inlines_the_figure_svg_labelled_and_writes_powers_as_sup(
    figured: StudentWeekDocument, copy: str
) -> None:
    out = render(figured, format="html", copy=copy).decode("utf-8")  # type: ignore[arg-type]
    alt = figured.items[0].figure.alt  # type: ignore[union-attr]
    svg = re.search(r"<svg[^>]*>", out)
    assert svg and 'role="img"' in svg[0] and f'aria-label="{html.escape(alt)}"' in svg[0]
    assert "x<sup>3</sup> + 2<sup>2</sup>" in out
    assert "x^3" not in out


def test_only_a_figure_is_marked_safe_never_user_text() -> None:
    document = figured_document()
    items = list(document.items)
    items[1] = items[1].model_copy(update={"stem": "<svg onload=alert(1)> x^2"})
    out = render(document.model_copy(update={"items": items}), format="html").decode()
    assert "<svg onload" not in out and "&lt;svg onload=alert(1)&gt; x<sup>2</sup>" in out
    env = documents.environment()
    assert env.from_string("{{ '<b>x</b>' | figure }}").render() == ""


def test_markdown_prints_the_figure_text_and_keeps_powers_plain(
    figured: StudentWeekDocument,
) -> None:
    from edugen.content.figures import as_text

    out = text_of(figured, "md", "student")
    assert as_text(figured.items[0].figure) in out  # type: ignore[arg-type]
    assert "Evaluate x^3 + 2^2 when x = 2." in out


def test_pdf_draws_the_figure_on_its_question_page_with_its_alt_text(
    figured: StudentWeekDocument,
) -> None:
    from pypdf import PdfReader

    alt = figured.items[0].figure.alt  # type: ignore[union-attr]
    for copy in ("student", "teacher"):
        reader = PdfReader(io.BytesIO(render(figured, format="pdf", copy=copy)))  # type: ignore[arg-type]
        text = "\n".join(p.extract_text() for p in reader.pages)
        assert squash(alt.replace("−", "-")) in squash(text.replace("−", "-"))
        assert "x³ + 2²" in text and "x^3" not in text
        pages_with_alt = [p for p in reader.pages if squash(alt)[:30] in squash(p.extract_text())]
        assert pages_with_alt
        # fpdf2 draws an SVG as vector paths in the page itself (no image XObject): the
        # number line's ticks are line segments on the page that carries its alt text.
        content = pages_with_alt[0].get_contents().get_data().decode("latin-1")
        assert len(re.findall(r" l\b", content)) >= 7


def test_docx_shows_the_figure_as_a_described_picture_and_powers_as_superscripts(
    figured: StudentWeekDocument,
) -> None:
    import docx
    from docx.oxml.ns import qn
    from PIL import Image

    alt = figured.items[0].figure.alt  # type: ignore[union-attr]
    doc = docx.Document(io.BytesIO(render(figured, format="docx", copy="student")))
    described = [p for p in doc.element.body.iter(qn("wp:docPr")) if p.get("descr") == alt]
    assert described
    assert doc.inline_shapes
    pngs = [p.blob for p in doc.part.package.parts if p.content_type == "image/png"]
    # 480 CSS px at 300 dpi (the mastery chart is a PNG too).
    assert max(Image.open(io.BytesIO(png)).width for png in pngs) >= 1400
    assert alt in docx_text(render(figured, format="docx", copy="student"))
    sup = [
        r.text
        for p in doc.paragraphs
        for r in p.runs
        if r.font.superscript and r.text in ("3", "2")
    ]
    assert sup[:2] == ["3", "2"]


def test_a_figured_pdf_page_and_html_copy_render_to_png(
    tmp_path: Path, figured: StudentWeekDocument
) -> None:
    import pypdfium2
    from PIL import ImageStat

    pdf = pypdfium2.PdfDocument(render(figured, format="pdf", copy="student"))
    image = pdf[1 if len(pdf) > 1 else 0].render(scale=100 / 72).to_pil().convert("L")
    image.save(tmp_path / "figured.png")
    pdf.close()
    assert ImageStat.Stat(image).mean[0] > 200
    (tmp_path / "figured.html").write_bytes(render(figured, format="html", copy="student"))
