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
    code: str
    p_correct: float
    answers: int = 0
    miss_streak: int = 0
    last_answered_at: datetime | None = None


class TopicPick(BaseModel):
    code: str
    title: str
    kind: str
    reason: str


class StudentNextTopics(BaseModel):
    student_id: str
    name: str
    class_ids: list[str] = Field(default_factory=list)
    answers: int = 0
    picks: list[TopicPick] = Field(default_factory=list)


class ClassNextTopics(BaseModel):
    id: str
    title: str
    students: list[StudentNextTopics] = Field(default_factory=list)


class SchoolNextTopics(BaseModel):
    school: str
    week: str
    classes: list[ClassNextTopics] = Field(default_factory=list)
