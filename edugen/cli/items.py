"""edugen items sample: questions straight from the item families (no model, nothing stored)."""

from __future__ import annotations

from typing import get_args

import click

from edugen.cli.options import echo_json, json_option, printable
from edugen.content.cores import Kind
from edugen.errors import UsageError


@click.group("items")
def command() -> None:
    """Look at verified items without a model or a database.

    \b
    Example:
      edugen items sample --topic 6.RP.A.3.c --count 3
    """


@command.command()
@click.option("--topic", required=True, metavar="CODE", help="The topic code, e.g. 6.G.A.1.")
@click.option("--tier", type=click.IntRange(1, 5), help="Only this tier (default: 1-5 in turn).")
@click.option("--kind", type=click.Choice(get_args(Kind)), help="Only this kind of item.")
@click.option("--count", type=click.IntRange(1, 200), default=5, show_default=True)
@click.option("--seed", type=click.IntRange(0), default=0, show_default=True, help="First seed.")
@json_option
def sample(
    topic: str, tier: int | None, kind: Kind | None, count: int, seed: int, as_json: bool
) -> None:
    """Sample items for a topic: stem, choices, key, solution, each distractor's
    misconception, whether the family's re-check passed, and the figure (SVG and alt text).

    \b
    Example:
      edugen items sample --topic 6.NS.C.8 --tier 4 --count 2 --seed 7 --json
    """
    from edugen.content import figures
    from edugen.content.families import catalog  # sympy: loaded only when asked

    try:
        items = catalog.sample(topic, count=count, seed=seed, tier=tier, kind=kind)
    except UsageError as exc:  # named against the option, with this command's usage line
        raise click.BadParameter(str(exc), param_hint="--topic") from exc
    if as_json:
        echo_json([i.model_dump() for i in items])
        return
    for n, item in enumerate(items, 1):
        check = "verified" if item.verified else "NOT VERIFIED: " + "; ".join(item.problems)
        click.echo(
            f"{n}. [{item.family}, tier {item.tier}, {item.kind}, seed {item.seed}; {check}]"
        )
        click.echo(f"   {printable(item.stem)}")
        if item.figure is not None:
            click.echo(f"   {printable(figures.as_text(item.figure))}")
        for choice in item.choices or []:
            click.echo(f"   - {printable(choice)}")
        click.echo(f"   answer: {printable(item.answer)}")
        for d in item.distractors:
            click.echo(f"   wrong {printable(d.value)}: {printable(d.misconception)}")
        for step in item.solution:
            click.echo(f"   > {printable(step)}")
