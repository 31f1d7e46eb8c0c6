"""Grade-7 expressions and equations (7.EE)."""

from __future__ import annotations

from edugen.content.families.base import Family

FAMILIES: tuple[type[Family], ...] = ()
