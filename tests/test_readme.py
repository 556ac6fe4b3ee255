"""The README documents every command and setting, and its examples run."""

import re
from pathlib import Path

import typer.main

from dotterel.cli.main import app
from dotterel.settings import SETTINGS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def command_names() -> list[str]:
    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def test_every_cli_command_is_documented():
    missing = [name for name in command_names() if f"dotterel {name}" not in README]
    assert not missing, f"commands missing from README: {missing}"


def test_every_setting_is_documented():
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in README]
    assert not missing, f"settings missing from README: {missing}"


def test_the_two_setup_commands_come_first():
    first_block = README.split("```sh", 1)[1].split("```", 1)[0]
    assert "make demo" in first_block and "make test" in first_block
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, re.M)


def test_python_example_runs():
    code = README.split("```python", 1)[1].split("```", 1)[0]
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102
    assert namespace["events"], "the README example should code at least one event"
