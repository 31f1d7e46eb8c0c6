"""A week's study plans.

Steps: choose (build each student's days from the picks, items and resources, each
question at its own minutes times the student's accommodation factor, and what changed
since the previous plan) → personalise (the model writes a note to the student)
→ fall back (a plain summary) → merge the note and where it came from into the plan.
"""

from __future__ import annotations

from edugen import config
from edugen.content import accommodations, plans, questions
from edugen.prompts.personalize import Personalizer, plan_facts, write_plan_notes
from edugen.workflows.week import WeekContext, WeekResult


def make(
    p: Personalizer,
    result: WeekResult,
    context: WeekContext,
    settings: config.GenerateSettings,
) -> None:
    """Fill each student's `plan` (questions and resources are made first)."""
    titles = context.titles
    for sw in result.students:
        by_topic: dict[str, list[str]] = {}
        for item in sw.items:
            by_topic.setdefault(item.topic, []).append(item.id)
        minutes = {item.id: plans.item_minutes(item.kind, item.tier) for item in sw.items}
        flags = sw.student.accommodations
        factor = accommodations.time_factor(flags)
        work = factor * sum(minutes.values()) + sum(
            plans.resource_minutes(r, sw.student.minutes_per_day) for r in sw.resources
        )
        sw.plan = plans.build_week(
            student_id=sw.student.id,
            week=result.week,
            minutes_per_day=accommodations.plan_minutes(
                sw.student.minutes_per_day,
                flags,
                work_minutes=work,
                study_days=settings.study_days,
            ),
            picks=sw.picks,
            items=by_topic,
            resources=sw.resources,
            previous=context.previous.get(sw.student.id),
            study_days=settings.study_days,
            mastery=sw.mastery,
            mastery_p=context.mastery_p,
            minutes=minutes,
            gaps=sw.gaps,
            answers=sw.answers,
            time_factor=factor,
        )
    with_picks = [
        sw
        for sw in result.students
        if sw.plan is not None and sw.plan.picks and settings.texts != "plain"
    ]
    notes = write_plan_notes(
        p,
        [
            (
                context.learners[sw.student.id],
                result.week,
                sw.plan.minutes_per_day,
                [(titles.get(k.code, k.title), k.kind, k.reason) for k in sw.plan.picks],
                [c.why for c in sw.plan.changes],
                questions.seed_for(sw.student.id, result.week, "plan"),
            )
            for sw in with_picks
            if sw.plan is not None
        ],
        plans=[plan_facts(sw.plan, titles) for sw in with_picks if sw.plan is not None],
    )
    written = {id(sw): note for sw, (note, _) in zip(with_picks, notes, strict=True)}
    for sw in result.students:
        assert sw.plan is not None
        note = written.get(id(sw))
        sw.plan = sw.plan.model_copy(
            update={
                "summary": note or plans.fallback_summary(sw.plan, titles),
                "summary_source": "model" if note else "fallback",
            }
        )
