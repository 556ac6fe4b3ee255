"""Finding and resolving time expressions in English news text.

``find_expressions`` returns every date-like expression of a text with its
character span; ``resolve`` turns one into a calendar period given the
publication date (for "on Monday", "last week", "four years ago") and the
previously mentioned date (for "two days later", "the next day").  Periods are
(start, precision) pairs; a day is never invented when only a month or year
is known.  No third-party date guessing: each pattern is explicit.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["Period", "TimeExpression", "find_expressions", "resolve"]

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
           "several": 3, "a few": 3, "few": 3, "couple of": 2, "a couple of": 2}
SEASONS = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 1}

_MONTH = (r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
          r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_NUM = (r"(?P<num>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
        r"several|a few|a couple of)")
_UNIT = r"(?P<unit>day|week|month|year|decade)s?"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_EDGE = r"(?P<edge>early|mid|late|the (?:end|beginning|start|middle) of|end of|mid-)"
_SEASON = r"(?P<season>spring|summer|autumn|fall|winter)"
_YEAR_PREP = (r"(?:in|since|during|by|until|till|from|of|between|after|before|through|"
              r"throughout|and|to|early|late|mid|mid-|the|last|'s)")

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("month_day_year", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b")),
    ("day_month_year", re.compile(rf"\b{_DAY}\s+{_MONTH}\s*,?\s+{_YEAR}\b")),
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("edge_month", re.compile(rf"\b{_EDGE}\s*{_MONTH}(?:,?\s+(?:of\s+)?{_YEAR})?\b", re.I)),
    ("month_year", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b")),
    ("month_day", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?![,.]?\s*\d)")),
    ("day_month", re.compile(rf"\b{_DAY}\s+{_MONTH}\b")),
    ("season_year", re.compile(rf"\b(?:the\s+)?{_SEASON}\s+(?:of\s+)?{_YEAR}\b", re.I)),
    ("edge_year", re.compile(rf"\b{_EDGE}\s*{_YEAR}\b", re.I)),
    ("ago", re.compile(rf"\b{_NUM}\s+{_UNIT}\s+ago\b", re.I)),
    ("later", re.compile(rf"\b{_NUM}\s+{_UNIT}\s+(?P<dir>later|earlier|after|before)\b", re.I)),
    ("the_next", re.compile(r"\bthe\s+(?P<dir>next|following|previous|preceding)\s+"
                            r"(?P<unit>day|morning|week|month|year)\b(?!\s+(?:of|'s))", re.I)),
    ("day_before", re.compile(r"\bthe\s+day\s+(?P<dir>before|after)\b", re.I)),
    ("same_day", re.compile(r"\b(?:the\s+)?same\s+(?P<unit>day|week|month)\b", re.I)),
    ("within", re.compile(r"\b(?P<dir>earlier|later)\s+(?P<which>this|last|next)\s+"
                          r"(?P<unit>week|month|year)\b", re.I)),
    ("last_month_name", re.compile(rf"\b(?P<which>last|next|this|past|coming)\s+{_MONTH}\b")),
    ("last_weekday", re.compile(rf"\b(?P<which>last|next|this|past|coming)\s+{_WEEKDAY}\b")),
    ("last_season", re.compile(rf"\b(?P<which>last|next|this|past|coming)\s+{_SEASON}\b", re.I)),
    ("last_unit", re.compile(r"\b(?P<which>last|next|this|past|coming)\s+"
                             r"(?P<unit>week|weekend|month|year|decade)\b", re.I)),
    ("deictic", re.compile(r"\b(?P<word>yesterday|today|tomorrow|tonight|last night|"
                           r"this (?:morning|afternoon|evening))\b", re.I)),
    ("weekday", re.compile(rf"\b{_WEEKDAY}\b")),
    ("in_month", re.compile(rf"\b(?P<prep>in|on|since|during|last|by|until|early|late|mid|"
                            rf"before|after|from)\s+{_MONTH}\b(?!\s+\d)", re.I)),
    ("year", re.compile(rf"(?:\b(?P<prep>{_YEAR_PREP})[\s-]+(?:the\s+)?)?{_YEAR}\b"
                        r"(?![-/]\d|\s*(?:%|per\b|\+|troops|people|soldiers))", re.I)),
]


@dataclass(frozen=True)
class TimeExpression:
    kind: str
    text: str
    start: int  # character offsets in the text searched
    end: int
    parts: dict[str, str]


@dataclass(frozen=True)
class Period:
    start: date
    precision: str  # day, month, year
    basis: str  # explicit, relative

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


def find_expressions(text: str, offset: int = 0) -> list[TimeExpression]:
    """Every time expression in ``text``, longest first where they overlap."""
    found: list[TimeExpression] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < b and a < e for a, b in taken):
                continue
            parts = {k: v for k, v in m.groupdict().items() if v}
            if not _sane(kind, parts, text, s):
                continue
            taken.append((s, e))
            found.append(TimeExpression(kind, m.group(0), s + offset, e + offset, parts))
    return sorted(found, key=lambda x: x.start)


def _sane(kind: str, parts: dict[str, str], text: str, start: int) -> bool:
    month = parts.get("month", "")
    if month == "May" and kind in {"in_month", "last_month_name"}:
        return True
    if month.lower() == "may" and month != "May":
        return False  # the modal verb
    if month == "May" and kind == "month_day" and not parts.get("day"):
        return False
    if "day" in parts and not 1 <= int(parts["day"]) <= 31:
        return False
    if kind == "year":
        return bool(parts.get("prep")) or start == 0
    return True


def _number(raw: str) -> int:
    raw = raw.lower()
    return int(raw) if raw.isdigit() else NUMBERS.get(raw, 1)


def _month_num(raw: str) -> int:
    return MONTHS[raw.lower().rstrip(".")]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _shift(d: date, unit: str, n: int) -> tuple[date, str]:
    """Move ``d`` by n units; return the new date and the natural precision."""
    unit = unit.lower().rstrip("s")
    if unit in {"day", "morning"}:
        return d + timedelta(days=n), "day"
    if unit in {"week", "weekend"}:
        return d + timedelta(weeks=n), "month"
    if unit == "month":
        total = d.year * 12 + d.month - 1 + n
        return date(total // 12, total % 12 + 1, 1), "month"
    if unit == "decade":
        return date(d.year + 10 * n, 1, 1), "year"
    return date(d.year + n, 1, 1), "year"


def _year_for(month: int, day: int, ref: date, future: bool) -> int:
    """The year that puts month/day nearest the reference on the right side of it."""
    candidates = [ref.year - 1, ref.year, ref.year + 1]
    dated = [(y, _safe_date(y, month, min(day, 28) if day > 28 else day)) for y in candidates]
    dated = [(y, d) for y, d in dated if d is not None]
    if future:
        after = [(y, d) for y, d in dated if d >= ref - timedelta(days=7)]
        return min(after, key=lambda p: p[1])[0] if after else ref.year
    before = [(y, d) for y, d in dated if d <= ref + timedelta(days=7)]
    return max(before, key=lambda p: p[1])[0] if before else ref.year


def resolve(expr: TimeExpression, published: date | None, previous: date | None,
            future: bool = False) -> Period | None:
    """Resolve an expression to a Period; None when it needs an anchor that is missing."""
    handler = _HANDLERS.get(expr.kind)
    return handler(expr.parts, published, previous or published, future) if handler else None


def _absolute(p: dict[str, str], pub, prev, future) -> Period | None:  # noqa: ANN001
    month = _month_num(p["month"]) if not p["month"].isdigit() else int(p["month"])
    d = _safe_date(int(p["year"]), month, int(p["day"]))
    return Period(d, "day", "explicit") if d else None


def _month_day(p, pub, prev, future) -> Period | None:  # noqa: ANN001
    ref = pub or prev
    if ref is None:
        return None
    month, day = _month_num(p["month"]), int(p["day"])
    d = _safe_date(_year_for(month, day, ref, future), month, day)
    return Period(d, "day", "explicit") if d else None


def _month_year(p, pub, prev, future) -> Period | None:  # noqa: ANN001
    return Period(date(int(p["year"]), _month_num(p["month"]), 1), "month", "explicit")


def _edge_month(p, pub, prev, future) -> Period | None:  # noqa: ANN001
    month = _month_num(p["month"])
    if p.get("year"):
        return Period(date(int(p["year"]), month, 1), "month", "explicit")
    ref = pub or prev
    if ref is None:
        return None
    return Period(date(_year_for(month, 15, ref, future), month, 1), "month", "explicit")


def _in_month(p, pub, prev, future) -> Period | None:  # noqa: ANN001
    ref = pub or prev
    if ref is None:
        return None
    month = _month_num(p["month"])
    prep = p.get("prep", "").lower()
    fut = future or prep in {"until", "by"}
    basis = "relative" if prep == "last" else "explicit"
    if prep == "last":
        year = ref.year if month < ref.month else ref.year - 1
        return Period(date(year, month, 1), "month", basis)
    return Period(date(_year_for(month, 15, ref, fut), month, 1), "month", basis)


def _year(p, pub, prev, future) -> Period | None:  # noqa: ANN001
    return Period(date(int(p["year"]), 1, 1), "year", "explicit")


def _ago(p, pub, prev, future) -> Period | None:  # noqa: ANN001
    if pub is None:
        return None
    d, precision = _shift(pub, p["unit"], -_number(p["num"]))
    return Period(d, precision, "relative")


def _later(p, pub, prev, future) -> Period | None:  # noqa: ANN001
    if prev is None:
        return None
    sign = 1 if p["dir"].lower() in {"later", "after"} else -1
    d, precision = _shift(prev, p["unit"], sign * _number(p["num"]))
    return Period(d, precision, "relative")


def _the_next(p, pub, prev, future) -> Period | None:  # noqa: ANN001
    if prev is None:
        return None
    sign = 1 if p["dir"].lower() in {"next", "following"} else -1
    d, precision = _shift(prev, p["unit"], sign)
    return Period(d, precision, "relative")


def _day_before(p, pub, prev, future) -> Period | None:  # noqa: ANN001
    if prev is None:
        return None
    return Period(prev + timedelta(days=1 if p["dir"].lower() == "after" else -1), "day",
                  "relative")


def _same(p, pub, prev, future) -> Period | None:  # noqa: ANN001
    if prev is None:
        return None
    return Period(prev, "day" if p["unit"].lower() == "day" else "month", "relative")


def _within(p, pub, prev, future) -> Period | None:  # noqa: ANN001
    if pub is None:
        return None
    which = p["which"].lower()
    n = {"this": 0, "last": -1, "next": 1}[which]
    d, precision = _shift(pub, p["unit"], n)
    return Period(d, "year" if p["unit"].lower() == "year" else "month", "relative")


def _last_month_name(p, pub, prev, future) -> Period | None:  # noqa: ANN001
    if pub is None:
        return None
    month, which = _month_num(p["month"]), p["which"].lower()
    if which in {"last", "past"}:
        year = pub.year if month < pub.month else pub.year - 1
    elif which in {"next", "coming"}:
        year = pub.year if month > pub.month else pub.year + 1
    else:
        year = pub.year
    return Period(date(year, month, 1), "month", "relative")


def _weekday_date(target: int, ref: date, future: bool, strict: bool) -> date:
    delta = (target - ref.weekday()) % 7
    if future:
        return ref + timedelta(days=delta or (7 if strict else 0))
    back = (ref.weekday() - target) % 7
    return ref - timedelta(days=back or (7 if strict else 0))


def _last_weekday(p, pub, prev, future) -> Period | None:  # noqa: ANN001
    if pub is None:
        return None
    which = p["which"].lower()
    target = WEEKDAYS[p["weekday"].lower()]
    fut = which in {"next", "coming"} or (which == "this" and future)
    return Period(_weekday_date(target, pub, fut, strict=True), "day", "relative")


def _weekday(p, pub, prev, future) -> Period | None:  # noqa: ANN001
    if pub is None:
        return None
    target = WEEKDAYS[p["weekday"].lower()]
    return Period(_weekday_date(target, pub, future, strict=False), "day", "relative")


def _last_season(p, pub, prev, future) -> Period | None:  # noqa: ANN001
    if pub is None:
        return None
    which = p["which"].lower()
    year = pub.year + (1 if which in {"next", "coming"} else 0)
    if which in {"last", "past"}:
        year = pub.year - 1 if SEASONS[p["season"].lower()] >= pub.month else pub.year
    return Period(date(year, 1, 1), "year", "relative")


def _season_year(p, pub, prev, future) -> Period | None:  # noqa: ANN001
    return Period(date(int(p["year"]), 1, 1), "year", "explicit")


def _last_unit(p, pub, prev, future) -> Period | None:  # noqa: ANN001
    if pub is None:
        return None
    n = {"last": -1, "past": -1, "next": 1, "coming": 1, "this": 0}[p["which"].lower()]
    d, precision = _shift(pub, p["unit"], n)
    return Period(d, precision, "relative")


def _deictic(p, pub, prev, future) -> Period | None:  # noqa: ANN001
    if pub is None:
        return None
    word = p["word"].lower()
    shift = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
    return Period(pub + timedelta(days=shift), "day", "relative")


_HANDLERS = {
    "month_day_year": _absolute, "day_month_year": _absolute, "iso": _absolute,
    "month_year": _month_year, "edge_month": _edge_month, "month_day": _month_day,
    "day_month": _month_day, "season_year": _season_year, "edge_year": _year,
    "ago": _ago, "later": _later, "the_next": _the_next, "day_before": _day_before,
    "same_day": _same, "within": _within, "last_month_name": _last_month_name,
    "last_weekday": _last_weekday, "last_season": _last_season, "last_unit": _last_unit,
    "deictic": _deictic, "weekday": _weekday, "in_month": _in_month, "year": _year,
}
