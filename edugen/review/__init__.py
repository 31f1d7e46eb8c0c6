"""The review gate, one for every face (CLI, API, weekly job): draft → approved → published.

`status` holds the state machine and the per-school statuses, `approve` the one approval
rule (`approve_valid`), `listing` what a reviewer reads, `edit` the YAML edit. Callers own
the session; every function takes it keyword-only.
"""

from edugen.review.approve import approve_valid
from edugen.review.edit import apply_edit, edit_text, parse_edit
from edugen.review.listing import history, list_items, list_plans, show
from edugen.review.refs import PLAN_PREFIX, api_reviewer, parse_ref, plan_ref, reviewer
from edugen.review.status import (
    TRANSITIONS,
    TransitionError,
    change_status,
    item_status,
    school_statuses,
)
from edugen.review.views import (
    STEM_CUT,
    ApproveReport,
    Change,
    EditResult,
    ReviewItem,
    ReviewPlan,
    StatusChangeRow,
)

__all__ = [
    "PLAN_PREFIX",
    "STEM_CUT",
    "TRANSITIONS",
    "ApproveReport",
    "Change",
    "EditResult",
    "ReviewItem",
    "ReviewPlan",
    "StatusChangeRow",
    "TransitionError",
    "api_reviewer",
    "apply_edit",
    "approve_valid",
    "change_status",
    "edit_text",
    "history",
    "item_status",
    "list_items",
    "list_plans",
    "parse_edit",
    "parse_ref",
    "plan_ref",
    "reviewer",
    "school_statuses",
    "show",
]
