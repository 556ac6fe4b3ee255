"""Actor dictionaries: loading, validating and layering the data files.

Bundled files live in ``dotterel/data/actors``.  A user's own files (setting
``actors``) are recognised by their header row — the same columns as the bundled
file of that kind — and layered on top, in the order given: the first row of a
user file that defines a surface form replaces every earlier meaning of that
form (bundled or from an earlier user file); further rows of the same file add
meanings to it (a second tenure of the same person, say).  Terms (sector nouns,
special phrases, combining forms) are replaced row by row.

File kinds (header columns, tab-separated, in any order; ``#`` lines are comments):

    countries        code iso2 name aliases demonyms capitals fold_to
    metonyms         text code sector identifier
    organisations    identifier code sector other_sectors aliases note
    people           name aliases country sector office start end
    peoples          form code note
    sectors          term sector office kind
    special_terms    term kind
    combining_forms  form code

Every problem raises :class:`~dotterel.errors.DataFileError` naming the file,
the line and the reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
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
BUNDLED = ("countries.tsv", "metonyms.tsv", "organisations.tsv", "people.tsv",
           "people_world.tsv", "peoples.tsv", "sectors.tsv", "special_terms.tsv",
           "combining_forms.tsv")
SPECIAL_KINDS = ("dyad", "side", "counterpart", "former", "bloc", "anaphor", "family", "part",
                 "facility", "sport", "example", "depiction", "ngo")


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
        if value not in SPECIAL_KINDS:
            raise ValueError(f"kind must be one of {', '.join(SPECIAL_KINDS)}")
        return value


class PeoplesRow(BaseModel):
    form: str
    code: str
    note: str

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        return _check_code(value) if value else value


class CombiningRow(BaseModel):
    form: str
    code: Code


ROW_MODELS: dict[str, type[BaseModel]] = {
    "countries": CountryRow,
    "metonyms": MetonymRow,
    "organisations": OrganisationRow,
    "people": PersonRow,
    "peoples": PeoplesRow,
    "sectors": SectorRow,
    "special_terms": SpecialRow,
    "combining_forms": CombiningRow,
}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One meaning of a surface form: a country, capital, organisation, person tenure…"""

    kind: str  # country, demonym, capital, metonym, org, person, people, combining
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
    parts: set[str] = field(default_factory=set)  # "province", "economy": parts of a country
    sport: set[str] = field(default_factory=set)  # "world cup": cues of a sports report
    facilities: set[str] = field(default_factory=set)  # "base": an institution's site
    examples: set[str] = field(default_factory=set)  # "such as": a list of examples follows
    depictions: set[str] = field(default_factory=set)  # "a statue of Saddam": an image, no actor
    ngo_terms: set[str] = field(default_factory=set)  # "rights groups": an NGO, unless owned
    iso2: dict[str, str] = field(default_factory=dict)  # "JP" -> "JPN" (after folding)
    _owner: dict[str, str] = field(default_factory=dict, repr=False)  # form -> layer that set it

    def add(self, form: str, candidate: Candidate, layer: str, replace: bool = False) -> None:
        """Add a meaning of ``form``; a new user layer (or ``replace``) drops older ones."""
        form = form.strip()
        if not form:
            return
        fresh = layer != "bundled" and self._owner.get(form) != layer
        if replace or fresh or form not in self.names:
            self.names[form] = [candidate]
        elif candidate not in self.names[form]:
            self.names[form].append(candidate)
        self._owner[form] = layer


def _kind_of(path: Path) -> str:
    """Which kind of actor file this is, from its header row."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(path, f"cannot open actor file ({exc.strerror})") from None
    with handle:
        for number, raw in enumerate(handle, start=1):
            if raw.strip() and not raw.startswith("#"):
                header = sorted(c.strip() for c in raw.rstrip("\r\n").split("\t"))
                for kind, model in ROW_MODELS.items():
                    if header == sorted(model.model_fields):
                        return kind
                raise DataFileError(path, "header matches no actor file kind; use the "
                                    f"tab-separated columns of one of: {_kinds_help()}", number)
    raise DataFileError(path, "no header row found")


def _kinds_help() -> str:
    return "; ".join(f"{kind} ({', '.join(model.model_fields)})"
                     for kind, model in ROW_MODELS.items())


def _rows(path: Path, kind: str) -> Iterable[tuple[int, BaseModel]]:
    model = ROW_MODELS[kind]
    for number, row in read_tsv(path, list(model.model_fields)):
        yield number, validate(path, number, model, row)


def _add_country(data: ActorData, row: CountryRow, rule: str, layer: str) -> None:
    code = row.fold_to or row.code
    if row.fold_to:
        data.folds[row.code] = row.fold_to
    if row.iso2:
        data.iso2[row.iso2] = code
    for form in [row.name, *split_multi(row.aliases)]:
        data.add(form, Candidate("country", code, "GOV", row.name, rule), layer)
    for form in split_multi(row.demonyms):
        data.add(form, Candidate("demonym", code, "", row.name, rule), layer)
    for form in split_multi(row.capitals):
        data.add(form, Candidate("capital", code, "GOV", row.name, rule), layer)


def _add_special(data: ActorData, row: SpecialRow, rule: str) -> None:
    term = row.term.lower()
    if row.kind == "part":
        data.parts.add(term)
    elif row.kind == "sport":
        data.sport.add(term)
    elif row.kind == "facility":
        data.facilities.add(term)
    elif row.kind == "example":
        data.examples.add(term)
    elif row.kind == "depiction":
        data.depictions.add(term)
    elif row.kind == "ngo":
        data.ngo_terms.add(term)
    else:
        data.terms[term] = Term(term, "", "", row.kind, rule)


def _add_row(data: ActorData, row: BaseModel, rule: str, layer: str) -> None:
    if isinstance(row, CountryRow):
        _add_country(data, row, rule, layer)
    elif isinstance(row, MetonymRow):  # a building beats a capital of the same name
        data.add(row.text, Candidate("metonym", row.code, row.sector, row.identifier, rule), layer,
                 replace=layer == "bundled")
    elif isinstance(row, OrganisationRow):
        cand = Candidate("org", row.code, row.sector, row.identifier, rule,
                         other_sectors=tuple(split_multi(row.other_sectors)))
        for form in [row.identifier, *split_multi(row.aliases)]:
            data.add(form, cand, layer)
    elif isinstance(row, PersonRow):
        cand = Candidate("person", row.country, row.sector, row.name, rule, office=row.office,
                         start=row.start, end=row.end)
        for form in [row.name, *split_multi(row.aliases)]:
            data.add(form, cand, layer)
    elif isinstance(row, PeoplesRow):
        data.add(row.form, Candidate("people", row.code, "", row.form, rule), layer)
    elif isinstance(row, SectorRow):
        term = row.term.lower()
        data.terms[term] = Term(term, row.sector, row.office, row.kind, rule)
    elif isinstance(row, SpecialRow):
        _add_special(data, row, rule)
    elif isinstance(row, CombiningRow):
        data.combining[row.form] = row.code
        data.add(row.form, Candidate("combining", row.code, "", row.form, rule), layer)


def _load_file(data: ActorData, path: Path, kind: str, layer: str) -> None:
    for number, row in _rows(path, kind):
        _add_row(data, row, f"{path.name}:{number}", layer)


@lru_cache(maxsize=8)
def load_actor_data(extra: tuple[str, ...] = ()) -> ActorData:
    """Load the bundled actor files, then each user file in ``extra`` on top, in order."""
    data = ActorData(names={}, terms={}, combining={}, folds={})
    for name in BUNDLED:
        path = data_path("actors", name)
        _load_file(data, path, _kind_of(path), "bundled")
    for number, item in enumerate(extra):
        path = Path(item)
        if not path.exists():
            raise DataFileError(path, "actor file not found (check the `actors` setting)")
        _load_file(data, path, _kind_of(path), f"user{number}:{path}")
    return data
