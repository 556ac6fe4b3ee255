"""The GDELT mapping on single records: codes, countries and places."""

from datetime import date, datetime

import pytest

from dotterel.gdelt import GDELT_COLUMNS, event_number, gdelt_columns, gdelt_row, gdelt_values


def record(**changes):
    base = {
        "id": "abc-0-0", "date_start": date(2017, 3, 20), "cameo": "0311", "goldstein": 5.2,
        "sentence_start": 300, "lead_end": 120, "resolved_place": None,
        "extracted_place": None, "loc_country": None, "loc_resolution": None,
        "loc_feature": None, "lat": None, "lon": None, "url": None,
        "source_path": "/c/a.txt", "ingested_at": datetime(2024, 5, 1, 12, 30, 5),
        "actors": [{"code": "UNO", "sector": "", "other_sectors": [], "entity_text":
                    "the United Nations", "identifier_text": "United Nations"}],
        "recipients": [{"code": "RUS", "sector": "MIL", "other_sectors": ["GOV", "BUS", "X"],
                        "entity_text": "Russian army", "identifier_text": None}],
    }
    base.update(changes)
    return base


def test_columns_are_gdelt_order():
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[:6] == ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year",
                                 "FractionDate", "Actor1Code")
    assert GDELT_COLUMNS[25:35] == ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode",
                                    "QuadClass", "GoldsteinScale", "NumMentions", "NumSources",
                                    "NumArticles", "AvgTone")
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")


def test_every_filled_value_is_a_gdelt_column():
    assert set(gdelt_values(record())) <= set(GDELT_COLUMNS)
    blank = {c.column for c in gdelt_columns() if c.filled == "blank"}
    assert not blank & {k for k, v in gdelt_values(record()).items() if v not in ("", None)}


def test_groups_sectors_and_codes():
    values = gdelt_values(record())
    assert (values["Actor1Code"], values["Actor1KnownGroupCode"], values["Actor1CountryCode"]) \
        == ("UNO", "UNO", "")
    assert values["Actor1Name"] == "UNITED NATIONS"
    assert (values["Actor2Code"], values["Actor2Type1Code"], values["Actor2Type2Code"],
            values["Actor2Type3Code"]) == ("RUSMIL", "MIL", "GOV", "BUS")
    assert values["Actor2Name"] == "RUSSIAN ARMY"
    assert (values["EventBaseCode"], values["EventRootCode"], values["QuadClass"]) == (
        "031", "03", 1)
    assert values["IsRootEvent"] == 0
    assert values["DATEADDED"] == "20240501123005"
    assert values["SOURCEURL"] == "/c/a.txt"


@pytest.mark.parametrize("country, resolution, geo_type, fips, adm1", [
    ("JPN", "city", 4, "JA", ""), ("USA", "city", 3, "US", ""), ("USA", "region", 2, "US", ""),
    ("RUS", "region", 5, "RS", ""), ("DEU", "country", 1, "GM", "GM"),
])
def test_places(country, resolution, geo_type, fips, adm1):
    values = gdelt_values(record(resolved_place="Somewhere", loc_country=country,
                                 loc_resolution=resolution, lat=1.5, lon=2.5))
    assert (values["ActionGeo_Type"], values["ActionGeo_CountryCode"],
            values["ActionGeo_ADM1Code"]) == (geo_type, fips, adm1)
    assert (values["ActionGeo_Lat"], values["ActionGeo_Long"]) == (1.5, 2.5)


def test_row_is_61_strings_and_ids_are_stable():
    row = gdelt_row(record(actors=[], recipients=[], date_start=None))
    assert len(row) == 61 and all(isinstance(cell, str) for cell in row)
    assert row[1] == "" and row[5] == ""
    assert event_number("abc-0-0") == event_number("abc-0-0") != event_number("abc-0-1")
    assert 0 < event_number("abc-0-0") < 2**63
