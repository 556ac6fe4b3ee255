"""The trigger lexicon: words and constructions that express each PLOVER event type.

One YAML file per type in ``dotterel/data/lexicon`` (``consult.yaml``, …) plus
``_cues.yaml`` with the modality cues.  Users can layer their own files (setting
``lexicon``); an entry with the same key (lemma, pos, particle, objects)
replaces the bundled one.  Entries are validated with pydantic on load; errors
name the file and line.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, get_args, get_origin, get_type_hints

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from .datafiles import data_path
from .errors import DataFileError
from .ontology import Ontology, load_ontology

__all__ = ["Cues", "Lexicon", "Trigger", "load_lexicon"]


class _EntryModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lemma: str = Field(min_length=1)
    pos: Literal["verb", "noun"] = "verb"
    particle: str | None = None
    object: list[str] = Field(default_factory=list)
    mode: str | None = None
    cameo: str = Field(pattern=r"^\d{2,4}$")
    recipient_preps: list[str] = Field(default_factory=list)
    symmetric: bool = False
    confidence: float = Field(default=0.8, gt=0, le=1)
    context: list[str] = Field(default_factory=list)
    id: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Trigger:
    id: str
    type: str
    lemma: str
    pos: str
    cameo: str
    particle: str | None = None
    objects: frozenset[str] = frozenset()
    mode: str | None = None
    recipient_preps: tuple[str, ...] = ()
    symmetric: bool = False
    confidence: float = 0.8
    context: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str, str, tuple[str, ...]]:
        return (self.lemma, self.pos, self.particle or "", tuple(sorted(self.objects)))

    @property
    def specificity(self) -> int:
        return (2 if self.objects else 0) + (1 if self.particle else 0)


@dataclass(frozen=True)
class Cues:
    future_aux: frozenset[str]
    hypothetical_aux: frozenset[str]
    intent_verbs: frozenset[str]
    intent_nouns: frozenset[str]
    ultimatum_marks: frozenset[str]
    ultimatum: tuple[str, str, str]
    vow_verbs: frozenset[str]
    future_modifiers: frozenset[str]
    speech_verbs: frozenset[str]
    negators: frozenset[str]
    conditional_marks: frozenset[str]
    absorbing_types: frozenset[str]
    circumstantial_preps: frozenset[str]
    default_recipient_preps: dict[str, tuple[str, ...]]
    future_conversions: dict[str, tuple[str, str]]
    threat_conversions: dict[str, tuple[str, str]]
    refusal_conversions: dict[str, tuple[str | None, str]]
    particles_as_advmod: frozenset[str]
    joint_modifiers: frozenset[str]
    joint_types: frozenset[str]
    joint_opening_modes: frozenset[str]
    joint_opening: tuple[str, str, str]
    support_verbs: frozenset[str]
    accompanying_preps: frozenset[str]
    noun_of_roles: dict[str, str]
    reaction_types: frozenset[str]
    reaction_objects: frozenset[str]
    civilian_sectors: frozenset[str]
    civilian_violence: tuple[str, str, str]
    civilian_strike: tuple[str, str, str]
    diplomatic_sectors: frozenset[str]
    diplomatic_protest_words: frozenset[str]
    diplomatic_protest: tuple[str, str, str]
    characterising_verbs: frozenset[str]
    compound_nouns: dict[str, str]
    conversation_types: frozenset[str]
    conversation_preps: frozenset[str]
    crowd_types: frozenset[str]
    amount_words: frozenset[str]
    own_force_types: frozenset[str]
    expulsion_modes: frozenset[str]
    deported_sectors: frozenset[str]
    displacing_verbs: frozenset[str]
    flight_verbs: frozenset[str]
    arrival_verbs: frozenset[str]
    aid_cargo: frozenset[str]
    aid_carriers: frozenset[str]
    carrying_verbs: frozenset[str]
    giving_participles: frozenset[str]
    arrival_aid: tuple[str, str, str]
    object_control_verbs: frozenset[str]
    forced_flight: tuple[str, str, str]
    specific_pledges: dict[str, tuple[str, str | None, str]]
    crowd_sector: str
    victim_types: frozenset[str]
    unattributed_sector: str
    natural_causes: frozenset[str]
    toll_nouns: frozenset[str]
    label_negative: frozenset[str]
    label_positive: frozenset[str]
    label_accuse: tuple[str, str, str]
    label_support: tuple[str, str, str]
    invited_types: frozenset[str]
    invitation_nouns: frozenset[str]
    invitation_preps: frozenset[str]
    invited_help: tuple[str, str, str]
    obligation_aux: frozenset[str]
    obligation: tuple[str, str, str]
    stance_participles: frozenset[str]
    test_weapons: frozenset[str]
    test_marks: frozenset[str]
    weapons_test: tuple[str, str, str]
    body_codes: frozenset[str]
    leaving_body: tuple[str, str, str]
    command_verbs: frozenset[str]
    ordering_verbs: frozenset[str]
    restating_participles: frozenset[str]
    deadline_verbs: frozenset[str]
    deadline_units: frozenset[str]
    deadline: tuple[str, str, str]
    departure_verbs: frozenset[str]
    ordered_out: tuple[str, str, str]
    command: tuple[str, str, str]
    chain_of_command: frozenset[str]
    joint_activities: frozenset[str]
    force_movement: tuple[str, str, str]
    military_craft: frozenset[str]
    menace_phrases: frozenset[str]
    menace: tuple[str, str, str]
    retort_verbs: frozenset[str]
    personal_violence_modes: frozenset[str]
    killing_verbs: frozenset[str]
    civilian_obstruction: tuple[str, str, str]
    civilian_obstruction_types: frozenset[str]
    forces_obstruction: tuple[str, str, str]
    forces_sectors: frozenset[str]
    armed_group_sectors: frozenset[str]
    receiving_verbs: frozenset[str]
    demand_nouns: frozenset[str]
    crowd_words: frozenset[str]
    attempt_verbs: frozenset[str]
    ordered_types: frozenset[str]
    courtesy_call: tuple[str, str, str]
    finding_verbs: frozenset[str]
    offence_verbs: frozenset[str]
    offences: frozenset[str]
    reported_offence: tuple[str, str, str]
    reluctance_verbs: frozenset[str]
    deportation: tuple[str, str, str]
    carry_on_verbs: frozenset[str]
    carry_on_adverbs: frozenset[str]
    exclusion_verbs: frozenset[str]
    open_threat_carriers: frozenset[str]
    open_threats: dict[str, tuple[str, str]]
    open_threat_preps: frozenset[str]
    crowd_demand: tuple[str, str, str]
    demand_call: tuple[str, str, str]
    receiving_preps: frozenset[str]
    armed_group_riot: tuple[str, str, str]
    claim_nouns: frozenset[str]
    stance_verbs: frozenset[str]
    disclaimed_nouns: frozenset[str]
    withheld_on_condition: tuple[str, str, str]
    implied_authorities: dict[str, str]


@dataclass
class Lexicon:
    verbs: dict[str, list[Trigger]] = field(default_factory=dict)
    nouns: dict[str, list[Trigger]] = field(default_factory=dict)
    light_objects: dict[str, set[str]] = field(default_factory=dict)  # verb -> object lemmas
    cues: Cues | None = None
    digest: str = ""

    def __len__(self) -> int:
        return sum(len(v) for v in self.verbs.values()) + sum(len(v) for v in self.nouns.values())

    def all(self) -> list[Trigger]:
        return [t for d in (self.verbs, self.nouns) for ts in d.values() for t in ts]

    def add(self, trig: Trigger) -> None:
        table = self.verbs if trig.pos == "verb" else self.nouns
        entries = [t for t in table.get(trig.lemma, []) if t.key != trig.key]
        entries.append(trig)
        entries.sort(key=lambda t: -t.specificity)
        table[trig.lemma] = entries
        if trig.objects:
            self.light_objects.setdefault(trig.lemma, set()).update(trig.objects)


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A YAML loader that records the line of every mapping as ``__line__``."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:  # YAML lets a later key silently replace an earlier one
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _load_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506
    except OSError as exc:
        raise DataFileError(path, f"cannot open lexicon file ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataFileError(path, f"not valid YAML ({getattr(exc, 'problem', exc)})",
                            mark.line + 1 if mark else None) from None


def _check_entry(path: Path, line: int, etype: str, entry: _EntryModel, onto: Ontology) -> None:
    if entry.mode and not onto.is_mode(etype, entry.mode):
        raise DataFileError(path, f"{entry.mode!r} is not a mode of {etype}", line)
    if entry.cameo not in onto.cameo:
        raise DataFileError(path, f"unknown CAMEO code {entry.cameo!r}", line)
    for ctx in entry.context:
        if ctx not in onto.contexts:
            raise DataFileError(path, f"unknown PLOVER context {ctx!r}", line)


def _triggers(path: Path, onto: Ontology) -> list[Trigger]:
    doc = _load_yaml(path)
    if not isinstance(doc, dict) or "entries" not in doc or "type" not in doc:
        raise DataFileError(path, "a lexicon file needs `type:` and `entries:`")
    etype = doc["type"]
    if etype not in onto.types:
        raise DataFileError(path, f"unknown PLOVER type {etype!r}", doc.get("__line__"))
    out = []
    for raw in doc["entries"] or []:
        line = raw.pop("__line__", None) if isinstance(raw, dict) else None
        try:
            entry = _EntryModel.model_validate(raw)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "entry"
            raise DataFileError(path, f"{where}: {first['msg']}", line) from None
        _check_entry(path, line or 0, etype, entry, onto)
        out.append(_trigger(path, line, etype, entry))
    return out


def _trigger(path: Path, line: int | None, etype: str, e: _EntryModel) -> Trigger:
    return Trigger(
        id=e.id or f"{path.stem}:{line}", type=etype, lemma=e.lemma.lower(), pos=e.pos,
        cameo=e.cameo, particle=e.particle.lower() if e.particle else None,
        objects=frozenset(o.lower() for o in e.object), mode=e.mode,
        recipient_preps=tuple(e.recipient_preps), symmetric=e.symmetric,
        confidence=e.confidence, context=tuple(e.context),
    )


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def _yaml_type(tp: Any) -> Any:
    """The type a cue is written with in YAML: sets and open tuples as lists, a ``None``
    part of a fixed tuple as a string ("" for none)."""
    origin, args = get_origin(tp), get_args(tp)
    if origin is frozenset or origin is tuple and args[-1] is Ellipsis:
        return list[str]
    if origin is dict:
        return dict.__class_getitem__((args[0], _yaml_type(args[1])))
    if origin is tuple:
        return tuple.__class_getitem__(tuple(str if type(None) in get_args(a) else a
                                             for a in args))
    return tp


def _from_yaml(tp: Any, value: Any) -> Any:
    origin, args = get_origin(tp), get_args(tp)
    if origin is frozenset:
        return frozenset(value)
    if origin is dict:
        return {k: _from_yaml(args[1], v) for k, v in value.items()}
    if origin is tuple and args[-1] is Ellipsis:
        return tuple(value)
    if origin is tuple:
        return tuple(None if x == "" and type(None) in get_args(a) else x
                     for a, x in zip(args, value, strict=True))
    return value


@lru_cache(maxsize=1)
def _cue_types() -> tuple[dict[str, Any], type[BaseModel]]:
    """The cue fields (from :class:`Cues`, declared once) and the model that validates
    ``_cues.yaml`` against them: every cue present, no unknown key."""
    hints = get_type_hints(Cues)
    fields: dict[str, Any] = {name: (_yaml_type(tp), ...) for name, tp in hints.items()}
    model: type[BaseModel] = create_model(
        "_CuesModel", __config__=ConfigDict(extra="forbid"), **fields)
    return hints, model


def _cues(path: Path) -> Cues:
    raw = _strip_lines(_load_yaml(path))
    hints, model = _cue_types()
    try:
        data = model.model_validate(raw).model_dump()
    except ValidationError as exc:
        first = exc.errors()[0]
        raise DataFileError(path, f"{'.'.join(map(str, first['loc']))}: {first['msg']}") from None
    return Cues(**{name: _from_yaml(hints[name], data[name]) for name in hints})


@lru_cache(maxsize=4)
def load_lexicon(extra: tuple[str, ...] = ()) -> Lexicon:
    """Load the bundled lexicon, then each user file in ``extra`` on top."""
    onto = load_ontology()
    lexicon = Lexicon()
    digest = hashlib.sha256()
    base = data_path("lexicon")
    files = sorted(p for p in base.glob("*.yaml") if not p.name.startswith("_"))
    files += [Path(p) for p in extra]
    for path in files:
        if not path.exists():
            raise DataFileError(path, "lexicon file not found (check the `lexicon` setting)")
        digest.update(path.read_bytes())
        for trig in _triggers(path, onto):
            lexicon.add(trig)
    cues = base / "_cues.yaml"
    digest.update(cues.read_bytes())
    lexicon.cues = _cues(cues)
    lexicon.digest = digest.hexdigest()[:10]
    return lexicon
