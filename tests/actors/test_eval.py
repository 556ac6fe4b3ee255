"""The actor scorer must be right before its numbers mean anything: hand-built cases,
and the ``dotterel evaluate-actors`` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dotterel.actor_eval import ActorReport, read_actor_cases, score_case
from dotterel.cli.main import app
from dotterel.errors import DataFileError
from dotterel.records import Entity


def cases_file(tmp_path: Path, *rows: dict) -> Path:
    path = tmp_path / "cases.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def ent(text: str, whole: str, code: str, sector: str = "GOV", others: tuple = (),
        nth: int = 0) -> Entity:
    start = -1
    for _ in range(nth + 1):
        start = whole.index(text, start + 1)
    return Entity(code=code, sector=sector, entity_text=text, start=start,
                  end=start + len(text), other_sectors=others)


TEXT = "Russian Foreign Minister Sergei Lavrov met Kishida in Tokyo. Lavrov left."


def one_case(tmp_path: Path, **fields) -> object:  # type: ignore[no-untyped-def]
    row = {"id": "c1", "text": TEXT, "date": "2016-12-01", "tag": "t",
           "entities": [{"text": "Russian Foreign Minister Sergei Lavrov", "code": "RUS",
                         "sector": "GOV"},
                        {"text": "Kishida", "code": "JPN", "sector": ""},
                        {"text": "Lavrov", "code": "RUS", "sector": "GOV"}],
           "not_actors": ["Tokyo"]}
    row.update(fields)
    return read_actor_cases(cases_file(tmp_path, row))[0]


def test_spans_are_placed_longest_first(tmp_path: Path) -> None:
    case = one_case(tmp_path)
    spans = {x.text: (x.start, x.end) for x in case.expected}
    assert spans["Russian Foreign Minister Sergei Lavrov"] == (0, 38)
    assert TEXT[slice(*spans["Lavrov"])] == "Lavrov" and spans["Lavrov"][0] > 38


def test_found_by_overlap_code_and_sector(tmp_path: Path) -> None:
    case = one_case(tmp_path)
    resolved = [ent("Sergei Lavrov", TEXT, "RUS"), ent("Kishida", TEXT, "JPN", "ELI"),
                ent("Lavrov", TEXT, "RUS", nth=1)]
    result = score_case(case, resolved)
    assert result.passed and result.correct == 3  # "" accepts any sector


def test_wrong_sector_and_wrong_code_are_missing(tmp_path: Path) -> None:
    case = one_case(tmp_path)
    resolved = [ent("Sergei Lavrov", TEXT, "RUS", "ELI"), ent("Kishida", TEXT, "CHN")]
    result = score_case(case, resolved)
    assert {m.text for m in result.missing} == {"Russian Foreign Minister Sergei Lavrov",
                                                "Kishida", "Lavrov"}
    assert result.correct == 0 and not result.passed


def test_not_actor_violation(tmp_path: Path) -> None:
    case = one_case(tmp_path, entities=[])
    result = score_case(case, [ent("Tokyo", TEXT, "JPN")])
    assert not result.passed and result.violations[0][0] == "Tokyo"


def test_pre_is_found_among_other_sectors(tmp_path: Path) -> None:
    text = "Abkhazia held elections."
    case = one_case(tmp_path, text=text, not_actors=[],
                    entities=[{"text": "Abkhazia", "code": "GEO", "sector": "PRE"}])
    assert score_case(case, [ent("Abkhazia", text, "GEO", "GOV", ("PRE",))]).passed
    assert not score_case(case, [ent("Abkhazia", text, "GEO", "GOV")]).passed


def test_one_span_two_codes(tmp_path: Path) -> None:
    text = "Indian and Chinese troops clashed."
    both = [{"text": "Indian and Chinese troops", "code": c, "sector": "MIL"}
            for c in ("IND", "CHN")]
    case = one_case(tmp_path, text=text, not_actors=[], entities=both)
    half = [ent("Indian and Chinese troops", text, "IND", "MIL")]
    assert not score_case(case, half).passed
    assert score_case(case, half + [ent("Chinese troops", text, "CHN", "MIL")]).passed


def test_report_figures_and_precision_only_on_complete_cases(tmp_path: Path) -> None:
    complete = one_case(tmp_path)
    partial = one_case(tmp_path, id="c2", complete=False)
    extra = ent("Tokyo", TEXT, "JPN")
    good = [ent("Sergei Lavrov", TEXT, "RUS"), ent("Kishida", TEXT, "JPN"),
            ent("Lavrov", TEXT, "RUS", nth=1)]
    report = ActorReport([score_case(complete, good), score_case(partial, good + [extra])])
    figures = report.figures()
    assert figures["cases"] == 2 and figures["cases_passed"] == 1
    assert figures["entity_recall"] == 1.0
    assert figures["precision"] == 1.0  # the partial case's extra entity is not counted
    assert report.by_tag() == {"t": {"cases": 2, "passed": 1, "pass_rate": 0.5}}


@pytest.mark.parametrize(("line", "reason"), [
    ("{not json", "not valid JSON"),
    ('{"id": "x"}', "text"),
    ('{"id": "x", "text": "Hello.", "entities": [{"text": "Paris", "code": "FRA"}]}',
     "does not occur"),
])
def test_bad_case_lines_fail_with_line_and_reason(tmp_path: Path, line: str,
                                                  reason: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("# comment\n" + line + "\n", encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        read_actor_cases(path)
    assert info.value.line == 2 and reason in info.value.reason


# ---------------------------------------------------------------- the command


def test_evaluate_actors_command(tmp_path: Path) -> None:
    path = cases_file(tmp_path, {
        "id": "ok", "text": "Canada protested to Japan.", "date": "2020-01-01", "tag": "a",
        "entities": [{"text": "Canada", "code": "CAN", "sector": "GOV"}], "not_actors": []},
        {"id": "bad", "text": "Canada protested to Japan.", "date": "2020-01-01", "tag": "b",
         "entities": [{"text": "Canada", "code": "MEX", "sector": "GOV"}], "not_actors": []})
    runner = CliRunner()
    table = runner.invoke(app, ["evaluate-actors", str(path), "--failures"])
    assert table.exit_code == 0, table.output
    assert "case pass rate" in table.output and "0.500" in table.output
    assert "bad" in table.output and "missing" in table.output
    out = runner.invoke(app, ["evaluate-actors", str(path), "--format", "json", "--failures"])
    report = json.loads(out.output)
    assert report["figures"]["cases_passed"] == 1
    assert [f["id"] for f in report["failures"]] == ["bad"]
    wrong = runner.invoke(app, ["evaluate-actors", str(path), "--format", "xml"])
    assert wrong.exit_code != 0
