"""Dyad arithmetic, actors, the network and evidence, checked by hand on known events."""

import math
from dataclasses import replace

import pandas as pd
import pytest

from dotterel.analysis import actor_network, dyad, dyad_totals, evidence, top_actors
from dotterel.errors import ConfigError
from dotterel.records import Entity
from dotterel.store import Coded

from .conftest import CODER_VERSION, HAND_EVENTS, SPECS, build_document, event_id

QUADS = ["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"]


def by_period(frame: pd.DataFrame) -> dict[str, dict]:
    return {row["period"]: row for row in frame.to_dict("records")}


def scores(*numbers: int) -> tuple[float, float]:
    evs = [HAND_EVENTS[event_id(n)] for n in numbers]
    return sum(e.plover_score for e in evs), sum(e.goldstein for e in evs)


# period -> (events, quad counts 1-4, substance ratio, substance n, event numbers)
BY_YEAR = {
    "2016": (3, [2, 1, 0, 0], 1 / 3, 3, (1, 2, 3)),
    "2017": (2, [1, 0, 1, 0], 0.0, 1, (4, 6)),
    "2018": (1, [0, 1, 0, 0], 1.0, 1, (10,)),
}
BY_YEAR_WITH_NEGATED = {
    "2016": (3, [2, 1, 0, 0], 1 / 3, 3, (1, 2, 3)),
    "2017": (3, [1, 1, 1, 0], 0.5, 2, (4, 6, 7)),
    "2018": (2, [1, 1, 0, 0], 0.5, 2, (8, 10)),
}
BY_QUARTER = {  # 10 is dated to a year only, 12 not at all: both left out
    "2016Q4": (3, [2, 1, 0, 0], 1 / 3, 3, (1, 2, 3)),
    "2017Q1": (1, [0, 0, 1, 0], None, 0, (4,)),
    "2017Q2": (1, [1, 0, 0, 0], 0.0, 1, (6,)),
}
BY_MONTH = {
    "2016-12": (3, [2, 1, 0, 0], 1 / 3, 3, (1, 2, 3)),
    "2017-01": (0, [0, 0, 0, 0], None, 0, ()),
    "2017-02": (0, [0, 0, 0, 0], None, 0, ()),
    "2017-03": (1, [0, 0, 1, 0], None, 0, (4,)),
    "2017-04": (1, [1, 0, 0, 0], 0.0, 1, (6,)),
}


@pytest.mark.parametrize("by, options, expected, left_out", [
    ("year", {}, BY_YEAR, 1),
    ("year", {"include_negated": True}, BY_YEAR_WITH_NEGATED, 1),
    ("quarter", {}, BY_QUARTER, 2),
    ("month", {}, BY_MONTH, 2),
])
def test_dyad_periods(hand_store, by, options, expected, left_out):
    result = dyad(hand_store, "RUS", "JPN", by=by, **options)
    rows = by_period(result.periods)
    assert list(rows) == list(expected)
    assert result.left_out == left_out
    assert result.events == sum(e[0] for e in expected.values()) + left_out
    for period, (events, quads, ratio, n, numbers) in expected.items():
        row = rows[period]
        assert row["events"] == events
        assert [row[q] for q in QUADS] == quads
        assert row["substance_n"] == n
        if ratio is None:
            assert math.isnan(row["substance_ratio"])
        else:
            assert row["substance_ratio"] == pytest.approx(ratio)
        plover, goldstein = scores(*numbers)
        assert row["plover_score_sum"] == pytest.approx(plover)
        assert row["goldstein_sum"] == pytest.approx(goldstein)
        if events:
            assert row["plover_score_mean"] == pytest.approx(plover / events)
            assert row["goldstein_mean"] == pytest.approx(goldstein / events)
        else:
            assert math.isnan(row["plover_score_mean"])


def test_dyad_counts_plover_types(hand_store):
    rows = by_period(dyad(hand_store, "JPN", "RUS", by="year").periods)
    assert (rows["2016"]["CONSULT"], rows["2016"]["AGREE"], rows["2016"]["COOPERATE"]) == (1, 1, 1)
    assert (rows["2017"]["ACCUSE"], rows["2017"]["AGREE"]) == (1, 1)
    assert rows["2018"]["COOPERATE"] == 1 and rows["2018"]["AGREE"] == 0


def test_dyad_totals_by_hand(hand_store):
    total = dyad_totals(dyad(hand_store, "RUS", "JPN", by="year").periods)
    plover, goldstein = scores(1, 2, 3, 4, 6, 10)
    assert total["events"] == 6
    assert [total[q] for q in QUADS] == [3, 2, 1, 0]
    assert total["substance_ratio"] == pytest.approx(2 / 5) and total["substance_n"] == 5
    assert total["plover_score_mean"] == pytest.approx(plover / 6)
    assert total["goldstein_sum"] == pytest.approx(goldstein)


def test_dyad_since_until(hand_store):
    result = dyad(hand_store, "RUS", "JPN", by="year", since="2017-01-01", until="2017-12-31")
    assert list(result.periods["period"]) == ["2017"]
    assert result.events == 2


def test_dyad_without_events(hand_store):
    result = dyad(hand_store, "USA", "JPN")
    assert result.events == 0 and result.periods.empty and result.top == ()
    assert dyad_totals(result.periods)["substance_ratio"] is None


def test_dyad_top_events_are_the_most_confident(hand_store):
    result = dyad(hand_store, "RUS", "JPN", top=3)
    assert result.top[0] == HAND_EVENTS[event_id(1)]  # confidence 0.9
    # then confidence 0.8 with the most intense score (COOPERATE, 9.5), earlier date first
    assert [ev.id for ev in result.top[1:]] == [event_id(3), event_id(10)]


def test_store_dyad_returns_frames(hand_store):
    pandas_frame = hand_store.dyad("RUS", "JPN", by="year")
    polars_frame = hand_store.dyad("RUS", "JPN", by="year", as_="polars")
    assert list(pandas_frame["period"]) == polars_frame["period"].to_list() == ["2016", "2017",
                                                                               "2018"]


def test_bad_period(hand_store):
    with pytest.raises(ConfigError, match="month, quarter or year"):
        dyad(hand_store, "RUS", "JPN", by="week")


def test_top_actors_by_hand(hand_store):
    table = top_actors(hand_store)
    rows = {r["code"]: r for r in table.to_dict("records")}
    assert list(table["code"]) == ["RUS", "JPN", "CHN", "USA"]
    assert (rows["RUS"]["events"], rows["RUS"]["as_actor"], rows["RUS"]["as_recipient"]) == (
        10, 7, 3)
    assert (rows["JPN"]["events"], rows["JPN"]["as_actor"], rows["JPN"]["as_recipient"]) == (
        8, 4, 4)
    plover, _ = scores(1, 2, 5, 6, 10, 11, 12)
    assert rows["RUS"]["plover_score_mean"] == pytest.approx(plover / 7)
    assert len(top_actors(hand_store, top=2)) == 2


def test_actor_network_by_hand(hand_store):
    nodes, edges = actor_network(hand_store)
    found = {(r["source"], r["target"]): r for r in edges.to_dict("records")}
    assert {pair: row["events"] for pair, row in found.items()} == {
        ("RUS", "JPN"): 5, ("JPN", "RUS"): 3, ("USA", "RUS"): 1, ("RUS", "CHN"): 1,
        ("JPN", "CHN"): 1}
    plover, goldstein = scores(1, 2, 6, 10, 12)
    assert found[("RUS", "JPN")]["plover_score_mean"] == pytest.approx(plover / 5)
    assert found[("RUS", "JPN")]["goldstein_mean"] == pytest.approx(goldstein / 5)
    assert set(nodes["code"]) == {"RUS", "JPN", "USA", "CHN"}


def test_evidence_spans(hand_store):
    found = evidence(hand_store, event_id(1))  # "Putin visited Japan for talks in Nagato."
    assert found.spans == ((0, 5, "actor"), (6, 13, "trigger"), (14, 19, "recipient"))
    assert found.elsewhere == ()
    assert found.document.title == "Report 1"
    assert found.as_dict()["spans"][1] == {"start": 6, "end": 13, "role": "trigger"}
    assert evidence(hand_store, "no-such-event") is None


def test_evidence_lists_entities_outside_the_sentence(store):
    spec = SPECS[3]  # Japan criticised Russia ...
    ev = HAND_EVENTS[event_id(4)]
    earlier = Entity("JPN", "GOV", "Tokyo", 500, 505, identifier_text="Japan", rule="test")
    store.add_coded([Coded(build_document(spec), [replace(ev, actor=(earlier,))])],
                    CODER_VERSION)
    found = evidence(store, ev.id)
    assert found.elsewhere == (("actor", earlier),)
    assert [role for _, _, role in found.spans] == ["trigger", "recipient"]


def test_an_empty_store(store):
    assert top_actors(store).empty
    nodes, edges = actor_network(store)
    assert nodes.empty and edges.empty
    assert dyad(store, "RUS", "JPN", by="month").periods.empty
