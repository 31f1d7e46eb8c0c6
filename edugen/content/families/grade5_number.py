"""Grade-5 families for operations and algebraic thinking, base ten and fractions
(5.OA, 5.NBT, 5.NF)."""

from __future__ import annotations

from edugen.content.families.base import Family

FAMILIES: tuple[type[Family], ...] = ()
