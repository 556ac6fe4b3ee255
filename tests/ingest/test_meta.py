"""Dates, header blocks, first-line dates and datelines."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dotterel.errors import ConfigError
from dotterel.ingest.meta import (
    Meta,
    as_date,
    find_dateline,
    parse_date,
    split_header,
    take_date_line,
)

D = date(2017, 3, 17)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017-03-17", D),
        ("2017/03/17", D),
        ("2017-3-7", date(2017, 3, 7)),
        ("2017-03-17T09:00:00Z", D),
        ("2017-03-17T23:30:00-05:00", D),  # the day as written, not converted to UTC
        ("2017-03-17 09:00:00.123+0900", D),
        ("2017/03/17 09:00 AM EST", D),
        ("2017-03", date(2017, 3, 1)),
        ("March 17, 2017", D),
        ("17 March 2017", D),
        ("Mar. 17, 2017", D),
        ("Friday, 17 March 2017 09:15 GMT", D),
        ("Fri, 17 Mar 2017 09:00:00 +0900", D),
        ("March 2017", date(2017, 3, 1)),
        ("  17   March\n2017 ", D),
    ],
)
def test_parse_date_reads_absolute_dates(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["may", "May", "2+2", "2017", "yesterday", "3 days ago", "next week", "1489712400",
     "20170317", "2017-02-30", "2017-13-01", "2017-03-17 junk", "2017-03-17T9",
     "Tokyo, 2017", "tomorrow 2017", "", "   ",
     "the 2+2 talks in May 2017 were followed by months of work " * 3, "1066-10-14",
     "3017-01-01"],
)
def test_parse_date_refuses_what_is_no_absolute_date(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), (D, D), (datetime(2017, 3, 17, 23, 59), D), ("2017-03-17", D)],
)
def test_as_date(value, expected) -> None:
    assert as_date(value) == expected


@pytest.mark.parametrize("value", ["soon", 20170317, ""])
def test_as_date_refuses_non_dates(value) -> None:
    with pytest.raises(ConfigError):
        as_date(value)


@pytest.mark.parametrize(
    ("text", "meta", "rest"),
    [
        ("Title: T\nDate: 2017-03-17\n\nBody.", Meta(title="T", date=D), "\nBody."),
        ("headline: T\nLINK: https://x\nSource: S\nByline: A\n\nBody.",
         Meta(title="T", url="https://x", publisher="S", author="A"), "\nBody."),
        ("Title: First\nTitle: Second\n\nBody.", Meta(title="First"), "\nBody."),
        ("Title: T\nDate: 2017-03-17", Meta(title="T", date=D), ""),
        ("Title: T\nBody.", Meta(), "Title: T\nBody."),
        ("Body.\n\nMore.", Meta(), "Body.\n\nMore."),
        ("\nBody.", Meta(), "\nBody."),
        ("Title: T\n" * 13 + "\nBody.", Meta(), "Title: T\n" * 13 + "\nBody."),
    ],
)
def test_split_header(text: str, meta: Meta, rest: str) -> None:
    assert split_header(text) == (meta, rest)


@pytest.mark.parametrize(
    ("text", "found", "rest"),
    [
        ("March 17, 2017\nBody.", D, "Body."),
        ("17 March 2017\n\nBody.", D, "Body."),
        ("Updated: Friday, 17 March 2017, 09:15 a.m. GMT\nBody.", D, "Body."),
        ("2017-03-17T09:00:00Z\nBody.", D, "Body."),
        ("In March 2017 the talks began.\nBody.", None, "In March 2017 the talks began.\nBody."),
        ("May 2+2\nBody.", None, "May 2+2\nBody."),
        ("March 17\nBody.", None, "March 17\nBody."),
        ("", None, ""),
    ],
)
def test_take_date_line(text: str, found: date | None, rest: str) -> None:
    assert take_date_line(text) == (found, rest)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("TOKYO, March 17, 2017 (Reuters) - Japan and Russia met.", D),
        ("MOSCOW, 17 March 2017 /TASS/. Lavrov said.", D),
        ("Sochi, Russia, March 17, 2017 (AP) - Putin met Abe.", D),
        ("WASHINGTON, March 17, 2017 - Officials said.", D),
        ("NEW YORK, Mar. 17, 2017: The UN said.", D),
        ("TOKYO (Reuters) - Japan and Russia met.", None),
        ("MOSCOW, March 17 (Reuters) - No year here.", None),
        ("Japan and Russia met on March 17, 2017 in Tokyo.", None),
    ],
)
def test_find_dateline(text: str, found: date | None) -> None:
    assert find_dateline(text) == found
