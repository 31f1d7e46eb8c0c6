"""edugen serve: the HTTP API for an LMS (uvicorn)."""

from __future__ import annotations

import click

from edugen.api.limits import DEFAULT_UPLOAD_TIMEOUT
from edugen.cli.options import AppContext, pass_app


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--max-upload",
    "max_upload_mb",
    default=20,
    show_default=True,
    type=click.IntRange(1, 4096),
    metavar="MB",
    help="Largest request body accepted, in megabytes (413 over it).",
)
@click.option(
    "--upload-timeout",
    "upload_timeout_s",
    default=int(DEFAULT_UPLOAD_TIMEOUT),
    show_default=True,
    type=click.IntRange(1, 3600),
    metavar="SECONDS",
    help="A request body must arrive whole within this time (408 after it).",
)
@click.option(
    "--keep-alive",
    "keep_alive_s",
    default=5,
    show_default=True,
    type=click.IntRange(1, 600),
    metavar="SECONDS",
    help="Close an idle connection after this time.",
)
@pass_app
def command(
    app: AppContext,
    host: str,
    port: int,
    max_upload_mb: int,
    upload_timeout_s: int,
    keep_alive_s: int,
) -> None:
    """Serve the HTTP API (OpenAPI schema at /openapi.json, docs at /docs).

    Every request needs a key from `edugen apikey create`; a key sees only its school.

    \b
    Example:
      edugen serve --host 127.0.0.1 --port 8000
    """
    import uvicorn

    from edugen.api import create_app

    api = create_app(
        app.db_url, max_body=max_upload_mb * 1024 * 1024, upload_timeout=upload_timeout_s
    )
    uvicorn.run(
        api,
        host=host,
        port=port,
        log_level="info",
        proxy_headers=False,
        timeout_keep_alive=keep_alive_s,
    )
