"""edugen: next week's personalized practice for every student."""

__version__ = "0.1.0"
