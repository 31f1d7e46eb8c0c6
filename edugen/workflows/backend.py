"""Choosing a backend for a job: the one named on the command line, else the configured one.

Also runs one prompt template through a backend (`edugen templates try`).
"""

from __future__ import annotations

from typing import Any

from edugen import config
from edugen.backends import base as backends
from edugen.prompts import runner, templates
from edugen.prompts.runner import LogCallback, Outcome


def make_backend(
    settings: config.GenerateSettings, name: str | None, options: dict[str, Any]
) -> backends.Backend:
    """The backend named on the command line, else the configured one with its options."""
    if name is None:
        return backends.create(settings.backend, {**settings.backend_options, **options})
    return backends.create(name, options)


def with_backend_defaults(
    settings: config.GenerateSettings, backend: backends.Backend
) -> config.GenerateSettings:
    """`settings` with what it leaves unset (framing, who writes the texts) taken from the
    backend: the built-in model frames plainly and writes no texts unless asked."""
    update = {
        key: value
        for key, value in (
            ("framing", backend.default_framing),
            ("texts", backend.default_texts),
        )
        if getattr(settings, key) is None
    }
    return settings.model_copy(update=update) if update else settings


def try_template(
    *,
    name: str,
    locale: str,
    backend_name: str,
    backend_options: dict[str, Any],
    seed: int,
    log: LogCallback | None,
) -> Outcome:
    """Run one prompt template, with its example context, through a backend."""
    template = templates.load(name, locale)
    prompt = templates.render(name, template.output_model().Context.example(), locale)
    backend = backends.create(backend_name, backend_options)
    try:
        (outcome,) = runner.run(backend, [prompt], seeds=[seed], log=log)
    finally:
        backend.close()
    return outcome
