"""The gazetteer: data files, precedence of senses, spellings, and the token index."""

from __future__ import annotations

from pathlib import Path

import pytest

from dotterel.datafiles import data_path, read_tsv
from dotterel.errors import DataFileError
from dotterel.gazetteer import CURATED, Place, _add_curated, _seats, _Senses, fold, load_gazetteer


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def test_built_once_per_process(gaz):
    assert load_gazetteer() is gaz


def test_every_country_of_the_actor_table_has_a_centre_point():
    actor_codes = {row["code"] for _, row in read_tsv(
        data_path("actors", "countries.tsv"),
        ["code", "iso2", "name", "aliases", "demonyms", "capitals", "fold_to"])}
    centres = {row["code"] for _, row in read_tsv(
        data_path("places", "country_centroids.tsv"), ["code", "name", "lat", "lon"])}
    assert actor_codes == centres


@pytest.mark.parametrize(("form", "name", "country"), [
    ("Astana", "Astana", "KAZ"),
    ("Nur-Sultan", "Astana", "KAZ"),  # GeoNames' former name, still in the news
    ("Kyiv", "Kyiv", "UKR"),
    ("Kiev", "Kyiv", "UKR"),
    ("Odessa", "Odesa", "UKR"),  # not Odessa, Texas
    ("Naypyitaw", "Nay Pyi Taw", "MMR"),
    ("Bombay", "Mumbai", "IND"),
    ("Brasilia", "Brasília", "BRA"),  # diacritics folded
    ("Ciudad Juarez", "Ciudad Juárez", "MEX"),
    ("Gomel", "Homyel'", "BLR"),
    ("New York", "New York City", "USA"),
    ("Washington, D.C.", "Washington", "USA"),
    ("Khan Sheikhoun", "Khān Shaykhūn", "SYR"),
])
def test_city_spellings(gaz, form, name, country):
    senses = gaz.lookup(form)
    assert [(p.name, p.country, p.kind) for p in senses] == [(name, country, "city")]


@pytest.mark.parametrize(("form", "name", "kind", "country"), [
    ("Gaza", "Gaza Strip", "territory", "PSE"),  # curated beats GeoNames' Gaza City
    ("Scotland", "Scotland", "region", "GBR"),  # curated beats the country alias
    ("Georgia", "Georgia", "country", "GEO"),  # the country, not the US state
    ("state of Georgia", "U.S. state of Georgia", "region", "USA"),
    ("Mexico", "Mexico", "country", "MEX"),  # the country beats a Philippine town
    ("Gibraltar", "Gibraltar", "country", "GBR"),  # territories fold to their state
    ("Hong Kong", "Hong Kong", "country", "HKG"),  # ... except Hong Kong
    ("Kunashir", "Kunashir", "island", "RUS"),
    ("Northern Territories", "Southern Kurils", "territory", "RUS"),
    ("Habomai", "Habomai", "island", "RUS"),
    ("Takeshima", "Dokdo", "island", "KOR"),
    ("Diaoyu Islands", "Senkaku Islands", "island", "JPN"),
    ("Crimea", "Crimea", "territory", "UKR"),
    ("Donbass", "Donbas", "region", "UKR"),
    ("Nagorno-Karabakh", "Nagorno-Karabakh", "territory", "AZE"),
    ("Transnistria", "Transnistria", "territory", "MDA"),
    ("Golan Heights", "Golan Heights", "territory", "SYR"),
    ("Kerch Strait", "Kerch Strait", "water", "UKR"),
    ("East Sea", "Sea of Japan", "water", None),
    ("Bab el-Mandeb", "Bab el-Mandeb", "water", None),
    ("Spratlys", "Spratly Islands", "island", None),
])
def test_curated_and_country_senses(gaz, form, name, kind, country):
    senses = gaz.lookup(form)
    assert [(p.name, p.kind, p.country) for p in senses] == [(name, kind, country)]


def test_ambiguous_names_keep_every_sense(gaz):
    assert {p.country for p in gaz.lookup("Punjab")} == {"IND", "PAK"}
    assert {p.country for p in gaz.lookup("Paris")} >= {"FRA", "USA"}


@pytest.mark.parametrize(("kind", "feature", "resolution"), [
    ("city", "city", "city"), ("site", "city", "city"), ("island", "region", "region"),
    ("territory", "region", "region"), ("water", "water", "region"),
    ("country", "country", "country"),
])
def test_feature_and_resolution(kind, feature, resolution):
    place = Place("X", None, 0.0, 0.0, kind)
    assert (place.feature, place.resolution) == (feature, resolution)


def test_alternate_names_are_weak(gaz):
    assert "Moskva" in gaz.weak  # a GeoNames alternate name of Moscow
    assert "Beijing" not in gaz.weak and "Kiev" not in gaz.weak


@pytest.mark.parametrize(("text", "found"), [
    ("Ships sailed through the Kerch Strait into the Sea of Azov.",
     ["Kerch Strait", "Sea of Azov"]),  # longest match, not "Kerch" the city
    ("He flew from Nur-Sultan to Washington, D.C. on Monday.",
     ["Nur-Sultan", "Washington, D.C."]),
    ("Talks in New York and the South China Sea dispute.", ["New York", "South China Sea"]),
    ("the tokyo office", []),  # case-sensitive
])
def test_find_longest_leftmost(gaz, nlp, text, found):
    doc = nlp(text)
    assert [doc[m.start:m.end].text for m in gaz.find(doc)] == found


@pytest.mark.parametrize(("text", "name"), [
    ("VLADIVOSTOK", "Vladivostok"), ("UNITED NATIONS", "United Nations headquarters"),
    ("NEW DELHI", "New Delhi"), ("KIEV", "Kyiv"),
])
def test_lookup_any_case_for_datelines(gaz, text, name):
    assert gaz.lookup_any_case(text)[0].name == name


def test_demonyms_and_capitals(gaz):
    assert gaz.demonyms["Indian"].name == "India"
    assert gaz.capitals["JPN"].name == "Tokyo"
    assert gaz.capitals["KAZ"].name == "Astana"


@pytest.mark.parametrize(("text", "expected"), [("Bogotá", "Bogota"), ("Kyiv", "Kyiv"),
                                                ("Ürümqi", "Urumqi")])
def test_fold(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize(("row", "message"), [
    ("Nowhere\t\tvillage\tJPN\t35.0\t139.0", "kind"),
    ("Nowhere\t\tcity\tXXX\t35.0\t139.0", "country"),
    ("Nowhere\t\tcity\tJPN\t135.0\t139.0", "lat"),
    ("Nowhere\t\tcity\tJPN\t35.0", "expected 6"),
])
def test_invalid_place_rows_name_file_and_line(tmp_path: Path, row, message):
    path = tmp_path / "places.tsv"
    path.write_text("# test\nname\taliases\tkind\tcountry\tlat\tlon\n" + row + "\n",
                    encoding="utf-8")
    with pytest.raises(DataFileError, match=message) as err:
        _add_curated(_Senses(), path)
    assert "places.tsv" in str(err.value) and "3" in str(err.value)


def test_curated_row_senses(tmp_path: Path):
    path = tmp_path / "places.tsv"
    path.write_text("name\taliases\tkind\tcountry\tlat\tlon\n"
                    "Nowhere Island\tNowhere|No Island\tisland\t\t1.5\t2.5\n", encoding="utf-8")
    senses = _Senses()
    _add_curated(senses, path)
    rank, places = senses.table["No Island"]
    assert rank == CURATED
    assert places == [Place("Nowhere Island", None, 1.5, 2.5, "island", 0, "places.tsv:2")]


@pytest.mark.parametrize(("actor", "city"), [
    ("EUR", "Brussels"),  # a code stands for every body under it
    ("UNO", "Geneva"),
    ("North Atlantic Treaty Organization", "Brussels"),  # an organisation by its identifier
    ("African Union", "Addis Ababa"),
])
def test_seats_of_international_bodies(gaz, actor, city):
    assert city in [p.name for p in gaz.seats[actor]]


@pytest.mark.parametrize(("row", "message"), [
    ("Atlantis League\tBrussels\tBEL", "neither an actor code"),
    ("EUR\tBrusels\tBEL", "GeoNames"),
    ("EUR\tBrussels\tXXX", "country"),
])
def test_invalid_seat_rows_name_file_and_line(tmp_path: Path, gaz, row, message):
    path = tmp_path / "seats.tsv"
    path.write_text("# test\nactor\tcity\tcountry\n" + row + "\n", encoding="utf-8")
    brussels = next(p for p in gaz.seats["EUR"] if p.name == "Brussels")
    with pytest.raises(DataFileError, match=message) as err:
        _seats({("Brussels", "BEL"): brussels}, path)
    assert "seats.tsv" in str(err.value) and "3" in str(err.value)
