"""Reading the project's data files (TSV and YAML) with validation.

Bundled data lives in ``dotterel/data``; users can layer their own files over it.
Every file starts with ``#`` comment lines (scope, sources, columns), then a
header row.  Problems raise :class:`DataFileError` naming file, line and reason.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import DataFileError

__all__ = ["data_path", "read_tsv", "read_tsv_models", "read_yaml", "split_multi"]

M = TypeVar("M", bound=BaseModel)


def data_path(*parts: str) -> Path:
    """Path of a bundled data file, e.g. ``data_path("actors", "countries.tsv")``."""
    return Path(str(resources.files("dotterel").joinpath("data", *parts)))


def split_multi(cell: str) -> list[str]:
    """Split a ``|``-separated cell into its non-empty, stripped values."""
    return [part.strip() for part in cell.split("|") if part.strip()]


def read_tsv(path: Path, columns: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line_number, row)`` for each data row of a commented TSV file.

    The header must hold exactly ``columns`` (in any order); every row must have
    as many cells as the header.
    """
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(path, f"cannot open data file ({exc.strerror})") from None
    with handle:
        header: list[str] | None = None
        for number, raw in enumerate(handle, start=1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = _check_header(path, number, cells, columns)
                continue
            if len(cells) != len(header):
                raise DataFileError(
                    path, f"expected {len(header)} tab-separated cells, found {len(cells)}", number
                )
            yield number, {name: cell.strip() for name, cell in zip(header, cells, strict=True)}
        if header is None:
            raise DataFileError(path, "no header row found")


def _check_header(path: Path, number: int, cells: list[str], columns: Sequence[str]) -> list[str]:
    header = [cell.strip() for cell in cells]
    if sorted(header) != sorted(columns):
        raise DataFileError(
            path, f"header must name the columns {', '.join(columns)}; found {', '.join(header)}",
            number,
        )
    return header


def read_tsv_models(path: Path, model: type[M]) -> Iterator[tuple[int, M]]:
    """Read a TSV file whose columns are the fields of a pydantic ``model``."""
    for number, row in read_tsv(path, list(model.model_fields)):
        yield number, validate(path, number, model, row)


def validate(path: Path, number: int | None, model: type[M], data: Any) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "row"
        raise DataFileError(path, f"{field}: {first['msg']}", number) from None


def read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(path, f"cannot open data file ({exc.strerror})") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", exc)
        raise DataFileError(path, f"not valid YAML ({problem})", line) from None
