"""The HTTP API for an LMS: rosters and results in, generation triggered, plans and documents out.

Every request carries an API key; a key sees only its own school.
"""

from __future__ import annotations

from edugen.api.app import create_app

__all__ = ["create_app"]
