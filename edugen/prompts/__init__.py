"""Prompts: typed, pseudonymous contexts rendered through Jinja templates (DESIGN.md §4).

`schemas` holds the context and output models, `templates` renders them, `runner` sends a
batch through a backend, checks each output and hands every request to the prompt log.
"""
