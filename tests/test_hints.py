"""A hint never gives the answer away, in any form, whoever wrote it (issue #17.6)."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

import pytest

from edugen.content import questions
from edugen.content.cores import ItemCore
from edugen.content.families import all_families, family
from edugen.prompts.outputs import Hint
from edugen.validators import Rules, check_hint_hides_answer, extract_numbers, validate

# Each family, every tier and kind, this many seeds per (tier, kind): 200 items or more.
ITEMS_PER_FAMILY = 200
_SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()


def _forms(answer: str) -> list[str]:
    """Ways to write a one-number answer, worked out here rather than by the validator."""
    try:
        value = Fraction(answer)
    except ValueError:
        return []
    forms = {answer, f"{value.numerator}/{value.denominator}", f"{value * 100}%"}
    if value.denominator in (1, 2, 4, 5, 8, 10, 20, 25, 50, 100, 1000):
        forms.add(str(Decimal(value.numerator) / Decimal(value.denominator)))
    if value.denominator > 1 and abs(value) > 1:
        whole = int(value)
        rest = abs(value - whole)
        forms.add(f"{whole} {rest.numerator}/{rest.denominator}")
    if value.denominator == 1 and 0 <= value <= 20:
        forms.add(_SMALL[int(value)])
    if value == Fraction(1, 2):
        forms |= {"half", "one half"}
    return sorted(forms)


def _reveals(hint: str, core: ItemCore) -> str | None:
    """How the hint gives the answer away, by an oracle independent of the validator."""
    lowered = f" {hint.lower()} "
    for form in _forms(core.answer):
        if re.search(rf"(?<![\w./-]){re.escape(form.lower())}(?![\w/]|\.\d)", lowered):
            return f"writes {form!r}"
    if not _forms(core.answer) and "".join(core.answer.split()) in "".join(hint.split()):
        return "writes the answer's text"
    if core.options is not None:
        letter = "ABCD"[core.options.index(core.answer)]
        # Capital letters only: "a(b + c)" names no option C.
        if re.search(rf"\({letter}\)|\b{letter}\)|(?i:option) [{letter}{letter.lower()}]\b", hint):
            return f"names option {letter}"
    return None


def _items(fam_name: str) -> list[ItemCore]:
    fam = family(fam_name)
    pairs = [(tier, kind) for tier in range(1, 6) for kind in fam.kinds]
    seeds = -(-ITEMS_PER_FAMILY // len(pairs))
    return [fam.generate(t, seed, k) for t, k in pairs for seed in range(seeds)]


@pytest.mark.parametrize("fam_name", [f.name for f in all_families()])
def test_no_solution_hint_gives_the_answer_away_in_any_family(fam_name: str) -> None:
    items = _items(fam_name)
    assert len(items) >= ITEMS_PER_FAMILY
    for core in items:
        hint = questions.fallback_hint(core, "The topic")
        # Every family has a specific hint: its first step or its strategy, never none.
        assert hint is not None and hint.strip()
        assert _reveals(hint, core) is None, (
            core.question,
            core.answer,
            hint,
            _reveals(hint, core),
        )
        assert check_hint_hides_answer(hint, core) == [], (core.question, hint)


def test_every_family_has_a_strategy_without_any_number() -> None:
    for fam in all_families():
        assert len(fam.strategy) > 20, fam.name
        assert extract_numbers(fam.strategy) == [], (fam.name, fam.strategy)


def _core(fam_name: str, answer: str, kind: str = "multiple_choice") -> ItemCore:
    fam = family(fam_name)
    for seed in range(5000):
        for tier in range(1, 6):
            core = fam.generate(tier, seed, kind)  # type: ignore[arg-type]
            if core.answer == answer:
                return core
    raise AssertionError(f"no {fam_name} item answers {answer}")


def test_the_issue_cases_now_hint_without_the_answer() -> None:
    # "Substitute x = 10: 10 + 10 = 20 is true." was the hint for this question.
    core = _core("solution_check", "10")
    assert "10" in core.solution[0]
    hint = questions.fallback_hint(core, "Solutions of equations")
    assert hint == family("solution_check").strategy
    # A unit rate whose answer is one of the question's numbers.
    fam = family("unit_rate")
    revealing = [
        core
        for seed in range(300)
        for core in [fam.generate(1, seed, "numeric")]
        if check_hint_hides_answer(core.solution[0], core)
    ]
    assert revealing
    for core in revealing:
        assert questions.fallback_hint(core, "Unit rates") == fam.strategy


class _Keyed:
    """Anything with an answer key and options, as the validator takes it."""

    def __init__(self, answer: str, options: tuple[str, ...] | None = None) -> None:
        self.answer = answer
        self.options = options


@pytest.mark.parametrize(
    ("hint", "answer"),
    [
        ("Substitute x = 10 and check.", "10"),
        ("Try ten.", "10"),
        ("Think of 0.5 of the cake.", "1/2"),
        ("Think of 2/4 of the cake.", "1/2"),
        ("Think of half the cake.", "1/2"),
        ("Think of one half of the cake.", "1/2"),
        ("That is 50% of it.", "1/2"),
        ("That is fifty percent of it.", "1/2"),
        ("It is 1 1/2 cups.", "3/2"),
        ("It is one and a half cups.", "3/2"),
        ("It is 1½ cups.", "3/2"),
        ("About three quarters of it.", "0.75"),
        ("Count to twenty-one.", "21"),
        ("It is a dozen.", "12"),
        ("The twelfth one.", "12"),
        ("See step ⑫.", "12"),
        ("Chapter Ⅻ says so.", "12"),
        ("Take -38 steps.", "-38"),
        ("There are 5 green and 3 red: 5:3.", "5:3"),
        ("Write it as 5:15 first.", "1:3"),
        ("It is 2 to 6.", "1:3"),
        ("You reach (8, -12).", "(8, -12)"),
        ("You reach (8,-12).", "(8, -12)"),
        ("The rule is 9x + 12.", "y = 9x + 12"),
        ("So x ≤ 13 here.", "x ≤ 13"),
        ("Multiply out: 6x − 42.", "6x - 42"),
    ],
)
def test_a_hint_with_the_answer_in_any_form_is_rejected(hint: str, answer: str) -> None:
    problems = check_hint_hides_answer(hint, _Keyed(answer))
    assert [p.check for p in problems] == ["answer"], (hint, answer)


@pytest.mark.parametrize(
    ("hint", "answer"),
    [
        ("Substitute each choice for x and check.", "10"),
        ("Think of 100 apples.", "10"),  # 10 is not 100
        ("Order the data from least to greatest.", "20"),
        ("There are 5 green and 3 red tiles.", "5:3"),
        ("Use a(b + c) = ab + ac.", "6x - 42"),
    ],
)
def test_a_hint_that_keeps_the_answer_hidden_passes(hint: str, answer: str) -> None:
    assert check_hint_hides_answer(hint, _Keyed(answer, ("5", answer, "7", "9"))) == []


@pytest.mark.parametrize(
    "hint",
    ["The answer is B.", "Pick option b.", "Choose (B).", "It must be B) here.", "Choice 'B'."],
)
def test_naming_the_keyed_options_letter_gives_it_away(hint: str) -> None:
    keyed = _Keyed("12", ("7", "12", "15", "20"))
    assert [p.check for p in check_hint_hides_answer(hint, keyed)] == ["answer"]
    other = _Keyed("7", ("7", "12", "15", "20"))  # A is keyed: B names a wrong option
    assert check_hint_hides_answer(hint, other) == []


def test_a_model_hint_is_held_to_the_same_rule() -> None:
    rules = Rules(
        core_numbers=("Which value of x makes x + 10 = 20 true?",),
        number_fields=("hint",),
        numbers_complete=False,
        answer="10",
        options=("5", "10", "20", "30"),
    )
    assert validate(Hint(hint="Start by putting each choice in for x."), rules) == []
    for bad in ("Start by trying x = 10 in the equation.", "Look at option B first, it works."):
        assert "answer" in [p.check for p in validate(Hint(hint=bad), rules)], bad


def test_item_hint_keeps_a_safe_written_hint_and_replaces_a_revealing_one() -> None:
    core = _core("solution_check", "10")
    safe = "Start by putting each choice in for x."
    assert questions.item_hint(core, "Equations", safe) == safe
    letter = "ABCD"[core.options.index("10")] if core.options else "A"
    for bad in ("Start with x = 10.", "Try ten.", f"Look at option {letter}."):
        replaced = questions.item_hint(core, "Equations", bad)
        assert replaced == family("solution_check").strategy
    assert questions.item_hint(core, "Equations", None) == family("solution_check").strategy
