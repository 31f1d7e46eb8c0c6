"""Backends turn prompts into text: one small interface, batched (DESIGN.md §4)."""
