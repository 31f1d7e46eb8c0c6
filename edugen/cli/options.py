"""Options and helpers shared by the command groups."""

from __future__ import annotations

import copy
import json
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import click

from edugen.profiles.db import Database

F = TypeVar("F", bound=Callable[..., Any])
C = TypeVar("C", bound=click.Command)


@dataclass
class AppContext:
    """Per-invocation state: the --db URL and the database, opened (and migrated) on first use."""

    db_url: str | None = None
    _db: Database | None = field(default=None, repr=False)

    @property
    def db(self) -> Database:
        if self._db is None:
            self._db = Database(self.db_url)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()


def hidden_alias(command: C, old_name: str, new_name: str) -> C:
    """`command` under its old name for one release: it still works and says what replaced
    it on stderr (stdout stays the artifact), and --help no longer lists it."""
    alias = copy.copy(command)
    alias.name = old_name
    alias.hidden = True
    alias.deprecated = f"Use 'edugen {new_name}'; the old name goes in the next release."
    return alias


def compose(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    """Several click options as one decorator."""

    def apply(f: F) -> F:
        for decorator in reversed(decorators):
            f = decorator(f)
        return f

    return apply


pass_app = click.make_pass_decorator(AppContext, ensure=True)

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for machines.")
dry_run_option = click.option(
    "--dry-run", is_flag=True, help="Validate and report what would change; write nothing."
)


backend_options = compose(
    click.option(
        "--backend",
        "backend_name",
        metavar="NAME",
        help="Backend to generate with (default: [generate] backend in edugen.toml, else "
        "transformers, the built-in model).",
    ),
    click.option(
        "--option",
        "options",
        multiple=True,
        metavar="KEY=VALUE",
        help="A backend option (repeatable), e.g. --option base_url=http://127.0.0.1:8080/v1.",
    ),
)


def tuning_jobs_option(help: str) -> Callable[[F], F]:
    """`--job NAME` (repeatable, into `jobs`): jobs of the shipped tuning set."""
    from edugen.prompts.tuning import JOBS

    return click.option("--job", "jobs", multiple=True, type=click.Choice(JOBS), help=help)


adapter_option = click.option(
    "--adapter",
    metavar="NAME",
    help="A LoRA adapter from `edugen model tune` to apply (transformers backend; default: "
    "the active one, see `edugen model use`; 'none' for the base model alone).",
)


def backend_option_values(pairs: tuple[str, ...], adapter: str | None = None) -> dict[str, Any]:
    """--option KEY=VALUE pairs, and --adapter as the backend option `adapter`."""
    parsed = parse_options(pairs)
    if adapter is not None:
        parsed["adapter"] = adapter
    return parsed


def parse_options(pairs: tuple[str, ...]) -> dict[str, Any]:
    """KEY=VALUE pairs; a value that reads as JSON (numbers, true, lists) is taken as such."""
    parsed: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{pair!r} is not KEY=VALUE", param_hint="--option")
        try:
            parsed[key] = json.loads(raw)
        except json.JSONDecodeError:
            parsed[key] = raw
    return parsed


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def echo_table(rows: list[dict[str, Any]], columns: list[str]) -> None:
    """A plain aligned table on stdout."""
    if not rows:
        click.echo("(none)")
        return
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    click.echo("  ".join("-" * w for w in widths))
    for row in cells:
        click.echo("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(printable(v) for v in value)
    return printable(value)


def printable(value: Any) -> str:
    """Stored text made safe for a terminal: control and format characters (escape
    sequences, carriage returns, bidi overrides) are shown escaped, never sent raw."""
    text = str(value)
    if text.isprintable():
        return text
    return "".join(
        ch.encode("unicode_escape").decode("ascii")
        if unicodedata.category(ch) in ("Cc", "Cf")
        else ch
        for ch in text
    )
