"""A week's questions.

Steps: count (as many questions as the student's minutes hold beside the week's resources,
unless the settings say how many) → choose verified cores (item families, the teacher's
bank) per student, fewer for reduced items → personalise (the model frames each question;
hints from the model, the worked solution, or none) → fall back (a failed framing keeps the
plain stem, a failed hint the solution's first step) → merge each item's provenance; topics
nothing verified covers may get whole questions written by the model (unverified) when
`model_items` is set.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from edugen import config
from edugen.content import accommodations, plans, questions
from edugen.content.questions import Slot
from edugen.prompts.personalize import Personalizer, Question, frame_questions, write_hints
from edugen.prompts.personalize import write_items as write_whole_items
from edugen.schemas import PracticeItem, Provenance, TopicPick
from edugen.workflows.parts import resources
from edugen.workflows.week import StudentWeek, WeekContext, WeekResult


def make(
    p: Personalizer,
    result: WeekResult,
    context: WeekContext,
    settings: config.GenerateSettings,
) -> None:
    """Fill each student's `items` and `gaps`."""
    learners = context.learners
    slots: list[tuple[StudentWeek, Slot, PracticeItem, int]] = []
    # (student, pick, k): questions nothing verified covers, for the model to write.
    unwritten: list[tuple[StudentWeek, TopicPick, int]] = []
    for sw in result.students:
        sid = sw.student.id

        def choose(count: int, sw: StudentWeek = sw) -> questions.Selection:
            return questions.choose(
                sw.picks,
                count=count,
                student_id=sw.student.id,
                week=result.week,
                recent=context.recent.get(sw.student.id, set()),
                bank=context.bank,
            )

        count, selection = _fill_the_minutes(sw, choose, context, settings)
        selection = accommodations.reduce(selection, sw.student.accommodations, count=count)
        sw.gaps = selection.gaps
        if settings.model_items:
            pick_of = {pk.code: pk for pk in sw.picks}
            unwritten.extend(
                (sw, pick_of[code], k)
                for code, count in selection.missing.items()
                for k in range(count)
            )
        for slot in selection.slots:
            item = questions.plain_item(slot, questions.item_id(sid, result.week, slot.fingerprint))
            item = item.model_copy(update={"topic_title": slot.topic_title})
            slots.append((sw, slot, item, questions.seed_for(sid, result.week, slot.fingerprint)))
    family = [(sw, slot, item, seed) for sw, slot, item, seed in slots if slot.core is not None]
    interests = {sw.student.id: sw.student.interests for sw in result.students}

    def interest(sw: StudentWeek, n: int) -> str | None:
        chosen = interests[sw.student.id]
        return chosen[n % len(chosen)] if chosen else None

    work = [
        Question(
            learner=learners[sw.student.id],
            topic=slot.topic_title,
            question=item.stem,
            answer=item.answer,
            interest=interest(sw, k),
            setting=slot.core.context_hint if slot.core is not None else None,
            seed=seed,
            options=tuple(item.options) if item.options else None,
        )
        for k, (sw, slot, item, seed) in enumerate(family)
    ]
    framed = frame_questions(p, work, framing=settings.framing or "scene")
    # Hints are about the mathematics: they see the verified question, not the scene.
    hints: list[tuple[str | None, dict[str, Any]]] = (
        write_hints(p, work)
        if settings.hints == "model"
        else [(None, {"outcome": settings.hints})] * len(work)
    )
    done: dict[int, PracticeItem] = {}
    for (_, slot, item, _), f, (hint, hint_record) in zip(family, framed, hints, strict=True):
        assert slot.core is not None
        if settings.hints != "off":
            # The last guard, whoever wrote it: a hint never gives the answer away.
            hint = questions.item_hint(slot.core, slot.topic_title, hint)
        done[id(item)] = item.model_copy(
            update={
                "stem": questions.keeps_how_to_write(slot.core, f.stem),
                "hint": hint,
                "provenance": Provenance.model_validate(
                    {
                        **item.provenance.stored(),
                        "framing": f.record,
                        "hint": hint_record,
                        "run_id": result.run_id,
                    }
                ),
            }
        )
    for sw, _, item, _ in slots:
        sw.items.append(accommodations.mark(done.get(id(item), item), sw.student.accommodations))
    if unwritten:
        _model_items(p, result, context, unwritten)


def _fill_the_minutes(
    sw: StudentWeek,
    choose: Callable[[int], questions.Selection],
    context: WeekContext,
    settings: config.GenerateSettings,
) -> tuple[int, questions.Selection]:
    """The week's count and selection: `settings.questions` if set, else as many questions
    as the student's minutes hold beside the week's resources (plans.question_count).

    A question's minutes depend on the kind and tier chosen, so the first count assumes
    multiple choice at each pick's tier, and the count is taken again once from the
    questions actually chosen.
    """
    if settings.questions is not None:
        return settings.questions, choose(settings.questions)
    shares = questions.allocate(sw.picks, settings.questions_max)
    guess = [
        ("multiple_choice", p.tier) for p, n in zip(sw.picks, shares, strict=True) for _ in range(n)
    ]

    def count_for(per_question: float) -> int:
        return plans.question_count(
            minutes_per_day=sw.student.minutes_per_day,
            study_days=settings.study_days,
            per_question=per_question,
            resources=resources.ranked(sw, context, settings),
            low=settings.questions_min,
            high=settings.questions_max,
        )

    count = count_for(plans.mean_minutes(guess))
    selection = choose(count)
    again = count_for(plans.mean_minutes([(_kind(s), s.tier) for s in selection.slots]))
    if again == count:
        return count, selection
    return again, choose(again)


def _kind(slot: Slot) -> str:
    if slot.core is not None:
        return slot.core.kind
    assert slot.bank is not None
    return slot.bank.kind


def _model_items(
    p: Personalizer,
    result: WeekResult,
    context: WeekContext,
    unwritten: list[tuple[StudentWeek, TopicPick, int]],
) -> None:
    """Whole questions from the model for topics nothing verified covers (unverified); one
    the student was served recently, or already has this week, is dropped."""
    seen = {
        sw.student.id: context.recent.get(sw.student.id, set())
        | {str(i.provenance.fingerprint) for i in sw.items}
        for sw, _, _ in unwritten
    }
    written = write_whole_items(
        p,
        [
            (
                context.learners[sw.student.id],
                pick.title,
                pick.tier or 3,
                sw.student.interests[k % len(sw.student.interests)]
                if sw.student.interests
                else None,
                questions.seed_for(sw.student.id, result.week, pick.code, "written", k),
            )
            for sw, pick, k in unwritten
        ],
    )
    for (sw, pick, _), (item, record) in zip(unwritten, written, strict=True):
        fingerprint = questions.stem_fingerprint(item.stem) if item is not None else ""
        if item is None or fingerprint in seen[sw.student.id]:
            continue
        seen[sw.student.id].add(fingerprint)
        sw.items.append(
            PracticeItem(
                id=questions.item_id(sw.student.id, result.week, fingerprint),
                topic=pick.code,
                topic_title=pick.title,
                kind="multiple_choice",
                tier=pick.tier or 3,
                stem=item.stem,
                options=list(item.options),
                answer=item.keyed_option,
                solution=[item.solution],
                verified=False,
                source="generated",
                provenance=Provenance(
                    written=record, fingerprint=fingerprint, run_id=result.run_id
                ),
            )
        )
        sw.gaps.pop(pick.code, None)


def fingerprint(item: PracticeItem) -> str:
    """The fingerprint an item is stored under (the no-repeat rule's key)."""
    return item.provenance.fingerprint or questions.stem_fingerprint(item.stem)
