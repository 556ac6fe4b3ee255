"""Every events filter, checked against hand-built events with known answers."""

from datetime import date

import pytest

from dotterel.errors import ConfigError
from dotterel.query import EventFilter, parse_actor

from .conftest import DYAD_IDS, HAND_EVENTS, ids

ALL = set(range(1, 13))
FACTUAL = ALL - {7, 8}  # 7 is negated, 8 hypothetical

CASES = [
    ({}, FACTUAL),
    ({"include_negated": True}, ALL),
    ({"actor": "RUS"}, {1, 2, 5, 6, 10, 11, 12}),
    ({"actor": "rus"}, {1, 2, 5, 6, 10, 11, 12}),
    ({"actor": "RUSMIL"}, {5}),
    ({"actor": "RUS:GOV"}, {1, 2, 6, 10, 11, 12}),
    ({"actor": "RUS", "include_negated": True}, {1, 2, 5, 6, 8, 10, 11, 12}),
    ({"recipient": "JPN"}, {1, 6, 10, 12}),
    ({"recipient": "RUSBUS"}, {3}),
    ({"recipient": "RUS"}, {3, 4, 9}),
    ({"dyad": ("RUS", "JPN")}, DYAD_IDS),
    ({"dyad": ("JPN", "RUS")}, DYAD_IDS),
    ({"dyad": ("RUS", "JPN"), "include_negated": True}, DYAD_IDS | {7, 8}),
    ({"dyad": ("RUS", "CHN")}, {11}),
    ({"dyad": ("JPNBUS", "RUSBUS")}, {3}),
    ({"dyad": ("USA", "JPN")}, set()),
    ({"types": "COOPERATE"}, {3, 10}),
    ({"types": "cooperate", "include_negated": True}, {3, 7, 10}),
    ({"types": ("AGREE", "ACCUSE")}, {2, 4, 6, 11}),
    ({"quad": 1}, {1, 2, 6, 12}),
    ({"quad": 2}, {3, 10}),
    ({"quad": 3}, {4, 11}),
    ({"quad": 4}, {5, 9}),
    ({"since": "2017-01-01"}, {4, 6, 10, 11}),
    ({"since": date(2017, 1, 1), "include_negated": True}, {4, 6, 7, 8, 10, 11}),
    ({"until": "2016-12-15"}, {1, 5, 9}),
    ({"since": "2016-12-01", "until": "2016-12-31"}, {1, 2, 3}),
    ({"since": "2017-04-15", "until": "2017-04-30"}, set()),  # month-precision 2017-04 starts 04-01
    ({"actor": "JPN", "quad": 3}, {4, 11}),
    ({"actor": "JPN", "recipient": "RUS", "quad": 3}, {4}),
    ({"dyad": ("RUS", "JPN"), "since": "2017-01-01", "types": "AGREE"}, {6}),
]


@pytest.mark.parametrize("filters, expected", CASES, ids=[str(c[0]) for c in CASES])
def test_filter(hand_store, filters, expected):
    frame = hand_store.events(**filters)
    assert set(frame["id"]) == ids(*expected)
    assert hand_store.count_events(**filters) == len(expected)
    records = list(hand_store.iter_events(EventFilter.of(**filters), page=2))
    assert {ev.id for ev in records} == ids(*expected)


def test_events_are_ordered_by_date_then_id_with_undated_last(hand_store):
    frame = hand_store.events()
    starts = [d for d in frame["date_start"] if d is not None and d == d]
    assert starts == sorted(starts)
    assert frame["id"].iloc[-1] == "doc12-0-0"


def test_limit(hand_store):
    assert len(hand_store.events(limit=3)) == 3
    assert len(list(hand_store.iter_events(limit=5, page=2))) == 5


def test_polars_and_labels(hand_store):
    frame = hand_store.events(dyad=("RUS", "JPN"), as_="polars")
    row = frame.filter(frame["id"] == "doc02-0-0").to_dicts()[0]
    assert row["actor"] == "JPN GOV; RUS GOV"
    assert row["recipient"] is None
    assert row["actor_codes"] == ["JPN", "RUS"]
    assert row["title"] == "Report 2"


@pytest.mark.parametrize("filters, message", [
    ({"types": "MEET"}, "unknown PLOVER event type"),
    ({"quad": 5}, "quad class"),
    ({"since": "20/03/2017"}, "YYYY-MM-DD"),
    ({"dyad": ("RUS",)}, "two actor codes"),
    ({"actor": " "}, "empty"),
])
def test_bad_filters_are_config_errors(hand_store, filters, message):
    with pytest.raises(ConfigError, match=message):
        hand_store.events(**filters)


@pytest.mark.parametrize("value, expected", [
    ("RUS", ("RUS", None)), ("rusgov", ("RUS", "GOV")), ("RUS:MIL", ("RUS", "MIL")),
    ("IGO", ("IGO", None)), ("UNO:", ("UNO", None)),
])
def test_parse_actor(value, expected):
    assert parse_actor(value) == expected


def test_values_are_parameters_not_sql(hand_store):
    hostile = "RUS') OR TRUE --"
    assert hand_store.count_events(actor=hostile) == 0
    assert hand_store.count_events(dyad=(hostile, "JPN")) == 0


def test_event_records_follow_the_frame_order(hand_store):
    frame = hand_store.events(dyad=("RUS", "JPN"), limit=5)
    records = list(hand_store.event_records(dyad=("RUS", "JPN"), limit=5, page=2))
    assert [ev.id for ev in records] == list(frame["id"])
    assert records[0] == HAND_EVENTS[records[0].id]


def test_unknown_filter_names(hand_store):
    with pytest.raises(ConfigError, match="unknown event filter colour"):
        hand_store.events(colour="red")


def test_empty_store_answers_with_empty_frames(store):
    assert store.events().empty and store.count_events() == 0
    assert list(store.event_records()) == [] and list(store.iter_events()) == []
