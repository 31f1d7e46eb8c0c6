"""SQLAlchemy 2 typed models for everything edugen stores (DESIGN.md §2), one module per area.

Ids that come from a roster (schools, classes, students …) keep the roster's sourcedId;
objects edugen creates itself use integer keys. Enumerations are stored by value. Importing
this package defines every table on `Base.metadata` (what Alembic compares against).
"""

from edugen.profiles.models.base import (
    ID,
    NAMING_CONVENTION,
    Base,
    ContentStatus,
    ItemKind,
    ItemSource,
    RunStatus,
)
from edugen.profiles.models.content import (
    Item,
    Prerequisite,
    Resource,
    ResourceTopic,
    Topic,
)
from edugen.profiles.models.learner import (
    Attempt,
    ClassTopicSetting,
    ItemDifficulty,
    LearnerGlobal,
    Mastery,
    StudentTopicOverride,
    TopicStats,
    TopicTierDifficulty,
)
from edugen.profiles.models.roster import (
    AcademicSession,
    ClassTeacher,
    Course,
    Enrollment,
    Org,
    SchoolClass,
    Student,
    Teacher,
)
from edugen.profiles.models.runs import (
    ApiKey,
    Assignment,
    ClassWeekRow,
    GenerationRun,
    ItemReview,
    Plan,
    PromptLog,
    RunLock,
    StatusChange,
    TeacherAccount,
    WebSession,
)

__all__ = [
    "AcademicSession",
    "ApiKey",
    "Assignment",
    "Attempt",
    "Base",
    "ClassTeacher",
    "ClassTopicSetting",
    "ClassWeekRow",
    "ContentStatus",
    "Course",
    "Enrollment",
    "GenerationRun",
    "ID",
    "Item",
    "ItemDifficulty",
    "ItemKind",
    "ItemReview",
    "ItemSource",
    "LearnerGlobal",
    "Mastery",
    "NAMING_CONVENTION",
    "Org",
    "Plan",
    "Prerequisite",
    "PromptLog",
    "Resource",
    "ResourceTopic",
    "RunLock",
    "RunStatus",
    "SchoolClass",
    "StatusChange",
    "Student",
    "StudentTopicOverride",
    "Teacher",
    "TeacherAccount",
    "Topic",
    "TopicStats",
    "TopicTierDifficulty",
    "WebSession",
]
