"""Validators: pure checks on generated output, each with passing and failing examples."""

from __future__ import annotations

import socket
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from edugen.prompts.outputs import Hint, QuestionFraming, Rationale, ResourceRationales
from edugen.validators import (
    Problem,
    Rules,
    check_lengths,
    check_numbers,
    check_reading_grade,
    check_roster_names,
    check_schema,
    check_unsafe_words,
    check_urls,
    extract_numbers,
    parse_output,
    reading_grade,
    validate,
)
from edugen.validators import text as text_module

EASY = "The cat sat on the mat. The dog ran to the cat. They had fun in the sun all day."
HARD = (
    "Photosynthesis necessitates chlorophyll-containing organelles facilitating the "
    "electromagnetic conversion of radiant energy into biochemically utilizable compounds, "
    "consequently sustaining heterotrophic organisms throughout terrestrial ecosystems."
)


def checks(problems: list[Problem]) -> list[str]:
    return [p.check for p in problems]


# schema and lengths


def test_schema_accepts_valid_json_and_a_code_fence() -> None:
    assert check_schema(Hint, '{"hint": "Divide the miles by the hours."}') == []
    fenced = '```json\n{"hint": "Divide the miles by the hours."}\n```'
    parsed, problems = parse_output(Hint, fenced)
    assert problems == [] and parsed == Hint(hint="Divide the miles by the hours.")


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ("", None),
        ("Sure! Here is a hint: divide.", None),
        ('{"hint": "x"', None),
        ('{"tip": "Divide."}', "hint"),
        ('{"hint": "Divide.", "answer": 50}', "answer"),
        ('{"hint": 5}', "hint"),
        ('{"hint": "' + "a" * 201 + '"}', "hint"),
        ('{"hint": ""}', "hint"),
    ],
)
def test_schema_rejects(raw: str, field: str | None) -> None:
    parsed, problems = parse_output(Hint, raw)
    assert parsed is None and problems and checks(problems)[0] == "schema"
    if field is not None:
        assert field in [p.field for p in problems]


def test_lengths() -> None:
    assert check_lengths(Hint(hint="Divide first.")) == []
    too_long = Hint.model_construct(hint="a" * 151)
    assert check_lengths(too_long) == [Problem("length", "151 characters; at most 150", "hint")]
    blank = ResourceRationales.model_construct(
        rationales=[
            Rationale(resource_id=1, why="It walks through ratios."),
            Rationale.model_construct(resource_id=2, why=" "),
        ]
    )
    assert check_lengths(blank) == [Problem("length", "is blank", "rationales[1].why")]


# links


def test_urls_pass_when_absent_or_allowed() -> None:
    assert check_urls("Watch the video, then try five problems.") == []
    text = "See https://www.khanacademy.org/math/ratios and https://youtu.be/abc123."
    assert check_urls(text, ["khanacademy.org", "https://youtu.be/abc123"]) == []
    assert check_urls("Try www.khanacademy.org/x!", ["https://khanacademy.org"]) == []
    assert check_urls("Visit https://es.khanacademy.org/", ["khanacademy.org"]) == []
    assert check_urls("She left.Me too, e.g. in the U.S. at 3.5 km.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Go to https://evil.example/free-answers now",
        "Type www.answers.net in your browser.",
        "Look it up at mathhelp.com/ratios.",
        "http://user:pw@khanacademy.org.evil.io/x",
        "See https://youtu.be/other.",
    ],
)
def test_urls_fail_when_not_allowed(text: str) -> None:
    problems = check_urls(text, ["khanacademy.org", "https://youtu.be/abc123"])
    assert checks(problems) == ["url"]


# roster names


def test_roster_names_pass() -> None:
    names = ["Amara", "Okafor", "Sam", "Li", "Jo Anne"]
    assert check_roster_names("Samantha and Samuel share 12 apples.", names) == []
    assert check_roster_names("Jo and Anne split the bill; it is a limit.", names) == []
    assert check_roster_names("Any text at all", []) == []


@pytest.mark.parametrize(
    "text",
    [
        "amara buys 3 apples.",
        "This is Okafor's team.",
        "AMARA scores.",
        "Jo  Anne counts to 5.",
        "(Li) reads.",
    ],
)
def test_roster_names_fail(text: str) -> None:
    problems = check_roster_names(text, ["Amara", "Okafor", "Li", "Jo Anne"])
    assert checks(problems) == ["roster_name"]


# unsafe words


def test_unsafe_words() -> None:
    assert text_module.shipped_unsafe_words()
    assert check_unsafe_words("The class used a skill to pass the ball.") == []
    assert check_unsafe_words("Maya shoots 3 hoops, then weeds the garden.") == []
    assert checks(check_unsafe_words("Kill the dragon!")) == ["unsafe_word"]
    assert checks(check_unsafe_words("no self-harm here", ["self-harm"])) == ["unsafe_word"]
    assert check_unsafe_words("Kill the dragon!", ["dragonfly"]) == []


# reading grade, offline


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Any]:
    """No network and no NLTK data: the reading-grade check must still work."""
    attempts: list[Any] = []

    def refuse(self: socket.socket, address: Any) -> None:
        attempts.append(address)
        raise OSError("network is unreachable (test)")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    monkeypatch.setenv("NLTK_DATA", str(empty))
    import nltk

    def no_download(*args: Any, **kwargs: Any) -> bool:
        raise AssertionError("textstat tried to download NLTK data")

    monkeypatch.setattr(nltk, "download", no_download)
    text_module._textstat.cache_clear()
    return attempts


def test_reading_grade_works_offline(offline: list[Any]) -> None:
    easy, hard = reading_grade(EASY), reading_grade(HARD)
    assert easy < 3 < 12 < hard
    assert check_reading_grade(EASY, 3.0) == []
    problems = check_reading_grade(HARD, 6.0)
    assert checks(problems) == ["reading_grade"] and "at most 7" in problems[0].message
    assert offline == []


def test_reading_grade_band_and_when_there_is_no_verdict(offline: list[Any]) -> None:
    grade = reading_grade(EASY)
    assert check_reading_grade(EASY, grade - 0.9) == []  # within the one-grade band
    assert checks(check_reading_grade(EASY, grade - 1.5)) == ["reading_grade"]
    assert check_reading_grade(EASY, grade - 0.5, slack=0.0) != []
    assert check_reading_grade("Photosynthesis necessitates chlorophyll.", 1.0) == []  # short
    assert check_reading_grade(HARD, None) == []  # no reading level: a teacher's text
    assert checks(check_reading_grade(HARD, 2.0)) == ["reading_grade"]  # every text is English
    assert offline == []


def test_the_titles_the_school_gave_count_as_one_short_word(offline: list[Any]) -> None:
    # A reason naming its topic reads at the topic title's level; the student reads that
    # title on their plan whatever the model writes, so the model is judged on its own words.
    title = "Circles: circumference and area"
    reason = "This worksheet lets you practise circles: circumference and area on paper at home."
    assert checks(check_reading_grade(reason, 3.0)) == ["reading_grade"]
    assert check_reading_grade(reason, 3.0, given=[title]) == []
    # The model's own hard words are still its own.
    own = (
        "This worksheet necessitates considerable concentration, perseverance and "
        "organisational determination regarding circles: circumference and area."
    )
    assert checks(check_reading_grade(own, 3.0, given=[title])) == ["reading_grade"]
    # Whole words only, any case, spaces as written; no verdict on what is left if it is short.
    one_word = text_module.as_one_word
    assert one_word("About CIRCLES:  circumference and area!", [title]) == "About it!"
    assert one_word("semicircles: circumference and area", [title]) == (
        "semicircles: circumference and area"
    )
    assert offline == []


# numbers against the verified core


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("3,000 fans and 3000 more", [3000, 3000]),
        (
            "It costs $2.50, or 2.5 dollars, or .5 less",
            [Fraction(5, 2), Fraction(5, 2), Fraction(1, 2)],
        ),
        ("Eat 3/4 of 1 1/2 pizzas", [Fraction(3, 4), Fraction(3, 2)]),
        ("Three friends and twelve eggs; Twenty-one days", [3, 12, 21]),
        ("From 3-5 laps and -4 degrees", [3, 5, -4]),
        ("Student S-ab23cd45 in grade 6th", [6]),
        ("Someone did it, done.", []),
    ],
)
def test_extract_numbers(text: str, values: list[Any]) -> None:
    assert [v for v, _ in extract_numbers(text)] == [Fraction(v) for v in values]


def test_numbers_consistent_with_the_core() -> None:
    core = ["150", "3"]
    assert check_numbers("Maya kicks 150 balls in 3 hours. How many per hour?", core) == []
    assert check_numbers("Maya kicks 150 balls in three hours.", core) == []
    assert check_numbers("A stadium seats 3,000 fans; 3/4 are full.", [3000, 0.75]) == []
    assert check_numbers("A stadium seats 3000 fans; 0.75 are full.", ["3,000", "3/4"]) == []
    assert check_numbers("Mix 1 1/2 cups with 2.25 cups.", ["1 1/2", Fraction(9, 4)]) == []
    # The core can be the verified question itself.
    question = "A car travels 150 miles in 3 hours. How many miles per hour?"
    assert check_numbers("A bus goes 150 miles in 3 hours. Miles per hour?", [question]) == []


def test_numbers_added_or_dropped_are_problems() -> None:
    core = ["150", "3"]
    added = check_numbers("Maya kicks 150 balls in 3 hours with 2 friends.", core)
    assert [p.message for p in added] == ["has '2', which is not a number of the verified question"]
    dropped = check_numbers("Maya kicks 150 balls in a few hours.", core)
    assert [p.message for p in dropped] == ["leaves out '3' from the verified question"]
    assert checks(check_numbers("It has 1,500 seats.", ["150"])) == ["numbers", "numbers"]
    assert checks(check_numbers("Eat 4/3 of it.", ["3/4"])) == ["numbers", "numbers"]
    assert checks(check_numbers("One day she ran 150 laps in 3 hours.", core)) == ["numbers"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("forty", 40),
        ("a dozen", 12),
        ("two dozen", 24),
        ("half", Fraction(1, 2)),
        ("a half", Fraction(1, 2)),
        ("a quarter", Fraction(1, 4)),
        ("three quarters", Fraction(3, 4)),
        ("three-quarters", Fraction(3, 4)),
        ("3 quarters", Fraction(3, 4)),
        ("two thirds", Fraction(2, 3)),
        ("one and a half", Fraction(3, 2)),
        ("twenty-one", 21),
        ("ninety nine", 99),
        ("hundred", 100),
        ("a hundred", 100),
        ("hundreds", 100),
        ("two hundred and five", 205),
        ("one thousand", 1000),
        ("zero", 0),
        ("the fifth", 5),
        ("twenty-first", 21),
        ("tenths", Fraction(1, 10)),
        ("twice", 2),
        ("①", 1),
        ("⑫", 12),
        ("❼", 7),
        ("Ⅻ", 12),
        ("XII", 12),
        ("²", 2),
        ("½", Fraction(1, 2)),
        ("1½", Fraction(3, 2)),
        ("⅝", Fraction(5, 8)),
    ],
)
def test_number_words_and_glyphs_are_numbers(text: str, value: Any) -> None:
    assert [v for v, _ in extract_numbers(f"They ran {text} laps.")] == [Fraction(value)]
    # Text that carries such a number where the verified core has none is rejected.
    problems = check_numbers(f"Maya ran {text} laps in 3 hours.", ["3"])
    assert checks(problems) == ["numbers"], text
    assert text.split()[-1] in problems[0].message or text in problems[0].message


@pytest.mark.parametrize(
    "text",
    ["First, look at the table.", "It moves 5 meters per second.", "I like it.", "A second try."],
)
def test_words_that_are_not_numbers_here_do_not_count(text: str) -> None:
    assert [raw for _, raw in extract_numbers(text)] == (["5"] if "5" in text else [])


# everything at once


def test_validate_collects_every_check_with_the_field() -> None:
    rules = Rules(
        allowed_urls=("khanacademy.org",),
        roster_names=("Amara", "Okafor"),
        core_numbers=("150", "3"),
    )
    good = QuestionFraming(framing="Maya kicks 150 balls in 3 hours. How many balls per hour?")
    assert validate(good, rules) == []
    bad = QuestionFraming(
        framing="Amara kicks 150 balls in 4 hours. Damn! See https://answers.example.com"
    )
    problems = validate(bad, rules)
    assert sorted(checks(problems)) == ["numbers", "numbers", "roster_name", "unsafe_word", "url"]
    assert {p.field for p in problems} == {"framing"}
    assert "framing: mentions 'Amara'" in str(next(p for p in problems if p.check == "roster_name"))

    nested = ResourceRationales(
        rationales=[
            Rationale(resource_id=1, why="Good practice with ratios."),
            Rationale(resource_id=2, why="Okafor liked it. It has 7 problems."),
        ]
    )
    # Numbers are only held to the core in the fields named for it (the framing by default).
    assert [(p.check, p.field) for p in validate(nested, rules)] == [
        ("roster_name", "rationales[1].why")
    ]


def test_validate_holds_student_text_to_the_reading_level(offline: list[Any]) -> None:
    hint = Hint(hint=HARD[:150])
    assert validate(hint, Rules()) == []
    assert checks(validate(hint, Rules(reading_level=4.0))) == ["reading_grade"]
