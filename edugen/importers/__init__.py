"""Importers: read school files into validated value objects. Pure: no database here.

Each importer module exposes `parse(paths) -> batch` that reads and validates every row
(raising InputError with file:line: field: problem), and names the profiles function that
writes the batch in one transaction (`edugen.profiles.<module>.apply(session=…, batch=…)`).
"""

from __future__ import annotations

KINDS = ("oneroster", "results", "curriculum", "resources", "profiles", "items")
