"""Grade-3 families for measurement and data, and geometry (3.MD, 3.G)."""

from __future__ import annotations

from edugen.content.families.base import Family

FAMILIES: tuple[type[Family], ...] = ()
