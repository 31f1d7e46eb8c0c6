"""Curricula: edugen's topic CSV, or ccssm standards and dependency CSVs (told apart by header)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from edugen.importers.common import InputProblems, Row, csv_rows, read_text

WRITER = "edugen.profiles.curriculum:apply"

EDUGEN_COLUMNS = ("code", "subject", "grade", "title")
K8_COLUMNS = ("grade_level_code", "domain_code", "cluster_code", "standard_counter", "description")
HS_COLUMNS = ("grade_level_code", "category_code", *K8_COLUMNS[1:])
DEPENDENCY_COLUMNS = ("source", "target", "relationship")
RELATIONSHIPS = ("dependency", "conceptual connection")

_CODE = re.compile(r"^[^\s;,]{1,64}$")
_GRADE = re.compile(r"^[A-Za-z0-9-]{1,8}$")
_SEPARATORS = re.compile(r"[;\s]+")


@dataclass(frozen=True)
class TopicRecord:
    file: str
    line: int
    code: str
    subject: str
    grade: str
    title: str
    standard_code: str | None


@dataclass(frozen=True)
class Edge:
    """`prerequisite` comes before `topic`; found at file:line, in the columns named."""

    file: str
    line: int
    prerequisite_field: str
    topic_field: str
    prerequisite: str
    topic: str
    # A ccssm edge into a standards set whose file was not given: skipped, not an error,
    # when an end is neither in this import nor already in the database.
    optional: bool = False


@dataclass
class CurriculumBatch:
    topics: list[TopicRecord] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    # ccssm "conceptual connection" edges: related, but not prerequisites.
    ignored_connections: int = 0


def parse(paths: list[Path]) -> CurriculumBatch:
    """Read every file; all of them together form one curriculum."""
    problems = InputProblems()
    batch = CurriculumBatch()
    dependency_rows: list[Row] = []
    families: set[str] = set()
    first_seen: dict[str, TopicRecord] = {}
    for path in paths:
        name = path.name
        text = read_text(path, name)
        header = _header(text)
        if {"source", "target", "relationship"} <= header:
            _, rows = csv_rows(text, name, required=DEPENDENCY_COLUMNS, problems=problems)
            dependency_rows += rows
        elif "grade_level_code" in header:
            family = "hs" if "category_code" in header else "k8"
            families.add(family)
            required = HS_COLUMNS if family == "hs" else K8_COLUMNS
            for row in csv_rows(text, name, required=required, problems=problems)[1]:
                _add_topic(batch, first_seen, _standard(row, family, problems), problems)
        elif "code" in header:
            for row in csv_rows(text, name, required=EDUGEN_COLUMNS, problems=problems)[1]:
                topic = _edugen_topic(row, problems)
                _add_topic(batch, first_seen, topic, problems)
                if topic is not None:
                    _prerequisites(batch, row, topic.code, problems)
        else:
            problems.add(
                name,
                1,
                None,
                "unrecognised header: expected edugen's curriculum CSV "
                "(code,subject,grade,title,prerequisites) or a ccssm standards or dependencies CSV",
            )
    for row in dependency_rows:
        _dependency(batch, row, set(first_seen), families, problems)
    problems.raise_if_any()
    return batch


def _header(text: str) -> set[str]:
    end = text.find("\n")
    first = text if end < 0 else text[:end]
    return {cell.strip().strip('"').strip() for cell in first.split(",")}


def _add_topic(
    batch: CurriculumBatch,
    first_seen: dict[str, TopicRecord],
    topic: TopicRecord | None,
    problems: InputProblems,
) -> None:
    if topic is None:
        return
    earlier = first_seen.get(topic.code)
    if earlier is not None:
        problems.add(
            topic.file,
            topic.line,
            "code",
            f"topic {topic.code!r} is already defined at {earlier.file}:{earlier.line}",
        )
        return
    first_seen[topic.code] = topic
    batch.topics.append(topic)


def _checked(
    row: Row, column: str, value: str, pattern: re.Pattern[str], hint: str, problems: InputProblems
) -> bool:
    if not value:
        problems.add(row.file, row.line, column, "is required")
        return False
    if not pattern.match(value) or not value.isprintable():
        problems.add(row.file, row.line, column, f"{value!r} {hint}")
        return False
    return True


def _edugen_topic(row: Row, problems: InputProblems) -> TopicRecord | None:
    code, subject, grade, title = (row.get(c) for c in EDUGEN_COLUMNS)
    standard = row.get("standard_code") or None
    ok = _checked(
        row, "code", code, _CODE, "must be 1-64 characters without spaces, ';' or ','", problems
    )
    ok &= _checked(
        row, "grade", grade, _GRADE, "must be a short grade code such as K, 6 or HS", problems
    )
    if not subject:
        problems.add(row.file, row.line, "subject", "is required")
        ok = False
    elif len(subject) > 64:
        problems.add(row.file, row.line, "subject", "must be at most 64 characters")
        ok = False
    if not title:
        problems.add(row.file, row.line, "title", "is required")
        ok = False
    if standard is not None and len(standard) > 128:
        problems.add(row.file, row.line, "standard_code", "must be at most 128 characters")
        ok = False
    return TopicRecord(row.file, row.line, code, subject, grade, title, standard) if ok else None


def _prerequisites(batch: CurriculumBatch, row: Row, code: str, problems: InputProblems) -> None:
    seen: set[str] = set()
    for prerequisite in _SEPARATORS.split(row.get("prerequisites")):
        if not prerequisite or prerequisite in seen:
            continue
        seen.add(prerequisite)
        if prerequisite == code:
            problems.add(
                row.file,
                row.line,
                "prerequisites",
                f"topic {code!r} cannot be its own prerequisite",
            )
        elif not _CODE.match(prerequisite):
            problems.add(
                row.file, row.line, "prerequisites", f"{prerequisite!r} is not a topic code"
            )
        else:
            batch.edges.append(
                Edge(row.file, row.line, "prerequisites", "code", prerequisite, code)
            )


def _standard(row: Row, family: str, problems: InputProblems) -> TopicRecord | None:
    """A ccssm standard; its code is assembled the way ccssm-dependencies.csv writes it."""
    parts = ["grade_level_code", "domain_code", "cluster_code", "standard_counter"]
    if family == "hs":
        parts.insert(1, "category_code")
    values = {column: row.get(column) for column in parts}
    ok = True
    for column, value in values.items():
        if not value:
            problems.add(row.file, row.line, column, "is required")
            ok = False
        elif not re.fullmatch(r"[A-Za-z0-9]{1,8}", value):
            problems.add(
                row.file, row.line, column, f"{value!r} is not a code part (letters and digits)"
            )
            ok = False
    description = row.get("description")
    if not description:
        problems.add(row.file, row.line, "description", "is required")
        ok = False
    substandard = row.get("substandard_counter")
    if substandard and not re.fullmatch(r"[A-Za-z0-9]{1,8}", substandard):
        problems.add(
            row.file, row.line, "substandard_counter", f"{substandard!r} is not a code part"
        )
        ok = False
    if not ok:
        return None
    grade = values["grade_level_code"]
    # K-8: 6.NS.C.6.a; high school: HSA.REI.B.3 (the category letter joins the HS prefix).
    head = f"HS{values['category_code']}" if family == "hs" else grade
    code = ".".join(
        [head, values["domain_code"], values["cluster_code"], values["standard_counter"]]
    )
    if substandard:
        code += f".{substandard}"
    return TopicRecord(row.file, row.line, code, "math", grade, description, code)


def _dependency(
    batch: CurriculumBatch, row: Row, codes: set[str], families: set[str], problems: InputProblems
) -> None:
    source, target = row.get("source"), row.get("target")
    relationship = row.get("relationship").lower()
    ok = True
    for column, value in (("source", source), ("target", target)):
        if not value:
            problems.add(row.file, row.line, column, "is required")
            ok = False
        elif not _CODE.match(value):
            problems.add(row.file, row.line, column, f"{value!r} is not a standard code")
            ok = False
    if relationship not in RELATIONSHIPS:
        problems.add(
            row.file,
            row.line,
            "relationship",
            f"{row.get('relationship')!r} is not one of {', '.join(RELATIONSHIPS)}",
        )
        ok = False
    if not ok:
        return
    if source == target:
        problems.add(row.file, row.line, "target", f"{target!r} cannot be its own prerequisite")
        return
    if relationship != "dependency":
        batch.ignored_connections += 1
        return
    optional = any(code not in codes and _family(code) not in families for code in (source, target))
    batch.edges.append(Edge(row.file, row.line, "source", "target", source, target, optional))


def _family(code: str) -> str:
    return "hs" if code.upper().startswith("HS") else "k8"
