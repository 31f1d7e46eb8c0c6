"""edugen apikey create|list|revoke."""

from __future__ import annotations

import click

from edugen.cli.options import AppContext, echo_json, echo_table, json_option, pass_app
from edugen.profiles import apikeys


@click.group("apikey")
def command() -> None:
    """Manage API keys for `edugen serve`; each key sees only one school.

    \b
    Example:
      edugen apikey create --school demo-school --name "Moodle sync"
    """


@command.command()
@click.option("--school", "school_id", required=True, metavar="ID", help="The key's school.")
@click.option("--name", required=True, help="What the key is for (shown in `apikey list`).")
@json_option
@pass_app
def create(app: AppContext, school_id: str, name: str, as_json: bool) -> None:
    """Create a key and print it once: only its hash is stored.

    \b
    Example:
      edugen apikey create --school demo-school --name "Moodle sync"
    """
    with app.db.begin() as session:
        info, key = apikeys.create_key(session=session, school_id=school_id, name=name)
    if as_json:
        echo_json({"id": info.id, "school_id": info.school_id, "name": info.name, "key": key})
        return
    click.echo(key)
    click.echo(
        f"Key {info.id} ({info.name!r}) for school {info.school_id}. It is shown only now; "
        "send it as `Authorization: Bearer KEY` or `X-API-Key: KEY`.",
        err=True,
    )


@command.command("list")
@click.option("--school", "school_id", metavar="ID", help="Only this school's keys.")
@json_option
@pass_app
def list_(app: AppContext, school_id: str | None, as_json: bool) -> None:
    """List keys (their prefix, never the key).

    \b
    Example:
      edugen apikey list --school demo-school
    """
    with app.db.begin() as session:
        keys = apikeys.list_keys(session=session, school_id=school_id)
    rows = [
        {
            "id": k.id,
            "school_id": k.school_id,
            "name": k.name,
            "prefix": k.prefix + "…",
            "created_at": k.created_at.isoformat(timespec="seconds"),
            "revoked_at": k.revoked_at.isoformat(timespec="seconds") if k.revoked_at else None,
        }
        for k in keys
    ]
    if as_json:
        echo_json(rows)
    else:
        echo_table(rows, ["id", "school_id", "name", "prefix", "created_at", "revoked_at"])


@command.command()
@click.argument("key_id", type=int)
@pass_app
def revoke(app: AppContext, key_id: int) -> None:
    """Revoke a key by its id; requests with it get 401 from then on.

    \b
    Example:
      edugen apikey revoke 3
    """
    with app.db.begin() as session:
        info = apikeys.revoke_key(session=session, key_id=key_id)
    click.echo(f"Key {info.id} ({info.name!r}) revoked.", err=True)
