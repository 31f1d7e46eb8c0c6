"""Read-side queries returning value objects for the CLI and the API."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from edugen.errors import NotFoundError
from edugen.profiles.models import (
    Attempt,
    ClassTeacher,
    Enrollment,
    Org,
    Prerequisite,
    SchoolClass,
    Student,
    Teacher,
    Topic,
)
from edugen.schemas import (
    AnswerRecord,
    ClassDetail,
    ClassSummary,
    StudentDetail,
    StudentSummary,
    TopicInfo,
)

# Ids per IN (...) list: well under every database's limit on bound parameters.
CHUNK = 500


def _student_summary(s: Student) -> StudentSummary:
    return StudentSummary(
        id=s.id,
        pseudonym=s.pseudonym,
        given_name=s.given_name,
        family_name=s.family_name,
        grade=s.grade,
        school_id=s.school_id,
        active=s.active,
    )


def list_students(*, session: Session, class_id: str | None = None) -> list[StudentSummary]:
    stmt = select(Student).order_by(Student.family_name, Student.given_name, Student.id)
    if class_id is not None:
        get_class(session=session, class_id=class_id)
        stmt = stmt.join(Enrollment).where(Enrollment.class_id == class_id, Enrollment.active)
    return [_student_summary(s) for s in session.scalars(stmt)]


def get_student(*, session: Session, student_id: str) -> StudentDetail:
    student = session.get(Student, student_id)
    if student is None:
        raise NotFoundError(f"no student with id {student_id!r}")
    class_ids = session.scalars(
        select(Enrollment.class_id)
        .where(Enrollment.student_id == student_id, Enrollment.active)
        .order_by(Enrollment.class_id)
    ).all()
    return _student_detail(student, list(class_ids))


def get_students(*, session: Session, student_ids: Sequence[str]) -> list[StudentDetail]:
    """`get_student` for many students in a few queries; in the order asked."""
    unique = list(dict.fromkeys(student_ids))
    found: dict[str, Student] = {}
    class_ids: dict[str, list[str]] = {}
    for start in range(0, len(unique), CHUNK):
        chunk = unique[start : start + CHUNK]
        for student in session.scalars(select(Student).where(Student.id.in_(chunk))):
            found[student.id] = student
        for student_id, class_id in session.execute(
            select(Enrollment.student_id, Enrollment.class_id)
            .where(Enrollment.student_id.in_(chunk), Enrollment.active)
            .order_by(Enrollment.student_id, Enrollment.class_id)
        ):
            class_ids.setdefault(student_id, []).append(class_id)
    for student_id in unique:
        if student_id not in found:
            raise NotFoundError(f"no student with id {student_id!r}")
    return [_student_detail(found[sid], list(class_ids.get(sid, ()))) for sid in student_ids]


def _student_detail(student: Student, class_ids: list[str]) -> StudentDetail:
    return StudentDetail(
        **_student_summary(student).model_dump(),
        preferred_name=student.preferred_name,
        reading_level=student.reading_level,
        language=student.language,
        interests=list(student.interests),
        accommodations=list(student.accommodations),
        minutes_per_day=student.minutes_per_day,
        class_ids=class_ids,
    )


def list_classes(*, session: Session, school_id: str | None = None) -> list[ClassSummary]:
    counts = (
        select(Enrollment.class_id, func.count().label("n"))
        .where(Enrollment.active)
        .group_by(Enrollment.class_id)
        .subquery()
    )
    stmt = (
        select(SchoolClass, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.class_id == SchoolClass.id)
        .order_by(SchoolClass.id)
    )
    if school_id is not None:
        stmt = stmt.where(SchoolClass.school_id == school_id)
    student_grades: dict[str, list[str]] = {}
    grade_rows = (
        select(Enrollment.class_id, Student.grade, func.count())
        .join(Student, Student.id == Enrollment.student_id)
        .join(SchoolClass, SchoolClass.id == Enrollment.class_id)
        .where(Enrollment.active, Student.grade.is_not(None))
        .group_by(Enrollment.class_id, Student.grade)
    )
    if school_id is not None:
        grade_rows = grade_rows.where(SchoolClass.school_id == school_id)
    for class_id, grade, count in session.execute(grade_rows):
        student_grades.setdefault(class_id, []).extend([grade or ""] * count)
    return [
        ClassSummary(
            id=c.id,
            title=c.title,
            school_id=c.school_id,
            grades=list(c.grades),
            grade=_class_grade(c.grades, student_grades.get(c.id, [])),
            subjects=list(c.subjects),
            student_count=n,
            active=c.active,
        )
        for c, n in session.execute(stmt)
    ]


def _class_grade(grades: Sequence[str], student_grades: Sequence[str]) -> str | None:
    """The roster's one grade for the class, else its students' most common (lowest on a
    tie), else the lowest the roster names; written as topic codes write grades ("06" as
    "6", "KG" as "K")."""
    from edugen.planner.picks import grade_number

    numbers = {grade_number(g) for g in grades} - {99}
    if len(numbers) != 1:
        counts = Counter(n for g in student_grades if (n := grade_number(g)) != 99)
        numbers = {min(counts, key=lambda n: (-counts[n], n))} if counts else numbers
    if not numbers:
        return None
    number = min(numbers)
    return "K" if number == 0 else str(number)


def get_class(*, session: Session, class_id: str) -> ClassDetail:
    school_class = session.get(SchoolClass, class_id)
    if school_class is None:
        raise NotFoundError(f"no class with id {class_id!r}")
    students = session.scalars(
        select(Student)
        .join(Enrollment)
        .where(Enrollment.class_id == class_id, Enrollment.active)
        .order_by(Student.family_name, Student.given_name, Student.id)
    ).all()
    teachers = session.scalars(
        select(Teacher)
        .join(ClassTeacher, ClassTeacher.teacher_id == Teacher.id)
        .where(ClassTeacher.class_id == class_id, ClassTeacher.active)
        .order_by(Teacher.family_name)
    ).all()
    return ClassDetail(
        id=school_class.id,
        title=school_class.title,
        school_id=school_class.school_id,
        grades=list(school_class.grades),
        grade=_class_grade(school_class.grades, [s.grade for s in students if s.grade]),
        subjects=list(school_class.subjects),
        student_count=len(students),
        active=school_class.active,
        class_code=school_class.class_code,
        teachers=[f"{t.given_name} {t.family_name}" for t in teachers],
        students=[_student_summary(s) for s in students],
    )


def curriculum(*, session: Session) -> list[TopicInfo]:
    """All topics with their prerequisites, prerequisites before the topics that need them."""
    prereqs: dict[str, list[str]] = {}
    for edge in session.scalars(select(Prerequisite)):
        prereqs.setdefault(edge.topic_code, []).append(edge.prerequisite_code)
    topics = {
        t.code: TopicInfo(
            code=t.code,
            title=t.title,
            grade=t.grade,
            prerequisites=tuple(sorted(prereqs.get(t.code, []))),
        )
        for t in session.scalars(select(Topic))
    }
    ordered: list[TopicInfo] = []
    placed: set[str] = set()

    def place(code: str, path: tuple[str, ...] = ()) -> None:
        if code in placed or code not in topics or code in path:
            return
        for p in topics[code].prerequisites:
            place(p, (*path, code))
        placed.add(code)
        ordered.append(topics[code])

    for code in sorted(topics, key=_curriculum_order):
        place(code)
    return ordered


def _curriculum_order(code: str) -> tuple[int, str]:
    from edugen.planner.picks import grade_number

    return (grade_number(code.split(".", 1)[0]), code)


def answers(*, session: Session, student_ids: list[str] | None = None) -> list[AnswerRecord]:
    """Answers in the order they were given."""
    stmt = select(
        Attempt.student_id,
        Attempt.topic_code,
        Attempt.item_ref,
        Attempt.correct,
        Attempt.answered_at,
    )
    if student_ids is not None:
        stmt = stmt.where(Attempt.student_id.in_(student_ids))
    stmt = stmt.order_by(Attempt.answered_at, Attempt.id)
    return [
        AnswerRecord(student_id=s, topic_code=t, item_ref=i, correct=c, answered_at=at)
        for s, t, i, c, at in session.execute(stmt)
    ]


def school_name(*, session: Session, school_id: str) -> str:
    org = session.get(Org, school_id)
    if org is None:
        raise NotFoundError(f"no school with id {school_id!r}")
    return org.name


def roster_names(*, session: Session, school_ids: Collection[str | None]) -> tuple[str, ...]:
    """Every given, family and preferred name of the students of these schools (for the
    check that no name reaches generated text)."""
    names: set[str] = set()
    stmt = select(Student.given_name, Student.family_name, Student.preferred_name)
    known = [s for s in school_ids if s is not None]
    if None in school_ids:
        stmt = stmt.where(or_(Student.school_id.in_(known), Student.school_id.is_(None)))
    else:
        stmt = stmt.where(Student.school_id.in_(known))
    for row in session.execute(stmt):
        names.update(n.strip() for n in row if n and n.strip())
    return tuple(sorted(names))
