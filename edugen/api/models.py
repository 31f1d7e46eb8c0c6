"""What the API sends and accepts (besides the shared value objects in edugen.schemas)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from edugen.schemas import PracticeItem

WEEK_PATTERN = r"^\d{4}-W\d{2}$"
Week = Field(pattern=WEEK_PATTERN, examples=["2026-W49"], description="ISO week YYYY-Www")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SchoolOut(BaseModel):
    id: str
    name: str
    key_name: str


class PlanSummary(BaseModel):
    id: int
    student_id: str
    week: str
    status: str
    created_at: datetime


class PlanOut(PlanSummary):
    content: dict[str, Any]


class StudentItems(BaseModel):
    student_id: str
    week: str
    items: list[PracticeItem]


class ItemOut(BaseModel):
    status: str
    verified: bool
    item: PracticeItem


class ApproveIn(Strict):
    """The audit records the API key as who decided; a `who` field is refused (422)."""

    why: str | None = Field(default=None, max_length=2000, description="Why (audit).")


class StatusOut(BaseModel):
    id: str
    from_status: str
    to_status: str
    changed: bool


class RunIn(Strict):
    week: str = Week


class RunOut(BaseModel):
    id: int
    kind: str
    status: str
    class_id: str | None
    week: str | None
    counts: dict[str, Any]
    error: str | None
    started_at: datetime
    finished_at: datetime | None


class ProblemOut(BaseModel):
    file: str
    line: int | None
    field: str | None
    message: str


class ErrorOut(BaseModel):
    detail: str
    problems: list[ProblemOut] = Field(default_factory=list)
