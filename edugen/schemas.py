"""Typed value objects exchanged between stages (never ORM rows)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


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


class TopicPick(BaseModel):
    code: str
    title: str
    kind: str  # new | continue | step back | review | stretch | assigned
    tier: int | None = None
    p_correct: float | None = None
    score: float = 0.0
    reason: str
    # For a step back: the topic the student is stuck on, and the misses in a row there.
    stuck_on: str | None = None
    misses: int = 0


class StudentTopics(BaseModel):
    """One student's picks for a week, as the CLI and documents show them."""

    student_id: str
    name: str
    week: str
    answers: int = 0
    picks: list[TopicPick] = Field(default_factory=list)


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
