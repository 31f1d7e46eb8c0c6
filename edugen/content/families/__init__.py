"""Verified item families, one or more per curriculum topic, and their registry."""

from __future__ import annotations

from edugen.content.families import (
    arithmetic,
    expressions,
    geometry,
    grade3_measure,
    grade3_number,
    grade4_measure,
    grade4_number,
    grade5_measure,
    grade5_number,
    grade6_more,
    grade7_expressions,
    grade7_geometry,
    grade7_number,
    grade7_ratios,
    grade7_statistics,
    grade8_expressions,
    grade8_functions,
    grade8_geometry,
    grade8_number,
    grade8_statistics,
    ratios,
    signed,
    statistics,
)
from edugen.content.families.base import Draft, Family

__all__ = ["Draft", "Family", "all_families", "families_for", "family", "topics"]

_FAMILIES: tuple[Family, ...] = tuple(
    cls()
    for m in (
        grade3_number,
        grade3_measure,
        grade4_number,
        grade4_measure,
        grade5_number,
        grade5_measure,
        arithmetic,
        ratios,
        signed,
        expressions,
        geometry,
        statistics,
        grade6_more,
        grade7_ratios,
        grade7_number,
        grade7_expressions,
        grade7_geometry,
        grade7_statistics,
        grade8_number,
        grade8_expressions,
        grade8_functions,
        grade8_geometry,
        grade8_statistics,
    )
    for cls in m.FAMILIES
)
_BY_NAME = {f.name: f for f in _FAMILIES}


def all_families() -> tuple[Family, ...]:
    return _FAMILIES


def families_for(topic: str) -> tuple[Family, ...]:
    """The families that write items for a topic code (empty if none do)."""
    return tuple(f for f in _FAMILIES if f.topic == topic)


def family(name: str) -> Family:
    """The family with this name; KeyError if there is none."""
    return _BY_NAME[name]


def topics() -> set[str]:
    return {f.topic for f in _FAMILIES}
