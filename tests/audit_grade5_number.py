"""Independent solvers for the audit of `edugen.content.families.grade5_number`:
each works a key out again from the question text alone, sharing no code with the families."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SOLVERS: dict[str, Callable[[str, list[Any]], Any]] = {}
RIGHT: dict[str, Callable[[str, Any, Any], bool]] = {}
# families whose items are about a picture: each draws one for every tier and kind
DRAWN: set[str] = set()
