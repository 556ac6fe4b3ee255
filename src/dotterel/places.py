"""The place stage: where each event happened (``event_loc``).

Place names are found once per document with the gazetteer's token index
(:mod:`dotterel.gazetteer`); each event then takes, in order of preference:

1. **clause** — a place the trigger governs: the object of a locative
   preposition attached to the trigger ("fought in Syria", "on Kunashir
   Island", "near Kyiv"), to an event noun the trigger governs ("held talks in
   Tokyo"), to a spot noun in such a phrase ("at a hot-spring inn in Nagato")
   or, one step further, to the trigger's other arguments ("installed missiles
   on Iturup"); the destination of a motion verb ("travelled to Sochi"); the
   origin of leaving and releasing ("freed hostages from Gaza"); the object of
   a visit or conquest ("visited Japan", "annexed Crimea", "the invasion of
   Ukraine"); a place naming the trigger or its event noun ("the Moscow
   summit"); the antecedent of "where" ("Almaty, where crowds stormed
   buildings").  Finer places win, then the
   nearest in the tree;
2. **sentence** — a place of the sentence that frames the trigger's clause
   (see :func:`_sentence_mentions`);
3. **antecedent** — a place named earlier for a definite noun of the event
   ("searched the consulate" after "its consulate in Istanbul"); else, for
   arrests, attacks, releases and the like (``repeat_types``), the place of the
   same actors' last event of that type in this or the previous paragraph
   ("detained activists in Chittagong … Police also detained two journalists",
   see :func:`_done_before`);
4. **dateline** — the dateline's place ("TOKYO, March 17 (Reuters) -"); but an
   attack on another country's people reported from the attacker's country is
   placed at the last place of the target's country named before it (basis
   antecedent, see :func:`_targets_ground`); and **capital** — a government's
   accusation, demand, rejection, threat or sanction reported under another
   country's dateline is placed in its own capital ("SEOUL - Japan lodged a
   strong protest" → Tokyo), unless the dateline is a seat of the
   international body it is addressed to (``data/places/seats.tsv``:
   "BRUSSELS - Hungary rejected the Commission's proposal");
5. none: ``event_loc`` stays ``None``.

An arrival in a country reported from one of its cities is placed in that city
("ISLAMABAD - Guterres arrived in Pakistan" → Islamabad, basis dateline).

After words of speech and protest ("protested the drills on Iturup",
"agreed to suspend the offensive in northeast Syria") the objects and
complements are topics, not places: such an event happened where it was said.
Nor is the origin of a statement or decision (``home_types``) its place:
"withdrew its diplomats from Mogadishu" was decided at home.  A clause joined
to the trigger's by "and" frames it only when their subjects are not actors of
different countries ("Norway sent teams to Turkey, and the Spanish minister
toured Gaziantep": Gaziantep is not where Norway sent them).

A place name is not a place where it names an actor: a token inside an actor
span ("Tokyo protested", "Japan's ambassador", "sanctions on Iran") is a place
only as a destination, origin or conquest ("poured into Georgia", "visited
Japan").  Names inside a longer person, organisation or title ("Paris
Agreement") are not places, nor are dates.  GeoNames alternate names and
buildings that stand for institutions ("the White House") count only as the
object of a preposition ("at the U.N.", not "in U.N. talks").  A demonym
before a spot noun is its country ("in several Indian cities", but not "the
Mauritanian border").

A country-level choice is refined by a finer place of the same country that
frames the trigger ("arrived in Japan … and held talks in Nagato" → Nagato).
"X, Y" ("Vladivostok, Russia", "Palm Beach, Florida") reads Y as X's
container; "X region/province/oblast" makes a region of X (at X's point when X
is a city).

Where a name has several senses, the place stage prefers, in order: a sense
inside the qualifier's country; a sense in the countries of the event's actors
and recipients; a sense in the document's focus countries (most named first,
then the dateline's); the larger population.  Senses under a tenth of the
largest population are dropped first, so "Paris" is Paris, France even in a
story about Texas.  A country name always means the country: "Georgia" is the
Caucasus state; the US state is reached as "state of Georgia".  Which words
count is data (``data/places/cues.yaml``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, field_validator
from spacy.tokens import Doc, Span, Token

from .datafiles import data_path, read_yaml, validate
from .gazetteer import Gazetteer, NameMatch, Place, load_gazetteer
from .nlp import doc_text
from .records import Document, Event, Location

__all__ = ["PlaceCues", "Placer", "load_cues", "locate_events"]

NAME_LABELS = {"PERSON", "ORG", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT", "NORP"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
NOT_PLACE_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
NOMINAL_LINKS = {"compound", "amod", "nmod", "appos", "conj", "flat"}
NOMINAL_POS = {"NOUN", "PROPN", "ADJ", "NUM"}
VERB_POS = {"VERB", "AUX"}
PARTICLE_DEPS = {"advmod", "prt"}
PARTICLES = {"out", "back", "away", "off", "up", "down"}
MODIFIER_DEPS = {"compound", "nmod", "amod"}
FRAME_DEPS = {"nsubj", "nsubjpass", "dobj"}
BORDER_NOUNS = {"border", "frontier", "boundary"}  # 'the Mauritanian border' is not inside
ACTOR_PREPS = {"on", "over", "against", "with", "at"}  # 'sanctions on Iran': still the actor
ARGUMENT_DEPS = {"dobj", "nsubj", "nsubjpass", "attr", "pobj", "npadvmod"}
UNREAL_AUX = {"future", "hypothetical", "negation"}  # events that did not (yet) happen
MINOR_SHARE = 10  # senses under a tenth of the largest population are dropped
DATELINE_CHARS = 120
DATELINE_TOKENS = 40
_DATELINE_END = re.compile(r"\s[-\u2013\u2014]{1,2}\s|\u2014")
_CREDIT = re.compile(r"\([^)]*\)")


class PlaceCues(BaseModel):
    locative_preps: frozenset[str]
    motion_preps: frozenset[str]
    motion_verbs: frozenset[str]
    origin_preps: frozenset[str]
    origin_verbs: frozenset[str]
    target_nouns: frozenset[str]
    group_nouns: frozenset[str]
    visit_verbs: frozenset[str]
    topic_preps: frozenset[str]
    sequence_preps: frozenset[str]
    topic_words: frozenset[str]
    speech_words: frozenset[str]
    venue_nouns: frozenset[str]
    place_nouns: frozenset[str]
    region_words: frozenset[str]
    generic_nouns: dict[str, Literal["city", "region", "island", "water"]]
    present_types: frozenset[str]
    home_types: frozenset[str]
    abroad_types: frozenset[str]
    repeat_types: frozenset[str]

    @field_validator("present_types", "home_types", "abroad_types", "repeat_types",
                     mode="after")
    @classmethod
    def _types(cls, value: frozenset[str]) -> frozenset[str]:
        return frozenset(v.upper() for v in value)

    @field_validator("*", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return frozenset(v.lower() for v in value)
        return value


@lru_cache(maxsize=1)
def load_cues() -> PlaceCues:
    path = data_path("places", "cues.yaml")
    return validate(path, None, PlaceCues, read_yaml(path))


@dataclass
class _Mention:
    """A place name in the Doc that can be a place."""

    span: Span
    senses: list[Place]
    actor: bool  # inside an actor span
    chain: list[Token] = field(default_factory=list)  # governors, innermost first
    how: str = ""  # locative, motion, origin or target (see _governors)
    prep: str = ""  # the preposition before the place
    visited: Token | None = None  # the visit verb whose object it is
    qualifier: list[Place] = field(default_factory=list)

    @property
    def locative(self) -> bool:
        return bool(self.chain)

    @property
    def fineness(self) -> int:
        rank = {"country": 0, "water": 1, "region": 2, "city": 3}
        return max(rank[p.feature] for p in self.senses)


@dataclass
class _Dateline:
    text: str
    senses: list[Place]
    qualifier: list[Place]
    end: int  # character offset where the dateline ends


@dataclass
class _Context:
    """What the place stage knows about one document."""

    doc: Doc
    cues: PlaceCues
    mentions: list[_Mention]
    dateline: _Dateline | None
    focus: list[str]  # the document's countries, most named first, then the dateline's
    capitals: dict[str, Place]  # capitals of states that do not meet or visit in the story
    seats: dict[str, list[Place]]  # seats of international bodies, by actor code or name
    done: list[Event] = field(default_factory=list)  # located events, in text order
    breaks: list[int] | None = None  # offsets of paragraph breaks, found when first needed

    def paragraph(self, offset: int) -> int:
        """The number of the paragraph holding character ``offset`` (0 for the first)."""
        if self.breaks is None:
            text = doc_text(self.doc)
            self.breaks = [m.start() for m in re.finditer("\n\n", text)]
        return bisect_right(self.breaks, offset - 2)


# ------------------------------------------------------------------ the stage


class Placer:
    """Resolves event locations; events keep ``event_loc=None`` where none is found."""

    def __init__(self, gazetteer: Gazetteer | None = None, cues: PlaceCues | None = None) -> None:
        self.gazetteer = gazetteer or load_gazetteer()
        self.cues = cues or load_cues()

    def __call__(self, doc: Doc, events: list[Event], document: Document) -> list[Event]:
        if not events:
            return events
        return locate_events(doc, events, self.gazetteer, self.cues)


def locate_events(doc: Doc, events: list[Event], gazetteer: Gazetteer,
                  cues: PlaceCues) -> list[Event]:
    """Give each event its ``event_loc`` (see the module docstring for the rules)."""
    dateline = find_dateline(doc[:DATELINE_TOKENS].text, gazetteer)  # doc.text joins every token
    skip = dateline.end if dateline else 0
    focus = list(getattr(doc._, "focus", None) or [])
    if dateline and dateline.senses:
        home = _choose(dateline.senses, set(), focus, dateline.qualifier).country
        focus += [home] if home else []
    meeting = _meeting_actors(events)
    capitals = {code: place for code, place in gazetteer.capitals.items() if code not in meeting}
    ctx = _Context(doc, cues, find_mentions(doc, gazetteer, cues, skip), dateline, focus,
                   capitals, gazetteer.seats)
    located: dict[int, Event] = {}
    for k in sorted(range(len(events)), key=lambda k: events[k].text_info.trigger_start):
        located[k] = replace(events[k], event_loc=_locate(ctx, events[k]))
        ctx.done.append(located[k])
    return [located[k] for k in range(len(events))]


def _meeting_actors(events: list[Event]) -> set[str]:
    """Countries whose people meet or visit in the story: they may be at the dateline."""
    return {e.code for ev in events if ev.event == "CONSULT" for e in ev.actor}


# ------------------------------------------------------------------ mentions


def find_mentions(doc: Doc, gazetteer: Gazetteer, cues: PlaceCues, skip: int = 0) -> list[_Mention]:
    """The place names of the Doc that may be places, after the first ``skip`` characters."""
    matches = [m for m in gazetteer.find(doc) if doc[m.start].idx >= skip]
    actor_at = getattr(doc._, "actor_at", None) or {}
    out: list[_Mention] = []
    for k, match in enumerate(matches):
        if _is_qualifier(doc, matches, k):
            continue
        mention = _mention(doc, match, gazetteer, cues, actor_at)
        if mention is None:
            continue
        nxt = matches[k + 1] if k + 1 < len(matches) else None
        if nxt is not None and _qualifies(doc, match, nxt):
            mention.qualifier = gazetteer.lookup(nxt.form)
        out.append(mention)
    out.extend(_demonym_mentions(doc, gazetteer, cues, skip))
    return sorted(out, key=lambda m: m.span.start)


def _demonym_mentions(doc: Doc, gazetteer: Gazetteer, cues: PlaceCues, skip: int) -> list[_Mention]:
    """'in several Indian cities', 'a Syrian air base': the country of a spot noun."""
    out = []
    for i in gazetteer.find_demonyms(doc):
        tok = doc[i]
        place = gazetteer.demonyms[tok.text]
        noun = tok.head.lemma_.lower()
        if (tok.idx < skip or tok.dep_ not in MODIFIER_DEPS
                or noun not in cues.place_nouns or noun in BORDER_NOUNS):
            continue
        mention = _Mention(doc[tok.i:tok.i + 1], [place], actor=False)
        mention.chain, mention.how, mention.prep = _governors(tok.head, cues)
        mention.visited = _visit_verb(tok.head, cues)
        out.append(mention)
    return out


def _qualifies(doc: Doc, first: NameMatch, second: NameMatch) -> bool:
    """'Vladivostok, Russia': the second name directly after a comma."""
    return second.start == first.end + 1 and doc[first.end].text == ","


def _is_qualifier(doc: Doc, matches: list[NameMatch], k: int) -> bool:
    return k > 0 and _qualifies(doc, matches[k - 1], matches[k])


def _mention(doc: Doc, match: NameMatch, gazetteer: Gazetteer, cues: PlaceCues,
             actor_at: dict) -> _Mention | None:
    span = doc[match.start:match.end]
    senses = gazetteer.lookup(match.form)
    if not senses or _inside_longer_name(span):
        return None
    mention = _Mention(span, senses, actor=any(t.i in actor_at for t in span))
    mention.chain, mention.how, mention.prep = _governors(span.root, cues)
    mention.visited = _visit_verb(span.root, cues)
    if not _plausible(mention, match):
        return None
    _add_region_word(doc, mention, cues)
    return mention


def _actor_as_place(mention: _Mention) -> bool:
    """An actor's name used for where it is: 'visited Japan', 'poured into Georgia'."""
    if mention.visited is not None:
        return True
    return mention.how not in {"", "member"} and mention.prep not in ACTOR_PREPS


def _inside_longer_name(span: Span) -> bool:
    """'Paris Hilton', 'Moscow Exchange', 'the Minsk agreements' as a title."""
    doc = span.doc
    label = span[0].ent_type_ or span[-1].ent_type_
    if label not in NAME_LABELS:
        return False
    starts_before = span[0].ent_iob_ == "I"
    goes_on = span.end < len(doc) and doc[span.end].ent_iob_ == "I"
    return starts_before or goes_on


def _plausible(mention: _Mention, match: NameMatch) -> bool:
    """Whether the name is used as a place here (see the module docstring)."""
    if mention.actor and not _actor_as_place(mention):
        return False
    if mention.span.root.ent_type_ in NOT_PLACE_LABELS:
        return False
    weak = match.weak or all(p.kind == "seat" for p in mention.senses)
    root = mention.span.root
    if weak and (not mention.locative or root.dep_ != "pobj" or root.ent_type_ in NAME_LABELS):
        return False  # 'at the U.N.', not 'in U.N. talks'

    span = mention.span
    if any(p.source.startswith("places.tsv") for p in mention.senses) and len(span) > 1:
        return True
    if span.root.ent_type_ == "PERSON" and not mention.locative:
        return False
    last = span[-1]
    return last.pos_ == "PROPN" or last.ent_type_ in PLACE_LABELS or mention.locative


def _add_region_word(doc: Doc, mention: _Mention, cues: PlaceCues) -> None:
    """'Donetsk region', 'Hatay province': a region named after the place."""
    end = mention.span.end
    if end >= len(doc) or doc[end].lower_ not in cues.region_words:
        return
    if not any(p.kind in {"city", "region"} for p in mention.senses):
        return
    mention.span = doc[mention.span.start:end + 1]
    mention.senses = [_as_region(p, doc[end].text) for p in mention.senses]


def _as_region(place: Place, word: str) -> Place:
    if place.kind != "city":
        return place
    return replace(place, name=f"{place.name} {word.lower()}", kind="region")


# ------------------------------------------------------------------ syntax


def _phrase_head(tok: Token, cues: PlaceCues) -> Token:
    """The head noun of the phrase a name belongs to.

    'Kunashir Island' → 'Island'; 'the Ukrainian port of Odesa' → 'port'.
    """
    while True:
        head = tok.head
        if tok.dep_ in NOMINAL_LINKS and head.i != tok.i and head.pos_ in NOMINAL_POS:
            tok = head
        elif (tok.dep_ == "pobj" and head.lower_ == "of"
              and head.head.lemma_.lower() in cues.place_nouns):
            tok = head.head
        else:
            return tok


def _governors(tok: Token, cues: PlaceCues) -> tuple[list[Token], str, str]:
    """The words a place is attached to, innermost first; how; and the first preposition.

    'talks at a hot-spring inn in Nagato' gives ([inn, talks], "locative", "in");
    'travelled to Sochi' gives ([travelled], "motion", "to"); 'freed hostages
    from Gaza' ([freed], "origin", "from"); 'talks on Crimea' is a topic:
    ([], "", "").
    """
    chain: list[Token] = []
    how = first = ""
    np = _phrase_head(tok, cues)
    while np.dep_ == "pobj" and np.head.i != np.i:
        prep = np.head
        gov = prep.head
        if gov.dep_ in PARTICLE_DEPS or gov.lower_ in PARTICLES:  # 'sent back to', 'flew out of'
            gov = gov.head
        kind = _preposition_kind(prep, gov, cues)
        if not kind:
            break
        chain.append(gov)
        how, first = how or kind, first or prep.lower_
        if gov.lemma_.lower() not in cues.place_nouns or gov.pos_ not in NOMINAL_POS:
            break
        np = _phrase_head(gov, cues)
    return chain, how, first


def _preposition_kind(prep: Token, gov: Token, cues: PlaceCues) -> str:
    """'locative', 'motion' (a destination), 'origin', 'target', 'member' ('the people
    of Gaza': where they are) or '' (not a place)."""
    word, lemma = prep.lower_, gov.lemma_.lower()
    if word == "of" and prep.head.lower_ == "out":  # 'flew out of Kabul airport'
        word = "from"
    if word in cues.topic_preps and lemma in cues.topic_words:
        return ""
    if word in cues.locative_preps:
        return "locative"
    if word in cues.motion_preps and lemma in cues.motion_verbs:
        return "motion"
    if word in cues.origin_preps and lemma in cues.origin_verbs:
        return "origin"
    if word == "of" and lemma in cues.target_nouns:
        return "target"
    if word == "of" and lemma in cues.group_nouns:
        return "member"
    return ""


def _visit_verb(tok: Token, cues: PlaceCues) -> Token | None:
    """'visited Japan', 'struck the port of Odesa': the verb whose object the place is."""
    np = _phrase_head(tok, cues)
    if np.dep_ == "dobj" and np.head.lemma_.lower() in cues.visit_verbs:
        return np.head
    return None


def _anchors(doc: Doc, event: Event, cues: PlaceCues) -> tuple[dict[int, int], Span | None]:
    """Token index → depth of the words whose places are the event's place.

    Depth 0: the trigger, the verb a noun trigger depends on ("held talks"),
    the motion verb a purpose clause depends on ("sent negotiators to Havana
    to consult"), and the event nouns they govern ("held talks in Tokyo"; not
    "after talks in Beijing", and after words of speech and protest only
    through a locative preposition: "agreed at talks in Geneva", not
    "protested against the talks in Beijing").
    Depth 1: the trigger's other noun arguments ("installed missile systems on
    Iturup"), except after words of speech and protest, whose objects are
    topics ("protested the drills on Iturup" happened where the protest was).
    """
    info = event.text_info
    trigger = doc.char_span(info.trigger_start, info.trigger_end, alignment_mode="expand")
    if trigger is None:
        return {}, None
    heads = list(trigger) + [t for t in (_governing_verb(trigger.root, cues),) if t is not None]
    topical = _topical(trigger, cues)
    anchors = {t.i: 0 for t in heads}
    for tok in heads:
        for child, prep in _arguments(tok, cues):
            venue = child.lemma_.lower() in cues.venue_nouns
            if venue and (not topical or prep in cues.locative_preps):
                anchors[child.i] = 0  # 'held talks', 'agreed at talks in Geneva'
            elif not topical and not venue:
                anchors.setdefault(child.i, 1)
        for child in _purpose_visits(tok, cues):
            anchors.setdefault(child.i, 1)
    where = _where_antecedent(trigger.root)
    if where is not None:
        anchors[where.i] = 0
    return anchors, trigger


def _where_antecedent(tok: Token) -> Token | None:
    """'Almaty, where crowds stormed government buildings': the noun 'where' refers to.

    The parser may hang 'where' on a later conjunct ('where crowds stormed and set fire
    to buildings'): it still opens the whole clause.
    """
    for clause in (tok, *tok.ancestors):
        verbs = (clause, *clause.conjuncts)
        if clause.dep_ == "relcl" and any(c.lower_ == "where" for v in verbs for c in v.children):
            return clause.head
    return None


def _purpose_visits(tok: Token, cues: PlaceCues) -> list[Token]:
    """'launched an offensive to retake South Ossetia': the visit verb of a purpose clause."""
    return [c for c in tok.children if c.dep_ in {"xcomp", "advcl", "acl"}
            and c.lemma_.lower() in cues.visit_verbs
            and not any(m.dep_ == "mark" for m in c.children)]  # not "after ... seized"


def _topical(trigger: Span, cues: PlaceCues) -> bool:
    """A trigger of speech or protest, whose objects are topics, not places."""
    return any(t.lemma_.lower() in cues.speech_words for t in trigger)


def _governing_verb(tok: Token, cues: PlaceCues) -> Token | None:
    """'held talks', 'travelled … for talks', 'sent … to Havana to consult'."""
    head = tok.head
    if tok.pos_ in {"VERB", "AUX"}:
        purpose = tok.dep_ in {"xcomp", "advcl"} and head.lemma_.lower() in cues.motion_verbs
        return head if purpose else None
    if tok.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif tok.dep_ not in ARGUMENT_DEPS:
        return None
    return head if head.pos_ in {"VERB", "AUX"} else None


def _arguments(tok: Token, cues: PlaceCues) -> list[tuple[Token, str]]:
    """The noun arguments of a word, directly or through one preposition; not the
    sequence ('after talks') nor the topic ('talks on Crimea')."""
    topical = tok.lemma_.lower() in cues.topic_words
    out = []
    for child in tok.children:
        prep = ""
        if child.dep_ == "prep":
            prep = child.lower_
            child = next((c for c in child.children if c.dep_ == "pobj"), child)
        if (child.dep_ in ARGUMENT_DEPS and child.pos_ in {"NOUN", "PROPN"}
                and prep not in cues.sequence_preps
                and not (topical and prep in cues.topic_preps)):
            out.append((child, prep))
    return out


# ------------------------------------------------------------------ choosing


def _locate(ctx: _Context, event: Event) -> Location | None:
    anchors, trigger = _anchors(ctx.doc, event, ctx.cues)
    if trigger is None:
        return None
    sent = trigger.sent
    in_sentence = [m for m in ctx.mentions if sent.start <= m.span.start < sent.end
                   and not (m.how == "origin" and event.event in ctx.cues.home_types)]
    countries = {e.code for e in (*event.actor, *event.recipient)}
    present = event.event in ctx.cues.present_types and not _topical(trigger, ctx.cues)
    tiers = (("clause", _clause_mentions(in_sentence, anchors, trigger, ctx.cues)),
             ("sentence", _sentence_mentions(in_sentence, trigger.root, present)))
    for basis, group in tiers:
        if group:
            best = _refine(group[0], in_sentence, trigger.root, countries, ctx.focus)
            return _arrival(ctx, best, countries) or _location(best, countries, ctx.focus, basis)
    earlier = _antecedent(ctx, anchors, sent)
    if earlier is not None:
        return _location(earlier, countries, ctx.focus, "antecedent")
    if event.event in ctx.cues.repeat_types:
        again = _done_before(ctx, event)
        if again is not None:
            return replace(again, basis="antecedent")
    return _from_dateline(ctx, event, countries, sent.start)


def _from_dateline(ctx: _Context, event: Event, countries: set[str],
                   before: int) -> Location | None:
    dateline = ctx.dateline
    if dateline is None or not dateline.senses:
        return None
    place = _choose(dateline.senses, countries, ctx.focus, dateline.qualifier)
    ground = _targets_ground(ctx, event, place, before)
    if ground is not None:
        return _location(ground, countries, ctx.focus, "antecedent")
    capital = _home_capital(event, place, ctx)
    if capital is not None:
        return _as_location(event.actor[0].entity_text, capital, "capital")
    return _as_location(dateline.text, place, "dateline")


def _targets_ground(ctx: _Context, event: Event, dateline: Place,
                    before: int) -> _Mention | None:
    """'ANKARA - Turkey launched an offensive against Syrian forces', after 'shelled
    positions near Manbij': an attack on another country's people (``abroad_types``),
    reported from the attacker's country, happened on their ground, at the last place of
    their country named before it."""
    actors, targets = {e.code for e in event.actor}, {e.code for e in event.recipient}
    if (event.event not in ctx.cues.abroad_types or dateline.country not in actors
            or len(targets) != 1 or targets & actors):
        return None
    target = next(iter(targets))
    earlier = [m for m in ctx.mentions if m.span.end <= before
               and _choose(m.senses, actors | targets, ctx.focus, m.qualifier).country == target]
    return earlier[-1] if earlier else None


def _arrival(ctx: _Context, m: _Mention, countries: set[str]) -> Location | None:
    """'ISLAMABAD - Guterres arrived in Pakistan': an arrival in a country, reported from
    one of its cities, is an arrival in that city."""
    dateline = ctx.dateline
    if (m.fineness > 0 or m.how != "locative" or dateline is None or not dateline.senses
            or m.chain[0].lemma_.lower() not in ctx.cues.motion_verbs):
        return None  # not 'travel to Haiti': a country as a destination stays the country
    country = _choose(m.senses, countries, ctx.focus, m.qualifier).country
    place = _choose(dateline.senses, countries, ctx.focus, dateline.qualifier)
    if place.feature != "city" or place.country != country:
        return None
    return _as_location(dateline.text, place, "dateline")


def _antecedent(ctx: _Context, anchors: dict[int, int], sent: Span) -> _Mention | None:
    """A place named earlier for a definite noun of the event.

    'searched the consulate' after 'its consulate in Istanbul'; 'launched the
    offensive' after 'its offensive in northeast Syria'; 'withdrew from the
    area' after a region named earlier (``generic_nouns`` gives the kind of
    place a generic noun stands for).
    """
    earlier = [m for m in ctx.mentions if m.span.end <= sent.start]
    for noun in _definite_nouns(ctx.doc, anchors):
        lemma = noun.lemma_.lower()
        same = [m for m in earlier if lemma in _located_nouns(m)]
        kind = ctx.cues.generic_nouns.get(lemma)
        if not same and kind:
            same = [m for m in earlier if m.locative and any(_is_kind(p, kind) for p in m.senses)]
        if same:
            return same[-1]
    return None


def _done_before(ctx: _Context, event: Event) -> Location | None:
    """'Police detained activists in Chittagong. … Police also detained two journalists':
    the same actors doing the same kind of thing again (``repeat_types``), with no place of
    its own, are where they were when they last did it in this paragraph or the one
    before, if that event happened (not future, hypothetical or denied) and named its
    place in its own sentence."""
    actors = {(e.code, e.sector) for e in event.actor}
    paragraph = ctx.paragraph(event.text_info.trigger_start)
    for before in reversed(ctx.done):
        loc = before.event_loc
        if (before.event == event.event and actors
                and {(e.code, e.sector) for e in before.actor} == actors
                and loc is not None and loc.basis in {"clause", "sentence"}
                and not set(before.aux) & UNREAL_AUX
                and paragraph - ctx.paragraph(before.text_info.trigger_start) <= 1):
            return loc
    return None


def _located_nouns(m: _Mention) -> set[str]:
    """Lemmas of what a place locates: 'its consulate in Istanbul' → consulate; 'suspend
    its offensive in northeast Syria' → offensive."""
    if not m.chain:
        return set()
    gov = m.chain[0]
    if gov.pos_ == "NOUN":
        return {gov.lemma_.lower()}
    return {c.lemma_.lower() for c in gov.children if c.dep_ == "dobj" and c.pos_ == "NOUN"}


def _definite_nouns(doc: Doc, anchors: dict[int, int]) -> list[Token]:
    """The event's nouns with 'the' or a possessive: 'the consulate', 'their withdrawal from
    the area'."""
    out = []
    for i in sorted(anchors):
        tok = doc[i]
        for cand in (tok, *(p for c in tok.children if c.dep_ == "prep"
                            for p in c.children if p.dep_ == "pobj")):
            if cand.pos_ == "NOUN" and any(_definite(c) for c in cand.children):
                out.append(cand)
    return out


def _definite(tok: Token) -> bool:
    return (tok.dep_ == "det" and tok.lower_ in {"the", "this", "that", "these", "those"}) or \
        tok.dep_ == "poss"


def _is_kind(place: Place, kind: str) -> bool:
    return place.kind == kind or place.feature == kind


def _home_capital(event: Event, dateline: Place, ctx: _Context) -> Place | None:
    """A government's statement or decision reported from abroad: its own capital.

    'SEOUL - Japan lodged a strong protest' was lodged in Tokyo.  Only for
    ``home_types`` (accusations, demands, rejections, threats, sanctions), only
    when every actor is the government of one state, never under the dateline
    of an institution's seat ('UNITED NATIONS - Russia vetoed …' happened
    there), nor under the dateline of a seat of the international body it is
    addressed to ('BRUSSELS - Hungary rejected the Commission's plan'), and never for a
    state whose people meet or visit in the story ('TOKYO - Lavrov said Moscow
    had raised concerns' at talks in Tokyo).
    """
    if (event.event not in ctx.cues.home_types or not event.actor or dateline.kind == "seat"
            or _at_recipients_seat(event, dateline, ctx.seats)):
        return None
    codes = {e.code for e in event.actor}
    if len(codes) != 1 or any(e.sector != "GOV" for e in event.actor):
        return None
    code = codes.pop()
    return ctx.capitals.get(code) if code != dateline.country else None


def _at_recipients_seat(event: Event, place: Place, seats: dict[str, list[Place]]) -> bool:
    """'BRUSSELS - Hungary rejected the Commission's plan': an act towards an international
    body, reported from one of the body's seats, happened there."""
    here = (place.name, place.country)
    return any((seat.name, seat.country) == here for e in event.recipient
               for key in (e.code, e.identifier_text or "") for seat in seats.get(key, ()))


def _clause_mentions(mentions: list[_Mention], anchors: dict[int, int],
                     trigger: Span, cues: PlaceCues) -> list[_Mention]:
    """Mentions the trigger governs, best first: fine, shallow, near."""
    scored = []
    for m in mentions:
        depth = _clause_depth(m, anchors, cues)
        if depth is not None:
            scored.append((-m.fineness, depth, abs(m.span.start - trigger.start), m))
    return [m for *_, m in sorted(scored, key=lambda s: s[:3])]


def _clause_depth(m: _Mention, anchors: dict[int, int], cues: PlaceCues) -> int | None:
    if m.visited is not None and m.visited.i in anchors:
        return anchors[m.visited.i]
    for step, gov in enumerate(m.chain):
        if gov.i in anchors:
            return anchors[gov.i] + step
    head = _phrase_head(m.span.root, cues)
    if not m.actor and anchors.get(head.i) == 0:
        return 0  # 'the Moscow summit', 'Almaty, where crowds stormed buildings'
    return None


def _sentence_mentions(mentions: list[_Mention], trigger: Token,
                       present: bool) -> list[_Mention]:
    """Other places of the sentence that frame the trigger's clause.

    A place frames the trigger when the verb of its own clause is the
    trigger, governs it ("travelled to Sochi …, proposing a plan") or is its
    conjunct ("cut links in the Kashmir valley and detained politicians"); a
    place in another event's subordinate clause ("a day after ships were
    seized near Crimea") or in the trigger's complement ("accused rebels of
    shooting down an airliner over eastern Ukraine") does not.  Places after a
    preposition attached to that verb or to its subject or object come first,
    then places that are its subject or object.  For events that need their
    actors on the spot (``present_types``: meetings, attacks, protests…),
    unless the trigger is a word of speech or protest, a place deeper in a
    noun phrase follows ("talks since the invasion in
    Belarus's Gomel region").  Ties go to the finer, then the earlier place.
    """
    framing = [m for m in mentions if _frames(m, trigger, deep=False)]
    if not framing and present:
        framing = [m for m in mentions if _frames(m, trigger, deep=True)]
    return sorted(framing, key=lambda m: (not m.locative, -m.fineness, m.span.start))


def _frames(m: _Mention, trigger: Token, deep: bool) -> bool:
    if m.locative:
        top = m.chain[-1]
        direct = top.pos_ in VERB_POS or (top.dep_ in FRAME_DEPS and top.head.pos_ in VERB_POS)
        return (direct or deep) and _governs_clause(_clause_verb(top), trigger)
    if m.actor or m.fineness == 0 or deep:
        return False
    root = m.span.root
    return (root.dep_ in FRAME_DEPS and root.head.pos_ in VERB_POS
            and _governs_clause(root.head, trigger))


def _clause_verb(tok: Token) -> Token:
    """The verb of the clause a word is in; a participle inside a noun phrase ('a deal
    signed in Doha') counts as part of the clause around it."""
    while True:
        while tok.pos_ not in VERB_POS and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ != "acl" or tok.head.i == tok.i:
            return tok
        tok = tok.head


def _governs_clause(verb: Token, trigger: Token) -> bool:
    """The verb is the trigger, one of its ancestors, a conjunct of either, or an
    unmarked participle clause of the trigger ('signed the deal, estimated at …, in
    Shanghai').

    Conjuncts whose agents are actors of different countries are separate events
    ('Norway sent teams to Turkey, and the Spanish minister toured Gaziantep'): the
    places of one are not the other's.
    """
    line = (trigger, *trigger.ancestors)
    if verb in line:
        return True
    if verb.dep_ == "conj" and verb.head in line and not _other_parties(verb, verb.head):
        return True
    if any(t.dep_ == "conj" and t.head.i == verb.i and not _other_parties(t, verb)
           for t in line):
        return True
    return (verb.dep_ == "advcl" and verb.head.i == trigger.i and verb.tag_ in {"VBN", "VBG"}
            and not any(c.dep_ == "mark" for c in verb.children))


def _other_parties(verb: Token, other: Token) -> bool:
    """The two verbs' agents are actors, and of no common country ('Norway sent …, and the
    Spanish minister toured …'; not 'villagers were killed and others were abducted …',
    whose passives hide one agent)."""
    mine, theirs = _agent_countries(verb), _agent_countries(other)
    return bool(mine) and bool(theirs) and not mine & theirs


def _agent_countries(verb: Token) -> set[str]:
    """Countries of the actors that are the verb's subject or its passive 'by' agent."""
    actor_at = verb.doc._.actor_at or {}
    agents = [c for c in verb.children if c.dep_ == "nsubj"]
    agents += [p for c in verb.children if c.dep_ == "agent" for p in c.children
               if p.dep_ == "pobj"]
    return {e.code for a in agents for t in a.subtree for e in actor_at.get(t.i, ())}


def _refine(chosen: _Mention, mentions: list[_Mention], trigger: Token, countries: set[str],
            focus: list[str]) -> _Mention:
    """A country-level place gives way to a finer place of that country framing the trigger."""
    if chosen.fineness > 0:
        return chosen
    country = _choose(chosen.senses, countries, focus, chosen.qualifier).country
    finer = [m for m in mentions if m.fineness > 0 and _frames(m, trigger, deep=True)
             and _choose(m.senses, countries, focus, m.qualifier).country == country]
    return finer[0] if finer else chosen


def _choose(senses: list[Place], countries: set[str], focus: list[str],
            qualifier: list[Place]) -> Place:
    """The most likely sense (see the module docstring for the order)."""
    within = {q.country for q in qualifier}
    if within:
        inside = [p for p in senses if p.country in within]
        senses = inside or senses
    largest = max(p.population for p in senses)
    senses = [p for p in senses if p.population * MINOR_SHARE >= largest] or senses
    rank = {code: len(focus) - i for i, code in reversed(list(enumerate(focus)))}
    return max(senses, key=lambda p: (p.country in countries, rank.get(p.country or "", 0),
                                      p.population))


def _location(m: _Mention, countries: set[str], focus: list[str], basis: str) -> Location:
    place = _choose(m.senses, countries, focus, m.qualifier)
    return _as_location(m.span.text, place, basis)


def _as_location(text: str, place: Place, basis: str) -> Location:
    return Location(extracted_place=text, resolved_place=place.name,
                    country_code=place.country, lat=round(place.lat, 4),
                    lon=round(place.lon, 4), feature=place.feature,
                    resolution=place.resolution, basis=basis)


# ------------------------------------------------------------------ datelines


def find_dateline(text: str, gazetteer: Gazetteer) -> _Dateline | None:
    """'TOKYO, March 17 (Reuters) -', 'UNITED NATIONS (dotterel) -',
    'VLADIVOSTOK, Russia, Sept 6 -' at the start of the first line."""
    head = text[:DATELINE_CHARS].split("\n", 1)[0]
    end = _DATELINE_END.search(head)
    if end is None:
        return None
    parts = [p.strip() for p in _CREDIT.sub(" ", head[:end.start()]).split(",")]
    name = parts[0]
    if not name or not name.isupper() or any(c.isdigit() for c in name):
        return None
    qualifier = next((gazetteer.lookup_any_case(p) for p in parts[1:2]
                      if p and not any(c.isdigit() for c in p)), [])
    senses = gazetteer.lookup_any_case(name)
    if not senses and qualifier:  # 'TSUGOL, Russia': the place we know
        name, senses, qualifier = parts[1], qualifier, []
    return _Dateline(name, senses, qualifier, end.end())
