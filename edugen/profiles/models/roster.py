"""The roster as imported (OneRoster-like): ids keep the roster's sourcedId."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from edugen.profiles.models.base import (
    ID,
    Base,
)


class Org(Base):
    """A school (or district) from the roster."""

    __tablename__ = "orgs"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    type: Mapped[str] = mapped_column(String(32))
    identifier: Mapped[str | None] = mapped_column(String(255))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("orgs.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    auto_approve_verified: Mapped[bool] = mapped_column(Boolean, default=False)


class AcademicSession(Base):
    __tablename__ = "academic_sessions"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    title: Mapped[str] = mapped_column(String(255))
    type: Mapped[str] = mapped_column(String(32))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("academic_sessions.id"))
    school_year: Mapped[str | None] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Course(Base):
    __tablename__ = "courses"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    title: Mapped[str] = mapped_column(String(255))
    course_code: Mapped[str | None] = mapped_column(String(255))
    org_id: Mapped[str] = mapped_column(ForeignKey("orgs.id"))
    school_year_id: Mapped[str | None] = mapped_column(ForeignKey("academic_sessions.id"))
    grades: Mapped[list[str]] = mapped_column(default=list)
    subjects: Mapped[list[str]] = mapped_column(default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class SchoolClass(Base):
    """A class (section) students are enrolled in."""

    __tablename__ = "classes"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    title: Mapped[str] = mapped_column(String(255))
    school_id: Mapped[str] = mapped_column(ForeignKey("orgs.id"), index=True)
    course_id: Mapped[str | None] = mapped_column(ForeignKey("courses.id"))
    class_code: Mapped[str | None] = mapped_column(String(255))
    class_type: Mapped[str | None] = mapped_column(String(32))
    grades: Mapped[list[str]] = mapped_column(default=list)
    subjects: Mapped[list[str]] = mapped_column(default=list)
    term_ids: Mapped[list[str]] = mapped_column(default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    enrollments: Mapped[list[Enrollment]] = relationship(back_populates="school_class")


class Teacher(Base):
    __tablename__ = "teachers"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    school_id: Mapped[str | None] = mapped_column(ForeignKey("orgs.id"), index=True)
    given_name: Mapped[str] = mapped_column(String(255))
    family_name: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Student(Base):
    """A student. Prompts only ever see `pseudonym` and the profile fields, never names or id."""

    __tablename__ = "students"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    school_id: Mapped[str | None] = mapped_column(ForeignKey("orgs.id"), index=True)
    pseudonym: Mapped[str] = mapped_column(String(32), unique=True)
    given_name: Mapped[str] = mapped_column(String(255))
    family_name: Mapped[str] = mapped_column(String(255))
    preferred_name: Mapped[str | None] = mapped_column(String(255))
    grade: Mapped[str | None] = mapped_column(String(8))
    reading_level: Mapped[float | None] = mapped_column(Float)
    language: Mapped[str] = mapped_column(String(16), default="en")
    interests: Mapped[list[str]] = mapped_column(default=list)
    accommodations: Mapped[list[str]] = mapped_column(default=list)
    minutes_per_day: Mapped[int] = mapped_column(Integer, default=20)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Learner model: overall ability, its variance, and the answers it rests on.
    ability: Mapped[float] = mapped_column(Float, default=0.0)
    ability_var: Mapped[float] = mapped_column(Float, default=1.0, server_default="1.0")
    answer_count: Mapped[int] = mapped_column(Integer, default=0)
    correct_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    enrollments: Mapped[list[Enrollment]] = relationship(back_populates="student")


class Enrollment(Base):
    __tablename__ = "enrollments"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    class_id: Mapped[str] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    student_id: Mapped[str] = mapped_column(
        ForeignKey("students.id", ondelete="CASCADE"), index=True
    )
    begin_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    __table_args__ = (UniqueConstraint("class_id", "student_id"),)

    school_class: Mapped[SchoolClass] = relationship(back_populates="enrollments")
    student: Mapped[Student] = relationship(back_populates="enrollments")


class ClassTeacher(Base):
    __tablename__ = "class_teachers"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    class_id: Mapped[str] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    teacher_id: Mapped[str] = mapped_column(ForeignKey("teachers.id", ondelete="CASCADE"))
    primary: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    __table_args__ = (UniqueConstraint("class_id", "teacher_id"),)
