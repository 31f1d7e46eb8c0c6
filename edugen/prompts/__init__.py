"""Prompts: typed, pseudonymous contexts rendered through Jinja templates (DESIGN.md §4).

`contexts` holds what a prompt may carry, `outputs` what a model must answer, `screening`
keeps roster names out of a context, `templates` renders them, `runner` sends a batch
through a backend, checks each output and hands every request (`log`) to the prompt log.
"""
