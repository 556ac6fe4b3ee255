"""The actors stage: find who acts in a parsed Doc and resolve each mention to an Entity.

Named forms (countries, demonyms, capitals, metonyms, organisations, people) are
found with one case-sensitive phrase matcher; sector nouns and titles with a
second, case-insensitive one.  Adjacent pieces are grouped into mention
segments ("Russian Deputy Foreign Minister Igor Morgulov", "Japan's ambassador"),
and each segment is resolved to a code, a sector and, where known, a person or
organisation.  Results go on the Doc: ``doc._.actors`` (Entities in text order),
``doc._.actor_at`` (token index → Entities) and the span group
``doc.spans["dotterel_actors"]``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .actordata import ActorData, Candidate, Term, load_actor_data
from .records import Entity

__all__ = ["ActorResolver", "resolve_actors"]

LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "around", "across", "throughout",
                  "within", "via", "over", "off"}
SEGMENT_GLUE = {"of"}
PREMODIFIERS = {"the", "his", "her", "their", "its", "former", "ex", "then", "acting", "outgoing",
                "incoming", "senior", "top", "new", "late", "erstwhile", "veteran"}
COUNTRYISH = {"country", "demonym", "capital", "combining"}

for _name, _default in (("actors", None), ("actor_at", None), ("focus", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@dataclass
class _Piece:
    kind: str  # name / term / person / poss / glue / mod / combining
    start: int  # token indices [start, end)
    end: int
    candidates: list[Candidate] = field(default_factory=list)
    term: Term | None = None


@dataclass
class _Segment:
    pieces: list[_Piece]

    @property
    def start(self) -> int:
        return self.pieces[0].start

    @property
    def end(self) -> int:
        return self.pieces[-1].end

    def of_kind(self, *kinds: str) -> list[_Piece]:
        return [p for p in self.pieces if p.kind in kinds]


class ActorResolver:
    """Holds the matchers for one spaCy vocabulary and one set of actor data."""

    def __init__(self, nlp: Any, data: ActorData | None = None) -> None:
        self.data = data or load_actor_data()
        self.names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.terms = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._forms: dict[int, str] = {}
        self._term_keys: dict[int, str] = {}
        for form in self.data.names:
            self.names.add("N:" + form, [nlp.make_doc(form)])
            self._forms[nlp.vocab.strings["N:" + form]] = form
        for term in self.data.terms:
            self.terms.add("T:" + term, [nlp.make_doc(v) for v in _inflections(term)])
            self._term_keys[nlp.vocab.strings["T:" + term]] = term

    def __call__(self, doc: Doc, when: date | None = None, publisher: str | None = None) -> Doc:
        entities = resolve_actors(doc, self, when, publisher)
        doc._.actors = entities
        actor_at: dict[int, list[Entity]] = {}
        spans = []
        for ent in entities:
            span = doc.char_span(ent.start, ent.end, label=f"{ent.code}:{ent.sector or '-'}",
                                 alignment_mode="expand")
            if span is None:
                continue
            spans.append(span)
            for tok in span:
                actor_at.setdefault(tok.i, []).append(ent)
        doc._.actor_at = actor_at
        doc.spans["dotterel_actors"] = spans
        return doc

    def pieces(self, doc: Doc) -> list[_Piece]:
        found = [_Piece("name", s, e, candidates=list(self.data.names[self._forms[k]]))
                 for k, s, e in self.names(doc)]
        found += [_Piece("term", s, e, term=self.data.terms[self._term_keys[k]])
                  for k, s, e in self.terms(doc)]
        found = [p for p in found if _plausible(doc, p)]
        spans = filter_spans([Span(doc, p.start, p.end) for p in found])
        keep = {(s.start, s.end) for s in spans}
        chosen = {}
        for p in found:  # names beat terms of the same span
            if (p.start, p.end) in keep and (p.start, p.end) not in chosen:
                chosen[(p.start, p.end)] = p
        return sorted(chosen.values(), key=lambda p: p.start)


def _inflections(term: str) -> list[str]:
    """The term and its regular plural (on the last word)."""
    words = term.split()
    last = words[-1]
    if last.endswith(("s", "x", "sh", "ch")):
        plural = last + "es"
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        plural = last[:-1] + "ies"
    elif last.endswith("man"):
        plural = last[:-3] + "men"
    else:
        plural = last + "s"
    if last in {"police", "personnel", "staff", "military", "clergy", "media", "people"}:
        return [term]
    return [term, " ".join([*words[:-1], plural])]


def _plausible(doc: Doc, piece: _Piece) -> bool:
    """Reject matches that are clearly not actor names (dates, lowercase words…)."""
    if piece.kind != "name":
        return True
    tok = doc[piece.start]
    if all(c.kind == "combining" for c in piece.candidates):
        return piece.end < len(doc) and doc[piece.end].text == "-"
    if piece.start > 0 and _inside_longer_name(doc, piece):
        return False
    if piece.end - piece.start == 1:
        if tok.ent_type_ in {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"}:
            return False
        people = [c for c in piece.candidates if c.kind == "person"]
        if people and len(people) == len(piece.candidates) and tok.pos_ not in {"PROPN", "NOUN"}:
            return False
    return True


def _inside_longer_name(doc: Doc, piece: _Piece) -> bool:
    """'New Mexico', 'Latin America': a place name inside a longer proper name."""
    if not all(c.kind in {"country", "capital", "demonym"} for c in piece.candidates):
        return False
    prev = doc[piece.start - 1]
    return (prev.pos_ == "PROPN" and prev.is_title and prev.head.i == doc[piece.end - 1].i
            and prev.dep_ == "compound" and not prev.is_sent_start)


# ---------------------------------------------------------------- segmenting


def _segments(doc: Doc, pieces: list[_Piece]) -> list[_Segment]:
    """Group adjacent pieces (and the glue between them) into mention segments."""
    at = {p.start: p for p in pieces}
    segments: list[_Segment] = []
    i, n = 0, len(doc)
    while i < n:
        if i not in at:
            i += 1
            continue
        current: list[_Piece] = []
        j = i
        while j < n:
            piece = at.get(j) or _glue(doc, j, at, current)
            if piece is None:
                break
            current.append(piece)
            j = piece.end
        while current and current[-1].kind in {"glue", "mod"}:
            current.pop()
        if current:
            segments.append(_Segment(_with_premodifiers(doc, current)))
        i = max(j, i + 1)
    return segments


def _glue(doc: Doc, j: int, at: dict[int, _Piece], current: list[_Piece]) -> _Piece | None:
    """Tokens that may join or extend a segment."""
    tok = doc[j]
    if not current:
        return None
    last = current[-1]
    if tok.text in {"'s", "'"} and tok.tag_ == "POS" and last.kind == "name":
        return _Piece("poss", j, j + 1)
    if tok.lower_ in SEGMENT_GLUE and (j + 1) in at and last.kind == "term":
        return _Piece("glue", j, j + 1)
    if tok.text == "-" and (j + 1) in at and last.kind == "name" and at[j + 1].kind == "name":
        return _Piece("glue", j, j + 1)
    if tok.ent_type_ == "PERSON" and last.kind in {"term", "person", "name", "poss"}:
        if last.kind == "name" and not any(p.kind == "term" for p in current):
            return None
        end = j
        while end < len(doc) and doc[end].ent_type_ == "PERSON" and end not in at:
            end += 1
        return _Piece("person", j, max(end, j + 1)) if end > j else None
    if tok.lower_ in {"deputy", "vice", "chief", "acting", "senior", "top"} and (j + 1) in at:
        return _Piece("mod", j, j + 1)
    return None


def _with_premodifiers(doc: Doc, pieces: list[_Piece]) -> list[_Piece]:
    start = pieces[0].start
    k = start - 1
    mods: list[_Piece] = []
    while k >= 0 and doc[k].lower_ in PREMODIFIERS and doc[k].sent == doc[start].sent:
        mods.insert(0, _Piece("mod", k, k + 1))
        k -= 1
    if k >= 1 and doc[k].text == "-" and doc[k - 1].lower_ == "ex":
        mods.insert(0, _Piece("mod", k - 1, k + 1))
    return mods + pieces


def _share_titles(doc: Doc, segments: list[_Segment]) -> list[_Segment]:
    """'Russian and Japanese foreign ministers': the bare demonym shares the title."""
    out = []
    for i, seg in enumerate(segments):
        nxt = segments[i + 1] if i + 1 < len(segments) else None
        if nxt is not None and _bare_demonym(seg) and nxt.of_kind("term") and \
                all(t.lower_ in {"and", ",", "or", "&"} for t in doc[seg.end:nxt.start]):
            seg = _Segment(seg.pieces + nxt.of_kind("term"))
        out.append(seg)
    return out


def _bare_demonym(seg: _Segment) -> bool:
    names = seg.of_kind("name")
    return bool(names) and not seg.of_kind("term", "person") and all(
        c.kind == "demonym" for p in names for c in p.candidates)


# ---------------------------------------------------------------- resolving


@dataclass
class _Context:
    doc: Doc
    when: date | None
    data: ActorData
    focus: list[str] = field(default_factory=list)  # country codes, most named first
    memory: dict[str, Entity] = field(default_factory=dict)  # surname/full name -> entity
    deferred: list[tuple[_Segment, str]] = field(default_factory=list)


def resolve_actors(doc: Doc, resolver: ActorResolver, when: date | None = None,
                   publisher: str | None = None) -> list[Entity]:
    """Return the resolved Entities of ``doc`` in text order."""
    ctx = _Context(doc, when, resolver.data)
    pieces = resolver.pieces(doc)
    ctx.focus = _focus(pieces)
    doc._.focus = ctx.focus
    entities: list[Entity] = []
    for seg in _share_titles(doc, _segments(doc, pieces)):
        entities.extend(_resolve_segment(ctx, seg, entities))
    entities.extend(_remembered(ctx, pieces, entities))
    entities = [e for e in entities if not _is_credit(doc, e, publisher)]
    entities.extend(_resolve_deferred(ctx, entities))
    entities.sort(key=lambda e: (e.start, e.code))
    return entities


def _text(doc: Doc, start: int, end: int) -> tuple[str, int, int]:
    span = doc[start:end]
    return span.text, span.start_char, span.end_char


def _resolve_segment(ctx: _Context, seg: _Segment, so_far: list[Entity]) -> list[Entity]:
    special = [p.term for p in seg.of_kind("term") if p.term and p.term.kind in {"dyad"}]
    if special:
        ctx.deferred.append((seg, "dyad"))
        return []
    names = seg.of_kind("name")
    if names and not seg.of_kind("term", "person") and _is_place(ctx.doc, seg):
        return []
    person = _person(ctx, names)
    if person is not None:
        return [_entity_from(ctx, seg, person)]
    org = _first(names, {"org", "metonym"})
    if org is not None:
        return [_entity_from(ctx, seg, org)]
    return _country_mention(ctx, seg, names, so_far)


def _first(pieces: list[_Piece], kinds: set[str]) -> Candidate | None:
    for p in pieces:
        for c in p.candidates:
            if c.kind in kinds:
                return c
    return None


def _person(ctx: _Context, names: list[_Piece]) -> Candidate | None:
    """The person tenure that fits the document date best."""
    people = [c for p in names for c in p.candidates if c.kind == "person"]
    if not people:
        return None
    when = ctx.when or date.today()
    holding = [c for c in people
               if c.start and c.start <= when and (c.end is None or when <= c.end)]
    if holding:
        return max(holding, key=lambda c: c.start or date.min)
    before = [c for c in people if c.end and c.end < when]
    if before:
        latest = max(before, key=lambda c: c.end or date.min)
        return replace(latest, sector="ELI", other_sectors=(latest.sector,), office=latest.office)
    first = min(people, key=lambda c: c.start or date.max)
    return replace(first, sector="", office="")


def _sector_terms(seg: _Segment) -> list[Term]:
    return [p.term for p in seg.of_kind("term") if p.term and p.term.kind in
            {"title", "body", "group"}]


def _is_former(ctx: _Context, seg: _Segment) -> bool:
    words = {ctx.doc[p.start].lower_ for p in seg.of_kind("mod")}
    kinds = {p.term.kind for p in seg.of_kind("term") if p.term}
    return "former" in kinds or bool(words & {"former", "ex", "ex-", "erstwhile"})


def _entity_from(ctx: _Context, seg: _Segment, cand: Candidate) -> Entity:
    text, start, end = _text(ctx.doc, seg.start, seg.end)
    terms = _sector_terms(seg)
    sector, office, others = cand.sector, cand.office, cand.other_sectors
    if cand.kind == "person" and not sector and terms:
        sector, office = terms[-1].sector, terms[-1].office
    if _is_former(ctx, seg) and sector != "ELI":
        sector, others = "ELI", tuple(x for x in (sector, *others) if x)
    ent = Entity(code=cand.code, sector=sector, entity_text=text, start=start, end=end,
                 identifier_text=cand.identifier, office=office or None,
                 other_sectors=tuple(others), rule=cand.rule)
    if cand.kind == "person":
        _remember(ctx, cand.identifier, ent)
    return ent


def _remember(ctx: _Context, name: str, ent: Entity) -> None:
    parts = name.split()
    ctx.memory[name] = ent
    if len(parts) > 1:
        ctx.memory.setdefault(parts[-1], ent)


def _codes(ctx: _Context, names: list[_Piece]) -> list[tuple[str, str]]:
    """Distinct (code, kind) of the country-like names in a segment, in order."""
    out: list[tuple[str, str]] = []
    for p in names:
        for c in p.candidates:
            if c.kind in COUNTRYISH and c.code not in {x for x, _ in out}:
                out.append((c.code, c.kind))
                break
    return out


def _country_mention(ctx: _Context, seg: _Segment, names: list[_Piece],
                     so_far: list[Entity]) -> list[Entity]:
    codes = _codes(ctx, names)
    terms = _sector_terms(seg)
    specials = {p.term.kind for p in seg.of_kind("term") if p.term}
    person = seg.of_kind("person")
    if not codes:
        return _titled_unknown(ctx, seg, terms, person)
    sector, office = _sector_for(ctx, seg, codes, terms, specials, so_far)
    identifier = None
    if person:
        identifier = ctx.doc[person[0].start:person[-1].end].text
    text, start, end = _text(ctx.doc, seg.start, seg.end)
    others: tuple[str, ...] = ()
    if _is_former(ctx, seg) and sector not in {"ELI", ""}:
        sector, others = "ELI", (sector,)
    fallback = names[0].candidates[0].identifier if names else None
    out = [Entity(code=code, sector=sector, entity_text=text, start=start, end=end,
                  identifier_text=identifier or fallback,
                  office=office or None, other_sectors=others, rule=_rule(names, terms))
           for code, _ in codes]
    if identifier and out:
        _remember(ctx, identifier, out[0])
    return out


def _rule(names: list[_Piece], terms: list[Term]) -> str:
    parts = [names[0].candidates[0].rule] if names and names[0].candidates else []
    parts += [terms[-1].rule] if terms else []
    return "+".join(parts)


def _sector_for(ctx: _Context, seg: _Segment, codes: list[tuple[str, str]], terms: list[Term],
                specials: set[str], so_far: list[Entity]) -> tuple[str, str]:
    if "counterpart" in specials:
        ante = _antecedent(ctx, seg, so_far)
        return (ante.sector, ante.office or "") if ante else ("GOV", "")
    if terms:
        return terms[-1].sector, terms[-1].office
    if "side" in specials:
        return "GOV", ""
    kind = codes[0][1]
    if kind == "combining":
        return "", ""
    if kind == "demonym":
        head = ctx.doc[seg.end - 1]
        if head.pos_ in {"NOUN", "PROPN"} and head.dep_ not in {"amod", "compound"}:
            return ("GOV", "") if ctx.doc[seg.start].lower_ == "the" else ("CVL", "")
        return "", ""
    return "GOV", ""


def _antecedent(ctx: _Context, seg: _Segment, so_far: list[Entity]) -> Entity | None:
    start_char = ctx.doc[seg.start].idx
    for ent in reversed(so_far):
        if ent.end <= start_char and ent.identifier_text and ent.sector:
            return ent
    return None


def _titled_unknown(ctx: _Context, seg: _Segment, terms: list[Term],
                    person: list[_Piece]) -> list[Entity]:
    """A title or group with no country ("police", "opposition leader Alexei Navalny"):
    resolve it against the document's focus country."""
    if not terms or not ctx.focus:
        return []
    identifier = ctx.doc[person[0].start:person[-1].end].text if person else None
    text, start, end = _text(ctx.doc, seg.start, seg.end)
    sector = terms[-1].sector
    others: tuple[str, ...] = ()
    if _is_former(ctx, seg) and sector != "ELI":
        sector, others = "ELI", (sector,)
    ent = Entity(code=ctx.focus[0], sector=sector, entity_text=text, start=start, end=end,
                 identifier_text=identifier, office=terms[-1].office or None,
                 other_sectors=others, rule=terms[-1].rule + "+focus")
    if identifier:
        _remember(ctx, identifier, ent)
    return [ent]


def _focus(pieces: list[_Piece]) -> list[str]:
    """Country codes of the document, most often named first (ties: first named)."""
    counts: Counter[str] = Counter()
    for p in pieces:
        for c in p.candidates:
            if c.kind in COUNTRYISH | {"person", "metonym"} and len(c.code) == 3:
                counts[c.code] += 1
                break
    return [code for code, _ in counts.most_common()]


def _is_place(doc: Doc, seg: _Segment) -> bool:
    """A country or capital used as a place ("talks in Tokyo"), not as an actor."""
    head = _head(doc, seg)
    if head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS:
        return True
    kinds = {c.kind for p in seg.of_kind("name") for c in p.candidates}
    return "capital" in kinds and head.dep_ in {"compound", "nmod", "npadvmod"}


def _head(doc: Doc, seg: _Segment) -> Token:
    """The head word of a segment: the last token of its last name, term or person."""
    core = [p for p in seg.pieces if p.kind in {"name", "term", "person"}]
    return doc[core[-1].end - 1] if core else doc[seg.end - 1]


def _is_credit(doc: Doc, ent: Entity, publisher: str | None) -> bool:
    """Agencies as photo credits or bylines, and the article's own publisher."""
    if publisher and ent.identifier_text and ent.identifier_text.lower() == publisher.lower():
        return True
    if ent.sector != "JRN":
        return False
    span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
    if span is None:
        return True
    before = doc[span.start - 1].text if span.start > 0 else ""
    after = doc[span.end].text if span.end < len(doc) else ""
    return before in {"(", "/", "-"} or after in {")", "/", "-"} or span.start == span.sent.start


def _remembered(ctx: _Context, pieces: list[_Piece], entities: list[Entity]) -> list[Entity]:
    """Later bare mentions of people resolved earlier in the document."""
    covered = {i for e in entities for i in range(e.start, e.end)}
    out = []
    for tok in ctx.doc:
        if tok.pos_ != "PROPN" or tok.idx in covered:
            continue
        ent = ctx.memory.get(tok.text)
        if ent is None:
            continue
        end = tok.idx + len(tok.text)
        out.append(replace(ent, entity_text=tok.text, start=tok.idx, end=end,
                           rule=ent.rule + "+earlier"))
    return out


def _resolve_deferred(ctx: _Context, entities: list[Entity]) -> list[Entity]:
    top = ctx.focus[:2]
    out = []
    for seg, _kind in ctx.deferred:
        if len(top) < 2:
            continue
        text, start, end = _text(ctx.doc, seg.start, seg.end)
        out += [Entity(code=c, sector="GOV", entity_text=text, start=start, end=end,
                       rule="special_terms:dyad") for c in top]
    return out
