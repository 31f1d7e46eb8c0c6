"""Figures drawn in code from an item's own numbers: SVG, alt text, the numbers labelled.

Every builder is deterministic (the same numbers give the same bytes), escapes its text
(lxml builds the elements) and writes alt text that says what a student who cannot see
the figure needs. Exporters inline the SVG or rasterise it; text formats print `as_text`.
"""

from __future__ import annotations

from edugen.content.figures.data import box_plot, dot_plot, histogram, scatter_plot
from edugen.content.figures.grade6_more_figs import lettered_grid, lettered_line
from edugen.content.figures.grade7_geometry_figs import (
    circle,
    frame,
    house_shape,
    l_shape,
    rectangular_pyramid,
    scale_drawing,
    vertical_angles,
)
from edugen.content.figures.grade7_statistics_figs import box_plots, dot_plots
from edugen.content.figures.grade8_geometry_figs import (
    angle_triangle,
    cone,
    right_triangle,
    similar_triangles,
    sphere,
    squares_on_sides,
    transversal,
)
from edugen.content.figures.lines import number_line, tape
from edugen.content.figures.plane import coordinate_plane
from edugen.content.figures.shapes import (
    angles,
    cylinder,
    parallelogram,
    rectangular_prism,
    trapezoid,
    triangle,
    triangular_prism,
)
from edugen.content.figures.svg import label
from edugen.content.figures.table import table
from edugen.schemas import Figure

__all__ = [
    "Figure",
    "angle_triangle",
    "angles",
    "as_text",
    "box_plot",
    "box_plots",
    "circle",
    "cone",
    "coordinate_plane",
    "cylinder",
    "dot_plot",
    "dot_plots",
    "frame",
    "histogram",
    "house_shape",
    "l_shape",
    "lettered_grid",
    "lettered_line",
    "number_line",
    "parallelogram",
    "rectangular_prism",
    "rectangular_pyramid",
    "right_triangle",
    "scale_drawing",
    "scatter_plot",
    "similar_triangles",
    "sphere",
    "spoken_numbers",
    "squares_on_sides",
    "table",
    "tape",
    "transversal",
    "trapezoid",
    "triangle",
    "triangular_prism",
    "vertical_angles",
]


def as_text(figure: Figure) -> str:
    """The figure where no picture can go (plain text, Markdown, a screen reader)."""
    return f"[Figure: {figure.alt}]"


def spoken_numbers(text: str) -> str:
    """Alt text with the minus sign read back as a hyphen, for comparing its numbers."""
    return text.replace(label("-1")[0], "-")
