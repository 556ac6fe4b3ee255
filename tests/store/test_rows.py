"""Records survive the trip into rows and back unchanged."""

from dataclasses import replace
from datetime import date

import pytest

from dotterel.records import Location
from dotterel.rows import (
    coder_version_of,
    date_start,
    document_from_row,
    document_row,
    entity_rows,
    event_from_row,
    event_row,
)

from .conftest import SPECS, build_document, build_event


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: f"event{s.n}")
def test_event_round_trip(spec):
    ev = build_event(spec)
    back = event_from_row(event_row(ev), reversed(entity_rows(ev)))
    assert back == ev
    assert back.as_dict() == ev.as_dict()
    assert back.extra == ev.extra


def test_location_basis_and_all_fields_survive():
    ev = replace(build_event(SPECS[0]), event_loc=Location("Tokyo", None, "JPN", None, None,
                                                           None, None, "dateline"))
    assert event_from_row(event_row(ev), entity_rows(ev)).event_loc == ev.event_loc


def test_event_row_derives_codes_and_version():
    ev = build_event(SPECS[10])  # Russia and Japan criticised China
    row = event_row(ev)
    assert row["actor_codes"] == ["RUS", "JPN"]
    assert row["recipient_codes"] == ["CHN"]
    assert row["coder_version"] == "test-1"
    assert [(r["role"], r["position"], r["code"]) for r in entity_rows(ev)] == [
        ("actor", 0, "RUS"), ("actor", 1, "JPN"), ("recipient", 0, "CHN")]


@pytest.mark.parametrize("value, expected", [
    ("2017-03-20", date(2017, 3, 20)), ("2017-03", date(2017, 3, 1)), ("2017", date(2017, 1, 1)),
    (None, None), ("", None), ("March", None), ("2017-13", None),
])
def test_date_start(value, expected):
    assert date_start(value) == expected


@pytest.mark.parametrize("coder, default, expected", [
    ("lexicon:agree:80@0.1.0+abc", None, "0.1.0+abc"),
    ("rule:no-version", "9.9", "9.9"),
])
def test_coder_version_of(coder, default, expected):
    assert coder_version_of(coder, default) == expected


def test_document_round_trip():
    doc = build_document(SPECS[0])
    row = document_row(doc, ingested_at=None, coder_version="v")  # type: ignore[arg-type]
    assert document_from_row(row) == doc
