"""Grade-6 sub-standards not yet practised: 6.NS.C.6.c, 6.NS.C.7.b, 6.NS.C.7.d,
6.EE.A.2.a-c, 6.EE.B.6, 6.SP.A.1, 6.SP.A.2, 6.SP.B.5.a-d."""

from __future__ import annotations

from edugen.content.families.base import Family

FAMILIES: tuple[type[Family], ...] = ()
