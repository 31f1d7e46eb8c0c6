"""Planner: pure functions from a profile snapshot to picks with reasons (DESIGN.md §3)."""
