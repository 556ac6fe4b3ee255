"""The actor data files: the bundled ones load; a bad user file fails loudly with its
file, line and reason; a user's own file layered over the bundled data works."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dotterel.actordata import BUNDLED, load_actor_data
from dotterel.actors import ActorResolver
from dotterel.errors import DataFileError
from dotterel.settings import load_settings

PEOPLE_HEADER = "name\taliases\tcountry\tsector\toffice\tstart\tend\n"
ORG_HEADER = "identifier\tcode\tsector\tother_sectors\taliases\tnote\n"
SECTOR_HEADER = "term\tsector\toffice\tkind\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load_error(path: Path) -> DataFileError:
    with pytest.raises(DataFileError) as info:
        load_actor_data((str(path),))
    return info.value


def test_bundled_files_load() -> None:
    data = load_actor_data()
    assert len(BUNDLED) == 9
    assert data.names["Russia"][0].code == "RUS"
    assert any(c.code == "VEN" for c in data.names["Nicolas Maduro"])  # people_world.tsv
    assert data.terms["foreign minister"].sector == "GOV"
    assert "province" in data.parts and "world cup" in data.sport


# ---------------------------------------------------------------- bad files


def test_bad_country_code_names_file_line_and_reason(tmp_path: Path) -> None:
    path = write(tmp_path, "orgs.tsv", "# my organisations\n" + ORG_HEADER +
                 "Example Front\tXXX\tREB\t\tEF\t\n")
    err = load_error(path)
    assert err.path == str(path) and err.line == 3
    assert "code" in err.reason and "'XXX'" in err.reason
    assert str(err).startswith(f"{path}:3: ")


def test_bad_sector_names_file_line_and_reason(tmp_path: Path) -> None:
    path = write(tmp_path, "sectors.tsv", SECTOR_HEADER + "drone pilot\tMIL\t\tgroup\n"
                 "navy seal\tNAV\t\tgroup\n")
    err = load_error(path)
    assert err.line == 3 and "sector" in err.reason and "'NAV'" in err.reason


def test_bad_other_sector_in_an_organisation(tmp_path: Path) -> None:
    path = write(tmp_path, "orgs.tsv", ORG_HEADER + "Example Front\tCOL\tREB\tPRE|XYZ\t\t\n")
    err = load_error(path)
    assert err.line == 2 and "other_sectors" in err.reason


def test_wrong_header_names_the_file_kinds(tmp_path: Path) -> None:
    path = write(tmp_path, "people.tsv", "# header with a typo\nname\taliases\tcountry\t"
                 "sectr\toffice\tstart\tend\n")
    err = load_error(path)
    assert err.line == 2 and "header" in err.reason and "people (name, aliases" in err.reason


def test_bad_date_in_a_person_row(tmp_path: Path) -> None:
    path = write(tmp_path, "people.tsv", PEOPLE_HEADER +
                 "Ana Example\tExample\tCHL\tGOV\tPresident\t2022-13-01\t\n")
    err = load_error(path)
    assert err.line == 2 and "start" in err.reason


def test_wrong_number_of_cells(tmp_path: Path) -> None:
    path = write(tmp_path, "sectors.tsv", SECTOR_HEADER + "drone pilot\tMIL\tgroup\n")
    err = load_error(path)
    assert err.line == 2 and "cells" in err.reason


def test_missing_file_points_to_the_setting(tmp_path: Path) -> None:
    err = load_error(tmp_path / "nowhere.tsv")
    assert "actors" in err.reason


def test_bad_special_term_kind(tmp_path: Path) -> None:
    path = write(tmp_path, "special.tsv", "term\tkind\nthe three sides\ttriad\n")
    err = load_error(path)
    assert err.line == 2 and "kind" in err.reason


# ---------------------------------------------------------------- layering


@pytest.fixture(scope="module")
def nlp(pipeline):  # type: ignore[no-untyped-def]
    return pipeline.nlp


def actors(nlp, files: tuple[str, ...], text: str, when: str):  # type: ignore[no-untyped-def]
    resolver = ActorResolver(nlp, load_actor_data(files))
    doc = nlp(text)
    resolver(doc, date.fromisoformat(when))
    return [(e.entity_text, e.code, e.sector, e.office) for e in doc._.actors]


def test_user_person_file_adds_a_new_minister(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "my_people.tsv", "# ministers we track\n" + PEOPLE_HEADER +
                 "Mirela Novakovic\tNovakovic\tHRV\tGOV\tMinister of Foreign Affairs\t"
                 "2030-01-15\t\n")
    text = "Mirela Novakovic met the Slovenian envoy. Novakovic said talks went well."
    in_office = actors(nlp, (str(path),), text, "2030-06-01")
    assert ("Mirela Novakovic", "HRV", "GOV", "Minister of Foreign Affairs") in in_office
    assert ("Novakovic", "HRV", "GOV", "Minister of Foreign Affairs") in in_office
    assert not [a for a in actors(nlp, (), text, "2030-06-01") if a[1] == "HRV"]


def test_user_file_overrides_a_bundled_surface_form(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Al-Shabaab gunmen attacked a hotel in Mogadishu."
    assert ("Al-Shabaab gunmen", "SOM", "REB", None) in actors(nlp, (), text, "2022-08-20")
    path = write(tmp_path, "my_orgs.tsv", ORG_HEADER +
                 "al-Shabaab (transnational)\tIMG\tREB\t\tAl-Shabaab\tour convention\n")
    assert ("Al-Shabaab gunmen", "IMG", "REB", None) in actors(nlp, (str(path),), text,
                                                                "2022-08-20")


def test_user_person_rows_replace_then_add_tenures(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "abe.tsv", PEOPLE_HEADER +
                 "Hiroshi Abe\tAbe\tJPN\tLEG\tSpeaker\t2030-01-01\t2031-01-01\n"
                 "Hiroshi Abe\tAbe\tJPN\tGOV\tPrime Minister\t2031-01-01\t\n")
    data = load_actor_data((str(path),))
    assert {c.identifier for c in data.names["Abe"]} == {"Hiroshi Abe"}  # bundled Abe gone
    assert len(data.names["Abe"]) == 2  # both tenures of the user's file
    assert ("Abe", "JPN", "LEG", "Speaker") in actors(nlp, (str(path),), "Abe spoke.",
                                                       "2030-06-01")


def test_actors_setting_from_the_environment(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "terms.tsv", SECTOR_HEADER + "drone pilot\tMIL\tDrone pilot\tgroup\n")
    settings = load_settings(environ={"DOTTEREL_ACTORS": str(path)}, cwd=tmp_path)
    assert settings.actors == [str(path)]
    found = actors(nlp, tuple(settings.actors), "Ukrainian drone pilots struck a depot.",
                   "2024-01-01")
    assert ("Ukrainian drone pilots", "UKR", "MIL", "Drone pilot") in found


def test_pipeline_uses_the_actors_setting(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    from dotterel.pipeline import Pipeline

    path = write(tmp_path, "my_people.tsv", PEOPLE_HEADER +
                 "Mirela Novakovic\tNovakovic\tHRV\tGOV\tMinister of Foreign Affairs\t"
                 "2030-01-15\t\n")
    config = write(tmp_path, "dotterel.toml", f'actors = ["{path}"]\n')
    pipeline = Pipeline(load_settings(config=config, environ={}), nlp=nlp)
    doc = nlp("Novakovic visited Ljubljana.")
    pipeline.resolver(doc, date(2030, 3, 1))
    assert [(e.code, e.sector) for e in doc._.actors] == [("HRV", "GOV")]
