"""Grade-7 number system: adding, subtracting, multiplying and dividing rational numbers (7.NS)."""

from __future__ import annotations

from edugen.content.families.base import Family

FAMILIES: tuple[type[Family], ...] = ()
