"""QTI 2.1 content package: one assessmentItem per question (once, however many tests use
it), one assessmentTest per assessment (T_<id>.xml: a class package has one per student),
and a manifest listing each test with the items it depends on.

Scoring, per kind:
- multiple choice: choiceInteraction, identifier response, the standard match_correct template;
- numeric with an integer or decimal key: textEntryInteraction, float response, and response
  processing written out (the templates have no tolerance) that compares with `equal`
  (toleranceMode exact, or absolute with the item's tolerance);
- numeric with a fraction or expression key, an ordered pair, an expression or equation:
  textEntryInteraction, string response scored by the map_response template, every
  accepted spelling mapped to 1 (3/4 and 0.75; (3, -2) and 3,-2; 3x + 6 and 6 + 3x):
  honest, and it validates;
- short answer: extendedTextInteraction, no response processing (a person scores it).
Stems and prompts write each power (`x^3`) as inline MathML 2 (`m:math`/`msup`), which the
QTI 2.1 schema admits. An item's figure is an SVG file in images/ (`images/figure-….svg`, so
items/ holds only items), listed among the item resource's files and shown by an `<img>`
after the stem (inside the prompt where the stem is one) whose src is relative to the item
file, as QTI resolves it. The rubric (short answer), the worked solution and the hint go in a
rubricBlock whose view is scorer and tutor, so a delivery system shows them to teachers and
not to students.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from lxml import etree

from edugen.content.notation import math_mathml
from edugen.exporters.lms.common import (
    Assessment,
    Exporter,
    accepted_texts,
    by_topic,
    correct_option,
    figure_files,
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
    topic_label,
    write_zip,
    xml_bytes,
)
from edugen.schemas import PracticeItem

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
TEMPLATES = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/"
TEACHERS = "scorer tutor"


def _q(tag: str) -> str:
    return f"{{{QTI}}}{tag}"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    node = etree.SubElement(parent, _q(tag), {k.rstrip("_"): v for k, v in attrs.items()})
    if text is not None:
        node.text = text
    return node


def _root(tag: str, **attrs: str) -> etree._Element:
    root = etree.Element(_q(tag), nsmap={None: QTI, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{QTI} {QTI_XSD}")
    for key, value in attrs.items():
        root.set(key, value)
    return root


def _math(parent: etree._Element, tag: str, text: str, **attrs: str) -> etree._Element:
    """An element holding `text` with each power as inline MathML (`x^3`: msup)."""
    holder = etree.fromstring(f'<holder xmlns="{QTI}">{math_mathml(text)}</holder>')
    node = _sub(parent, tag, **attrs)
    node.text = holder.text
    node.extend(list(holder))
    return node


IMAGES = "images"


def item_href(item: PracticeItem) -> str:
    return f"items/{safe_id(item.id)}.xml"


def figure_href(item: PracticeItem) -> str:
    return f"{IMAGES}/{figure_name(item)}"


def _figure(parent: etree._Element, item: PracticeItem, *, inline: bool) -> None:
    """The item's figure, if any: on a line of its own after the stem."""
    if item.figure is None:
        return
    holder = parent if inline else _sub(parent, "p")
    if inline:
        _sub(holder, "br")
    figure = item.figure
    _sub(
        holder,
        "img",
        src=f"../{figure_href(item)}",  # from items/, where the item file is
        alt=figure.alt,
        width=str(figure.width),
        height=str(figure.height),
    )


def choice_id(index: int) -> str:
    return f"CHOICE_{index + 1}"


def assessment_item(item: PracticeItem) -> etree._Element:
    """The assessmentItem for one practice item."""
    root = _root(
        "assessmentItem",
        identifier=safe_id(item.id),
        title=item_title(item),
        adaptive="false",
        timeDependent="false",
        toolName="edugen",
    )
    number = scores_as_number(item)
    base = "identifier" if item.kind == "multiple_choice" else "float" if number else "string"
    response = _sub(
        root, "responseDeclaration", identifier="RESPONSE", cardinality="single", baseType=base
    )
    if item.kind != "short_answer":
        key = choice_id(correct_option(item)) if base == "identifier" else item.answer.strip()
        _sub(_sub(response, "correctResponse"), "value", key)
    if scores_as_text(item):
        mapping = _sub(response, "mapping", defaultValue="0")
        for text in accepted_texts(item):
            _sub(mapping, "mapEntry", mapKey=text, mappedValue="1", caseSensitive="false")
    score = _sub(
        root,
        "outcomeDeclaration",
        identifier="SCORE",
        cardinality="single",
        baseType="float",
        normalMaximum="1",
    )
    _sub(_sub(score, "defaultValue"), "value", "0")

    body = _sub(root, "itemBody")
    if item.kind == "multiple_choice":
        interaction = _sub(
            body,
            "choiceInteraction",
            responseIdentifier="RESPONSE",
            shuffle="false",
            maxChoices="1",
        )
        _figure(_math(interaction, "prompt", item.stem), item, inline=True)
        for index, option in enumerate(item.options or []):
            _sub(interaction, "simpleChoice", option, identifier=choice_id(index))
    elif item.kind != "short_answer":
        _math(body, "p", item.stem)
        _figure(body, item, inline=False)
        line = _sub(body, "p", "Answer: ")
        _sub(
            line,
            "textEntryInteraction",
            responseIdentifier="RESPONSE",
            expectedLength=str(max(8, len(item.answer) + 2)),
        )
    else:
        interaction = _sub(
            body, "extendedTextInteraction", responseIdentifier="RESPONSE", expectedLines="5"
        )
        _figure(_math(interaction, "prompt", item.stem), item, inline=True)
    _teacher_block(body, item)

    if item.kind == "multiple_choice":
        _sub(root, "responseProcessing", template=TEMPLATES + "match_correct")
    elif item.kind == "numeric" and number:
        _tolerant_processing(root, item)
    elif scores_as_text(item):
        _sub(root, "responseProcessing", template=TEMPLATES + "map_response")
    return root


def _teacher_block(body: etree._Element, item: PracticeItem) -> None:
    block = _sub(body, "rubricBlock", view=TEACHERS)
    if item.rubric:
        _sub(block, "h4", "Rubric")
        _sub(block, "p", item.rubric)
    _sub(block, "h4", "Answer")
    _sub(block, "p", item.answer)
    if item.solution:
        _sub(block, "h4", "Worked solution")
        steps = _sub(block, "ol")
        for step in item.solution:
            _sub(steps, "li", step)
    if item.hint:
        _sub(block, "h4", "Hint")
        _sub(block, "p", item.hint)


def _tolerant_processing(root: etree._Element, item: PracticeItem) -> None:
    """SCORE 1 when the number typed equals the key within the tolerance, else 0."""
    processing = _sub(root, "responseProcessing")
    condition = _sub(processing, "responseCondition")
    if_ = _sub(condition, "responseIf")
    t = tolerance(item)
    if t:
        equal = _sub(if_, "equal", toleranceMode="absolute", tolerance=number_text(t))
    else:
        equal = _sub(if_, "equal", toleranceMode="exact")
    _sub(equal, "variable", identifier="RESPONSE")
    _sub(equal, "correct", identifier="RESPONSE")
    _set_score(if_, "1")
    _set_score(_sub(condition, "responseElse"), "0")


def _set_score(parent: etree._Element, value: str) -> None:
    _sub(_sub(parent, "setOutcomeValue", identifier="SCORE"), "baseValue", value, baseType="float")


def test_href(assessment: Assessment) -> str:
    # At the top, beside items/, so every item href reads the same from test and manifest.
    return f"{assessment.ident('T')}.xml"


def assessment_test(assessment: Assessment) -> etree._Element:
    """One test, one section per topic, every item once; SCORE is the sum of item scores."""
    items = assessment.items
    root = _root(
        "assessmentTest",
        identifier=assessment.ident("T"),
        title=assessment.title,
        toolName="edugen",
    )
    total = _sub(
        root, "outcomeDeclaration", identifier="SCORE", cardinality="single", baseType="float"
    )
    _sub(_sub(total, "defaultValue"), "value", "0")
    part = _sub(
        root,
        "testPart",
        identifier="PART_1",
        navigationMode="nonlinear",
        submissionMode="simultaneous",
    )
    for topic, group in by_topic(items).items():
        section = _sub(
            part,
            "assessmentSection",
            identifier=safe_id(topic, "S"),
            title=topic_label(group[0]),
            visible="true",
        )
        for item in group:
            _sub(section, "assessmentItemRef", identifier=safe_id(item.id), href=item_href(item))
    processing = _sub(root, "outcomeProcessing")
    value = _sub(processing, "setOutcomeValue", identifier="SCORE")
    _sub(_sub(value, "sum"), "testVariables", variableIdentifier="SCORE")
    return root


def manifest(assessments: Sequence[Assessment]) -> etree._Element:
    """The content-packaging manifest: each test, then one resource per item file."""
    c = f"{{{CP}}}"
    items = package_items(assessments)
    root = etree.Element(c + "manifest", nsmap={None: CP, "xsi": XSI})
    parts = [a.ident("T") for a in assessments] + [item.id for item in items]
    root.set("identifier", joined_id(parts, "M"))
    root.set(f"{{{XSI}}}schemaLocation", f"{CP} {CP_XSD}")
    meta = etree.SubElement(root, c + "metadata")
    etree.SubElement(meta, c + "schema").text = "QTIv2.1 Package"
    etree.SubElement(meta, c + "schemaversion").text = "1.0.0"
    etree.SubElement(root, c + "organizations")
    resources = etree.SubElement(root, c + "resources")
    for assessment in assessments:
        test = etree.SubElement(
            resources,
            c + "resource",
            identifier=assessment.ident("R"),
            type="imsqti_test_xmlv2p1",
            href=test_href(assessment),
        )
        etree.SubElement(test, c + "file", href=test_href(assessment))
        for item in assessment.items:
            etree.SubElement(test, c + "dependency", identifierref=_resource_id(item))
    for item in items:
        resource = etree.SubElement(
            resources,
            c + "resource",
            identifier=_resource_id(item),
            type="imsqti_item_xmlv2p1",
            href=item_href(item),
        )
        etree.SubElement(resource, c + "file", href=item_href(item))
        if item.figure is not None:
            etree.SubElement(resource, c + "file", href=figure_href(item))
    return root


def _resource_id(item: PracticeItem) -> str:
    return safe_id(item.id, "R")


class Qti21Exporter(Exporter):
    """A QTI 2.1 content package (zip) for OpenOLAT, TAO, Inspera and other QTI 2 players."""

    name = "qti21"
    extension = ".zip"
    media_type = "application/zip"

    def write_package(self, assessments: Sequence[Assessment], stream: IO[bytes]) -> None:
        """One package: every test, every item file and figure once."""
        assessments = prepared(assessments)
        files = [("imsmanifest.xml", xml_bytes(manifest(assessments)))]
        files.extend((test_href(a), xml_bytes(assessment_test(a))) for a in assessments)
        items = package_items(assessments)
        files.extend((item_href(item), xml_bytes(assessment_item(item))) for item in items)
        files.extend(figure_files(items, IMAGES))
        write_zip(stream, files)
