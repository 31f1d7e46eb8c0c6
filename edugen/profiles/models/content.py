"""The curriculum and what is practised: topics, prerequisites, items and resources."""

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
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from edugen.profiles.models.base import (
    ID,
    Base,
    ContentStatus,
    ItemKind,
    ItemSource,
    stored_enum,
)


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
    kind: Mapped[ItemKind] = mapped_column(stored_enum(ItemKind))
    tier: Mapped[int] = mapped_column(Integer, default=3)
    stem: Mapped[str] = mapped_column(Text)
    options: Mapped[list[Any] | None] = mapped_column(JSON)
    answer: Mapped[str] = mapped_column(Text)
    # Numeric items: how far an answer may be from `answer` and still be right.
    tolerance: Mapped[float | None] = mapped_column(Float)
    # The worked steps, one a line.
    solution: Mapped[str | None] = mapped_column(Text)
    hint: Mapped[str | None] = mapped_column(Text)
    rubric: Mapped[str | None] = mapped_column(Text)
    source: Mapped[ItemSource] = mapped_column(stored_enum(ItemSource))
    family: Mapped[str | None] = mapped_column(String(64))
    seed: Mapped[int | None] = mapped_column(Integer)
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[ContentStatus] = mapped_column(
        stored_enum(ContentStatus), default=ContentStatus.draft
    )
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
