"""Moodle XML question bank: one category per student's assessment (a plain set of items:
one per topic), then its questions. The same question may sit in two students' categories;
Moodle keeps an idnumber unique per category, so both keep the item's id.

- multiple choice → multichoice (one right answer; each wrong option's feedback is the
  misconception that leads to it);
- numeric with an integer or decimal key → numerical, with the item's tolerance (0 = exact),
  and "%" as an optional unit where the question asks for a percent;
- numeric with a fraction or expression key → shortanswer listing every accepted spelling
  (3/4 and 0.75; 5/6, 0.83 and 0.833; 7/6 and 1 1/6), since a Moodle numerical question
  only reads decimal numbers; an ordered pair or an expression or equation item likewise
  ((3, -2) and 3,-2; 3x + 6, 3*x+6 and 6 + 3x; y = 2x + 3 and 2x + 3 = y);
- short answer → essay, the rubric and the key as grader information.
General feedback is the worked solution; the hint is a Moodle hint (interactive mode).
Question text and feedback are HTML with each power as a superscript (`x<sup>3</sup>`).
An item's figure is embedded in its question text as Moodle's own exports embed a file: a
base64 `<file name=… path="/" encoding="base64">` inside `<questiontext>`, shown by an
`<img src="@@PLUGINFILE@@/figure-….svg">` with the figure's alt text after the stem.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import IO

from lxml import etree

from edugen.content.answers import is_percent
from edugen.content.notation import math_html
from edugen.exporters.lms.common import (
    Assessment,
    Exporter,
    accepted_texts,
    figure_img,
    figure_name,
    item_title,
    moodle_categories,
    number_text,
    prepared,
    scores_as_number,
    scores_as_text,
    tolerance,
    xml_bytes,
)
from edugen.schemas import PracticeItem


def question_type(item: PracticeItem) -> str:
    """The Moodle question type an item is written as."""
    if item.kind == "multiple_choice":
        return "multichoice"
    if scores_as_number(item):
        return "numerical"
    return "shortanswer" if scores_as_text(item) else "essay"


# Where Moodle puts the question's own file area when it imports the text.
PLUGINFILE = "@@PLUGINFILE@@"


def _html(*paragraphs: str, steps: Sequence[str] = (), figure: str = "") -> str:
    parts = [f"<p>{math_html(p)}</p>" for p in paragraphs]
    if figure:
        parts.append(f"<p>{figure}</p>")
    if steps:
        parts.append("<ol>" + "".join(f"<li>{math_html(s)}</li>" for s in steps) + "</ol>")
    return "".join(parts)


def _text(parent: etree._Element, tag: str, text: str, format: str | None = None) -> etree._Element:
    node = etree.SubElement(parent, tag, {"format": format} if format else {})
    etree.SubElement(node, "text").text = etree.CDATA(text) if text and format == "html" else text
    return node


def _question_text(parent: etree._Element, item: PracticeItem) -> None:
    """The stem, and the figure (if any) as a file in the question's own file area."""
    if item.figure is None:
        _text(parent, "questiontext", _html(item.stem), "html")
        return
    name = figure_name(item)
    figure = figure_img(item.figure, f"{PLUGINFILE}/{name}")
    node = _text(parent, "questiontext", _html(item.stem, figure=figure), "html")
    data = etree.SubElement(node, "file", name=name, path="/", encoding="base64")
    data.text = base64.b64encode(item.figure.svg.encode("utf-8")).decode("ascii")


def _plain(parent: etree._Element, tag: str, text: str) -> None:
    etree.SubElement(parent, tag).text = text


def _answer(
    parent: etree._Element, text: str, fraction: str, feedback: str = "", **extra: str
) -> None:
    """An <answer>; answer text is plain, as Moodle's own exports write it."""
    node = etree.SubElement(parent, "answer", fraction=fraction, format="plain_text")
    etree.SubElement(node, "text").text = text
    for tag, value in extra.items():
        etree.SubElement(node, tag).text = value
    _text(node, "feedback", _html(feedback) if feedback else "", "html")


def question(item: PracticeItem) -> etree._Element:
    kind = question_type(item)
    node = etree.Element("question", type=kind)
    name = etree.SubElement(node, "name")
    etree.SubElement(name, "text").text = item_title(item)
    _question_text(node, item)
    _text(node, "generalfeedback", _html(f"Answer: {item.answer}", steps=item.solution), "html")
    _plain(node, "defaultgrade", "1")
    _plain(node, "penalty", "0.3333333")
    _plain(node, "hidden", "0")
    _plain(node, "idnumber", item.id)
    if kind == "multichoice":
        _plain(node, "single", "true")
        _plain(node, "shuffleanswers", "1")
        _plain(node, "answernumbering", "abc")
        for option in item.options or []:
            right = option == item.answer
            _answer(node, option, "100" if right else "0", item.misconceptions.get(option, ""))
    elif kind == "numerical":
        _answer(node, item.answer.strip(), "100", tolerance=number_text(tolerance(item)))
        if is_percent(item.stem):
            _percent_unit(node)
    elif kind == "shortanswer":
        _plain(node, "usecase", "0")
        for text in accepted_texts(item):
            # "*" is Moodle's wildcard in short-answer keys; a literal one is escaped.
            _answer(node, text.replace("*", "\\*"), "100")
    else:
        _plain(node, "responseformat", "editor")
        _plain(node, "responserequired", "1")
        _plain(node, "responsefieldlines", "8")
        _plain(node, "attachments", "0")
        _plain(node, "attachmentsrequired", "0")
        info = [f"Rubric: {item.rubric}"] if item.rubric else []
        _text(node, "graderinfo", _html(*info, f"Answer: {item.answer}"), "html")
        _text(node, "responsetemplate", "", "html")
    if item.hint and kind != "essay":
        _text(node, "hint", _html(item.hint), "html")
    return node


def _percent_unit(node: etree._Element) -> None:
    """ "%" as an optional unit: Moodle grades 40 and 40% alike (unitgradingtype 0 with a
    text box, the form's "Units are optional")."""
    unit = etree.SubElement(etree.SubElement(node, "units"), "unit")
    _plain(unit, "multiplier", "1")
    _plain(unit, "unit_name", "%")
    _plain(node, "unitgradingtype", "0")
    _plain(node, "unitpenalty", "0")
    _plain(node, "showunits", "0")
    _plain(node, "unitsleft", "0")


def quiz(assessments: Sequence[Assessment]) -> etree._Element:
    """The <quiz> document: per category, a category question and then its questions."""
    root = etree.Element("quiz")
    for assessment in assessments:
        for path, items in moodle_categories(assessment):
            category = etree.SubElement(root, "question", type="category")
            _text(category, "category", path)
            for item in items:
                root.append(question(item))
    return root


class MoodleXmlExporter(Exporter):
    """Moodle XML, for Moodle's question bank import."""

    name = "moodle"
    extension = ".xml"
    media_type = "application/xml"

    def write_package(self, assessments: Sequence[Assessment], stream: IO[bytes]) -> None:
        assessments = prepared(assessments)
        root = quiz(assessments)
        title = "; ".join(a.title for a in assessments if not a.key) or f"{len(assessments)} sets"
        root.insert(0, etree.Comment(f" {title} (edugen) ".replace("--", "- -")))
        stream.write(xml_bytes(root))
