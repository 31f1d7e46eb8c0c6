"""Grade-8 statistics: scatter plots, lines of fit, two-way tables (8.SP)."""

from __future__ import annotations

from edugen.content.families.base import Family

FAMILIES: tuple[type[Family], ...] = ()
