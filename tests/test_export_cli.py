"""edugen export: stored content out as documents and LMS packages, approved content only.

The demo school is loaded and a week generated (fake backend) once per module, then copied
for each test. Content is approved by setting statuses directly: the review commands are
not what these tests are about.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import sqlite3
import zipfile
from collections.abc import Iterable
from pathlib import Path

import pytest
from click.testing import Result
from lxml import etree
from sqlalchemy import select, update

from edugen.exporters.lms import safe_id
from edugen.profiles import generated
from edugen.profiles.db import Database
from edugen.profiles.models import Assignment, ContentStatus, Item
from edugen.workflows.export import safe_file_stem
from tests.conftest import Run, make_runner, xml_schema

WEEK = "2026-W49"
NEXT = "2026-W50"
CLASS = "demo-6a"
YUSUF = "demo-s004"  # Yusuf Demir
ELI = "demo-s008"  # Elijah Brooks, who goes by Eli
CLASS_STUDENTS = [f"demo-s{n:03d}" for n in range(1, 26)]
FAKE = ("--backend", "fake", "--no-log")
QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
SAFE_NAME = re.compile(r"[A-Za-z0-9_-]+\.[a-z.]+")


@pytest.fixture(scope="module")
def week_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("export-home")
    path = home / "edugen.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("EDUGEN_HOME", str(home))
        run = make_runner(f"sqlite:///{path}")
        assert run("demo", "--week", WEEK).exit_code == 0
        made = run("generate", "plan", "--class", CLASS, "--week", WEEK, "--count", "3", *FAKE)
    assert made.exit_code == 0, made.output
    return path


@pytest.fixture
def url(home: Path, week_template: Path) -> str:
    target = home / "edugen.db"
    shutil.copy(week_template, target)
    return f"sqlite:///{target}"


@pytest.fixture
def run(url: str) -> Run:
    return make_runner(url)


def set_status(
    url: str,
    student_ids: Iterable[str],
    status: str = "approved",
    *,
    plans: bool = True,
    items: bool = True,
    week: str = WEEK,
) -> None:
    """Set the status of the students' current plans and assigned items for the week."""
    ids = list(student_ids)
    db = Database(url)
    try:
        with db.begin() as session:
            if plans:
                for sid in ids:
                    plan = generated.current_plan(session=session, student_id=sid, week=week)
                    assert plan is not None, sid
                    plan.status = ContentStatus(status)
            if items:
                assigned = select(Assignment.item_id).where(
                    Assignment.student_id.in_(ids), Assignment.week == week
                )
                session.execute(
                    update(Item).where(Item.id.in_(assigned)).values(status=ContentStatus(status))
                )
    finally:
        db.dispose()


def item_ids(url: str, student_ids: Iterable[str], week: str = WEEK) -> list[str]:
    db = Database(url)
    try:
        with db.begin() as session:
            return list(
                session.scalars(
                    select(Assignment.item_id)
                    .where(Assignment.student_id.in_(list(student_ids)), Assignment.week == week)
                    .order_by(Assignment.id)
                )
            )
    finally:
        db.dispose()


def set_item_status(url: str, item_id: str, status: str) -> None:
    db = Database(url)
    try:
        with db.begin() as session:
            session.execute(
                update(Item).where(Item.id == item_id).values(status=ContentStatus(status))
            )
    finally:
        db.dispose()


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    return result


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def docx_text(data: bytes) -> str:
    import docx

    doc = docx.Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs]
    return "\n".join(parts)


def text_of(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".pdf":
        return pdf_text(data)
    if path.suffix == ".docx":
        return docx_text(data)
    text = data.decode("utf-8")
    if path.suffix == ".html":
        text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\\(.)", r"\1", text)  # Markdown escapes, as a reader sees the text


def parse(data: bytes) -> etree._Element:
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


@pytest.fixture(scope="module")
def qti_schema() -> etree.XMLSchema:
    return xml_schema("qti/qtiv2p1/imsqti_v2p1.xsd")


def qti_tests(package: zipfile.ZipFile) -> list[str]:
    """The assessmentTest files a QTI 2.1 package's manifest lists."""
    manifest = parse(package.read("imsmanifest.xml"))
    return [
        r.get("href", "")
        for r in manifest.iter("{*}resource")
        if r.get("type") == "imsqti_test_xmlv2p1"
    ]


def students(run: Run) -> dict[str, dict[str, str]]:
    listed = ok(run("students", "list", "--class", CLASS, "--json"))
    return {s["id"]: s for s in json.loads(listed.stdout)}


# --- the required interface -------------------------------------------------------------


def test_questions_for_a_class_as_qti21_with_drafts_is_the_required_interface(
    run: Run, url: str, tmp_path: Path, qti_schema: etree.XMLSchema
) -> None:
    out = tmp_path / "lms"
    result = ok(
        run(
            "export", "items", "--class", CLASS, "--week", WEEK, "--format", "qti21",
            "--include-drafts", "--out", out,
        )
    )  # fmt: skip
    assert names(out) == [f"{CLASS}-{WEEK}-qti21.zip"]
    assert str(out / f"{CLASS}-{WEEK}-qti21.zip") in result.stdout
    assert "DRAFT" in result.stderr
    class_items = set(item_ids(url, CLASS_STUDENTS))
    with zipfile.ZipFile(out / f"{CLASS}-{WEEK}-qti21.zip") as package:
        entries = package.namelist()
        items = [n for n in entries if n.startswith("items/")]
        assert len(items) == len(class_items) > 0
        first = parse(package.read(items[0]))
        assert qti_schema.validate(first), qti_schema.error_log
        tests = [parse(package.read(name)) for name in qti_tests(package)]
    assert len(tests) == len(CLASS_STUDENTS)  # one per student
    for test in tests:
        assert qti_schema.validate(test), qti_schema.error_log
        assert test.get("title", "").startswith("DRAFT")


def test_drafts_are_not_exported_without_include_drafts(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "lms"
    result = run(
        "export", "items", "--class", CLASS, "--week", WEEK, "--format", "qti21",
        "--out", out,
    )  # fmt: skip
    assert result.exit_code == 1
    assert "--include-drafts" in result.output and "edugen review approve" in result.output
    assert "drafts" in result.output
    assert not out.exists()
    plan = run("export", "plan", "--class", CLASS, "--week", WEEK, "--format", "md", "--out", out)
    assert plan.exit_code == 1 and "25 plans are drafts" in plan.output
    assert not out.exists()


def test_a_week_never_generated_says_so(run: Run, tmp_path: Path) -> None:
    result = run(
        "export", "plan", "--student", YUSUF, "--week", NEXT, "--format", "md", "--out", tmp_path
    )
    assert result.exit_code == 1
    assert "nothing stored" in result.output and "edugen generate plan" in result.output


def test_usage_errors(run: Run, tmp_path: Path) -> None:
    common = ("--week", WEEK, "--out", tmp_path / "x")
    both = run("export", "plan", "--student", YUSUF, "--class", CLASS, "--format", "md", *common)
    assert both.exit_code == 2
    neither = run("export", "plan", "--format", "md", *common)
    assert neither.exit_code == 2
    class_week = run("export", "class", "--student", YUSUF, "--format", "pdf", *common)
    assert class_week.exit_code == 2
    plan_lms = run("export", "plan", "--student", YUSUF, "--format", "qti21", *common)
    assert plan_lms.exit_code == 2 and "export items" in plan_lms.output
    unknown = run("export", "items", "--class", CLASS, "--format", "scorm", *common)
    assert unknown.exit_code == 2
    missing = run("export", "items", "--class", "no-such", "--format", "json", *common)
    assert missing.exit_code == 1 and "no-such" in missing.output
    assert not (tmp_path / "x").exists()


# --- what goes out ----------------------------------------------------------------------


def test_only_approved_items_and_never_rejected_or_retired(
    run: Run, url: str, tmp_path: Path
) -> None:
    set_status(url, [YUSUF, ELI], plans=False)
    yusuf, eli = item_ids(url, [YUSUF]), item_ids(url, [ELI])
    set_item_status(url, yusuf[0], "rejected")
    set_item_status(url, eli[0], "retired")
    set_item_status(url, eli[1], "published")
    out = tmp_path / "json"
    ok(
        run(
            "export",
            "items",
            "--class",
            CLASS,
            "--week",
            WEEK,
            "--format",
            "json",
            "--out",
            out,
        )
    )
    exported = json.loads((out / f"{CLASS}-{WEEK}.json").read_text())
    assert sorted(i["id"] for i in exported) == sorted(yusuf[1:] + eli[1:])
    # With drafts: every other student's drafts too, still no rejected or retired item.
    drafted = ok(
        run(
            "export", "items", "--class", CLASS, "--week", WEEK, "--format", "json",
            "--out", out, "--include-drafts", "--force",
        )
    )  # fmt: skip
    ids = {i["id"] for i in json.loads((out / f"{CLASS}-{WEEK}.json").read_text())}
    assert yusuf[0] not in ids and eli[0] not in ids
    assert set(yusuf[1:] + eli[1:]) < ids
    assert "DRAFT" in drafted.stderr


def test_one_package_per_student_named_by_id(run: Run, url: str, tmp_path: Path) -> None:
    set_status(url, [YUSUF, ELI], plans=False)
    out = tmp_path / "gift"
    result = ok(
        run(
            "export", "items", "--student", YUSUF, "--student", ELI, "--week", WEEK,
            "--format", "gift", "--out", out,
        )
    )  # fmt: skip
    assert names(out) == sorted([f"{YUSUF}-{WEEK}.gift.txt", f"{ELI}-{WEEK}.gift.txt"])
    assert result.stderr == ""
    gift = (out / f"{YUSUF}-{WEEK}.gift.txt").read_text()
    assert gift.count("::") >= 2 * len(item_ids(url, [YUSUF]))


def test_plan_as_markdown_student_copy_and_answer_key(run: Run, url: str, tmp_path: Path) -> None:
    set_status(url, [YUSUF, ELI])
    out = tmp_path / "md"
    result = ok(
        run("export", "plan", "--class", CLASS, "--week", WEEK, "--format", "md", "--out", out)
    )
    assert names(out) == sorted(
        f"{sid}-{WEEK}-plan{key}.md" for sid in (YUSUF, ELI) for key in ("", "-key")
    )
    # The other 23 students' plans are drafts: left out, and said so on stderr.
    assert result.stderr.count("not exported: the plan is draft") == 23
    student = text_of(out / f"{YUSUF}-{WEEK}-plan.md")
    key = text_of(out / f"{YUSUF}-{WEEK}-plan-key.md")
    assert "Yusuf Demir" in student and "Yusuf Demir" in key
    assert "Student copy" in student and "Answer:" not in student
    assert "Answer key" in key and key.count("Answer:") == len(item_ids(url, [YUSUF]))
    assert "DRAFT" not in student + key
    # Preferred name first: Elijah goes by Eli.
    assert "Eli Brooks" in text_of(out / f"{ELI}-{WEEK}-plan.md")
    # Names are in the documents, never in the file names.
    assert not any("yusuf" in n.lower() or "eli-" in n.lower() for n in names(out))


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_plan_in_every_document_format_keeps_the_key_in_the_key_file(
    run: Run, url: str, tmp_path: Path, fmt: str
) -> None:
    set_status(url, [YUSUF])
    out = tmp_path / fmt
    ok(run("export", "plan", "--student", YUSUF, "--week", WEEK, "--format", fmt, "--out", out))
    assert names(out) == [f"{YUSUF}-{WEEK}-plan-key.{fmt}", f"{YUSUF}-{WEEK}-plan.{fmt}"]
    student = text_of(out / f"{YUSUF}-{WEEK}-plan.{fmt}")
    key = text_of(out / f"{YUSUF}-{WEEK}-plan-key.{fmt}")
    assert "Yusuf Demir" in student and "Yusuf Demir" in key
    assert "Answer:" not in student and "Answer:" in key
    assert "DRAFT" not in student


def test_questions_as_documents_are_the_student_worksheets(
    run: Run, url: str, tmp_path: Path
) -> None:
    set_status(url, [YUSUF])
    out = tmp_path / "sheets"
    ok(
        run(
            "export",
            "items",
            "--student",
            YUSUF,
            "--week",
            WEEK,
            "--format",
            "md",
            "--out",
            out,
        )
    )
    assert names(out) == [f"{YUSUF}-{WEEK}-items.md"]
    sheet = text_of(out / f"{YUSUF}-{WEEK}-items.md")
    assert "Student copy" in sheet and "Practice questions" in sheet and "Answer:" not in sheet


def test_approved_plan_with_draft_questions_leaves_the_questions_out(
    run: Run, url: str, tmp_path: Path
) -> None:
    set_status(url, [YUSUF], items=False)
    out = tmp_path / "md"
    ok(run("export", "plan", "--student", YUSUF, "--week", WEEK, "--format", "md", "--out", out))
    key = text_of(out / f"{YUSUF}-{WEEK}-plan-key.md")
    assert "Answer:" not in key and "will come once your teacher has checked them" in key


@pytest.mark.parametrize("fmt", ["pdf", "docx", "md"])
def test_class_week_is_the_teachers_with_every_approved_answer_key(
    run: Run, url: str, tmp_path: Path, fmt: str
) -> None:
    set_status(url, [YUSUF, ELI])
    out = tmp_path / "class-week"
    ok(run("export", "class", "--class", CLASS, "--week", WEEK, "--format", fmt, "--out", out))
    assert names(out) == [f"{CLASS}-{WEEK}-class.{fmt}"]
    text = text_of(out / f"{CLASS}-{WEEK}-class.{fmt}")
    squashed = re.sub(r"\s+", "", text)
    assert re.sub(r"\s+", "", "Math 6 — Period 1") in squashed
    assert "YusufDemir" in squashed and "EliBrooks" in squashed
    assert "AmaraOkafor—weekof" not in squashed  # demo-s001's plan is still a draft
    assert text.count("Answer:") == len(item_ids(url, [YUSUF, ELI]))
    assert "DRAFT" not in text


def test_a_class_week_override_under_the_old_class_packet_name_is_still_read(
    run: Run, url: str, home: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """class_packet.*.j2 became class_week.*.j2: a user's override under the old file name
    (which calls the layout `packet`) is used for one more release, with a warning naming
    the new name; an override under the new name wins."""
    set_status(url, [YUSUF])
    folder = home / "templates" / "documents"
    folder.mkdir(parents=True)
    (folder / "class_packet.md.j2").write_text(
        "OLD OVERRIDE {{ packet.class_title }}: {{ packet.student_count }} students\n",
        encoding="utf-8",
    )
    out = tmp_path / "old"
    with caplog.at_level("WARNING", logger="edugen.exporters.documents"):
        ok(run("export", "class", "--class", CLASS, "--week", WEEK, "--format", "md", "--out", out))
    assert (
        text_of(out / f"{CLASS}-{WEEK}-class.md") == "OLD OVERRIDE Math 6 — Period 1: 25 students\n"
    )
    assert "class_packet.md.j2" in caplog.text and "now called 'class_week.md.j2'" in caplog.text
    # Only the Markdown one was overridden: HTML comes from the shipped class_week.html.j2.
    caplog.clear()
    with caplog.at_level("WARNING", logger="edugen.exporters.documents"):
        ok(
            run(
                "export",
                "class",
                "--class",
                CLASS,
                "--week",
                WEEK,
                "--format",
                "html",
                "--out",
                tmp_path / "html",
            )
        )
    assert "OLD OVERRIDE" not in text_of(tmp_path / "html" / f"{CLASS}-{WEEK}-class.html")
    assert "now called" not in caplog.text
    (folder / "class_week.md.j2").write_text("NEW {{ class_week.class_title }}\n", encoding="utf-8")
    caplog.clear()
    with caplog.at_level("WARNING", logger="edugen.exporters.documents"):
        ok(
            run(
                "export",
                "class",
                "--class",
                CLASS,
                "--week",
                WEEK,
                "--format",
                "md",
                "--out",
                tmp_path / "new",
            )
        )
    assert text_of(tmp_path / "new" / f"{CLASS}-{WEEK}-class.md") == "NEW Math 6 — Period 1\n"
    assert "now called" not in caplog.text


def test_a_plan_stored_with_the_old_review_names_still_loads_and_says_spaced_review(
    run: Run, url: str, tmp_path: Path
) -> None:
    """Plans stored before the rename call the spaced review "review" (pick kind, task kind)
    and the change to it "to review": they still load, and print as spaced review."""
    set_status(url, [YUSUF])
    db = Database(url)
    try:
        with db.begin() as session:
            row = generated.current_plan(session=session, student_id=YUSUF, week=WEEK)
            assert row is not None
            content = json.loads(json.dumps(row.content))
            task = content["days"][0]["tasks"][0]
            task["kind"] = "review"
            pick = next(p for p in content["picks"] if p["code"] == task["topic"])
            pick["kind"] = "review"
            content["changes"] = [
                {"topic": pick["code"], "title": "Old topic", "change": "to review", "why": "due"}
            ]
            row.content = content
    finally:
        db.dispose()
    out = tmp_path / "old-plan"
    ok(run("export", "plan", "--student", YUSUF, "--week", WEEK, "--format", "md", "--out", out))
    key = text_of(out / f"{YUSUF}-{WEEK}-plan-key.md")
    assert "Spaced review: " in key
    assert "**Old topic** — to spaced review: due" in key
    assert "Review:" not in key and "to review" not in key


def test_class_as_an_lms_format_is_one_package_of_the_class_items(
    run: Run, url: str, tmp_path: Path
) -> None:
    set_status(url, [YUSUF], plans=False)
    out = tmp_path / "moodle"
    ok(run("export", "class", "--class", CLASS, "--week", WEEK, "--format", "moodle", "--out", out))
    assert names(out) == [f"{CLASS}-{WEEK}-moodle.xml"]
    quiz = parse((out / f"{CLASS}-{WEEK}-moodle.xml").read_bytes())
    questions = [q for q in quiz.iter("question") if q.get("type") != "category"]
    assert len(questions) == len(item_ids(url, [YUSUF]))


# --- one assessment per student -----------------------------------------------------------


def class_package(run: Run, tmp_path: Path, fmt: str, *extra: str) -> Path:
    target = tmp_path / f"{fmt}-{len(extra)}" / f"class.{'xml' if fmt == 'moodle' else 'zip'}"
    ok(
        run(
            "export", "items", "--class", CLASS, "--week", WEEK, "--format", fmt,
            "--out", target, *extra,
        )
    )  # fmt: skip
    return target


def approved_per_student(run: Run, url: str) -> dict[str, set[str]]:
    """Each student's approved items by pseudonym (shared bank items reach others too)."""
    approved = set(item_ids(url, [YUSUF, ELI]))
    mine = {
        s["pseudonym"]: set(item_ids(url, [sid])) & approved for sid, s in students(run).items()
    }
    return {pseudonym: ids for pseudonym, ids in mine.items() if ids}


def test_a_class_qti21_package_holds_one_test_per_student_and_the_class_set_on_request(
    run: Run, url: str, tmp_path: Path, qti_schema: etree.XMLSchema
) -> None:
    set_status(url, [YUSUF, ELI], plans=False)
    expected = {
        f"{pseudonym} — {WEEK} practice": {safe_id(i) for i in ids}
        for pseudonym, ids in approved_per_student(run, url).items()
    }
    assert len(expected) >= 2
    cp_schema = xml_schema("qti/imscp_v1p1.xsd")
    for extra in ((), ("--class-set",)):
        target = class_package(run, tmp_path, "qti21", "--titles", "pseudonyms", *extra)
        tests: dict[str, set[str]] = {}
        with zipfile.ZipFile(target) as package:
            manifest = parse(package.read("imsmanifest.xml"))
            assert cp_schema.validate(manifest), cp_schema.error_log
            hrefs = {f.get("href") for f in manifest.iter("{*}file")}
            assert hrefs | {"imsmanifest.xml"} == set(package.namelist())
            for name in qti_tests(package):
                test = parse(package.read(name))
                assert qti_schema.validate(test), qti_schema.error_log
                refs = list(test.iter(f"{{{QTI}}}assessmentItemRef"))
                assert {r.get("href") for r in refs} <= hrefs
                tests[test.get("title", "")] = {r.get("identifier", "") for r in refs}
        if extra:
            whole = tests.pop(f"Math 6 — Period 1 — {WEEK} practice (class set)")
            assert whole == {safe_id(i) for i in item_ids(url, [YUSUF, ELI])}
        # One test per student, holding that student's items by the ids the importer maps.
        assert tests == expected


def test_a_class_package_from_either_database_is_one_package_of_student_tests(
    any_run: Run, any_db_url: str, tmp_path: Path
) -> None:
    assert any_run("demo", "--week", WEEK).exit_code == 0
    ok(any_run("generate", "plan", "--student", YUSUF, "--week", WEEK, "--count", "2", *FAKE))
    set_status(any_db_url, [YUSUF], plans=False)
    target = tmp_path / "q.zip"
    ok(
        any_run(
            "export", "questions", "--class", CLASS, "--week", WEEK, "--format", "qti21",
            "--out", target,
        )
    )  # fmt: skip
    with zipfile.ZipFile(target) as package:
        titles = [parse(package.read(name)).get("title") for name in qti_tests(package)]
    assert titles == [f"Yusuf Demir — {WEEK} practice"]


def test_a_class_qti12_package_holds_one_canvas_quiz_per_student(
    run: Run, url: str, tmp_path: Path
) -> None:
    set_status(url, [YUSUF, ELI], plans=False)
    with zipfile.ZipFile(class_package(run, tmp_path, "qti12")) as package:
        manifest = parse(package.read("imsmanifest.xml"))
        quizzes = [
            r.get("identifier") for r in manifest.iter("{*}resource")
            if r.get("type") == "imsqti_xmlv1p2"
        ]  # fmt: skip
        found = {}
        for quiz in quizzes:
            meta = parse(package.read(f"{quiz}/assessment_meta.xml"))
            root = parse(package.read(f"{quiz}/{quiz}.xml"))
            assessment = root.find(".//{*}assessment")
            assert assessment is not None and assessment.get("title") == meta.findtext("{*}title")
            found[meta.findtext("{*}title")] = {
                node.get("ident"): node.get("title") for node in root.iter("{*}item")
            }
    assert len(found) == len(approved_per_student(run, url))
    for sid, name in ((YUSUF, "Yusuf Demir"), (ELI, "Eli Brooks")):
        items = found[f"{name} — {WEEK} practice"]
        ids = item_ids(url, [sid])
        assert set(items) == {safe_id(i) for i in ids}
        # The Canvas item title carries edugen's item id as well as its ident.
        assert all(items[safe_id(i)].endswith(f"[{i}]") for i in ids)


def test_a_class_moodle_file_has_one_category_per_student(
    run: Run, url: str, tmp_path: Path
) -> None:
    set_status(url, [YUSUF, ELI], plans=False)
    quiz = parse(class_package(run, tmp_path, "moodle", "--titles", "pseudonyms").read_bytes())
    categories: dict[str, set[str]] = {}
    current: set[str] = set()
    for question in quiz.iter("question"):
        if question.get("type") == "category":
            current = categories.setdefault(question.findtext("category/text", ""), set())
            continue
        idnumber = question.findtext("idnumber", "")
        assert f"[{idnumber}]" in question.findtext("name/text", "")
        current.add(idnumber)
    assert categories == {
        f"$course$/edugen/{pseudonym} — {WEEK} practice": ids
        for pseudonym, ids in approved_per_student(run, url).items()
    }


def test_titles_and_class_set_are_checked(run: Run, tmp_path: Path) -> None:
    common = ("--week", WEEK, "--out", tmp_path / "x")
    bad = run("export", "items", "--class", CLASS, "--format", "qti21", "--titles", "x", *common)
    assert bad.exit_code == 2
    alone = run("export", "items", "--student", YUSUF, "--format", "qti21", "--class-set", *common)
    assert alone.exit_code == 2 and "--class" in alone.output
    assert not (tmp_path / "x").exists()


# --- DRAFT marking ------------------------------------------------------------------------


def test_include_drafts_marks_every_document_draft(run: Run, url: str, tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    ok(
        run(
            "export", "plan", "--student", YUSUF, "--week", WEEK, "--format", "pdf", "--out", out,
            "--include-drafts",
        )
    )  # fmt: skip
    from pypdf import PdfReader

    for name in (f"{YUSUF}-{WEEK}-plan.pdf", f"{YUSUF}-{WEEK}-plan-key.pdf"):
        pages = PdfReader(out / name).pages
        assert all("DRAFT" in page.extract_text() for page in pages), name
    key = text_of(out / f"{YUSUF}-{WEEK}-plan-key.pdf")
    assert key.count("Answer:") == len(item_ids(url, [YUSUF]))
    class_week = tmp_path / "class-week"
    ok(
        run(
            "export", "class", "--class", CLASS, "--week", WEEK, "--format", "md",
            "--out", class_week, "--include-drafts",
        )
    )  # fmt: skip
    text = text_of(class_week / f"{CLASS}-{WEEK}-class.md")
    assert "DRAFT" in text.split("\n\n", 1)[0]
    assert text.count("Answer:") == len(item_ids(url, CLASS_STUDENTS))


def test_rejected_plan_never_goes_out(run: Run, url: str, tmp_path: Path) -> None:
    set_status(url, [YUSUF], "rejected", items=False)
    result = run(
        "export", "plan", "--student", YUSUF, "--week", WEEK, "--format", "md",
        "--out", tmp_path / "x", "--include-drafts",
    )  # fmt: skip
    assert result.exit_code == 1 and "rejected or retired" in result.output


# --- files: overwriting, zips, hostile ids --------------------------------------------------


def test_existing_files_are_not_overwritten_without_force(
    run: Run, url: str, tmp_path: Path
) -> None:
    set_status(url, [YUSUF])
    out = tmp_path / "week"
    ok(run("export", "plan", "--student", YUSUF, "--week", WEEK, "--format", "md", "--out", out))
    mine = out / f"{YUSUF}-{WEEK}-plan.md"
    mine.write_text("the teacher's own notes")
    set_status(url, [ELI])
    again = run("export", "plan", "--class", CLASS, "--week", WEEK, "--format", "md", "--out", out)
    assert again.exit_code == 1
    assert str(mine) in again.output and "--force" in again.output
    assert "nothing was written" in again.output
    assert mine.read_text() == "the teacher's own notes"
    assert not (out / f"{ELI}-{WEEK}-plan.md").exists()
    assert not [p for p in out.iterdir() if p.name.endswith(".partial")]
    forced = ok(
        run(
            "export", "plan", "--class", CLASS, "--week", WEEK, "--format", "md",
            "--out", out, "--force",
        )
    )  # fmt: skip
    assert "Yusuf Demir" in mine.read_text()
    assert (out / f"{ELI}-{WEEK}-plan.md").exists()
    assert str(out / f"{ELI}-{WEEK}-plan-key.md") in forced.stdout


def test_out_ending_in_zip_gets_one_zip(run: Run, url: str, tmp_path: Path) -> None:
    set_status(url, [YUSUF, ELI])
    target = tmp_path / "nested" / "week49.zip"
    args = ("export", "plan", "--class", CLASS, "--week", WEEK, "--format", "md", "--out")
    result = ok(run(*args, target, "--json"))
    data = json.loads(result.stdout)
    assert data["paths"] == [str(target)] and data["draft"] is False
    assert len(data["skipped"]) == 23
    expected = sorted(f"{sid}-{WEEK}-plan{k}.md" for sid in (YUSUF, ELI) for k in ("", "-key"))
    with zipfile.ZipFile(target) as archive:
        assert sorted(archive.namelist()) == expected == sorted(data["files"])
        key = archive.read(f"{ELI}-{WEEK}-plan-key.md").decode("utf-8")
    assert "Eli Brooks" in key and "Answer:" in key
    assert names(target.parent) == ["week49.zip"]
    before = target.read_bytes()
    refused = run(*args, target)
    assert refused.exit_code == 1 and "--force" in refused.output
    assert target.read_bytes() == before
    ok(run(*args, target, "--force"))


@pytest.mark.parametrize("fmt", ["qti21", "qti12"])
def test_out_ending_in_zip_is_the_package_itself(
    run: Run, url: str, tmp_path: Path, fmt: str
) -> None:
    set_status(url, [YUSUF, ELI], plans=False)
    target = tmp_path / "out" / "q.zip"
    args = ("export", "items", "--class", CLASS, "--week", WEEK, "--format", fmt)
    result = ok(run(*args, "--out", target))
    assert result.stdout.strip() == str(target)
    assert names(target.parent) == ["q.zip"]
    with zipfile.ZipFile(target) as package:
        entries = package.namelist()
        manifest = parse(package.read("imsmanifest.xml"))
    assert not any(n.endswith(".zip") for n in entries), entries
    hrefs = {f.get("href") for f in manifest.iter("{*}file")}
    assert hrefs and hrefs <= set(entries), (hrefs, entries)
    # The same bytes as the package written into a folder.
    folder = tmp_path / "folder"
    ok(run(*args, "--out", folder))
    assert (folder / f"{CLASS}-{WEEK}-{fmt}.zip").read_bytes() == target.read_bytes()


def test_out_ending_in_the_format_extension_is_a_file_not_a_folder(
    run: Run, url: str, tmp_path: Path
) -> None:
    set_status(url, [YUSUF, ELI], plans=False)
    for fmt, name in (("json", "x.json"), ("moodle", "x.xml"), ("gift", "x.gift.txt")):
        target = tmp_path / name
        ok(run("export", "items", "--student", YUSUF, "--week", WEEK, "--format", fmt,
               "--out", target))  # fmt: skip
        assert target.is_file(), fmt
    exported = json.loads((tmp_path / "x.json").read_text())
    assert sorted(i["id"] for i in exported) == sorted(item_ids(url, [YUSUF]))
    assert parse((tmp_path / "x.xml").read_bytes()).tag == "quiz"
    # Two students' packages cannot be one file: refused, nothing written.
    two = tmp_path / "two.zip"
    refused = run(
        "export", "items", "--student", YUSUF, "--student", ELI, "--week", WEEK,
        "--format", "qti21", "--out", two,
    )  # fmt: skip
    assert refused.exit_code == 1
    assert "makes 2" in refused.output and "nothing was written" in refused.output
    assert not two.exists()
    # A folder named like a file is not replaced.
    (tmp_path / "dir.json").mkdir()
    folder = run("export", "items", "--student", YUSUF, "--week", WEEK, "--format", "json",
                 "--out", tmp_path / "dir.json")  # fmt: skip
    assert folder.exit_code == 1 and "is a folder" in folder.output
    assert list((tmp_path / "dir.json").iterdir()) == []


def rename_student(home: Path, old: str, new: str) -> None:
    """Give a student another id everywhere it is stored (ids the importers would refuse)."""
    connection = sqlite3.connect(home / "edugen.db")
    try:
        connection.execute("PRAGMA foreign_keys=OFF")
        for table, column in (
            ("students", "id"),
            ("enrollments", "student_id"),
            ("assignments", "student_id"),
            ("plans", "student_id"),
        ):
            connection.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (new, old))
        connection.commit()
    finally:
        connection.close()


def test_a_hostile_student_id_cannot_escape_the_folder(
    run: Run, url: str, tmp_path: Path, home: Path
) -> None:
    hostile = "../../outside/..\\evil: name"
    rename_student(home, YUSUF, hostile)
    set_status(url, [hostile])
    out = tmp_path / "deep" / "out"
    ok(run("export", "plan", "--student", hostile, "--week", WEEK, "--format", "md", "--out", out))
    ok(
        run(
            "export", "items", "--student", hostile, "--week", WEEK, "--format", "qti21",
            "--out", out,
        )
    )  # fmt: skip
    written = names(out)
    assert len(written) == 3 and all(SAFE_NAME.fullmatch(n) for n in written), written
    assert all(n.startswith("outside-evil-name-") for n in written), written
    assert sorted(p.name for p in (tmp_path / "deep").iterdir()) == ["out"]
    assert not (tmp_path / "outside").exists()
    assert "Yusuf Demir" in text_of(out / next(n for n in written if n.endswith("plan.md")))


def test_safe_file_stem() -> None:
    assert safe_file_stem("demo-s004") == "demo-s004"
    assert safe_file_stem("2026-W49") == "2026-W49"
    for raw in ("../x", "a/b", "..", "", "/etc/passwd", "a\\b", "-rf", "é"):
        stem = safe_file_stem(raw)
        assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", stem), (raw, stem)
    assert safe_file_stem("a/b") != safe_file_stem("a-b")
    assert len(safe_file_stem("x" * 500)) <= 60 + 9  # readable part, "-", 8 hex digits


def test_mastery_bars_compare_with_last_weeks_plan(run: Run, url: str, tmp_path: Path) -> None:
    ok(run("generate", "plan", "--student", YUSUF, "--week", NEXT, "--count", "2", *FAKE))
    set_status(url, [YUSUF], week=NEXT)
    out = tmp_path / "next"
    ok(run("export", "plan", "--student", YUSUF, "--week", NEXT, "--format", "md", "--out", out))
    text = text_of(out / f"{YUSUF}-{NEXT}-plan.md")
    progress = text.split("Last week | This week", 1)[1]
    rows = [r for r in progress.splitlines() if r.startswith("| ") and "---" not in r]
    assert rows and any(re.search(r"\| \d+% \| \d+% \|", r) for r in rows), rows


def test_ids_that_differ_only_in_case_get_files_of_their_own(
    run: Run, url: str, tmp_path: Path, home: Path
) -> None:
    # On macOS or Windows "S1.md" and "s1.md" are one file: one would replace the other.
    shouting = YUSUF.upper()
    rename_student(home, ELI, shouting)
    set_status(url, [YUSUF, shouting])
    out = tmp_path / "week"
    ok(run("export", "plan", "--class", CLASS, "--week", WEEK, "--format", "md", "--out", out))
    written = names(out)
    assert len(written) == 4 and len({n.casefold() for n in written}) == 4, written
    eli = [n for n in written if "Eli Brooks" in (out / n).read_text()]
    yusuf = [n for n in written if "Yusuf Demir" in (out / n).read_text()]
    assert len(eli) == len(yusuf) == 2 and not set(eli) & set(yusuf)


def test_a_planted_partial_link_is_never_written_through(
    run: Run, url: str, tmp_path: Path
) -> None:
    set_status(url, [YUSUF])
    out = tmp_path / "week"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    target = out / f"{YUSUF}-{WEEK}-plan.md"
    (out / f"{target.name}.partial").symlink_to(victim)
    ok(run("export", "plan", "--student", YUSUF, "--week", WEEK, "--format", "md", "--out", out))
    assert victim.read_text() == "keep me"
    assert not target.is_symlink() and "Yusuf Demir" in target.read_text()
    # A link planted at the target itself counts as a file there: not replaced unasked,
    # and with --force the link is replaced, never the file it points to.
    target.unlink()
    target.symlink_to(victim)
    args = ("export", "plan", "--student", YUSUF, "--week", WEEK, "--format", "md", "--out", out)
    refused = run(*args)
    assert refused.exit_code == 1 and "--force" in refused.output
    ok(run(*args, "--force"))
    assert victim.read_text() == "keep me" and not target.is_symlink()


def test_a_class_export_reports_progress_on_stderr_line_by_line(
    run: Run, url: str, tmp_path: Path
) -> None:
    set_status(url, [YUSUF, ELI])
    out = tmp_path / "week"
    result = ok(
        run("export", "plan", "--class", CLASS, "--week", WEEK, "--format", "md", "--out", out)
    )
    # Not a terminal (a cron log): plain lines, no bar, and nothing of it on stdout.
    lines = re.findall(r"^files (\d+)/4, \d+ s", result.stderr, re.MULTILINE)
    assert lines == ["1", "2", "3", "4"], result.stderr
    assert "files" not in result.stdout and "\r" not in result.stderr


def test_every_format_is_listed_once_with_its_writers_extension_and_media_type() -> None:
    from edugen.exporters import FORMATS, lms, pages

    writers = {w.name: w for w in (*lms.all_exporters(), *pages.all_formats())}
    assert set(writers) == set(FORMATS)
    for name, listed in FORMATS.items():
        assert (listed.extension, listed.media_type) == (
            writers[name].extension,
            writers[name].media_type,
        ), name
        assert listed.package == (writers[name] in lms.all_exporters())
