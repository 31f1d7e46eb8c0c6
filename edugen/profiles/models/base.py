"""The declarative base every model shares: one MetaData with a naming convention, and
enumerations stored by value."""

from __future__ import annotations

import enum
from typing import Any

from sqlalchemy import (
    JSON,
    Enum,
    MetaData,
    String,
)
from sqlalchemy.orm import DeclarativeBase

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


def stored_enum(cls: type[enum.Enum]) -> Enum:
    """A column type storing `cls` by value, checked, as a string (no native enum)."""
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
    expression = "expression"
    ordered_pair = "ordered_pair"


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
