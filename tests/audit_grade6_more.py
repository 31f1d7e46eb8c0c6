"""Independent solvers for the audit of `edugen.content.families.grade6_more`:
each works a key out again from the question text alone, sharing no code with the families."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# family name -> solver(question text, the numbers it writes) -> the expected answer
SOLVERS: dict[str, Callable[[str, list[Any]], Any]] = {}
# families whose answer is right in a way `same` cannot tell (e.g. any equivalent equation):
# family name -> right(question text, value, expected) -> bool
RIGHT: dict[str, Callable[[str, Any, Any], bool]] = {}
# families whose items are about a picture: each draws one for every tier and kind
DRAWN: set[str] = set()
