"""Time expressions on their own: what is found, and what each resolves to.

Resolution tables give the expression as it appears in a sentence, the story's
reference date, the anchor it may count from, whether the clause looks forward,
and the expected ISO date, precision and basis.
"""

from __future__ import annotations

from datetime import date

import pytest

from dotterel.timex import NamedPeriods, Period, find_dateline, find_expressions, resolve

WED = date(2017, 3, 22)  # a Wednesday
DAY_ANCHOR = Period(date(2017, 3, 1), "day", "explicit")
MONTH_ANCHOR = Period(date(2016, 4, 1), "month", "explicit")
YEAR_ANCHOR = Period(date(2013, 1, 1), "year", "explicit")


def only(text: str):
    found = find_expressions(text)
    assert len(found) == 1, f"expected one expression in {text!r}, found {found}"
    return found[0]


def check(text: str, ref: date | None, anchor: Period | None, future: bool | None,
          iso: str | None, precision: str | None = None, basis: str | None = None) -> None:
    period = resolve(only(text), ref, anchor, future)
    if iso is None:
        assert period is None
        return
    assert period is not None, f"{text!r} did not resolve"
    assert (period.iso, period.precision) == (iso, precision)
    if basis:
        assert period.basis == basis


EXPLICIT = [
    ("signed on March 18", False, "2017-03-18", "day"),
    ("signed on March 18", True, "2017-03-18", "day"),  # within a week: the same March 18
    ("will sign on March 30", True, "2017-03-30", "day"),
    ("signed on March 30", False, "2016-03-30", "day"),  # past tense: last year's
    ("signed on Mar. 18", False, "2017-03-18", "day"),
    ("signed on March 18th", False, "2017-03-18", "day"),
    ("signed on March 20, 2017", None, "2017-03-20", "day"),
    ("signed on March 20 2017", None, "2017-03-20", "day"),
    ("signed on 20 March 2017", None, "2017-03-20", "day"),
    ("signed on 2017-03-20", None, "2017-03-20", "day"),
    ("signed in April 2016", None, "2016-04", "month"),
    ("signed in April of 2016", None, "2016-04", "month"),
    ("signed in 2014", None, "2014", "year"),
    ("In 2014, they signed", None, "2014", "year"),
    ("signed in the autumn of 2017", None, "2017", "year"),
    ("signed in autumn 2017", None, "2017", "year"),
    ("signed in mid-2015", None, "2015", "year"),
    ("signed in early 2015", None, "2015", "year"),
    ("signed at the end of April", False, "2016-04", "month"),
    ("will sign at the end of April", True, "2017-04", "month"),
    ("to be signed at the end of April", None, "2017-04", "month"),  # unclear: the nearest
    ("signed in late April 2016", None, "2016-04", "month"),
    ("signed in June", False, "2016-06", "month"),
    ("signed in February", False, "2017-02", "month"),
    ("will sign in June", True, "2017-06", "month"),
    ("signed by May", None, "2017-05", "month"),  # a deadline lies ahead
    ("signed in January last year", None, "2016-01", "month"),
    ("signed since 2004", None, "2004", "year"),
]


@pytest.mark.parametrize(("text", "future", "iso", "precision"), EXPLICIT)
def test_explicit_expressions(text: str, future: bool | None, iso: str, precision: str) -> None:
    check(text, WED, None, future, iso, precision, "explicit"
          if "last year" not in text else "relative")


RELATIVE_TO_PUBLICATION = [
    ("met on Monday", False, "2017-03-20", "day"),
    ("met on Wednesday", False, "2017-03-22", "day"),  # the publication day itself
    ("met on Thursday", False, "2017-03-16", "day"),
    ("will meet on Monday", True, "2017-03-27", "day"),
    ("will meet on Wednesday", True, "2017-03-22", "day"),
    ("met last Monday", False, "2017-03-20", "day"),
    ("will meet next Monday", True, "2017-03-27", "day"),
    ("met yesterday", None, "2017-03-21", "day"),
    ("meets today", None, "2017-03-22", "day"),
    ("will meet tomorrow", None, "2017-03-23", "day"),
    ("met last week", None, "2017-03", "month"),
    ("met earlier this week", None, "2017-03", "month"),
    ("met this week", None, "2017-03", "month"),
    ("will meet next week", None, "2017-03", "month"),
    ("met earlier this month", None, "2017-03", "month"),
    ("met last month", None, "2017-02", "month"),
    ("will meet next month", None, "2017-04", "month"),
    ("met last year", None, "2016", "year"),
    ("met earlier this year", None, "2017", "year"),
    ("met last December", None, "2016-12", "month"),
    ("will meet next June", None, "2017-06", "month"),
    ("met four years ago", None, "2013", "year"),
    ("met two weeks ago", None, "2017-03", "month"),
    ("met three days ago", None, "2017-03-19", "day"),
    ("met a decade ago", None, "2007", "year"),
    ("will meet in four months' time", None, "2017-07", "month"),
    ("will meet within a week", None, "2017-03", "month"),
    ("met over the weekend", None, "2017-03", "month"),
]


@pytest.mark.parametrize(("text", "future", "iso", "precision"), RELATIVE_TO_PUBLICATION)
def test_expressions_relative_to_publication(text: str, future: bool | None, iso: str,
                                             precision: str) -> None:
    check(text, WED, None, future, iso, precision, "relative")


@pytest.mark.parametrize(("text", "ref", "iso", "precision"), [
    # 'last week' from Fri 9 Sept 2022 is 29 Aug-4 Sept: most of its working days are August
    ("launched an appeal last week", date(2022, 9, 9), "2022-08", "month"),
    # 'earlier this week' from Fri 1 Nov 2019: Mon 28-Thu 31 Oct
    ("said earlier this week", date(2019, 11, 1), "2019-10", "month"),
    # a week across the new year is only a year: 30 Dec 2019-5 Jan 2020
    ("struck last week", date(2020, 1, 8), "2020", "year"),
])
def test_weeks_take_the_month_of_most_working_days(text: str, ref: date, iso: str,
                                                   precision: str) -> None:
    check(text, ref, None, None, iso, precision, "relative")


RELATIVE_TO_PREVIOUS = [
    ("Two days later, they met", DAY_ANCHOR, "2017-03-03", "day"),
    ("They met two days later", DAY_ANCHOR, "2017-03-03", "day"),
    ("They met a week later", DAY_ANCHOR, "2017-03", "month"),
    ("They met the next day", DAY_ANCHOR, "2017-03-02", "day"),
    ("They met the following day", DAY_ANCHOR, "2017-03-02", "day"),
    ("They met the day before", DAY_ANCHOR, "2017-02-28", "day"),
    ("They met the same day", DAY_ANCHOR, "2017-03-01", "day"),
    ("They met later that day", DAY_ANCHOR, "2017-03-01", "day"),
    ("They met that night", DAY_ANCHOR, "2017-03-01", "day"),
    ("They met days later", DAY_ANCHOR, "2017-03", "month"),
    ("They met the following year", YEAR_ANCHOR, "2014", "year"),
    ("They met later that year", DAY_ANCHOR, "2017", "year"),
    ("In November of that year they met", YEAR_ANCHOR, "2013-11", "month"),
    ("They met in April that year", YEAR_ANCHOR, "2013-04", "month"),
    # never finer than the date counted from
    ("Two days later, they met", MONTH_ANCHOR, "2016-04", "month"),
    ("They met the same day", MONTH_ANCHOR, "2016-04", "month"),
    ("They met the next day", YEAR_ANCHOR, "2013", "year"),
]


@pytest.mark.parametrize(("text", "anchor", "iso", "precision"), RELATIVE_TO_PREVIOUS)
def test_expressions_relative_to_the_previous_date(text: str, anchor: Period, iso: str,
                                                   precision: str) -> None:
    check(text, WED, anchor, None, iso, precision, "relative")


@pytest.mark.parametrize(("text", "anchor", "iso", "precision"), [
    # the anchor is the main clause's date; the period is the subordinate event's
    ("arrived in Mexico, two days after he resigned", Period(date(2019, 11, 12), "day", ""),
     "2019-11-10", "day"),
    ("struck less than a day after Moscow signed", Period(date(2022, 7, 23), "day", ""),
     "2022-07-22", "day"),
    ("came a week after the army seized power", Period(date(2017, 11, 21), "day", ""),
     "2017-11", "month"),
    ("filed the case months after vessels took the shoal", Period(date(2013, 1, 1), "month", ""),
     "2012", "year"),
    ("rioted the day after the vote was held", Period(date(2023, 1, 9), "day", ""),
     "2023-01-08", "day"),
    ("met two days before the vote was held", Period(date(2023, 1, 9), "day", ""),
     "2023-01-11", "day"),
])
def test_clause_offsets_count_back_from_the_main_clause(text: str, anchor: Period, iso: str,
                                                       precision: str) -> None:
    expr = only(text)
    assert expr.kind in {"offset", "day_offset"}
    period = resolve(expr, WED, anchor)
    assert period is not None and (period.iso, period.precision) == (iso, precision)


@pytest.mark.parametrize("text", [
    "met on Monday", "met last week", "met four years ago", "met yesterday",
    "met two days later", "met the next day",
])
def test_relative_expressions_need_a_reference_date(text: str) -> None:
    check(text, None, None, None, None)


@pytest.mark.parametrize("text", [
    "the foreign and defence ministers held the '2+2' talks",
    "the 2+2 format",
    "Russia may deploy troops",
    "Moscow May respond",
    "British Prime Minister Theresa May met Abe",
    "Theresa May said",
    "2,000 troops",
    "Russia sent 2000 troops",
    "at the G20 summit",
    "a G7 statement",
    "1,500 km from Tokyo",
    "about 2015 kilometres",
    "the 1998-2000 border war",
    "the 1990s",
    "a 2000-strong force",
    "Resolution 2334",
    "day after day",
    "years ago",
    "Bloody Sunday",
    "the Black Sea",
])
def test_false_friends_are_not_dates(text: str) -> None:
    assert find_expressions(text) == []


def test_expressions_keep_their_spans_and_do_not_overlap() -> None:
    text = "Abe met Putin on March 20, 2017, two days after talks in Moscow on Saturday."
    found = find_expressions(text)
    assert [e.text for e in found] == ["March 20, 2017", "two days after", "Saturday"]
    assert all(text[e.start:e.end] == e.text for e in found)
    assert [e.start for e in find_expressions(text, offset=100)] == [e.start + 100 for e in found]


@pytest.mark.parametrize(("text", "iso"), [
    ("TOKYO, March 17 (Reuters) - Japan and Russia held talks.", "2017-03-17"),
    ("PORT-AU-PRINCE, Jan 15 (dotterel) - The carrier arrived.", "2017-01-15"),
    ("THE HAGUE, July 12 (dotterel) - A tribunal ruled.", "2016-07-12"),
    ("WASHINGTON, Sept. 15 - Israel signed.", "2016-09-15"),
    ("GORIS, Armenia, Sept 28 (dotterel) - The leader signed.", "2016-09-28"),
    ("TOKYO, March 17, 2015 (Reuters) - Talks.", "2015-03-17"),
])
def test_datelines(text: str, iso: str) -> None:
    dateline = find_dateline(text)
    assert dateline is not None
    period = resolve(dateline, WED)
    assert period is not None and period.iso == iso


@pytest.mark.parametrize("text", [
    "Japan and Russia held talks on March 17 - the first in years.",
    "Tokyo, March 17 - lower-case place names are not a dateline.",
    "In TOKYO, on March 17 (Reuters) - not at the start.",
])
def test_not_datelines(text: str) -> None:
    assert find_dateline(text) is None


@pytest.mark.parametrize(("period", "iso", "end"), [
    (Period(date(2016, 2, 10), "day", ""), "2016-02-10", date(2016, 2, 10)),
    (Period(date(2016, 2, 1), "month", ""), "2016-02", date(2016, 2, 29)),
    (Period(date(2016, 1, 1), "year", ""), "2016", date(2016, 12, 31)),
])
def test_period_iso_is_truncated_to_its_precision(period: Period, iso: str, end: date) -> None:
    assert period.iso == iso
    assert period.end == end


def test_coarsen_never_refines() -> None:
    day = Period(date(2016, 2, 10), "day", "explicit")
    assert day.coarsen("month") == Period(date(2016, 2, 1), "month", "explicit")
    assert day.coarsen("year").iso == "2016"
    assert day.coarsen("month").coarsen("day").iso == "2016-02"


WARS = NamedPeriods.build([(["World War Two", "the Second World War"], 1939, 1945),
                           (["the Russo-Georgian War"], 2008, 2008)])


@pytest.mark.parametrize(("text", "iso"), [
    ("seized at the end of World War Two", "1945"),
    ("seized in the final days of the Second World War", "1945"),
    ("began at the outbreak of world war two", "1939"),
    ("fled during the Russo-Georgian War", "2008"),  # a period within one year
    ("seized during World War Two", None),  # six years: no single year
])
def test_named_periods(text: str, iso: str | None) -> None:
    found = find_expressions(text, named=WARS)
    assert [e.kind for e in found] == ["named"]
    period = resolve(found[0], WED)
    assert (period.iso if period else None) == iso
