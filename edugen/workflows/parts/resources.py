"""A week's resources.

Steps: choose (rank the catalog for each student's picks, leaving out recent ones) →
personalise (the model writes one sentence on why, per resource) → fall back (a plain
rationale from the ranking) → merge the sentence into each pick.
"""

from __future__ import annotations

from edugen import config
from edugen.content import questions, resources
from edugen.planner import picks
from edugen.prompts.personalize import Personalizer, write_rationales
from edugen.schemas import ResourcePick
from edugen.validators import ResourceFacts
from edugen.workflows.week import StudentWeek, WeekContext, WeekResult


def make(
    p: Personalizer,
    result: WeekResult,
    context: WeekContext,
    settings: config.GenerateSettings,
) -> None:
    """Fill each student's `resources`."""
    titles = context.titles
    info = {r.id: r for r in context.catalog}
    for sw in result.students:
        sw.resources = ranked(sw, context, settings)
    # With plain texts the model is not asked: each resource keeps the catalog's sentence.
    asking = [sw for sw in result.students if sw.resources and settings.texts != "plain"]
    written = write_rationales(
        p,
        [
            (
                context.learners[sw.student.id],
                titles.get(sw.resources[0].topic, sw.resources[0].topic),
                [
                    ResourceFacts(
                        id=r.resource_id,
                        title=r.title,
                        type=r.type,
                        topic=titles.get(r.topic, r.topic),
                        url=r.url,
                        description=info[r.resource_id].description,
                    )
                    for r in sw.resources
                ],
                questions.seed_for(sw.student.id, result.week, "resources"),
            )
            for sw in asking
        ],
    )
    said = {id(sw): whys for sw, (whys, _) in zip(asking, written, strict=True)}
    for sw in result.students:
        whys = said.get(id(sw), {})
        sw.resources = [
            r.model_copy(
                update={
                    "why": whys.get(r.resource_id)
                    or resources.fallback_rationale(r, titles.get(r.topic, r.topic))
                }
            )
            for r in sw.resources
        ]


def ranked(
    sw: StudentWeek, context: WeekContext, settings: config.GenerateSettings
) -> list[ResourcePick]:
    """The student's resources from the catalog, best first (none when it was not read);
    the question part sizes the week's practice by them before they are made."""
    s = sw.student
    return resources.rank_resources(
        context.catalog,
        picks=sw.picks,
        grade=picks.grade_number(s.grade) if s.grade else None,
        language=s.language,
        interests=s.interests,
        count=settings.resources,
        recent=context.recent_resources.get(s.id, set()),
    )
