"""Moved to edugen.review (the one review gate); this name stays only while pipeline.py's
callers move over. Import from edugen.review instead."""

from edugen.review import *  # noqa: F403
from edugen.review import __all__  # noqa: F401
