"""The time stage: give each event its own date.

Every time expression of the document is found (:mod:`dotterel.timex`) and
resolved in text order, so that "two days later" counts from the date
mentioned before it.  Each event then takes, in order of preference:

1. the expression nearest to its trigger in the dependency tree, within the
   trigger's sentence ("explicit" or "relative" basis);
2. the paragraph's running date, for past-tense narrative that follows a dated
   sentence in the same paragraph (basis of that date);
3. the publication date (basis "publication").

Events dated more than a year before publication gain the ``historical``
auxiliary mode.  A day is never invented when only a month or year is known.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from .records import Event
from .timex import Period, TimeExpression, find_expressions, resolve

__all__ = ["date_events", "resolve_document_times"]

HISTORICAL_DAYS = 365
DATELINE_CHARS = 120


@dataclass(frozen=True)
class _Dated:
    expr: TimeExpression
    period: Period
    token: Token  # root token of the expression in the Doc


def _paragraph_starts(text: str) -> list[int]:
    starts = [0]
    i = text.find("\n\n")
    while i >= 0:
        starts.append(i + 2)
        i = text.find("\n\n", i + 2)
    return starts


def _paragraph_of(starts: list[int], char: int) -> int:
    n = 0
    for i, s in enumerate(starts):
        if s <= char:
            n = i
    return n


def resolve_document_times(doc: Doc, published: date | None) -> list[_Dated]:
    """All resolvable time expressions of the Doc, resolved in text order."""
    out: list[_Dated] = []
    previous = published
    for expr in find_expressions(doc.text):
        span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
        if span is None:
            continue
        future = _is_future_context(span)
        period = resolve(expr, published, previous, future)
        if period is None:
            continue
        if expr.start < DATELINE_CHARS and _in_dateline(doc, expr):
            previous = period.start
            continue
        out.append(_Dated(expr, period, span.root))
        if period.precision == "day" or period.basis == "explicit":
            previous = period.start
    return out


def _in_dateline(doc: Doc, expr: TimeExpression) -> bool:
    """'TOKYO, March 17 (Reuters) -': the dateline's date is the story's date."""
    head = doc.text[: expr.end + 30]
    line = head.split("\n", 1)[0]
    return " - " in line[expr.end - 0:] or "(" in line[expr.end: expr.end + 3] or \
        line[: expr.start].rstrip().endswith(",") and line[: expr.start].strip(" ,").isupper()


def _is_future_context(span: Span) -> bool:
    head = span.root.head
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in {"will", "shall", "'ll"} for c in head.children):
            return True
        if head.head is head:
            break
        head = head.head
    return False


def _distance(a: Token, b: Token) -> int:
    """Number of dependency arcs between two tokens of the same sentence."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    index_b = {t.i: n for n, t in enumerate(up_b)}
    for n, t in enumerate(up_a):
        if t.i in index_b:
            return n + index_b[t.i]
    return 99


def _governs(trigger: Token, token: Token) -> bool:
    return trigger.i == token.i or trigger in token.ancestors


def _choose(trigger: Token, candidates: list[_Dated]) -> _Dated | None:
    """The expression attached to the trigger's clause, else the nearest in the sentence."""
    if not candidates:
        return None
    own = [c for c in candidates if _governs(trigger, c.token)]
    pool = own or candidates
    return min(pool, key=lambda c: (_distance(trigger, c.token), abs(c.token.i - trigger.i)))


def _past_tense(trigger: Token) -> bool:
    return trigger.tag_ in {"VBD", "VBN"} or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ == "VBD" for c in trigger.children)


def date_events(doc: Doc, events: list[Event], published: date | None) -> list[Event]:
    """Return ``events`` with their own dates, precision, basis and the historical mode."""
    if not events:
        return events
    times = resolve_document_times(doc, published)
    paragraphs = _paragraph_starts(doc.text)
    out = []
    for ev in events:
        trigger = _trigger_token(doc, ev)
        sent = trigger.sent
        in_sentence = [t for t in times if sent.start <= t.token.i < sent.end]
        chosen = _choose(trigger, in_sentence)
        if chosen is not None:
            ev = _with_period(ev, chosen.period, chosen.expr.text)
        else:
            running = _running(times, paragraphs, sent, trigger)
            if running is not None:
                ev = _with_period(ev, running.period, running.expr.text, basis=running.period.basis)
            elif published is not None:
                ev = _with_period(ev, Period(published, "day", "publication"), None)
        out.append(_historical(ev, published))
    return out


def _trigger_token(doc: Doc, ev: Event) -> Token:
    span = doc.char_span(ev.text_info.trigger_start, ev.text_info.trigger_end,
                         alignment_mode="expand")
    return span.root if span is not None else doc[0]


def _running(times: list[_Dated], paragraphs: list[int], sent: Span,
             trigger: Token) -> _Dated | None:
    """The last date mentioned earlier in the same paragraph, for past-tense narrative."""
    if not _past_tense(trigger) or trigger.dep_ == "ccomp":
        return None
    para = _paragraph_of(paragraphs, sent.start_char)
    earlier = [t for t in times if t.token.i < sent.start
               and _paragraph_of(paragraphs, t.token.idx) == para]
    return earlier[-1] if earlier else None


def _with_period(ev: Event, period: Period, text: str | None, basis: str | None = None) -> Event:
    return replace(ev, date=period.iso, date_precision=period.precision,
                   date_basis=basis or period.basis, date_text=text)


def _historical(ev: Event, published: date | None) -> Event:
    if published is None or not ev.date or "future" in ev.aux or "historical" in ev.aux:
        return ev
    period = Period(date.fromisoformat(_padded(ev.date)), ev.date_precision or "day", "")
    if period.end < published - timedelta(days=HISTORICAL_DAYS):
        return replace(ev, aux=(*ev.aux, "historical"))
    return ev


def _padded(iso: str) -> str:
    parts = iso.split("-")
    return "-".join(parts + ["01"] * (3 - len(parts)))
