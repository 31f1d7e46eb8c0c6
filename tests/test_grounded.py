"""Nothing false reaches a student (issue #18): every bad text the audit quoted is rejected by
a grounded check, good texts (the fallbacks among them) are accepted, and the prompts give
the model each record's own facts."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import replace

import pytest

from edugen.backends.fake import FakeBackend, FakeOptions
from edugen.content import plans
from edugen.content.class_week import fallback_class_note
from edugen.content.resources import fallback_rationale
from edugen.prompts.contexts import FramingContext, StudentContext
from edugen.prompts.outputs import QuestionScene, scene_pattern
from edugen.prompts.personalize import (
    Learner,
    Personalizer,
    Question,
    frame_questions,
    plan_facts,
    write_class_note,
    write_hints,
    write_plan_notes,
    write_rationales,
)
from edugen.prompts.templates import load
from edugen.schemas import ClassWeek, ResourcePick, StuckStudent, TopicPick, WeeklyPlan
from edugen.validators import (
    ClassFacts,
    ResourceFacts,
    Rules,
    SceneFacts,
    check_class_sentence,
    check_hint_specific,
    check_note_grounded,
    check_note_whole,
    check_rationale_grounded,
    check_scene,
)
from edugen.validators.scenes import SETTINGS, openings

WEEK = "2026-W10"
TITLES = {"6.RP.A.2": "Unit rates", "6.RP.A.1": "Ratios and ratio language"}


def _plan() -> WeeklyPlan:
    picks = [
        TopicPick(
            code="6.RP.A.2", title="Unit rates", kind="new", tier=2, reason="ratios mastered"
        ),
        TopicPick(
            code="6.RP.A.1", title="Ratios and ratio language", kind="spaced review", reason="due"
        ),
    ]
    video = ResourcePick(
        resource_id=7,
        topic="6.RP.A.2",
        title="Khan Academy: Intro to rates",
        url="https://www.khanacademy.org/math/rates",
        type="video",
        reason="matches the topic",
    )
    return plans.build_week(
        student_id="s1",
        week=WEEK,
        minutes_per_day=20,
        picks=picks,
        items={"6.RP.A.2": ["i1", "i2", "i3"], "6.RP.A.1": ["i4", "i5"]},
        resources=[video],
        previous=None,
        study_days=3,
    )


# --- plan notes ---------------------------------------------------------------------------


def test_a_note_with_a_task_in_no_plan_is_rejected() -> None:
    facts = plan_facts(_plan(), TITLES)
    quoted = "You will write a story, and your story will be your adventures."
    found = {p.message for p in check_note_grounded(quoted, facts)}
    assert "mentions 'write', which is not in the plan" in found
    assert "mentions 'story', which is not in the plan" in found


@pytest.mark.parametrize(
    ("note", "why"),
    [
        ("This week you will practise fractions for 20 minutes a day.", "'fraction'"),
        ("This week you will work on unit rates on Friday.", "'friday'"),
        ("This week you will work on unit rates on the weekend.", "'weekend'"),
        ("This week you will work on unit rates for 45 minutes a day.", "'45'"),
        ("This week you will play a game about unit rates.", "'game'"),
        ("This week you will take a quiz on unit rates.", "'quiz'"),
        ("This week you learn the importance of unit rates.", "'importance of'"),
    ],
)
def test_a_note_naming_a_topic_day_number_or_task_the_plan_lacks_is_rejected(
    note: str, why: str
) -> None:
    problems = check_note_grounded(note, plan_facts(_plan(), TITLES))
    assert any(why in p.message for p in problems), problems


def test_notes_that_keep_to_the_plan_are_accepted() -> None:
    plan = _plan()
    facts = plan_facts(plan, TITLES)
    assert facts.days == ("Monday", "Tuesday", "Wednesday")
    for note in (
        plans.fallback_summary(plan, TITLES),
        "This week you will work for 20 minutes a day on unit rates and review ratios.",
        "This week you watch a video on unit rates on Monday, then answer the questions.",
    ):
        assert check_note_grounded(note, facts) == [], note


def test_a_claim_the_plan_itself_makes_is_not_vague() -> None:
    # "real world" states nothing of its own, unless a topic of the plan is titled with it.
    plan = _plan()
    note = "This week you will work on unit rates in the real world."
    assert any("'real world'" in p.message for p in check_note_grounded(note, plan_facts(plan)))
    titled = {**TITLES, "6.RP.A.2": "Unit rates in the real world"}
    assert check_note_grounded(note, plan_facts(plan, titled)) == []
    assert check_note_grounded(plans.fallback_summary(plan, titled), plan_facts(plan, titled)) == []


def test_a_number_word_inside_a_topic_title_is_not_a_number_claim() -> None:
    plan = _plan()
    titled = {**TITLES, "6.RP.A.2": "Rates with four-digit numbers"}
    facts = plan_facts(plan, titled)
    assert (
        check_note_grounded("This week you will work on rates with four-digit numbers.", facts)
        == []
    )
    # the same word standing alone is a claim the plan does not hold
    found = check_note_grounded("This week you will work on four rates a day.", facts)
    assert any("'four'" in p.message for p in found), found
    assert check_note_grounded(plans.fallback_summary(plan, titled), facts) == []


def test_a_range_or_list_of_days_must_be_the_plan_s_days() -> None:
    facts = plan_facts(_plan(), TITLES)
    assert facts.days == ("Monday", "Tuesday", "Wednesday")
    for note in (
        "This week you work for 20 minutes a day, Monday to Wednesday, on unit rates.",
        "This week you work on unit rates on Monday, Tuesday and Wednesday.",
        "This week you work on unit rates on Mondays, Tuesdays, and Wednesdays.",
        "This week you watch a video on unit rates on Monday and answer questions on Tuesday.",
    ):
        assert check_note_grounded(note, facts) == [], note
    for note, said in (
        ("This week you work on unit rates Monday to Tuesday.", "'Monday to Tuesday'"),
        ("This week you work on unit rates Monday through Tuesday.", "'Monday through Tuesday'"),
    ):
        found = [p.message for p in check_note_grounded(note, facts)]
        assert any(said in m and "are Monday, Tuesday, Wednesday" in m for m in found), found
    four = replace(facts, days=("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"))
    listed = "You work for 20 minutes a day, Monday, Tuesday, Wednesday and Thursday."
    found = [p.message for p in check_note_grounded(listed, four)]
    assert any("'Monday, Tuesday, Wednesday and Thursday'" in m for m in found), found
    assert check_note_grounded("You work for 20 minutes a day, Monday to Friday.", four) == []


def test_a_number_beside_the_same_word_as_in_a_topic_title_is_the_title() -> None:
    plan = _plan()
    titled = {
        **TITLES,
        "6.RP.A.2": "Adding and subtracting within 1000",
        "6.RP.A.1": "Opposite quantities that make zero",
    }
    facts = plan_facts(plan, titled)
    note = (
        "You go on with adding and subtracting within 1000 and opposite quantities that make zero."
    )
    assert check_note_grounded(note, facts) == []
    # The same numbers said of something else are claims the plan does not hold.
    for claim, raw in (
        ("This week you answer 1000 questions on unit rates.", "'1000'"),
        ("This week you make zero mistakes on unit rates.", "'zero'"),
        ("You go on with adding and subtracting within 1000 in 1000 ways.", "'1000'"),
    ):
        found = check_note_grounded(claim, facts)
        assert any(raw in p.message for p in found), (claim, found)


def _learner(*interests: str) -> Learner:
    student = StudentContext(pseudonym="S-7k2m9qxa", grade="6", interests=list(interests))
    return Learner(student, Rules())


def _personalizer(*outputs: Mapping[str, object]) -> Personalizer:
    script = [json.dumps(o) for o in outputs]
    backend = FakeBackend(FakeOptions(mode="script", script=script))
    return Personalizer(backend, None, attempts=1, text_attempts=1)


def test_write_plan_notes_falls_back_when_the_note_leaves_the_plan() -> None:
    plan = _plan()
    job: tuple[Learner, str, int, list[tuple[str, str, str]], list[str], int] = (
        _learner("cars"),
        WEEK,
        20,
        [("Unit rates", "new", "ratios mastered")],
        [],
        1,
    )
    bad = {"summary": "This week you will write a story, and your story will be your adventures."}
    ((note, record),) = write_plan_notes(_personalizer(bad), [job], plans=[plan_facts(plan)])
    assert note is None and record["outcome"] == "fallback"
    assert any("'story'" in p for p in record["problems"])
    good = {"summary": "This week you work on unit rates for 20 minutes on Monday and Tuesday."}
    ((note, _),) = write_plan_notes(_personalizer(good), [job], plans=[plan_facts(plan)])
    assert note == good["summary"]
    # Without the plan's days, no day may be named at all.
    ((note, _),) = write_plan_notes(_personalizer(good), [job])
    assert note is None


# --- resource rationales ------------------------------------------------------------------

RATIOS_PAGE = ResourceFacts(
    id=3,
    title="Ratios",
    type="article",
    topic="Ratios and ratio language",
    url="https://www.mathsisfun.com/numbers/ratio.html",
)


@pytest.mark.parametrize(
    ("why", "wrong"),
    [
        ("This video shows you how ratios compare two amounts.", "'video'"),  # format
        ("This article helps you divide fractions step by step.", "'fraction'"),  # topic
        ("This article from Khan Academy shows you how ratios work.", "'khan academy'"),  # source
        ("This page on Wikipedia gives you the idea of ratios.", "'wikipedia'"),
        ("This worksheet gives you ratio problems to try.", "'worksheet'"),
    ],
)
def test_a_rationale_that_misdescribes_its_resource_is_rejected(why: str, wrong: str) -> None:
    problems = check_rationale_grounded(why, RATIOS_PAGE)
    assert any(wrong in p.message for p in problems), problems


def test_a_rationale_naming_a_later_grades_topic_is_rejected() -> None:
    # Shares "hints" with its resource, so only the topic words can tell it is about
    # another resource (a swap the grade 3-8 topic words now catch).
    groups = ResourceFacts(
        id=4,
        title="Multiplication as equal groups practice with hints",
        type="exercise",
        topic="Multiplication as equal groups",
        url="https://example.org/groups",
    )
    why = "This activity lets you practise inferences from random samples with hints."
    problems = check_rationale_grounded(why, groups)
    for wrong in ("'inference'", "'sample'"):
        assert any(wrong in p.message for p in problems), problems
    own = "This exercise lets you practise multiplication as equal groups with hints."
    assert check_rationale_grounded(own, groups) == []


def test_rationales_true_to_their_own_resource_are_accepted() -> None:
    good = "This article from Math is Fun shows you how ratios compare two amounts."
    assert check_rationale_grounded(good, RATIOS_PAGE) == []
    for kind in ("video", "article", "lesson", "interactive", "practice", "worksheet", "game"):
        facts = ResourceFacts(9, "Rates", kind, "Unit rates", "https://phet.colorado.edu/x")
        pick = ResourcePick(
            resource_id=9, topic="6.RP.A.2", title="Rates", url="u", type=kind, reason="r"
        )
        text = fallback_rationale(pick, "Unit rates")
        assert check_rationale_grounded(text, facts) == [], text


def test_every_plain_rationale_is_true_to_its_resource_beside_any_other() -> None:
    # The sentence a student gets when no model writes one: over the whole demo catalog, each
    # resource's plain sentence passes the grounded checks beside every other resource (it
    # says nothing, such as "clear examples", that only a neighbour's record holds).
    import csv

    from edugen.demo import school

    with (school.DATA / "curriculum.csv").open(newline="", encoding="utf-8") as fh:
        titles = {r["code"]: r["title"] for r in csv.DictReader(fh)}
    with (school.DATA / "resources.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    catalog = [
        ResourceFacts(
            id=n,
            title=r["title"],
            type=r["type"],
            topic=titles.get(r["topics"].split(";")[0], r["topics"]),
            url=r["url"],
            description=r["description"],
        )
        for n, r in enumerate(rows, 1)
    ]
    assert len({f.type for f in catalog}) >= 5
    false = []
    for own in catalog:
        pick = ResourcePick(
            resource_id=own.id, topic="t", title=own.title, url=own.url, type=own.type, reason="r"
        )
        text = fallback_rationale(pick, own.topic)
        for other in catalog:
            false += [(text, str(p)) for p in check_rationale_grounded(text, own, [other])]
    assert false == []


EQUATIONS = ResourceFacts(
    id=37,
    title="Khan Academy: Equations & inequalities",
    type="practice",
    topic="Solving one-step equations",
    url="https://www.khanacademy.org/math/cc-sixth-grade-math/cc-6th-equations-and-inequalities",
    description="Test solutions, solve one-step equations and graph inequalities with guided "
    "practice.",
)
LAWS = ResourceFacts(
    id=71,
    title="Commutative, Associative and Distributive Laws",
    type="article",
    topic="Properties of operations",
    url="https://www.mathsisfun.com/associative-commutative-distributive.html",
    description="See with diagrams why you can swap, regroup and distribute numbers without "
    "changing the answer.",
)


def test_a_rationale_describing_a_neighbour_in_its_prompt_is_rejected() -> None:
    quoted = (
        "This activity shows you how to swap two numbers without changing the answer. "
        "Then you can regroup and distribute numbers without adding."
    )
    found = {p.message for p in check_rationale_grounded(quoted, EQUATIONS, (EQUATIONS, LAWS))}
    assert "names nothing of resource 37 (Khan Academy: Equations & inequalities)" in found
    assert any("'swap', which describes resource 71" in m for m in found), found
    # Even told of no neighbour, it names nothing of its own resource.
    assert check_rationale_grounded(quoted, EQUATIONS)


def test_a_rationale_with_vague_claims_and_nothing_of_its_resource_is_rejected() -> None:
    quoted = (
        "This article helps you with your homework. There are many other articles with the "
        "same point."
    )
    found = " ".join(p.message for p in check_rationale_grounded(quoted, LAWS, (EQUATIONS, LAWS)))
    for why in ("'homework'", "'many other'", "'same point'", "names nothing of resource 71"):
        assert why in found, found


def test_rationales_true_to_their_own_resource_beside_a_neighbour_are_accepted() -> None:
    both = (EQUATIONS, LAWS)
    good = "This practice has you solve one-step equations and check your solutions."
    assert check_rationale_grounded(good, EQUATIONS, both) == []
    good = "This article shows with diagrams why you can swap and regroup numbers."
    assert check_rationale_grounded(good, LAWS, both) == []


def test_the_rationale_check_in_the_prompt_knows_every_resource_of_the_prompt() -> None:
    quoted = (
        "This activity shows you how to swap two numbers without changing the answer. "
        "Then you can regroup and distribute numbers without adding."
    )
    good = "This article shows with diagrams why you can swap and regroup numbers."
    p = _personalizer(
        {"rationales": [{"resource_id": 37, "why": quoted}, {"resource_id": 71, "why": good}]}
    )
    ((whys, record),) = write_rationales(p, [(_learner(), "Equations", [EQUATIONS, LAWS], 1)])
    assert whys == {}
    assert any("rationales[0].why" in m and "resource 71" in m for m in record["problems"])


def test_each_resource_gets_its_own_facts_in_the_prompt_and_its_own_check() -> None:
    rates = ResourceFacts(
        8, "Unit rates video", "video", "Unit rates", "https://www.khanacademy.org/v"
    )
    prompts: list[str] = []
    p = _personalizer(
        {
            "rationales": [
                {"resource_id": 3, "why": "This page shows you how ratios compare two amounts."},
                {"resource_id": 8, "why": "This video shows you how ratios compare two amounts."},
            ]
        }
    )
    p.log = lambda entries: prompts.extend(e.prompt for e in entries)
    ((whys, record),) = write_rationales(p, [(_learner(), "Ratios", [RATIOS_PAGE, rates], 1)])
    (prompt,) = prompts
    assert "(article from mathsisfun.com) on Ratios and ratio language" in prompt
    assert "(video from khanacademy.org) on Unit rates" in prompt
    # Resource 8 is about unit rates, not ratios: the whole answer is retried, then falls back.
    assert whys == {} and any("rationales[1].why" in p for p in record["problems"])


# --- scenes ---------------------------------------------------------------------------

QUESTION = "A car travels 150 miles in 3 hours. How many miles does it travel per hour?"
EXAMPLE_TEMPLATE = (
    'Write one sentence, like {"scene": "At the chess club, we all sit down to play."}'
)


def scene(interest: str, *interests: str, example: str = EXAMPLE_TEMPLATE) -> SceneFacts:
    return SceneFacts(interest, (interest, *interests), QUESTION, example)


@pytest.mark.parametrize(
    ("text", "facts", "why"),
    [
        # The prompt's own example, word for word, and with the place changed.
        ("At the chess club, we all sit down to play.", scene("chess"), "copies"),
        ("At the car show, we all sit down to play.", scene("cars"), "copies"),
        # The interest dropped into "At the …," as written.
        ("At the cars, the drivers line up.", scene("cars", "space"), "does not open"),
        ("At the space, the rockets are ready.", scene("space", "cars"), "does not open"),
        # Chess for a student who never listed it.
        ("At the car show, the chess players race.", scene("cars", "space"), "'chess'"),
        # An activity that has nothing to do with the question.
        ("At the car show, we eat lunch together.", scene("cars"), "shares no word"),
    ],
)
def test_a_bad_scene_is_rejected(text: str, facts: SceneFacts, why: str) -> None:
    problems = check_scene(text, facts)
    assert any(why in p.message for p in problems), problems


INEQUALITY = "Which inequality says 'x is no less than 8'?"


@pytest.mark.parametrize(
    ("text", "interest", "why"),
    [
        # Accepted by the old checks on the built-in model (BENCHMARKS.md, issue #18).
        (
            "At the chess club, at the chess club, at the chess club, at the chess club, at a.",
            "chess",
            "repeats",
        ),
        (
            "At coding club, at a coding club, at a coding club, at a coding club, at a c..",
            "coding",
            "trails off",
        ),
        (
            "At the game club, at the game club, at the game club, at the game club, at the .",
            "video games",
            "stops on 'the'",
        ),
        ("At basketball practice, the answer is x is no less than .", "basketball", "gap"),
        ("At basketball practice, the answer is x is no less than .", "basketball", "talks"),
        (
            "In the garden, a math question about gardening, such as  x +  where x =  the.",
            "gardening",
            "gap",
        ),
        (
            "In the garden, a math question about gardening, such as  x +  where x =  the.",
            "gardening",
            "talks",
        ),
        ("At the computer lab, coding club, a question about .", "coding", "talks"),
        (
            "At the fashion show, the opposite of -  at the other end of the aisle was at the .",
            "fashion",
            "gap",
        ),
        (
            "At the chess club, a question about a quantity can be found in a mathematics.",
            "chess",
            "talks",
        ),
        ("At the game club, solving a math puzzle.", "video games", "shares no word"),
        (
            "At coding club, where the magic of programming lies in the realm of math.",
            "coding",
            "shares no word",
        ),
    ],
)
def test_scenes_the_built_in_model_wrote_that_are_unfit_are_rejected(
    text: str, interest: str, why: str
) -> None:
    # Each with a question that does have a context, so only the scene is at fault.
    question = f"{INEQUALITY} The club has at least 8 players at each table."
    problems = check_scene(text, SceneFacts(interest, (interest,), question, ""))
    assert any(why in p.message for p in problems), problems


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("At the chess club, the players sit at the.", "stops on 'the'"),
        ("At the chess club, the players sit at a table of.", "stops on 'of'"),
        ("At the chess club, the players sit at table b.", "stops on 'b'"),
        (
            "At the chess club, two players sit at a table and two players sit at the next.",
            "repeats",
        ),
        ("At the chess club,  players sit at each table.", "gap"),
        ("At the chess club, the players at each table =  the.", "gap"),
        ("At the chess club, the players solve a math problem at each table.", "talks"),
    ],
)
def test_cut_off_looping_gapped_or_meta_scenes_are_rejected(text: str, why: str) -> None:
    question = "Each table seats 2 players. How many players sit at 8 tables?"
    problems = check_scene(text, SceneFacts("chess", ("chess",), question, ""))
    assert any(why in p.message for p in problems), problems


def test_a_whole_scene_that_sets_up_its_question_is_accepted() -> None:
    question = "Each table seats 2 players. How many players sit at 8 tables?"
    facts = SceneFacts("chess", ("chess",), question, "")
    assert check_scene("At the chess club, the players pull up chairs at each table.", facts) == []
    facts = SceneFacts("cars", ("cars",), f"{INEQUALITY} travel", "")
    assert check_scene("At the car show, the drivers travel to the race.", facts) == []


def test_the_shipped_scene_template_example_is_not_copied() -> None:
    facts = scene("chess", example=load("question_scene").text + EXAMPLE_TEMPLATE)
    assert check_scene("At the chess club, we all sit down to play.", facts)


def test_scenes_that_set_up_the_question_at_the_interests_place_are_accepted() -> None:
    assert check_scene("At the car show, each driver counts the miles.", scene("cars")) == []
    facts = SceneFacts("space", ("space", "cars"), "How many stars are in 4 rows of 9?", "")
    assert check_scene("At the planetarium, we look at the stars.", facts) == []
    # A bare question has no context to set up: the place's own words are not enough.
    bare = SceneFacts("space", ("space",), "How far is it?", "")
    assert check_scene("At the planetarium, we look at the stars.", bare)
    unknown = SceneFacts("knitting", ("knitting",), "How many rows of yarn are left?", "")
    assert check_scene("In a story about knitting, the rows of yarn grow.", unknown) == []


def test_every_known_interest_opens_at_a_place_and_unknown_ones_read_as_written() -> None:
    assert openings("cars")[0] == "At the car show"
    assert openings("space")[0] == "At the planetarium"
    assert openings("Cars")[0] == "At the car show"
    assert openings("knitting") == ("In a story about knitting",)
    for interest in ("cars", "space", "robots", "horses", "animals", "dinosaurs", "anime"):
        assert f"at the {interest}" not in SETTINGS[interest].places, interest


def test_the_grammar_held_opening_is_the_mapped_place() -> None:
    student = StudentContext(pseudonym="S-7k2m9qxa", interests=["cars"])
    context = FramingContext(student=student, topic="Unit rates", question=QUESTION)
    pattern = scene_pattern(context)
    assert re.fullmatch(pattern, "At the car show, the drivers count the laps.")
    assert not re.fullmatch(pattern, "At the cars, the drivers count the laps.")
    schema = QuestionScene.json_schema_for(context)
    assert schema["properties"]["scene"]["pattern"] == pattern
    # Spaces and hyphens are left plain: llama.cpp's schema grammar refuses `\ ` and `\-`.
    assert "\\ " not in pattern and "\\-" not in pattern, pattern


def test_frame_questions_rejects_the_copied_example_and_keeps_a_good_scene() -> None:
    learner = _learner("cars", "space")
    q = Question(learner, "Unit rates", QUESTION, "50", "cars", "travel", seed=1)
    copied = {"scene": "At the car show, we all sit down to play."}
    (framed,) = frame_questions(_personalizer(copied), [q], framing="scene")
    # The shipped template has no example sentence; a copy of the old one still shares no
    # word with the question, so it is refused.
    assert framed.stem == QUESTION and framed.record["outcome"] == "fallback"
    good = {"scene": "At the car show, a driver counts the miles of each lap."}
    (framed,) = frame_questions(_personalizer(good), [q], framing="scene")
    assert framed.stem == f"{good['scene']} {QUESTION}"


# --- hints ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "hint",
    [
        "Think about what unit rates means, then write down the first step.",
        "Think about what what it means to solve an equation or inequality means, "
        "then write down the first step.",
        "Look at what what the question asks.",
        "2 = 2.",
        "First check that x = x.",
    ],
)
def test_generic_doubled_and_empty_hints_are_rejected(hint: str) -> None:
    assert check_hint_specific(hint)


def test_specific_hints_are_accepted_and_model_hints_are_checked() -> None:
    assert check_hint_specific("Divide the miles by the hours to find the miles in one hour.") == []
    assert check_hint_specific("First, write 3 = 3.0 as a check that the decimal is right.") == []
    q = Question(_learner(), "Unit rates", QUESTION, "50", None, None, seed=1)
    generic = {"hint": "Think about what unit rates means, then write down the first step."}
    ((hint, record),) = write_hints(_personalizer(generic), [q])
    assert hint is None and any("generic" in p for p in record["problems"])


# --- the class summary ------------------------------------------------------------------

STUCK = [f"S-stuck{n:03d}" for n in range(5)]


def _class_week() -> ClassWeek:
    return ClassWeek(
        class_id="demo-6a",
        title="Math 6A",
        week=WEEK,
        student_count=24,
        topics={"6.EE.B.8": 9, "6.RP.A.2": 15},
        stuck=[
            StuckStudent(
                student_id=code, name="n", topic="6.EE.B.8", prerequisite="6.EE.B.5", misses=2
            )
            for code in STUCK
        ],
    )


CLASS_TITLES = {
    "6.EE.B.8": "Writing and graphing simple inequalities",
    "6.EE.B.5": "What it means to solve an equation or inequality",
    "6.RP.A.2": "Unit rates",
}


def _class_facts() -> ClassFacts:
    plain = " ".join(fallback_class_note(_class_week(), CLASS_TITLES))
    return ClassFacts(
        topics=(*CLASS_TITLES.values(), plain), pseudonyms=tuple(STUCK), numbers=(24, 9, 15, 5)
    )


@pytest.mark.parametrize(
    ("sentence", "why"),
    [
        ("Discuss the importance of the concept of Zero and Non-Zero numbers.", "importance of"),
        ("Discuss the importance of the concept of Zero and Non-Zero numbers.", "'zero'"),
        ("Watch S-zzzz9999 on unit rates this week.", "S-zzzz9999"),
        ("Seven students need help with fractions this week.", "'fraction'"),
        ("Seven students need help with unit rates this week.", "'Seven'"),
        ("Check unit rates. Then go over inequalities.", "more than one sentence"),
        ("Have the class write a story about unit rates.", "'story'"),
    ],
)
def test_an_invented_class_sentence_is_rejected(sentence: str, why: str) -> None:
    problems = check_class_sentence(sentence, _class_facts())
    assert any(why in p.message for p in problems), problems


def test_the_class_note_stays_deterministic_with_at_most_one_checked_sentence() -> None:
    week = _class_week()
    plain = fallback_class_note(week, CLASS_TITLES)
    assert all(code in plain[0] for code in STUCK)
    args = {
        "rules": Rules(),
        "class_label": "Math 6A",
        "grade": "6",
        "week": WEEK,
        "student_count": 24,
        "topics": [("Writing and graphing simple inequalities", 9), ("Unit rates", 15)],
        "stuck": [(code, "Writing and graphing simple inequalities", None) for code in STUCK],
        "seed": 1,
        "plain": plain,
    }
    invented = {"sentence": "Discuss the importance of the concept of Zero and Non-Zero numbers."}
    note, record = write_class_note(_personalizer(invented), **args)  # type: ignore[arg-type]
    assert note is None and record["outcome"] == "fallback"
    good = {"sentence": f"Check in with {STUCK[0]} first on graphing simple inequalities."}
    note, _ = write_class_note(_personalizer(good), **args)  # type: ignore[arg-type]
    assert note == (f"{plain[0]} {good['sentence']}", plain[1])
    # Without the deterministic summary to add to, the model's sentence is not used.
    note, _ = write_class_note(_personalizer(good), **{**args, "plain": None})  # type: ignore[arg-type]
    assert note is None


def test_a_note_cut_off_or_naming_the_planners_words_is_rejected() -> None:
    # A built-in model's note that passed the earlier checks (demo week, 2026-12-04).
    quoted = (
        "This week you will be tasked to answer a series of math practice problems. We will "
        "be covering the topics you have been studying for this week. In this practice, we "
        "cover step-back; now you will be going to the next topic. Topic 1, Step-back, is a "
        "great way to get some practice in mathematics and logic. In this, I."
    )
    found = {p.message for p in check_note_whole(quoted)}
    assert any("cut off" in m for m in found), found
    assert any("planner's word" in m for m in found), found
    assert check_note_grounded(quoted, plan_facts(_plan(), TITLES))
    fine = "This week you practise ratios on Monday and Wednesday. Take your time on each one."
    assert check_note_whole(fine) == []
