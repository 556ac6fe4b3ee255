"""Article metadata: absolute dates, plain-text header blocks, first-line dates, datelines.

Dates are parsed strictly.  ISO forms go through a small parser of our own;
anything else goes to dateparser only when it names a year, in English, with the
relative-date and timestamp parsers switched off, so "may", "2+2", "yesterday"
or "1489712400" never become dates.  A date keeps the day as written (no time
zone conversion): a Tokyo article dated 17 March stays 17 March.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from ..errors import ConfigError

__all__ = ["Meta", "as_date", "find_dateline", "parse_date", "split_header", "take_date_line"]

MIN_YEAR, MAX_YEAR = 1900, 2100
_MAX_DATE_CHARS = 80
_MAX_HEADER_LINES = 12
_ISO = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[T ]\d{1,2}:\d{2}\b.*)?", re.IGNORECASE)
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")
_ISO_SHAPE = re.compile(r"\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2}(?:[T ].*)?)?", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(19\d{2}|20\d{2}|2100)(?!\d)")
_DATEPARSER_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["month", "year"],
    "PARSERS": ["custom-formats", "absolute-time"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_HEADER_LINE = re.compile(r"([A-Za-z][A-Za-z ]{0,15}?)\s*:\s*(.*)")
_HEADER_KEYS = {
    "title": "title", "headline": "title", "date": "date", "published": "date",
    "url": "url", "link": "url", "publisher": "publisher", "source": "publisher",
    "author": "author", "byline": "author",
}  # fmt: skip
_MONTHS = "january february march april may june july august september october november december"
_DATE_WORDS = frozenset(
    (
        f"{_MONTHS} jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday"
        " thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun am pm a m p"
        " gmt utc est edt cst cdt mst mdt pst pdt bst cet cest eet eest msk jst kst ist"
        " updated published posted on at of the st nd rd th t z"
    ).split()
)
_LEAD_WORD = re.compile(r"^(?:updated|published|posted)\s*:?\s*", re.IGNORECASE)
_DATELINE = re.compile(
    r"[A-Z][\w.'-]*(?: [A-Za-z][\w.'-]*){0,3}(?:, [A-Z][\w.'-]*(?: [A-Za-z][\w.'-]*){0,2})?"
    r", (?P<date>[A-Za-z0-9][\w ,.]{4,30}?\d{4})"
    r" ?(?:\([^()\n]{1,40}\)|/[^/\n]{1,20}/)? ?[-:.]"
)


@dataclass(frozen=True, slots=True)
class Meta:
    """What is known about an article beside its text."""

    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    author: str | None = None
    date: date | None = None


def parse_date(value: str) -> date | None:
    """The calendar date an absolute date string names, or None."""
    value = " ".join(value.split())
    if not value or len(value) > _MAX_DATE_CHARS:
        return None
    if _ISO_SHAPE.fullmatch(value):  # ISO-shaped: ours to settle, even when invalid
        found = parse_iso_date(value)
    else:
        found = _dateparser(value) if _YEAR.search(value) else None
    return found if found is not None and MIN_YEAR <= found.year <= MAX_YEAR else None


def parse_iso_date(value: str) -> date | None:
    """``2017-03-17``, ``2017/03/17``, ``2017-03-17T09:00:00+09:00``, ``2017-03``."""
    match = _ISO.fullmatch(value)
    if match:
        return _safe_date(int(match[1]), int(match[3]), int(match[4]))
    match = _ISO_MONTH.fullmatch(value)
    return _safe_date(int(match[1]), int(match[2]), 1) if match else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _dateparser(value: str) -> date | None:
    import dateparser  # imported on first use: it is slow to load

    try:
        parsed = dateparser.parse(value, languages=["en"], settings=_DATEPARSER_SETTINGS)
    except (ValueError, OverflowError, TypeError, LookupError, AttributeError):
        return None  # dateparser's own bugs on odd strings: the string is no date to us
    return parsed.date() if parsed is not None else None


def as_date(value: Any) -> date | None:
    """A caller-given publication date (date, datetime or date string) as a date."""
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, datetime):
        return value.date()
    parsed = parse_date(value) if isinstance(value, str) else None
    if parsed is None:
        raise ConfigError(f"published: {value!r} is not a date; use YYYY-MM-DD")
    return parsed


def split_header(text: str) -> tuple[Meta, str]:
    """Take a leading block of ``Key: value`` lines, ended by a blank line, off ``text``.

    Keys (any case): Title/Headline, Date/Published, URL/Link, Publisher/Source,
    Author/Byline.  A block with any other line in it is no header: nothing is taken.
    """
    fields: dict[str, str] = {}
    lines = text.split("\n", _MAX_HEADER_LINES + 1)
    for index, line in enumerate(lines[: _MAX_HEADER_LINES + 1]):
        if not line.strip():
            return (_header(fields), "\n".join(lines[index:])) if fields else (Meta(), text)
        match = _HEADER_LINE.fullmatch(line.strip())
        key = _HEADER_KEYS.get(match[1].lower()) if match else None
        if key is None:
            return Meta(), text
        fields.setdefault(key, match[2].strip())  # type: ignore[index]
    whole = len(lines) <= _MAX_HEADER_LINES + 1
    return (_header(fields), "") if fields and whole else (Meta(), text)


def _header(fields: dict[str, str]) -> Meta:
    return Meta(
        title=fields.get("title") or None,
        url=fields.get("url") or None,
        publisher=fields.get("publisher") or None,
        author=fields.get("author") or None,
        date=parse_date(fields.get("date", "")),
    )


def take_date_line(text: str) -> tuple[date | None, str]:
    """If the first line of ``text`` is nothing but a date, return it and the rest."""
    first, _, rest = text.partition("\n")
    if not _looks_like_date(first):
        return None, text
    found = parse_date(_LEAD_WORD.sub("", first.strip()))
    return (found, rest.lstrip("\n")) if found else (None, text)


def _looks_like_date(line: str) -> bool:
    if not line.strip() or len(line) > _MAX_DATE_CHARS or not _YEAR.search(line):
        return False
    words = re.findall(r"[A-Za-z]+", line)
    return all(word.lower() in _DATE_WORDS for word in words)


def find_dateline(text: str) -> date | None:
    """The date of a wire-style dateline opening ``text``.

    ``TOKYO, March 17, 2017 (Reuters) -`` and ``MOSCOW, 17 March 2017 /TASS/.``
    """
    match = _DATELINE.match(text[:200])
    return parse_date(match["date"]) if match else None
