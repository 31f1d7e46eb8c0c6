"""edugen templates list|show|path|render|try: the prompt templates and how to override them."""

from __future__ import annotations

import dataclasses
import json

import click

from edugen import config
from edugen.cli.logs import log_option, prompt_logger
from edugen.cli.options import (
    AppContext,
    adapter_option,
    backend_option_values,
    backend_options,
    echo_json,
    echo_table,
    json_option,
    pass_app,
)
from edugen.prompts import templates
from edugen.workflows.backend import try_template

locale_option = click.option(
    "--locale",
    default="en",
    show_default=True,
    metavar="LOCALE",
    help="Language of the templates (a folder of templates per locale).",
)


@click.group("templates")
def command() -> None:
    """See the prompt templates and change them by overriding.

    A file in the override folder (`edugen templates path`) wins over the shipped template
    of the same name. Overrides render in a sandbox, and a missing variable is an error.

    \b
    Example:
      edugen templates list
      edugen templates show hint > "$(edugen templates path --create)/hint.j2"
    """


@command.command("list")
@locale_option
@json_option
def list_(locale: str, as_json: bool) -> None:
    """List the prompt templates: name, shipped or override, output schema.

    \b
    Example:
      edugen templates list --locale en
    """
    found = templates.list_templates(locale)
    if as_json:
        echo_json([dataclasses.asdict(t) for t in found])
    else:
        echo_table([dataclasses.asdict(t) for t in found], ["name", "source", "schema", "path"])


@command.command()
@click.argument("name")
@locale_option
@click.option("--shipped", is_flag=True, help="Show the shipped template even if overridden.")
def show(name: str, locale: str, shipped: bool) -> None:
    """Print a template's source (the override if there is one).

    \b
    Example:
      edugen templates show question_framing
    """
    click.echo(templates.load(name, locale, shipped=shipped).text, nl=False)


@command.command()
@locale_option
@click.option("--create", is_flag=True, help="Create the folder if it does not exist.")
def path(locale: str, create: bool) -> None:
    """Print the override folder for a locale.

    To change a prompt, copy the shipped template into this folder under the same name and
    edit it; keep its first line (`{# schema: ... #}`) and its system and user blocks. To
    add a language, fill the folder of a new locale with all the templates.

    \b
    Example:
      edugen templates path --create
    """
    folder = templates.override_dir(locale)
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    click.echo(str(folder))


@command.command()
@click.argument("name")
@locale_option
@json_option
def render(name: str, locale: str, as_json: bool) -> None:
    """Render a template with a made-up example context, to try an override.

    \b
    Example:
      edugen templates render hint
    """
    template = templates.load(name, locale)
    context = template.output_model().Context.example()
    prompt = templates.render(name, context, locale)
    if as_json:
        echo_json(
            {
                "template": prompt.template,
                "locale": prompt.locale,
                "source": prompt.source,
                "template_hash": prompt.template_hash,
                "schema": prompt.schema,
                "messages": [m.model_dump() for m in prompt.messages],
                "json_schema": prompt.json_schema,
                "max_tokens": prompt.max_tokens,
            }
        )
    else:
        click.echo(prompt.text())
        click.echo(f"\n[output: {prompt.schema}]\n{json.dumps(prompt.json_schema)}")


@command.command("try")
@click.argument("name")
@locale_option
@backend_options
@adapter_option
@click.option("--seed", default=0, show_default=True, help="Sampling seed.")
@log_option
@json_option
@pass_app
def try_(
    app: AppContext,
    name: str,
    locale: str,
    backend_name: str | None,
    options: tuple[str, ...],
    adapter: str | None,
    seed: int,
    no_log: bool,
    as_json: bool,
) -> None:
    """Run a template with its example context through a backend and show the output.

    The request and its output go to the prompt log (see `edugen logs list`) unless
    --no-log is given. Exits 1 when the output did not pass its schema.

    \b
    Example:
      edugen templates try hint
      edugen templates try hint --backend fake --option mode=garbage --no-log
    """
    outcome = try_template(
        name=name,
        locale=locale,
        backend_name=backend_name or config.generate_settings().backend,
        backend_options=backend_option_values(options, adapter),
        seed=seed,
        log=prompt_logger(app, no_log),
    )
    if as_json:
        echo_json(
            {
                "outcome": outcome.outcome,
                "output": outcome.text,
                "parsed": outcome.parsed.model_dump() if outcome.parsed is not None else None,
                "problems": [str(p) for p in outcome.problems],
            }
        )
    else:
        click.echo(outcome.text)
        click.echo(f"outcome: {outcome.outcome}", err=True)
        for problem in outcome.problems:
            click.echo(f"  {problem}", err=True)
    if not outcome.accepted:
        click.get_current_context().exit(1)
