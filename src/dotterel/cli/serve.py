"""``dotterel serve``: the read-only web dashboard over a database."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import console, err_console, state
from .stores import DbOption, db_path, open_store


def serve_command(
    ctx: typer.Context,
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on; anything but loopback "
                                           "exposes the data to the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Explore a database in the browser: dyad timelines, events with evidence, the network."""
    from ..web import is_loopback, make_server

    path = db_path(ctx, db)
    with open_store(ctx, db) as store:  # read-only (an older schema is migrated first)
        if not is_loopback(host):
            err_console.print(f"dotterel: warning: serving on {host}, not loopback: anyone who "
                              "can reach this machine can read the database", highlight=False,
                              soft_wrap=True, markup=False)
        server = make_server(store, host, port, log_level=_log_level(ctx))
        console.print(f"Serving {path} read-only at {_url(host, port)} (API at /docs; "
                      "Ctrl+C to stop)", highlight=False, soft_wrap=True, markup=False)
        server.run()


def _log_level(ctx: typer.Context) -> str:
    flags = state(ctx)
    return "error" if flags.quiet else "info" if flags.verbose else "warning"


def _url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}/"


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
