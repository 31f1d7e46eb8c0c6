"""Numeric keys accept every way of writing their value, and refuse everything else."""

from __future__ import annotations

import pytest

from edugen.content.answers import accepts, is_percent, parse_number
from edugen.content.families import all_families
from edugen.content.notation import math_html, math_mathml


@pytest.mark.parametrize(
    ("response", "key"),
    [
        ("5/6", "5/6"),
        ("0.83", "5/6"),
        ("0.833", "5/6"),
        (".83", "5/6"),
        ("10/12", "5/6"),
        (" 5 / 6 ", "5/6"),
        ("1 1/2", "3/2"),
        ("1½", "3/2"),
        ("1.5", "3/2"),
        ("-2 1/4", "-9/4"),
        ("\u22122.25", "-9/4"),
        ("3,000", "3000"),
        ("0.67", "2/3"),
        ("7", "7"),
    ],
)
def test_equivalent_forms_are_accepted(response: str, key: str) -> None:
    assert accepts(response, key, tolerance=1e-9)


@pytest.mark.parametrize(
    ("response", "key"),
    [
        ("0.8", "5/6"),  # one place is not an answer to 5/6
        ("0.84", "5/6"),
        ("0.88", "7/8"),  # 7/8 is exactly 0.875; rounding it is not the answer
        ("1 1/2", "5/2"),
        ("6/5", "5/6"),
        ("83%", "5/6"),  # not a percent question
        ("five sixths", "5/6"),
        ("5/0", "5/6"),
        ("", "5/6"),
        ("1 3/2", "5/2"),  # a mixed number's fraction is proper
    ],
)
def test_clearly_wrong_or_unreadable_answers_are_refused(response: str, key: str) -> None:
    assert not accepts(response, key, tolerance=1e-9)


def test_a_percent_is_accepted_only_where_the_quantity_is_a_percent() -> None:
    assert is_percent("12 is what percent of 48?")
    assert accepts("25%", "25", percent=True) and accepts("25", "25", percent=True)
    assert not accepts("25%", "0.25") and parse_number("25%") is None


def test_the_tolerance_widens_the_match_and_nothing_else() -> None:
    assert accepts("3.14", "3.1416", tolerance=0.01)
    assert not accepts("3.2", "3.1416", tolerance=0.01)


def test_every_numeric_key_accepts_its_own_decimal_and_fraction_forms() -> None:
    for fam in all_families():
        if "numeric" not in fam.kinds:
            continue
        for tier in range(1, 6):
            for seed in range(10):
                core = fam.generate(tier, seed, "numeric")
                value = parse_number(core.answer)
                assert value is not None, core.answer
                assert accepts(core.answer, core.answer, tolerance=core.tolerance)
                fraction = f"{value.numerator}/{value.denominator}"
                assert accepts(fraction, core.answer, tolerance=core.tolerance)
                for d in core.distractors:
                    assert not accepts(d.value, core.answer, tolerance=core.tolerance), (
                        core.question,
                        d,
                    )


def test_powers_print_as_superscripts_in_html_and_msup_in_mathml() -> None:
    assert math_html("What is x^3 + 2?") == "What is x<sup>3</sup> + 2?"
    assert math_html("(2/3)^2 < 1 & 4^2") == "(2/3)<sup>2</sup> &lt; 1 &amp; 4<sup>2</sup>"
    assert "^" not in math_html("y^2 + x^10")
    ml = math_mathml("x^3")
    assert ml.startswith('<math xmlns="http://www.w3.org/1998/Math/MathML">')
    assert "<msup><mi>x</mi><mn>3</mn></msup>" in ml
    assert "<msup><mrow><mo>(</mo><mn>2</mn><mo>/</mo><mn>3</mn><mo>)</mo></mrow>" in math_mathml(
        "(2/3)^2"
    )
    assert math_mathml("no powers < here") == "no powers &lt; here"


def test_no_family_question_or_option_with_a_power_survives_math_html() -> None:
    for fam in all_families():
        for tier in range(1, 6):
            core = fam.generate(tier, 0)
            for text in [core.question, *(core.options or []), core.answer]:
                assert "^" not in math_html(text), text


@pytest.mark.parametrize(
    "shown",
    ["Evaluate x<sup>3</sup> when x = 2.", "Evaluate x3 when x = 2.", "evaluate x 3 when x = 2."],
)
def test_a_power_matches_back_however_the_report_writes_it(shown: str) -> None:
    from edugen.content.notation import math_html
    from edugen.importers.lms_results.batch import question_key

    assert question_key(shown) == question_key(math_html("Evaluate x^3 when x = 2."))
    assert question_key(shown) != question_key(math_html("Evaluate x^2 when x = 3."))


def test_a_negative_power_in_parentheses_prints_as_a_superscript_with_its_minus() -> None:
    from lxml import etree

    from edugen.content.notation import math_html, math_mathml

    assert math_html("Write 10^(-3) as a decimal.") == "Write 10<sup>\u22123</sup> as a decimal."
    math = etree.fromstring(math_mathml("10^(-3)"))
    assert "".join(math.itertext()) == "10\u22123"
    assert math[0].tag.endswith("msup")
