"""A class's weekly runs (started by the same `start_class_run` as the API's
POST /v1/classes/{id}/runs, watched through a small JSON endpoint) and the week's
downloads, made by the same exporters as the CLI and the API."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from edugen.errors import NotFoundError
from edugen.exporters import FORMATS, ZIP_MEDIA_TYPE
from edugen.profiles import runs as run_store
from edugen.profiles.db import Database
from edugen.web import auth, scope
from edugen.web.pages import WeekParam, check_week, db_of, week_of
from edugen.web.render import page
from edugen.web.routing import router
from edugen.workflows.background import start_class_run
from edugen.workflows.export import plan_export, zip_bytes

PAST_RUNS = 20
Progress = dict[int, dict[str, int]]


def start(db: Database, class_id: str, week: str, progress: Progress) -> int:
    """Start the class's run (workflows.background) and keep its students' progress for polling."""

    def moved(run_id: int, stage: str, done: int, total: int) -> None:
        if stage == "students":
            progress[run_id] = {"done": done, "total": total}

    run_id = start_class_run(db, class_id, week, progress=moved, thread_name="edugen-web-weekly")
    progress.setdefault(run_id, {"done": 0, "total": 0})
    return run_id


def _class_runs(db: Database, class_id: str) -> list[dict[str, Any]]:
    with db.begin(dry_run=True) as session:
        found = run_store.list_runs(session=session, limit=500)
    return [r for r in found if r.get("class_id") == class_id][:PAST_RUNS]


@router.get("/classes/{class_id}/runs")
def runs_page(
    request: Request, class_id: str, teacher: auth.Teacher, week: WeekParam = None
) -> Response:
    shown = week_of(week)
    db = db_of(request)
    with db.begin(dry_run=True) as session:
        scope.require_class(session=session, teacher=teacher, class_id=class_id)
    return page(
        request,
        "runs.html",
        title="Runs",
        class_id=class_id,
        week=shown,
        runs=_class_runs(db, class_id),
        watch=request.query_params.get("run"),
    )


@router.post("/classes/{class_id}/runs")
async def start_run(request: Request, class_id: str, teacher: auth.Teacher) -> Response:
    form = await auth.read_form(request)
    week = check_week(form.get("week", ""))
    db = db_of(request)
    with db.begin(dry_run=True) as session:
        scope.require_class(session=session, teacher=teacher, class_id=class_id)
    run_id = start(db, class_id, week, request.app.state.web_runs)
    return RedirectResponse(f"/classes/{class_id}/runs?week={week}&run={run_id}", status_code=303)


@router.get("/classes/{class_id}/runs/{run_id}.json")
def run_status(request: Request, class_id: str, run_id: int, teacher: auth.Teacher) -> Response:
    db = db_of(request)
    with db.begin(dry_run=True) as session:
        scope.require_run(session=session, teacher=teacher, class_id=class_id, run_id=run_id)
        found = run_store.get_run(session=session, run_id=run_id)
    moved = request.app.state.web_runs.get(run_id, {})
    counts = found.get("counts") or {}
    body = {
        "id": run_id,
        "status": found["status"],
        "done": moved.get("done", 0),
        "total": moved.get("total", 0),
        "counts": counts,
        "error": found.get("error"),
    }
    return JSONResponse(body, headers={"Cache-Control": "no-store"})


# --- downloads --------------------------------------------------------------------------

# "questions" is the old name of "items", taken for one release.
What = Literal["plan", "items", "class", "questions"]


def _send(files: list[tuple[str, bytes]], media_type: str, fallback: str) -> Response:
    if len(files) == 1:
        (filename, data), kind = files[0], media_type
    else:
        data, filename, kind = zip_bytes(sorted(files)), fallback, ZIP_MEDIA_TYPE
    return Response(
        content=data,
        media_type=kind,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _export(db: Database, what: str, week: str, format: str, **scope_: Any) -> Response:
    result = plan_export(db=db, what=what, week=week, format=format, **scope_)
    return _send(result.render(), result.format.media_type, f"{what}-{week}-{format}.zip")


@router.get("/classes/{class_id}/download/{what}/{format}")
def class_download(
    request: Request,
    class_id: str,
    what: What,
    format: str,
    teacher: auth.Teacher,
    week: WeekParam = None,
    drafts: bool = False,
) -> Response:
    shown = week_of(week)
    db = db_of(request)
    with db.begin(dry_run=True) as session:
        scope.require_class(session=session, teacher=teacher, class_id=class_id)
    _check_format(format)
    return _export(db, what, shown, format, class_id=class_id, include_drafts=drafts)


@router.get("/students/{student_id}/download/{what}/{format}")
def student_download(
    request: Request,
    student_id: str,
    what: Literal["plan", "items", "questions"],
    format: str,
    teacher: auth.Teacher,
    week: WeekParam = None,
    drafts: bool = False,
) -> Response:
    shown = week_of(week)
    db = db_of(request)
    with db.begin(dry_run=True) as session:
        scope.require_student(session=session, teacher=teacher, student_id=student_id)
    _check_format(format)
    return _export(db, what, shown, format, student_ids=[student_id], include_drafts=drafts)


def _check_format(format: str) -> None:
    if format not in FORMATS:
        raise NotFoundError(f"no format {format!r}")
