"""Grade-4 families for measurement and data, and geometry (4.MD, 4.G)."""

from __future__ import annotations

from edugen.content.families.base import Family

FAMILIES: tuple[type[Family], ...] = ()
