"""Grade-4 families for operations and algebraic thinking, base ten and fractions
(4.OA, 4.NBT, 4.NF)."""

from __future__ import annotations

from edugen.content.families.base import Family

FAMILIES: tuple[type[Family], ...] = ()
