"""QTI 1.2 quiz package in the shape Canvas exports and imports.

```
imsmanifest.xml            imscc-flavoured content-packaging manifest, every quiz
{quiz}/{quiz}.xml          <questestinterop><assessment><section><item>… (the quiz's items)
{quiz}/assessment_meta.xml Canvas quiz settings (title, points, a practice quiz)
web_resources/figure-….svg an item's figure, once however many quizzes hold the item
```
One quiz per assessment: a class package has one per student, which Canvas imports as
that many quizzes. An item's ident is the same in every quiz that holds it.
Question types: multiple_choice_question; numerical_question with an exact answer and a
margin (`varequal` or `vargte`/`varlte`, as Canvas writes it) where the key is an integer or
a decimal; short_answer_question (every accepted spelling) where it is a fraction or an
expression, which Canvas's number field cannot take, and for an ordered pair or an
expression or equation item (Canvas compares the text with each); essay_question for short answer,
scored by the teacher. The worked solution is the general feedback (shown after answering);
for an essay it also carries the rubric, since Canvas has no grader-only field here.

A figure is shown by an `<img>` after the stem whose src is the file's path from the top of
the package, exactly as the manifest lists it: Canvas's QTI import makes every manifest
`<file>` that is not a resource's own href a course file, and replaces an `<img src>` that
matches one's path (or the end of it) with a link to that file. The figures are one
`webcontent` resource that each quiz depends on, as in a Canvas export.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from lxml import etree

from edugen.content.notation import math_html
from edugen.exporters.lms.common import (
    Assessment,
    Exporter,
    accepted_texts,
    correct_option,
    figure_files,
    figure_img,
    figure_name,
    item_title,
    joined_id,
    number_text,
    package_items,
    prepared,
    safe_id,
    scores_as_number,
    scores_as_text,
    tolerance,
    write_zip,
    xml_bytes,
)
from edugen.schemas import PracticeItem

ASI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
ASI_XSD = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
IMSCC = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
IMSCC_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
CANVAS = "http://canvas.instructure.com/xsd/cccv1p0"
CANVAS_XSD = "https://canvas.instructure.com/xsd/cccv1p0.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
META_TYPE = "associatedcontent/imscc_xmlv1p1/learning-application-resource"
FIGURES = "web_resources"


def question_type(item: PracticeItem) -> str:
    """The Canvas question_type an item is written as."""
    if item.kind == "multiple_choice":
        return "multiple_choice_question"
    if scores_as_number(item):
        return "numerical_question"
    return "short_answer_question" if scores_as_text(item) else "essay_question"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    node = etree.SubElement(parent, f"{{{ASI}}}{tag}", attrs)
    if text is not None:
        node.text = text
    return node


def _html(*paragraphs: str, steps: Sequence[str] = (), figure: str = "") -> str:
    """Plain text as the small HTML fragment Canvas keeps in a mattext; powers as <sup>;
    `figure` (an <img>) on a line of its own after the paragraphs."""
    parts = [f"<p>{math_html(p)}</p>" for p in paragraphs]
    if figure:
        parts.append(f"<p>{figure}</p>")
    if steps:
        parts.append("<ol>" + "".join(f"<li>{math_html(s)}</li>" for s in steps) + "</ol>")
    return "<div>" + "".join(parts) + "</div>"


def figure_href(item: PracticeItem) -> str:
    """Where an item's figure sits in the package, and the src that shows it."""
    return f"{FIGURES}/{figure_name(item)}"


def _material(parent: etree._Element, text: str, texttype: str = "text/html") -> None:
    _sub(_sub(parent, "material"), "mattext", text, texttype=texttype)


def _metadata(item_node: etree._Element, fields: Sequence[tuple[str, str]]) -> None:
    meta = _sub(_sub(item_node, "itemmetadata"), "qtimetadata")
    for label, entry in fields:
        field = _sub(meta, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)


def _correct(processing: etree._Element) -> etree._Element:
    """A respcondition that sets SCORE to 100; the caller fills in its conditionvar."""
    condition = _sub(processing, "respcondition", **{"continue": "No"})
    var = _sub(condition, "conditionvar")
    _sub(condition, "setvar", "100", action="Set", varname="SCORE")
    return var


def assessment_item(item: PracticeItem) -> etree._Element:
    """One <item>, standalone (a section appends it)."""
    ident = safe_id(item.id)
    node = etree.Element(f"{{{ASI}}}item", ident=ident, title=item_title(item))
    kind = question_type(item)
    fields = [("question_type", kind), ("points_possible", "1.0")]
    if kind == "multiple_choice_question":
        answer_ids = [f"{ident}_{i + 1}" for i in range(len(item.options or []))]
        fields.append(("original_answer_ids", ",".join(answer_ids)))
    fields.append(("assessment_question_identifierref", safe_id(item.id, "Q")))
    _metadata(node, fields)

    presentation = _sub(node, "presentation")
    figure = figure_img(item.figure, figure_href(item)) if item.figure else ""
    _material(presentation, _html(item.stem, figure=figure))
    if kind == "multiple_choice_question":
        response = _sub(presentation, "response_lid", ident="response1", rcardinality="Single")
        choices = _sub(response, "render_choice")
        for answer_id, option in zip(answer_ids, item.options or [], strict=True):
            _material(_sub(choices, "response_label", ident=answer_id), option, "text/plain")
    else:
        response = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
        decimal = {"fibtype": "Decimal"} if kind == "numerical_question" else {}
        fib = _sub(response, "render_fib", **decimal)
        _sub(fib, "response_label", ident="answer1", rshuffle="No")

    processing = _sub(node, "resprocessing")
    outcomes = _sub(processing, "outcomes")
    _sub(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    general = _sub(processing, "respcondition", **{"continue": "Yes"})
    _sub(_sub(general, "conditionvar"), "other")
    _sub(general, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
    if kind == "multiple_choice_question":
        var = _correct(processing)
        _sub(var, "varequal", answer_ids[correct_option(item)], respident="response1")
    elif kind == "numerical_question":
        margin = tolerance(item)
        value = float(item.answer)
        either = _sub(_correct(processing), "or")
        _sub(either, "varequal", item.answer.strip(), respident="response1")
        within = _sub(either, "and")
        _sub(within, "vargte", number_text(value - margin), respident="response1")
        _sub(within, "varlte", number_text(value + margin), respident="response1")
    elif kind == "short_answer_question":
        var = _correct(processing)
        for text in accepted_texts(item):
            _sub(var, "varequal", text, respident="response1")
    else:
        essay = _sub(processing, "respcondition", **{"continue": "No"})
        _sub(_sub(essay, "conditionvar"), "other")

    paragraphs = [f"Rubric: {item.rubric}"] if item.rubric else []
    paragraphs.append(f"Answer: {item.answer}")
    feedback = _sub(node, "itemfeedback", ident="general_fb")
    _material(_sub(feedback, "flow_mat"), _html(*paragraphs, steps=item.solution))
    return node


def assessment(items: Sequence[PracticeItem], quiz_id: str, title: str) -> etree._Element:
    root = etree.Element(f"{{{ASI}}}questestinterop", nsmap={None: ASI, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{ASI} {ASI_XSD}")
    test = _sub(root, "assessment", ident=quiz_id, title=title)
    field = _sub(_sub(test, "qtimetadata"), "qtimetadatafield")
    _sub(field, "fieldlabel", "cc_maxattempts")
    _sub(field, "fieldentry", "unlimited")
    section = _sub(test, "section", ident="root_section")
    for item in items:
        section.append(assessment_item(item))
    return root


def quiz_meta(items: Sequence[PracticeItem], quiz_id: str, title: str) -> etree._Element:
    """Canvas's assessment_meta.xml: an ungraded practice quiz, answers shown after."""
    root = etree.Element(f"{{{CANVAS}}}quiz", nsmap={None: CANVAS, "xsi": XSI})
    root.set("identifier", quiz_id)
    root.set(f"{{{XSI}}}schemaLocation", f"{CANVAS} {CANVAS_XSD}")
    settings = [
        ("title", title),
        ("description", ""),
        ("shuffle_answers", "false"),
        ("scoring_policy", "keep_highest"),
        ("quiz_type", "practice_quiz"),
        ("points_possible", f"{float(len(items)):.1f}"),
        ("show_correct_answers", "true"),
        ("allowed_attempts", "-1"),
        ("one_question_at_a_time", "false"),
        ("cant_go_back", "false"),
        ("available", "false"),
    ]
    for tag, text in settings:
        etree.SubElement(root, f"{{{CANVAS}}}{tag}").text = text
    return root


def manifest(assessments: Sequence[Assessment]) -> etree._Element:
    """Every quiz, each with its Canvas settings file as a dependency (and the figures)."""
    c = f"{{{IMSCC}}}"
    root = etree.Element(c + "manifest", nsmap={None: IMSCC, "xsi": XSI})
    root.set("identifier", joined_id([a.ident("quiz") for a in assessments], "manifest"))
    root.set(f"{{{XSI}}}schemaLocation", f"{IMSCC} {IMSCC_XSD}")
    meta = etree.SubElement(root, c + "metadata")
    etree.SubElement(meta, c + "schema").text = "IMS Content"
    etree.SubElement(meta, c + "schemaversion").text = "1.1.3"
    etree.SubElement(root, c + "organizations")
    resources = etree.SubElement(root, c + "resources")
    drawn = [item for item in package_items(assessments) if item.figure is not None]
    figures_id = joined_id([item.id for item in drawn], "figures")
    for assessment in assessments:
        quiz_id, meta_id = assessment.ident("quiz"), assessment.ident("meta")
        quiz = etree.SubElement(
            resources, c + "resource", identifier=quiz_id, type="imsqti_xmlv1p2"
        )
        etree.SubElement(quiz, c + "file", href=f"{quiz_id}/{quiz_id}.xml")
        etree.SubElement(quiz, c + "dependency", identifierref=meta_id)
        if any(item.figure is not None for item in assessment.items):
            etree.SubElement(quiz, c + "dependency", identifierref=figures_id)
        meta_href = f"{quiz_id}/assessment_meta.xml"
        extra = etree.SubElement(
            resources, c + "resource", identifier=meta_id, type=META_TYPE, href=meta_href
        )
        etree.SubElement(extra, c + "file", href=meta_href)
    if drawn:
        # No href of its own: Canvas skips a file whose path is some resource's href.
        figures = etree.SubElement(
            resources, c + "resource", identifier=figures_id, type="webcontent"
        )
        for item in drawn:
            etree.SubElement(figures, c + "file", href=figure_href(item))
    return root


class Qti12Exporter(Exporter):
    """A QTI 1.2 quiz package (zip) that Canvas imports as practice quizzes."""

    name = "qti12"
    extension = ".zip"
    media_type = "application/zip"

    def write_package(self, assessments: Sequence[Assessment], stream: IO[bytes]) -> None:
        """One package: a quiz folder per assessment, and every figure once."""
        assessments = prepared(assessments)
        files = [("imsmanifest.xml", xml_bytes(manifest(assessments)))]
        for a in assessments:
            quiz_id = a.ident("quiz")
            files.append(
                (f"{quiz_id}/{quiz_id}.xml", xml_bytes(assessment(a.items, quiz_id, a.title)))
            )
            files.append(
                (f"{quiz_id}/assessment_meta.xml", xml_bytes(quiz_meta(a.items, quiz_id, a.title)))
            )
        files.extend(figure_files(package_items(assessments), FIGURES))
        write_zip(stream, files)
