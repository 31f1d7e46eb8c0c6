"""What every LMS exporter shares: assessments, identifiers, answer shapes, titles, figures,
zips, and the base class that writes a plain set of items as a package of one assessment.

A package holds one or more assessments. One given to someone (a student, or the class as a
whole) has a `key` its identifiers come from and is one Moodle category named by its title;
a plain set of items (no key) takes its identifiers from its items and is filed by topic.
An item's figure travels as an SVG file named from the item's id (`figure_name`), shown by
an `<img>` whose alt text is the figure's own.
"""

from __future__ import annotations

import hashlib
import html
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import IO

from lxml import etree

from edugen import answer_text
from edugen.content import answers
from edugen.errors import EdugenError
from edugen.exporters.printable import printable, printable_items
from edugen.schemas import Figure, PracticeItem

DEFAULT_TITLE = "edugen practice"

# Canonical answers as the item families write them (see edugen/content/cores.py).
DECIMAL = re.compile(r"-?\d+(\.\d+)?")
FRACTION = re.compile(r"-?\d+/\d+")
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
# Tolerances at or below this are the families' way of saying "exact".
EXACT = 1e-9
# A zip entry's timestamp is fixed so the same items always give the same bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class ExportError(EdugenError):
    """An item cannot be written in a package format (for example, a choice without options)."""


def safe_id(raw: str, prefix: str = "I") -> str:
    """A stable NCName and file stem for an id: readable part plus a hash of the original.

    The hash keeps ids distinct that sanitize alike ("a:b" and "a_b"); the mapping depends
    only on the id, never on the other items in the export.
    """
    readable = _UNSAFE.sub("_", raw).strip("_.-")[:60] or "x"
    digest = hashlib.sha1(raw.encode("utf-8")).hexdigest()[:8]
    return f"{prefix}_{readable}_{digest}"


def set_id(items: Sequence[PracticeItem], prefix: str) -> str:
    """A stable NCName for a whole export (test, manifest, quiz), from its items' ids."""
    return joined_id([item.id for item in items], prefix)


def joined_id(parts: Sequence[str], prefix: str) -> str:
    """A stable NCName from a list of texts (a hash: the texts never show)."""
    joined = "\n".join(parts)
    return f"{prefix}_{hashlib.sha1(joined.encode('utf-8')).hexdigest()[:16]}"


@dataclass(frozen=True)
class Assessment:
    """One assessment of a package: its title, its items, and whose it is (`key`)."""

    title: str
    items: Sequence[PracticeItem]
    key: str = ""  # a student id, or the class set's; "" for a plain set of items

    def ident(self, prefix: str) -> str:
        """A stable NCName: from the key where there is one (never the key itself)."""
        return (
            joined_id(["assessment", self.key], prefix) if self.key else set_id(self.items, prefix)
        )


def prepared(assessments: Sequence[Assessment]) -> list[Assessment]:
    """The assessments with printable text, each checked; refused when two share a key."""
    ready = []
    keys: set[str] = set()
    for a in assessments:
        if a.key and a.key in keys:
            raise ExportError(f"two assessments are for {a.key!r}")
        keys.add(a.key)
        items = printable_items(a.items)
        check_items(items)
        ready.append(Assessment(printable(a.title), items, a.key))
    return ready


class Exporter:
    """What every format shares: a plain set of items is a package of one assessment, and
    nothing is left out unless the format says so (`notices`)."""

    def write(
        self, items: Sequence[PracticeItem], stream: IO[bytes], *, title: str = DEFAULT_TITLE
    ) -> None:
        self.write_package([Assessment(title, items)], stream)

    def write_package(self, assessments: Sequence[Assessment], stream: IO[bytes]) -> None:
        raise NotImplementedError

    def notices(self, assessments: Sequence[Assessment]) -> list[str]:
        """What the package leaves out, and why: one line each, for the person exporting."""
        return []


def package_items(assessments: Sequence[Assessment]) -> list[PracticeItem]:
    """Every item of a package once (the first copy of an id), in first-seen order."""
    unique: dict[str, PracticeItem] = {}
    for a in assessments:
        for item in a.items:
            unique.setdefault(item.id, item)
    return list(unique.values())


def figure_name(item: PracticeItem) -> str:
    """The file name of an item's figure in a package: from the item's id, so the same item
    gives the same name in every assessment and format."""
    return f"figure-{safe_id(item.id)}.svg"


def figure_files(items: Iterable[PracticeItem], folder: str) -> list[tuple[str, bytes]]:
    """Each figure as a file under `folder`, items in order (a package writes each once)."""
    return [
        (f"{folder}/{figure_name(item)}", item.figure.svg.encode("utf-8"))
        for item in items
        if item.figure is not None
    ]


def figure_img(figure: Figure, src: str) -> str:
    """The HTML `<img>` that shows a figure: its alt text and its size in CSS pixels."""
    return (
        f'<img src="{html.escape(src)}" alt="{html.escape(figure.alt)}" '
        f'width="{figure.width}" height="{figure.height}"/>'
    )


def is_decimal(answer: str) -> bool:
    """Whether an answer is an integer or a decimal an LMS numeric question can score."""
    return DECIMAL.fullmatch(answer.strip()) is not None


def is_fraction(answer: str) -> bool:
    return FRACTION.fullmatch(answer.strip()) is not None


def scores_as_number(item: PracticeItem) -> bool:
    """A numeric item whose answer an LMS number field can hold (fractions cannot)."""
    return item.kind == "numeric" and is_decimal(item.answer)


def scores_as_text(item: PracticeItem) -> bool:
    """A typed answer an LMS scores by comparing text with every accepted spelling: a point,
    an expression, or a numeric key a number field cannot hold (a fraction)."""
    return item.kind in ("ordered_pair", "expression") or (
        item.kind == "numeric" and not scores_as_number(item)
    )


def tolerance(item: PracticeItem) -> float:
    """The absolute tolerance to write; 0 where the item means exact."""
    t = item.tolerance or 0.0
    return 0.0 if t <= EXACT else t


def number_text(value: float) -> str:
    """A float as short text: 0.5 not 0.50000, 3 not 3.0."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def accepted_texts(item: PracticeItem) -> list[str]:
    """Texts a typed answer may match: the canonical one, then equivalent spellings, the
    forms content/answers.accepts takes (an LMS can only list them).

    A fraction with a terminating decimal also accepts that decimal (3/4 and 0.75); one
    without accepts it rounded to two and three places (5/6: 0.83, 0.833); an improper
    fraction accepts the mixed number (7/6: 1 1/6); a percent question also accepts each
    decimal with "%" (40%); an expression also accepts itself without spaces (3x+6).
    An ordered pair takes its coordinates' spellings with and without spaces and
    parentheses; an expression or equation the spellings of `answer_text.spellings` (with
    `*`, terms reordered, sides swapped). Each form is one `answers.accepts` takes.
    """
    if item.kind == "ordered_pair":
        return _pair_texts(item.answer)
    if item.kind == "expression":
        return answer_text.spellings(item.answer)
    answer = item.answer.strip()
    texts = [answer]
    value = answers.parse_number(answer)
    if value is not None and value.denominator != 1:
        if answers.terminates(value):
            texts.append(_decimal_text(value))
        else:
            texts += [_places(answers.rounded(value, n), n) for n in (2, 3)]
        if abs(value) > 1:
            texts.append(_mixed(value))
    texts.append(re.sub(r"\s+", "", answer))
    if value is not None and answers.is_percent(item.stem):
        texts += [f"{text}%" for text in texts if "/" not in text and " " not in text]
    return list(dict.fromkeys(texts))


def _pair_texts(answer: str) -> list[str]:
    """(3, -2), (3,-2), 3, -2, 3,-2; a coordinate with a terminating decimal also as it."""
    parts = answer_text.pair_parts(answer)
    if parts is None:
        return [answer.strip()]
    spelled = []
    for part in parts:
        value = answers.parse_number(part)
        decimal = _decimal_text(value) if value is not None and answers.terminates(value) else part
        spelled.append(list(dict.fromkeys([part, decimal])))
    texts = [answer.strip()]
    for x in spelled[0]:
        for y in spelled[1]:
            texts += [f"({x}, {y})", f"({x},{y})", f"{x}, {y}", f"{x},{y}"]
    return list(dict.fromkeys(texts))


def _places(value: Fraction, n: int) -> str:
    return f"{Decimal(value.numerator) / Decimal(value.denominator):.{n}f}"


def _mixed(value: Fraction) -> str:
    whole, rest = divmod(abs(value.numerator), value.denominator)
    return f"{'-' if value < 0 else ''}{whole} {rest}/{value.denominator}"


def _decimal_text(value: Fraction) -> str:
    sign = "-" if value < 0 else ""
    value = abs(value)
    whole, rest = divmod(value.numerator, value.denominator)
    digits = ""
    while rest:
        rest *= 10
        digit, rest = divmod(rest, value.denominator)
        digits += str(digit)
    return f"{sign}{whole}.{digits}" if digits else f"{sign}{whole}"


def correct_option(item: PracticeItem) -> int:
    """The index of the answer among a multiple-choice item's options."""
    options = item.options or []
    if item.answer not in options:
        raise ExportError(f"item {item.id}: the answer {item.answer!r} is not among its options")
    if len(set(options)) != len(options):
        raise ExportError(f"item {item.id}: its options repeat")
    return options.index(item.answer)


def check_items(items: Sequence[PracticeItem]) -> None:
    """Refuse what no format can carry: duplicate ids, choices without a right option."""
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise ExportError(f"item {item.id} appears twice")
        seen.add(item.id)
        if item.kind == "multiple_choice":
            correct_option(item)


def item_title(item: PracticeItem, width: int = 60) -> str:
    """A short title an LMS lists the item under: topic, tier, the start of the stem, and the
    item's id in brackets (a Moodle question name and a Canvas item title keep it)."""
    stem = " ".join(item.stem.split())
    if len(stem) > width:
        stem = stem[: width - 1].rstrip() + "…"
    return f"{item.topic} tier {item.tier}: {stem} [{' '.join(item.id.split())}]"


def topic_label(item: PracticeItem) -> str:
    return " ".join((item.topic_title or item.topic).split())


def by_topic(items: Iterable[PracticeItem]) -> dict[str, list[PracticeItem]]:
    """Items grouped by topic code, topics in first-seen order, items in input order."""
    groups: dict[str, list[PracticeItem]] = {}
    for item in items:
        groups.setdefault(item.topic, []).append(item)
    return groups


def moodle_category(item: PracticeItem) -> str:
    """The Moodle category path; a "/" inside the title is doubled, as Moodle reads paths."""
    return _category(topic_label(item))


def moodle_categories(assessment: Assessment) -> list[tuple[str, list[PracticeItem]]]:
    """Moodle categories and their items: the assessment's own (one per student), or by topic
    for a plain set of items."""
    if assessment.key:
        ordered = [i for group in by_topic(assessment.items).values() for i in group]
        return [(_category(" ".join(assessment.title.split())), ordered)]
    return [(moodle_category(group[0]), group) for group in by_topic(assessment.items).values()]


def _category(name: str) -> str:
    return "$course$/edugen/" + name.replace("/", "//")


def xml_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_zip(stream: IO[bytes], files: Sequence[tuple[str, bytes]]) -> None:
    """Write files to a zip in order, with fixed timestamps (same input, same bytes)."""
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
