"""The FastAPI application: `create_app(db_url)` builds it; `edugen serve` runs it."""

from __future__ import annotations

import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import HTTPException
from fastapi.responses import JSONResponse, Response
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from edugen import __version__, review, weeks
from edugen.api import models
from edugen.api.limits import DEFAULT_MAX_BODY, DEFAULT_UPLOAD_TIMEOUT, BodyLimit, BodyTooLarge
from edugen.errors import EdugenError, InputError, NotFoundError, UsageError
from edugen.exporters import FORMATS, FORMATS_HELP, MEDIA_TYPES, ZIP_MEDIA_TYPE
from edugen.profiles import apikeys, generated, queries
from edugen.profiles.apikeys import KeyInfo
from edugen.profiles.attempts import ResultsSummary
from edugen.profiles.db import Database
from edugen.profiles.models import GenerationRun, Plan
from edugen.schemas import ClassDetail, ClassSummary, ImportSummary, StudentDetail, StudentSummary
from edugen.workflows.background import start_class_run
from edugen.workflows.export import plan_export, zip_bytes
from edugen.workflows.imports import import_files

# Upload chunks are written to disk as they arrive; the body is never held in memory whole.
CHUNK = 1024 * 1024
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": models.ErrorOut, "description": "No API key, or not a valid one."},
    404: {"model": models.ErrorOut, "description": "Not found (or of another school)."},
}
UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    413: {"model": models.ErrorOut, "description": "The body is over the size limit."},
    422: {"model": models.ErrorOut, "description": "The file was rejected; nothing written."},
}

bearer = HTTPBearer(auto_error=False, description="Authorization: Bearer <key>")
key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="The API key.")


def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def current_key(
    request: Request,
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    header: Annotated[str | None, Depends(key_header)],
) -> KeyInfo:
    """The school's key from `Authorization: Bearer` or `X-API-Key`; 401 without a live one."""
    raw = creds.credentials if creds is not None else header
    found = None
    if raw:
        with get_db(request).begin() as session:
            found = apikeys.authenticate(session=session, key=raw.strip())
    if found is None:
        raise HTTPException(
            status_code=401,
            detail="a valid API key is required (Authorization: Bearer KEY or X-API-Key: KEY)",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return found


Key = Annotated[KeyInfo, Depends(current_key)]
Db = Annotated[Database, Depends(get_db)]
WeekQuery = Annotated[str, Query(pattern=models.WEEK_PATTERN, examples=["2026-W49"])]
Id = Annotated[str, PathParam(min_length=1, max_length=255)]


router = APIRouter(prefix="/v1", responses=ERRORS)


@router.get("/school", response_model=models.SchoolOut, tags=["school"])
def school(key: Key, db: Db) -> models.SchoolOut:
    """The school this key belongs to."""
    with db.begin(dry_run=True) as session:
        name = apikeys.school_name(session=session, school_id=key.school_id)
    return models.SchoolOut(id=key.school_id, name=name, key_name=key.name)


@router.get("/classes", response_model=list[ClassSummary], tags=["school"])
def list_classes(key: Key, db: Db) -> list[ClassSummary]:
    """The school's classes."""
    with db.begin(dry_run=True) as session:
        return queries.list_classes(session=session, school_id=key.school_id)


@router.get("/classes/{class_id}", response_model=ClassDetail, tags=["school"])
def get_class(class_id: Id, key: Key, db: Db) -> ClassDetail:
    """One class with its teachers and students."""
    with db.begin(dry_run=True) as session:
        apikeys.require_class(session=session, school_id=key.school_id, class_id=class_id)
        return queries.get_class(session=session, class_id=class_id)


@router.get("/students", response_model=list[StudentSummary], tags=["school"])
def list_students(
    key: Key,
    db: Db,
    class_id: Annotated[str | None, Query(max_length=255, description="Only this class.")] = None,
) -> list[StudentSummary]:
    """The school's students, or one class's."""
    with db.begin(dry_run=True) as session:
        if class_id is not None:
            apikeys.require_class(session=session, school_id=key.school_id, class_id=class_id)
        students = queries.list_students(session=session, class_id=class_id)
    return [s for s in students if s.school_id == key.school_id]


@router.get("/students/{student_id}", response_model=StudentDetail, tags=["school"])
def get_student(student_id: Id, key: Key, db: Db) -> StudentDetail:
    """One student's profile and classes."""
    with db.begin(dry_run=True) as session:
        apikeys.require_student(session=session, school_id=key.school_id, student_id=student_id)
        return queries.get_student(session=session, student_id=student_id)


def _plan_summary(plan: Plan) -> models.PlanSummary:
    return models.PlanSummary(
        id=plan.id,
        student_id=plan.student_id,
        week=plan.week,
        status=plan.status.value,
        created_at=plan.created_at,
    )


def _week_students(
    session: Session, school_id: str, class_id: str | None, student_id: str | None
) -> list[str]:
    if student_id is not None:
        apikeys.require_student(session=session, school_id=school_id, student_id=student_id)
        return [student_id]
    if class_id is not None:
        apikeys.require_class(session=session, school_id=school_id, class_id=class_id)
        return [s.id for s in queries.list_students(session=session, class_id=class_id)]
    return apikeys.school_student_ids(session=session, school_id=school_id)


StudentFilter = Annotated[str | None, Query(max_length=255, description="Only this student.")]
ClassFilter = Annotated[str | None, Query(max_length=255, description="Only this class.")]


@router.get("/plans", response_model=list[models.PlanSummary], tags=["plans"])
def list_plans(
    week: WeekQuery,
    key: Key,
    db: Db,
    class_id: ClassFilter = None,
    student_id: StudentFilter = None,
) -> list[models.PlanSummary]:
    """Each student's current plan for the week (students without one are left out)."""
    found = []
    with db.begin(dry_run=True) as session:
        for sid in _week_students(session, key.school_id, class_id, student_id):
            plan = generated.current_plan(session=session, student_id=sid, week=week)
            if plan is not None:
                found.append(_plan_summary(plan))
    return found


@router.get("/plans/{plan_id}", response_model=models.PlanOut, tags=["plans"])
def get_plan(
    plan_id: Annotated[int, PathParam(ge=1, le=2**63 - 1)], key: Key, db: Db
) -> models.PlanOut:
    """One plan, with its content."""
    with db.begin(dry_run=True) as session:
        plan = apikeys.require_plan(session=session, school_id=key.school_id, plan_id=plan_id)
        return models.PlanOut(**_plan_summary(plan).model_dump(), content=dict(plan.content))


@router.post("/plans/{plan_id}/approve", response_model=models.StatusOut, tags=["plans"])
def approve_plan(
    plan_id: Annotated[int, PathParam(ge=1, le=2**63 - 1)],
    key: Key,
    db: Db,
    body: models.ApproveIn | None = None,
) -> models.StatusOut:
    """Approve a draft plan (recorded under this key, with why)."""
    body = body or models.ApproveIn()
    with db.begin() as session:
        apikeys.require_plan(session=session, school_id=key.school_id, plan_id=plan_id)
        return _approve(session, review.plan_ref(plan_id), key, body)


def _approve(session: Session, ref: str, key: KeyInfo, body: models.ApproveIn) -> models.StatusOut:
    # Recorded under the key (never a name the client sends), for the key's school only.
    (change,) = review.change_status(
        session=session,
        refs=[ref],
        to="approved",
        who=review.api_reviewer(key.id, key.name),
        why=body.why,
        school_id=key.school_id,
    )
    return models.StatusOut(**change.model_dump())


@router.get("/items", response_model=list[models.StudentItems], tags=["items"])
def list_items(
    week: WeekQuery,
    key: Key,
    db: Db,
    class_id: ClassFilter = None,
    student_id: StudentFilter = None,
) -> list[models.StudentItems]:
    """The items assigned to each student for the week."""
    with db.begin(dry_run=True) as session:
        ids = _week_students(session, key.school_id, class_id, student_id)
        found = generated.week_items(session=session, student_ids=ids, week=week)
    return [
        models.StudentItems(student_id=sid, week=week, items=items)
        for sid, items in found.items()
        if items
    ]


@router.get("/items/{item_id}", response_model=models.ItemOut, tags=["items"])
def get_item(item_id: Id, key: Key, db: Db) -> models.ItemOut:
    """One item assigned to a student of the school, with its review status."""
    with db.begin(dry_run=True) as session:
        item = apikeys.require_item(session=session, school_id=key.school_id, item_id=item_id)
        status = review.item_status(session=session, item=item, school_id=key.school_id)
        return models.ItemOut(
            status=status.value, verified=item.verified, item=generated.to_practice(item)
        )


@router.post("/items/{item_id}/approve", response_model=models.StatusOut, tags=["items"])
def approve_item(
    item_id: Id, key: Key, db: Db, body: models.ApproveIn | None = None
) -> models.StatusOut:
    """Approve a draft item for this key's school (recorded under this key, with why)."""
    body = body or models.ApproveIn()
    with db.begin() as session:
        apikeys.require_item(session=session, school_id=key.school_id, item_id=item_id)
        return _approve(session, item_id, key, body)


# --- uploads ----------------------------------------------------------------------------


def _upload_body(*media_types: str) -> dict[str, Any]:
    binary = {"type": "string", "format": "binary"}
    # A JSON body is a JSON value (what a generated client serializes), not a file's bytes.
    statements = {"type": "object", "description": "xAPI: a statement or {statements: [...]}"}
    return {
        "requestBody": {
            "required": True,
            "content": {
                m: {"schema": statements if m.endswith("json") else binary} for m in media_types
            },
        }
    }


async def _save_body(request: Request, path: Path) -> None:
    """Stream the body to `path` (the size cap is BodyLimit's); 422 when it is empty."""
    size = 0
    with path.open("wb") as handle:
        async for chunk in request.stream():
            size += len(chunk)
            handle.write(chunk)
    if size == 0:
        raise UsageError("body: the request body is empty; send the file as the body")


async def _import(
    request: Request, db: Database, kind: str, name: str, school_id: str, dry_run: bool
) -> ImportSummary:
    with tempfile.TemporaryDirectory(prefix="edugen-upload-") as folder:
        path = Path(folder) / name  # the server's name, never the client's
        await _save_body(request, path)
        # Parsed once; the school check and the write share one transaction (workflows/imports).
        return await run_in_threadpool(
            import_files, kind, [path], db=db, dry_run=dry_run, school_id=school_id
        )


DryRun = Annotated[bool, Query(description="Validate and report; write nothing.")]


@router.post(
    "/imports/oneroster",
    response_model=ImportSummary,
    tags=["imports"],
    responses=UPLOAD_ERRORS,
    openapi_extra=_upload_body("application/zip", "application/octet-stream"),
)
async def import_oneroster(
    request: Request, key: Key, db: Db, dry_run: DryRun = False
) -> ImportSummary:
    """Import a OneRoster 1.1/1.2 CSV bundle (a .zip as the body) for this key's school."""
    return await _import(request, db, "oneroster", "roster.zip", key.school_id, dry_run)


@router.post(
    "/imports/results",
    response_model=ResultsSummary,
    tags=["imports"],
    responses=UPLOAD_ERRORS,
    openapi_extra=_upload_body(
        "text/csv", "application/json", "application/xml", "application/octet-stream"
    ),
)
async def import_results(
    request: Request, key: Key, db: Db, dry_run: DryRun = False
) -> ResultsSummary:
    """Import answers: a results CSV, xAPI statements as JSON, a Canvas or Moodle quiz report
    CSV, or QTI 2.1 results XML; octet-stream bodies are recognised by their content."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    name = "results.json" if content_type.endswith("json") else "results.csv"
    name = "results.xml" if content_type.endswith("xml") else name
    summary = await _import(request, db, "results", name, key.school_id, dry_run)
    # What the CLI says too: voided and skipped statements, answers learned from, and which
    # item each question of an LMS report matched.
    return ResultsSummary.model_validate(summary.model_dump())


# --- generation runs --------------------------------------------------------------------


def _run_out(run: GenerationRun) -> models.RunOut:
    return models.RunOut(
        id=run.id,
        kind=run.kind,
        status=run.status.value,
        class_id=run.class_id,
        week=run.week,
        counts=dict(run.counts),
        error=run.error,
        started_at=run.started_at,
        finished_at=run.finished_at,
    )


@router.post(
    "/classes/{class_id}/runs",
    response_model=models.RunOut,
    status_code=202,
    tags=["runs"],
    responses={409: {"model": models.ErrorOut, "description": "The run could not start."}},
)
def start_run(class_id: Id, body: models.RunIn, key: Key, db: Db) -> models.RunOut:
    """Start the weekly run for the class (plans, questions, resources, the class week, as
    `edugen weekly --class`); poll the run. A second run for the school waits its turn:
    it fails with the lock holder named. With a broker configured (EDUGEN_BROKER_URL), the
    week goes to the workers' queue, as `edugen weekly --queue` does."""
    from edugen.workers.enqueue import broker_configured, queue_week

    weeks.parse_week(body.week)
    with db.begin(dry_run=True) as session:
        apikeys.require_class(session=session, school_id=key.school_id, class_id=class_id)
    if broker_configured():
        run_id = queue_week(db, week=body.week, class_id=class_id).run_id
    else:
        run_id = start_class_run(db, class_id, body.week)
    with db.begin(dry_run=True) as session:
        run = session.get(GenerationRun, run_id)
        assert run is not None
        return _run_out(run)


@router.get("/runs/{run_id}", response_model=models.RunOut, tags=["runs"])
def get_run(
    run_id: Annotated[int, PathParam(ge=1, le=2**63 - 1)], key: Key, db: Db
) -> models.RunOut:
    """A run's status: running, succeeded or failed, with counts or the error."""
    with db.begin(dry_run=True) as session:
        run = apikeys.require_run(session=session, school_id=key.school_id, run_id=run_id)
        return _run_out(run)


# --- downloads --------------------------------------------------------------------------


@router.get(
    "/exports/{what}",
    tags=["exports"],
    responses={
        200: {
            "description": "One file, or a zip when the export makes several.",
            "content": {m: {} for m in MEDIA_TYPES},
        },
        400: {"model": models.ErrorOut, "description": "A combination that does not exist."},
        409: {"model": models.ErrorOut, "description": "Nothing to export."},
    },
    response_class=Response,
)
def export(
    what: Literal["plan", "items", "class", "questions"],
    week: WeekQuery,
    key: Key,
    db: Db,
    format: Annotated[
        str, Query(description=FORMATS_HELP, json_schema_extra={"enum": list(FORMATS)})
    ] = "pdf",
    class_id: ClassFilter = None,
    student_id: Annotated[
        list[str] | None, Query(max_length=500, description="One or more students.")
    ] = None,
    include_drafts: Annotated[bool, Query(description="Drafts too, marked DRAFT.")] = False,
) -> Response:
    """Download a week's plans, items or class week as documents or LMS packages.

    `questions` is the old name of `items`, taken for one release.
    """
    students = list(dict.fromkeys(student_id or []))
    with db.begin(dry_run=True) as session:
        if class_id is not None:
            apikeys.require_class(session=session, school_id=key.school_id, class_id=class_id)
        for sid in students:
            apikeys.require_student(session=session, school_id=key.school_id, student_id=sid)
    result = plan_export(
        db=db,
        what=what,
        week=week,
        format=format,
        student_ids=students,
        class_id=class_id,
        include_drafts=include_drafts,
    )
    # Rendered in memory and sent as it is: no temporary folder, nothing on disk.
    files = result.render()
    if len(files) == 1:
        (filename, data), media_type = files[0], result.format.media_type
    else:
        data, filename = zip_bytes(sorted(files)), f"{what}-{week}-{format}.zip"
        media_type = ZIP_MEDIA_TYPE
    return Response(
        content=data,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


# --- the application --------------------------------------------------------------------


def _error(status: int, exc: Exception) -> JSONResponse:
    body: dict[str, Any] = {"detail": str(exc)}
    if isinstance(exc, InputError):
        body["problems"] = [
            {"file": p.file, "line": p.line, "field": p.field, "message": p.message}
            for p in exc.problems
        ]
    return JSONResponse(body, status_code=status)


def create_app(
    db_url: str | None = None,
    *,
    max_body: int = DEFAULT_MAX_BODY,
    upload_timeout: float = DEFAULT_UPLOAD_TIMEOUT,
) -> FastAPI:
    """The API over the database at `db_url` (default: the configured one), migrated on open."""
    db = Database(db_url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        db.dispose()

    app = FastAPI(
        lifespan=lifespan,
        title="edugen",
        version=__version__,
        description="Rosters and results in, weekly practice out. Every request needs an API "
        "key (`edugen apikey create`), sent as `Authorization: Bearer KEY` or `X-API-Key: KEY`; "
        "a key sees only its own school.",
    )
    app.state.db = db
    app.include_router(router)
    from edugen.web import mount  # the teachers' pages: same server, database and stores

    mount(app, db)
    app.add_middleware(BodyLimit, max_bytes=max_body, timeout_s=upload_timeout)

    @app.exception_handler(NotFoundError)
    async def not_found(_: Request, exc: NotFoundError) -> JSONResponse:
        return _error(404, exc)

    @app.exception_handler(InputError)
    async def rejected(_: Request, exc: InputError) -> JSONResponse:
        return _error(422, exc)

    @app.exception_handler(UsageError)
    async def usage(_: Request, exc: UsageError) -> JSONResponse:
        return _error(400, exc)

    @app.exception_handler(EdugenError)
    async def failed(_: Request, exc: EdugenError) -> JSONResponse:
        return _error(409, exc)

    @app.exception_handler(BodyTooLarge)
    async def too_large(_: Request, exc: BodyTooLarge) -> JSONResponse:
        return JSONResponse({"detail": f"the request body is over {max_body} bytes"}, 413)

    return app
