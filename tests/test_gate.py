"""The accuracy gate: floors, sha256 pinning, and refusing silent regressions."""

from pathlib import Path

import pytest

from dotterel.errors import GateError
from dotterel.gate import check_floors, load_floors, update_floors


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "eval").mkdir()
    (tmp_path / "gold.jsonl").write_text('{"text": "x", "events": []}\n')
    floors = tmp_path / "eval" / "floors.toml"
    floors.write_text('[[gold]]\npath = "gold.jsonl"\n[gold.floors]\n\n'
                      '[[gold]]\npath = "absent.txt"\noptional = true\n[gold.floors]\n')
    return floors


def report(acc: float) -> dict:
    return {"event_type": {"accuracy": acc, "macro_f1": 0.5}, "actor_country_accuracy": 0.9,
            "recipient_country_accuracy": None}


def test_update_pins_figures_and_hash(project: Path):
    changes = update_floors(project, lambda p: report(0.7123))
    assert any("event_type.accuracy None -> 0.712" in c for c in changes)
    entry = load_floors(project)[0]
    assert entry["floors"]["event_type.accuracy"] == 0.712
    assert len(entry["sha256"]) == 64
    assert "recipient_country_accuracy" not in entry["floors"]  # not reported, not pinned


def test_check_passes_at_floor_and_fails_below(project: Path):
    update_floors(project, lambda p: report(0.70))
    ok, skipped = check_floors(project, lambda p: report(0.70))
    assert not ok.failures and skipped.skipped
    bad = check_floors(project, lambda p: report(0.69))[0]
    assert any("event_type.accuracy = 0.6900 is below its floor 0.7" in f for f in bad.failures)


def test_changed_gold_file_fails_until_repinned(project: Path):
    update_floors(project, lambda p: report(0.70))
    (project.parent.parent / "gold.jsonl").write_text('{"text": "y", "events": []}\n')
    result = check_floors(project, lambda p: report(0.70))[0]
    assert any("gold file changed" in f for f in result.failures)


def test_lowering_a_floor_needs_allow_regression(project: Path):
    update_floors(project, lambda p: report(0.70))
    with pytest.raises(GateError, match="would drop"):
        update_floors(project, lambda p: report(0.60))
    update_floors(project, lambda p: report(0.60), allow_regression=True)
    assert load_floors(project)[0]["floors"]["event_type.accuracy"] == 0.6


def test_missing_required_gold_file_is_an_error(project: Path):
    (project.parent.parent / "gold.jsonl").unlink()
    with pytest.raises(GateError, match="missing"):
        check_floors(project, lambda p: report(0.7))
