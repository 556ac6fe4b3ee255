"""The acceptance cases (tests/data/actor_cases.jsonl): each must pass, except those
listed with a reason in tests/data/actor_known_failures.txt, and the pass rate must
stay at or above 95%."""

from __future__ import annotations

from pathlib import Path

import pytest

from dotterel.actor_eval import ActorCase, evaluate_actor_cases, read_actor_cases, score_case

DATA = Path(__file__).resolve().parents[1] / "data"
CASES_FILE = DATA / "actor_cases.jsonl"
KNOWN_FAILURES_FILE = DATA / "actor_known_failures.txt"
FLOOR = 0.95


def known_failures() -> dict[str, str]:
    out = {}
    for line in KNOWN_FAILURES_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            case_id, _, reason = line.partition("\t")
            out[case_id.strip()] = reason.strip() or "known failure"
    return out


CASES = read_actor_cases(CASES_FILE)
KNOWN = known_failures()


def _param(case: ActorCase):  # type: ignore[no-untyped-def]
    marks = [pytest.mark.xfail(strict=True, reason=KNOWN[case.id])] if case.id in KNOWN else []
    return pytest.param(case, id=case.id, marks=marks)


def test_known_failures_name_real_cases() -> None:
    ids = {case.id for case in CASES}
    assert set(KNOWN) <= ids, f"unknown ids in {KNOWN_FAILURES_FILE.name}: {set(KNOWN) - ids}"


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_case(case: ActorCase, pipeline) -> None:  # type: ignore[no-untyped-def]
    doc = pipeline.nlp(case.text)
    pipeline.resolver(doc, case.when)
    result = score_case(case, doc._.actors)
    detail = result.as_dict()
    assert result.passed, (f"missing {detail['missing']}; not actors "
                           f"{detail['not_actor_violations']}; resolved {detail['resolved']}")


def test_pass_rate_floor(pipeline) -> None:  # type: ignore[no-untyped-def]
    report = evaluate_actor_cases(CASES, pipeline.nlp, pipeline.resolver)
    figures = report.figures()
    assert figures["case_pass_rate"] >= FLOOR, [r.case.id for r in report.failures]
