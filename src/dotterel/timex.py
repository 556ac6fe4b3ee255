"""Finding and resolving time expressions in English news text.

``find_expressions`` returns every date-like expression of a text with its
character span; ``resolve`` turns one into a calendar :class:`Period` given the
story's reference date (publication or dateline: "on Monday", "last week",
"four years ago") and an *anchor*, the period the expression counts from:

* for anaphoric expressions ("two days later", "the next day", "that year",
  "the same day") the previously mentioned date;
* for clause offsets ("two days after he resigned", kind ``offset``) the date
  of the main clause — the period returned is that of the subordinate event.

Periods are (start, precision) pairs; a day is never invented when only a month
or a year is known, and a period counted from a coarser anchor is no finer than
that anchor.  Every pattern is explicit and precompiled; nothing is guessed by a
third-party date parser (the search modes of such parsers read "the '2+2'" or
the modal "may" as dates).
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["AMBIGUOUS_KINDS", "NamedPeriods", "Period", "TimeExpression", "find_dateline",
           "find_expressions", "resolve"]

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
           "several": 3, "a few": 3, "few": 3, "a couple of": 2}
SEASONS = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 1}
NAMED_DAYS = {"Bloody", "Black", "Good", "Holy", "Easter", "Ash", "Palm", "Super", "Cyber"}
RANK = {"year": 1, "month": 2, "day": 3}
# A bare plural unit ("days after", "months later"): a typical span and the precision it allows.
VAGUE = {"hour": (0, "day"), "minute": (0, "day"), "day": (3, "month"), "week": (3, "month"),
         "month": (4, "year")}
# Kinds whose year or day depends on whether the clause looks forward or back.
AMBIGUOUS_KINDS = frozenset({"month_day", "day_month", "edge_month", "in_month", "weekday"})

_MONTH = (r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
          r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_NUM = (r"(?P<num>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
        r"several|a few|a couple of)")
_UNIT = r"(?P<unit>day|week|month|year|decade)s?"
_VUNIT = r"(?P<unit>minute|hour|day|week|month|year)(?P<plural>s)?"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_EDGE = r"(?P<edge>early|mid|late|the (?:end|beginning|start|middle) of|end of|mid-)"
_SEASON = r"(?P<season>spring|summer|autumn|fall|winter)"
_YEAR_PREP = (r"(?:in|since|during|by|until|till|from|of|between|after|before|through|"
              r"throughout|and|to|early|late|mid|mid-|the|a|last|'s)")
_THAT = r"(?P<that>that|the same|the following|the next|the previous|the preceding)"
_ANAPHOR_UNIT = r"(?P<unit>day|night|morning|afternoon|evening|week|month|year)"
_CLAUSE_AHEAD = r"(?=\s+(?!that\b|this\b|it\b)[\w'\"‘“])"
_I = re.IGNORECASE

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("month_day_year", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b")),
    ("day_month_year", re.compile(rf"\b{_DAY}\s+{_MONTH}\s*,?\s+{_YEAR}\b")),
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("month_that_year", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_THAT}\s+year\b")),
    ("month_rel_year", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?(?P<which>last|this|next)\s+year\b")),
    ("edge_month", re.compile(rf"\b{_EDGE}\s*{_MONTH}(?:,?\s+(?:of\s+)?{_YEAR})?\b", _I)),
    ("month_year", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b")),
    ("month_day", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?![,.]?\s*\d)")),
    ("day_month", re.compile(rf"\b{_DAY}\s+{_MONTH}\b")),
    ("season_year", re.compile(rf"\b(?:the\s+)?{_SEASON}\s+(?:of\s+)?{_YEAR}\b", _I)),
    ("edge_year", re.compile(rf"\b{_EDGE}\s*{_YEAR}\b", _I)),
    ("ago", re.compile(rf"\b{_UNIT}\s+ago\b", _I)),
    ("in_time", re.compile(rf"\b(?P<prep>in|within)\s+{_NUM}\s+{_UNIT}"
                           r"(?:'s?)?(?:\s+(?P<time>time))?\b"
                           r"(?!\s+(?:of|after|before|since|later|earlier|ago)\b)", _I)),
    ("day_offset", re.compile(rf"\bthe\s+day\s+(?P<dir>after|before){_CLAUSE_AHEAD}", _I)),
    ("the_next", re.compile(r"\bthe\s+(?P<dir>next|following|previous|preceding)\s+"
                            r"(?P<unit>day|morning|week|month|year)\b(?!\s+(?:of|'s))", _I)),
    ("day_before", re.compile(r"\bthe\s+day\s+(?P<dir>before|after)\b", _I)),
    ("offset", re.compile(rf"\b{_VUNIT}\s+(?P<dir>after|before){_CLAUSE_AHEAD}", _I)),
    ("later", re.compile(rf"\b{_VUNIT}\s+(?P<dir>later|earlier|after|before)\b", _I)),
    ("anaphor", re.compile(rf"\b(?:(?:later|earlier)\s+)?(?:that|the same)\s+{_ANAPHOR_UNIT}\b"
                           r"(?!\s*'s)", _I)),
    ("within", re.compile(r"\b(?P<dir>earlier|later)\s+(?P<which>this|last|next)\s+"
                          r"(?P<unit>week|month|year)\b", _I)),
    ("last_month_name", re.compile(rf"\b(?P<which>last|next|this|past|coming)\s+{_MONTH}\b")),
    ("last_weekday", re.compile(rf"\b(?P<which>last|next|this|past|coming)\s+{_WEEKDAY}\b")),
    ("last_season", re.compile(rf"\b(?P<which>last|next|this|past|coming)\s+{_SEASON}\b", _I)),
    ("last_unit", re.compile(r"\b(?P<which>last|next|this|past|coming)\s+"
                             r"(?P<unit>week|weekend|month|year|decade)\b", _I)),
    ("weekend", re.compile(r"\b(?:over|at|during)\s+the\s+weekend\b", _I)),
    ("deictic", re.compile(r"\b(?P<word>yesterday|today|tomorrow|tonight|last night|"
                           r"this (?:morning|afternoon|evening))\b", _I)),
    ("weekday", re.compile(rf"\b{_WEEKDAY}\b")),
    ("in_month", re.compile(rf"\b(?P<prep>in|on|since|during|last|by|until|early|late|mid|"
                            rf"before|after|from)\s+{_MONTH}\b(?!\s+\d)", _I)),
    ("year", re.compile(rf"\b{_YEAR}\b"
                        r"(?!s\b|[-/]\w|\s*(?:%|per\b|\+|troops|people|soldiers|km|kilomet|"
                        r"miles|tonnes|tons|dollars|euros)|,\d)", _I)),
]

# Words before a match that belong to it, found by looking back from the match (a
# pattern that started with them would be tried at every position of the text).
_COUNT_BEFORE = re.compile(rf"(?:(?:less|more|fewer) than\s+|about\s+|some\s+|just\s+)?"
                           rf"(?:\b{_NUM}\s+)?$", _I)
LOOKBACK: dict[str, re.Pattern[str]] = {
    "ago": re.compile(rf"\b{_NUM}\s+$", _I),
    "offset": _COUNT_BEFORE,
    "later": _COUNT_BEFORE,
    "year": re.compile(rf"\b(?P<prep>{_YEAR_PREP})[\s-]+(?:the\s+)?$", _I),
}
LOOKBACK_CHARS = 40

# Cheap gates: a pattern is only run when one of these strings occurs in the lower-cased
# text (or, for "#digit", when the text has a digit).
_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                "dec")
_WEEKDAY_NAMES = tuple(name.lower() for name in calendar.day_name)
NEEDS: dict[str, tuple[str, ...]] = {
    "month_day_year": ("#digit",), "day_month_year": ("#digit",), "iso": ("#digit",),
    "month_that_year": _MONTH_STEMS, "month_rel_year": _MONTH_STEMS, "edge_month": _MONTH_STEMS,
    "month_year": ("#digit",), "month_day": ("#digit",), "day_month": ("#digit",),
    "season_year": ("#digit",), "edge_year": ("#digit",), "ago": (" ago",),
    "in_time": ("time", "within"), "day_offset": ("the day",), "day_before": ("the day",),
    "the_next": ("next", "following", "previous", "preceding"),
    "offset": ("after", "before"), "later": ("after", "before", "later", "earlier"),
    "anaphor": ("that ", "the same"), "within": ("earlier", "later"),
    "last_month_name": _MONTH_STEMS, "last_weekday": _WEEKDAY_NAMES,
    "last_season": ("spring", "summer", "autumn", "fall", "winter"),
    "last_unit": ("last", "next", "this", "past", "coming"), "weekend": ("weekend",),
    "deictic": ("yesterday", "today", "tomorrow", "tonight", "last night", "this "),
    "weekday": _WEEKDAY_NAMES, "in_month": _MONTH_STEMS, "year": ("#digit",),
}
_DIGIT = re.compile(r"\d")

DATELINE = re.compile(
    rf"^[ \t]*(?P<place>[A-Z][A-Za-z.'’ -]{{1,40}}?(?:,\s*[A-Z][A-Za-z.' -]{{1,30}}?)?),\s+"
    rf"{_MONTH}\s+{_DAY}(?:,\s*{_YEAR})?\s*(?:\([^()\n]{{1,40}}\)\s*)?[-–—]{{1,2}}\s")


_PERIOD_START = r"the (?:start|beginning|outbreak|eve)"
_PERIOD_END = (r"the (?:end|final days|last days|closing days|final months|last months|"
               r"aftermath|close)")


@dataclass(frozen=True)
class NamedPeriods:
    """Named historical periods ("World War Two": 1939-1945) compiled into one pattern."""

    pattern: re.Pattern[str] | None
    years: dict[str, tuple[int, int]]

    @classmethod
    def build(cls, rows: Iterable[tuple[Iterable[str], int, int]]) -> NamedPeriods:
        years = {name.lower(): (start, end) for names, start, end in rows for name in names}
        if not years:
            return cls(None, {})
        names = "|".join(re.escape(n) for n in sorted(years, key=len, reverse=True))
        pattern = re.compile(rf"\b(?:(?:(?P<start_edge>{_PERIOD_START})|(?P<end_edge>"
                             rf"{_PERIOD_END}))\s+of\s+)?(?P<name>{names})\b", _I)
        return cls(pattern, years)


@dataclass(frozen=True)
class TimeExpression:
    kind: str
    text: str
    start: int  # character offsets in the text searched
    end: int
    parts: dict[str, str]

    @property
    def prep(self) -> str:
        return self.parts.get("prep", "").lower()


@dataclass(frozen=True)
class Period:
    start: date
    precision: str  # day, month, year
    basis: str  # explicit, relative, publication

    @property
    def iso(self) -> str:
        if self.precision == "year":
            return f"{self.start.year:04d}"
        if self.precision == "month":
            return f"{self.start.year:04d}-{self.start.month:02d}"
        return self.start.isoformat()

    @property
    def end(self) -> date:
        if self.precision == "year":
            return date(self.start.year, 12, 31)
        if self.precision == "month":
            last = calendar.monthrange(self.start.year, self.start.month)[1]
            return date(self.start.year, self.start.month, last)
        return self.start

    def coarsen(self, precision: str) -> Period:
        """This period at ``precision`` when that is coarser than its own."""
        if RANK[precision] >= RANK[self.precision]:
            return self
        start = date(self.start.year, 1, 1) if precision == "year" else self.start.replace(day=1)
        return Period(start, precision, self.basis)


# ---------------------------------------------------------------- finding


def find_expressions(text: str, offset: int = 0,
                     named: NamedPeriods | None = None) -> list[TimeExpression]:
    """Every time expression in ``text``, longest (earliest pattern) first where they overlap.

    ``named`` adds named historical periods ("at the end of World War Two").
    """
    found = _find_named(text, offset, named) if named and named.pattern else []
    taken = [(e.start - offset, e.end - offset) for e in found]
    lower = text.lower()
    present = {"#digit"} if _DIGIT.search(text) else set()
    for kind, pattern in PATTERNS:
        if not any(need in present or need in lower for need in NEEDS[kind]):
            continue
        back = LOOKBACK.get(kind)
        for m in pattern.finditer(text):
            s, e = m.span()
            parts = {k: v for k, v in m.groupdict().items() if v}
            if back is not None:
                before = back.search(text, max(0, s - LOOKBACK_CHARS), s)
                if before is not None:
                    s = before.start()
                    parts.update({k: v for k, v in before.groupdict().items() if v})
            if any(s < b and a < e for a, b in taken):
                continue
            if not _sane(kind, parts, text, s):
                continue
            taken.append((s, e))
            found.append(TimeExpression(kind, text[s:e], s + offset, e + offset, parts))
    return sorted(found, key=lambda x: x.start)


def _find_named(text: str, offset: int, named: NamedPeriods) -> list[TimeExpression]:
    assert named.pattern is not None
    found = []
    for m in named.pattern.finditer(text):
        parts = {k: v for k, v in m.groupdict().items() if v}
        start, end = named.years[parts["name"].lower()]
        parts.update(first=str(start), last=str(end))
        found.append(TimeExpression("named", m.group(0), m.start() + offset, m.end() + offset,
                                    parts))
    return found


def find_dateline(text: str) -> TimeExpression | None:
    """The date of a wire dateline opening the text: 'TOKYO, March 17 (Reuters) -'."""
    m = DATELINE.match(text)
    if m is None or not m.group("place").split(",")[0].replace(".", "").isupper():
        return None
    parts = {k: v for k, v in m.groupdict().items() if v and k != "place"}
    kind = "month_day_year" if "year" in parts else "month_day"
    s, e = m.span("month")[0], (m.span("year") if "year" in parts else m.span("day"))[1]
    return TimeExpression(kind, text[s:e], s, e, parts)


def _sane(kind: str, parts: dict[str, str], text: str, start: int) -> bool:
    month = parts.get("month", "")
    if month.lower() == "may" and month != "May":
        return False  # the modal verb
    if month == "May" and not _may_is_month(kind, parts, text, start):
        return False
    if "day" in parts and not 1 <= int(parts["day"]) <= 31:
        return False
    if kind == "year":
        return bool(parts.get("prep")) or start == 0
    if kind in {"ago", "offset", "later"} and "num" not in parts and "plural" not in parts:
        return False  # "day after day"; "years ago" needs a number
    if kind == "weekday":
        before = text[max(0, start - 12): start].split()
        return not (before and before[-1] in NAMED_DAYS)
    return True


def _may_is_month(kind: str, parts: dict[str, str], text: str, start: int) -> bool:
    """'May' is the month with a day or year, or after a preposition — not 'Theresa May'."""
    if "day" in parts or "year" in parts or kind in {"in_month", "last_month_name", "edge_month"}:
        before = text[max(0, start - 20): start].split()
        return not (before and before[-1][:1].isupper() and kind == "month_day")
    return False


# ---------------------------------------------------------------- resolving


def resolve(expr: TimeExpression, reference: date | None, anchor: Period | None = None,
            future: bool | None = False) -> Period | None:
    """Resolve an expression to a Period; None when a date it needs is missing.

    ``reference`` is the story's date (publication or dateline); ``anchor`` the
    period anaphoric expressions and clause offsets count from (defaults to the
    reference); ``future`` says the clause looks forward ("will meet on Monday"),
    back (False) or neither (None: a month without a year takes its nearest year).
    """
    handler = _HANDLERS.get(expr.kind)
    if handler is None:
        return None
    if anchor is None and reference is not None:
        anchor = Period(reference, "day", "publication")
    return handler(expr.parts, reference, anchor, future)


def _number(raw: str | None) -> int:
    raw = (raw or "a").lower()
    return int(raw) if raw.isdigit() else NUMBERS.get(raw, 1)


def _month_num(raw: str) -> int:
    return MONTHS[raw.lower().rstrip(".")]


def _unit(raw: str) -> str:
    return raw.lower().rstrip("s")


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _shift(d: date, unit: str, n: int) -> tuple[date, str]:
    """Move ``d`` by n units; return the new date and the precision the unit supports."""
    unit = _unit(unit)
    if unit in {"day", "morning", "night", "hour", "minute"}:
        return d + timedelta(days=n), "day"
    if unit in {"week", "weekend"}:
        return d + timedelta(weeks=n), "month"
    if unit == "month":
        total = d.year * 12 + d.month - 1 + n
        return date(total // 12, total % 12 + 1, 1), "month"
    if unit == "decade":
        return date(d.year + 10 * n, 1, 1), "year"
    return date(d.year + n, 1, 1), "year"


def _counted(anchor: Period, unit: str, num: str | None, sign: int) -> Period | None:
    """The anchor moved by '<num> <unit>' (a bare plural unit is a vague span)."""
    unit = _unit(unit)
    if num is None and unit in VAGUE:
        n, cap = VAGUE[unit]
    elif num is None:
        return None
    else:
        n, cap = _number(num), "day"
    if unit in {"hour", "minute"}:
        n, unit = (n // 24 if unit == "hour" else 0), "day"
    d, precision = _shift(anchor.start, unit, sign * n)
    if RANK[cap] < RANK[precision]:
        precision = cap
    if RANK[anchor.precision] < RANK[precision]:
        precision = anchor.precision
    return Period(d, "day", "relative").coarsen(precision)


def _week_month(days: list[date], basis: str = "relative") -> Period:
    """A span of days at month precision: the month of most of its working days.

    A span that crosses a year boundary gets year precision (the year of most days).
    """
    work = [d for d in days if d.weekday() < 5] or days
    month = Counter((d.year, d.month) for d in work).most_common(1)[0][0]
    if days[0].year != days[-1].year:
        year = Counter(d.year for d in work).most_common(1)[0][0]
        return Period(date(year, 1, 1), "year", basis)
    return Period(date(month[0], month[1], 1), "month", basis)


def _week(ref: date, n: int, part: str = "all") -> list[date]:
    """Days of the Monday–Sunday week n weeks from ``ref``'s ('before'/'after' ref: part of it)."""
    monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=n)
    days = [monday + timedelta(days=i) for i in range(7)]
    if part == "before":
        days = [d for d in days if d < ref] or [ref]
    elif part == "after":
        days = [d for d in days if d > ref] or [ref]
    return days


def _year_for(month: int, day: int, ref: date, direction: str) -> int:
    """The year that puts month/day on the right side of ``ref`` (past, future or nearest)."""
    years = (ref.year - 1, ref.year, ref.year + 1)
    pairs = [(y, date(y, month, min(day, calendar.monthrange(y, month)[1]))) for y in years]
    if direction == "future":
        after = [(y, d) for y, d in pairs if d >= ref - timedelta(days=7)]
        return min(after, key=lambda p: p[1])[0] if after else ref.year
    if direction == "nearest":
        return min(pairs, key=lambda p: abs((p[1] - ref).days))[0]
    before = [(y, d) for y, d in pairs if d <= ref + timedelta(days=7)]
    return max(before, key=lambda p: p[1])[0] if before else ref.year


def _direction(future: bool | None, prep: str = "") -> str:
    """Which way an expression without a year points: tense first, then its preposition."""
    if future or prep in {"by", "until", "till"}:
        return "future"
    return "nearest" if future is None else "past"


# Handlers: (parts, reference, anchor, future) -> Period | None.


def _absolute(p, ref, anchor, future) -> Period | None:  # noqa: ANN001
    month = int(p["month"]) if p["month"].isdigit() else _month_num(p["month"])
    d = _safe_date(int(p["year"]), month, int(p["day"]))
    return Period(d, "day", "explicit") if d else None


def _month_day(p, ref, anchor, future) -> Period | None:  # noqa: ANN001
    if ref is None:
        return None
    month, day = _month_num(p["month"]), int(p["day"])
    d = _safe_date(_year_for(month, day, ref, _direction(future)), month, day)
    return Period(d, "day", "explicit") if d else None


def _month_year(p, ref, anchor, future) -> Period | None:  # noqa: ANN001
    return Period(date(int(p["year"]), _month_num(p["month"]), 1), "month", "explicit")


def _month_that_year(p, ref, anchor, future) -> Period | None:  # noqa: ANN001
    if anchor is None:
        return None
    that = p["that"].lower()
    shift = {"the following": 1, "the next": 1, "the previous": -1, "the preceding": -1}
    year = anchor.start.year + shift.get(that, 0)
    return Period(date(year, _month_num(p["month"]), 1), "month", "relative")


def _month_rel_year(p, ref, anchor, future) -> Period | None:  # noqa: ANN001
    if ref is None:
        return None
    year = ref.year + {"last": -1, "this": 0, "next": 1}[p["which"].lower()]
    return Period(date(year, _month_num(p["month"]), 1), "month", "relative")


def _edge_month(p, ref, anchor, future) -> Period | None:  # noqa: ANN001
    month = _month_num(p["month"])
    if p.get("year"):
        return Period(date(int(p["year"]), month, 1), "month", "explicit")
    if ref is None:
        return None
    return Period(date(_year_for(month, 15, ref, _direction(future)), month, 1), "month",
                  "explicit")


def _in_month(p, ref, anchor, future) -> Period | None:  # noqa: ANN001
    if ref is None:
        return None
    month = _month_num(p["month"])
    prep = p.get("prep", "").lower()
    if prep == "last":
        year = ref.year if month < ref.month else ref.year - 1
        return Period(date(year, month, 1), "month", "relative")
    direction = "past" if prep in {"since", "after"} else _direction(future, prep)
    return Period(date(_year_for(month, 15, ref, direction), month, 1), "month", "explicit")


def _year(p, ref, anchor, future) -> Period | None:  # noqa: ANN001
    return Period(date(int(p["year"]), 1, 1), "year", "explicit")


def _ago(p, ref, anchor, future) -> Period | None:  # noqa: ANN001
    if ref is None:
        return None
    d, precision = _shift(ref, p["unit"], -_number(p["num"]))
    return Period(d, "day", "relative").coarsen(precision)


def _in_time(p, ref, anchor, future) -> Period | None:  # noqa: ANN001
    """'in four months' time', 'within a week'; plain 'in two weeks' only in a future clause."""
    if ref is None or not (future or p.get("time") or p["prep"].lower() == "within"):
        return None
    d, precision = _shift(ref, p["unit"], _number(p["num"]))
    return Period(d, "day", "relative").coarsen(precision)


def _later(p, ref, anchor, future) -> Period | None:  # noqa: ANN001
    if anchor is None:
        return None
    sign = 1 if p["dir"].lower() in {"later", "after"} else -1
    return _counted(anchor, p["unit"], p.get("num"), sign)


def _offset(p, ref, anchor, future) -> Period | None:  # noqa: ANN001
    """'two days after <the subordinate event>': that event is two days before the anchor."""
    if anchor is None:
        return None
    sign = -1 if p["dir"].lower() == "after" else 1
    return _counted(anchor, p["unit"], p.get("num"), sign)


def _day_offset(p, ref, anchor, future) -> Period | None:  # noqa: ANN001
    """'the day after <the subordinate event>'."""
    if anchor is None:
        return None
    return _counted(anchor, "day", "1", -1 if p["dir"].lower() == "after" else 1)


def _the_next(p, ref, anchor, future) -> Period | None:  # noqa: ANN001
    if anchor is None:
        return None
    sign = 1 if p["dir"].lower() in {"next", "following"} else -1
    return _counted(anchor, p["unit"], "1", sign)


def _day_before(p, ref, anchor, future) -> Period | None:  # noqa: ANN001
    if anchor is None:
        return None
    return _counted(anchor, "day", "1", 1 if p["dir"].lower() == "after" else -1)


def _anaphor(p, ref, anchor, future) -> Period | None:  # noqa: ANN001
    """'that day', 'later that year', 'the same night': the anchor at the unit's precision."""
    if anchor is None:
        return None
    unit = p["unit"].lower()
    precision = "year" if unit == "year" else "month" if unit in {"week", "month"} else "day"
    return Period(anchor.start, anchor.precision, "relative").coarsen(precision)


def _within(p, ref, anchor, future) -> Period | None:  # noqa: ANN001
    if ref is None:
        return None
    n = {"this": 0, "last": -1, "next": 1}[p["which"].lower()]
    unit = p["unit"].lower()
    if unit == "week":
        part = "all" if n else ("before" if p["dir"].lower() == "earlier" else "after")
        return _week_month(_week(ref, n, part))
    d, precision = _shift(ref, unit, n)
    return Period(d, "day", "relative").coarsen(precision)


def _last_month_name(p, ref, anchor, future) -> Period | None:  # noqa: ANN001
    if ref is None:
        return None
    month, which = _month_num(p["month"]), p["which"].lower()
    if which in {"last", "past"}:
        year = ref.year if month < ref.month else ref.year - 1
    elif which in {"next", "coming"}:
        year = ref.year if month > ref.month else ref.year + 1
    else:
        year = ref.year
    return Period(date(year, month, 1), "month", "relative")


def _named(p, ref, anchor, future) -> Period | None:  # noqa: ANN001
    """A named period dates an event by its start or end, or when it lies within a year."""
    if p.get("start_edge"):
        year = p["first"]
    elif p.get("end_edge") or p["first"] == p["last"]:
        year = p["last"]
    else:
        return None
    return Period(date(int(year), 1, 1), "year", "explicit")


def _weekday_date(target: int, ref: date, future: bool, strict: bool) -> date:
    if future:
        delta = (target - ref.weekday()) % 7
        return ref + timedelta(days=delta or (7 if strict else 0))
    back = (ref.weekday() - target) % 7
    return ref - timedelta(days=back or (7 if strict else 0))


def _last_weekday(p, ref, anchor, future) -> Period | None:  # noqa: ANN001
    if ref is None:
        return None
    which = p["which"].lower()
    target = WEEKDAYS[p["weekday"].lower()]
    fut = which in {"next", "coming"} or (which == "this" and bool(future))
    return Period(_weekday_date(target, ref, bool(fut), strict=True), "day", "relative")


def _weekday(p, ref, anchor, future) -> Period | None:  # noqa: ANN001
    if ref is None:
        return None
    target = WEEKDAYS[p["weekday"].lower()]
    return Period(_weekday_date(target, ref, bool(future), strict=False), "day", "relative")


def _last_season(p, ref, anchor, future) -> Period | None:  # noqa: ANN001
    if ref is None:
        return None
    which = p["which"].lower()
    year = ref.year + (1 if which in {"next", "coming"} else 0)
    if which in {"last", "past"}:
        year = ref.year - 1 if SEASONS[p["season"].lower()] >= ref.month else ref.year
    return Period(date(year, 1, 1), "year", "relative")


def _season_year(p, ref, anchor, future) -> Period | None:  # noqa: ANN001
    return Period(date(int(p["year"]), 1, 1), "year", "explicit")


def _last_unit(p, ref, anchor, future) -> Period | None:  # noqa: ANN001
    if ref is None:
        return None
    n = {"last": -1, "past": -1, "next": 1, "coming": 1, "this": 0}[p["which"].lower()]
    unit = p["unit"].lower()
    if unit == "week":
        return _week_month(_week(ref, n))
    if unit == "weekend":
        return _weekend(ref, n or (1 if future else -1))
    d, precision = _shift(ref, unit, n)
    return Period(d, "day", "relative").coarsen(precision)


def _weekend(ref: date, n: int) -> Period:
    """The Saturday–Sunday before (n < 0) or after (n > 0) ``ref``, at month precision."""
    if n < 0:
        saturday = ref - timedelta(days=(ref.weekday() - 5) % 7 or 7)
    else:
        saturday = ref + timedelta(days=(5 - ref.weekday()) % 7 or 7)
    return _week_month([saturday, saturday + timedelta(days=1)])


def _weekend_handler(p, ref, anchor, future) -> Period | None:  # noqa: ANN001
    return _weekend(ref, 1 if future else -1) if ref else None


def _deictic(p, ref, anchor, future) -> Period | None:  # noqa: ANN001
    if ref is None:
        return None
    word = p["word"].lower()
    shift = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
    return Period(ref + timedelta(days=shift), "day", "relative")


_HANDLERS = {
    "month_day_year": _absolute, "day_month_year": _absolute, "iso": _absolute,
    "month_that_year": _month_that_year, "month_rel_year": _month_rel_year,
    "month_year": _month_year, "edge_month": _edge_month, "month_day": _month_day,
    "day_month": _month_day, "season_year": _season_year, "edge_year": _year,
    "ago": _ago, "in_time": _in_time, "offset": _offset, "day_offset": _day_offset, "later": _later,
    "the_next": _the_next, "day_before": _day_before, "anaphor": _anaphor,
    "within": _within, "last_month_name": _last_month_name, "last_weekday": _last_weekday,
    "last_season": _last_season, "last_unit": _last_unit, "weekend": _weekend_handler,
    "deictic": _deictic, "weekday": _weekday, "in_month": _in_month, "year": _year,
    "named": _named,
}
