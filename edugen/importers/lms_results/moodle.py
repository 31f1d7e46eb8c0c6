"""Moodle quiz reports downloaded as CSV: "Responses" (what each student answered) and
"Grades" (the marks per question), one row per attempt.

The layout is Moodle's own (mod/quiz/report/attemptsreport.php and the responses and
overview reports): Last name, First name, the site's identity fields (Email address,
ID number, Username, …), State, Started on, Completed ("2 December 2024  10:15 AM", the
downloader's time zone, read as UTC), Duration, Grade/MAX, then per question slot N
"Q. N /MAX" (Grades), or "Question N", "Response N", "Right answer N" (Responses, each
column as the teacher ticked it). "-" stands for nothing. Only finished attempts count.

Students are matched by ID number (the SIS id) or Username, never by name. A Responses
row is right when its response equals the right answer (numbers compared as numbers, a
point by its coordinates, an expression or equation by its written form whatever the spacing,
the order of terms, a written `*` or the sides: the spellings an export lists as right).
The report names each question by its slot and, with "Question text" ticked, by its text:
the store matches by that text. Without text (the Grades report always) the store matches
a slot to the items edugen exported to that student for a week, in the order Moodle lists
them when the teacher adds the student's category to the quiz (profiles/quiz_slots.py).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from edugen import answer_text
from edugen.importers.common import InputProblems, parse_timestamp
from edugen.importers.lms_results.batch import (
    TIMESTAMP_HINT,
    ResultsBatch,
    check_id,
    check_response,
    csv_records,
    parse_number,
)

IDENTITIES = ("ID number", "Username")
FINISHED = "finished"
NOTHING = "-"
_MARKS = re.compile(r"^Q\. ?(\d+) ?/ ?(\d+(?:[.,]\d+)?)$")
_SLOT = re.compile(r"^(Question|Response|Right answer) (\d+)$")


def is_header(header: list[str]) -> bool:
    return any(_MARKS.match(h) or _SLOT.match(h) for h in header) and (
        "Started on" in header or "State" in header or "Completed" in header
    )


def parse_time(raw: str) -> datetime:
    """Moodle's "2 December 2024  10:15 AM" (strftimedatetime with its comma dropped),
    or ISO 8601. Raises ValueError."""
    text = " ".join(raw.replace(",", " ").split())
    try:
        return datetime.strptime(text, "%d %B %Y %I:%M %p").replace(tzinfo=UTC)
    except ValueError:
        return parse_timestamp(raw)


def parse(text: str, name: str, problems: InputProblems) -> ResultsBatch:
    header, records = csv_records(text, name, problems)
    batch = ResultsBatch(name, "moodle", {})
    if not header:
        return batch
    at = {h: i for i, h in enumerate(header)}
    identities = [label for label in IDENTITIES if label in at]
    if not identities:
        problems.add(
            name,
            1,
            "ID number",
            "required column is missing: the report needs ID number or Username (Site "
            "administration > Users > Permissions > User policies > Show user identity); "
            "edugen never matches students by name",
        )
    when_label = "Completed" if "Completed" in at else "Started on"
    if when_label not in at:
        problems.add(name, 1, "Completed", "required column is missing")
    marks: dict[int, tuple[int, str, float]] = {}  # slot → (column, label, max mark)
    slots: dict[int, dict[str, int]] = {}  # slot → {"Question"|"Response"|"Right answer": column}
    for column, label in enumerate(header):
        if match := _MARKS.match(label):
            most = float(match.group(2).replace(",", "."))
            if most <= 0:
                problems.add(name, 1, label, "the maximum mark must be more than 0")
            marks[int(match.group(1))] = (column, label, most)
        elif match := _SLOT.match(label):
            slots.setdefault(int(match.group(2)), {})[match.group(1)] = column
    for slot, parts in sorted(slots.items()):
        if "Response" in parts and "Right answer" not in parts and slot not in marks:
            problems.add(
                name,
                1,
                f"Response {slot}",
                f"cannot be scored without 'Right answer {slot}': tick 'Right answer' when "
                "downloading the Responses report",
            )
    if not marks and not any("Response" in parts for parts in slots.values()):
        problems.add(name, 1, None, "no 'Q. N /MAX' or 'Response N' columns: not a quiz report")
    if problems:
        return batch
    batch.fields = {"student_id": identities[0], "timestamp": when_label}
    batch.quiz_slots = len(set(marks) | set(slots))
    if len(identities) > 1:
        batch.fields["alt_student_id"] = identities[1]
    i_state = at.get("State")
    i_when = at[when_label]
    for line, record in records:
        if i_state is not None:
            state = record[i_state].strip().lower()
            if not state:
                continue  # the "Overall average" rows at the foot of the report
            if state != FINISHED:
                batch.unfinished += 1
                continue
        ids: list[str] = []
        for label in identities:
            value, error = check_id(record[at[label]])
            if error:
                problems.add(name, line, label, error)
            ids.append("" if error else value)
        if not any(ids):
            problems.add(name, line, identities[0], f"is required: {' or '.join(identities)}")
            continue
        primary = ids[0] or ids[-1]
        alt = ids[1] if len(ids) > 1 and ids[0] and ids[1] != ids[0] else ""
        raw = record[i_when]
        try:
            when = parse_time(raw)
        except (ValueError, OverflowError):
            message = f"{raw.strip()!r} {TIMESTAMP_HINT}" if raw.strip() else "is required"
            problems.add(name, line, when_label, message)
            continue
        for slot in sorted(set(marks) | set(slots)):
            parts = slots.get(slot, {})
            question = _cell(record, parts.get("Question"))
            response = _cell(record, parts.get("Response"))
            if slot in marks:
                column, label, most = marks[slot]
                raw_mark = _cell(record, column)
                if not raw_mark or parse_number(raw_mark.replace(",", ".")) is None:
                    continue  # not answered, or waiting for a teacher's grading
                mark = parse_number(raw_mark.replace(",", "."))
                assert mark is not None
                if not 0 <= mark <= most:
                    problems.add(name, line, label, f"{raw_mark} is outside 0..{most:g}")
                    continue
                score = mark / most
            else:
                label = f"Response {slot}"
                right = _cell(record, parts.get("Right answer"))
                if not response or not right:
                    continue  # not answered, or a question Moodle cannot key (an essay)
                score = 1.0 if same_answer(response, right) else 0.0
            kept, error = check_response(response)
            if error:
                problems.add(name, line, f"Response {slot}", error)
                continue
            batch.add_answer(
                line=line,
                student=primary,
                alt_student=alt,
                ref="",
                question=question,
                column=label,
                score=score,
                when=when,
                response=kept,
                slot=slot,
            )
    return batch


def _cell(record: list[str], column: int | None) -> str:
    value = record[column].strip() if column is not None else ""
    return "" if value == NOTHING else value


def same_answer(response: str, right: str) -> bool:
    """Moodle's right-answer summary against the response: numbers by value, points by
    their coordinates, expressions and equations by their written form (answer_text's
    canonical: "6 + 3*x" is "3x + 6", "2x + 3 = y" is "y = 2x + 3"), other text by words."""
    a, b = _value(response), _value(right)
    if a is not None and b is not None:
        return abs(a - b) <= 1e-9 * max(1.0, abs(b))
    got, want = answer_text.pair_parts(response), answer_text.pair_parts(right)
    if got is not None and want is not None:
        return all(same_answer(g, w) for g, w in zip(got, want, strict=True))
    if answer_text.is_math(right) and answer_text.is_math(response):
        tree, key = answer_text.parse(response), answer_text.parse(right)
        assert tree is not None and key is not None
        return answer_text.canonical(tree) == answer_text.canonical(key)
    return " ".join(response.split()).casefold() == " ".join(right.split()).casefold()


def _value(text: str) -> float | None:
    """A number as Moodle shows one: "0.75", or a fraction "3/4"."""
    top, slash, bottom = text.partition("/")
    if not slash:
        return parse_number(text)
    n, d = parse_number(top), parse_number(bottom)
    return n / d if n is not None and d and n.is_integer() and d.is_integer() else None
