"""Grade-5 families for measurement and data, and geometry (5.MD, 5.G)."""

from __future__ import annotations

from edugen.content.families.base import Family

FAMILIES: tuple[type[Family], ...] = ()
