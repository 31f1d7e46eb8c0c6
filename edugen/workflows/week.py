"""The values a week's generation passes between its parts: read once, filled part by part."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from edugen.prompts.personalize import Learner, Tally
from edugen.schemas import (
    DEFAULT_MASTERY_P,
    ClassTopics,
    ClassWeek,
    MisconceptionCount,
    PracticeItem,
    ResourceInfo,
    ResourcePick,
    StudentDetail,
    TopicPick,
    WeeklyPlan,
)

PARTS = ("questions", "resources", "plan")
# Wrong answers this far back count towards a class's misconceptions.
MISCONCEPTION_WINDOW = timedelta(weeks=4)


@dataclass
class WeekContext:
    """Everything generation reads from the database for a week, in one transaction.

    Fields a part was not asked for stay empty (resources, previous plans, misconceptions).
    """

    week: str
    students: list[StudentDetail]
    names: tuple[str, ...]  # every roster name of the students' schools (kept out of prompts)
    titles: dict[str, str]  # topic code → title
    recent: dict[str, set[str]]  # student id → question fingerprints served lately
    bank: dict[str, list[PracticeItem]]  # topic code → the teacher's bank items
    catalog: list[ResourceInfo] = field(default_factory=list)
    recent_resources: dict[str, set[int]] = field(default_factory=dict)
    previous: dict[str, WeeklyPlan | None] = field(default_factory=dict)
    misconceptions: list[MisconceptionCount] = field(default_factory=list)
    classes: ClassTopics | None = None
    learners: dict[str, Learner] = field(default_factory=dict)
    # Profile fields left out of prompts because they name someone: pseudonym -> paths.
    left_out: dict[str, list[str]] = field(default_factory=dict)
    # The planner's threshold: a topic dropped since last week is mastered from here on.
    mastery_p: float = DEFAULT_MASTERY_P


@dataclass
class StudentWeek:
    """What generation made for one student this week."""

    student: StudentDetail
    picks: list[TopicPick]
    mastery: dict[str, float] = field(default_factory=dict)
    items: list[PracticeItem] = field(default_factory=list)
    resources: list[ResourcePick] = field(default_factory=list)
    plan: WeeklyPlan | None = None
    # Topics that got no question, and why.
    gaps: dict[str, str] = field(default_factory=dict)
    # Answers counted when the week was planned: what changed since last week needs new ones.
    answers: int | None = None


@dataclass
class WeekResult:
    week: str
    students: list[StudentWeek]
    class_week: ClassWeek | None = None
    run_id: int | None = None
    tallies: dict[str, Tally] = field(default_factory=dict)
    changed: dict[str, int] = field(default_factory=dict)
    # Profile fields kept out of prompts because they name someone (pseudonym -> paths).
    left_out: dict[str, list[str]] = field(default_factory=dict)

    def counts(self) -> dict[str, Any]:
        return {
            "left_out_of_prompts": self.left_out,
            "students": len(self.students),
            "items": sum(len(s.items) for s in self.students),
            "resources": sum(len(s.resources) for s in self.students),
            "plans": sum(s.plan is not None for s in self.students),
            "changed": self.changed,
            "templates": {name: t.as_dict() for name, t in self.tallies.items()},
        }
