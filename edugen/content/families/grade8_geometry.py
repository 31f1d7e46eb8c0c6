"""Grade-8 geometry: transformations, congruence and similarity, angles, the Pythagorean
theorem, volume (8.G)."""

from __future__ import annotations

from edugen.content.families.base import Family

FAMILIES: tuple[type[Family], ...] = ()
