"""Serving the dashboard with uvicorn: ``make_server(store, host, port)``.

The server answers on loopback by default.  Bound to loopback it also accepts
only loopback ``Host`` headers, so a web page elsewhere cannot reach it by DNS
rebinding; bound to any other address it is reachable from the network, and
``dotterel serve`` says so on stderr.
"""

from __future__ import annotations

import ipaddress
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress

import uvicorn

from ..errors import ConfigError
from ..store import Store
from .app import create_app

__all__ = ["LOOPBACK_HOSTS", "is_loopback", "make_server", "running"]

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine only (127.0.0.0/8, ::1 or localhost)."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str) -> list[str] | None:
    """The Host headers to accept: loopback names for a loopback bind, else any."""
    return [*LOOPBACK_HOSTS, host] if is_loopback(host) else None


def make_server(store: Store, host: str = "127.0.0.1", port: int = 8000, *,
                log_level: str = "warning") -> uvicorn.Server:
    """A uvicorn server for the dashboard over ``store``; call ``.run()`` to serve."""
    app = create_app(store, allowed_hosts=allowed_hosts(host))
    config = uvicorn.Config(app, host=host, port=port, log_level=log_level,
                            access_log=log_level in {"info", "debug"}, server_header=False)
    return uvicorn.Server(config)


@contextmanager
def running(store: Store, host: str = "127.0.0.1", port: int = 0, *,
            timeout: float = 15.0) -> Iterator[str]:
    """Serve in a background thread while the block runs; yields the base URL.

    ``port=0`` takes a free port.  For tests, notebooks and the docs screenshot.
    """
    server = make_server(store, host, port)
    thread = threading.Thread(target=_run, args=(server,), name="dotterel-serve", daemon=True)
    thread.start()
    try:
        _wait_started(server, thread, timeout, f"{host}:{port}")
        bound = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://{'[' + host + ']' if ':' in host else host}:{bound}"
    finally:
        server.should_exit = True
        thread.join(timeout)


def _run(server: uvicorn.Server) -> None:
    with suppress(SystemExit):  # uvicorn exits when it cannot bind; _wait_started says so
        server.run()


def _wait_started(server: uvicorn.Server, thread: threading.Thread, timeout: float,
                  where: str) -> None:
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise ConfigError(f"the dashboard did not start on {where}; is the port in use?")
        time.sleep(0.02)
