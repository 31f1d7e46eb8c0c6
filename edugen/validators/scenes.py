"""A scene opens at a real place for the student's interest, copies no example, brings in no
one else's interest, and sets up its own question.

`SETTINGS` maps common interests to the places a sentence can open at ("cars" → "at the car
show"); any other interest reads "in a story about <interest>", so no scene says "At the
cars,". Each entry also lists the words that mark the interest (no other student's interest
may appear) and the words of its world.

A scene is also whole and sets up its question: no phrase said twice, no sentence stopping
on "a", "the", "of" or a cut-off word, no gap where a number was dropped, no talk about the
question ("the answer", "a math puzzle"), and at least one content word of the question's own
context or setting (maths in general does not count; nothing at all fits a bare question).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from edugen.validators.problem import Problem
from edugen.validators.text import stems
from edugen.validators.vocabulary import (
    ACTIVITY_LICENCES,
    DANGLING,
    GENERIC,
    TOPIC_FORMS,
    words,
)


@dataclass(frozen=True)
class Setting:
    places: tuple[str, ...]  # sentence openings, lowercase first letter; the first is preferred
    names: tuple[str, ...]  # words that mark this interest
    world: tuple[str, ...]  # what is seen and done there


def _s(places: str, names: str, world: str) -> Setting:
    return Setting(tuple(places.split("|")), tuple(names.split()), tuple(world.split()))


SETTINGS: dict[str, Setting] = {
    "chess": _s(
        "at the chess club|at chess club|at a chess tournament",
        "chess checkmate pawn pawns rook rooks",
        "board boards pieces game games player players move moves team club match",
    ),
    "cars": _s(
        "at the car show|at the race track",
        "car cars racing racecar",
        "engine engines wheels race races driver drivers track laps fuel show models",
    ),
    "space": _s(
        "at the planetarium|at space camp|at the space camp",
        "space planet planets astronaut astronauts rocket rockets",
        "stars star moon orbit sky telescope galaxy team camp",
    ),
    "soccer": _s(
        "at soccer practice|at the soccer game",
        "soccer",
        "ball balls goal goals team field players coach match kicks",
    ),
    "football": _s(
        "at football practice|at the football game",
        "football",
        "ball goal goals team field players coach match",
    ),
    "basketball": _s(
        "at basketball practice|at the basketball game",
        "basketball",
        "ball hoop baskets court team players coach points shots",
    ),
    "baseball": _s(
        "at baseball practice|at the ballpark",
        "baseball",
        "bat ball bases team players innings pitches",
    ),
    "cricket": _s(
        "at cricket practice|at the cricket match",
        "cricket",
        "bat ball runs wickets team players overs",
    ),
    "swimming": _s(
        "at the pool|at swim practice", "swimming swim swimmer swimmers", "pool lanes laps water"
    ),
    "skateboarding": _s(
        "at the skate park",
        "skateboarding skateboard skateboards skater skaters",
        "ramp ramps park tricks wheels boards",
    ),
    "dance": _s(
        "at dance class|at the dance recital",
        "dance dancing dancer dancers",
        "steps music stage class recital moves",
    ),
    "music": _s(
        "at band practice|at the concert",
        "music band musician musicians",
        "songs song notes instruments concert tickets stage beats",
    ),
    "reading": _s(
        "at the library|at the book fair",
        "reading library",
        "books book pages shelves stories fair",
    ),
    "books": _s("at the library|at the book fair", "books", "book pages shelves stories fair"),
    "drawing": _s(
        "in art class|at the art studio",
        "drawing drawings sketch sketches",
        "pencils paper pictures colors art class studio",
    ),
    "art": _s(
        "in art class|at the art museum", "art artist artists", "paint paintings pictures colors"
    ),
    "video games": _s(
        "at the game club|at the arcade",
        "gaming gamer gamers arcade",
        "game games levels points players screen club",
    ),
    "minecraft": _s(
        "in a Minecraft world|at the Minecraft club",
        "minecraft",
        "blocks world build builds builders game",
    ),
    "coding": _s(
        "at coding club|at the computer lab",
        "coding code coder coders programming",
        "computer computers program programs lines club",
    ),
    "robots": _s(
        "at robotics club|at the robot fair",
        "robot robots robotics",
        "parts motors sensors build builds team club",
    ),
    "horses": _s(
        "at the riding stable|at the stables", "horse horses pony ponies", "stable riders hay"
    ),
    "animals": _s(
        "at the zoo|at the animal shelter",
        "animal animals zoo",
        "keepers cages food feeding visitors shelter",
    ),
    "dogs": _s("at the dog park", "dog dogs puppy puppies", "walks leash treats park"),
    "cats": _s("at the cat shelter", "cat cats kitten kittens", "food toys shelter"),
    "dinosaurs": _s(
        "at the dinosaur museum|at the museum",
        "dinosaur dinosaurs fossil fossils",
        "bones museum exhibit visitors",
    ),
    "gardening": _s(
        "in the garden|at the community garden",
        "gardening gardener gardeners",
        "garden plants seeds rows beds flowers vegetables",
    ),
    "baking": _s(
        "at the bakery|in the kitchen",
        "baking baker bakers bakery",
        "cakes cookies bread flour oven recipe batch",
    ),
    "cooking": _s(
        "in the kitchen|at cooking class",
        "cooking cook cooks chef chefs",
        "recipe recipes food meals kitchen ingredients",
    ),
    "anime": _s(
        "at the anime club|at the anime convention",
        "anime manga",
        "episodes characters shows club fans",
    ),
    "fashion": _s(
        "at the fashion show",
        "fashion designer designers",
        "clothes outfits fabric models show",
    ),
    "camping": _s(
        "at the campsite|at camp", "camping campers", "tents tent trail fire campsite hike"
    ),
    "movies": _s("at the movies|at the cinema", "movie movies film films", "tickets seats screen"),
    "science": _s(
        "in the science lab|at the science fair",
        "science scientist scientists",
        "lab experiment tests samples fair",
    ),
    "photography": _s(
        "at the photo club", "photography photographer photos", "camera pictures club"
    ),
}


def setting_for(interest: str) -> Setting:
    """The places and words for an interest as written; unknown ones get a generic story."""
    key = " ".join(words(interest))
    found = SETTINGS.get(key) or SETTINGS.get(key.rstrip("s")) or SETTINGS.get(key + "s")
    if found is not None:
        return found
    written = " ".join(re.sub(r"[^\w' -]", " ", interest).split())
    return Setting((f"in a story about {written}",), tuple(words(written)), ())


def openings(interest: str) -> tuple[str, ...]:
    """The ways a scene about `interest` may begin, capitalised, without the comma."""
    return tuple(p[:1].upper() + p[1:] for p in setting_for(interest).places)


@dataclass(frozen=True)
class SceneFacts:
    """What a scene is checked against."""

    interest: str | None  # the interest this scene is about
    interests: tuple[str, ...]  # all of the student's own interests
    question: str  # the verified question, and the family's context hint if any
    example: str = ""  # the prompt template's text: its example is not to be copied


# Words in a row the scene may share with the example (fewer is a coincidence).
NGRAM = 4


def check_scene(text: str, facts: SceneFacts) -> list[Problem]:
    """A scene opens at the interest's place, copies nothing from the template's example,
    names no interest the student did not list, and sets up its question."""
    problems = []
    rest = text
    if facts.interest:
        starts = [o for o in openings(facts.interest) if text.startswith(o + ", ")]
        if not starts:
            where = " / ".join(openings(facts.interest))
            problems.append(Problem("scene", f"does not open at {where!r}"))
        else:
            rest = text[len(starts[0]) + 2 :]
    copied = _ngrams(rest) & _ngrams(_without_openings(facts.example, facts.interest))
    if copied:
        problems.append(Problem("scene", f"copies the prompt's example ({' '.join(min(copied))})"))
    problems += check_interests(text, facts.interests)
    problems += check_whole(text)
    if not stems(rest) & stems(facts.question) - _MATHS:
        problems.append(Problem("scene", "shares no word with the question or its setting"))
    return problems


# Words in a row that, said twice, make a scene a loop ("at the chess club, at the chess club").
REPEAT = 3
# Talk about the question instead of a place where it happens.
_META = re.compile(
    r"\b(?:the answer|answer is|a question|the question|this question|question about"
    r"|maths? (?:question|problem|puzzle)s?|word problem|mathematics)\b",
    re.IGNORECASE,
)
# A dropped number leaves a space before punctuation, two spaces, or an operator with
# nothing to act on ("x +  where x =  the.").
_GAP = re.compile(r"\s[.,;:!?]|\S {2,}\S|(?:^|\s)[=+×÷*/-]\s*(?:[.,;:!?]|$|[a-z]{2,})")
# Stems of maths in general: sharing one with the question sets up no context.
_MATHS = {w[:4] for w in GENERIC | set(TOPIC_FORMS) | set(ACTIVITY_LICENCES)}


def check_whole(text: str) -> list[Problem]:
    """The scene is whole sentences about a place: no loop, no cut-off end, no dropped
    number, no talk about the question itself."""
    problems = []
    w = words(text)
    seen: set[tuple[str, ...]] = set()
    for i in range(len(w) - REPEAT + 1):
        run = tuple(w[i : i + REPEAT])
        if run in seen:
            problems.append(Problem("scene", f"repeats {' '.join(run)!r}"))
            break
        seen.add(run)
    if ".." in text or "…" in text:
        problems.append(Problem("scene", "trails off ('..')"))
    for sentence in re.split(r"[.!?]+", text)[:-1] or [text]:
        last = words(sentence)[-1:] or [""]
        if last[0] in DANGLING or (len(last[0]) == 1 and last[0] != "i"):
            problems.append(Problem("scene", f"stops on {last[0]!r}: something was cut off"))
            break
    gap = _GAP.search(text)
    if gap:
        problems.append(Problem("scene", f"has a gap where a number was dropped ({gap.group()!r})"))
    meta = _META.search(text)
    if meta:
        problems.append(Problem("scene", f"talks about the question ({meta.group()!r})"))
    return problems


def check_interests(text: str, interests: Iterable[str]) -> list[Problem]:
    """No interest from the known list that the student did not give."""
    own: set[str] = set()
    for interest in interests:
        setting = setting_for(interest)
        own |= set(words(interest)) | set(setting.names) | set(setting.world)
    seen = set(words(text)) - own
    problems = []
    for setting in SETTINGS.values():
        hit = sorted(seen & set(setting.names))
        if hit:
            problems.append(Problem("scene", f"brings in {hit[0]!r}, not one of the student's"))
            seen -= set(setting.names)
    return problems


def _ngrams(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + NGRAM]) for i in range(len(w) - NGRAM + 1)}


def _without_openings(example: str, interest: str | None) -> str:
    # The example may open at this very place ("At the chess club,"): that is the rule, not
    # a copy; only what follows the opening counts.
    if not interest:
        return example
    for place in setting_for(interest).places:
        example = re.sub(re.escape(place), " | ", example, flags=re.IGNORECASE)
    return example
