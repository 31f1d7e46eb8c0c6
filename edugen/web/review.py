"""The review queue of a class: each draft item and plan with what its checks find, and the
gate's own decisions (approve, reject with a reason, the YAML edit, approve all valid),
each recorded under the signed-in teacher for their school."""

from __future__ import annotations

from typing import Literal

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from edugen import review
from edugen.errors import InputError, UsageError
from edugen.profiles.models import Item
from edugen.review.views import item_view
from edugen.validators.items import item_problems
from edugen.web import auth, scope
from edugen.web.pages import WeekParam, db_of, week_of
from edugen.web.render import page
from edugen.web.routing import router

Decision = Literal["approve", "reject"]


def _back(class_id: str, week: str, note: str) -> RedirectResponse:
    return RedirectResponse(f"/classes/{class_id}/review?week={week}&done={note}", status_code=303)


@router.get("/classes/{class_id}/review")
def queue(
    request: Request,
    class_id: str,
    teacher: auth.Teacher,
    week: WeekParam = None,
    done: str | None = None,
) -> Response:
    shown = week_of(week)
    school = teacher.school_id
    with db_of(request).begin(dry_run=True) as session:
        scope.require_class(session=session, teacher=teacher, class_id=class_id)
        items = review.list_items(
            session=session, class_id=class_id, week=shown, status="draft", school_id=school
        )
        for shown_item in items:
            row = session.get(Item, shown_item.id)
            shown_item.problems = item_problems(item_view(row)) if row is not None else []
        plans = [
            p
            for p in review.list_plans(
                session=session, class_id=class_id, week=shown, status="draft", school_id=school
            )
            if p.current
        ]
        for plan in plans:
            shown_plan = review.show(session=session, ref=plan.id, school_id=school)
            plan.problems = shown_plan.problems
    return page(
        request,
        "review.html",
        title="Review",
        class_id=class_id,
        week=shown,
        items=items,
        plans=plans,
        done=done if done in NOTES else None,
        notes=NOTES,
    )


NOTES = {
    "approved": "Approved.",
    "rejected": "Rejected.",
    "edited": "Saved; the item is a draft again.",
    "unchanged": "Nothing changed.",
    "all": "Every draft that passes its checks is approved.",
}


async def _decide(
    request: Request, teacher: auth.TeacherInfo, class_id: str, ref: str, decision: Decision
) -> Response:
    form = await auth.read_form(request)
    week = week_of(form.get("week"))
    why = form.get("why", "").strip() or None
    if decision == "reject" and why is None:
        raise UsageError("say why it is rejected (the reason is kept with the decision)")
    with db_of(request).begin() as session:
        kind, key = review.parse_ref(ref)
        if kind == "plan":
            scope.require_class_plan(
                session=session, teacher=teacher, class_id=class_id, plan_id=int(key)
            )
        else:
            scope.require_class_item(
                session=session, teacher=teacher, class_id=class_id, item_id=key
            )
        review.change_status(
            session=session,
            refs=[ref],
            to="approved" if decision == "approve" else "rejected",
            who=scope.who(teacher),
            why=why,
            school_id=teacher.school_id,
        )
    return _back(class_id, week, "approved" if decision == "approve" else "rejected")


# One route per decision, so `.../edit` is never read as a decision.
@router.post("/classes/{class_id}/review/items/{item_id}/approve")
async def approve_item(
    request: Request, class_id: str, item_id: str, teacher: auth.Teacher
) -> Response:
    return await _decide(request, teacher, class_id, item_id, "approve")


@router.post("/classes/{class_id}/review/items/{item_id}/reject")
async def reject_item(
    request: Request, class_id: str, item_id: str, teacher: auth.Teacher
) -> Response:
    return await _decide(request, teacher, class_id, item_id, "reject")


@router.post("/classes/{class_id}/review/plans/{plan_id}/approve")
async def approve_plan(
    request: Request, class_id: str, plan_id: int, teacher: auth.Teacher
) -> Response:
    return await _decide(request, teacher, class_id, review.plan_ref(plan_id), "approve")


@router.post("/classes/{class_id}/review/plans/{plan_id}/reject")
async def reject_plan(
    request: Request, class_id: str, plan_id: int, teacher: auth.Teacher
) -> Response:
    return await _decide(request, teacher, class_id, review.plan_ref(plan_id), "reject")


@router.get("/classes/{class_id}/review/items/{item_id}/edit")
def edit_form(
    request: Request, class_id: str, item_id: str, teacher: auth.Teacher, week: WeekParam = None
) -> Response:
    with db_of(request).begin(dry_run=True) as session:
        scope.require_class_item(
            session=session, teacher=teacher, class_id=class_id, item_id=item_id
        )
        text = review.edit_text(session=session, ref=item_id)
    return page(
        request,
        "edit.html",
        title=f"Edit {item_id}",
        class_id=class_id,
        item_id=item_id,
        week=week_of(week),
        text=text,
        problems=[],
    )


@router.post("/classes/{class_id}/review/items/{item_id}/edit")
async def edit(request: Request, class_id: str, item_id: str, teacher: auth.Teacher) -> Response:
    form = await auth.read_form(request)
    week = week_of(form.get("week"))
    text = form.get("text", "")
    try:
        with db_of(request).begin() as session:
            scope.require_class_item(
                session=session, teacher=teacher, class_id=class_id, item_id=item_id
            )
            result = review.apply_edit(
                session=session, ref=item_id, text=text, who=scope.who(teacher)
            )
    except InputError as exc:
        # Checked as the CLI's edit is; the teacher's text comes back with the problems.
        problems = [
            (f"{p.field}: " if p.field else "") + (f"line {p.line}: " if p.line else "") + p.message
            for p in exc.problems
        ]
        return page(
            request,
            "edit.html",
            422,
            title=f"Edit {item_id}",
            class_id=class_id,
            item_id=item_id,
            week=week,
            text=text,
            problems=problems,
        )
    return _back(class_id, week, "edited" if result is not None else "unchanged")


@router.post("/classes/{class_id}/review/approve-valid")
async def approve_all_valid(request: Request, class_id: str, teacher: auth.Teacher) -> Response:
    form = await auth.read_form(request)
    week = week_of(form.get("week"))
    with db_of(request).begin() as session:
        scope.require_class(session=session, teacher=teacher, class_id=class_id)
        review.approve_valid(
            session=session,
            who=scope.who(teacher),
            kind="all",
            class_id=class_id,
            week=week,
            school_id=teacher.school_id,
        )
    return _back(class_id, week, "all")
