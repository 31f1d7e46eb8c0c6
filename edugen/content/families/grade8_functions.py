"""Grade-8 functions (8.F)."""

from __future__ import annotations

from edugen.content.families.base import Family

FAMILIES: tuple[type[Family], ...] = ()
