"""The time stage: give each event its own date.

The document's time expressions (:mod:`dotterel.timex`) are found once, placed
in the dependency tree and resolved in text order, so that "two days later"
counts from the date mentioned before it.  A wire dateline ("TOKYO, March 17
(Reuters) -") sets the story's date; otherwise the publication date does.
Each event then takes, in order of preference:

1. an expression of its own clause, the nearest in the tree ("Putin last
   visited Japan in 2005"); then one of a clause it controls ("began sending
   troops on Thursday"), or of any complement for a future event ("agreed to
   meet next month"); then one of a verb coordinated with it ("expelled the
   envoy and suspended trade on Wednesday");
2. a clause offset it sits under: "... on Friday, two days after he resigned"
   dates the resignation two days before Friday;
3. an expression of a clause that governs its own ("said on Monday that Russia
   would deploy ...": the statement's date, for want of a better one);
4. the date of an event it closely follows or accompanies ("gathered pace after
   Rouhani's election in 2013", "were killed as gunmen broke in on Saturday");
5. for past-tense narrative and planned events, the running date: the last date
   given to a main clause earlier in the paragraph.  A new paragraph starts from
   the date of the current news — the newest day mentioned so far in a main
   clause within a week before the story's date ("... on Monday." then, a
   paragraph later, "Japan condemned the deployment.") — or, when there is none,
   from the story's date, so that background ("In 2014, ...") does not run on;
6. otherwise (present tense, no date found) the story's date, basis
   ``publication`` (or ``explicit`` when a dateline differs from publication).

Expressions that date another event are not used for the clause around them:
those inside "since ...", "ahead of ...", "in response to ...", relative and
adverbial clauses, and dates that modify a noun ("the 2015 nuclear deal")
unless the noun sits in a temporal phrase of the clause ("in the aftermath of
the 2011 Fukushima disaster").  Events whose period ends more than a year before
publication gain the ``historical`` auxiliary mode.  A day is never invented
when only a month or a year is known.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel
from spacy.tokens import Doc, Token

from .datafiles import data_path, read_tsv_models, read_yaml, split_multi, validate
from .errors import DataFileError
from .nlp import doc_text
from .records import Event
from .timex import (
    AMBIGUOUS_KINDS,
    NamedPeriods,
    Period,
    TimeExpression,
    find_dateline,
    find_expressions,
    resolve,
)

__all__ = ["DatingCues", "date_events", "load_cues", "load_named_periods"]

HISTORICAL_DAYS = 365
RECENT_DAYS = 7
VERBAL = {"VERB", "AUX"}
NOMINAL = {"NOUN", "PROPN"}
OFFSET_KINDS = {"offset", "day_offset"}
MONTH_KINDS = {"in_month", "edge_month", "month_day", "day_month"}
MODIFIER_DEPS = {"nummod", "compound", "amod", "poss", "nmod"}
CHAIN_DEPS = {"conj", "ccomp", "xcomp", "parataxis"}
COMPLEMENT_DEPS = {"ccomp", "xcomp", "acomp", "conj"}
SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
LEADING = {"in", "on", "since", "during", "by", "until", "till", "from", "of", "between",
           "after", "before", "through", "throughout", "and", "to", "the", "a", "'s", "at"}
BOUND_WORDS = {"by", "until", "till"}
SHOWN_SKIP = {"of", "and", "'s", "to", "between"}


class DatingCues(BaseModel):
    """The word lists of ``data/time/cues.yaml`` (see the comments there)."""

    future_aux: frozenset[str]
    reported_future: frozenset[str]
    intent_heads: frozenset[str]
    forward_words: frozenset[str]
    future_modifiers: frozenset[str]
    forward_relations: frozenset[str]
    relations: frozenset[str]
    after_relations: frozenset[str]
    simultaneous_marks: frozenset[str]
    blocking_relations: frozenset[str]
    temporal_preps: frozenset[str]
    date_nouns: frozenset[str]
    name_labels: frozenset[str]


@lru_cache(maxsize=4)
def load_cues(path: str = "") -> DatingCues:
    """Load (once) the dating cues; ``path`` replaces the bundled file."""
    file = Path(path) if path else data_path("time", "cues.yaml")
    return validate(file, None, DatingCues, read_yaml(file))


class NamedPeriodRow(BaseModel):
    """A row of ``data/time/named_periods.tsv``."""

    names: str
    start: int
    end: int


@lru_cache(maxsize=4)
def load_named_periods(path: str = "") -> NamedPeriods:
    """Load (once) the named historical periods; ``path`` replaces the bundled file."""
    file = Path(path) if path else data_path("time", "named_periods.tsv")
    rows = []
    for number, row in read_tsv_models(file, NamedPeriodRow):
        if row.end < row.start:
            raise DataFileError(file, f"period ends ({row.end}) before it starts ({row.start})",
                                number)
        rows.append((split_multi(row.names), row.start, row.end))
    return NamedPeriods.build(rows)


@dataclass(frozen=True)
class _Time:
    """One time expression placed in the Doc."""

    expr: TimeExpression
    core: Token  # the token that carries the date
    scope: Token  # clause head, or the related event noun, that the expression dates
    role: str  # point, since, nominal, relational, offset
    future: bool | None  # the clause looks forward (True), back (False), unclear (None)
    period: Period | None = None
    sub: Token | None = None  # offsets: head of the earlier/later event


@dataclass(frozen=True)
class _Dating:
    period: Period
    text: str | None
    basis: str


# ---------------------------------------------------------------- tree helpers


def _relation(word: Token) -> str:
    """The relation a preposition expresses: 'ahead' for 'ahead of', 'response' for
    'in response to'."""
    lower = word.lower_
    if lower in {"of", "to", "for"} and word.head.i != word.i:
        return word.head.lower_
    return lower


def _is_clause(tok: Token) -> bool:
    """A clause head: a verb, but not a preposition-like 'following' nor a participle that
    only modifies a noun ('a deal signed in Doha in February 2020')."""
    return tok.pos_ in VERBAL and tok.dep_ != "prep" and not (
        tok.dep_ == "acl" and tok.tag_ == "VBN")


def _scope(tok: Token, cues: DatingCues, self_ok: bool = False) -> tuple[Token, bool]:
    """The clause head a token belongs to, or the event noun of a relational phrase it is in.

    Returns ``(head, relational)``.  ``self_ok`` lets the token itself be that noun
    (for triggers); an expression directly under a relation ("since 2004", "until
    Friday") bounds the clause instead.
    """
    cur = tok
    for _ in range(40):
        head = cur.head
        if head.i == cur.i:
            return cur, False
        if (cur.i != tok.i or self_ok) and cur.dep_ in {"pobj", "pcomp", "dobj"} \
                and not _is_clause(head) and _relation(head) in cues.relations:
            return cur, True
        if _is_clause(head):
            return head, False
        cur = head
    return cur, False


def _up(scope: Token, cues: DatingCues) -> Token | None:
    """The scope that governs ``scope``; None at the root."""
    head = scope.head
    if head.i == scope.i:
        return None
    return head if _is_clause(head) else _scope(head, cues, self_ok=True)[0]


def _mark(scope: Token) -> str:
    """The subordinator of a clause ('after', 'as', 'since'), or the relation of an event noun."""
    for c in scope.children:
        if c.dep_ == "mark":
            return c.lower_
    if scope.dep_ in {"pobj", "pcomp", "dobj"}:
        return _relation(scope.head)
    return ""


def _distance(a: Token, b: Token) -> int:
    """Number of dependency arcs between two tokens of the same sentence."""
    index_b = {t.i: n for n, t in enumerate([b, *b.ancestors])}
    for n, t in enumerate([a, *a.ancestors]):
        if t.i in index_b:
            return n + index_b[t.i]
    return 99


def _has_aux(verb: Token, words: frozenset[str] | set[str]) -> bool:
    return any(c.dep_ in {"aux", "auxpass"} and c.lower_ in words for c in verb.children)


def _tense(verb: Token) -> str:
    """past, perfect (present perfect), present or nonfinite, from a clause head."""
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if any(a.lower_ in {"has", "have", "'ve", "'s"} and a.tag_ != "VBD" for a in auxes) \
            and verb.tag_ == "VBN":
        return "perfect"
    if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and not auxes):
        return "past"
    if verb.tag_ in {"VBZ", "VBP"} or any(a.tag_ in {"VBZ", "VBP", "MD"} for a in auxes):
        return "present"
    return "nonfinite"


def _clause_tense(tok: Token, cues: DatingCues) -> str:
    """The tense that governs a token: its own clause's, or the nearest governing one's."""
    verb: Token | None = tok if _is_clause(tok) else _scope(tok, cues)[0]
    for _ in range(6):
        if verb is None:
            break
        tense = _tense(verb) if _is_clause(verb) else "nonfinite"
        if tense != "nonfinite":
            return tense
        verb = _up(verb, cues)
    return "nonfinite"


def _main(scope: Token, root: Token) -> bool:
    """The scope is the sentence's main clause or joined to it by coordination/complement."""
    cur = scope
    for _ in range(8):
        if cur.i == root.i:
            return True
        if cur.dep_ not in CHAIN_DEPS:
            return False
        cur = cur.head
    return False


def _below(scope: Token, governor: Token, deps: set[str]) -> bool:
    """``scope`` hangs below ``governor`` through links of ``deps`` only."""
    cur = scope
    for _ in range(6):
        if cur.head.i == cur.i or cur.dep_ not in deps:
            return False
        cur = cur.head
        if cur.i == governor.i:
            return True
    return False


# ---------------------------------------------------------------- placing expressions


def _core(doc: Doc, expr: TimeExpression, cues: DatingCues) -> Token | None:
    span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
    if span is None:
        return None
    if expr.kind in OFFSET_KINDS:
        unit = expr.parts.get("unit", "day").lower()
        return next((t for t in span if t.lower_.startswith(unit)), span.root)
    words = [t for t in span if t.lower_ not in LEADING] or list(span)
    inner = [t for t in words if t.head not in words or t.head.i == t.i]
    core = inner[0] if inner else span.root
    head = core.head
    if head.i == core.i + 1 and head.lower_ in cues.date_nouns:
        return head  # "Sunday night"
    return core


def _looks_ahead(core: Token, scope: Token, expr: TimeExpression,
                 cues: DatingCues) -> bool | None:
    """True when the expression's clause looks forward, False back, None when unclear."""
    doc = core.doc
    first = doc.char_span(expr.start, expr.end, alignment_mode="expand")
    before = doc[first.start - 1] if first is not None and first.start > 0 else None
    if before is not None and before.lower_ in BOUND_WORDS and expr.kind in AMBIGUOUS_KINDS:
        return True
    path = [core, *[a for a in core.ancestors if scope in a.ancestors]]
    if any(_future_noun(t, cues) for t in path if t.lower_ not in cues.date_nouns):
        return True
    if expr.kind in MONTH_KINDS and any(t.lemma_.lower() in cues.forward_words for t in path):
        return True
    if not _is_clause(scope):
        return True if _mark(scope) in cues.forward_relations else None
    if expr.kind in MONTH_KINDS and scope.lemma_.lower() in cues.forward_words:
        return True
    return _verb_future(scope, cues)


def _future_noun(tok: Token, cues: DatingCues) -> bool:
    return tok.pos_ in NOMINAL and any(c.lower_ in cues.future_modifiers for c in tok.children)


def _verb_future(verb: Token, cues: DatingCues) -> bool | None:
    for _ in range(3):
        if _has_aux(verb, cues.future_aux):
            return True
        if _has_aux(verb, cues.reported_future) and not _has_aux(verb, {"have"}):
            return True
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in cues.intent_heads:
            # "is due to meet": ahead; "agreed to meet": ahead of a past agreement only
            return None if _tense(verb.head) == "past" else True
        if verb.dep_ not in {"xcomp", "conj"} or verb.head.i == verb.i:
            break
        verb = verb.head
    return False if _tense(verb) in {"past", "perfect"} else None


def _role(core: Token, expr: TimeExpression, cues: DatingCues) -> tuple[str, Token]:
    """How an expression relates to the tree: its role and the scope it dates."""
    if (core.dep_ == "pobj" and core.head.lower_ == "since") or expr.prep == "since":
        return "since", _scope(core, cues)[0]
    if core.dep_ in MODIFIER_DEPS and core.head.pos_ in NOMINAL \
            and core.head.lower_ not in cues.date_nouns:
        noun = core.head
        verb = _temporal_verb(noun, cues)
        if verb is not None:
            return "point", verb
        scope, relational = _scope(noun, cues, self_ok=True)
        return ("relational" if relational else "nominal"), (scope if relational else noun)
    scope, relational = _scope(core, cues)
    return ("relational" if relational else "point"), _reattached(core, scope)


def _reattached(core: Token, scope: Token) -> Token:
    """'said on Friday he would not expel': a phrase before the subject of a reported
    clause belongs to the reporting verb (the parser often hangs it on the clause)."""
    if scope.dep_ == "ccomp" and scope.head.i < core.i < scope.i and any(
            c.dep_ in SUBJECTS and c.i > core.i for c in scope.children):
        return scope.head
    return scope


def _temporal_verb(noun: Token, cues: DatingCues) -> Token | None:
    """The verb a dated event noun dates through a temporal phrase: 'in the 2011 disaster',
    'in the aftermath of the 2011 disaster'."""
    for _ in range(2):
        prep = noun.head
        if noun.dep_ != "pobj":
            return None
        if prep.lower_ in cues.temporal_preps and _is_clause(prep.head):
            return prep.head
        if prep.lower_ != "of" or prep.head.lower_ not in cues.date_nouns:
            return None
        noun = prep.head
    return None


def _offset_sub(core: Token) -> Token | None:
    """Head of the event an offset counts from: the clause or noun after 'after'/'before'."""
    doc = core.doc
    rel = next((t for t in doc[core.i: core.i + 3] if t.lower_ in {"after", "before"}), None)
    if rel is None:
        return None
    objects = [c for c in rel.children if c.dep_ in {"pobj", "pcomp"}]
    verb = core.head
    if _is_clause(verb) and verb.i > rel.i and not (
            objects and any(c.dep_ in SUBJECTS for c in verb.children)):
        return verb  # "a day after he resigned"
    if objects:
        return objects[0]  # "minutes after the launch"
    return rel.head if rel.dep_ == "mark" else None


def _place(doc: Doc, expr: TimeExpression, cues: DatingCues) -> _Time | None:
    core = _core(doc, expr, cues)
    if core is None or core.ent_type_ in cues.name_labels:
        return None
    if expr.kind in OFFSET_KINDS:
        sub = _offset_sub(core)
        if sub is None:
            return None
        return _Time(expr, core, sub, "offset", None, sub=sub)
    role, scope = _role(core, expr, cues)
    future = _looks_ahead(core, scope, expr, cues)
    return _Time(expr, core, scope, role, future)


# ---------------------------------------------------------------- the document


class _DocTimes:
    """The time expressions of one Doc, placed and resolved, and its running dates."""

    def __init__(self, doc: Doc, published: date | None, cues: DatingCues) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.cues = cues
        self.dateline = find_dateline(self.text)
        self.story = self._story_date(published)
        self.newest: _Dating | None = None  # the newest date of the current news so far
        self.sents = list(doc.sents)  # Token.sent walks the Doc each time: look up once
        self.sent_starts = [sent.start for sent in self.sents]
        self.by_sent: dict[int, list[_Time]] = {}
        self.running: dict[int, _Dating | None] = {}
        self._place_all()
        self._resolve_all()

    def sent_start(self, tok: Token) -> int:
        return self.sent_starts[bisect_right(self.sent_starts, tok.i) - 1]

    @property
    def reference(self) -> date | None:
        return self.story.period.start if self.story else None

    def _story_date(self, published: date | None) -> _Dating | None:
        if self.dateline is not None:
            period = resolve(self.dateline, published, None, False)
            if period is not None:
                if period.start == published:
                    return _Dating(replace(period, basis="publication"), None, "publication")
                return _Dating(period, self.dateline.text, "explicit")
        if published is None:
            return None
        return _Dating(Period(published, "day", "publication"), None, "publication")

    def _place_all(self) -> None:
        skip = self.dateline.end if self.dateline else -1
        for expr in find_expressions(self.text, named=load_named_periods()):
            if expr.end > skip:
                time = _place(self.doc, expr, self.cues)
                if time is not None:
                    self.by_sent.setdefault(self.sent_start(time.core), []).append(time)

    def _resolve_all(self) -> None:
        """Resolve in text order, each anaphor from the date before it; keep running dates."""
        starts = _paragraph_starts(self.text)
        anchor = self.story.period if self.story else None
        running, para = self.story, 0
        for sent in self.sents:
            here = bisect_right(starts, sent.start_char) - 1
            if here != para:
                para, running = here, self.newest or self.story
            self.running[sent.start] = running
            times = self.by_sent.get(sent.start, [])
            anchor = self._resolve_sentence(times, anchor)
            running = self._advance(running, times, sent.root)

    def _resolve_sentence(self, times: list[_Time], anchor: Period | None) -> Period | None:
        """Resolve a sentence's expressions in place; offsets last, as they count from the
        dates of their main clauses.  Returns the anchor for the next expression."""
        for n, t in enumerate(times):
            if t.role != "offset":
                times[n] = replace(t, period=resolve(t.expr, self.reference, anchor, t.future))
                anchor = times[n].period if times[n].period and not t.future else anchor
        for n, t in enumerate(times):
            if t.role == "offset":
                found = self._offset(t, 0)
                times[n] = replace(t, period=found.period if found else None)
                anchor = times[n].period or anchor
        return anchor

    def _advance(self, running: _Dating | None, times: list[_Time],
                 root: Token) -> _Dating | None:
        """The running date after a sentence: its last main-clause date that looks back."""
        for t in times:
            if t.period and t.role == "point" and not t.future and _main(t.scope, root):
                running = _Dating(t.period, _shown(t.expr), t.period.basis)
                if self._current(running) and (
                        self.newest is None or running.period.start > self.newest.period.start):
                    self.newest = running
        return running

    def _current(self, dating: _Dating) -> bool:
        """A date of the current news: a day within a week before the story's date."""
        if self.story is None or dating.period.precision != "day":
            return False
        return 0 <= (self.story.period.start - dating.period.start).days <= RECENT_DAYS

    # ------------------------------------------------------------ one event

    def date_of(self, trigger: Token, future: bool, depth: int = 0) -> _Dating | None:
        times = [t for t in self.by_sent.get(self.sent_start(trigger), []) if t.period is not None]
        scope = trigger if _is_clause(trigger) else _scope(trigger, self.cues, True)[0]
        return (self._own(trigger, scope, times, future)
                or self._controlled(trigger, scope, times, future)
                or self._coordinated(trigger, scope, times, future)
                or self._governing(trigger, scope, times, depth)
                or (None if future else self._related(trigger, scope, times))
                or self._fallback(trigger, future))

    def _best(self, trigger: Token, pool: list[_Time], future: bool) -> _Dating | None:
        if not pool:
            return None
        best = min(pool, key=lambda t: (_distance(trigger, t.core), abs(t.core.i - trigger.i)))
        period = best.period
        assert period is not None
        if future and not best.future and best.expr.kind in AMBIGUOUS_KINDS:
            period = resolve(best.expr, self.reference, None, True) or period
        return _Dating(period, _shown(best.expr), period.basis)

    def _own(self, trigger: Token, scope: Token, times: list[_Time],
             future: bool) -> _Dating | None:
        """Point and relational expressions date their scope; "since 2004" and a dated noun
        ("the 2015 deal") only the very word they hang on."""
        own = [t for t in times if (t.role in {"point", "relational"} and t.scope.i == scope.i)
               or (t.role in {"since", "nominal"} and t.scope.i == trigger.i)]
        return self._best(trigger, own, future)

    def _controlled(self, trigger: Token, scope: Token, times: list[_Time],
                    future: bool) -> _Dating | None:
        """'began sending troops on Thursday'; for a planned event any complement's date."""
        if future:
            pool = [t for t in times if t.role == "point" and _below(t.scope, scope,
                                                                      COMPLEMENT_DEPS)]
        else:
            pool = [t for t in times if t.role == "point" and t.future is not True
                    and _below(t.scope, scope, {"xcomp"})]
        return self._best(trigger, pool, future)

    def _coordinated(self, trigger: Token, scope: Token, times: list[_Time],
                     future: bool) -> _Dating | None:
        """'expelled the envoy and suspended trade on Wednesday': a date at the end of a
        coordination of verbs that share their subject (or of a clause the parser left
        unattached, 'dep', as it does with a coordination that lacks its 'and')."""
        if not _is_clause(scope):
            return None
        pool = [t for t in times if t.role == "point" and t.scope.dep_ in {"conj", "dep"}
                and t.scope.head.i == scope.i
                and not any(c.dep_ in SUBJECTS for c in t.scope.children)]
        return self._best(trigger, pool, future)

    def _governing(self, trigger: Token, scope: Token, times: list[_Time],
                   depth: int) -> _Dating | None:
        """An offset the event sits under, else the date of a clause that governs it."""
        offsets = {t.sub.i: t for t in self.by_sent.get(self.sent_start(trigger), [])
                   if t.role == "offset" and t.sub is not None}
        current: Token | None = scope
        for _ in range(12):
            if current is None:
                return None
            if current.i != scope.i:
                pool = [t for t in times if t.role == "point" and t.scope.i == current.i]
                if pool:
                    return self._best(trigger, pool, False)
            if current.i in offsets and depth < 4:
                return self._offset(offsets[current.i], depth)
            if _mark(current) in self.cues.blocking_relations:
                return None
            current = _up(current, self.cues)
        return None

    def _offset(self, t: _Time, depth: int) -> _Dating | None:
        """'..., two days after <event>': the main clause's date moved back two days."""
        if t.period is not None:
            return _Dating(t.period, t.expr.text, "relative")
        main = _up(t.sub, self.cues) if t.sub is not None else None
        anchor = self.date_of(main, False, depth + 1) if main is not None else self.story
        if anchor is None:
            return None
        period = resolve(t.expr, self.reference, anchor.period)
        if period is None:
            return None
        return _Dating(period, t.expr.text, "relative")

    def _related(self, trigger: Token, scope: Token, times: list[_Time]) -> _Dating | None:
        """The date of an event the clause closely follows or accompanies."""
        marks = self.cues.after_relations | self.cues.simultaneous_marks
        pool = [t for t in times if t.role in {"point", "relational"} and t.future is not True
                and _related_scope(t.scope, scope, marks, self.cues)]
        return self._best(trigger, pool, False)

    def _fallback(self, trigger: Token, future: bool) -> _Dating | None:
        if future or _clause_tense(trigger, self.cues) == "past":
            return self.running.get(self.sent_start(trigger)) or self.story
        return self.story


def _shown(expr: TimeExpression) -> str:
    """The expression as evidence: "the 2011", not "of the 2011"."""
    words = expr.text.split(" ")
    while len(words) > 1 and words[0].lower() in SHOWN_SKIP:
        words = words[1:]
    return " ".join(words)


def _related_scope(scope: Token, governor: Token, marks: frozenset[str],
                   cues: DatingCues) -> bool:
    up = _up(scope, cues)
    return up is not None and up.i == governor.i and _mark(scope) in marks


def _paragraph_starts(text: str) -> list[int]:
    starts = [0]
    i = text.find("\n\n")
    while i >= 0:
        starts.append(i + 2)
        i = text.find("\n\n", i + 2)
    return starts


# ---------------------------------------------------------------- entry point


def date_events(doc: Doc, events: list[Event], published: date | None) -> list[Event]:
    """Return ``events`` with their own dates, precision, basis and the historical mode."""
    if not events:
        return events
    times = _DocTimes(doc, published, load_cues())
    out = []
    for ev in events:
        dating = times.date_of(_trigger_token(doc, ev), "future" in ev.aux)
        if dating is not None:
            ev = replace(ev, date=dating.period.iso, date_precision=dating.period.precision,
                         date_basis=dating.basis, date_text=dating.text)
        out.append(_historical(ev, published))
    return out


def _trigger_token(doc: Doc, ev: Event) -> Token:
    span = doc.char_span(ev.text_info.trigger_start, ev.text_info.trigger_end,
                         alignment_mode="expand")
    return span.root if span is not None else doc[0]


def _historical(ev: Event, published: date | None) -> Event:
    if published is None or not ev.date or "future" in ev.aux or "historical" in ev.aux:
        return ev
    start = date.fromisoformat(_padded(ev.date))
    period = Period(start, ev.date_precision or "day", "")
    if period.end < published - timedelta(days=HISTORICAL_DAYS):
        return replace(ev, aux=(*ev.aux, "historical"))
    return ev


def _padded(iso: str) -> str:
    parts = iso.split("-")
    return "-".join(parts + ["01"] * (3 - len(parts)))
