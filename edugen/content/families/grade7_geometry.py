"""Grade-7 geometry: scale drawings, triangles, cross sections, circles, angles, area,
surface area and volume (7.G)."""

from __future__ import annotations

from edugen.content.families.base import Family

FAMILIES: tuple[type[Family], ...] = ()
