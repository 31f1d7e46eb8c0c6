"""Figures: well-formed SVG with alt text, drawn from the item's own numbers, same by seed."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import Session

from edugen.content import figures
from edugen.content.families import all_families, family
from edugen.content.families.base import check_figure
from edugen.content.families.common import numbers_in
from edugen.content.figures.plane import text_width
from edugen.content.questions import Slot, core_fingerprint, plain_item
from edugen.profiles.db import make_engine
from edugen.profiles.models import Item
from edugen.schemas import Figure
from tests.audits import AUDITS
from tests.conftest import DEMO_WEEK, Run

NS = "http://www.w3.org/2000/svg"
SVG = f"{{{NS}}}svg"
# Families whose items are about a picture: each draws one for every tier and kind.
DRAWN = {
    "opposites",
    "absolute_value",
    "reflection",
    "coordinate_distance",
    "first_quadrant",
    "coordinate_polygon",
    "polygon_area",
    "box_volume",
    "surface_area",
    "line_plot",
    "center_and_spread",
    "box_plot",
    "describe_data",
    "proportional_table",
    "constant_of_proportionality",
    "point_meaning",
    "proportional_slope",
    "slope_intercept",
    "system_graph",
} | {name for m in AUDITS for name in getattr(m, "DRAWN", set())}
SEEDS = range(12)
FAKE = ("--backend", "fake", "--no-log")


def parsed(figure: Figure) -> etree._Element:
    root = etree.fromstring(figure.svg.encode())
    assert root.tag == SVG
    assert root.get("width") == str(figure.width) and root.get("height") == str(figure.height)
    return root


def said(figure: Figure) -> list[str]:
    return numbers_in(figures.spoken_numbers(figure.alt))


BUILT = {
    "number_line": lambda: figures.number_line(-10, 10, [Fraction(-3), Fraction(7, 2)]),
    "tape": lambda: figures.tape([(3, "12"), (2, "?")], total="20"),
    "angle": lambda: figures.angles([(35, "35°"), (55, "x°")]),
    "triangle": lambda: figures.triangle(7, 4),
    "parallelogram": lambda: figures.parallelogram(8, 5, 4),
    "trapezoid": lambda: figures.trapezoid(5, 9, 4),
    "prism": lambda: figures.rectangular_prism(Fraction(5, 2), 3, 4, unit="ft"),
    "triangular_prism": lambda: figures.triangular_prism(3, 4, 5, 10),
    "cylinder": lambda: figures.cylinder(3, 10),
    "plane": lambda: figures.coordinate_plane(
        points=[((2, -3), "A")], polygons=[[(1, 1), (4, 1), (4, 3)]], lines=[((0, 0), (5, 5))]
    ),
    "dot_plot": lambda: figures.dot_plot([1, 3, 3, 8], low=0, high=10),
    "histogram": lambda: figures.histogram([(10, 19, 3), (20, 29, 5)], unit="minutes"),
    "box_plot": lambda: figures.box_plot((1, 3, 5, 8, 12), low=0, high=15),
    "scatter_plot": lambda: figures.scatter_plot(
        [(1, 2), (3, 5), (6, 9)], x_label="hours", y_label="score"
    ),
    "table": lambda: figures.table(["x", "y"], [["1", "2"], ["3", "-5"]]),
}


@pytest.mark.parametrize("name", sorted(BUILT))
def test_every_builder_draws_parsable_svg_whose_alt_text_says_every_number(name: str) -> None:
    figure = BUILT[name]()
    root = parsed(figure)
    assert root.find("{http://www.w3.org/2000/svg}title") is not None
    assert figure.alt.strip() and figure.alt.endswith(".")
    assert figure.numbers, "every builder here labels at least one number"
    assert [n for n in figure.numbers if n not in said(figure)] == []
    assert check_figure(figure, figure.numbers) == []
    # the same numbers give the same bytes
    assert BUILT[name]() == figure


def test_the_box_diagonal_item_draws_the_diagonal_it_asks_for_and_the_bottom_one() -> None:
    core = family("pythagorean_side").generate(4, 3)
    assert core.figure is not None and "opposite top corner" in core.question
    root = parsed(core.figure)
    lines = root.findall("{http://www.w3.org/2000/svg}line")
    # the thick space diagonal and the dashed bottom diagonal join at one corner
    (thick,) = [ln for ln in lines if ln.get("stroke-width") == "2.5"]
    (bottom,) = [ln for ln in lines if ln.get("stroke-dasharray") == "7 4"]
    assert (thick.get("x1"), thick.get("y1")) == (bottom.get("x1"), bottom.get("y1"))
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "?" in texts  # the unknown diagonal: no length of its own is labelled
    assert core.figure.numbers == core.numbers[:3]
    assert "question mark" in core.figure.alt and "opposite top corner" in core.figure.alt
    plain_box = figures.rectangular_prism(3, 4, 5)
    assert "?" not in plain_box.svg.split("</title>")[1] and "question mark" not in plain_box.alt


def _text_boxes(root: etree._Element) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Each text of a plane with the box it takes, by the plane's own width estimate."""
    out = []
    for t in root.iter("{http://www.w3.org/2000/svg}text"):
        size = float(t.get("font-size", "13"))
        wide = text_width(t.text or "", size, bold=t.get("font-weight") == "bold")
        x, y = float(t.get("x", "0")), float(t.get("y", "0"))
        left = {"start": x, "middle": x - wide / 2, "end": x - wide}[t.get("text-anchor", "start")]
        out.append((t.text or "", (left, y - size * 0.8, left + wide, y + size * 0.25)))
    return out


def test_coordinate_planes_print_about_sixty_mm_wide_with_no_text_on_text() -> None:
    # 96 px an inch: 227 px is 60 mm. A plane printed 95 mm wide filled half a page; now
    # the grid is at most 180 px and only labels that must sit outside it widen a plane.
    widths = []
    for f in map(family, sorted(DRAWN)):
        for tier in range(1, 6):
            for seed in range(6):
                figure = f.generate(tier, seed).figure
                if figure is None or "<title>Coordinate plane</title>" not in figure.svg:
                    continue
                widths.append(figure.width)
                where = (f.name, tier, seed)
                assert figure.width <= 265 and figure.height <= 240, (where, figure.width)
                root = parsed(figure)
                texts = list(root.iter(f"{{{NS}}}text"))
                assert min(float(t.get("font-size", "13")) for t in texts) >= 10
                boxes = _text_boxes(root)
                for i, (a, p) in enumerate(boxes):
                    assert p[0] >= 0 and p[1] >= 0 and p[2] <= figure.width, (where, a)
                    for b, q in boxes[i + 1 :]:
                        apart = p[2] <= q[0] or q[2] <= p[0] or p[3] <= q[1] or q[3] <= p[1]
                        assert apart, (where, a, b)
    assert len(widths) >= 100
    assert sum(w <= 227 for w in widths) >= 0.9 * len(widths), sorted(widths)[-20:]


def test_a_small_plane_is_drawn_small_and_a_large_one_no_wider() -> None:
    small = figures.coordinate_plane(points=[((1, 2), "A")])
    large = figures.coordinate_plane(points=[((-18, 17), "A")], reach=((19, -19),))
    assert small.width < 170 and small.height < 170
    assert large.width <= 235 and large.height <= 235
    # the larger plane keeps its axis numbers apart by labelling fewer of them
    numbers = [t for t, _ in _text_boxes(parsed(large)) if t.lstrip("−").isdigit()]
    assert "20" in numbers and "1" not in numbers


def test_the_alt_text_of_a_number_line_reads_like_a_sentence() -> None:
    figure = figures.number_line(-5, 5, [Fraction(-3)])
    assert figure.alt == "A number line from \u22125 to 5 with a point at \u22123."
    assert figures.as_text(figure) == f"[Figure: {figure.alt}]"
    assert figure.numbers == ["-3"]


def test_text_on_a_figure_is_escaped_not_markup() -> None:
    figure = figures.table(["<b>&", "y"], [["1", "2"]], caption="a < b & c")
    root = parsed(figure)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "<b>&" in texts
    assert root.find("{http://www.w3.org/2000/svg}b") is None


def test_check_figure_finds_bad_svg_stray_numbers_and_unsaid_numbers() -> None:
    good = figures.number_line(-5, 5, [Fraction(-3)])
    broken = good.model_copy(update={"svg": good.svg.replace("</svg>", "")})
    assert any("does not parse" in p for p in check_figure(broken, ["-3"]))
    assert any("which the question does not have" in p for p in check_figure(good, ["3"]))
    quiet = good.model_copy(update={"alt": "A number line."})
    assert any("leaves out ['-3']" in p for p in check_figure(quiet, ["-3"]))
    html = good.model_copy(update={"svg": "<html/>"})
    assert any("is not SVG" in p for p in check_figure(html, ["-3"]))


def test_a_coordinate_window_ends_at_fives_so_its_frame_gives_nothing_away() -> None:
    figure = figures.coordinate_plane(points=[((9, 8), "")], reach=((23, 21),))
    assert "x from 0 to 25 and y from 0 to 25" in figure.alt
    assert figure.numbers == ["9", "8"]


@pytest.mark.parametrize("fam", sorted(DRAWN))
def test_picture_families_draw_from_the_questions_own_numbers(fam: str) -> None:
    f = family(fam)
    for tier in range(1, 6):
        for seed in SEEDS:
            for kind in f.kinds:
                core = f.generate(tier, seed, kind)
                assert core.figure is not None, (fam, tier, seed)
                parsed(core.figure)
                assert core.figure.alt.strip()
                # every number the figure labels is one the question shows ...
                assert set(core.figure.numbers) <= set(core.numbers), (core.question, core.figure)
                # ... and a student who cannot see it hears every one of them
                assert set(core.figure.numbers) <= set(said(core.figure))
                assert f.check(core) == []
                # deterministic by seed
                assert f.generate(tier, seed, kind).figure == core.figure


def test_data_figures_are_the_data_the_question_lists() -> None:
    for fam in ("line_plot", "center_and_spread", "box_plot", "describe_data"):
        f = family(fam)
        for tier in range(1, 6):
            core = f.generate(tier, 5)
            assert core.figure is not None and core.figure.kind == "dot_plot"
            listed = core.numbers
            if "histogram bin" in core.question:
                listed = core.numbers[:-2]  # the bin's ends are not data
            if "decrease when" in core.question:
                listed = core.numbers[:-1]  # the removed value is named again
            assert sorted(core.figure.numbers) == sorted(listed), (fam, tier, core.question)


def test_families_without_a_picture_draw_none() -> None:
    for f in all_families():
        if f.name not in DRAWN:
            assert f.generate(2, 1).figure is None, f.name


def test_a_family_check_catches_a_figure_that_labels_another_number() -> None:
    f = family("opposites")
    core = f.generate(2, 3)
    assert core.figure is not None
    other = figures.number_line(-100, 100, [Fraction(42)])
    wrong = core.model_copy(update={"figure": other})
    assert any("which the question does not have" in p for p in f.check(wrong))


def test_a_figure_that_repeats_the_question_keeps_the_fingerprint_one_with_its_own_does_not() -> (
    None
):
    core = family("opposites").generate(2, 3)
    bare = core.model_copy(update={"figure": None})
    assert core_fingerprint(core) == core_fingerprint(bare)
    own = figures.angles([(35, "35°")])
    assert core_fingerprint(core.model_copy(update={"figure": own})) != core_fingerprint(bare)


def test_the_figure_goes_out_on_the_practice_item() -> None:
    core = family("coordinate_polygon").generate(3, 9)
    item = plain_item(Slot(core.topic, "Polygons", 3, core=core), "gen-x")
    assert item.figure == core.figure
    again = type(item).model_validate(item.model_dump(mode="json"))
    assert again.figure == core.figure


def test_a_generated_week_stores_each_figure_and_review_show_prints_its_alt_text(
    demo: Run, demo_url: str
) -> None:
    result = demo("generate", "plan", "--class", "demo-6a", "--week", DEMO_WEEK, *FAKE)
    assert result.exit_code == 0, result.output
    listed = demo("review", "list", "--class", "demo-6a", "--json")
    assert listed.exit_code == 0, listed.output
    items = json.loads(listed.stdout)["items"]
    drawn = [i for i in items if i["family"] in DRAWN]
    assert drawn, "the demo week has items from families that draw"
    engine = make_engine(demo_url)
    try:
        with Session(engine) as session:
            for entry in drawn:
                row = session.get(Item, entry["id"])
                assert row is not None and row.figure is not None and row.seed is not None
                assert row.family is not None
                # what was stored is exactly what the family draws for that core
                core = family(row.family).generate(row.tier, row.seed, row.kind.value)
                assert Figure.model_validate(row.figure) == core.figure
            undrawn = session.scalars(
                select(Item).where(Item.family.is_not(None), Item.family.not_in(DRAWN))
            ).all()
            assert all(row.figure is None for row in undrawn)
    finally:
        engine.dispose()
    shown = demo("review", "show", drawn[0]["id"])
    assert shown.exit_code == 0, shown.output
    data = json.loads(demo("review", "show", drawn[0]["id"], "--json").stdout)
    assert data["figure"]["svg"].startswith("<svg")
    assert f"figure attached ({data['figure']['kind']}): {data['figure']['alt']}" in shown.stdout
