"""No roster name reaches a prompt through a profile field (issue #17.5)."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from edugen.backends.fake import FakeBackend
from edugen.profiles.db import Database
from edugen.profiles.models import PromptLog, Student
from edugen.prompts.contexts import ClassNoteContext, ClassTopicContext, FramingContext
from edugen.prompts.personalize import Learner, Personalizer, Question, frame_questions
from edugen.prompts.screening import LEFT_OUT, scrub, student_context
from edugen.schemas import StudentDetail
from edugen.validators import Rules
from tests.conftest import DEMO_WEEK, Run

ROSTER = ("Liam", "Nguyen", "Amara", "Okafor")


def _student(**changes: Any) -> StudentDetail:
    base = {
        "id": "s1",
        "pseudonym": "S-7k2m9qxa",
        "given_name": "Zoe",
        "family_name": "Park",
        "grade": "6",
        "interests": ["soccer", "Liam Nguyen", "amara", "drawing"],
        "accommodations": ["simplified_language"],
    }
    return StudentDetail.model_validate({**base, **changes})


def test_interests_that_name_classmates_are_dropped_and_reported() -> None:
    context, dropped = student_context(_student(), ROSTER)
    assert context.interests == ["soccer", "drawing"]
    assert dropped == ["interests[1]", "interests[2]"]
    # Given name, family name or both, any case, whole words only.
    for named in ("NGUYEN", "liam", "Liam Nguyen", "Amara's team"):
        assert student_context(_student(interests=[named]), ROSTER)[0].interests == []
    kept, none = student_context(_student(interests=["Williamsburg", "okafortress"]), ROSTER)
    assert kept.interests == ["Williamsburg", "okafortress"] and none == []


def test_every_text_field_of_a_prompt_context_is_checked() -> None:
    context = ClassNoteContext(
        class_label="Liam's group",
        grade="6",
        student_count=2,
        week=DEMO_WEEK,
        topics=[
            ClassTopicContext(topic="Ratios", students=1),
            ClassTopicContext(topic="Okafor rates", students=1),
        ],
    )
    clean, dropped = scrub(context, ROSTER)
    assert dropped == ["class_label", "topics[1].topic"]
    assert clean.class_label == LEFT_OUT and clean.topics[1].topic == LEFT_OUT
    assert scrub(context, ()) == (context, [])


def test_the_personalizer_leaves_names_out_of_every_rendered_prompt() -> None:
    logged: list[str] = []
    p = Personalizer(FakeBackend(), log=lambda entries: logged.extend(e.prompt for e in entries))
    # A caller that builds the student context without the guard still cannot leak a name.
    unguarded = student_context(_student(), ())[0]
    learner = Learner(unguarded, Rules(roster_names=ROSTER))
    question = Question(
        learner=learner,
        topic="Unit rates",
        question="A car travels 150 miles in 3 hours. How many miles per hour?",
        answer="50",
        interest="Liam Nguyen",
        setting=None,
        seed=1,
    )
    frame_questions(p, [question], framing="scene")
    frame_questions(p, [question], framing="retell")
    assert logged
    for prompt in logged:
        assert not re.search(r"(?i)\b(liam|nguyen|amara)\b", prompt), prompt
    assert ("question_scene", "interest") in p.dropped
    assert ("question_scene", "student.interests[1]") in p.dropped
    assert isinstance(FramingContext.example(), FramingContext)


def test_generate_logs_no_classmate_named_in_a_students_interests(demo: Run, demo_url: str) -> None:
    db = Database(demo_url)
    try:
        with db.begin() as session:
            students = list(session.scalars(select(Student).order_by(Student.id)))
            target, *others = students
            classmates = [f"{s.given_name} {s.family_name}" for s in others[:2]]
            target.interests = classmates
            target_id = target.id
            names = {n for s in students for n in (s.given_name, s.family_name) if n}
    finally:
        db.dispose()
    result = demo(
        "generate",
        "plan",
        "--student",
        target_id,
        "--week",
        DEMO_WEEK,
        "--count",
        "3",
        "--hints",
        "model",
        "--backend",
        "fake",
    )
    assert result.exit_code == 0, result.output
    db = Database(demo_url)
    try:
        with db.begin() as session:
            logged = [(e.template, e.prompt) for e in session.scalars(select(PromptLog))]
    finally:
        db.dispose()
    assert {t for t, _ in logged} >= {"question_scene", "hint", "plan_note"}
    pattern = re.compile(r"(?i)\b(" + "|".join(map(re.escape, names)) + r")\b")
    for template, prompt in logged:
        assert not pattern.search(prompt), (template, pattern.search(prompt))
