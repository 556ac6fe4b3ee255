"""One event, many reports: which coded events (mentions) are the same real-world event.

Two mentions are **linked** when all of these hold:

* *types* are equal, or a pair listed in ``data/dedup/compatible_types.tsv`` (with
  its CAMEO prefixes; such a pair may ask for more evidence than ``dedup_threshold``);
* *modality* is equal: asserted, future, negated and hypothetical mentions never merge
  (for the forward-looking types of ``data/dedup/forward_types.tsv`` -- AGREE -- the
  future mode does not count: "will meet" and "agreed to meet" are one agreement; its
  date is still the planned one, so a cluster never spans two periods of the analyses);
* *dates* agree: two day-precision dates differ by at most ``dedup_days`` (not at all
  within one document, which dates its events alike); a month- or year-precision
  date agrees only with dates inside its period; undated mentions only with each
  other, within one document;
* *participants* agree: the same countries as a set for symmetric types
  (``data/dedup/symmetric_types.tsv``) or symmetric mentions (``extra["symmetric"]``),
  otherwise the same actor countries and the same recipient countries.  A mention
  naming only some of them (the coder often finds one side only) agrees too, but
  across documents such a partial or one-country mention must share a named person
  or office with the other, or its place and either a similar trigger or the day;
* *evidence* is similar: ``similarity`` (trigger, named people and offices, place) is at
  least ``dedup_threshold``; two mentions naming disjoint people are never linked.

**Clustering** (``cluster_mentions``) is deterministic and order-free, in two tiers.
*Fine* mentions (day precision, or undated) are clustered region by region: the
connected components of their links are *regions*; inside one, mentions are taken
most countries first (then most confident, smallest id) and each joins the cluster
holding its best link among those it *fits* — every member agrees with it on type,
modality and date, and its countries fit the cluster's (one contains the other, per
role) — or starts a new cluster.  So a one-sided "Japan protested" cannot bridge two
protests to different countries, nor a day-tolerance chain two meetings two days
apart.  *Coarse* mentions (month or year precision: "in January", "in 2014") then
join the cluster of the fine mention they link to best (ties to the smallest id);
those linked to none are clustered among themselves the same way.  Coarse mentions
never join two fine clusters together, so a month-precision report cannot bridge two
summits of that month.  A cluster's id is a hash of the smallest id of its fine
mentions (of all its mentions for a coarse cluster); its canonical mention is the
most confident one.

Candidates are never all pairs: a mention is filed under its *block* (type group,
modality, sorted countries) and compared only with mentions of that block whose date
periods overlap (``dedup_days`` around day dates), with mentions naming one of its
countries alone (``Mention.home`` and ``Mention.probes``), and with the mentions of its
own document.  Keeping the store's clusters up to date is :mod:`dotterel.clusters`.
"""

from __future__ import annotations

import hashlib
import json
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, field_validator

from .datafiles import data_path, read_tsv_models, split_multi
from .errors import ConfigError, DataFileError

__all__ = [
    "ALGORITHM_VERSION",
    "Cluster",
    "Mention",
    "Params",
    "Rules",
    "attachment",
    "bench_clustering",
    "canonical_key",
    "cluster_id_for",
    "cluster_mentions",
    "date_text",
    "dates_agree",
    "is_fine",
    "link",
    "links_by_id",
    "load_rules",
    "mention_from_json",
    "mention_from_row",
    "mention_json",
    "neighbours",
    "participants_agree",
    "similarity",
    "tier_clusters",
    "trigger_lemmas",
]

ALGORITHM_VERSION = "1"  # bump when a change would cluster the same mentions differently
PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
MODALITY = ("future", "hypothetical", "negation")  # aux modes that make a separate event
# Evidence weights: the trigger, named people and offices, the place.
W_TRIGGER, W_PEOPLE, W_PLACE = 0.4, 0.3, 0.3
# Trigger scores below "same word": same PLOVER mode, same CAMEO code, same type only.
SAME_MODE, SAME_CAMEO, SAME_TYPE = 0.75, 0.6, 0.4
PLACE_INSIDE = 0.75  # a city and the country (or region) that holds it
PLACE_SAME_COUNTRY = 0.25  # two different cities of one country
_SPECIFIC_RULES = ("people", "organisations", "metonyms")
_WORD = re.compile(r"[a-z][a-z'-]*")
_RULE_FILES = ("compatible_types.tsv", "symmetric_types.tsv", "trigger_words.tsv",
               "generic_offices.tsv", "forward_types.tsv")


# --- rules (data files) -----------------------------------------------------------------


class _PairRow(BaseModel):
    type_a: str
    cameo_a: str
    type_b: str
    cameo_b: str
    min_similarity: float
    why: str

    @field_validator("min_similarity")
    @classmethod
    def _unit(cls, value: float) -> float:
        if not 0 <= value <= 1:
            raise ValueError("must be between 0 and 1")
        return value


class _SymmetricRow(BaseModel):
    type: str
    why: str


class _WordRow(BaseModel):
    word: str
    lemma: str


class _OfficeRow(BaseModel):
    office: str
    why: str


@dataclass(frozen=True)
class Pair:
    """Two compatible types: CAMEO prefixes each must have (empty: any), and the evidence needed."""

    prefixes: Mapping[str, tuple[str, ...]]
    min_similarity: float

    def need(self, type_a: str, cameo_a: str, type_b: str, cameo_b: str) -> float | None:
        for etype, cameo in ((type_a, cameo_a), (type_b, cameo_b)):
            allowed = self.prefixes[etype]
            if allowed and not cameo.startswith(allowed):
                return None
        return self.min_similarity


@dataclass(frozen=True)
class Rules:
    """The rules of ``data/dedup``: compatible types, symmetric types, words, generic offices."""

    pairs: Mapping[frozenset[str], Pair]
    symmetric: frozenset[str]
    words: Mapping[str, str]  # word -> lemma; "" drops the word
    generic_offices: frozenset[str] = frozenset()  # lower case
    digest: str = ""  # hash of the files, so stored clusters know which rules made them
    forward: frozenset[str] = frozenset()  # types whose "future" mode is no separate event

    def modality(self, event_type: str, aux: Iterable[str]) -> str:
        """"asserted", or the aux modes that make a mention a separate event."""
        modes = set(aux) - ({"future"} if event_type in self.forward else set())
        return "+".join(a for a in MODALITY if a in modes) or "asserted"

    def min_similarity(self, type_a: str, cameo_a: str, type_b: str,
                       cameo_b: str) -> float | None:
        """0 for one type, the pair's minimum for a compatible pair, None otherwise."""
        if type_a == type_b:
            return 0.0
        pair = self.pairs.get(frozenset((type_a, type_b)))
        return None if pair is None else pair.need(type_a, cameo_a, type_b, cameo_b)

    def group(self, event_type: str) -> str:
        """The blocking name of a type: its compatible pair (``AGREE~SUPPORT``) or itself."""
        for pair in self.pairs:
            if event_type in pair:
                return "~".join(sorted(pair))
        return event_type


def _check_types(path: Path, number: int, names: Iterable[str]) -> None:
    from .ontology import load_ontology

    known = load_ontology().types
    for name in names:
        if name not in known:
            raise DataFileError(path, f"unknown PLOVER type {name!r}", number)


def _prefixes(cell: str) -> tuple[str, ...]:
    return () if cell.strip() == "-" else tuple(split_multi(cell))


def _read_pairs(path: Path) -> dict[frozenset[str], Pair]:
    pairs: dict[frozenset[str], Pair] = {}
    seen: set[str] = set()
    for number, row in read_tsv_models(path, _PairRow):
        _check_types(path, number, (row.type_a, row.type_b))
        if row.type_a == row.type_b or {row.type_a, row.type_b} & seen:
            raise DataFileError(path, "each row pairs two different types, each type in at "
                                      "most one pair (blocking needs disjoint groups)", number)
        seen |= {row.type_a, row.type_b}
        prefixes = {row.type_a: _prefixes(row.cameo_a), row.type_b: _prefixes(row.cameo_b)}
        if any(not p.isdigit() for found in prefixes.values() for p in found):
            raise DataFileError(path, "CAMEO prefixes are digits, |-separated, or -", number)
        pairs[frozenset((row.type_a, row.type_b))] = Pair(prefixes, row.min_similarity)
    return pairs


def _read_types(path: Path) -> frozenset[str]:
    found = set()
    for number, row in read_tsv_models(path, _SymmetricRow):
        _check_types(path, number, (row.type,))
        found.add(row.type)
    return frozenset(found)


def _read_words(path: Path) -> dict[str, str]:
    words = {}
    for number, row in read_tsv_models(path, _WordRow):
        if not row.word or row.word != row.word.lower() or not row.lemma:
            raise DataFileError(path, "word must be lower case; lemma a word or -", number)
        words[row.word] = "" if row.lemma == "-" else row.lemma
    return words


def _read_offices(path: Path) -> frozenset[str]:
    return frozenset(row.office.lower() for _, row in read_tsv_models(path, _OfficeRow))


@lru_cache(maxsize=4)
def load_rules(directory: str | None = None) -> Rules:
    """The rules in ``data/dedup`` (or ``directory``), validated."""
    base = Path(directory) if directory else data_path("dedup")
    files = [base / name for name in _RULE_FILES]
    digest = hashlib.blake2b(b"".join(p.read_bytes() for p in files if p.exists()),
                             digest_size=8).hexdigest()
    return Rules(_read_pairs(files[0]), _read_types(files[1]), _read_words(files[2]),
                 _read_offices(files[3]), digest, _read_types(files[4]))


@dataclass(frozen=True, slots=True)
class Params:
    """The two settings: day tolerance and similarity threshold."""

    days: int = 1
    threshold: float = 0.5

    @classmethod
    def of(cls, settings: Mapping[str, Any]) -> Params:
        days, threshold = settings["dedup_days"], settings["dedup_threshold"]
        if int(days) < 0:
            raise ConfigError(f"dedup_days must be 0 or more, got {days!r}")
        if not 0 <= float(threshold) <= 1:
            raise ConfigError(f"dedup_threshold must be between 0 and 1, got {threshold!r}")
        return cls(int(days), float(threshold))


# --- mentions ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mention:
    """What clustering needs to know about one stored event."""

    id: str
    doc_id: str
    event: str
    group: str  # blocking group of the type (Rules.group)
    modality: str  # "asserted", or the aux modes among future/hypothetical/negation
    precision: str | None
    lo: date | None  # the date's period: a day, a month or a year
    hi: date | None
    actors: frozenset[str]
    recipients: frozenset[str]
    symmetric: bool
    lemmas: frozenset[str] = frozenset()
    entry: str = ""  # lexicon entry that fired, without the coder version
    mode: tuple[str, ...] = ()
    cameo: str = ""
    people: frozenset[str] = frozenset()  # named people/organisations, CODE:office
    named: bool = False  # people holds at least one name (not offices only)
    place: str | None = None
    place_country: str | None = None
    place_level: str | None = None
    place_weak: bool = False  # the place is the dateline's, not the sentence's
    confidence: float = 0.0
    source: str = ""  # publisher, else the URL's host, else the document
    seen: date | None = None  # published, else the day it was stored
    aux: tuple[str, ...] = ()

    # derived in __post_init__: every country named, and the blocking keys (see _blocks)
    codes: frozenset[str] = field(init=False, repr=False, compare=False)
    home: tuple[str, ...] = field(init=False, repr=False, compare=False)
    probes: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        codes = self.actors | self.recipients
        object.__setattr__(self, "codes", codes)
        home, probes = _blocks(self, codes)
        object.__setattr__(self, "home", home)
        object.__setattr__(self, "probes", probes)


def _blocks(m: Mention, codes: frozenset[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The blocks a mention is filed under (*home*) and those it searches (*probes*).

    ``S|…|JPN+RUS`` is its type group, modality and sorted countries.  A mention naming
    several countries is also filed under ``P|…|JPN`` and ``P|…|RUS``, which a mention
    naming one of them alone searches; it searches the lone ``S|…|JPN`` and ``S|…|RUS``.
    Likewise a mention naming three or more countries is filed under ``Q|…|CAN+USA`` for
    each pair of them, which a mention naming just that pair searches, and it searches the
    pairs' ``S|…`` blocks ("the EU, along with the United States and Canada, expelled
    Russian diplomats" and "the United States expelled Russian diplomats").
    Undated mentions and mentions without countries have no blocks (same document only).
    """
    if m.lo is None or not codes:
        return (), ()
    base = f"{m.group}|{m.modality}|"
    ordered = sorted(codes)
    own = f"S|{base}{'+'.join(ordered)}"
    if len(ordered) == 1:
        return (own,), (own, f"P|{base}{ordered[0]}")
    home = [own, *(f"P|{base}{code}" for code in ordered)]
    probes = [own, *(f"S|{base}{code}" for code in ordered)]
    if len(ordered) == 2:
        probes.append(f"Q|{base}{ordered[0]}+{ordered[1]}")
    else:
        pairs = [f"{x}+{y}" for i, x in enumerate(ordered) for y in ordered[i + 1:]]
        home += [f"Q|{base}{pair}" for pair in pairs]
        probes += [f"S|{base}{pair}" for pair in pairs]
    return tuple(home), tuple(probes)


def trigger_lemmas(text: str | None, rules: Rules) -> frozenset[str]:
    """The content-word lemmas of a trigger ("held talks" -> {hold, talk})."""
    found = set()
    for word in _WORD.findall((text or "").lower()):
        lemma = rules.words[word] if word in rules.words else _stem(word)
        if lemma:
            found.add(lemma)
    return frozenset(found)


def _stem(word: str) -> str:
    """A crude English stem, the same for the regular forms of a verb or noun."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[: -len(suffix)] + keep
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]
    return word[:-1] if len(word) > 3 and word.endswith("e") else word


def period(value: str | None, precision: str | None) -> tuple[str | None, date | None,
                                                               date | None]:
    """(precision, first day, last day) of an ISO date, month or year string."""
    if not value:
        return None, None, None
    try:
        numbers = [int(p) for p in value.split("-")]
        kind = precision or {1: "year", 2: "month"}.get(len(numbers), "day")
        if kind == "year":
            return kind, date(numbers[0], 1, 1), date(numbers[0], 12, 31)
        first = date(numbers[0], numbers[1], numbers[2] if kind == "day" else 1)
    except (ValueError, IndexError):
        return None, None, None
    if kind == "day":
        return kind, first, first
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return kind, first, following - timedelta(days=1)


def _people(entities: Sequence[Mapping[str, Any]], generic: frozenset[str]) -> tuple[
        frozenset[str], bool]:
    """Named people and organisations, and specific offices ("RUS:president")."""
    names = {str(e["identifier"]).lower() for e in entities
             if e.get("identifier") and (e.get("rule") or "").startswith(_SPECIFIC_RULES)}
    offices = {f"{e['code']}:{str(e['office']).lower()}" for e in entities
               if e.get("office") and str(e["office"]).lower() not in generic}
    return frozenset(names | offices), bool(names)


def _source(row: Mapping[str, Any]) -> str:
    if row.get("publisher"):
        return str(row["publisher"]).strip().lower()
    host = re.match(r"[a-z]+://([^/]+)", row.get("url") or "")
    return host[1].lower() if host else f"doc:{row['doc_id']}"


def _seen(row: Mapping[str, Any]) -> date | None:
    if row.get("published"):
        return row["published"]
    added = row.get("ingested_at")
    return added.date() if added is not None else None


def _symmetric(extra: Any) -> bool:
    if isinstance(extra, str):
        try:
            extra = json.loads(extra)
        except ValueError:
            return False
    return bool(isinstance(extra, dict) and extra.get("symmetric"))


def mention_from_row(row: Mapping[str, Any], rules: Rules) -> Mention:
    """A Mention from a row of ``clusters.MENTION_SQL`` (or any dict with its keys)."""
    aux = set(row.get("aux") or ())
    precision, lo, hi = period(row.get("date"), row.get("date_precision"))
    people, named = _people(row.get("entities") or (), rules.generic_offices)
    coder = row.get("coder") or ""
    return Mention(
        id=row["id"], doc_id=row["doc_id"], event=row["event"], group=rules.group(row["event"]),
        modality=rules.modality(row["event"], aux),
        precision=precision, lo=lo, hi=hi, actors=frozenset(row.get("actor_codes") or ()),
        recipients=frozenset(row.get("recipient_codes") or ()),
        symmetric=row["event"] in rules.symmetric or _symmetric(row.get("extra")),
        lemmas=trigger_lemmas(row.get("event_text"), rules),
        entry=coder.rpartition("@")[0] or coder, mode=tuple(row.get("mode") or ()),
        cameo=row.get("cameo") or "", people=people, named=named,
        place=(row.get("resolved_place") or row.get("extracted_place") or "").lower() or None,
        place_country=row.get("loc_country"), place_level=row.get("loc_resolution"),
        place_weak=row.get("loc_basis") == "dateline",
        confidence=float(row.get("confidence") or 0.0), source=_source(row), seen=_seen(row),
        aux=tuple(row.get("aux") or ()),
    )


_SETS = ("actors", "recipients", "lemmas", "people")
_DATES = ("lo", "hi", "seen")


def mention_json(m: Mention) -> str:
    """The mention as JSON, stored with its cluster so it is reloaded without re-deriving it."""
    data = {name: getattr(m, name) for name, spec in m.__dataclass_fields__.items()
            if spec.init}
    for name in _SETS:
        data[name] = sorted(data[name])
    for name in _DATES:
        data[name] = data[name].isoformat() if data[name] else None
    return json.dumps(data, separators=(",", ":"))


def mention_from_json(text: str) -> Mention:
    data = json.loads(text)
    for name in _SETS:
        data[name] = frozenset(data[name])
    for name in _DATES:
        data[name] = date.fromisoformat(data[name]) if data[name] else None
    data["mode"], data["aux"] = tuple(data["mode"]), tuple(data["aux"])
    return Mention(**data)


def date_text(m: Mention) -> str | None:
    """The ISO date string of a mention's period ("2017", "2017-03", "2017-03-20")."""
    if m.lo is None:
        return None
    return {"year": m.lo.isoformat()[:4], "month": m.lo.isoformat()[:7]}.get(
        m.precision or "", m.lo.isoformat())


# --- the pairwise rules -------------------------------------------------------------------


def dates_agree(a: Mention, b: Mention, days: int) -> bool:
    """Day dates within ``days`` (0 within one document); a month or year contains the other."""
    if a.lo is None or b.lo is None or a.hi is None or b.hi is None:
        return a.lo is None and b.lo is None and a.doc_id == b.doc_id
    if a.precision == "day" and b.precision == "day":
        return abs((a.lo - b.lo).days) <= (0 if a.doc_id == b.doc_id else days)
    return (a.lo <= b.lo and b.hi <= a.hi) or (b.lo <= a.lo and a.hi <= b.hi)


def _nested(x: frozenset[str], y: frozenset[str]) -> bool:
    return x <= y or y <= x


def participants_agree(a: Mention, b: Mention) -> str | None:
    """"equal" countries (as sets when either is symmetric, else per role), "partial" when
    one names only some of the other's, None when they differ."""
    if a.symmetric or b.symmetric:
        if not a.codes or not b.codes or not _nested(a.codes, b.codes):
            return None
        return "equal" if a.codes == b.codes else "partial"
    if not a.actors or not b.actors:
        return None
    if not _nested(a.actors, b.actors) or not _nested(a.recipients, b.recipients):
        return None
    return "equal" if (a.actors, a.recipients) == (b.actors, b.recipients) else "partial"


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b))


def trigger_score(a: Mention, b: Mention) -> float:
    """1 same word (lexicon entry or lemma), else by PLOVER mode, CAMEO code, type alone."""
    if a.entry and a.entry == b.entry:
        return 1.0
    shared = _overlap(a.lemmas, b.lemmas) if a.lemmas and b.lemmas else 0.0
    if a.mode and a.mode == b.mode:
        shared = max(shared, SAME_MODE)
    if a.cameo and a.cameo == b.cameo:
        shared = max(shared, SAME_CAMEO)
    return max(shared, SAME_TYPE)


def place_score(a: Mention, b: Mention) -> float | None:
    """1 same place, 0.75 a place and the country holding it, 0 elsewhere; None unknown."""
    if not a.place or not b.place:
        return None
    if a.place == b.place:
        return 1.0
    if a.place_country and a.place_country == b.place_country:
        wide = {"country", "region"} & {a.place_level, b.place_level}
        score = PLACE_INSIDE if wide else PLACE_SAME_COUNTRY
    else:
        score = 0.0
    # a dateline says where the report was filed: it counts when it agrees, not against
    return None if (a.place_weak or b.place_weak) and score < PLACE_INSIDE else score


def similarity(a: Mention, b: Mention) -> float:
    """Evidence similarity in [0, 1]: weighted mean of the trigger, people and place scores
    (people and place only when both mentions have them)."""
    parts = [(W_TRIGGER, trigger_score(a, b))]
    if a.people and b.people:
        parts.append((W_PEOPLE, _overlap(a.people, b.people)))
    place = place_score(a, b)
    if place is not None:
        parts.append((W_PLACE, place))
    return sum(w * v for w, v in parts) / sum(w for w, _ in parts)


def _anchored(a: Mention, b: Mention) -> bool:
    """Evidence beyond the countries: a person or office in common, or the same place and
    either a similar trigger or the very same day."""
    if a.people & b.people:
        return True
    same_day = a.precision == b.precision == "day" and a.lo == b.lo
    place = place_score(a, b)
    if place is None and same_day and a.recipients and a.recipients == b.recipients:
        # no place to compare: one act against the same target the same day, in the same
        # words or CAMEO code ('expelled diplomats' / 'the expulsion of diplomats')
        return trigger_score(a, b) >= SAME_CAMEO
    if (place or 0.0) < PLACE_INSIDE:
        return False
    return same_day or trigger_score(a, b) >= SAME_CAMEO


def _need(a: Mention, b: Mention, rules: Rules) -> float | None:
    return rules.min_similarity(a.event, a.cameo, b.event, b.cameo)


def agree(a: Mention, b: Mention, params: Params, rules: Rules) -> bool:
    """The hard conditions every pair in a cluster meets: modality, type, date."""
    return (a.modality == b.modality and _need(a, b, rules) is not None
            and dates_agree(a, b, params.days))


def link(a: Mention, b: Mention, params: Params, rules: Rules) -> float | None:
    """The similarity of two linked mentions, or None when they are not linked."""
    same_doc = a.doc_id == b.doc_id
    if not agree(a, b, params, rules):
        return None
    match = participants_agree(a, b)
    if match is None:
        return None
    if a.named and b.named and not a.people & b.people:
        return None  # different people, different offices: a different meeting
    score = similarity(a, b)
    if score + 1e-9 < max(params.threshold, _need(a, b, rules) or 0.0):
        return None
    thin = match == "partial" or len(a.codes) == 1 or len(b.codes) == 1
    if not same_doc and thin and not _anchored(a, b):
        return None
    return score


# --- clustering ---------------------------------------------------------------------------


@dataclass
class Cluster:
    """Mentions of one real-world event.

    ``core`` are the members that decide its id and region: its day-precision (fine)
    mentions, or for a cluster of coarse mentions all of them.  ``scores`` holds the
    link with which each member joined (None for the first), ``attached`` the fine
    mention each coarse member attached to.
    """

    members: list[Mention]
    core: list[Mention]
    scores: dict[str, float | None] = field(default_factory=dict)
    region: str = ""
    attached: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return cluster_id_for(min(m.id for m in self.core))

    @property
    def fine(self) -> bool:
        return is_fine(self.core[0])

    @property
    def canonical(self) -> Mention:
        return min(self.members, key=canonical_key)


def cluster_id_for(smallest_member: str) -> str:
    """The id of the cluster whose smallest core member id is ``smallest_member``."""
    return "c" + hashlib.blake2b(smallest_member.encode("utf-8"), digest_size=8).hexdigest()


def canonical_key(m: Mention) -> tuple[Any, ...]:
    """Most confident first, then finest date, most countries, smallest id (as store.RANK_SQL)."""
    return (-m.confidence, PRECISION_RANK.get(m.precision or "", 3), -len(m.codes), m.id)


def _join_order(m: Mention) -> tuple[Any, ...]:
    return (PRECISION_RANK.get(m.precision or "", 3), -len(m.codes), -m.confidence, m.id)


def is_fine(m: Mention) -> bool:
    """Day-precision (or undated) mentions form clusters; month and year ones attach to them."""
    return m.precision in (None, "day")


def candidate_pairs(mentions: Sequence[Mention], days: int,
                    only: Iterable[int] | None = None) -> set[tuple[int, int]]:
    """Index pairs worth comparing: one probes a block the other is filed under and their
    periods overlap (``days`` around day dates), or both come from one document.

    With ``only``, just the pairs that involve one of those mentions (the probing and
    filing rules are symmetric, so probing from them finds every such pair).
    """
    pairs: set[tuple[int, int]] = set()
    filed: dict[str, _Block] = defaultdict(_Block)
    documents: dict[str, list[int]] = defaultdict(list)
    for index, m in enumerate(mentions):
        documents[m.doc_id].append(index)
        for key in m.home:
            filed[key].add(index, m)
    for block in filed.values():
        block.sort()
    slack = timedelta(days=days)
    probing = range(len(mentions)) if only is None else sorted(set(only))
    for i in probing:
        m = mentions[i]
        for key in m.probes:
            found = filed.get(key)
            if found is not None:
                pairs.update((min(i, j), max(i, j)) for j in found.overlapping(m, slack)
                             if j != i)
        pairs.update((min(i, j), max(i, j)) for j in documents[m.doc_id] if j != i)
    return pairs


class _Block:
    """The mentions filed under one blocking key: day dates sorted for bisection, and the
    few month- and year-precision ones scanned."""

    def __init__(self) -> None:
        self.days: list[tuple[date, int]] = []
        self.coarse: list[tuple[date, date, int]] = []

    def add(self, index: int, m: Mention) -> None:
        if m.lo is None or m.hi is None:
            return
        if m.lo == m.hi:
            self.days.append((m.lo, index))
        else:
            self.coarse.append((m.lo, m.hi, index))

    def sort(self) -> None:
        self.days.sort()
        self._starts = [day for day, _ in self.days]

    def overlapping(self, m: Mention, slack: timedelta) -> Iterable[int]:
        """The mentions whose period overlaps ``m``'s, widened by ``slack``."""
        if m.lo is None or m.hi is None:
            return
        lo, hi = m.lo - slack, m.hi + slack
        start = bisect_left(self._starts, lo)
        for day, index in self.days[start:]:
            if day > hi:
                break
            yield index
        for first, last, index in self.coarse:
            if first <= hi and last >= lo:
                yield index


def links(mentions: Sequence[Mention], params: Params, rules: Rules,
          only: Iterable[int] | None = None) -> dict[tuple[int, int], float]:
    """Every linked pair of ``mentions`` (by index, those involving ``only`` if given)."""
    found = {}
    for i, j in candidate_pairs(mentions, params.days, only):
        score = link(mentions[i], mentions[j], params, rules)
        if score is not None:
            found[(i, j)] = score
    return found


Links = Mapping[tuple[str, str], float]  # (smaller id, larger id) -> similarity


def links_by_id(mentions: Sequence[Mention], params: Params, rules: Rules,
                new: Iterable[str] | None = None) -> dict[tuple[str, str], float]:
    """The linked pairs of ``mentions`` as (smaller id, larger id) -> similarity; with
    ``new``, only the pairs that involve one of those ids."""
    ordered = sorted(mentions, key=lambda m: m.id)
    only = None
    if new is not None:
        wanted = set(new)
        only = [i for i, m in enumerate(ordered) if m.id in wanted]
    return {(ordered[i].id, ordered[j].id): score
            for (i, j), score in links(ordered, params, rules, only).items()}


def neighbours(found: Links) -> dict[str, dict[str, float]]:
    """Each mention's linked mentions with their similarity."""
    near: dict[str, dict[str, float]] = defaultdict(dict)
    for (a, b), score in found.items():
        near[a][b] = near[b][a] = score
    return near


def regions(members: Sequence[Mention], near: Mapping[str, Mapping[str, float]]) -> list[
        list[Mention]]:
    """Connected components of the links among ``members`` (union-find), by smallest id."""
    index = {m.id: i for i, m in enumerate(members)}
    parent = list(range(len(members)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for m in members:
        for other in near.get(m.id, {}):
            if other in index:
                a, b = root(index[m.id]), root(index[other])
                if a != b:
                    parent[max(a, b)] = min(a, b)
    groups: dict[int, list[Mention]] = defaultdict(list)
    for i, m in enumerate(members):
        groups[root(i)].append(m)
    return sorted(groups.values(), key=lambda g: min(m.id for m in g))


@dataclass
class _Building:
    members: list[Mention]
    actors: set[str]
    recipients: set[str]
    symmetric: bool

    def fits(self, m: Mention) -> bool:
        """Whether ``m``'s countries fit the cluster's: one contains the other, per role."""
        if self.symmetric or m.symmetric:
            return _nested(frozenset(self.actors | self.recipients), m.codes)
        return (_nested(frozenset(self.actors), m.actors)
                and _nested(frozenset(self.recipients), m.recipients))

    def add(self, m: Mention) -> None:
        self.members.append(m)
        self.actors |= m.actors
        self.recipients |= m.recipients
        self.symmetric = self.symmetric or m.symmetric


def greedy(region: Sequence[Mention], near: Mapping[str, Mapping[str, float]], params: Params,
           rules: Rules) -> list[Cluster]:
    """Cluster one region: in join order, each mention joins the fitting cluster it links to
    best (every member agreeing with it on type, modality and date), else starts one."""
    built: list[_Building] = []
    home: dict[str, int] = {}
    joined: dict[str, float | None] = {}
    for m in sorted(region, key=_join_order):
        best, best_score = None, -1.0
        linked: dict[int, float] = {}
        for other, score in near.get(m.id, {}).items():
            if other in home and score > linked.get(home[other], -1.0):
                linked[home[other]] = score
        for number in sorted(linked):  # earlier clusters win ties
            cluster, score = built[number], linked[number]
            if score <= best_score or not cluster.fits(m):
                continue
            if all(agree(m, x, params, rules) for x in cluster.members):
                best, best_score = number, score
        if best is None:
            best = len(built)
            built.append(_Building([], set(), set(), False))
        joined[m.id] = best_score if built[best].members else None
        built[best].add(m)
        home[m.id] = best
    name = min(m.id for m in region)
    return [Cluster(sorted(c.members, key=lambda x: x.id), sorted(c.members, key=lambda x: x.id),
                    {x.id: joined[x.id] for x in c.members}, name) for c in built]


def tier_clusters(members: Sequence[Mention], near: Mapping[str, Mapping[str, float]],
                  params: Params, rules: Rules) -> list[Cluster]:
    """The regions of ``members`` (links among them only), each clustered by ``greedy``."""
    found: list[Cluster] = []
    for region in regions(members, near):
        found += greedy(region, near, params, rules)
    return found


def attachment(m: Mention, near: Mapping[str, Mapping[str, float]],
               fine: Container[str]) -> tuple[str, float] | None:
    """The fine mention a coarse one attaches to: its best link, ties to the smallest id."""
    best = None
    for other, score in near.get(m.id, {}).items():
        if other in fine and (best is None or (-score, other) < (-best[1], best[0])):
            best = (other, score)
    return best


def cluster_mentions(mentions: Sequence[Mention], params: Params | None = None,
                     rules: Rules | None = None, *, known: Links | None = None) -> list[Cluster]:
    """Partition ``mentions`` into clusters (the same result for any input order).

    Day-precision (fine) mentions are clustered region by region; each month- or
    year-precision (coarse) mention then joins the cluster of the fine mention it links
    to best, and the coarse mentions linked to none are clustered among themselves.
    ``known``, when given, is every link among ``mentions`` (see ``links_by_id``).
    """
    params, rules = params or Params(), rules or load_rules()
    near = neighbours(known if known is not None else links_by_id(mentions, params, rules))
    fine = [m for m in mentions if is_fine(m)]
    clusters = tier_clusters(fine, near, params, rules)
    of = {m.id: c for c in clusters for m in c.core}
    alone = []
    for m in sorted((m for m in mentions if not is_fine(m)), key=lambda x: x.id):
        target = attachment(m, near, of)
        if target is None:
            alone.append(m)
        else:
            join(of[target[0]], m, target)
    return sorted(clusters + tier_clusters(alone, near, params, rules), key=lambda c: c.id)


def join(cluster: Cluster, m: Mention, target: tuple[str, float]) -> None:
    """Attach coarse mention ``m`` to ``cluster`` through fine member ``target[0]``."""
    cluster.members = sorted([*cluster.members, m], key=lambda x: x.id)
    cluster.scores[m.id] = target[1]
    cluster.attached[m.id] = target[0]


def bench_clustering(n_docs: int = 10_000, *, coding_docs_per_s: float | None = None,
                     batch_size: int = 32, seed: int = 7) -> dict[str, Any]:
    """Clustering time against coding time for ``n_docs`` synthetic documents.

    Stores synthetic events batch by batch (as ``dotterel ingest`` does) and times
    ``clusters.update_clusters`` after each batch.  Coding time is ``n_docs`` divided
    by ``coding_docs_per_s`` (measured on the demo corpus when not given).
    """
    from .dedup_bench import run_bench

    return run_bench(n_docs, coding_docs_per_s=coding_docs_per_s, batch_size=batch_size,
                     seed=seed)
