"""Write edugen's tuning set: edugen/prompts/tuning/train.jsonl and heldout.jsonl.

Every example is made here from phrase banks written for this project and from edugen's own
verified content (item families' questions, the demo curriculum's topic titles, which were
written for edugen): nothing is copied from elsewhere. Each output says only what its prompt
shows (the student's interest and the question's own things; a resource's own title, type
and topic; the plan's topics, kinds, minutes and days; the class's topics, counts and stuck
students), and is kept only if it passes the checks the runtime applies, run through the
runtime's own personalize calls (edugen.workflows.evaluation.replay). Deterministic by seed.

Usage: .venv/bin/python scripts/make_tuning_set.py [--seed 19] [--train N] [--heldout N] [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, get_args

from edugen.content.cores import ItemCore
from edugen.content.families import all_families
from edugen.prompts import tuning
from edugen.prompts.contexts import (
    ClassNoteContext,
    ClassTopicContext,
    FramingContext,
    HintContext,
    PlanItem,
    PlanNoteContext,
    RationaleContext,
    ResourceCandidate,
    StuckStudentContext,
    StudentContext,
)
from edugen.prompts.personalize import Personalizer
from edugen.prompts.screening import line
from edugen.prompts.tuning import Example
from edugen.schemas import PickKind, PlanTask
from edugen.validators import extract_numbers
from edugen.validators.grounded import ResourceFacts
from edugen.validators.scenes import SETTINGS, openings
from edugen.workflows.evaluation import Answers, replay

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "edugen" / "prompts" / "tuning"
CURRICULUM = ROOT / "edugen" / "demo" / "data" / "curriculum.csv"
_DIGITS = re.compile(r"^-?\d[\d,./ ]*$")
PSEUDONYM_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"

# --- students -----------------------------------------------------------------------------

# Interests: every one the scene places know, and some they do not ("in a story about …").
INTERESTS = sorted(SETTINGS) + [
    "trains",
    "origami",
    "volcanoes",
    "skiing",
    "board games",
    "birds",
    "bikes",
    "the ocean",
    "puzzles",
    "rock climbing",
]
ACCOMMODATIONS: list[list[str]] = [
    [],
    [],
    [],
    ["simplified_language"],
    ["read_aloud"],
    ["extended_time"],
    ["simplified_language", "read_aloud"],
    ["large_print"],
    ["reduced_items", "extended_time"],
    ["calculator"],
]


def pseudonym(rng: random.Random) -> str:
    return "S-" + "".join(rng.choice(PSEUDONYM_ALPHABET) for _ in range(8))


def student(rng: random.Random, grade: int) -> StudentContext:
    """A made-up student of `grade`: a reading level near it, one to three interests."""
    level = round(max(1.5, min(12.0, grade + rng.uniform(-2.0, 1.5))), 1)
    return StudentContext(
        pseudonym=pseudonym(rng),
        grade=str(grade),
        reading_level=level if rng.random() > 0.08 else None,
        interests=rng.sample(INTERESTS, rng.choice([1, 2, 2, 3])),
        accommodations=list(rng.choice(ACCOMMODATIONS)),
    )


def titles() -> dict[str, tuple[int, str]]:
    """Topic code → (grade, title), from the demo curriculum (titles written for edugen)."""
    with CURRICULUM.open(encoding="utf-8") as handle:
        return {r["code"]: (int(r["grade"]), r["title"]) for r in csv.DictReader(handle)}


def lower_first(text: str) -> str:
    """ "Unit rates" → "unit rates", "A fraction" → "a fraction"; an acronym keeps its capitals."""
    first = text.split(" ", 1)[0]
    if first == "A" or (len(first) > 1 and first[1:].islower()):
        return text[0].lower() + text[1:]
    return text


# --- questions (scenes and hints) ----------------------------------------------------------

# Concrete things verified questions and their settings mention, by what can be done with
# them: a scene names one, so it is about the question's own world.
_THINGS = {
    "hand": """stickers eggs tiles ribbon ribbons shells beads cards tickets boxes crates bins
        packs bags jars pencils crayons straws sticks rope string frames quilt poster posters
        tray trays kite ladder coins dimes pennies candle phone spinner spinners cubes blocks
        paper strips jacket buckets bucket baskets stamps shirts socks cups bowls cans marbles
        plates plate balls chairs seats coupons bottles bottle jugs planter map maps blueprint
        thermometer clock wheel wheels flag napkin rugs rug""",
    "food": """pizza pizzas pies pie cake cakes bars sandwich sandwiches muffins cookies brownies
        apples plums pears fruit fruits flour rice sugar bread pancakes beans carrots cheese
        chocolate lunch""",
    "liquid": "milk juice water lemonade soup drinks",
    "place": """garden gardens floor walls wall room rooms path paths road roads pond trees plants
        flowers fences fence bridge roof tent barn town towns trail shelves shelf tables
        benches desks windows doors""",
    "idea": """prices price scores score votes survey points savings account bills temperature
        laps goals""",
}
THINGS = {w: kind for kind, spec in _THINGS.items() for w in spec.split()}
VERBS = {
    "hand": ("sets out", "sorts", "brings", "shares", "gets out", "lines up", "checks",
             "looks over", "hands out"),
    "food": ("brings", "shares", "sets out", "hands out", "gets out", "cuts up"),
    "liquid": ("pours", "brings", "shares", "checks", "carries"),
    "place": ("talks about", "tells you about", "draws a plan of", "shows you a picture of"),
    "idea": ("talks about", "checks", "looks over", "thinks about", "writes down"),
}  # fmt: skip
VERBS_WITH_YOU = {
    "hand": ("look at", "sort", "check", "set out", "share"),
    "food": ("share", "set out", "hand out"),
    "liquid": ("pour", "share", "carry"),
    "place": ("talk about", "draw a plan of", "look at a picture of"),
    "idea": ("talk about", "check", "look over"),
}
# Who is there and when, for each interest with a place (scenes.SETTINGS); others get FRIENDS.
PEOPLE: dict[str, tuple[str, ...]] = {
    "chess": ("the club leader", "your chess partner", "the coach"),
    "cars": ("the driver", "the pit crew", "the show guide"),
    "space": ("the guide", "your camp leader", "the crew"),
    "soccer": ("the coach", "the captain", "your teammate"),
    "football": ("the coach", "the captain", "your teammate"),
    "basketball": ("the coach", "the captain", "your teammate"),
    "baseball": ("the coach", "the pitcher", "your teammate"),
    "cricket": ("the coach", "the captain", "your teammate"),
    "swimming": ("the coach", "the lifeguard", "your lane partner"),
    "skateboarding": ("your friend", "the park helper", "an older skater"),
    "dance": ("the teacher", "your partner", "the stage helper"),
    "music": ("the band leader", "the drummer", "your friend"),
    "reading": ("the librarian", "your friend", "a helper"),
    "books": ("the librarian", "your friend", "a helper"),
    "drawing": ("the teacher", "your friend", "a helper"),
    "art": ("the teacher", "your friend", "the guide"),
    "video games": ("your friend", "the club leader", "a helper"),
    "minecraft": ("your friend", "the club leader", "a builder"),
    "coding": ("the club leader", "your friend", "a helper"),
    "robots": ("the club leader", "your teammate", "a helper"),
    "horses": ("the stable hand", "your riding teacher", "a rider"),
    "animals": ("the keeper", "a helper", "your friend"),
    "dogs": ("the dog walker", "your friend", "a helper"),
    "cats": ("the shelter helper", "your friend", "a helper"),
    "dinosaurs": ("the guide", "your friend", "a helper"),
    "gardening": ("the gardener", "your friend", "a helper"),
    "baking": ("the baker", "your friend", "a helper"),
    "cooking": ("the chef", "your friend", "a helper"),
    "anime": ("the club leader", "your friend", "a fan"),
    "fashion": ("the designer", "a helper", "your friend"),
    "camping": ("the camp leader", "your friend", "a helper"),
    "movies": ("your friend", "the usher", "a helper"),
    "science": ("the teacher", "your lab partner", "a helper"),
    "photography": ("the club leader", "your friend", "a helper"),
}
FRIENDS = ("your friend", "a helper", "your classmate")
# Where or when it happens: the interest's own world (scenes.SETTINGS lists its words).
WHEN: dict[str, tuple[str, ...]] = {
    "chess": (" before the match", " between games", " next to the boards", ""),
    "cars": (" before the race", " by the track", " next to the engines", ""),
    "space": (" before the show", " under the stars", " by the telescope", ""),
    "soccer": (" before the game", " by the goal", " on the field", ""),
    "football": (" before the game", " on the field", " after the warm up", ""),
    "basketball": (" before the game", " on the court", " by the hoop", ""),
    "baseball": (" before the game", " between innings", " by the bases", ""),
    "cricket": (" before the match", " at the break", " by the wickets", ""),
    "swimming": (" before the race", " by the pool", " next to the lanes", ""),
    "skateboarding": (" by the ramp", " after a few tricks", ""),
    "dance": (" before the show", " after class", " on the stage", ""),
    "music": (" before the show", " after the last song", " on the stage", ""),
    "reading": (" by the shelves", " at the front desk", ""),
    "books": (" by the shelves", " at the front desk", ""),
    "drawing": (" by the pencils", " next to the pictures", ""),
    "art": (" next to the paintings", " after class", ""),
    "video games": (" between levels", " by the screen", ""),
    "minecraft": (" next to the blocks", " after a long build", ""),
    "coding": (" by the computers", " after club", ""),
    "robots": (" next to the motors", " after the build", ""),
    "horses": (" by the stable", " after the ride", ""),
    "animals": (" before feeding time", " by the gate", ""),
    "dogs": (" after a walk", " by the gate", ""),
    "cats": (" after feeding time", " by the toys", ""),
    "dinosaurs": (" by the bones", " next to the exhibit", ""),
    "gardening": (" by the flowers", " between the rows", ""),
    "baking": (" by the oven", " while the bread bakes", ""),
    "cooking": (" by the stove", " before the meal", ""),
    "anime": (" between episodes", " after the show", ""),
    "fashion": (" before the show", " by the stage", ""),
    "camping": (" before the hike", " by the fire", " next to the tents", ""),
    "movies": (" before the film starts", " by the seats", ""),
    "science": (" by the lab bench", " after the test", ""),
    "photography": (" by the camera", " after the walk", ""),
}


def scene_variants(rng: random.Random, theme: str | None, thing: str) -> list[str]:
    """Ways the rest of a scene (after "At the place, ") can go, in a shuffled order."""
    key = theme if theme in PEOPLE else None
    people = PEOPLE.get(key or "", FRIENDS)
    when = WHEN.get(key or "", ("", " today", " this morning"))
    kind = THINGS[thing]
    out = []
    for who in people:
        for verb in VERBS[kind]:
            out.append(f"{who} {verb} the {thing}{rng.choice(when)}.")
    for verb in VERBS_WITH_YOU[kind]:
        out.append(f"you and {rng.choice(people)} {verb} the {thing}.")
    rng.shuffle(out)
    return out


def question_context(
    st: StudentContext, topic: str, core: ItemCore, interest: str | None
) -> FramingContext:
    """The scene's prompt context as personalize.frame_questions builds it."""
    theme = interest or (st.interests[0] if st.interests else None)
    return FramingContext(
        student=st,
        topic=line(topic),
        question=core.question,
        numbers=[raw for _, raw in extract_numbers(core.question) if _DIGITS.match(raw)][:20],
        interest=line(interest, 40) if interest else None,
        setting=line(core.context_hint),
        place=openings(theme)[0] if theme else None,
    )


def things_in(core: ItemCore) -> list[str]:
    seen = re.findall(r"[a-z]+", core.question.lower())
    found = [w for w in dict.fromkeys(seen) if w in THINGS]
    if found:
        return found
    return [
        w for w in dict.fromkeys(re.findall(r"[a-z]+", core.context_hint.lower())) if w in THINGS
    ]


def cores(rng: random.Random, codes: dict[str, tuple[int, str]], base: int, n: int) -> list[Any]:
    """`n` verified cores from families across grades 3-8, with seeds from `base` on."""
    families = [f for f in all_families() if f.topic in codes]
    out = []
    for i in range(n):
        family = rng.choice(families)
        try:
            core = family.generate(rng.randint(1, 5), base + i)
        except Exception:  # a family refuses some tier and seed pairs
            continue
        out.append(core)
    return out


def scene_examples(rng: random.Random, split: str, n: int, base: int) -> list[Example]:
    codes = titles()
    wanted: list[tuple[Example, list[str]]] = []
    for k, core in enumerate(cores(rng, codes, base, n * 3)):
        grade, title = codes[core.topic]
        st = student(rng, grade)
        interest = st.interests[k % len(st.interests)] if st.interests else None
        context = question_context(st, title, core, interest)
        things = things_in(core)
        if not things:
            continue
        thing = rng.choice(things)
        variants = scene_variants(rng, interest, thing)
        place = context.place or "In a story"
        if "simplified_language" in st.accommodations:
            variants.sort(key=len)
        outs = [json.dumps({"scene": f"{place}, {rest}"}) for rest in variants]
        example = Example(
            id="",
            job="scene",
            context=context,
            facts={"answer": core.answer, "options": core.options},
            seed=rng.randrange(2**31),
            output=outs[0],
        )
        wanted.append((example, outs))
        if len(wanted) >= n * 2:
            break
    return keep(wanted, split, n)


# Hints: the start of the family's own strategy (written for edugen), said as a first step.
# A strategy opens with a verb ("Find …") unless it opens with one of these.
NOT_VERBS = set(
    "The A Each Volume Area Dividing Circumference With Times Equal Packing Reflecting Right "
    "Left Terms Subtracting An In If When For".split()
)


GERUNDS = {
    "Count": "counting", "Find": "finding", "Compare": "comparing", "Use": "using",
    "Write": "writing", "Divide": "dividing", "Multiply": "multiplying", "Look": "looking",
    "Decide": "deciding", "Check": "checking", "Name": "naming", "Place": "placing",
    "Draw": "drawing", "Order": "ordering", "Replace": "replacing", "Add": "adding",
    "Subtract": "subtracting", "Round": "rounding", "Picture": "picturing",
    "Follow": "following", "Ask": "asking", "Work": "working", "Split": "splitting",
    "Read": "reading", "Mark": "marking", "Break": "breaking", "Put": "putting",
    "Match": "matching", "List": "listing", "Take": "taking", "Turn": "turning",
    "Group": "grouping", "Move": "moving", "Make": "making", "Measure": "measuring",
    "Sort": "sorting", "Rename": "renaming", "Estimate": "estimating", "Plot": "plotting",
    "Solve": "solving", "Test": "testing", "Imagine": "imagining", "See": "seeing",
}  # fmt: skip


def hint_variants(rng: random.Random, strategy: str) -> list[str]:
    """The strategy, then its first part, as a first step: "First count …", "Start by
    counting …", or "First note that …" where it does not open with a verb."""
    parts = [strategy]
    parts.append(re.split(r"(?<=[.;:])\s+", strategy)[0].rstrip(";:,.") + ".")
    parts.append(re.split(r",\s*then\s+|;\s*", strategy)[0].rstrip(".,") + ".")
    out = []
    for part in dict.fromkeys(parts):
        verb = part.split(" ", 1)[0].rstrip(",")
        # "Start by listing or count …" would not read: only one verb turns into "-ing".
        second = re.search(r"\b(?:or|and) (\w+)", part)
        one_verb = not (second and second[1].capitalize() in GERUNDS)
        if verb in GERUNDS and one_verb and rng.random() < 0.5:
            rest = re.sub(r" first(?=[.,;:])", "", part[len(verb) :], count=1)
            out.append(f"Start by {GERUNDS[verb]}{rest}")
        elif verb not in NOT_VERBS:
            out.append("First " + part[0].lower() + part[1:])
        else:
            out.append("First note that " + lower_first(part))
    return [h for h in out if 12 <= len(h) <= 150]


def hint_examples(rng: random.Random, split: str, n: int, base: int) -> list[Example]:
    codes = titles()
    by_name = {f.name: f for f in all_families()}
    wanted: list[tuple[Example, list[str]]] = []
    for core in cores(rng, codes, base, n * 3):
        grade, title = codes[core.topic]
        st = student(rng, grade)
        context = HintContext(student=st, topic=line(title), question=core.question)
        outs = [json.dumps({"hint": h}) for h in hint_variants(rng, by_name[core.family].strategy)]
        if not outs:
            continue
        example = Example(
            id="",
            job="hint",
            context=context,
            facts={"answer": core.answer, "options": core.options},
            seed=rng.randrange(2**31),
            output=outs[0],
        )
        wanted.append((example, outs))
        if len(wanted) >= n * 2:
            break
    return keep(wanted, split, n)


# --- resources ----------------------------------------------------------------------------

# Resource types, the word a rationale opens with for each, and the sites they come from.
TYPES = {
    "video": ("video",),
    "lesson": ("lesson", "page"),
    "article": ("article", "page"),
    "exercise": ("activity", "resource"),
    "worksheet": ("worksheet",),
    "game": ("game",),
    "interactive": ("activity", "tool"),
    "tool": ("tool",),
}
SITES = (
    "khanacademy.org",
    "mathsisfun.com",
    "openstax.org",
    "desmos.com",
    "geogebra.org",
    "corbettmaths.com",
    "ck12.org",
    "nrich.maths.org",
    "mathlearningcenter.org",
    "",
)
# How a resource takes a topic on: (title tail, what the rationale says it lets you do).
ANGLES: dict[str, tuple[tuple[str, str], ...]] = {
    "video": (
        ("explained", "shows you {topic}, explained"),
        ("worked examples", "shows you worked examples of {topic}"),
        ("in five minutes", "shows you {topic} in a short clip"),
        ("with pictures", "shows you {topic} with pictures"),
    ),
    "lesson": (
        ("a short lesson", "helps you learn {topic} in a short lesson"),
        ("with examples", "gives you examples of {topic}"),
        ("step by step", "shows you {topic} step by step"),
    ),
    "article": (
        ("what it means", "shows you what {topic} means"),
        ("with examples", "gives you examples of {topic}"),
    ),
    "exercise": (
        ("practice set", "lets you practise {topic}"),
        ("quick practice", "gives you quick practice with {topic}"),
        ("practice with hints", "lets you practise {topic} with hints"),
    ),
    "worksheet": (
        ("worksheet", "gives you {topic} to practise on paper"),
        ("practice sheet", "lets you practise {topic} on paper"),
    ),
    "game": (
        ("game", "lets you practise {topic} as a game"),
        ("challenge", "lets you play a {topic} challenge"),
    ),
    "interactive": (
        ("interactive", "lets you try {topic} by moving things on screen"),
        ("explorer", "lets you explore {topic} yourself"),
    ),
    "tool": (
        ("tool", "lets you try out {topic} with a tool"),
        ("builder", "lets you build and check {topic}"),
    ),
}
DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "video": ("A short video that works through examples.", "Watch a worked example."),
    "lesson": ("Read the idea, then try the examples.", "A lesson with worked examples."),
    "article": ("A page that explains the idea with pictures.", "Read a short explanation."),
    "exercise": ("Short practice problems with instant feedback.", "Practice with hints."),
    "worksheet": ("A printable page of practice problems.", "Practice on paper."),
    "game": ("Play rounds and answer as you go.", "A game with quick rounds."),
    "interactive": ("Drag and move things to see how it works.", "Try it on screen."),
    "tool": ("Build your own examples and check them.", "An online tool."),
}


def resource(rng: random.Random, rid: int, topic: str) -> tuple[ResourceCandidate, str, str]:
    """A made-up catalog resource on `topic`: the candidate, its address, its angle's say."""
    kind = rng.choice(sorted(TYPES))
    tail, say = rng.choice(ANGLES[kind])
    site = rng.choice(SITES)
    title = f"{topic}: {tail}" if rng.random() < 0.6 else f"{topic} {tail}"
    description = rng.choice(DESCRIPTIONS[kind]) if rng.random() < 0.6 else None
    url = (
        f"https://www.{site}/{re.sub(r'[^a-z0-9]+', '-', title.lower()).strip('-')}" if site else ""
    )
    candidate = ResourceCandidate(
        id=rid,
        title=line(title),
        type=kind,
        description=line(description) if description else None,
        topic=line(topic),
        source=ResourceFacts(rid, title, kind, topic, url).source or None,
    )
    return candidate, url, say


def rationale_examples(rng: random.Random, split: str, n: int, base: int) -> list[Example]:
    codes = titles()
    topics = [(g, t) for g, t in codes.values() if 3 <= g <= 8]
    wanted: list[tuple[Example, list[str]]] = []
    for _ in range(n * 2):
        grade, topic = rng.choice(topics)
        st = student(rng, grade)
        count = rng.choice([1, 2, 2, 3, 3])
        ids = rng.sample(range(1, 400), count)
        made = [resource(rng, rid, topic) for rid in ids]
        context = RationaleContext(student=st, topic=line(topic), resources=[c for c, _, _ in made])
        # Per resource, its sayings from richest to plainest; the output takes one of each.
        per = []
        for c, _, say in made:
            words = TYPES[c.type]
            topic_lc = lower_first(topic)
            rests = [say.format(topic=topic_lc)]
            rests.append(f"helps you with {topic_lc}")
            opts = [f"This {w} {r}." for r in rests for w in words]
            per.append(opts)
        outs = []
        for choice in range(max(len(p) for p in per)):
            outs.append(
                json.dumps(
                    {
                        "rationales": [
                            {"resource_id": c.id, "why": p[min(choice, len(p) - 1)]}
                            for (c, _, _), p in zip(made, per, strict=True)
                        ]
                    }
                )
            )
        example = Example(
            id="",
            job="rationale",
            context=context,
            facts={"urls": {str(c.id): url for c, url, _ in made}},
            seed=rng.randrange(2**31),
            output=outs[0],
        )
        wanted.append((example, outs))
    return keep(wanted, split, n)


# --- plans --------------------------------------------------------------------------------

# What changed since last week, in the plan's own words (content/plans/changes.py).
CHANGES = (
    "mastered: predicted P(correct) is now 0.91",
    "not in this week's plan: other topics came first",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
# The planner's names for a spaced-review pick and task, whatever this release calls them.
REVIEW = next(k for k in get_args(PickKind) if "review" in k)
REVIEW_TASK = next(k for k in get_args(PlanTask.model_fields["kind"].annotation) if "review" in k)
KIND_REASONS = {
    "new": ("new: prerequisites mastered ({pre})", "new: no prerequisites"),
    "continue": (
        "continue: {answers} answers so far, predicted P(correct) 0.{p} (mastered at 0.85)",
    ),
    REVIEW: (REVIEW + ": last practised {days} days ago, predicted recall 0.{r}",),
    "step back": (
        "step back: {misses} misses in a row on {code}; prerequisite {pre} is not yet mastered",
    ),
    "stretch": ("stretch: prerequisites nearly mastered ({pre} at 0.{p})",),
    "assigned": ("assigned by the teacher",),
}
# What a note says of each kind of pick ({t}: the topic as the prompt shows it).
KIND_SAYS = {
    "new": ("you start {t}", "{t} is new for you", "you begin {t}"),
    "continue": ("you keep going with {t}", "you carry on with {t}", "you go on with {t}"),
    REVIEW: ("you review {t}", "you look back at {t} to keep it fresh"),
    "step back": ("you go back over {t}", "you spend time on {t} again"),
    "stretch": ("you try {t} as a challenge", "you take on {t} as an extra challenge"),
    "assigned": ("your teacher asked you to work on {t}", "you work on {t} for your teacher"),
}


def plan_examples(rng: random.Random, split: str, n: int, base: int) -> list[Example]:
    codes = titles()
    by_grade: dict[int, list[tuple[str, str]]] = {}
    for code, (g, t) in codes.items():
        by_grade.setdefault(g, []).append((code, t))
    wanted: list[tuple[Example, list[str]]] = []
    for _ in range(n * 2):
        grade = rng.randint(3, 8)
        st = student(rng, grade)
        count = rng.choice([1, 2, 2, 3, 3, 4])
        pool = by_grade[grade] + by_grade.get(grade - 1, [])
        chosen = rng.sample(pool, count)
        kinds = [rng.choice(["new", "new", "continue", "continue", REVIEW, "step back",
                             "stretch", "assigned"]) for _ in chosen]  # fmt: skip
        items = []
        for (code, title), kind in zip(chosen, kinds, strict=True):
            reason = rng.choice(KIND_REASONS[kind]).format(
                pre=rng.choice(pool)[0],
                code=code,
                answers=rng.randint(2, 14),
                p=rng.randint(30, 80),
                r=rng.randint(60, 89),
                days=rng.randint(8, 40),
                misses=rng.randint(2, 3),
            )
            items.append(PlanItem(topic=line(title), kind=kind, reason=line(reason)))
        minutes = rng.choice([10, 15, 15, 20, 20, 20, 25, 30, 30, 40])
        ndays = rng.choice([5, 5, 4, 3])
        days = list(WEEKDAYS[:ndays]) if ndays != 3 else ["Monday", "Wednesday", "Friday"]
        changes = []
        if rng.random() < 0.4:
            changes.append(rng.choice(CHANGES))
        context = PlanNoteContext(
            student=st,
            week=f"2026-W{rng.randint(2, 50):02d}",
            minutes_per_day=minutes,
            items=items,
            changes=changes,
            days=days,
        )
        task_minutes = sorted({rng.choice([5, 6, 8, 10]) for _ in items})
        questions = sorted({rng.randint(3, 8) for _ in items})
        has_resource = rng.random() < 0.7
        resource_type = rng.choice(["video", "lesson", "exercise", "game"])
        facts = {
            "topics": [i.topic for i in items]
            + [i.reason for i in items]
            + [f"Practice: {i.topic}" for i in items]
            + changes
            + ([f"{items[0].topic}: {resource_type}"] if has_resource else []),
            "kinds": sorted(
                {"practice"}
                | ({REVIEW_TASK} if REVIEW in kinds else set())
                | ({"resource", resource_type} if has_resource else set())
            ),
            "days": days,
            "numbers": sorted({minutes, len(days), *task_minutes, *questions}),
        }
        outs = [json.dumps({"summary": s}) for s in note_variants(rng, context, st)]
        example = Example(
            id="", job="plan_note", context=context, facts=facts,
            seed=rng.randrange(2**31), output=outs[0],
        )  # fmt: skip
        wanted.append((example, outs))
    return keep(wanted, split, n)


def say_days(days: Sequence[str]) -> str:
    if list(days) == list(WEEKDAYS):
        return "Monday to Friday"
    return ", ".join(days[:-1]) + " and " + days[-1]


# A last friendly sentence, or none.
CLOSERS = ("Keep it up!", "Have a good week!", "Go step by step.", "You can do this!", "", "")


def note_variants(rng: random.Random, c: PlanNoteContext, st: StudentContext) -> list[str]:
    """Notes from fullest to plainest: every pick, then fewer, in short sentences."""
    says = [rng.choice(KIND_SAYS[i.kind]).format(t=lower_first(i.topic)) for i in c.items]
    when = f"{c.minutes_per_day} minutes a day"
    if c.days:
        when += f", {say_days(c.days)}"
    out = []
    # All picks in sentences of their own.
    first, *rest = says
    sentences = [f"This week you work for {when}.", _cap(first) + "."]
    sentences += [_cap(s) + "." for s in rest]
    out.append(" ".join(sentences))
    if len(says) > 1:
        # A pick said as "you …" opens the sentence ("This week you start …").
        ordered = sorted(says, key=lambda s: not s.startswith("you "))
        joined = ", ".join(ordered[:-1]) + " and " + ordered[-1]
        out.append(f"This week {joined}. You work for {when}.")
    out.append(f"This week {says[0]}. You work for {c.minutes_per_day} minutes a day.")
    out.append(f"This week {says[0]}, {c.minutes_per_day} minutes a day.")
    closer = rng.choice(CLOSERS)
    if closer:
        out = [v for note in out for v in (f"{note} {closer}", note)]
    if "simplified_language" in st.accommodations:
        out.sort(key=len)
    # The opening must read "This week you …": a note that opens on a topic is left out.
    return [note for note in out if note.startswith("This week you ")]


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


# --- classes ------------------------------------------------------------------------------

LABELS = ("Math {g}A", "Math {g}B", "Grade {g} Math", "{g}C Maths", "Room {r} Math", "Math {g}")


def class_examples(rng: random.Random, split: str, n: int, base: int) -> list[Example]:
    codes = titles()
    by_grade: dict[int, list[str]] = {}
    for g, t in codes.values():
        by_grade.setdefault(g, []).append(t)
    wanted: list[tuple[Example, list[str]]] = []
    for _ in range(n * 2):
        grade = rng.randint(3, 8)
        size = rng.randint(12, 32)
        names = rng.sample(by_grade[grade], rng.randint(2, 6))
        counts = sorted((rng.randint(1, max(2, size // 2)) for _ in names), reverse=True)
        topics = [
            ClassTopicContext(topic=line(t), students=k) for t, k in zip(names, counts, strict=True)
        ]
        stuck = []
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
            t = rng.choice(names)
            pre = rng.choice(by_grade.get(grade - 1, by_grade[grade]))
            stuck.append(
                StuckStudentContext(pseudonym=pseudonym(rng), topic=line(t), prerequisite=line(pre))
            )
        label = rng.choice(LABELS).format(g=grade, r=rng.randint(101, 340))
        context = ClassNoteContext(
            class_label=line(label),
            grade=str(grade) if rng.random() < 0.8 else None,
            student_count=size,
            week=f"2026-W{rng.randint(2, 50):02d}",
            topics=topics,
            stuck=stuck,
        )
        plain = plain_class_note(context)
        outs = [json.dumps({"sentence": s}) for s in class_variants(rng, context)]
        example = Example(
            id="", job="class_summary", context=context, facts={"plain": list(plain)},
            seed=rng.randrange(2**31), output=outs[0],
        )  # fmt: skip
        wanted.append((example, outs))
    return keep(wanted, split, n)


def plain_class_note(c: ClassNoteContext) -> tuple[str, str]:
    """The deterministic summary the runtime adds the sentence to (class_week's form)."""
    busiest = c.topics[:3]
    summary = [
        f"{c.student_count} students this week; most work on "
        + ", ".join(f"{t.topic} ({t.students})" for t in busiest)
        + "."
    ]
    if c.stuck:
        summary.append(
            f"{len(c.stuck)} student{'s' if len(c.stuck) != 1 else ''} stuck: "
            + "; ".join(f"{s.pseudonym} on {s.topic} (needs {s.prerequisite})" for s in c.stuck)
            + "."
        )
    else:
        summary.append("Nobody is stuck.")
    steps = "Check in with the students who are stuck." if c.stuck else "Nothing to follow up."
    return " ".join(summary), steps


def class_variants(rng: random.Random, c: ClassNoteContext) -> list[str]:
    top = c.topics[0]
    t = lower_first(top.topic)
    out = []
    if len(c.stuck) == 1:
        s = c.stuck[0]
        pre = lower_first(s.prerequisite or "")
        out += [
            f"Watch {s.pseudonym} on {lower_first(s.topic)}, who goes back to {pre} this week.",
            f"Check in with {s.pseudonym}, who is stuck on {lower_first(s.topic)} "
            f"and back on {pre}.",
            f"Keep an eye on {s.pseudonym} while {top.students} students work on {t}.",
        ]
    elif c.stuck:
        codes = ", ".join(s.pseudonym for s in c.stuck[:-1]) + " and " + c.stuck[-1].pseudonym
        out += [
            f"Check in with {codes}, who are stuck this week, while {top.students} students "
            f"work on {t}.",
            f"Watch {codes} this week; each is back on an earlier topic.",
            f"With {top.students} students on {t}, make time for {codes}, who are stuck.",
        ]
    out += [
        f"With {top.students} of {c.student_count} students on {t}, "
        "watch how that topic goes this week.",
    ]
    if 2 * top.students > c.student_count:
        out.append(f"Most of the class works on {t} this week, so watch that topic closely.")
    if len(c.topics) > 1:
        second = c.topics[1]
        out.append(
            f"Watch {t} with {top.students} students and {lower_first(second.topic)} "
            f"with {second.students}."
        )
    if not c.stuck:
        out.append(f"Nobody is stuck, so watch how the {top.students} students on {t} do.")
    head, tail = out[:2], out[2:]
    rng.shuffle(tail)
    return head + tail if rng.random() < 0.5 else tail + head


# --- keeping what passes --------------------------------------------------------------------


def keep(wanted: list[tuple[Example, list[str]]], split: str, n: int) -> list[Example]:
    """Each context with its first output that passes the runtime's checks (tried in
    order, one round per variant), at most `n` of them, in order."""
    chosen: dict[int, Example] = {}
    todo = list(range(len(wanted)))
    round_ = 0
    while todo:
        trial = [
            Example(**{**_fields(wanted[i][0]), "output": wanted[i][1][round_]})
            for i in todo
            if round_ < len(wanted[i][1])
        ]
        index = [i for i in todo if round_ < len(wanted[i][1])]
        if not trial:
            break
        p = Personalizer(Answers(trial), None, attempts=1, text_attempts=1)
        for i, example, done in zip(index, trial, replay(p, trial), strict=True):
            if done.accepted:
                chosen[i] = example
        todo = [i for i in index if i not in chosen]
        round_ += 1
    out = [chosen[i] for i in sorted(chosen)][:n]
    return out


def _fields(e: Example) -> dict[str, Any]:
    return {
        "id": e.id,
        "job": e.job,
        "context": e.context,
        "facts": e.facts,
        "seed": e.seed,
        "output": e.output,
    }


MAKERS: dict[str, Callable[[random.Random, str, int, int], list[Example]]] = {
    "scene": scene_examples,
    "rationale": rationale_examples,
    "plan_note": plan_examples,
    "class_summary": class_examples,
    "hint": hint_examples,
}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--train", type=int, default=300, help="Examples per job to train on.")
    parser.add_argument("--heldout", type=int, default=40, help="Held-out prompts per job.")
    parser.add_argument("--out", type=Path, default=OUT, help="Folder to write the files to.")
    args = parser.parse_args(argv)
    splits = {"train": (args.train, 0), "heldout": (args.heldout, 500_000)}
    seen: set[str] = set()
    for split, (n, base) in splits.items():
        records = []
        for job, make in MAKERS.items():
            rng = random.Random(f"{args.seed}:{split}:{job}")
            made = [e for e in make(rng, split, n * 2, base) if _fresh(e, seen)][:n]
            for k, e in enumerate(made, start=1):
                records.append(
                    tuning.to_record(Example(**{**_fields(e), "id": f"{split}-{job}-{k:04d}"}))
                )
            print(f"{split} {job}: {len(made)}")
        path = args.out / f"{split}.jsonl"
        path.write_text(
            "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records),
            encoding="utf-8",
        )


def _fresh(e: Example, seen: set[str]) -> bool:
    """Not a prompt already in either set (the held-out prompts stay unseen in training)."""
    key = e.prompt.text()
    if key in seen:
        return False
    seen.add(key)
    return True


if __name__ == "__main__":
    main()
