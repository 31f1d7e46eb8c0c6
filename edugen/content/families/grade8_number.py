"""Grade-8 number system: rational and irrational numbers (8.NS)."""

from __future__ import annotations

from edugen.content.families.base import Family

FAMILIES: tuple[type[Family], ...] = ()
