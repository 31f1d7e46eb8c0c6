"""Answers, the learner model fitted from them, and the teacher's topic controls."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from edugen.profiles.models.base import (
    Base,
)


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
