"""edugen teacher add|list|remove|set-password: accounts for the web pages of `edugen serve`."""

from __future__ import annotations

import sys

import click

from edugen.cli.options import AppContext, echo_json, echo_table, json_option, pass_app
from edugen.errors import UsageError
from edugen.profiles import teachers

password_stdin = click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the password from standard input (its first line); required.",
)


def _read_password(flag: bool) -> str:
    # Never an argument or an environment variable: those end up in shell history and ps.
    if not flag:
        raise UsageError("give the password on standard input with --password-stdin")
    return sys.stdin.readline().rstrip("\r\n")


@click.group("teacher")
def command() -> None:
    """Manage teacher accounts for the web pages; each sees only its school (or classes).

    \b
    Example:
      printf '%s\\n' "$PASSWORD" | edugen teacher add ada@school.example \\
          --school demo-school --password-stdin
    """


@command.command()
@click.argument("email")
@click.option("--school", "school_id", required=True, metavar="ID", help="The teacher's school.")
@click.option(
    "--class",
    "class_ids",
    multiple=True,
    metavar="ID",
    help="Only this class (repeat for more); without it, every class of the school.",
)
@password_stdin
@pass_app
def add(
    app: AppContext, email: str, school_id: str, class_ids: tuple[str, ...], password_stdin: bool
) -> None:
    """Add an account; the password (argon2id-hashed) comes from standard input.

    \b
    Example:
      printf '%s\\n' "$PASSWORD" | edugen teacher add ada@school.example \\
          --school demo-school --class demo-6a --password-stdin
    """
    password = _read_password(password_stdin)
    with app.db.begin() as session:
        info = teachers.add_teacher(
            session=session,
            email=email,
            school_id=school_id,
            class_ids=class_ids,
            password=password,
        )
    scope = ", ".join(info.class_ids) if info.class_ids else "every class"
    click.echo(f"Teacher {info.email} added for school {info.school_id} ({scope}).", err=True)


@command.command("list")
@click.option("--school", "school_id", metavar="ID", help="Only this school's teachers.")
@json_option
@pass_app
def list_(app: AppContext, school_id: str | None, as_json: bool) -> None:
    """List accounts (never a password or its hash).

    \b
    Example:
      edugen teacher list --school demo-school
    """
    with app.db.begin(dry_run=True) as session:
        found = teachers.list_teachers(session=session, school_id=school_id)
    rows = [
        {
            "email": t.email,
            "school_id": t.school_id,
            "classes": list(t.class_ids) if as_json else (", ".join(t.class_ids) or "all"),
            "created_at": t.created_at.isoformat(timespec="seconds"),
        }
        for t in found
    ]
    if as_json:
        echo_json(rows)
    else:
        echo_table(rows, ["email", "school_id", "classes", "created_at"])


@command.command()
@click.argument("email")
@pass_app
def remove(app: AppContext, email: str) -> None:
    """Remove an account; its browsers are signed out at once.

    \b
    Example:
      edugen teacher remove ada@school.example
    """
    with app.db.begin() as session:
        info = teachers.remove_teacher(session=session, email=email)
    click.echo(f"Teacher {info.email} removed.", err=True)


@command.command("set-password")
@click.argument("email")
@password_stdin
@pass_app
def set_password(app: AppContext, email: str, password_stdin: bool) -> None:
    """Set a new password from standard input; every signed-in browser is signed out.

    \b
    Example:
      printf '%s\\n' "$PASSWORD" | edugen teacher set-password ada@school.example --password-stdin
    """
    password = _read_password(password_stdin)
    with app.db.begin() as session:
        info = teachers.set_password(session=session, email=email, password=password)
    click.echo(f"Password of {info.email} changed; its sessions are signed out.", err=True)
