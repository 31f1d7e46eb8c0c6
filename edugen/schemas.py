"""Typed value objects exchanged between stages (never ORM rows)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class EntityCounts(BaseModel):
    created: int = 0
    updated: int = 0
    unchanged: int = 0


class ImportSummary(BaseModel):
    """What an import did (or, with --dry-run, would do)."""

    kind: str
    dry_run: bool = False
    counts: dict[str, EntityCounts] = Field(default_factory=dict)

    def entity(self, name: str) -> EntityCounts:
        return self.counts.setdefault(name, EntityCounts())

    @property
    def changed(self) -> bool:
        return any(c.created or c.updated for c in self.counts.values())

    def describe(self) -> str:
        verb = "would import" if self.dry_run else "imported"
        parts = [
            f"{name}: {c.created} new, {c.updated} updated, {c.unchanged} unchanged"
            for name, c in self.counts.items()
        ]
        return f"{self.kind} {verb} — " + ("; ".join(parts) if parts else "nothing")


class StudentSummary(BaseModel):
    id: str
    pseudonym: str
    given_name: str
    family_name: str
    grade: str | None = None
    school_id: str | None = None
    active: bool = True


class StudentDetail(StudentSummary):
    preferred_name: str | None = None
    reading_level: float | None = None
    language: str = "en"
    interests: list[str] = Field(default_factory=list)
    accommodations: list[str] = Field(default_factory=list)
    minutes_per_day: int = 20
    class_ids: list[str] = Field(default_factory=list)


class ClassSummary(BaseModel):
    id: str
    title: str
    school_id: str
    grades: list[str] = Field(default_factory=list)
    # The one grade the class is taught at, as topic codes write it ("6", "K"): its roster
    # grade, else its students' most common; None when neither says.
    grade: str | None = None
    subjects: list[str] = Field(default_factory=list)
    student_count: int = 0
    active: bool = True


class ClassDetail(ClassSummary):
    class_code: str | None = None
    teachers: list[str] = Field(default_factory=list)
    students: list[StudentSummary] = Field(default_factory=list)


class TopicInfo(BaseModel):
    code: str
    title: str
    grade: str = ""
    prerequisites: tuple[str, ...] = ()


class AnswerRecord(BaseModel):
    """One answer, as the learner model sees it."""

    student_id: str
    topic_code: str
    item_ref: str = ""
    correct: bool
    answered_at: datetime


class TopicMastery(BaseModel):
    """What the learner model knows of one student on one topic."""

    code: str
    p_correct: float  # on an average (tier 3) item
    p_tiers: tuple[float, ...] = ()  # P(correct) on tiers 1..5
    answers: int = 0
    miss_streak: int = 0
    last_answered_at: datetime | None = None
    recall: float | None = None  # FSRS retrievability now; None if never reviewed


class TopicControl(BaseModel):
    """A teacher's say on a topic, for a class or one student (the student's wins)."""

    priority: int = 0
    excluded: bool = False
    forced: bool = False


class StudentSnapshot(BaseModel):
    """Everything the planner needs about one student; no names."""

    student_id: str
    grade: int | None = None
    interests: list[str] = Field(default_factory=list)
    mastery: dict[str, TopicMastery] = Field(default_factory=dict)
    controls: dict[str, TopicControl] = Field(default_factory=dict)
    now: datetime


PickKind = Literal["new", "continue", "step back", "spaced review", "stretch", "assigned"]
# The spaced review was "review" (the word is the review gate's alone now): a plan stored
# before reads as before, its old names taken for the new for one release.
OLD_PICK_KINDS = {"review": "spaced review"}
OLD_TASK_KINDS = {"review": "spaced_review"}
OLD_CHANGES = {"to review": "to spaced review"}


def _renamed(value: object, old: dict[str, str]) -> object:
    return old.get(value, value) if isinstance(value, str) else value


# The planner's one mastery threshold (PlannerSettings.mastery_p, [planner] mastery_p):
# a topic is mastered from this predicted P(correct) on.
DEFAULT_MASTERY_P = 0.8


class TopicPick(BaseModel):
    code: str
    title: str
    kind: PickKind
    tier: int | None = None
    p_correct: float | None = None
    score: float = 0.0
    reason: str
    # For a step back: the topic the student is stuck on, and the misses in a row there.
    stuck_on: str | None = None
    misses: int = 0

    @field_validator("kind", mode="before")
    @classmethod
    def _old_kind(cls, value: object) -> object:
        return _renamed(value, OLD_PICK_KINDS)


class StudentTopics(BaseModel):
    """One student's picks for a week, as the CLI and documents show them."""

    student_id: str
    name: str
    week: str
    answers: int = 0
    picks: list[TopicPick] = Field(default_factory=list)
    # Predicted P(correct) now, per topic the student has answered.
    mastery: dict[str, float] = Field(default_factory=dict)


class StuckStudent(BaseModel):
    student_id: str
    name: str
    topic: str
    prerequisite: str
    misses: int


class ClassTopics(BaseModel):
    """A class's week: every student's picks, who is ready for what, who is stuck where."""

    id: str
    title: str
    week: str
    students: list[StudentTopics] = Field(default_factory=list)
    ready: dict[str, list[str]] = Field(default_factory=dict)  # topic → student ids
    stuck: list[StuckStudent] = Field(default_factory=list)


class SchoolTopics(BaseModel):
    school: str
    week: str
    classes: list[ClassTopics] = Field(default_factory=list)


class TopicControlRow(TopicControl):
    """A stored control, as listed to a teacher."""

    scope: str  # class | student
    owner: str
    topic: str


# --- content: what generation makes ----------------------------------------------------

ItemKindName = Literal["multiple_choice", "numeric", "short_answer", "expression", "ordered_pair"]
ItemSourceName = Literal["family", "bank", "generated"]


class Provenance(BaseModel):
    """Where an item came from and how it was made, stored as the item's JSON `provenance`.

    The keys edugen writes are typed; any other key (older rows, review edits, the
    misconceptions saved beside it) is kept as it is, so the stored shape does not change:
    `stored()` gives back exactly the keys that were set.
    """

    model_config = ConfigDict(extra="allow")

    question: str | None = None  # a family item's plain, context-free question
    numbers: list[str] | None = None  # every number in that question, as written
    fingerprint: str | None = None  # the no-repeat key
    framing: dict[str, Any] | None = None  # how the model's framing went (outcome, problems)
    hint: dict[str, Any] | None = None  # how the hint was written
    written: dict[str, Any] | None = None  # a whole question the model wrote
    run_id: int | None = None
    file: str | None = None  # a bank item's file and line
    line: int | None = None

    def stored(self) -> dict[str, Any]:
        """The JSON kept with the item: the keys that were set, nothing added."""
        return self.model_dump(mode="json", exclude_unset=True)


FigureKindName = Literal[
    "number_line",
    "tape",
    "angle",
    "polygon",
    "prism",
    "cylinder",
    "coordinate_plane",
    "dot_plot",
    "histogram",
    "box_plot",
    "scatter_plot",
    "table",
    "circle",
    "pyramid",
    "cone",
    "sphere",
]


class Figure(BaseModel):
    """A picture drawn from an item's own numbers: SVG, the words that replace it, and the
    numbers it labels (as the question writes them), for the check that it matches."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: FigureKindName
    svg: str = Field(min_length=1)
    alt: str = Field(min_length=1)
    numbers: list[str] = Field(default_factory=list)
    # Size in CSS pixels (1/96 inch): exporters scale it to print resolution.
    width: int = Field(gt=0)
    height: int = Field(gt=0)


class PracticeItem(BaseModel):
    """A practice question as it goes out: the (verified) core, the framing, the answer key.

    `stem` is what the student reads; `answer` is canonical; `options` only for multiple
    choice; `misconceptions` maps each wrong option to the misconception that leads to it.
    """

    id: str
    topic: str
    topic_title: str = ""
    kind: ItemKindName
    tier: int = Field(ge=1, le=5)
    stem: str
    options: list[str] | None = None
    answer: str
    tolerance: float | None = None
    rubric: str | None = None
    solution: list[str] = Field(default_factory=list)
    hint: str | None = None
    verified: bool
    source: ItemSourceName
    family: str | None = None
    seed: int | None = None
    status: str = "draft"
    misconceptions: dict[str, str] = Field(default_factory=dict)
    provenance: Provenance = Field(default_factory=Provenance)
    figure: Figure | None = None


class ResourceInfo(BaseModel):
    """A catalog resource as ranking sees it."""

    id: int
    title: str
    url: str
    type: str
    description: str | None = None
    grade_low: int
    grade_high: int
    language: str = "en"
    licence: str | None = None
    topics: list[str] = Field(default_factory=list)
    minutes: int | None = None  # how long it takes; None for a book or an index page
    granularity: str = "activity"  # book | chapter | section | activity | video | index


class ResourcePick(BaseModel):
    """A catalog resource recommended to a student, with the ranking's reason and the why."""

    resource_id: int
    topic: str
    title: str
    url: str
    type: str
    licence: str | None = None
    score: float = 0.0
    reason: str  # why the ranking chose it (for the teacher)
    why: str | None = None  # one or two sentences to the student
    minutes: int | None = None  # the catalog's duration: the plan sizes the task from it


class PlanTask(BaseModel):
    kind: Literal["practice", "spaced_review", "resource"]
    topic: str
    title: str
    minutes: int = Field(ge=1)
    item_ids: list[str] = Field(default_factory=list)
    resource_id: int | None = None

    @field_validator("kind", mode="before")
    @classmethod
    def _old_kind(cls, value: object) -> object:
        return _renamed(value, OLD_TASK_KINDS)


class PlanDay(BaseModel):
    day: str  # "Monday"
    date: date
    minutes: int = Field(ge=0)
    tasks: list[PlanTask] = Field(default_factory=list)


ChangeName = Literal[
    "new",
    "to spaced review",
    "back to learning",
    "harder",
    "easier",
    "stepped back",
    "mastered",
    "set aside",
]


class TopicChange(BaseModel):
    """One thing that changed since the student's previous plan, and why."""

    topic: str
    title: str
    change: ChangeName
    why: str

    @field_validator("change", mode="before")
    @classmethod
    def _old_change(cls, value: object) -> object:
        return _renamed(value, OLD_CHANGES)


class PlanGap(BaseModel):
    """A topic the week cannot serve (nothing to practise), said rather than left empty."""

    topic: str
    title: str
    why: str
    assigned: bool = False  # the teacher assigned it


class WeeklyPlan(BaseModel):
    """A student's week: days, minutes, tasks, what changed, and a note to the student."""

    student_id: str
    week: str
    minutes_per_day: int = Field(ge=1)
    days: list[PlanDay] = Field(default_factory=list)
    picks: list[TopicPick] = Field(default_factory=list)
    changes: list[TopicChange] = Field(default_factory=list)
    item_ids: list[str] = Field(default_factory=list)
    resources: list[ResourcePick] = Field(default_factory=list)
    summary: str = ""
    summary_source: Literal["model", "fallback", ""] = ""
    # What the week cannot serve, and why; "no new answers since last week" and the like.
    gaps: list[PlanGap] = Field(default_factory=list)
    changes_note: str = ""
    # The student's answers counted when the plan was made: next week's changes need more.
    answers: int | None = None


class MisconceptionCount(BaseModel):
    topic: str
    misconception: str
    students: int
    answers: int


class SmallGroup(BaseModel):
    """Students a teacher could work with together, and on what."""

    topic: str
    title: str
    focus: str
    student_ids: list[str]


class UnservedTopic(BaseModel):
    """A topic the class's plans could not serve, why, and for whom (and whose teacher assigned
    it)."""

    topic: str
    title: str
    why: str
    student_ids: list[str]
    assigned_to: list[str] = Field(default_factory=list)


class ClassWeek(BaseModel):
    """The teacher's view of a class's week: who is stuck, what goes wrong, small groups."""

    class_id: str
    title: str
    week: str
    student_count: int
    topics: dict[str, int] = Field(default_factory=dict)  # topic → students working on it
    stuck: list[StuckStudent] = Field(default_factory=list)
    misconceptions: list[MisconceptionCount] = Field(default_factory=list)
    groups: list[SmallGroup] = Field(default_factory=list)
    # Topics some students' weeks could not serve (topic → why and who), for the teacher.
    unserved: list[UnservedTopic] = Field(default_factory=list)
    summary: str = ""
    next_steps: str = ""
    summary_source: Literal["model", "fallback", ""] = ""
