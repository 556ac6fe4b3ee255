"""PLOVER 2021 and CAMEO: event types, modes, contexts, scores, and the mapping.

All tables are data files in ``dotterel/data/ontology``; this module loads and
checks them and answers small questions (quad class, score, CAMEO→PLOVER).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, field_validator

from .datafiles import data_path, read_tsv_models, split_multi
from .errors import DataFileError

__all__ = ["CameoCode", "Ontology", "PloverType", "load_ontology"]

QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


class _TypeRow(BaseModel):
    type: str
    quad_class: int
    score: float
    requires_recipient: str
    description: str

    @field_validator("requires_recipient")
    @classmethod
    def _yes_no(cls, value: str) -> str:
        if value.lower() not in {"yes", "no"}:
            raise ValueError("must be yes or no")
        return value.lower()


class _ModeRow(BaseModel):
    type: str
    mode: str
    score: float | None
    description: str

    @field_validator("score", mode="before")
    @classmethod
    def _blank(cls, value: object) -> object:
        return None if value == "" else value


class _ContextRow(BaseModel):
    context: str
    description: str
    keywords: str


class _AuxRow(BaseModel):
    aux: str
    description: str


class _CameoRow(BaseModel):
    code: str
    name: str
    root: str
    quad_class: int
    goldstein: float


class _MapRow(BaseModel):
    cameo: str
    type: str
    mode: str
    context: str


@dataclass(frozen=True, slots=True)
class PloverType:
    name: str
    quad_class: int
    score: float
    requires_recipient: bool
    description: str
    modes: dict[str, float | None] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    root: str
    quad_class: int
    goldstein: float
    plover_type: str
    plover_mode: str | None
    plover_context: tuple[str, ...]


@dataclass(frozen=True)
class Ontology:
    types: dict[str, PloverType]
    contexts: dict[str, tuple[str, ...]]  # context -> keywords
    aux_modes: tuple[str, ...]
    cameo: dict[str, CameoCode]

    def quad_class(self, event_type: str) -> int:
        return self.types[event_type].quad_class

    def score(self, event_type: str, mode: str | None = None) -> float:
        """PLOVER conflict-cooperation score of a type, refined by its mode if it has one."""
        plover = self.types[event_type]
        if mode and plover.modes.get(mode) is not None:
            return float(plover.modes[mode])  # type: ignore[arg-type]
        return plover.score

    def is_mode(self, event_type: str, mode: str) -> bool:
        return mode in self.types[event_type].modes

    def goldstein(self, cameo: str) -> float:
        return self.cameo[cameo].goldstein

    def cameo_codes_for(self, event_type: str) -> list[str]:
        return [c.code for c in self.cameo.values() if c.plover_type == event_type]


def _load_types(directory: Path) -> dict[str, PloverType]:
    types: dict[str, PloverType] = {}
    for _, row in read_tsv_models(directory / "plover_types.tsv", _TypeRow):
        types[row.type] = PloverType(
            row.type, row.quad_class, row.score, row.requires_recipient == "yes", row.description
        )
    path = directory / "plover_modes.tsv"
    for number, mode in read_tsv_models(path, _ModeRow):
        if mode.type not in types:
            raise DataFileError(path, f"unknown PLOVER type {mode.type!r}", number)
        types[mode.type].modes[mode.mode] = mode.score
    return types


def _load_cameo(directory: Path, types: dict[str, PloverType], contexts: set[str]):  # noqa: ANN202
    rows = {r.code: r for _, r in read_tsv_models(directory / "cameo_codes.tsv", _CameoRow)}
    path = directory / "cameo_plover.tsv"
    codes: dict[str, CameoCode] = {}
    for number, m in read_tsv_models(path, _MapRow):
        if m.cameo not in rows:
            raise DataFileError(path, f"CAMEO code {m.cameo!r} is not in cameo_codes.tsv", number)
        if m.type not in types:
            raise DataFileError(path, f"unknown PLOVER type {m.type!r}", number)
        if m.mode and m.mode not in types[m.type].modes:
            raise DataFileError(path, f"{m.mode!r} is not a mode of {m.type}", number)
        ctx = tuple(split_multi(m.context))
        for name in ctx:
            if name not in contexts:
                raise DataFileError(path, f"unknown PLOVER context {name!r}", number)
        r = rows[m.cameo]
        codes[m.cameo] = CameoCode(
            r.code, r.name, r.root, r.quad_class, r.goldstein, m.type, m.mode or None, ctx
        )
    missing = sorted(set(rows) - set(codes))
    if missing:
        raise DataFileError(path, f"CAMEO codes without a PLOVER mapping: {', '.join(missing)}")
    return codes


@lru_cache(maxsize=1)
def load_ontology(directory: str | None = None) -> Ontology:
    """Load and check the ontology tables (bundled ones unless ``directory`` is given)."""
    base = Path(directory) if directory else data_path("ontology")
    types = _load_types(base)
    contexts = {
        row.context: tuple(split_multi(row.keywords))
        for _, row in read_tsv_models(base / "plover_contexts.tsv", _ContextRow)
    }
    aux = tuple(row.aux for _, row in read_tsv_models(base / "aux_modes.tsv", _AuxRow))
    cameo = _load_cameo(base, types, set(contexts))
    return Ontology(types, contexts, aux, cameo)
