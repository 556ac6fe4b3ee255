"""``dotterel serve`` and its server: read-only, loopback by default, else a warning."""

from __future__ import annotations

import httpx
import pytest
from typer.testing import CliRunner

import dotterel.web
from dotterel.cli.main import app
from dotterel.errors import ConfigError, StoreError
from dotterel.web.server import is_loopback, running


class FakeServer:
    def __init__(self, store, host, port, **options):
        self.store, self.host, self.port, self.options, self.ran = store, host, port, options, False

    def run(self):
        self.ran = True
        assert self.store.read_only


@pytest.fixture
def started(monkeypatch) -> list[FakeServer]:
    made: list[FakeServer] = []

    def make(*args, **kwargs):
        made.append(FakeServer(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(dotterel.web, "make_server", make)
    return made


def serve(*args: str):
    return CliRunner().invoke(app, ["serve", *args], env={"COLUMNS": "200"})


def test_serve_defaults_to_loopback_read_only(demo_db, started):
    result = serve("--db", str(demo_db))
    assert result.exit_code == 0, result.output
    (server,) = started
    assert (server.host, server.port, server.ran) == ("127.0.0.1", 8000, True)
    assert "read-only at http://127.0.0.1:8000/" in result.stdout
    assert "warning" not in result.stderr


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::"])
def test_serve_warns_when_exposed(demo_db, started, host):
    result = serve("--db", str(demo_db), "--host", host, "--port", "8123")
    assert result.exit_code == 0, result.output
    assert f"warning: serving on {host}, not loopback" in result.stderr
    assert started[0].port == 8123


def test_serve_needs_an_existing_database(tmp_path, started):
    result = serve("--db", str(tmp_path / "missing.duckdb"))
    assert isinstance(result.exception, StoreError) and not started
    assert not (tmp_path / "missing.duckdb").exists()


@pytest.mark.parametrize("port", ["0", "70000"])
def test_serve_checks_the_port(demo_db, started, port):
    assert serve("--db", str(demo_db), "--port", port).exit_code == 2 and not started


@pytest.mark.parametrize("host, expected", [
    ("127.0.0.1", True), ("127.8.0.1", True), ("localhost", True), ("::1", True),
    ("[::1]", True), ("0.0.0.0", False), ("::", False), ("10.0.0.1", False),
    ("example.org", False),
])
def test_is_loopback(host, expected):
    assert is_loopback(host) is expected


def test_running_serves_and_stops(demo_store):
    with running(demo_store) as base:
        assert base.startswith("http://127.0.0.1:")
        assert httpx.get(f"{base}/api/actors").json()["actors"][0]["code"] == "RUS"
        refused = httpx.get(f"{base}/api/actors", headers={"host": "attacker.example"})
        assert refused.status_code == 400  # DNS rebinding: a foreign Host header
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{base}/api/actors", timeout=2)


def test_running_reports_a_busy_port(demo_store):
    with running(demo_store) as base:
        port = int(base.rsplit(":", 1)[1])
        with pytest.raises(ConfigError, match="is the port in use"), running(demo_store, port=port):
            pass
