"""Grade-3 families for operations and algebraic thinking, base ten and fractions
(3.OA, 3.NBT, 3.NF)."""

from __future__ import annotations

from edugen.content.families.base import Family

FAMILIES: tuple[type[Family], ...] = ()
