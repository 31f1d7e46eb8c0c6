"""Sign in and out, the teacher's classes, a class's dashboard and a student's week; each
reads the same store and planning functions as the CLI and the API."""

from __future__ import annotations

import base64
from collections import Counter
from statistics import mean
from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from edugen import review, weeks
from edugen.errors import NotFoundError, UsageError
from edugen.exporters import DOCUMENT_FORMATS, LMS_FORMATS
from edugen.exporters.pages.chart import mastery_png
from edugen.exporters.pages.model import MasteryBar
from edugen.profiles import generated, queries, teachers
from edugen.profiles.db import Database
from edugen.schemas import ClassWeek, WeeklyPlan
from edugen.web import auth, scope
from edugen.web.render import page
from edugen.web.routing import router
from edugen.workflows.planning import plan_class

WEEK_PATTERN = r"^\d{4}-W\d{2}$"
WeekParam = Annotated[str | None, Query(max_length=8)]
HISTORY_WEEKS = 6
ANSWERS_SHOWN = 100


def db_of(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def week_of(raw: str | None) -> str:
    """The week asked for (?week=2026-W49), else this week."""
    if raw is None or raw == "":
        return weeks.current_week()
    weeks.parse_week(raw)  # a UsageError names what is wrong
    return raw


def downloads(week: str) -> dict[str, Any]:
    return {"documents": DOCUMENT_FORMATS, "packages": LMS_FORMATS, "week": week}


# --- signing in -------------------------------------------------------------------------


def _safe_next(raw: str | None) -> str:
    # Only a path on this site: never an absolute URL or a scheme-relative //host.
    if raw and raw.startswith("/") and not raw.startswith("//") and "\\" not in raw:
        return raw
    return "/"


@router.get("/login")
def login_form(request: Request, next: Annotated[str | None, Query()] = None) -> Response:
    return page(request, "login.html", title="Sign in", next=_safe_next(next), error=None)


WRONG = "That email and password do not match an account."


@router.post("/login")
async def login(request: Request) -> Response:
    form = await auth.read_form(request)
    email, password = form.get("email", "").strip().lower(), form.get("password", "")
    host = request.client.host if request.client else ""
    key = (email, host)
    backoff: auth.Backoff = request.app.state.web_backoff
    wait = backoff.wait(key)
    target = _safe_next(form.get("next"))
    context: dict[str, Any] = {"title": "Sign in", "next": target}
    if wait > 0:
        response = page(
            request,
            "login.html",
            429,
            error=f"Too many tries. Wait {int(wait) + 1} seconds and try again.",
            **context,
        )
        response.headers["Retry-After"] = str(int(wait) + 1)
        return response
    with db_of(request).begin() as session:
        found = teachers.verify(session=session, email=email, password=password)
        token = teachers.open_session(session=session, teacher_id=found.id) if found else None
    if token is None:
        backoff.failed(key)
        return page(request, "login.html", 401, error=WRONG, **context)
    backoff.succeeded(key)
    redirect = RedirectResponse(target, status_code=303)
    auth.set_cookie(
        request, redirect, auth.SESSION_COOKIE, token, max_age=teachers.SESSION_DAYS * 86400
    )
    return redirect


@router.post("/logout")
async def logout(request: Request) -> Response:
    await auth.read_form(request)
    token = request.cookies.get(auth.SESSION_COOKIE, "")
    if token:
        with db_of(request).begin() as session:
            teachers.close_session(session=session, token=token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(auth.SESSION_COOKIE, path="/", httponly=True, samesite="lax")
    return response


# --- the teacher's classes --------------------------------------------------------------


def week_status(session: Session, class_id: str, school_id: str, week: str) -> dict[str, int]:
    """How far the class's week has gone: plans made, drafts waiting, approved, published."""
    students = queries.list_students(session=session, class_id=class_id)
    plans = review.list_plans(session=session, class_id=class_id, week=week, school_id=school_id)
    current = [p for p in plans if p.current]
    items = review.list_items(session=session, class_id=class_id, week=week, school_id=school_id)
    statuses = Counter(i.status for i in items) + Counter(p.status for p in current)
    return {
        "students": len(students),
        "planned": len({p.student_id for p in current}),
        "drafts": statuses["draft"],
        "approved": statuses["approved"],
        "published": statuses["published"],
    }


@router.get("/")
def home(request: Request, teacher: auth.Teacher, week: WeekParam = None) -> Response:
    shown = week_of(week)
    with db_of(request).begin(dry_run=True) as session:
        school = queries.school_name(session=session, school_id=teacher.school_id)
        rows = [
            (c, week_status(session, c.id, teacher.school_id, shown))
            for c in scope.classes(session=session, teacher=teacher)
        ]
    return page(request, "home.html", title="Your classes", school=school, rows=rows, week=shown)


# --- a class ----------------------------------------------------------------------------


def _stored_class_week(session: Session, class_id: str, week: str) -> ClassWeek | None:
    try:
        return generated.class_week(session=session, class_id=class_id, week=week)
    except NotFoundError:
        return None


@router.get("/classes/{class_id}")
def class_page(
    request: Request, class_id: str, teacher: auth.Teacher, week: WeekParam = None
) -> Response:
    shown = week_of(week)
    db = db_of(request)
    with db.begin(dry_run=True) as session:
        scope.require_class(session=session, teacher=teacher, class_id=class_id)
        report = _stored_class_week(session, class_id, shown)
        titles = {t.code: t.title for t in queries.curriculum(session=session)}
        status = week_status(session, class_id, teacher.school_id, shown)
    planned = plan_class(db=db, class_id=class_id, week=shown)
    order = {code: n for n, code in enumerate(titles)}
    topics = sorted(
        {code for s in planned.students for code in s.mastery}, key=lambda c: order.get(c, 10**6)
    )
    group_of: dict[str, int] = {}
    for n, group in enumerate(report.groups if report else []):
        for sid in group.student_ids:
            group_of.setdefault(sid, n)
    # Students of one small group sit together, then the same first pick, weakest first.
    students = sorted(
        planned.students,
        key=lambda s: (
            group_of.get(s.student_id, len(group_of) + 1),
            s.picks[0].code if s.picks else "",
            mean(s.mastery.values()) if s.mastery else 1.0,
            s.name,
        ),
    )
    names = {s.student_id: s.name for s in planned.students}
    return page(
        request,
        "class.html",
        title=planned.title,
        class_id=class_id,
        planned=planned,
        students=students,
        topics=topics,
        titles=titles,
        report=report,
        names=names,
        group_of=group_of,
        status=status,
        **downloads(shown),
    )


# --- a student --------------------------------------------------------------------------


def _chart(plan: WeeklyPlan | None, previous: WeeklyPlan | None) -> str:
    """The exporters' mastery chart (last week against this week) as a data: URI."""
    if plan is None:
        return ""
    last = {p.code: p.p_correct for p in (previous.picks if previous else [])}
    bars: dict[str, MasteryBar] = {}
    for pick in plan.picks:
        if pick.p_correct is not None and pick.code not in bars:
            bars[pick.code] = MasteryBar(
                topic=pick.code, title=pick.title or pick.code, last=last.get(pick.code),
                now=pick.p_correct,
            )  # fmt: skip
    png = mastery_png(list(bars.values()))
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii") if png else ""


@router.get("/students/{student_id}")
def student_page(
    request: Request, student_id: str, teacher: auth.Teacher, week: WeekParam = None
) -> Response:
    shown = week_of(week)
    with db_of(request).begin(dry_run=True) as session:
        scope.require_student(session=session, teacher=teacher, student_id=student_id)
        student = queries.get_student(session=session, student_id=student_id)
        row = generated.current_plan(session=session, student_id=student_id, week=shown)
        plan = WeeklyPlan.model_validate(row.content) if row is not None else None
        status = row.status.value if row is not None else None
        previous = generated.previous_plan(session=session, student_id=student_id, week=shown)
        history: list[tuple[str, dict[str, float]]] = []
        for past in [shown, *generated.weeks_before(shown, HISTORY_WEEKS - 1)]:
            found = generated.current_plan(session=session, student_id=student_id, week=past)
            if found is not None:
                picks = WeeklyPlan.model_validate(found.content).picks
                history.append(
                    (past, {p.code: p.p_correct for p in picks if p.p_correct is not None})
                )
        answers = queries.answers(session=session, student_ids=[student_id])
        titles = {t.code: t.title for t in queries.curriculum(session=session)}
    answers = sorted(answers, key=lambda a: a.answered_at, reverse=True)[:ANSWERS_SHOWN]
    history_topics = sorted({code for _, found in history for code in found})
    return page(
        request,
        "student.html",
        title=f"{student.given_name} {student.family_name}",
        student=student,
        plan=plan,
        plan_status=status,
        chart=_chart(plan, previous),
        history=list(reversed(history)),
        history_topics=history_topics,
        answers=answers,
        titles=titles,
        **downloads(shown),
    )


def check_week(raw: str) -> str:
    if not raw:
        raise UsageError("week: give the week, e.g. 2026-W49")
    return week_of(raw)
