"""The documents teachers print, and the one layout every format renders them from.

A document is what the pipeline builds (names already put back); a `StudentPage` is that
document laid out for one copy: numbered questions, the plan table pointing at them, and
the answer key only in the teacher's copy. Markdown, HTML, PDF and DOCX all render a
`StudentPage`, so the four formats cannot drift apart on what a student sees. A student's
accommodations are listed on both copies; large print and the read-aloud recordings are
for the student's copy only.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, Field

from edugen.content import accommodations as accommodation
from edugen.errors import UsageError
from edugen.exporters.printable import printable_model
from edugen.schemas import (
    ClassWeek,
    Figure,
    PlanTask,
    PracticeItem,
    TopicChange,
    WeeklyPlan,
)
from edugen.weeks import parse_week

Copy = Literal["student", "teacher"]
COPIES: tuple[Copy, ...] = ("student", "teacher")

# Statuses a teacher has signed off; anything else goes out only in a DRAFT document.
APPROVED = frozenset({"approved", "published"})
LETTERS = "ABCDEFGHIJ"
KIND_LABELS = {
    "practice": "Practice",
    "spaced_review": "Spaced review",
    "resource": "Read or watch",
}
# Lines left to work in, by kind of question (a short answer needs room to explain).
WORK_LINES = {
    "multiple_choice": 3,
    "numeric": 4,
    "ordered_pair": 4,
    "expression": 5,
    "short_answer": 6,
}
# Where a student copy's typed point or expression is written, below the room to work.
ANSWER_LINES = {
    "ordered_pair": "Answer:  ( __________ , __________ )",
    "expression": "Answer:  ________________________________",
}
DRAFT_MARK = "DRAFT — not yet approved by the teacher"


class MasteryBar(BaseModel):
    """One topic's chance of a right answer, last week and now (0 to 1)."""

    topic: str
    title: str
    last: float | None = Field(default=None, ge=0, le=1)
    now: float = Field(ge=0, le=1)


class StudentWeekDocument(BaseModel):
    """A student's week as printed: the plan, the questions, resources and progress."""

    student_name: str
    class_title: str | None = None
    week: str
    plan: WeeklyPlan
    items: list[PracticeItem] = Field(default_factory=list)
    titles: dict[str, str] = Field(default_factory=dict)  # topic code → title
    mastery: list[MasteryBar] = Field(default_factory=list)
    draft: bool = False
    # The student's accommodation flags (extended_time, large_print, read_aloud …).
    accommodations: list[str] = Field(default_factory=list)
    # Set when recordings are exported beside the copy: their file names start with it.
    audio_prefix: str | None = None


class ClassWeekDocument(BaseModel):
    """A class's week for its teacher: overview, small groups, every student's answer key."""

    class_title: str
    week: str
    class_week: ClassWeek
    students: list[StudentWeekDocument] = Field(default_factory=list)
    names: dict[str, str] = Field(default_factory=dict)  # student id → display name
    draft: bool = False


Document = StudentWeekDocument | ClassWeekDocument


# --- the layout ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    letter: str
    text: str
    correct: bool
    misconception: str | None  # why a student might choose it (teacher copy)


@dataclass(frozen=True)
class Question:
    number: int
    topic_title: str
    kind: str
    stem: str
    options: list[Option]
    hint: str | None
    work_lines: int
    # The key: empty in the student copy.
    answer: str
    solution: list[str]
    rubric: str | None
    misconceptions: list[tuple[str, str]]  # (wrong answer, misconception)
    calculator: bool = False  # marked as a calculator item when it was made
    figure: Figure | None = None  # drawn from the item's numbers; both copies show it
    answer_line: str = ""  # the student copy's line for a point or expression (ANSWER_LINES)


@dataclass(frozen=True)
class Task:
    kind: str
    title: str
    minutes: int
    questions: str  # "Questions 1–4", "" when the task has none


@dataclass(frozen=True)
class Day:
    name: str
    date: str
    minutes: int
    tasks: list[Task]


@dataclass(frozen=True)
class Resource:
    title: str
    url: str
    topic_title: str
    why: str
    reason: str  # the ranking's reason (teacher copy)


@dataclass(frozen=True)
class Bar:
    title: str
    last: str  # "40%" or "—"
    now: str
    change: str  # "+15", "new"


@dataclass(frozen=True)
class StudentPage:
    """One student's week laid out for one copy."""

    teacher: bool
    draft: bool
    name: str
    class_title: str | None
    week: str
    dates: str
    title: str
    summary: str
    minutes_per_day: int
    days: list[Day]
    questions: list[Question]
    resources: list[Resource]
    bars: list[Bar]
    mastery: list[MasteryBar]
    changes: list[TopicChange]
    left_out: int  # questions not yet approved, left out of a non-draft copy
    chart: str = ""  # the mastery chart as a data: URI, where a format embeds it
    accommodations: tuple[str, ...] = ()  # each of the student's accommodations, in words
    large_print: bool = False
    # The HTML copy's sizes in points (body, h1, h2, h3): large print's, where it applies.
    sizes: dict[str, float] = dataclasses.field(default_factory=dict)
    # Recordings the copy links, by what they read ("note", "q3") → file name beside it.
    audio: dict[str, str] = dataclasses.field(default_factory=dict)
    # The texts they read, in the same order and by the same keys.
    spoken: dict[str, str] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class Row:
    label: str
    value: str


@dataclass(frozen=True)
class Group:
    title: str
    focus: str
    students: str


@dataclass(frozen=True)
class Stuck:
    name: str
    topic: str
    prerequisite: str
    misses: int


@dataclass(frozen=True)
class Mistake:
    topic: str
    misconception: str
    students: int
    answers: int


@dataclass(frozen=True)
class ClassWeekPage:
    """A class week laid out (always the teacher's copy)."""

    draft: bool
    title: str
    class_title: str
    week: str
    dates: str
    student_count: int
    summary: str
    next_steps: str
    topics: list[Row]
    stuck: list[Stuck]
    mistakes: list[Mistake]
    groups: list[Group]
    students: list[StudentPage]


def exported_items(items: list[PracticeItem], *, draft: bool) -> list[PracticeItem]:
    """What may be printed: everything in a draft, otherwise only approved items."""
    return list(items) if draft else [i for i in items if i.status in APPROVED]


def week_dates(week: str, days: int = 5) -> str:
    """'7–11 December 2026' for a week's school days (months and years named as needed)."""
    start = parse_week(week)
    end = start + timedelta(days=days - 1)
    return _span(start, end)


def _span(start: date, end: date) -> str:
    if start.year != end.year:
        return f"{start.day} {start:%B} {start.year} – {end.day} {end:%B} {end.year}"
    if start.month != end.month:
        return f"{start.day} {start:%B} – {end.day} {end:%B} {end.year}"
    return f"{start.day}–{end.day} {end:%B} {end.year}"


def percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def student_page(document: StudentWeekDocument, copy: Copy) -> StudentPage:
    if copy not in COPIES:
        raise UsageError(f"copy must be student or teacher, not {copy!r}")
    document = printable_model(document)
    teacher = copy == "teacher"
    plan, titles = document.plan, document.titles
    items = exported_items(document.items, draft=document.draft)
    by_id = {item.id: item for item in items}
    # Questions are numbered in the order the plan does them; any the plan does not
    # place come last rather than vanish.
    order = [i for i in plan.item_ids if i in by_id]
    order += [item.id for item in items if item.id not in set(order)]
    numbers = {item_id: n for n, item_id in enumerate(order, 1)}
    questions = [_question(numbers[i], by_id[i], titles, teacher) for i in order]

    def title(code: str, fallback: str = "") -> str:
        return titles.get(code) or fallback or code

    resource_titles = {r.resource_id: r.title for r in plan.resources}

    def task_title(task: PlanTask) -> str:
        topic = title(task.topic, task.title)
        if task.resource_id in resource_titles:
            return f"{resource_titles[task.resource_id]} ({topic})"
        return topic

    days = []
    for day in plan.days:
        tasks = [
            Task(
                kind=KIND_LABELS.get(task.kind, task.kind.capitalize()),
                title=task_title(task),
                minutes=task.minutes,
                questions=_numbers_text([numbers[i] for i in task.item_ids if i in numbers]),
            )
            for task in day.tasks
        ]
        days.append(Day(day.day, f"{day.date.day} {day.date:%b}", day.minutes, tasks))
    resources = [
        Resource(r.title, r.url, title(r.topic), r.why or "", r.reason) for r in plan.resources
    ]
    bars = [
        Bar(
            title=bar.title or title(bar.topic),
            last=percent(bar.last),
            now=percent(bar.now),
            change="new" if bar.last is None else f"{round((bar.now - bar.last) * 100):+d}",
        )
        for bar in document.mastery
    ]
    heading = f"{document.student_name} — week of {week_dates(document.week, len(plan.days) or 5)}"
    flags = document.accommodations
    spoken = {} if teacher or "read_aloud" not in flags else _spoken(plan.summary, questions)
    prefix = document.audio_prefix
    return StudentPage(
        teacher=teacher,
        draft=document.draft,
        name=document.student_name,
        class_title=document.class_title,
        week=document.week,
        dates=week_dates(document.week, len(plan.days) or 5),
        title=heading + (" — answer key" if teacher else ""),
        summary=plan.summary,
        minutes_per_day=plan.minutes_per_day,
        days=days,
        questions=questions,
        resources=resources,
        bars=bars,
        mastery=list(document.mastery),
        changes=list(plan.changes) if teacher else [],
        left_out=len(document.items) - len(items),
        accommodations=tuple(accommodation.describe(flags)),
        large_print=not teacher and "large_print" in flags,
        sizes=_sizes(large=not teacher and "large_print" in flags),
        audio={key: f"{prefix}-{key}.wav" for key in spoken} if prefix else {},
        spoken=spoken if prefix else {},
    )


# The HTML copy's sizes (templates/documents/_layout.html.j2), in points.
HTML_SIZES = {"body": 10.5, "h1": 19.0, "h2": 14.0, "h3": 12.0}


def _sizes(*, large: bool) -> dict[str, float]:
    if not large:
        return dict(HTML_SIZES)
    return {part: accommodation.large_print_pt(size) for part, size in HTML_SIZES.items()}


def _spoken(note: str, questions: list[Question]) -> dict[str, str]:
    """What a read-aloud recording says: the note, and each question with its options."""
    said = {"note": note} if note.strip() else {}
    for q in questions:
        options = " ".join(f"{o.letter}: {o.text}." for o in q.options)
        said[f"q{q.number}"] = f"Question {q.number}. {q.stem} {options}".strip()
    return said


def _question(number: int, item: PracticeItem, titles: dict[str, str], teacher: bool) -> Question:
    wrong = item.misconceptions if teacher else {}
    options = [
        Option(
            letter=LETTERS[k] if k < len(LETTERS) else str(k + 1),
            text=text,
            correct=teacher and text == item.answer,
            misconception=wrong.get(text),
        )
        for k, text in enumerate(item.options or [])
    ]
    answer = ""
    if teacher:
        letter = next((o.letter for o in options if o.text == item.answer), None)
        answer = f"{letter}) {item.answer}" if letter else item.answer
    return Question(
        number=number,
        topic_title=titles.get(item.topic) or item.topic_title or item.topic,
        kind=item.kind,
        stem=item.stem,
        options=options,
        hint=item.hint,
        work_lines=WORK_LINES.get(item.kind, 4),
        answer=answer,
        solution=list(item.solution) if teacher else [],
        rubric=item.rubric if teacher else None,
        misconceptions=sorted(wrong.items()),
        calculator=accommodation.calculator_allowed(item),
        figure=item.figure,
        answer_line="" if teacher else ANSWER_LINES.get(item.kind, ""),
    )


def _numbers_text(numbers: list[int]) -> str:
    """'Question 3', 'Questions 1–4', 'Questions 1, 3, 5'."""
    if not numbers:
        return ""
    if len(numbers) == 1:
        return f"Question {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"Questions {numbers[0]}–{numbers[-1]}"
    return "Questions " + ", ".join(map(str, numbers))


def _named(text: str, names: dict[str, str]) -> str:
    """The class summary names students by id (it is written without names); put them back."""
    ids = sorted((i for i in names if i), key=len, reverse=True)
    if not ids or not text:
        return text
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])")
    return pattern.sub(lambda m: names[m.group(1)], text)


def class_week_page(document: ClassWeekDocument, copy: Copy = "teacher") -> ClassWeekPage:
    if copy != "teacher":
        raise UsageError("a class week is for the teacher: render it with copy='teacher'")
    document = printable_model(document)
    week = document.class_week
    names = document.names
    titles: dict[str, str] = {}
    for student in document.students:
        titles.update(student.titles)

    def name(student_id: str) -> str:
        return names.get(student_id, student_id)

    def title(code: str) -> str:
        return titles.get(code, code)

    students = [
        student_page(s.model_copy(update={"draft": s.draft or document.draft}), "teacher")
        for s in document.students
    ]
    return ClassWeekPage(
        draft=document.draft,
        title=f"{document.class_title} — class week",
        class_title=document.class_title,
        week=document.week,
        dates=week_dates(document.week),
        student_count=week.student_count,
        summary=_named(week.summary, names),
        next_steps=_named(week.next_steps, names),
        topics=[Row(title(code), str(n)) for code, n in week.topics.items()],
        stuck=[
            Stuck(name(s.student_id), title(s.topic), title(s.prerequisite), s.misses)
            for s in week.stuck
        ],
        mistakes=[
            Mistake(title(m.topic), m.misconception, m.students, m.answers)
            for m in week.misconceptions
        ],
        groups=[
            Group(g.title or title(g.topic), g.focus, ", ".join(name(i) for i in g.student_ids))
            for g in week.groups
        ],
        students=students,
    )
