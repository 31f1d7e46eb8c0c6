"""Plans, assignments, reviews and generation runs, and who may act: API keys, teacher
accounts and their web sessions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from edugen.profiles.models.base import (
    ID,
    Base,
    ContentStatus,
    RunStatus,
    stored_enum,
)


class Plan(Base):
    """A student's plan for one ISO week. A regenerated plan supersedes the earlier one."""

    __tablename__ = "plans"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    student_id: Mapped[str] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"))
    week: Mapped[str] = mapped_column(String(8))
    content: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[ContentStatus] = mapped_column(
        stored_enum(ContentStatus), default=ContentStatus.draft
    )
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


class ClassWeekRow(Base):
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
    status: Mapped[ContentStatus] = mapped_column(stored_enum(ContentStatus))
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
    status: Mapped[RunStatus] = mapped_column(stored_enum(RunStatus), default=RunStatus.running)
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
