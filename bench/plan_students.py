"""Benchmark: plan a week for 10,000 students (goal: <= 10 s through the workflows).

Builds a throwaway EDUGEN_HOME with a SQLite database holding the demo curriculum and a
school of N students in classes of 25, all loaded through the importers a real school
uses (a OneRoster 1.2 bundle, a profiles CSV with interests, a results CSV of simulated
answers, so the learner state is the real one), sets a few teacher controls, then times
the pure planner, `planning.plan_students` for every student, and `planning.plan_class`
for every class.

    .venv/bin/python bench/plan_students.py                    # 10,000 students
    .venv/bin/python bench/plan_students.py --students 2000
    .venv/bin/python bench/plan_students.py --check picks.json # write, or compare with, picks
"""

from __future__ import annotations

import argparse
import csv
import gc
import hashlib
import json
import os
import random
import resource
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import throwaway_home  # noqa: E402

GOAL_S = 10.0
GOAL_STUDENTS = 10_000
CLASS_SIZE = 25
WEEK = "2026-W49"
# Weeks of simulated answers before WEEK: about 30-60 answers per student.
HISTORY_WEEKS = 3
CHECK_STUDENTS = 300
SCHOOL = "bench-school"
INTERESTS = (
    "animals",
    "baking",
    "basketball",
    "chess",
    "coding",
    "cooking",
    "drawing",
    "gardening",
    "minecraft",
    "music",
    "reading",
    "robots",
    "soccer",
    "space",
    "video games",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=GOAL_STUDENTS)
    parser.add_argument(
        "--check",
        type=Path,
        metavar="JSON",
        help="write the plans (digest, and the first few in full) here, or compare with it",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        metavar="DB",
        help="reuse this prepared SQLite file if it exists, else prepare it there",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument(
        "--profile", type=Path, metavar="PSTATS", help="also write a cProfile of (b) here"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    with throwaway_home(args.keep) as work:
        run(args, work)


def run(args: argparse.Namespace, work: Path) -> None:
    from edugen.profiles.db import Database
    from edugen.workflows import planning

    home = Path(os.environ["EDUGEN_HOME"])
    home.mkdir(parents=True)
    db_path = home / "edugen.db"
    t0 = time.perf_counter()
    if args.cache and args.cache.exists():
        shutil.copy(args.cache, db_path)
        how = f"copied from {args.cache}"
    else:
        prepare(f"sqlite:///{db_path}", args.students, work)
        if args.cache:
            shutil.copy(db_path, args.cache)
        how = "imported"
    db = Database(f"sqlite:///{db_path}")
    student_ids, class_ids, answers = inventory(db)
    print(
        f"setup: {len(student_ids):,} students in {len(class_ids)} classes, "
        f"{answers:,} answers ({answers / len(student_ids):.0f} per student), {how} "
        f"in {time.perf_counter() - t0:.1f} s"
    )

    check_predictions(db, student_ids)
    snapshots, topics, settings = snapshots_for(db, student_ids)
    from edugen.planner.picks import plan_topics

    def plan_all() -> None:
        for student in snapshots:
            plan_topics(topics, student, settings)

    report("(a) plan_topics on prebuilt snapshots", len(snapshots), timed(plan_all, args.repeat))
    snapshots.clear()  # so (b) starts without them in memory

    plans: list[Any] = []

    def plan_everyone() -> None:
        plans[:] = planning.plan_students(db=db, student_ids=student_ids, week=WEEK)

    elapsed = timed(plan_everyone, args.repeat)
    report("(b) planning.plan_students, all students", len(plans), elapsed)
    kinds: dict[str, int] = {}
    for plan in plans:
        for pick in plan.picks:
            kinds[pick.kind] = kinds.get(pick.kind, 0) + 1
    print("  picks: " + ", ".join(f"{k} {n:,}" for k, n in sorted(kinds.items())))
    if args.check:
        compare(args.check, plans)
    planned = len(plans)
    plans.clear()

    def plan_classes() -> None:
        for c in class_ids:
            planning.plan_class(db=db, class_id=c, week=WEEK)

    report(
        f"(c) planning.plan_class, {len(class_ids)} classes",
        planned,
        timed(plan_classes, args.repeat),
    )

    if args.profile:
        import cProfile

        gc.collect()
        cProfile.runctx("plan_everyone()", globals(), locals(), str(args.profile))
        print(f"profile of (b) written to {args.profile}")
    db.dispose()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak_mb:.0f} MB")
    verdict = "meets" if elapsed <= GOAL_S * planned / GOAL_STUDENTS else "MISSES"
    print(f"{verdict} the goal of {GOAL_STUDENTS:,} students in <= {GOAL_S:.0f} s")


def timed(work: Callable[[], None], repeat: int) -> float:
    """Median wall time of `repeat` runs, each started after a full garbage collection."""
    times = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        work()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def report(label: str, students: int, seconds: float) -> None:
    print(f"{label}: {seconds:.2f} s, {students / seconds:,.0f} students/s")


def inventory(db: Any) -> tuple[list[str], list[str], int]:
    from sqlalchemy import func, select

    from edugen.profiles.models import Attempt, SchoolClass, Student

    with db.begin() as session:
        students = list(session.scalars(select(Student.id).order_by(Student.id)))
        classes = list(session.scalars(select(SchoolClass.id).order_by(SchoolClass.id)))
        answers = session.scalar(select(func.count()).select_from(Attempt)) or 0
    return students, classes, answers


def snapshots_for(db: Any, student_ids: list[str]) -> tuple[list[Any], list[Any], Any]:
    """The planner's input for every student, built outside the timed region."""
    from datetime import UTC, datetime
    from datetime import time as clock

    from sqlalchemy import select

    from edugen import weeks
    from edugen.planner.picks import grade_number, load_settings
    from edugen.profiles import controls, learner_store, queries
    from edugen.profiles.models import Student
    from edugen.schemas import StudentSnapshot

    at = datetime.combine(weeks.parse_week(WEEK), clock(0), tzinfo=UTC)
    with db.begin() as session:
        topics = queries.curriculum(session=session)
        mastery = learner_store.mastery_snapshot(session=session, student_ids=student_ids, at=at)
        ctl = controls.effective_controls(session=session, student_ids=student_ids)
        rows = {s.id: (s.grade, list(s.interests)) for s in session.scalars(select(Student))}
    snapshots = [
        StudentSnapshot(
            student_id=sid,
            grade=grade_number(rows[sid][0]) if rows[sid][0] else None,
            interests=rows[sid][1],
            mastery=mastery[sid],
            controls=ctl[sid],
            now=at,
        )
        for sid in student_ids
    ]
    return snapshots, topics, load_settings()


def check_predictions(db: Any, student_ids: list[str]) -> None:
    """The snapshot's tier predictions are exactly what LearnerState.predict says."""
    from datetime import UTC, datetime
    from datetime import time as clock

    from edugen import weeks
    from edugen.profiles import learner_store

    at = datetime.combine(weeks.parse_week(WEEK), clock(0), tzinfo=UTC)
    with db.begin() as session:
        snapshot = learner_store.mastery_snapshot(session=session, student_ids=student_ids, at=at)
        learner = learner_store.StoredLearner(session, student_ids=student_ids)
    checked = 0
    for sid, topics in snapshot.items():
        for code, m in topics.items():
            expected = tuple(learner.state.predict(sid, code, tier=t) for t in range(1, 6))
            if m.p_tiers != expected or m.p_correct != expected[2]:
                raise SystemExit(f"prediction mismatch for {sid} {code}: {m.p_tiers} {expected}")
            checked += 1
    print(f"check: {checked:,} (student, topic) tier predictions equal LearnerState.predict")


def compare(path: Path, plans: list[Any]) -> None:
    """Write the plans (a digest of all, the first few in full), or check them against a file."""
    dumped = [p.model_dump(mode="json") for p in plans]
    digest = hashlib.sha256(json.dumps(dumped, sort_keys=True).encode()).hexdigest()
    current: dict[str, Any] = {
        "students": len(dumped),
        "digest": digest,
        "plans": dumped[:CHECK_STUDENTS],
    }
    if not path.exists():
        path.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"check: wrote the plans' digest and {CHECK_STUDENTS} students' plans to {path}")
        return
    before: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if before["plans"] != current["plans"]:
        pairs = zip(before["plans"], current["plans"], strict=False)
        shorter = min(len(before["plans"]), len(current["plans"]))
        bad = next((i for i, (a, b) in enumerate(pairs) if a != b), shorter)
        raise SystemExit(f"check FAILED: plans differ from {path} (first at student {bad})")
    if (before["students"], before["digest"]) != (len(dumped), digest):
        raise SystemExit(f"check FAILED: the {len(dumped):,} plans' digest differs from {path}")
    print(f"check: all {len(dumped):,} plans identical to {path} (digest {digest[:12]})")


def prepare(url: str, students: int, work: Path) -> None:
    """Curriculum, roster, profiles, answers and a few controls, through the importers."""
    from edugen import weeks
    from edugen.demo import school, simulate
    from edugen.profiles import controls, queries
    from edugen.profiles.db import Database
    from edugen.workflows import imports

    db = Database(url)
    imports.import_files("curriculum", [school.DATA / "curriculum.csv"], db=db)
    ids = [f"s{n:05d}" for n in range(students)]
    imports.import_files("oneroster", [write_oneroster(work / "roster", ids)], db=db)
    rng = random.Random(7)
    profiles = work / "profiles.csv"
    with profiles.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["student_id", "interests"])
        out.writerows([sid, ";".join(rng.sample(INTERESTS, rng.randint(1, 3)))] for sid in ids)
    imports.import_files("profiles", [profiles], db=db)
    with db.begin() as session:
        topics = queries.curriculum(session=session)
    rows = simulate.simulate(
        ids, topics, week_monday=weeks.parse_week(WEEK), weeks=HISTORY_WEEKS, seed=2026
    )
    results = work / "results.csv"
    with results.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    imports.import_files("results", [results], db=db)
    # Teacher controls: every tenth class prioritises a topic and excludes another; every
    # hundredth student has a topic assigned.
    grade6 = [t.code for t in topics if t.grade == "6"]
    with db.begin() as session:
        for n in range(0, len(ids) // CLASS_SIZE, 10):
            class_id = _class_id(n)
            controls.set_control(
                session=session, class_id=class_id, topic=grade6[10 + n % 5], priority=2
            )
            controls.set_control(
                session=session, class_id=class_id, topic=grade6[-1 - n % 3], excluded=True
            )
        for n in range(0, len(ids), 100):
            controls.set_control(
                session=session, student_id=ids[n], topic=grade6[15 + n % 5], forced=True
            )
    db.dispose()


def _class_id(n: int) -> str:
    return f"class-{n:04d}"


def write_oneroster(folder: Path, student_ids: list[str]) -> Path:
    """A OneRoster 1.2 bulk bundle: one school, classes of CLASS_SIZE, a teacher each."""
    folder.mkdir(parents=True)
    district, year, term, course = "bench-district", "bench-year", "bench-term", "bench-course"
    n_classes = -(-len(student_ids) // CLASS_SIZE)
    classes = [_class_id(n) for n in range(n_classes)]
    teachers = [f"t{n:04d}" for n in range(n_classes)]
    entities = ("academicSessions", "classes", "courses", "enrollments", "orgs", "roles", "users")
    rng = random.Random(11)
    first = ("Ada", "Ben", "Chen", "Dara", "Eli", "Fatima", "Gus", "Hana", "Ivo", "Jun")
    last = ("Okafor", "Nguyen", "Smith", "Garcia", "Kowalski", "Haddad", "Mori", "Silva")

    def write(name: str, header: list[str], rows: list[list[str]]) -> None:
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(header)
            out.writerows(rows)

    write(
        "manifest",
        ["propertyName", "value"],
        [
            ["manifest.version", "1.0"],
            ["oneroster.version", "1.2"],
            *[[f"file.{e}", "bulk"] for e in entities],
            ["source.systemName", "edugen bench"],
        ],
    )
    write(
        "orgs",
        ["sourcedId", "status", "name", "type", "parentSourcedId"],
        [
            [district, "active", "Bench District", "district", ""],
            [SCHOOL, "active", "Bench School", "school", district],
        ],
    )
    write(
        "academicSessions",
        ["sourcedId", "status", "title", "type", "startDate", "endDate", "parentSourcedId"],
        [
            [year, "active", "2026-2027", "schoolYear", "2026-08-24", "2027-06-11", ""],
            [term, "active", "Fall 2026", "term", "2026-08-24", "2026-12-18", year],
        ],
    )
    write(
        "courses",
        ["sourcedId", "status", "schoolYearSourcedId", "title", "grades", "orgSourcedId"],
        [[course, "active", year, "Math 6", "06", SCHOOL]],
    )
    write(
        "classes",
        [
            "sourcedId",
            "status",
            "title",
            "grades",
            "courseSourcedId",
            "schoolSourcedId",
            "termSourcedIds",
            "subjects",
        ],
        [
            [c, "active", f"Math 6 - {c}", "06", course, SCHOOL, term, "Mathematics"]
            for c in classes
        ],
    )
    write(
        "users",
        ["sourcedId", "status", "enabledUser", "givenName", "familyName", "grades"],
        [[t, "active", "true", rng.choice(first), rng.choice(last), ""] for t in teachers]
        + [[s, "active", "true", rng.choice(first), rng.choice(last), "06"] for s in student_ids],
    )
    write(
        "roles",
        ["sourcedId", "status", "userSourcedId", "roleType", "role", "orgSourcedId"],
        [[f"role-{t}", "active", t, "primary", "teacher", SCHOOL] for t in teachers]
        + [[f"role-{s}", "active", s, "primary", "student", SCHOOL] for s in student_ids],
    )
    write(
        "enrollments",
        ["sourcedId", "status", "classSourcedId", "schoolSourcedId", "userSourcedId", "role"],
        [
            [f"enr-{c}-{t}", "active", c, SCHOOL, t, "teacher"]
            for c, t in zip(classes, teachers, strict=True)
        ]
        + [
            [f"enr-{s}", "active", classes[n // CLASS_SIZE], SCHOOL, s, "student"]
            for n, s in enumerate(student_ids)
        ],
    )
    return folder


if __name__ == "__main__":
    main()
