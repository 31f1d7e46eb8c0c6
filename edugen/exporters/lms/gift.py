"""GIFT, Moodle's plain-text question format.

Every `~ = # { } :` (and the backslash itself) in a stem, answer or feedback is escaped with
a backslash; line breaks inside a question are written as GIFT's `\\n`, so a blank line only
ever separates questions. Per kind:
- multiple choice: `{=right ~wrong#misconception …}`;
- numeric with an integer or decimal key: `{#value:tolerance}` (0 = exact);
- numeric with a fraction or expression key, an ordered pair, an expression or equation:
  short answer, every accepted spelling right (`{=3/4 =0.75}`, `{=(3, -2) =3,-2 …}`);
- short answer: an essay `{}`; GIFT has no grader-only text, so the rubric goes in the
  general feedback (`####`), shown after answering, with the worked solution.
Text is marked `[plain]`, so Moodle shows "x < 8" as written rather than reading it as HTML
(answers and feedback take the question's format). One `$CATEGORY:` line per category, as
in Moodle XML: a student's assessment is one, a plain set of items has one per topic
(`$course$/edugen/<topic title>`).
GIFT cannot carry an image, and a question that shows a figure is not the same question
without it, so an item with a figure is left out: a `// left out` comment stands in its place
and `notices` names it for the person exporting (Moodle XML carries the figure).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from edugen.exporters.lms.common import (
    Assessment,
    Exporter,
    accepted_texts,
    item_title,
    moodle_categories,
    number_text,
    package_items,
    prepared,
    scores_as_number,
    scores_as_text,
    tolerance,
)
from edugen.schemas import PracticeItem

SPECIAL = "~=#{}:"


def escape(text: str) -> str:
    """Text as GIFT reads it back unchanged: specials escaped, line breaks as `\\n`."""
    out = []
    for char in text.replace("\r\n", "\n"):
        if char == "\\" or char in SPECIAL:
            out.append("\\" + char)
        elif char == "\n" or char == "\r":
            out.append("\\n")
        else:
            out.append(char)
    return "".join(out)


def _feedback(item: PracticeItem) -> str:
    lines = [f"Rubric: {item.rubric}"] if item.rubric else []
    lines.append(f"Answer: {item.answer}")
    lines.extend(f"{n}. {step}" for n, step in enumerate(item.solution, 1))
    return escape("\n".join(lines))


def _answers(item: PracticeItem) -> str:
    if item.kind == "multiple_choice":
        parts = []
        for option in item.options or []:
            if option == item.answer:
                parts.append(f"\t={escape(option)}")
                continue
            why = item.misconceptions.get(option)
            parts.append(f"\t~{escape(option)}" + (f"#{escape(why)}" if why else ""))
        return "\n" + "\n".join(parts) + "\n"
    if scores_as_number(item):
        return f"#{item.answer.strip()}:{number_text(tolerance(item))}"
    if scores_as_text(item):
        return " ".join(f"={escape(text)}" for text in accepted_texts(item))
    return ""


def question(item: PracticeItem) -> str:
    """One question, with a comment naming the item's id."""
    comment = " ".join(item.id.split())
    title = escape(item_title(item))
    body = f"{_answers(item)}####{_feedback(item)}"
    return f"// {comment}\n::{title}::[plain]{escape(item.stem)} {{{body}}}\n"


def left_out(item: PracticeItem) -> str:
    """Why an item is not in a GIFT file ("" when it is)."""
    if item.figure is None:
        return ""
    kind = item.figure.kind.replace("_", " ")
    return f"GIFT cannot carry its figure (a {kind}); Moodle XML (--format moodle) carries it"


def _left_out_line(item: PracticeItem, why: str) -> str:
    return f"// left out {' '.join(item.id.split())}: {' '.join(why.split())}\n"


def document(assessments: Sequence[Assessment]) -> str:
    titles = [" ".join(a.title.split()) for a in assessments if not a.key]
    blocks = [f"// {'; '.join(titles) or f'{len(assessments)} sets'} (edugen)\n"]
    for assessment in assessments:
        for path, items in moodle_categories(assessment):
            blocks.append(f"$CATEGORY: {' '.join(path.split())}\n")
            for item in items:
                why = left_out(item)
                blocks.append(_left_out_line(item, why) if why else question(item))
    return "\n".join(blocks)


class GiftExporter(Exporter):
    """GIFT text, for Moodle's question bank import."""

    name = "gift"
    extension = ".gift.txt"
    media_type = "text/plain; charset=utf-8"

    def write_package(self, assessments: Sequence[Assessment], stream: IO[bytes]) -> None:
        stream.write(document(prepared(assessments)).encode("utf-8"))

    def notices(self, assessments: Sequence[Assessment]) -> list[str]:
        """Each item left out, once however many assessments hold it."""
        return [
            f"item {item.id} left out of GIFT: {why}"
            for item in package_items(assessments)
            if (why := left_out(item))
        ]
