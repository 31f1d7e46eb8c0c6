"""The words a grounded check looks for: maths topics, activities and formats, weekdays.

A grounded check finds these words in a model's text and asks the record (a plan, a resource,
a class's week) whether it licenses each one; a word of none of these kinds is not judged.
Each kind is a table of surface forms onto one concept, so "dividing" and "division" are the
same topic and "watch" is licensed by a video.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

# Topic concepts: the first word of a line names the concept, the rest are its other forms.
# Ambiguous everyday words ("mean", "range", "mode", "line", "power") are left out: a false
# alarm would reject good text.
_TOPICS = """
fraction fractions fractional
decimal decimals
ratio ratios
rate rates
percent percents percentage percentages
equation equations
inequality inequalities
expression expressions
exponent exponents exponential
integer integers
negative negatives
zero zeros zeroes
area areas
volume volumes
perimeter perimeters
angle angles
triangle triangles
polygon polygons
rectangle rectangles rectangular
circle circles
prism prisms
cube cubes
surface surfaces
graph graphs graphing graphed
coordinate coordinates
quadrant quadrants
variable variables
statistics statistic statistical
median medians
quartile quartiles
histogram histograms
probability probabilities
divide divides dividing divided division divisor divisors
multiply multiplies multiplying multiplied multiplication
subtract subtracts subtracting subtraction
factor factors factoring factorization
multiple multiples
prime primes
geometry geometric
algebra algebraic
absolute
proportion proportions proportional
speed speeds
measurement measurements
shape shapes
opposite opposites
inference inferences infer inferring
sample samples sampling
slope slopes
function functions
pythagorean pythagoras
irrational
scatter
reflection reflections
rotation rotations
dilation dilations
congruent congruence
quadrilateral quadrilaterals
symmetry symmetric symmetrical
circumference circumferences
cylinder cylinders
cone cones
sphere spheres
numerator numerators
denominator denominators
elapsed
array arrays
deviation deviations
"""

# Activity and format words, each with the licences that allow it: a plan task kind
# ("practice", "spaced_review"), a resource type, or "never" (no plan or catalog entry asks for it).
# STUDY: anything but watching a video has the student practise and answer questions.
_STUDY = "practice spaced_review exercise worksheet game interactive tool lesson article"
_ACTIVITIES = """
practice practise practising practicing: STUDY
question questions problem problems solve solving answer answers: STUDY
exercise exercises: practice exercise worksheet lesson
review reviewing revisit revisiting: spaced_review
video videos watch watching clip clips: video
article articles: article
read reading: article lesson book
page pages: article lesson book
lesson lessons: lesson
activity activities: interactive game tool practice exercise
simulation simulations interactive: interactive
game games play playing: game
tool tools calculator: tool
worksheet worksheets: worksheet
book books textbook textbooks chapter chapters: book
quiz quizzes test tests exam exams: never
write writing written story stories essay essays poem poems journal diary: never
draw drawing paint painting poster posters craft crafts: never
project projects presentation presentations experiment experiments: never
adventure adventures trip trips journey journeys: never
sing singing song songs dance dancing: never
podcast podcasts movie movies: never
"""

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# "weekend" names days too: a plan without Saturday or Sunday has no weekend work.
_DAY_WORDS: dict[str, tuple[str, ...]] = {
    **{d: (d,) for d in WEEKDAYS},
    **{d + "s": (d,) for d in WEEKDAYS},
}
_DAY_WORDS["weekend"] = ("saturday", "sunday")
_DAY_WORDS["weekends"] = ("saturday", "sunday")

# Phrases that dress up a claim no record made ("the importance of the concept of zero").
# Claims of more than the record holds ("many other articles", "your homework") count too.
VAGUE = (
    "importance of",
    "concept of",
    "the idea of",
    "the meaning of life",
    "real world",
    "homework",
    "many other",
    "same point",
)

# Words that name maths or doing it in general: sharing one with a record says nothing of it.
GENERIC = frozenset(
    "math maths mathematics mathematical number numbers value values quantity quantities "
    "puzzle puzzles magic realm help helps helping learn learning learned skill skills work "
    "works understand understanding find finding shows show show explain explains step steps "
    "free today things thing great lots".split()
)

_WORD = re.compile(r"[a-z]+")


def _table(spec: str) -> dict[str, str]:
    forms: dict[str, str] = {}
    for line in spec.strip().splitlines():
        words = line.split()
        forms.update({w: words[0] for w in words})
    return forms


def _licences(spec: str) -> dict[str, frozenset[str]]:
    table: dict[str, frozenset[str]] = {}
    for line in spec.strip().splitlines():
        words, licences = line.split(":")
        allowed = frozenset(licences.replace("STUDY", _STUDY).split())
        table.update({w: allowed for w in words.split()})
    return table


TOPIC_FORMS = _table(_TOPICS)
ACTIVITY_LICENCES = _licences(_ACTIVITIES)


# A sentence cannot stop on these: something was cut off after them.
DANGLING = frozenset(
    "a an the of at in on to for with by from into about and or but so than as such where "
    "when while is are was were be".split()
)


def words(text: str) -> list[str]:
    """The lowercase words of `text`, in order ("Non-Zero" is "non", "zero")."""
    return _WORD.findall(text.lower())


def topics_in(text: str) -> set[str]:
    """The topic concepts `text` mentions ("Dividing fractions" → divide, fraction)."""
    return {TOPIC_FORMS[w] for w in words(text) if w in TOPIC_FORMS}


def activities_in(text: str) -> dict[str, frozenset[str]]:
    """Each activity or format word in `text`, with the licences that allow it."""
    return {w: ACTIVITY_LICENCES[w] for w in words(text) if w in ACTIVITY_LICENCES}


def days_in(text: str) -> dict[str, tuple[str, ...]]:
    """Each day word in `text` ("Mondays", "weekend") with the weekdays it names."""
    return {w: _DAY_WORDS[w] for w in words(text) if w in _DAY_WORDS}


def vague_in(text: str) -> list[str]:
    flat = " ".join(words(text))
    return [phrase for phrase in VAGUE if phrase in flat]


@lru_cache(maxsize=64)
def _kind(kind: str) -> str:
    """A plan task kind or resource type as a licence ("Interactive " → "interactive")."""
    return " ".join(kind.lower().split())


def licences(kinds: Iterable[str], record: str = "") -> frozenset[str]:
    """What a record licenses: its task kinds or resource types, and every activity word its
    own text uses ("Read how long division works" licenses "read")."""
    own = {_kind(k) for k in kinds} | {"word:" + w for w in activities_in(record)}
    return frozenset(own)


def licensed(word: str, allowed: frozenset[str]) -> bool:
    return "word:" + word in allowed or bool(ACTIVITY_LICENCES.get(word, frozenset()) & allowed)
