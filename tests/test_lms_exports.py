"""LMS exports: QTI 2.1 validates against its XSDs, and every format carries the items' keys
and figures (GIFT, which cannot, leaves an item with a figure out and says so).

The items are real: every item family in every kind it writes, at several tiers, plus a few
made by hand for what the families never write (specials in stems, an expression key, an
equation key with GIFT's specials, a point with fraction coordinates).
"""

from __future__ import annotations

import base64
import html
import io
import json
import posixpath
import re
import zipfile
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from lxml import html as lxml_html

from edugen.content.answers import accepts
from edugen.content.cores import ItemCore
from edugen.content.families import all_families
from edugen.content.questions import Slot, plain_item
from edugen.errors import UsageError
from edugen.exporters.lms import Assessment, ExportError, all_exporters, exporter, safe_id
from edugen.exporters.lms.common import accepted_texts, figure_name, item_title, moodle_category
from edugen.exporters.lms.qti12 import question_type as canvas_type
from edugen.schemas import PracticeItem, Provenance
from edugen.workflows.files import write_atomic
from tests.conftest import make_runner, xml_schema

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
ASI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
IMSCC = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
SPECIALS = "Which is bigger: {a} or ~b? Say = or # \\ and stop."


def practice_item(core: ItemCore) -> PracticeItem:
    """A core as generation turns it into an item (before any framing)."""
    slot = Slot(core.topic, f"Topic {core.topic}", core.tier, core=core)
    item = plain_item(slot, f"fam:{core.family}:{core.tier}:{core.seed}:{core.kind}")
    return item.model_copy(update={"topic_title": slot.topic_title, "provenance": Provenance()})


def written_tolerance(item: PracticeItem) -> float:
    """The tolerance an export should carry: the families' 1e-9 means exact."""
    return item.tolerance if item.tolerance and item.tolerance > 1e-9 else 0.0


def hand_made() -> list[PracticeItem]:
    common: dict[str, Any] = {
        "topic": "X.SPECIAL",
        "topic_title": "Odd/ends: {specials}",
        "tier": 2,
    }
    return [
        PracticeItem(
            id="bank:odd id/with spaces:1",
            kind="multiple_choice",
            stem=SPECIALS,
            options=["{a}", "~b", "a = b", "#1: \\"],
            answer="{a}",
            misconceptions={"~b": "reads ~ as = ", "a = b": "sees # as {"},
            solution=["Compare {a} with ~b: 3 > 2.", "So {a} = the answer #1."],
            hint="Think about ~ and =.",
            verified=True,
            source="bank",
            **common,
        ),
        PracticeItem(
            id="bank:expr",
            kind="expression",
            stem="Expand 3(x + 2).",
            answer="3x + 6",
            solution=["3 × x + 3 × 2 = 3x + 6."],
            hint="Multiply each term.",
            verified=True,
            source="bank",
            **common,
        ),
        PracticeItem(
            id="bank:line",
            kind="expression",
            stem="Write an equation of the line with slope 2 through (0, 3): {y = ?}",
            answer="y = 2x + 3",
            solution=["y = mx + b with m = 2 and b = 3: y = 2x + 3."],
            verified=True,
            source="bank",
            **common,
        ),
        PracticeItem(
            id="bank:point",
            kind="ordered_pair",
            stem="Where do y = 2x - 1 and y = -3 meet?",
            answer="(-1, -3)",
            solution=["2x - 1 = -3, so x = -1: the point (-1, -3)."],
            verified=True,
            source="bank",
            **common,
        ),
        PracticeItem(
            id="bank:half-point",
            kind="ordered_pair",
            stem="What is the midpoint of (0, 0) and (1, -6)?",
            answer="(1/2, -3)",
            solution=["Halve each coordinate sum: (1/2, -3)."],
            verified=True,
            source="bank",
            **common,
        ),
        PracticeItem(
            id="bank:quarter",
            kind="numeric",
            stem="What is 1/2 × 3/2?",
            answer="3/4",
            tolerance=1e-9,
            solution=["(1 × 3)/(2 × 2) = 3/4."],
            verified=True,
            source="bank",
            **common,
        ),
        PracticeItem(
            id="bank:tolerant",
            kind="numeric",
            stem="About how many meters is 1 mile?",
            answer="1609.34",
            tolerance=0.5,
            solution=["1 mile is 1609.344 m."],
            verified=True,
            source="bank",
            **common,
        ),
    ]


def make_items() -> list[PracticeItem]:
    items = []
    for fam in all_families():
        for kind in fam.kinds:
            for tier in (1, 3, 5):
                items.append(practice_item(fam.generate(tier, 11 + tier, kind)))
    return items + hand_made()


ITEMS = make_items()
BY_SAFE_ID = {safe_id(item.id): item for item in ITEMS}
DRAWN = [item for item in ITEMS if item.figure is not None]
SVG = "http://www.w3.org/2000/svg"


def written(name: str, items: list[PracticeItem] = ITEMS) -> bytes:
    stream = io.BytesIO()
    exporter(name).write(items, stream, title="Week 12 practice")
    return stream.getvalue()


@pytest.fixture(scope="module")
def qti_schema() -> etree.XMLSchema:
    return xml_schema("qti/qtiv2p1/imsqti_v2p1.xsd")


@pytest.fixture(scope="module")
def cp_schema() -> etree.XMLSchema:
    return xml_schema("qti/imscp_v1p1.xsd")


@pytest.fixture(scope="module")
def qti21_zip() -> Iterator[zipfile.ZipFile]:
    with zipfile.ZipFile(io.BytesIO(written("qti21"))) as archive:
        yield archive


def listed_tests(package: zipfile.ZipFile) -> list[str]:
    """The assessmentTest files a QTI 2.1 package's manifest lists, in its order."""
    manifest = parse(package.read("imsmanifest.xml"))
    return [
        r.get("href") for r in manifest.iter(f"{{{CP}}}resource")
        if r.get("type") == "imsqti_test_xmlv2p1"
    ]  # fmt: skip


def parse(data: bytes) -> etree._Element:
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def item_files(package: zipfile.ZipFile) -> list[str]:
    return [n for n in package.namelist() if n.startswith("items/") and n.endswith(".xml")]


def check_svg(data: bytes, item: PracticeItem) -> None:
    """The file is the item's figure, byte for byte, and well-formed SVG."""
    assert item.figure is not None
    assert data == item.figure.svg.encode("utf-8"), item.id
    assert parse(data).tag == f"{{{SVG}}}svg"


def html_text(fragment: str) -> str:
    """The text a fragment shows, a superscript read back as the power it is (7<sup>2</sup>,
    and 5<sup>−2</sup> as the stem writes it, 5^(-2))."""
    fragment = re.sub(r"<sup>(\d+|[a-z])</sup>", r"^\1", fragment)
    fragment = re.sub(r"<sup>\u2212(\d+)</sup>", r"^(-\1)", fragment)
    return " ".join(lxml_html.fragment_fromstring(fragment, create_parent="div").itertext())


# --- the test items themselves -----------------------------------------------------------


def test_items_cover_every_family_and_kind() -> None:
    made = {(item.id.split(":")[1], item.kind) for item in ITEMS if item.source == "family"}
    assert made == {(fam.name, kind) for fam in all_families() for kind in fam.kinds}
    kinds = {item.kind for item in ITEMS}
    assert kinds == {"multiple_choice", "numeric", "short_answer", "expression", "ordered_pair"}
    families = {item.kind for item in ITEMS if item.source == "family"}
    assert {"expression", "ordered_pair"} <= families
    assert any(item.kind == "numeric" and "/" in item.answer for item in ITEMS)


def test_safe_ids_are_ncnames_stable_and_distinct() -> None:
    assert all(NCNAME.fullmatch(s) for s in BY_SAFE_ID)
    assert len(BY_SAFE_ID) == len(ITEMS)
    assert safe_id("a:b") != safe_id("a_b")
    assert safe_id("fam:x:1") == safe_id("fam:x:1")
    assert NCNAME.fullmatch(safe_id("1:2:3")) and NCNAME.fullmatch(safe_id("???"))


def test_registry_declares_each_format() -> None:
    names = {e.name for e in all_exporters()}
    assert names == {"qti21", "qti12", "moodle", "gift", "json"}
    for e in all_exporters():
        assert e.extension.startswith(".") and "/" in e.media_type
    with pytest.raises(UsageError, match="qti21"):
        exporter("scorm")


def test_output_is_deterministic() -> None:
    for e in all_exporters():
        assert written(e.name) == written(e.name), e.name


def test_a_refused_export_writes_no_file(tmp_path: Path) -> None:
    # Exporters only render; workflows/files is what writes, and only what rendered whole.
    write_atomic(tmp_path / "week.gift.txt", written("gift"))
    assert (tmp_path / "week.gift.txt").read_bytes() == written("gift")
    broken = ITEMS[0].model_copy(update={"kind": "multiple_choice", "options": ["1", "2"]})
    with pytest.raises(ExportError, match="not among its options"):
        write_atomic(tmp_path / "bad.zip", written("qti21", [broken]))
    with pytest.raises(ExportError, match="twice"):
        write_atomic(tmp_path / "twice.xml", written("moodle", [ITEMS[0], ITEMS[0]]))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["week.gift.txt"]


# --- QTI 2.1 -----------------------------------------------------------------------------


def test_qti21_manifest_validates_and_matches_the_zip(
    qti21_zip: zipfile.ZipFile, cp_schema: etree.XMLSchema
) -> None:
    manifest = parse(qti21_zip.read("imsmanifest.xml"))
    assert cp_schema.validate(manifest), cp_schema.error_log
    hrefs = {node.get("href") for node in manifest.iter(f"{{{CP}}}file")}
    names = set(qti21_zip.namelist())
    assert hrefs <= names
    assert names == hrefs | {"imsmanifest.xml"}  # nothing unlisted either
    resources = manifest.findall(f".//{{{CP}}}resource")
    types = [r.get("type") for r in resources]
    assert types.count("imsqti_test_xmlv2p1") == 1
    assert types.count("imsqti_item_xmlv2p1") == len(ITEMS)
    ids = {r.get("identifier") for r in resources}
    refs = {d.get("identifierref") for d in manifest.iter(f"{{{CP}}}dependency")}
    assert refs <= ids and len(refs) == len(ITEMS)


def test_qti21_manifest_schema_is_not_vacuous(cp_schema: etree.XMLSchema) -> None:
    bad = etree.fromstring(f'<manifest xmlns="{CP}" identifier="M"><resources/></manifest>')
    assert not cp_schema.validate(bad)  # organizations is required


def test_qti21_every_item_validates(
    qti21_zip: zipfile.ZipFile, qti_schema: etree.XMLSchema
) -> None:
    items = item_files(qti21_zip)
    assert len(items) == len(ITEMS)
    for name in items:
        doc = parse(qti21_zip.read(name))
        assert qti_schema.validate(doc), f"{name}: {qti_schema.error_log}"


def test_qti21_item_schema_is_not_vacuous(
    qti21_zip: zipfile.ZipFile, qti_schema: etree.XMLSchema
) -> None:
    name = item_files(qti21_zip)[0]
    doc = parse(qti21_zip.read(name))
    body = doc.find(f"{{{QTI}}}itemBody")
    assert body is not None
    etree.SubElement(body, f"{{{QTI}}}modalFeedback")  # not allowed in a body
    assert not qti_schema.validate(doc)


def test_qti21_test_validates_and_refers_to_every_item(
    qti21_zip: zipfile.ZipFile, qti_schema: etree.XMLSchema
) -> None:
    (name,) = listed_tests(qti21_zip)
    test = parse(qti21_zip.read(name))
    assert qti_schema.validate(test), qti_schema.error_log
    assert test.get("title") == "Week 12 practice"
    refs = list(test.iter(f"{{{QTI}}}assessmentItemRef"))
    assert sorted(r.get("identifier") for r in refs) == sorted(BY_SAFE_ID)
    assert all(r.get("href") in qti21_zip.namelist() for r in refs)
    sections = test.findall(f".//{{{QTI}}}assessmentSection")
    assert len(sections) == len({item.topic for item in ITEMS})
    assert "Odd/ends: {specials}" in {s.get("title") for s in sections}


def test_qti21_items_carry_the_keys(qti21_zip: zipfile.ZipFile) -> None:
    q = f"{{{QTI}}}"
    for name in item_files(qti21_zip):
        doc = parse(qti21_zip.read(name))
        item = BY_SAFE_ID[doc.get("identifier")]
        response = doc.find(f"{q}responseDeclaration")
        assert response is not None
        key = response.findtext(f"{q}correctResponse/{q}value")
        processing = doc.find(f"{q}responseProcessing")
        teachers = doc.find(f".//{q}rubricBlock")
        assert teachers is not None and teachers.get("view") == "scorer tutor"
        teacher_text = " ".join(teachers.itertext())
        assert all(step in teacher_text for step in item.solution)
        if item.kind == "multiple_choice":
            choices = {c.get("identifier"): c.text for c in doc.iter(f"{q}simpleChoice")}
            assert list(choices.values()) == item.options
            assert choices[key] == item.answer
            assert processing is not None and processing.get("template", "").endswith(
                "match_correct"
            )
        elif item.kind == "numeric" and re.fullmatch(r"-?\d+(\.\d+)?", item.answer):
            assert response.get("baseType") == "float" and float(key) == float(item.answer)
            equal = processing.find(f".//{q}equal")
            assert equal is not None
            if written_tolerance(item):
                assert equal.get("toleranceMode") == "absolute"
                assert float(equal.get("tolerance")) == item.tolerance
            else:
                assert equal.get("toleranceMode") == "exact"
        elif item.kind in ("numeric", "expression", "ordered_pair"):
            assert response.get("baseType") == "string" and key == item.answer
            keys = {e.get("mapKey") for e in response.iter(f"{q}mapEntry")}
            assert item.answer in keys and keys == set(accepted_texts(item))
            assert all(
                accepts(text, item.answer, kind=item.kind, tolerance=item.tolerance)
                for text in keys
            ), item.answer
            assert processing.get("template", "").endswith("map_response")
            assert doc.find(f".//{q}textEntryInteraction") is not None
        else:
            assert doc.find(f".//{q}extendedTextInteraction") is not None
            assert processing is None  # scored by a person
            assert item.rubric and item.rubric in teacher_text
    quarter = parse(qti21_zip.read(f"items/{safe_id('bank:quarter')}.xml"))
    keys = {e.get("mapKey") for e in quarter.iter(f"{{{QTI}}}mapEntry")}
    assert keys == {"3/4", "0.75"}


def test_qti21_figures_are_files_in_the_package_shown_by_img(
    qti21_zip: zipfile.ZipFile, qti_schema: etree.XMLSchema
) -> None:
    assert len(DRAWN) >= 13, "every family that draws is among the items"
    manifest = parse(qti21_zip.read("imsmanifest.xml"))
    listed = {
        r.get("href"): {f.get("href") for f in r.iter(f"{{{CP}}}file")}
        for r in manifest.iter(f"{{{CP}}}resource")
    }
    assert len([n for n in qti21_zip.namelist() if n.endswith(".svg")]) == len(DRAWN)
    shown = 0
    for name in item_files(qti21_zip):
        item = BY_SAFE_ID[name.removeprefix("items/").removesuffix(".xml")]
        doc = parse(qti21_zip.read(name))
        images = list(doc.iter(f"{{{QTI}}}img"))
        if item.figure is None:
            assert not images and listed[name] == {name}
            continue
        assert qti_schema.validate(doc), f"{name}: {qti_schema.error_log}"
        (img,) = images
        # The src resolves from the item file to the file the item resource lists.
        path = posixpath.normpath(posixpath.join(posixpath.dirname(name), img.get("src", "")))
        assert path == f"images/{figure_name(item)}" and listed[name] == {name, path}
        check_svg(qti21_zip.read(path), item)
        figure = item.figure
        size = (str(figure.width), str(figure.height))
        assert (img.get("alt"), img.get("width"), img.get("height")) == (figure.alt, *size)
        # Students see it: in the body, never in the teachers' rubric block.
        ancestors = {a.tag for a in img.iterancestors()}
        assert f"{{{QTI}}}itemBody" in ancestors and f"{{{QTI}}}rubricBlock" not in ancestors
        shown += 1
    assert shown == len(DRAWN)


def test_qti21_schema_checks_the_figure_img(
    qti21_zip: zipfile.ZipFile, qti_schema: etree.XMLSchema
) -> None:
    name = f"items/{safe_id(DRAWN[0].id)}.xml"
    doc = parse(qti21_zip.read(name))
    img = next(doc.iter(f"{{{QTI}}}img"))
    del img.attrib["alt"]  # alt is required
    assert not qti_schema.validate(doc)


def test_a_figure_shared_by_two_assessments_is_one_file(
    cp_schema: etree.XMLSchema,
) -> None:
    drawn = DRAWN[0]
    plain = next(item for item in ITEMS if item.figure is None)
    sets = [
        Assessment("Ana", [drawn, plain], key="s1"),
        Assessment("Ben", [drawn], key="s2"),
        Assessment("Cy", [plain], key="s3"),
    ]
    for name in ("qti21", "qti12"):
        stream = io.BytesIO()
        exporter(name).write_package(sets, stream)
        with zipfile.ZipFile(stream) as package:
            svgs = [n for n in package.namelist() if n.endswith(".svg")]
            manifest = parse(package.read("imsmanifest.xml"))
        assert [n.rpartition("/")[2] for n in svgs] == [figure_name(drawn)], name
        assert [f.get("href") for f in manifest.iter("{*}file")].count(svgs[0]) == 1
        if name == "qti21":
            assert cp_schema.validate(manifest), cp_schema.error_log
            continue
        # Each Canvas quiz depends on the figures only where it shows one.
        (figures,) = manifest.iterfind(".//{*}resource[@type='webcontent']")
        quizzes = manifest.iterfind(".//{*}resource[@type='imsqti_xmlv1p2']")
        needs = [
            figures.get("identifier") in {d.get("identifierref") for d in q.iter("{*}dependency")}
            for q in quizzes
        ]
        assert needs == [True, True, False]


def test_a_package_of_several_assessments_writes_each_item_once(
    cp_schema: etree.XMLSchema, qti_schema: etree.XMLSchema
) -> None:
    shared, own_a, own_b = ITEMS[:3]
    sets = [
        Assessment("Ana — week 12", [shared, own_a], key="s1"),
        Assessment("Ben — week 12", [shared, own_b], key="s2"),
    ]
    stream = io.BytesIO()
    exporter("qti21").write_package(sets, stream)
    with zipfile.ZipFile(stream) as package:
        manifest = parse(package.read("imsmanifest.xml"))
        assert cp_schema.validate(manifest), cp_schema.error_log
        items = item_files(package)
        assert len(items) == 3
        tests = [parse(package.read(name)) for name in listed_tests(package)]
    assert [t.get("title") for t in tests] == ["Ana — week 12", "Ben — week 12"]
    assert all(qti_schema.validate(t) for t in tests), qti_schema.error_log
    assert len({t.get("identifier") for t in tests}) == 2
    with pytest.raises(ExportError, match="two assessments"):
        exporter("qti12").write_package([sets[0], sets[0]], io.BytesIO())


# --- QTI 1.2 (Canvas) --------------------------------------------------------------------


def test_qti12_package_for_canvas() -> None:
    with zipfile.ZipFile(io.BytesIO(written("qti12"))) as archive:
        names = set(archive.namelist())
        manifest = parse(archive.read("imsmanifest.xml"))
        assert manifest.tag == f"{{{IMSCC}}}manifest"
        hrefs = {f.get("href") for f in manifest.iter(f"{{{IMSCC}}}file")}
        assert names == hrefs | {"imsmanifest.xml"}
        quiz = manifest.find(f".//{{{IMSCC}}}resource[@type='imsqti_xmlv1p2']")
        assert quiz is not None
        quiz_id = quiz.get("identifier")
        assert f"{quiz_id}/{quiz_id}.xml" in names and f"{quiz_id}/assessment_meta.xml" in names
        meta = parse(archive.read(f"{quiz_id}/assessment_meta.xml"))
        assert meta.findtext("{*}title") == "Week 12 practice"
        assert meta.findtext("{*}points_possible") == f"{len(ITEMS)}.0"
        root = parse(archive.read(f"{quiz_id}/{quiz_id}.xml"))
    assert root.tag == f"{{{ASI}}}questestinterop"
    a = f"{{{ASI}}}"
    nodes = list(root.iter(f"{a}item"))
    assert len(nodes) == len(ITEMS)
    seen = set()
    for node in nodes:
        item = BY_SAFE_ID[node.get("ident")]
        seen.add(item.id)
        fields = {
            f.findtext(f"{a}fieldlabel"): f.findtext(f"{a}fieldentry")
            for f in node.iter(f"{a}qtimetadatafield")
        }
        kind = fields["question_type"]
        assert kind == canvas_type(item)
        stem = node.findtext(f"{a}presentation/{a}material/{a}mattext")
        assert item.stem in html_text(stem)
        scoring = [c for c in node.iter(f"{a}respcondition") if c.find(f"{a}setvar") is not None]
        if kind == "essay_question":
            assert item.kind == "short_answer" and not scoring
            feedback = node.findtext(f".//{a}itemfeedback//{a}mattext")
            assert item.rubric and item.rubric in html_text(feedback)
            continue
        (score,) = scoring
        assert score.findtext(f"{a}setvar") == "100"
        if kind == "multiple_choice_question":
            labels = {
                lab.get("ident"): lab.findtext(f".//{a}mattext")
                for lab in node.iter(f"{a}response_label")
            }
            assert list(labels.values()) == item.options
            assert labels[score.findtext(f".//{a}varequal")] == item.answer
        elif kind == "numerical_question":
            assert score.findtext(f".//{a}varequal") == item.answer
            low = float(score.findtext(f".//{a}vargte"))
            high = float(score.findtext(f".//{a}varlte"))
            assert low <= float(item.answer) <= high
            assert high - low == pytest.approx(2 * written_tolerance(item))
        else:
            assert kind == "short_answer_question" and not re.fullmatch(r"-?[\d.]+", item.answer)
            accepted = [v.text for v in score.iter(f"{a}varequal")]
            assert accepted[0] == item.answer
    assert seen == {item.id for item in ITEMS}


def test_qti12_figures_are_package_files_the_stem_links_by_their_manifest_path() -> None:
    with zipfile.ZipFile(io.BytesIO(written("qti12"))) as archive:
        manifest = parse(archive.read("imsmanifest.xml"))
        resources = list(manifest.iter(f"{{{IMSCC}}}resource"))
        (figures,) = [r for r in resources if r.get("type") == "webcontent"]
        hrefs = {f.get("href") for f in figures.iter(f"{{{IMSCC}}}file")}
        # Canvas makes a course file of each manifest file that is no resource's own href,
        # and links an <img src> that names one's path.
        assert not hrefs & {r.get("href") for r in resources}
        quiz = next(r for r in resources if r.get("type") == "imsqti_xmlv1p2")
        deps = {d.get("identifierref") for d in quiz.iter(f"{{{IMSCC}}}dependency")}
        assert figures.get("identifier") in deps
        quiz_id = quiz.get("identifier")
        root = parse(archive.read(f"{quiz_id}/{quiz_id}.xml"))
        a = f"{{{ASI}}}"
        shown = set()
        for node in root.iter(f"{a}item"):
            item = BY_SAFE_ID[node.get("ident")]
            stem = node.findtext(f"{a}presentation/{a}material/{a}mattext")
            images = lxml_html.fragment_fromstring(stem, create_parent="div").findall(".//img")
            if item.figure is None:
                assert not images
                continue
            (img,) = images
            assert img.get("src") in hrefs
            check_svg(archive.read(img.get("src")), item)
            assert img.get("alt") == item.figure.alt
            assert img.get("width") == str(item.figure.width)
            assert item.stem in html_text(stem)
            shown.add(img.get("src"))
    assert len(shown) == len(DRAWN) == len(hrefs)


# --- Moodle XML --------------------------------------------------------------------------


def test_moodle_xml_round_trip() -> None:
    root = parse(written("moodle"))
    assert root.tag == "quiz"
    category = None
    categories: list[str] = []
    seen = set()
    by_id = {item.id: item for item in ITEMS}
    for question in root.iter("question"):
        kind = question.get("type")
        if kind == "category":
            category = question.findtext("category/text")
            categories.append(category)
            continue
        item = by_id[question.findtext("idnumber")]
        seen.add(item.id)
        assert category == moodle_category(item)
        assert item.stem in html_text(question.findtext("questiontext/text"))
        general = html_text(question.findtext("generalfeedback/text"))
        assert all(step in general for step in item.solution)
        answers = [
            (a.findtext("text"), a.get("fraction"), html_text(a.findtext("feedback/text") or ""))
            for a in question.findall("answer")
        ]
        if item.kind == "multiple_choice":
            assert kind == "multichoice" and question.findtext("single") == "true"
            assert [text for text, _, _ in answers] == item.options
            for text, fraction, feedback in answers:
                assert fraction == ("100" if text == item.answer else "0")
                assert item.misconceptions.get(text, "") in feedback
        elif item.kind == "numeric" and re.fullmatch(r"-?\d+(\.\d+)?", item.answer):
            assert kind == "numerical"
            ((text, fraction, _),) = answers
            assert (text, fraction) == (item.answer, "100")
            tolerance = float(question.findtext("answer/tolerance"))
            assert tolerance == written_tolerance(item)
        elif item.kind in ("numeric", "expression", "ordered_pair"):
            assert kind == "shortanswer"
            assert answers[0][:2] == (item.answer.replace("*", "\\*"), "100")
            assert all(fraction == "100" for _, fraction, _ in answers)
            listed = [text.replace("\\*", "*") for text, _, _ in answers]
            assert listed == accepted_texts(item)
            if (
                item.kind == "numeric"
                and "/" in item.answer
                and Fraction(item.answer).denominator in (2, 4, 5, 8, 10)
            ):
                assert str(float(Fraction(item.answer))) in [t for t, _, _ in answers]
        else:
            assert kind == "essay" and not answers
            grader = html_text(question.findtext("graderinfo/text"))
            assert item.rubric and item.rubric in grader
        if item.hint and kind != "essay":
            assert item.hint in html_text(question.findtext("hint/text"))
    assert seen == set(by_id)
    assert len(categories) == len(set(categories)) == len({item.topic for item in ITEMS})
    assert "$course$/edugen/Odd//ends: {specials}" in categories


def test_moodle_embeds_each_figure_in_its_question_text() -> None:
    root = parse(written("moodle"))
    by_id = {item.id: item for item in ITEMS}
    shown = set()
    for question in root.iter("question"):
        if question.get("type") == "category":
            continue
        item = by_id[question.findtext("idnumber")]
        text = question.find("questiontext")
        assert text is not None
        body = text.findtext("text")
        files = text.findall("file")
        images = lxml_html.fragment_fromstring(body, create_parent="div").findall(".//img")
        if item.figure is None:
            assert not files and not images
            continue
        (file,) = files
        (img,) = images
        assert (file.get("path"), file.get("encoding")) == ("/", "base64")
        assert img.get("src") == f"@@PLUGINFILE@@/{file.get('name')}"
        assert img.get("alt") == item.figure.alt
        check_svg(base64.b64decode(file.text or "", validate=True), item)
        assert item.stem in html_text(body)
        shown.add(item.id)
    assert shown == {item.id for item in DRAWN}


# --- GIFT --------------------------------------------------------------------------------

Token = tuple[str, bool]  # a character and whether it was escaped


def gift_tokens(text: str) -> list[Token]:
    tokens: list[Token] = []
    chars = iter(text)
    for char in chars:
        if char == "\\":
            nxt = next(chars)
            tokens.append(("\n" if nxt == "n" else nxt, True))
        else:
            tokens.append((char, False))
    return tokens


def plain(tokens: list[Token]) -> str:
    return "".join(char for char, _ in tokens).strip()


def find(tokens: list[Token], marker: str, start: int = 0) -> int:
    for i in range(start, len(tokens) - len(marker) + 1):
        if all(tokens[i + k] == (m, False) for k, m in enumerate(marker)):
            return i
    return -1


def split_before(tokens: list[Token], markers: str) -> list[list[Token]]:
    """Split at unescaped marker characters, each part keeping its marker first."""
    parts: list[list[Token]] = []
    for token in tokens:
        if not token[1] and token[0] in markers:
            parts.append([token])
        elif parts:
            parts[-1].append(token)
    return parts


def parse_gift(text: str) -> list[dict[str, object]]:
    """The subset of GIFT the exporter writes, read the way Moodle reads it."""
    questions: list[dict[str, object]] = []
    category = None
    block: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("//"):
            continue
        if line.startswith("$CATEGORY:"):
            category = line.removeprefix("$CATEGORY:").strip()
            continue
        if line.strip():
            block.append(line)
            continue
        if not block:
            continue
        tokens = gift_tokens("\n".join(block))
        block = []
        assert tokens[:2] == [(":", False), (":", False)]
        end = find(tokens, "::", 2)
        title = plain(tokens[2:end])
        open_, close = find(tokens, "{", end), find(tokens, "}", end)
        assert close == len(tokens) - 1, "nothing follows the answers"
        stem = plain(tokens[end + 2 : open_])
        assert stem.startswith("[plain]"), "text format set, so < and & show as written"
        stem = stem.removeprefix("[plain]")
        inside = tokens[open_ + 1 : close]
        cut = find(inside, "####")
        general = plain(inside[cut + 4 :]) if cut >= 0 else ""
        inside = inside[:cut] if cut >= 0 else inside
        question: dict[str, object] = {"category": category, "title": title, "stem": stem}
        question["general"] = general
        if not plain(inside):
            question["type"] = "essay"
        elif plain(inside).startswith("#"):
            value, _, tol = plain(inside)[1:].partition(":")
            question.update(type="numerical", answer=value, tolerance=float(tol))
        elif any(t == ("~", False) for t in inside):
            options = []
            for part in split_before(inside, "=~"):
                hash_ = find(part, "#")
                feedback = plain(part[hash_ + 1 :]) if hash_ >= 0 else ""
                body = part[1:hash_] if hash_ >= 0 else part[1:]
                options.append((part[0][0] == "=", plain(body), feedback))
            question.update(type="multichoice", options=options)
        else:
            accepted = [plain(part[1:]) for part in split_before(inside, "=")]
            question.update(type="shortanswer", accepted=accepted)
        questions.append(question)
    return questions


def test_gift_round_trip() -> None:
    text = written("gift").decode("utf-8")
    questions = parse_gift(text)
    kept = [item for item in in_topic_order() if item.figure is None]
    assert len(questions) == len(kept) == len(ITEMS) - len(DRAWN)
    assert text.count("$CATEGORY:") == len({item.topic for item in ITEMS})
    for item, question in zip(kept, questions, strict=True):
        assert question["category"] == moodle_category(item)
        assert question["stem"] == item.stem
        general = str(question["general"])
        assert all(step in general for step in item.solution)
        if item.kind == "multiple_choice":
            assert question["type"] == "multichoice"
            options = question["options"]
            assert isinstance(options, list)
            assert [text for _, text, _ in options] == item.options
            for right, option, feedback in options:
                assert right == (option == item.answer)
                assert feedback == item.misconceptions.get(option, "").strip()
        elif item.kind == "numeric" and re.fullmatch(r"-?\d+(\.\d+)?", item.answer):
            assert question["type"] == "numerical" and question["answer"] == item.answer
            assert question["tolerance"] == written_tolerance(item)
        elif item.kind in ("numeric", "expression", "ordered_pair"):
            assert question["type"] == "shortanswer"
            accepted = question["accepted"]
            assert isinstance(accepted, list) and accepted[0] == item.answer
            assert accepted == accepted_texts(item)
        else:
            assert question["type"] == "essay"
            assert item.rubric and item.rubric in general


def test_gift_leaves_out_items_with_figures_and_says_which_and_why() -> None:
    text = written("gift").decode("utf-8")
    left = [line for line in text.splitlines() if line.startswith("// left out ")]
    drawn = [item for item in in_topic_order() if item.figure is not None]
    assert [line.removeprefix("// left out ").partition(": ")[0] for line in left] == [
        item.id for item in drawn
    ]
    for line, item in zip(left, drawn, strict=True):
        assert item.figure is not None
        assert f"figure (a {item.figure.kind.replace('_', ' ')})" in line and "Moodle" in line
    titles = {str(q["title"]) for q in parse_gift(text)}
    assert not any(title.endswith(f"[{item.id}]") for item in drawn for title in titles)
    # Only figures: a file of comments, no question Moodle would import half of.
    only = written("gift", DRAWN[:2]).decode("utf-8")
    assert parse_gift(only) == [] and only.count("// left out ") == 2


def test_gift_notices_name_each_left_out_item_once() -> None:
    drawn, plain = DRAWN[0], next(item for item in ITEMS if item.figure is None)
    sets = [Assessment("Ana", [drawn, plain], key="s1"), Assessment("Ben", [drawn], key="s2")]
    (notice,) = exporter("gift").notices(sets)
    assert notice.startswith(f"item {drawn.id} left out of GIFT: GIFT cannot carry its figure")
    assert exporter("gift").notices([Assessment("Cy", [plain], key="s3")]) == []
    for other in ("qti21", "qti12", "moodle", "json"):
        assert exporter(other).notices(sets) == [], other


def in_topic_order() -> list[PracticeItem]:
    """ITEMS as the GIFT file lists them: grouped by topic, topics in first-seen order."""
    order: dict[str, list[PracticeItem]] = {}
    for item in ITEMS:
        order.setdefault(item.topic, []).append(item)
    return [item for group in order.values() for item in group]


def test_gift_escapes_specials_and_they_round_trip() -> None:
    (special,) = [item for item in ITEMS if item.stem == SPECIALS]
    text = written("gift", [special]).decode("utf-8")
    assert "Which is bigger\\: \\{a\\} or \\~b? Say \\= or \\# \\\\ and stop." in text
    (question,) = parse_gift(text)
    assert question["stem"] == SPECIALS
    assert question["title"] == item_title(special)
    assert question["options"] == [
        (True, "{a}", ""),
        (False, "~b", "reads ~ as ="),
        (False, "a = b", "sees # as {"),
        (False, "#1: \\", ""),
    ]
    assert question["category"] == "$course$/edugen/Odd//ends: {specials}"
    assert "So {a} = the answer #1." in str(question["general"])
    # Outside the escapes, no special character is left bare in the stem line.
    stem_line = next(line for line in text.splitlines() if line.startswith("::"))
    bare = re.sub(r"\\.", "", stem_line.split("::", 2)[2].split(" {")[0])
    assert not set(bare) & set("~=#{}:")


def test_gift_fraction_is_a_short_answer() -> None:
    (quarter,) = [item for item in ITEMS if item.id == "bank:quarter"]
    (question,) = parse_gift(written("gift", [quarter]).decode("utf-8"))
    assert question["type"] == "shortanswer" and question["accepted"] == ["3/4", "0.75"]


# --- notation and accepted answers -----------------------------------------------------------

MATHML = "http://www.w3.org/1998/Math/MathML"


def bank_item(id: str, stem: str, answer: str, **extra: Any) -> PracticeItem:
    fields: dict[str, Any] = {"topic": "6.EE.A.1", "tier": 2, "kind": "numeric"}
    fields.update(extra)
    return PracticeItem(
        id=id, stem=stem, answer=answer, verified=True, source="bank", **fields
    )  # fmt: skip


def test_powers_are_msup_in_qti21_and_sup_in_moodle_and_canvas(
    qti_schema: etree.XMLSchema,
) -> None:
    power = bank_item("bank:power", "What is 3^4 - (2/3)^2 when x < 2?", "80.56", tolerance=0.01)
    with zipfile.ZipFile(io.BytesIO(written("qti21", [power]))) as archive:
        doc = parse(archive.read(f"items/{safe_id(power.id)}.xml"))
    assert qti_schema.validate(doc), qti_schema.error_log
    sups = doc.findall(f".//{{{MATHML}}}msup")
    assert [" ".join(s.itertext()) for s in sups] == ["3 4", "( 2 / 3 ) 2"]
    assert "^" not in "".join(doc.find(f".//{{{QTI}}}itemBody/{{{QTI}}}p").itertext())
    moodle = parse(written("moodle", [power])).findtext(".//questiontext/text")
    assert "3<sup>4</sup> - (2/3)<sup>2</sup> when x &lt; 2?" in moodle
    with zipfile.ZipFile(io.BytesIO(written("qti12", [power]))) as archive:
        quiz = next(n for n in archive.namelist() if n.rpartition("/")[2].startswith("quiz_"))
        stem = parse(archive.read(quiz)).findtext(f".//{{{ASI}}}mattext")
    assert "3<sup>4</sup>" in stem and "(2/3)<sup>2</sup>" in stem


def test_a_five_sixths_key_accepts_its_rounded_decimals_in_every_format() -> None:
    sixths = bank_item("bank:sixths", "What is 5 ÷ 6?", "5/6", tolerance=1e-9)
    accepted = {"5/6", "0.83", "0.833"}
    moodle = parse(written("moodle", [sixths])).find(".//question[@type='shortanswer']")
    assert moodle is not None
    assert {a.findtext("text") for a in moodle.findall("answer")} == accepted
    assert {a.get("fraction") for a in moodle.findall("answer")} == {"100"}
    with zipfile.ZipFile(io.BytesIO(written("qti12", [sixths]))) as archive:
        quiz = next(n for n in archive.namelist() if n.rpartition("/")[2].startswith("quiz_"))
        canvas = parse(archive.read(quiz))
    assert {v.text for v in canvas.iter(f"{{{ASI}}}varequal")} == accepted
    with zipfile.ZipFile(io.BytesIO(written("qti21", [sixths]))) as archive:
        item = parse(archive.read(f"items/{safe_id(sixths.id)}.xml"))
    assert {e.get("mapKey") for e in item.iter(f"{{{QTI}}}mapEntry")} == accepted
    (gift,) = parse_gift(written("gift", [sixths]).decode("utf-8"))
    assert isinstance(gift["accepted"], list) and set(gift["accepted"]) == accepted
    # 0.8 and 0.834 are not 5/6 anywhere; every listed form is one answers.accepts takes.
    assert all(accepts(text, "5/6") for text in accepted)
    assert not accepts("0.8", "5/6") and not accepts("0.834", "5/6")


def test_mixed_numbers_and_percents_are_accepted_forms() -> None:
    improper = bank_item("bank:improper", "What is 7 ÷ 6?", "7/6", tolerance=1e-9)
    assert accepted_texts(improper) == ["7/6", "1.17", "1.167", "1 1/6"]
    assert all(accepts(t, "7/6") for t in accepted_texts(improper))
    share = bank_item("bank:share", "What percent of 50 is 20?", "40", tolerance=1e-9)
    question = parse(written("moodle", [share])).find(".//question[@type='numerical']")
    assert question is not None
    assert question.findtext("units/unit/unit_name") == "%"
    assert question.findtext("unitgradingtype") == "0"  # the unit is optional: 40 or 40%
    half = bank_item("bank:half", "What percent of 12 is 2?", "50/3", tolerance=1e-9)
    assert "16.67%" in accepted_texts(half) and "16.67" in accepted_texts(half)
    assert all(accepts(t, "50/3", percent=True) for t in accepted_texts(half))


def test_points_and_equations_list_every_accepted_form_in_every_format(
    qti_schema: etree.XMLSchema,
) -> None:
    (point,) = [item for item in ITEMS if item.id == "bank:half-point"]
    (line,) = [item for item in ITEMS if item.id == "bank:line"]
    assert accepted_texts(point) == [
        "(1/2, -3)",
        "(1/2,-3)",
        "1/2, -3",
        "1/2,-3",
        "(0.5, -3)",
        "(0.5,-3)",
        "0.5, -3",
        "0.5,-3",
    ]
    assert {"y = 2x + 3", "y=2*x+3", "2x + 3 = y", "3 + 2x = y", "y = 3 + 2x"} <= set(
        accepted_texts(line)
    )
    for item in (point, line):
        listed = set(accepted_texts(item))
        assert all(accepts(text, item.answer, kind=item.kind) for text in listed)
        moodle = parse(written("moodle", [item])).find(".//question[@type='shortanswer']")
        assert moodle is not None
        assert {a.findtext("text").replace("\\*", "*") for a in moodle.findall("answer")} == listed
        with zipfile.ZipFile(io.BytesIO(written("qti12", [item]))) as archive:
            quiz = next(n for n in archive.namelist() if n.rpartition("/")[2].startswith("quiz_"))
            canvas = parse(archive.read(quiz))
        assert {v.text for v in canvas.iter(f"{{{ASI}}}varequal")} == listed
        assert canvas_type(item) == "short_answer_question"
        with zipfile.ZipFile(io.BytesIO(written("qti21", [item]))) as archive:
            doc = parse(archive.read(f"items/{safe_id(item.id)}.xml"))
        assert qti_schema.validate(doc), qti_schema.error_log
        assert {e.get("mapKey") for e in doc.iter(f"{{{QTI}}}mapEntry")} == listed
        gift_text = written("gift", [item]).decode("utf-8")
        (gift,) = parse_gift(gift_text)
        assert gift["type"] == "shortanswer" and gift["stem"] == item.stem
        assert gift["accepted"] == accepted_texts(item)
    assert "=y \\= 2x + 3" in written("gift", [line]).decode("utf-8")  # "=" escaped
    assert not accepts("(-3, 1/2)", point.answer, kind="ordered_pair")
    assert not accepts("y = 3x + 2", line.answer, kind="expression")


# --- JSON --------------------------------------------------------------------------------


def test_json_round_trip() -> None:
    data = json.loads(written("json"))
    assert [PracticeItem.model_validate(entry) for entry in data] == ITEMS


def test_json_carries_each_figure_svg_and_alt() -> None:
    data = json.loads(written("json"))
    figures = {entry["id"]: entry["figure"] for entry in data if entry["figure"]}
    assert figures.keys() == {item.id for item in DRAWN}
    for item in DRAWN:
        assert item.figure is not None
        assert figures[item.id]["svg"] == item.figure.svg
        assert figures[item.id]["alt"] == item.figure.alt


def test_text_is_escaped_not_injected() -> None:
    evil = hand_made()[0].model_copy(
        update={"stem": "<script>alert(1)</script> & ]]> done", "id": "evil"}
    )
    root = parse(written("moodle", [evil]))
    stem = root.findtext(".//questiontext/text")
    assert "<script>" not in stem and html.unescape(stem).count("<script>") == 1
    with zipfile.ZipFile(io.BytesIO(written("qti21", [evil]))) as archive:
        doc = parse(archive.read(f"items/{safe_id('evil')}.xml"))
    assert doc.find(f".//{{{QTI}}}script") is None
    assert evil.stem in "".join(doc.find(f".//{{{QTI}}}prompt").itertext())


# A vertical tab and an ESC, as older imports may have stored them (#17.7).
CONTROLS = "\x0b\x1b"


def with_controls() -> list[PracticeItem]:
    choice, numeric = hand_made()[:2]
    return [
        choice.model_copy(
            update={
                "stem": f"Pick\x0bone\x1b: {choice.stem}",
                "options": [f"{o}\x1b" for o in choice.options or []],
                "answer": f"{choice.answer}\x1b",
                "misconceptions": {f"{k}\x1b": v for k, v in choice.misconceptions.items()},
                "hint": "Look\x0bagain",
            }
        ),
        numeric.model_copy(update={"stem": f"Work\x0bit out\x1b: {numeric.stem}"}),
    ]


@pytest.mark.parametrize("name", ["qti21", "qti12", "moodle", "gift", "json"])
def test_control_characters_never_crash_an_export(name: str) -> None:
    items = with_controls()
    stream = io.BytesIO()
    exporter(name).write(items, stream, title="Week\x0b12\x1b practice")
    data = stream.getvalue()
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            files = [archive.read(n) for n in archive.namelist()]
    else:
        files = [data]
    for content in files:
        assert not any(chr(c) in CONTROLS for c in content), name
        if content.lstrip().startswith(b"<?xml"):
            parse(content)  # well-formed
    text = b"".join(files).decode("utf-8")
    if name == "json":
        # JSON keeps the stored text exactly, escaped.
        assert json.loads(text)[0]["stem"].startswith("Pick\x0bone\x1b")
    else:
        assert "Pick one" in html.unescape(text), name
        assert "Work it out" in html.unescape(text), name


# --- through the CLI: a class's week ---------------------------------------------------------

WEEK = "2026-W49"
CLASS = "demo-6a"


@pytest.fixture(scope="module")
def class_week(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo school with a generated week for one class (fake backend), all drafts."""
    home = tmp_path_factory.mktemp("figures-home")
    url = f"sqlite:///{home / 'edugen.db'}"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("EDUGEN_HOME", str(home))
        run = make_runner(url)
        assert run("demo", "--week", WEEK).exit_code == 0
        made = run(
            "generate", "plan", "--class", CLASS, "--week", WEEK, "--count", "3",
            "--backend", "fake", "--no-log",
        )  # fmt: skip
    assert made.exit_code == 0, made.output
    return url


def export_class(url: str, fmt: str, out: Path, *extra: str) -> Any:
    result = make_runner(url)(
        "export", "items", "--class", CLASS, "--week", WEEK, "--format", fmt,
        "--include-drafts", "--out", out, *extra,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return result


def test_a_class_gift_export_says_on_stderr_which_items_it_leaves_out(
    class_week: str, home: Path, tmp_path: Path
) -> None:
    export_class(class_week, "json", tmp_path / "week.json")
    stored = json.loads((tmp_path / "week.json").read_text())
    drawn = {entry["id"] for entry in stored if entry["figure"]}
    assert drawn, "the demo week holds items with figures"
    gift = tmp_path / "week.gift.txt"
    result = export_class(class_week, "gift", gift, "--json")
    notices = json.loads(result.stdout)["notices"]
    said = [line for line in result.stderr.splitlines() if "left out of GIFT" in line]
    assert said == notices and len(notices) == len(drawn)
    named = {n.removeprefix("item ").partition(" left out")[0] for n in notices}
    assert named == drawn
    text = gift.read_text()
    commented = {
        line.removeprefix("// left out ").partition(": ")[0]
        for line in text.splitlines()
        if line.startswith("// left out ")
    }
    assert commented == drawn
    assert len(parse_gift(text)) > 0
    # Moodle XML carries every figure, so it leaves nothing out and says nothing.
    moodle = export_class(class_week, "moodle", tmp_path / "week.xml")
    assert "left out" not in moodle.stderr
    quiz = parse((tmp_path / "week.xml").read_bytes())
    embedded = {
        q.findtext("idnumber")
        for q in quiz.iter("question")
        if q.find("questiontext/file") is not None
    }
    assert embedded == drawn
