"""SQLAlchemy 2 typed models for everything edugen stores (DESIGN.md §2).

Ids that come from a roster (schools, classes, students …) keep the roster's sourcedId;
objects edugen creates itself use integer keys. Enumerations are stored by value.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID = String(255)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON, list[str]: JSON, list[Any]: JSON}


def _enum(cls: type[enum.Enum]) -> Enum:
    return Enum(
        cls,
        values_callable=lambda e: [m.value for m in e],
        native_enum=False,
        validate_strings=True,
        length=32,
        name=cls.__name__.lower(),
    )


class ItemKind(enum.Enum):
    multiple_choice = "multiple_choice"
    numeric = "numeric"
    short_answer = "short_answer"


class ItemSource(enum.Enum):
    family = "family"
    bank = "bank"
    generated = "generated"


class ContentStatus(enum.Enum):
    draft = "draft"
    approved = "approved"
    published = "published"
    rejected = "rejected"
    retired = "retired"


class RunStatus(enum.Enum):
    running = "running"
    succeeded = "succeeded"
    partial = "partial"
    failed = "failed"


# --- roster -----------------------------------------------------------------------------


class Org(Base):
    """A school (or district) from the roster."""

    __tablename__ = "orgs"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    type: Mapped[str] = mapped_column(String(32))
    identifier: Mapped[str | None] = mapped_column(String(255))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("orgs.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    auto_approve_verified: Mapped[bool] = mapped_column(Boolean, default=False)


class AcademicSession(Base):
    __tablename__ = "academic_sessions"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    title: Mapped[str] = mapped_column(String(255))
    type: Mapped[str] = mapped_column(String(32))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("academic_sessions.id"))
    school_year: Mapped[str | None] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Course(Base):
    __tablename__ = "courses"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    title: Mapped[str] = mapped_column(String(255))
    course_code: Mapped[str | None] = mapped_column(String(255))
    org_id: Mapped[str] = mapped_column(ForeignKey("orgs.id"))
    school_year_id: Mapped[str | None] = mapped_column(ForeignKey("academic_sessions.id"))
    grades: Mapped[list[str]] = mapped_column(default=list)
    subjects: Mapped[list[str]] = mapped_column(default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class SchoolClass(Base):
    """A class (section) students are enrolled in."""

    __tablename__ = "classes"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    title: Mapped[str] = mapped_column(String(255))
    school_id: Mapped[str] = mapped_column(ForeignKey("orgs.id"), index=True)
    course_id: Mapped[str | None] = mapped_column(ForeignKey("courses.id"))
    class_code: Mapped[str | None] = mapped_column(String(255))
    class_type: Mapped[str | None] = mapped_column(String(32))
    grades: Mapped[list[str]] = mapped_column(default=list)
    subjects: Mapped[list[str]] = mapped_column(default=list)
    term_ids: Mapped[list[str]] = mapped_column(default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    enrollments: Mapped[list[Enrollment]] = relationship(back_populates="school_class")


class Teacher(Base):
    __tablename__ = "teachers"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    school_id: Mapped[str | None] = mapped_column(ForeignKey("orgs.id"), index=True)
    given_name: Mapped[str] = mapped_column(String(255))
    family_name: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Student(Base):
    """A student. Prompts only ever see `pseudonym` and the profile fields, never names or id."""

    __tablename__ = "students"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    school_id: Mapped[str | None] = mapped_column(ForeignKey("orgs.id"), index=True)
    pseudonym: Mapped[str] = mapped_column(String(32), unique=True)
    given_name: Mapped[str] = mapped_column(String(255))
    family_name: Mapped[str] = mapped_column(String(255))
    preferred_name: Mapped[str | None] = mapped_column(String(255))
    grade: Mapped[str | None] = mapped_column(String(8))
    reading_level: Mapped[float | None] = mapped_column(Float)
    language: Mapped[str] = mapped_column(String(16), default="en")
    interests: Mapped[list[str]] = mapped_column(default=list)
    accommodations: Mapped[list[str]] = mapped_column(default=list)
    minutes_per_day: Mapped[int] = mapped_column(Integer, default=20)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Learner model: overall ability, its variance, and the answers it rests on.
    ability: Mapped[float] = mapped_column(Float, default=0.0)
    ability_var: Mapped[float] = mapped_column(Float, default=1.0, server_default="1.0")
    answer_count: Mapped[int] = mapped_column(Integer, default=0)
    correct_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    enrollments: Mapped[list[Enrollment]] = relationship(back_populates="student")


class Enrollment(Base):
    __tablename__ = "enrollments"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    class_id: Mapped[str] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    student_id: Mapped[str] = mapped_column(
        ForeignKey("students.id", ondelete="CASCADE"), index=True
    )
    begin_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    __table_args__ = (UniqueConstraint("class_id", "student_id"),)

    school_class: Mapped[SchoolClass] = relationship(back_populates="enrollments")
    student: Mapped[Student] = relationship(back_populates="enrollments")


class ClassTeacher(Base):
    __tablename__ = "class_teachers"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    class_id: Mapped[str] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    teacher_id: Mapped[str] = mapped_column(ForeignKey("teachers.id", ondelete="CASCADE"))
    primary: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    __table_args__ = (UniqueConstraint("class_id", "teacher_id"),)


# --- curriculum and content -------------------------------------------------------------


class Topic(Base):
    __tablename__ = "topics"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    subject: Mapped[str] = mapped_column(String(64))
    grade: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(Text)
    standard_code: Mapped[str | None] = mapped_column(String(128))


class Prerequisite(Base):
    """An edge: `prerequisite_code` should be mastered before `topic_code`."""

    __tablename__ = "prerequisites"
    topic_code: Mapped[str] = mapped_column(
        ForeignKey("topics.code", ondelete="CASCADE"), primary_key=True
    )
    prerequisite_code: Mapped[str] = mapped_column(
        ForeignKey("topics.code", ondelete="CASCADE"), primary_key=True
    )
    __table_args__ = (CheckConstraint("topic_code <> prerequisite_code", name="not_self"),)


class Item(Base):
    """A practice question with its answer key and where it came from."""

    __tablename__ = "items"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    topic_code: Mapped[str] = mapped_column(ForeignKey("topics.code"), index=True)
    kind: Mapped[ItemKind] = mapped_column(_enum(ItemKind))
    tier: Mapped[int] = mapped_column(Integer, default=3)
    stem: Mapped[str] = mapped_column(Text)
    options: Mapped[list[Any] | None] = mapped_column(JSON)
    answer: Mapped[str] = mapped_column(Text)
    # Numeric items: how far an answer may be from `answer` and still be right.
    tolerance: Mapped[float | None] = mapped_column(Float)
    explanation: Mapped[str | None] = mapped_column(Text)
    hint: Mapped[str | None] = mapped_column(Text)
    rubric: Mapped[str | None] = mapped_column(Text)
    source: Mapped[ItemSource] = mapped_column(_enum(ItemSource))
    family: Mapped[str | None] = mapped_column(String(64))
    seed: Mapped[int | None] = mapped_column(Integer)
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[ContentStatus] = mapped_column(_enum(ContentStatus), default=ContentStatus.draft)
    # model, template, validator outcomes, generation run id …
    provenance: Mapped[dict[str, Any]] = mapped_column(default=dict)
    fingerprint: Mapped[str | None] = mapped_column(String(64), index=True)
    # The family's figure (schemas.Figure as JSON: SVG, alt text, numbers), if it drew one.
    figure: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    __table_args__ = (CheckConstraint("tier BETWEEN 1 AND 5", name="tier_range"),)


class Resource(Base):
    """A curated resource from the catalog."""

    __tablename__ = "resources"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    title: Mapped[str] = mapped_column(String(512))
    type: Mapped[str] = mapped_column(String(32))
    description: Mapped[str | None] = mapped_column(Text)
    grade_low: Mapped[int] = mapped_column(Integer)
    grade_high: Mapped[int] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(16), default="en")
    licence: Mapped[str | None] = mapped_column(String(255))
    topic_codes: Mapped[list[str]] = mapped_column(default=list)
    # How long it takes and how much of a source it is: a plan sizes a task from the
    # minutes, and never hands out a whole book or an index page as one.
    minutes: Mapped[int | None] = mapped_column(Integer)
    granularity: Mapped[str] = mapped_column(String(16), default="activity")


class ResourceTopic(Base):
    """Index of resources by topic, so the planner can query 'resources for topic X'."""

    __tablename__ = "resource_topics"
    resource_id: Mapped[int] = mapped_column(
        ForeignKey("resources.id", ondelete="CASCADE"), primary_key=True
    )
    topic_code: Mapped[str] = mapped_column(
        ForeignKey("topics.code", ondelete="CASCADE"), primary_key=True
    )


# --- answers and the learner model ------------------------------------------------------


class Attempt(Base):
    """One answer. Unique on (student, topic, item_ref, answered_at) so re-imports are no-ops."""

    __tablename__ = "attempts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    student_id: Mapped[str] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"))
    topic_code: Mapped[str] = mapped_column(ForeignKey("topics.code"))
    item_id: Mapped[str | None] = mapped_column(ForeignKey("items.id"))
    # The item as the source named it ("" when the row named only a topic).
    item_ref: Mapped[str] = mapped_column(String(512), default="")
    correct: Mapped[bool] = mapped_column(Boolean)
    score: Mapped[float] = mapped_column(Float)
    answered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    source: Mapped[str] = mapped_column(String(32))
    # What the student answered, as the source gave it (the misconception lookup reads it).
    response: Mapped[str | None] = mapped_column(String(512))
    applied: Mapped[bool] = mapped_column(Boolean, default=False)
    __table_args__ = (
        UniqueConstraint("student_id", "topic_code", "item_ref", "answered_at"),
        CheckConstraint("score >= 0 AND score <= 1", name="score_range"),
        Index("ix_attempts_student_answered", "student_id", "answered_at"),
    )


class Mastery(Base):
    """Learner state per (student, topic): ability offset, review card, recent history."""

    __tablename__ = "mastery"
    student_id: Mapped[str] = mapped_column(
        ForeignKey("students.id", ondelete="CASCADE"), primary_key=True
    )
    topic_code: Mapped[str] = mapped_column(
        ForeignKey("topics.code", ondelete="CASCADE"), primary_key=True
    )
    ability: Mapped[float] = mapped_column(Float, default=0.0)
    ability_var: Mapped[float] = mapped_column(Float, default=1.0, server_default="1.0")
    answer_count: Mapped[int] = mapped_column(Integer, default=0)
    correct_count: Mapped[int] = mapped_column(Integer, default=0)
    miss_streak: Mapped[int] = mapped_column(Integer, default=0)
    last_answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    review_card: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class ItemDifficulty(Base):
    """An item's difficulty learned across students, keyed as answers name the item.

    Keyed by the reference in the answer (our item id, or an LMS's item id) so items
    edugen did not write are learned too.
    """

    __tablename__ = "item_difficulty"
    item_ref: Mapped[str] = mapped_column(String(512), primary_key=True)
    topic_code: Mapped[str] = mapped_column(ForeignKey("topics.code", ondelete="CASCADE"))
    difficulty: Mapped[float] = mapped_column(Float, default=0.0)
    difficulty_var: Mapped[float] = mapped_column(Float, default=1.0)
    answer_count: Mapped[int] = mapped_column(Integer, default=0)
    correct_count: Mapped[int] = mapped_column(Integer, default=0)


class TopicTierDifficulty(Base):
    """Difficulty seed for brand-new items of a (topic, tier), learned across students."""

    __tablename__ = "topic_tier_difficulty"
    topic_code: Mapped[str] = mapped_column(
        ForeignKey("topics.code", ondelete="CASCADE"), primary_key=True
    )
    tier: Mapped[int] = mapped_column(Integer, primary_key=True)
    difficulty: Mapped[float] = mapped_column(Float, default=0.0)
    difficulty_var: Mapped[float] = mapped_column(Float, default=1.0, server_default="1.0")
    answer_count: Mapped[int] = mapped_column(Integer, default=0)
    correct_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class TopicStats(Base):
    """Per topic: its tier-3 difficulty from answers at every tier (the seed of an unseen
    tier) and the sum of students' topic offsets (the start of a newcomer's)."""

    __tablename__ = "topic_stats"
    topic_code: Mapped[str] = mapped_column(
        ForeignKey("topics.code", ondelete="CASCADE"), primary_key=True
    )
    difficulty: Mapped[float] = mapped_column(Float, default=0.0)
    difficulty_var: Mapped[float] = mapped_column(Float, default=1.0)
    answer_count: Mapped[int] = mapped_column(Integer, default=0)
    correct_count: Mapped[int] = mapped_column(Integer, default=0)
    offset_sum: Mapped[float] = mapped_column(Float, default=0.0)
    offset_n: Mapped[float] = mapped_column(Float, default=0.0)


class LearnerGlobal(Base):
    """Learner parameters shared by everyone (practice slopes, the ability mean's sums)."""

    __tablename__ = "learner_globals"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[float] = mapped_column(Float, default=0.0)
    var: Mapped[float] = mapped_column(Float, default=1.0)
    count: Mapped[int] = mapped_column(Integer, default=0)
    correct: Mapped[int] = mapped_column(Integer, default=0)


# --- teacher controls -------------------------------------------------------------------


class ClassTopicSetting(Base):
    """A teacher's priority or exclusion of a topic for a class."""

    __tablename__ = "class_topic_settings"
    class_id: Mapped[str] = mapped_column(
        ForeignKey("classes.id", ondelete="CASCADE"), primary_key=True
    )
    topic_code: Mapped[str] = mapped_column(
        ForeignKey("topics.code", ondelete="CASCADE"), primary_key=True
    )
    priority: Mapped[int] = mapped_column(Integer, default=0)
    excluded: Mapped[bool] = mapped_column(Boolean, default=False)


class StudentTopicOverride(Base):
    """A per-student override: force a topic in, keep it out, or change its priority."""

    __tablename__ = "student_topic_overrides"
    student_id: Mapped[str] = mapped_column(
        ForeignKey("students.id", ondelete="CASCADE"), primary_key=True
    )
    topic_code: Mapped[str] = mapped_column(
        ForeignKey("topics.code", ondelete="CASCADE"), primary_key=True
    )
    priority: Mapped[int] = mapped_column(Integer, default=0)
    excluded: Mapped[bool] = mapped_column(Boolean, default=False)
    forced: Mapped[bool] = mapped_column(Boolean, default=False)


# --- plans, runs, review ----------------------------------------------------------------


class Plan(Base):
    """A student's plan for one ISO week. A regenerated plan supersedes the earlier one."""

    __tablename__ = "plans"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    student_id: Mapped[str] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"))
    week: Mapped[str] = mapped_column(String(8))
    content: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[ContentStatus] = mapped_column(_enum(ContentStatus), default=ContentStatus.draft)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id"))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("generation_runs.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # One current plan per (student, week): each plan is superseded at most once, and only
    # one plan of a (student, week) starts its chain, so the chain has one end.
    __table_args__ = (
        Index("ix_plans_student_week", "student_id", "week"),
        Index("uq_plans_supersedes_id", "supersedes_id", unique=True),
        Index(
            "uq_plans_first_of_week",
            "student_id",
            "week",
            unique=True,
            sqlite_where=text("supersedes_id IS NULL"),
            postgresql_where=text("supersedes_id IS NULL"),
        ),
    )


class Assignment(Base):
    """An item served to a student in a week; the no-repeat rule reads this."""

    __tablename__ = "assignments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    student_id: Mapped[str] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"))
    item_id: Mapped[str] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    week: Mapped[str] = mapped_column(String(8))
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id", ondelete="SET NULL"))
    __table_args__ = (UniqueConstraint("student_id", "item_id", "week"),)


class ClassWeekReport(Base):
    """A class's week for its teacher (stuck, misconceptions, groups, summary): one per week."""

    __tablename__ = "class_weeks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    class_id: Mapped[str] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"))
    week: Mapped[str] = mapped_column(String(8))
    content: Mapped[dict[str, Any]] = mapped_column(default=dict)
    run_id: Mapped[int | None] = mapped_column(
        ForeignKey("generation_runs.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    __table_args__ = (UniqueConstraint("class_id", "week"),)


class ItemReview(Base):
    """A school's review status of an item; without a row the item's own status holds.

    Items can be shared (a bank item served in two schools): one school's key approves it
    for that school only.
    """

    __tablename__ = "item_reviews"
    item_id: Mapped[str] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
    )
    school_id: Mapped[str] = mapped_column(
        ForeignKey("orgs.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[ContentStatus] = mapped_column(_enum(ContentStatus))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class GenerationRun(Base):
    __tablename__ = "generation_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(32))
    school_id: Mapped[str | None] = mapped_column(ForeignKey("orgs.id"))
    class_id: Mapped[str | None] = mapped_column(ForeignKey("classes.id"))
    week: Mapped[str | None] = mapped_column(String(8))
    shard: Mapped[str | None] = mapped_column(String(16))
    params: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[RunStatus] = mapped_column(_enum(RunStatus), default=RunStatus.running)
    counts: Mapped[dict[str, Any]] = mapped_column(default=dict)
    error: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class RunLock(Base):
    """One weekly run at a time per school; `heartbeat_at` lets a dead run's lock be recovered."""

    __tablename__ = "run_locks"
    school_id: Mapped[str] = mapped_column(
        ForeignKey("orgs.id", ondelete="CASCADE"), primary_key=True
    )
    # "" for a whole-school run, "K/N" for one shard of it; shards of one split run together.
    shard: Mapped[str] = mapped_column(String(16), primary_key=True, default="", server_default="")
    run_id: Mapped[int | None] = mapped_column(
        ForeignKey("generation_runs.id", ondelete="SET NULL")
    )
    holder: Mapped[str] = mapped_column(String(255))
    acquired_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    heartbeat_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PromptLog(Base):
    __tablename__ = "prompt_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int | None] = mapped_column(
        ForeignKey("generation_runs.id", ondelete="SET NULL")
    )
    template: Mapped[str] = mapped_column(String(255))
    template_hash: Mapped[str] = mapped_column(String(64))
    backend: Mapped[str] = mapped_column(String(64))
    model: Mapped[str] = mapped_column(String(512))
    options: Mapped[dict[str, Any]] = mapped_column(default=dict)
    seed: Mapped[int | None] = mapped_column(Integer)
    prompt: Mapped[str] = mapped_column(Text)
    output: Mapped[str | None] = mapped_column(Text)
    prompt_tokens: Mapped[int | None] = mapped_column(Integer)
    completion_tokens: Mapped[int | None] = mapped_column(Integer)
    latency_ms: Mapped[float | None] = mapped_column(Float)
    outcome: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class StatusChange(Base):
    """Audit trail of review decisions: who changed what, when and why."""

    __tablename__ = "status_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    object_type: Mapped[str] = mapped_column(String(16))
    object_id: Mapped[str] = mapped_column(ID)
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    # The school a decision was made for; None: for every school (a local reviewer).
    school_id: Mapped[str | None] = mapped_column(String(255))
    who: Mapped[str] = mapped_column(String(255))
    why: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    __table_args__ = (Index("ix_status_changes_object", "object_type", "object_id"),)


class ApiKey(Base):
    """An API key scoped to one school; only a hash of the secret is stored."""

    __tablename__ = "api_keys"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    school_id: Mapped[str] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(255))
    prefix: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = mapped_column(String(128), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class TeacherAccount(Base):
    """A teacher's sign-in for the web pages: one school, optionally only some of its classes.

    Only an argon2id hash of the password is stored; `class_ids` empty means every class.
    """

    __tablename__ = "teacher_accounts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    school_id: Mapped[str] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"), index=True)
    class_ids: Mapped[list[str]] = mapped_column(default=list)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    password_changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class WebSession(Base):
    """A signed-in browser: the cookie holds a random token, the table only its SHA-256."""

    __tablename__ = "web_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("teacher_accounts.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
