"""Accommodations change the student's copy and are shown on it; reading levels hold for all.

The demo school's week is generated twice for the same students (fake backend): once with
the accommodations the demo gives them, once with none. Same student, same week, same
seeds: whatever differs is what the accommodation did. Exports go through the CLI.
"""

from __future__ import annotations

import io
import math
import os
import re
import shutil
import zipfile
from collections.abc import Iterable
from pathlib import Path

import pytest
from pydantic import BaseModel
from sqlalchemy import update

from edugen.content import accommodations
from edugen.content.families import all_families
from edugen.profiles import generated
from edugen.profiles.db import Database
from edugen.profiles.models import Student
from edugen.schemas import PracticeItem, WeeklyPlan
from edugen.validators import Rules, validate
from edugen.validators.text import check_reading_grade, reading_grade, word_count
from tests.conftest import Run, make_runner
from tests.test_export_cli import docx_text, ok, pdf_text, set_status

WEEK = "2026-W49"
FAKE = ("--backend", "fake", "--no-log")
AMARA = "demo-s001"  # none
SOFIA = "demo-s003"  # read_aloud, simplified_language; speaks Spanish at home
KWAME = "demo-s010"  # extended_time, 15 minutes a day
NOAH = "demo-s014"  # read_aloud, reduced_items
TARIQ = "demo-s018"  # calculator
KAI = "demo-s031"  # large_print
STUDENTS = (AMARA, SOFIA, KWAME, NOAH, TARIQ, KAI)


def _week(home: Path, *, flags: bool) -> Path:
    path = home / "edugen.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("EDUGEN_HOME", str(home))
        run = make_runner(f"sqlite:///{path}")
        assert run("demo", "--week", WEEK).exit_code == 0
        if not flags:
            db = Database(f"sqlite:///{path}")
            with db.begin() as session:
                session.execute(update(Student).values(accommodations=[]))
            db.dispose()
        students = [a for sid in STUDENTS for a in ("--student", sid)]
        # No --count: each week holds as many questions as the student's minutes do.
        made = run("generate", "plan", *students, "--week", WEEK, *FAKE)
    assert made.exit_code == 0, made.output
    set_status(f"sqlite:///{path}", STUDENTS)
    return path


@pytest.fixture(scope="module")
def with_flags(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _week(tmp_path_factory.mktemp("with-flags"), flags=True)


@pytest.fixture(scope="module")
def without_flags(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _week(tmp_path_factory.mktemp("without-flags"), flags=False)


@pytest.fixture
def run(home: Path, with_flags: Path) -> Run:
    target = home / "edugen.db"
    shutil.copy(with_flags, target)
    return make_runner(f"sqlite:///{target}")


def stored(path: Path, student_id: str) -> tuple[WeeklyPlan, list[PracticeItem]]:
    db = Database(f"sqlite:///{path}")
    try:
        with db.begin() as session:
            row = generated.current_plan(session=session, student_id=student_id, week=WEEK)
            assert row is not None
            plan = WeeklyPlan.model_validate(row.content)
            items = generated.week_items(session=session, student_ids=[student_id], week=WEEK)
    finally:
        db.dispose()
    return plan, items.get(student_id, [])


def export(run: Run, out: Path, student: str, fmt: str, *extra: str) -> list[str]:
    """Export one student's plan into `out` (a fresh folder); the names of its files."""
    assert not out.exists()
    args = ("export", "plan", "--student", student, "--week", WEEK, "--format", fmt)
    ok(run(*args, "--out", out, *extra))
    return sorted(p.name for p in out.iterdir())


def minutes_per_question(plan: WeeklyPlan) -> float:
    tasks = [t for d in plan.days for t in d.tasks if t.item_ids]
    return sum(t.minutes for t in tasks) / sum(len(t.item_ids) for t in tasks)


def copy_minutes_per_question(copy: str) -> float:
    """Minutes per question from the practice rows of a Markdown student copy."""
    minutes = questions = 0
    for got, numbers in re.findall(r"\((\d+) min\) — Questions? ([\d–, ]+)", copy):
        minutes += int(got)
        for part in numbers.strip().split(", "):
            first, _, last = part.partition("–")
            questions += int(last or first) - int(first) + 1
    assert questions, copy
    return minutes / questions


def test_reduced_items_gives_fewer_questions_on_the_same_topics(
    with_flags: Path, without_flags: Path, run: Run, tmp_path: Path
) -> None:
    plan_before, before = stored(without_flags, NOAH)
    plan_after, after = stored(with_flags, NOAH)
    topics = {i.topic for i in before}
    # the count the minutes hold (less the shares of picks no family covers yet, which are
    # gaps), more than two a topic ...
    assert len(before) > 2 * len(topics)
    # ... cut to REDUCED_SHARE of it, every topic still practised.
    assert len(after) == max(math.ceil(len(before) * accommodations.REDUCED_SHARE), len(topics))
    assert len(after) < len(before)
    assert {i.topic for i in after} == topics  # every topic still practised
    assert {i.id for i in after} <= {i.id for i in before}  # the same questions, fewer
    # Less work, not the same minutes stretched over fewer questions: a shorter day.
    assert plan_after.minutes_per_day < plan_before.minutes_per_day == 15
    assert minutes_per_question(plan_after) <= 1.3 * minutes_per_question(plan_before)
    out = tmp_path / "md"
    export(run, out, NOAH, "md")
    copy = (out / f"{NOAH}-{WEEK}-plan.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^\*\*\d+\.\*\*", copy, re.M)) == len(after)
    assert "Reduced items: fewer questions this week, every topic still covered" in copy


def test_others_keep_the_full_count(with_flags: Path, without_flags: Path) -> None:
    for sid in (AMARA, KWAME, TARIQ, KAI):
        assert len(stored(with_flags, sid)[1]) == len(stored(without_flags, sid)[1]), sid


def test_extended_time_gives_each_question_more_minutes(
    with_flags: Path, without_flags: Path, run: Run, tmp_path: Path
) -> None:
    plan_before, _ = stored(without_flags, KWAME)
    plan_after, _ = stored(with_flags, KWAME)
    assert plan_before.minutes_per_day == 15
    assert plan_after.minutes_per_day == accommodations.plan_minutes(15, ["extended_time"]) > 20
    assert plan_after.item_ids == plan_before.item_ids  # the same work ...
    ratio = minutes_per_question(plan_after) / minutes_per_question(plan_before)
    assert 1.35 <= ratio <= 1.8, ratio  # ... with about half as long again for each question
    # Others are not given more time.
    assert stored(with_flags, AMARA)[0].minutes_per_day == 20
    out = tmp_path / "md"
    export(run, out, KWAME, "md")
    copy = (out / f"{KWAME}-{WEEK}-plan.md").read_text(encoding="utf-8")
    assert f"{plan_after.minutes_per_day} minutes a day" in copy
    assert "Extended time: 1.5 × the minutes for each question" in copy
    # The copy gives each question more minutes too.
    out_before = tmp_path / "md-before"
    export(make_runner(f"sqlite:///{without_flags}"), out_before, KWAME, "md")
    copy_before = (out_before / f"{KWAME}-{WEEK}-plan.md").read_text(encoding="utf-8")
    assert copy_minutes_per_question(copy) >= 1.35 * copy_minutes_per_question(copy_before)


def test_calculator_marks_computation_items_in_provenance_and_on_the_copy(
    with_flags: Path, without_flags: Path, run: Run, tmp_path: Path
) -> None:
    _, items = stored(with_flags, TARIQ)
    marked = [i for i in items if accommodations.calculator_allowed(i)]
    assert marked, "no computation item was marked"
    assert all(accommodations.is_computation(i) for i in marked)
    assert all(i.provenance.stored().get("calculator") is True for i in marked)
    # A question whose answer is not a number (an inequality, a word) is not marked.
    unmarked = [i for i in items if not accommodations.calculator_allowed(i)]
    assert all(not accommodations.is_computation(i) for i in unmarked)
    assert not any(accommodations.calculator_allowed(i) for i in stored(without_flags, TARIQ)[1])
    assert not any(accommodations.calculator_allowed(i) for i in stored(with_flags, AMARA)[1])
    out = tmp_path / "md"
    export(run, out, TARIQ, "md")
    student = (out / f"{TARIQ}-{WEEK}-plan.md").read_text(encoding="utf-8")
    key = (out / f"{TARIQ}-{WEEK}-plan-key.md").read_text(encoding="utf-8")
    for copy in (student, key):
        assert copy.count("**Calculator allowed**") == len(marked)
        assert "Calculator allowed on the questions marked" in copy


def pdf_font_sizes(data: bytes) -> list[float]:
    from pypdf import PdfReader

    sizes = []
    for page in PdfReader(io.BytesIO(data)).pages:
        stream = page.get_contents()
        assert stream is not None
        sizes += [float(s) for s in re.findall(rb"/F\w*\s+([\d.]+)\s+Tf", stream.get_data())]
    return sizes


def docx_sizes(data: bytes) -> tuple[float, list[float]]:
    """The body size, and every size a run or a style in use sets."""
    import docx

    doc = docx.Document(io.BytesIO(data))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body_xml = package.read("word/document.xml")
    # w:sz is in half points; styles the document never uses (Title, Quote …) are left out.
    sizes = [int(v) / 2 for v in re.findall(rb'<w:sz w:val="(\d+)"', body_xml)]
    used = {p.style.name for p in doc.paragraphs if p.style is not None}
    sizes += [s.font.size.pt for s in doc.styles if s.name in used and s.font.size is not None]
    return doc.styles["Normal"].font.size.pt, sizes


def test_large_print_copy_in_html_pdf_and_docx(run: Run, tmp_path: Path) -> None:
    for fmt in ("html", "pdf", "docx"):
        export(run, tmp_path / fmt, KAI, fmt)
    html = (tmp_path / "html" / f"{KAI}-{WEEK}-plan.html").read_text(encoding="utf-8")
    assert 'class="large-print"' in html and "font-size: 18.0pt" in html
    assert "large print" in html and "Large print" in html
    key_html = (tmp_path / "html" / f"{KAI}-{WEEK}-plan-key.html").read_text(encoding="utf-8")
    assert 'class="large-print"' not in key_html and "Large print" in key_html

    pdf = (tmp_path / "pdf" / f"{KAI}-{WEEK}-plan.pdf").read_bytes()
    sizes = pdf_font_sizes(pdf)
    assert min(sizes) >= 18 and max(sizes) >= 28  # every line large; headings larger still
    key_sizes = pdf_font_sizes((tmp_path / "pdf" / f"{KAI}-{WEEK}-plan-key.pdf").read_bytes())
    assert min(key_sizes) < 10  # the teacher's key stays in normal print
    assert "LARGEPRINT" in re.sub(r"\s+", "", pdf_text(pdf))

    docx = (tmp_path / "docx" / f"{KAI}-{WEEK}-plan.docx").read_bytes()
    body, sizes = docx_sizes(docx)
    assert body >= 18 and min(sizes) >= 18 and max(sizes) > 20
    key_body, _ = docx_sizes((tmp_path / "docx" / f"{KAI}-{WEEK}-plan-key.docx").read_bytes())
    assert key_body < 12
    assert "Large print" in docx_text(docx)


def test_normal_copies_stay_in_normal_print(run: Run, tmp_path: Path) -> None:
    export(run, tmp_path / "pdf", AMARA, "pdf")
    sizes = pdf_font_sizes((tmp_path / "pdf" / f"{AMARA}-{WEEK}-plan.pdf").read_bytes())
    assert min(sizes) < 10 and max(sizes) < 20


@pytest.mark.parametrize("fmt", ["md", "html", "pdf", "docx"])
def test_each_accommodation_is_listed_on_the_student_copy_and_the_answer_key(
    run: Run, tmp_path: Path, fmt: str
) -> None:
    if fmt == "html" and shutil.which("espeak-ng") is None:
        pytest.skip("Noah's HTML copy needs espeak-ng (see the read-aloud tests)")
    export(run, tmp_path / "out", NOAH, fmt)
    readers = {
        "md": lambda p: p.read_text(encoding="utf-8"),
        "html": lambda p: re.sub(r"<[^>]+>", " ", p.read_text(encoding="utf-8")),
        "pdf": lambda p: pdf_text(p.read_bytes()),
        "docx": lambda p: docx_text(p.read_bytes()),
    }
    for name in (f"{NOAH}-{WEEK}-plan.{fmt}", f"{NOAH}-{WEEK}-plan-key.{fmt}"):
        text = re.sub(r"\s+", "", readers[fmt](tmp_path / "out" / name))
        assert "Accommodations:" in text, name
        for line in accommodations.describe(["read_aloud", "reduced_items"]):
            assert re.sub(r"\s+", "", line) in text, (name, line)
    export(run, tmp_path / "none", AMARA, fmt)
    assert "Accommodations" not in readers[fmt](tmp_path / "none" / f"{AMARA}-{WEEK}-plan.{fmt}")


def need_espeak() -> None:
    if shutil.which("espeak-ng") is None:
        if os.environ.get("CI"):
            pytest.fail("no espeak-ng; scripts/ensure-espeak.sh installs it")
        pytest.skip("no espeak-ng on this machine")


def test_read_aloud_gives_a_recording_per_question_and_note_linked_from_the_html(
    run: Run, with_flags: Path, tmp_path: Path
) -> None:
    need_espeak()
    out = tmp_path / "out"
    files = export(run, out, NOAH, "html")
    plan, items = stored(with_flags, NOAH)
    stem = f"{NOAH}-{WEEK}-plan"
    wanted = [f"{stem}-note.wav"] + [f"{stem}-q{n}.wav" for n in range(1, len(items) + 1)]
    assert sorted(f for f in files if f.endswith(".wav")) == sorted(wanted)
    html = (out / f"{stem}.html").read_text(encoding="utf-8")
    for name in wanted:
        data = (out / name).read_bytes()
        assert data[:4] == b"RIFF" and data[8:12] == b"WAVE" and len(data) > 10_000, name
        assert f'href="{name}"' in html and f'src="{name}"' in html, name
    # The answer key links none; a student without read_aloud gets no recordings.
    assert ".wav" not in (out / f"{stem}-key.html").read_text(encoding="utf-8")
    assert plan.summary
    others = export(run, tmp_path / "amara", AMARA, "html")
    assert not [f for f in others if f.endswith(".wav")]


def test_read_aloud_recordings_come_only_with_html(run: Run, tmp_path: Path) -> None:
    files = export(run, tmp_path / "out", NOAH, "pdf")
    assert files == sorted([f"{NOAH}-{WEEK}-plan.pdf", f"{NOAH}-{WEEK}-plan-key.pdf"])


def test_without_espeak_the_export_says_so_and_writes_nothing(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    out = tmp_path / "out"
    args = ("export", "plan", "--student", AMARA, "--student", NOAH, "--week", WEEK)
    result = run(*args, "--format", "html", "--out", out)
    assert result.exit_code == 1
    assert "needs espeak-ng, which is not installed; nothing was written" in result.output
    assert "apt-get install espeak-ng" in result.output
    assert not out.exists() or not list(out.iterdir())
    # Formats that carry no recordings are not held up.
    ok(run(*args, "--format", "pdf", "--out", tmp_path / "pdf"))


# --- reading level ----------------------------------------------------------------------


class Note(BaseModel):
    text: str


HARD = (
    "Notwithstanding considerable methodological heterogeneity, contemporary investigations "
    "demonstrate substantial correlations between socioeconomic circumstances and outcomes."
)


def test_the_reading_level_holds_for_a_student_who_speaks_another_language_at_home() -> None:
    # Sofía's language is Spanish; every text she is given is English, so her level holds.
    problems = validate(Note(text=HARD), Rules(reading_level=4.6))
    assert [p.check for p in problems] == ["reading_grade"]
    assert check_reading_grade(HARD, 4.6) != []


# Family questions are checked against a student reading at the topic's grade, with the
# validators' one-grade margin. A family that writes above that is listed here, strict xfail,
# with (questions scored, questions over, hardest grade) from 5 tiers × 8 seeds × each kind;
# none does now.
MARGIN = 1.0
OVER_LEVEL: dict[str, tuple[int, int, float]] = {}


def _grade(topic: str) -> int:
    return int(topic.split(".", 1)[0])


def _over(family_name: str) -> tuple[int, list[tuple[int, float, str]]]:
    family = next(f for f in all_families() if f.name == family_name)
    level = _grade(family.topic)
    scored, over = 0, []
    for tier in range(1, 6):
        for seed in range(8):
            for kind in family.kinds:
                question = family.generate(tier, seed, kind).question
                if word_count(question) < 10:
                    continue
                scored += 1
                if check_reading_grade(question, level, slack=MARGIN):
                    over.append((tier, round(reading_grade(question), 1), question))
    return scored, over


def _cases() -> Iterable[object]:
    for family in all_families():
        marks = []
        if family.name in OVER_LEVEL:
            scored, n, hardest = OVER_LEVEL[family.name]
            reason = f"{n} of {scored} questions read above grade {_grade(family.topic) + 1}"
            marks.append(pytest.mark.xfail(strict=True, reason=f"{reason} (up to {hardest})"))
        yield pytest.param(family.name, marks=marks, id=family.name)


@pytest.mark.parametrize("family_name", list(_cases()))
def test_family_questions_read_within_the_grade_of_their_topic(family_name: str) -> None:
    _, over = _over(family_name)
    assert not over, over[:3]
