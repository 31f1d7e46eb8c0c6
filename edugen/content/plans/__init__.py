"""A student's weekly plan, pure and deterministic: `sizing` says how long work takes, `layout`
places it on days, `week` builds the plan, `changes` says what changed, `note` writes the
fallback note to the student."""

from edugen.content.plans.changes import EVIDENCE_CHANGES, LEARNING_KINDS, what_changed
from edugen.content.plans.note import fallback_summary
from edugen.content.plans.sizing import (
    KIND_MINUTES,
    MINUTES_PER_QUESTION,
    QUESTIONS_MAX,
    QUESTIONS_MIN,
    RESOURCE_MINUTES,
    TIER_STEP,
    item_minutes,
    mean_minutes,
    question_count,
    resource_minutes,
)
from edugen.content.plans.week import DAY_NAMES, build_week

__all__ = [
    "DAY_NAMES",
    "EVIDENCE_CHANGES",
    "KIND_MINUTES",
    "LEARNING_KINDS",
    "MINUTES_PER_QUESTION",
    "QUESTIONS_MAX",
    "QUESTIONS_MIN",
    "RESOURCE_MINUTES",
    "TIER_STEP",
    "build_week",
    "fallback_summary",
    "item_minutes",
    "mean_minutes",
    "question_count",
    "resource_minutes",
    "what_changed",
]
