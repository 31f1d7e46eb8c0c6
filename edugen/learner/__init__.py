"""Learner model: mastery estimated from every answer (DESIGN.md §3)."""
