"""The accuracy gate: floors pinned per gold file in ``eval/floors.toml``.

Each ``[[gold]]`` table names a gold file (``path``, relative to the floors
file's directory's parent, i.e. the project root), its ``sha256`` and its
``floors`` (dotted metric names from the evaluation report).  A gold file
marked ``optional`` is skipped with a notice when absent.  ``update_floors``
raises floors to the current figures and refuses to lower one unless
``allow_regression`` is set.
"""

from __future__ import annotations

import hashlib
import math
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError, GateError

__all__ = ["GATED_METRICS", "GateResult", "check_floors", "metric", "update_floors"]

GATED_METRICS = (
    "event_type.accuracy", "event_type.first_choice_accuracy", "event_type.macro_f1",
    "actor_country_accuracy",
    "recipient_country_accuracy", "events.precision", "events.recall", "events.f1",
    "date_accuracy", "location_accuracy",
)


@dataclass
class GateResult:
    path: str
    skipped: str | None = None
    failures: list[str] = field(default_factory=list)
    figures: dict[str, float] = field(default_factory=dict)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def metric(report: dict[str, Any], name: str) -> float | None:
    value: Any = report
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return float(value) if isinstance(value, int | float) else None


def load_floors(path: Path) -> list[dict[str, Any]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: floors file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    golds = data.get("gold", [])
    if not isinstance(golds, list) or not all(isinstance(g, dict) and "path" in g for g in golds):
        raise ConfigError(f"{path}: expected [[gold]] tables with a `path`")
    return golds


def gold_path(floors_path: Path, entry: dict[str, Any]) -> Path:
    return (floors_path.resolve().parent.parent / entry["path"]).resolve()


def check_floors(floors_path: Path,
                 evaluate: Callable[[Path], dict[str, Any]]) -> list[GateResult]:
    results = []
    for entry in load_floors(floors_path):
        path = gold_path(floors_path, entry)
        result = GateResult(entry["path"])
        if not path.exists():
            if not entry.get("optional"):
                raise GateError(f"{entry['path']}: gold file is missing")
            result.skipped = "gold file not present on this machine"
            results.append(result)
            continue
        if entry.get("sha256") and sha256(path) != entry["sha256"]:
            result.failures.append("gold file changed since its floors were pinned; "
                                   "review the change and re-pin with --update-floors")
        report = evaluate(path)
        for name, floor in entry.get("floors", {}).items():
            value = metric(report, name)
            if value is None:
                result.failures.append(f"{name}: not reported")
                continue
            result.figures[name] = value
            if value + 1e-9 < float(floor):
                result.failures.append(f"{name} = {value:.4f} is below its floor {floor}")
        results.append(result)
    return results


def update_floors(floors_path: Path, evaluate: Callable[[Path], dict[str, Any]],
                  allow_regression: bool = False) -> list[str]:
    """Pin floors at the current figures; return a line per change."""
    entries = load_floors(floors_path)
    changes: list[str] = []
    for entry in entries:
        path = gold_path(floors_path, entry)
        if not path.exists():
            changes.append(f"{entry['path']}: absent, floors kept")
            continue
        report = evaluate(path)
        floors = entry.setdefault("floors", {})
        for name in GATED_METRICS:
            value = metric(report, name)
            if value is None:
                continue
            new = math.floor(value * 1000) / 1000
            old = floors.get(name)
            if old is not None and new < float(old) and not allow_regression:
                raise GateError(f"{entry['path']}: {name} would drop from {old} to {new}; "
                                "fix the regression or pass --allow-regression")
            if old != new:
                changes.append(f"{entry['path']}: {name} {old} -> {new}")
            floors[name] = new
        entry["sha256"] = sha256(path)
    floors_path.write_text(_dump(entries), encoding="utf-8")
    return changes


def _dump(entries: list[dict[str, Any]]) -> str:
    lines = ["# Accuracy floors per gold file, checked by `make eval` (dotterel evaluate --gate).",
             "# Raise with `dotterel evaluate --gate eval/floors.toml --update-floors`; lowering",
             "# a floor needs --allow-regression and a reason in the commit message.", ""]
    for entry in entries:
        lines.append("[[gold]]")
        lines.append(f'path = "{entry["path"]}"')
        if entry.get("optional"):
            lines.append("optional = true")
        if entry.get("sha256"):
            lines.append(f'sha256 = "{entry["sha256"]}"')
        lines.append("[gold.floors]")
        for name, value in entry.get("floors", {}).items():
            lines.append(f'"{name}" = {value}')
        lines.append("")
    return "\n".join(lines)
