"""Actor dictionaries: loading, validating and layering the data files.

Bundled files live in ``dotterel/data/actors``.  A user's own files (setting
``actors``) are recognised by their header row — the same columns as the bundled
file of that kind — and layered on top: a surface form defined in a later file
replaces the earlier definition of the same form.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Annotated

import pycountry
from pydantic import AfterValidator, BaseModel, field_validator

from .datafiles import data_path, read_tsv, split_multi, validate
from .errors import DataFileError

__all__ = ["ActorData", "Candidate", "Term", "load_actor_data", "valid_codes"]

NON_STATE = {"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"}
SECTORS = {
    "GOV", "MIL", "COP", "JUD", "LEG", "PTY", "REB", "SPY", "UAF", "UNK", "BUS", "CRM", "CVL",
    "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC", "AGR", "PRM",
}
BUNDLED = ("countries.tsv", "metonyms.tsv", "organisations.tsv", "people.tsv", "sectors.tsv",
           "special_terms.tsv", "combining_forms.tsv")


@lru_cache(maxsize=1)
def valid_codes() -> frozenset[str]:
    codes = {c.alpha_3 for c in pycountry.countries}
    return frozenset(codes | NON_STATE | {"KOS"})


def _check_code(value: str) -> str:
    if value not in valid_codes():
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-3 or PLOVER non-state code")
    return value


def _check_sector(value: str, blank_ok: bool = False) -> str:
    if (blank_ok and value == "") or value in SECTORS:
        return value
    raise ValueError(f"{value!r} is not a PLOVER sector code")


Code = Annotated[str, AfterValidator(_check_code)]
SectorCode = Annotated[str, AfterValidator(_check_sector)]


class CountryRow(BaseModel):
    code: Code
    iso2: str
    name: str
    aliases: str
    demonyms: str
    capitals: str
    fold_to: str


    @field_validator("fold_to")
    @classmethod
    def _fold(cls, value: str) -> str:
        return _check_code(value) if value else value


class MetonymRow(BaseModel):
    text: str
    code: Code
    sector: SectorCode
    identifier: str


class OrganisationRow(BaseModel):
    identifier: str
    code: Code
    sector: SectorCode
    other_sectors: str
    aliases: str
    note: str

    @field_validator("other_sectors")
    @classmethod
    def _others(cls, value: str) -> str:
        for part in split_multi(value):
            _check_sector(part)
        return value


class PersonRow(BaseModel):
    name: str
    aliases: str
    country: Code
    sector: SectorCode
    office: str
    start: date
    end: date | None

    @field_validator("end", mode="before")
    @classmethod
    def _blank_end(cls, value: object) -> object:
        return None if value == "" else value


class SectorRow(BaseModel):
    term: str
    sector: SectorCode
    office: str
    kind: str

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        if value not in {"title", "body", "group"}:
            raise ValueError("kind must be title, body or group")
        return value


class SpecialRow(BaseModel):
    term: str
    kind: str

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        if value not in {"dyad", "side", "counterpart", "former"}:
            raise ValueError("kind must be dyad, side, counterpart or former")
        return value


class CombiningRow(BaseModel):
    form: str
    code: Code


ROW_MODELS: dict[str, type[BaseModel]] = {
    "countries": CountryRow,
    "metonyms": MetonymRow,
    "organisations": OrganisationRow,
    "people": PersonRow,
    "sectors": SectorRow,
    "special_terms": SpecialRow,
    "combining_forms": CombiningRow,
}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One meaning of a surface form: a country, capital, organisation, person tenure…"""

    kind: str  # country, demonym, capital, metonym, org, person
    code: str
    sector: str
    identifier: str
    rule: str  # file:line that defined it
    office: str = ""
    other_sectors: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True, slots=True)
class Term:
    """A sector-giving noun or title, or a special referring phrase."""

    term: str
    sector: str
    office: str
    kind: str  # title, body, group, dyad, side, counterpart, former
    rule: str


@dataclass
class ActorData:
    names: dict[str, list[Candidate]]  # surface form (case-sensitive) -> meanings
    terms: dict[str, Term]  # lowercase term -> Term
    combining: dict[str, str]  # "Russo" -> "RUS"
    folds: dict[str, str]  # dependency code -> controlling state

    def add(self, form: str, candidate: Candidate, replace: bool) -> None:
        form = form.strip()
        if not form:
            return
        if replace or form not in self.names:
            self.names[form] = [candidate]
        elif candidate not in self.names[form]:
            self.names[form].append(candidate)


def _kind_of(path: Path) -> str:
    """Which kind of actor file this is, from its header row."""
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            if raw.strip() and not raw.startswith("#"):
                header = sorted(c.strip() for c in raw.rstrip("\n").split("\t"))
                for kind, model in ROW_MODELS.items():
                    if header == sorted(model.model_fields):
                        return kind
                raise DataFileError(path, "header matches no actor file kind "
                                    f"(expected the columns of one of: {', '.join(BUNDLED)})")
    raise DataFileError(path, "no header row found")


def _rows(path: Path, kind: str) -> Iterable[tuple[int, BaseModel]]:
    model = ROW_MODELS[kind]
    for number, row in read_tsv(path, list(model.model_fields)):
        yield number, validate(path, number, model, row)


def _add_country(data: ActorData, row: CountryRow, rule: str, user: bool) -> None:
    code = row.fold_to or row.code
    if row.fold_to:
        data.folds[row.code] = row.fold_to
    for form in [row.name, *split_multi(row.aliases)]:
        data.add(form, Candidate("country", code, "GOV", row.name, rule), user)
    for form in split_multi(row.demonyms):
        data.add(form, Candidate("demonym", code, "", row.name, rule), user)
    for form in split_multi(row.capitals):
        data.add(form, Candidate("capital", code, "GOV", row.name, rule), user)


def _add_row(data: ActorData, kind: str, row: BaseModel, rule: str, user: bool) -> None:
    if isinstance(row, CountryRow):
        _add_country(data, row, rule, user)
    elif isinstance(row, MetonymRow):
        data.add(row.text, Candidate("metonym", row.code, row.sector, row.identifier, rule), True)
    elif isinstance(row, OrganisationRow):
        cand = Candidate("org", row.code, row.sector, row.identifier, rule,
                         other_sectors=tuple(split_multi(row.other_sectors)))
        for form in [row.identifier, *split_multi(row.aliases)]:
            data.add(form, cand, user)
    elif isinstance(row, PersonRow):
        cand = Candidate("person", row.country, row.sector, row.name, rule, office=row.office,
                         start=row.start, end=row.end)
        for form in [row.name, *split_multi(row.aliases)]:
            data.add(form, cand, False)
    elif isinstance(row, SectorRow):
        term = row.term.lower()
        data.terms[term] = Term(term, row.sector, row.office, row.kind, rule)
    elif isinstance(row, SpecialRow):
        data.terms[row.term.lower()] = Term(row.term.lower(), "", "", row.kind, rule)
    elif isinstance(row, CombiningRow):
        data.combining[row.form] = row.code
        data.add(row.form, Candidate("combining", row.code, "", row.form, rule), user)


def _load_file(data: ActorData, path: Path, kind: str, user: bool) -> None:
    for number, row in _rows(path, kind):
        _add_row(data, kind, row, f"{path.name}:{number}", user)


@lru_cache(maxsize=8)
def load_actor_data(extra: tuple[str, ...] = ()) -> ActorData:
    """Load the bundled actor files, then each user file in ``extra`` on top."""
    data = ActorData(names={}, terms={}, combining={}, folds={})
    for name in BUNDLED:
        path = data_path("actors", name)
        _load_file(data, path, name.removesuffix(".tsv"), user=False)
    for item in extra:
        path = Path(item)
        if not path.exists():
            raise DataFileError(path, "actor file not found (check the `actors` setting)")
        _load_file(data, path, _kind_of(path), user=True)
    return data
