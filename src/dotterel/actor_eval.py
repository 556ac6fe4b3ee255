"""Accuracy of the actor stage on a file of hand-written cases.

A cases file is JSON lines, one sentence (or short passage) per line::

    {"id": "actor-001", "text": "...", "date": "2014-03-18", "tag": "country",
     "entities": [{"text": "Japan", "code": "JPN", "sector": "GOV"}, ...],
     "not_actors": ["Crimea"]}

Scoring, entity by entity:

- an expected entity is *found* when a resolved Entity overlaps its text span
  with the same code and the same sector (an expected sector of ``""`` accepts
  any sector; an expected ``PRE``, which the PLOVER manual defines as a tag
  added to an entity's other sectors, is found among ``other_sectors``); the
  same text listed twice with two codes is one span that must resolve to both
  ("Indian and Chinese troops");
- a *not-actor* is violated when a resolved Entity overlaps it (and matches no
  expected entity there);
- a case *passes* when every expected entity is found and no not-actor is violated;
- *precision* counts the resolved Entities that match an expected entity, over
  the cases that list all their entities (every case unless it says
  ``"complete": false``).

:func:`evaluate_actor_cases` scores already-read cases with a given spaCy
``nlp`` and :class:`~dotterel.actors.ActorResolver`; :func:`evaluate_actors`
reads a file and uses the pipeline configured by the settings.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import DataFileError
from .records import Entity

__all__ = ["ActorCase", "ActorReport", "CaseResult", "Expected", "evaluate_actor_cases",
           "evaluate_actors", "read_actor_cases", "score_case", "time_actor_stage"]


class _ExpectedRow(BaseModel):
    text: str
    code: str
    sector: str = ""


class _CaseRow(BaseModel):
    id: str
    text: str
    date: dt.date | None = None
    entities: list[_ExpectedRow] = []
    not_actors: list[str] = []
    tag: str = ""
    complete: bool = True


@dataclass(frozen=True, slots=True)
class Expected:
    text: str
    code: str
    sector: str  # "" accepts any sector
    start: int  # character offsets in the case text
    end: int

    def matches(self, ent: Entity) -> bool:
        return (_overlaps(ent.start, ent.end, self.start, self.end) and ent.code == self.code
                and self.sector_matches(ent))

    def sector_matches(self, ent: Entity) -> bool:
        if not self.sector or ent.sector == self.sector:
            return True
        # PLOVER's PRE is a tag added to the entity's other sectors (GOV + PRE)
        return self.sector == "PRE" and "PRE" in ent.other_sectors

    def label(self) -> str:
        return f"{self.text!r}={self.code}/{self.sector or '*'}"


@dataclass(frozen=True, slots=True)
class ActorCase:
    id: str
    text: str
    when: dt.date | None
    expected: tuple[Expected, ...]
    not_actors: tuple[tuple[str, int, int], ...]  # (text, start, end)
    tag: str = ""
    complete: bool = True


@dataclass
class CaseResult:
    case: ActorCase
    resolved: list[Entity]
    missing: list[Expected] = field(default_factory=list)
    violations: list[tuple[str, Entity]] = field(default_factory=list)
    correct: int = 0  # resolved entities that match an expected entity

    @property
    def passed(self) -> bool:
        return not self.missing and not self.violations

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.case.id,
            "tag": self.case.tag,
            "text": self.case.text,
            "passed": self.passed,
            "missing": [e.label() for e in self.missing],
            "not_actor_violations": [f"{text!r} resolved as {_ent_label(ent)}"
                                     for text, ent in self.violations],
            "resolved": [_ent_label(e) for e in self.resolved],
        }


@dataclass
class ActorReport:
    results: list[CaseResult]

    @property
    def failures(self) -> list[CaseResult]:
        return [r for r in self.results if not r.passed]

    def figures(self) -> dict[str, Any]:
        cases = len(self.results)
        passed = sum(r.passed for r in self.results)
        expected = sum(len(r.case.expected) for r in self.results)
        found = expected - sum(len(r.missing) for r in self.results)
        complete = [r for r in self.results if r.case.complete]
        resolved = sum(len(r.resolved) for r in complete)
        correct = sum(r.correct for r in complete)
        return {
            "cases": cases,
            "cases_passed": passed,
            "case_pass_rate": _ratio(passed, cases),
            "expected_entities": expected,
            "entities_found": found,
            "entity_recall": _ratio(found, expected),
            "resolved_entities": resolved,
            "resolved_correct": correct,
            "precision": _ratio(correct, resolved),
            "not_actor_violations": sum(len(r.violations) for r in self.results),
        }

    def by_tag(self) -> dict[str, dict[str, Any]]:
        total: Counter[str] = Counter()
        ok: Counter[str] = Counter()
        for r in self.results:
            total[r.case.tag] += 1
            ok[r.case.tag] += r.passed
        return {tag: {"cases": n, "passed": ok[tag], "pass_rate": _ratio(ok[tag], n)}
                for tag, n in sorted(total.items())}

    def as_dict(self, failures: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"figures": self.figures(), "by_tag": self.by_tag()}
        if failures:
            out["failures"] = [r.as_dict() for r in self.failures]
        return out


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _ent_label(ent: Entity) -> str:
    return f"{ent.entity_text!r}={ent.code}/{ent.sector or '-'}"


# ---------------------------------------------------------------- reading


def read_actor_cases(path: str | Path) -> list[ActorCase]:
    """Read a cases file; a bad line raises :class:`DataFileError` with its number."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataFileError(path, f"cannot open actor cases file ({exc.strerror})") from None
    cases = []
    for number, line in enumerate(lines, start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            cases.append(_case(path, number, line))
    return cases


def _case(path: Path, number: int, line: str) -> ActorCase:
    try:
        row = _CaseRow.model_validate(json.loads(line))
    except json.JSONDecodeError as exc:
        raise DataFileError(path, f"not valid JSON ({exc.msg})", number) from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "row"
        raise DataFileError(path, f"{where}: {first['msg']}", number) from None
    try:
        expected, not_actors = _locate_all(row)
    except ValueError as exc:
        raise DataFileError(path, f"case {row.id}: {exc}", number) from None
    return ActorCase(row.id, row.text, row.date, expected, not_actors, row.tag, row.complete)


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    pattern = r"(?<!\w)" + re.escape(needle) + r"(?!\w)"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def _locate_all(row: _CaseRow) -> tuple[tuple[Expected, ...], tuple[tuple[str, int, int], ...]]:
    """Place each expected text and not-actor in the case text.

    Longer texts are placed first; a shorter one takes its first occurrence that
    is not inside an already placed, different text ("Duterte" after "Philippine
    President Rodrigo Duterte" is the later, bare mention).
    """
    placed: dict[str, tuple[int, int]] = {}
    for text in sorted({e.text for e in row.entities}, key=len, reverse=True):
        placed[text] = _place(row.text, text, placed.values())
    expected = tuple(Expected(e.text, e.code, e.sector, *placed[e.text]) for e in row.entities)
    not_actors = tuple((t, *_place(row.text, t, placed.values())) for t in row.not_actors)
    return expected, not_actors


def _place(text: str, needle: str, taken: Iterable[tuple[int, int]]) -> tuple[int, int]:
    spots = _occurrences(text, needle)
    if not spots:
        raise ValueError(f"{needle!r} does not occur in the text")
    taken = list(taken)
    for start, end in spots:
        if not any(s <= start and end <= e for s, e in taken):
            return start, end
    return spots[0]


# ---------------------------------------------------------------- scoring


def score_case(case: ActorCase, entities: Sequence[Entity]) -> CaseResult:
    """Compare the Entities resolved for ``case`` with what it expects."""
    result = CaseResult(case, list(entities))
    result.missing = [x for x in case.expected if not any(x.matches(e) for e in entities)]
    for ent in entities:
        good = any(x.matches(ent) for x in case.expected)
        result.correct += good
        if good:
            continue
        for text, start, end in case.not_actors:
            if _overlaps(ent.start, ent.end, start, end):
                result.violations.append((text, ent))
    return result


def evaluate_actor_cases(cases: Sequence[ActorCase], nlp: Any, resolver: Any,
                         batch_size: int = 64) -> ActorReport:
    """Parse each case with ``nlp``, resolve its actors with ``resolver``, score it."""
    results = []
    docs = nlp.pipe((c.text for c in cases), batch_size=batch_size)
    for case, doc in zip(cases, docs, strict=True):
        resolver(doc, case.when)
        results.append(score_case(case, doc._.actors or []))
    return ActorReport(results)


def evaluate_actors(path: str | Path, settings: Any = None) -> ActorReport:
    """Score the actor stage of the configured pipeline on the cases in ``path``."""
    from .pipeline import get_pipeline

    cases = read_actor_cases(path)
    pipeline = get_pipeline(settings)
    return evaluate_actor_cases(cases, pipeline.nlp, pipeline.resolver)


def time_actor_stage(texts: Sequence[str], nlp: Any, resolver: Any,
                     repeats: int = 5) -> dict[str, float]:
    """CPU seconds for spaCy's tok2vec+parser on ``texts`` and for the resolver alone on
    the same texts already parsed by the full pipeline, and their ratio.

    The two are timed in turn ``repeats`` times and the fastest run of each is kept, so
    that other work on the machine disturbs the ratio as little as possible.
    """
    docs = list(nlp.pipe(texts, batch_size=64))
    gc.collect()
    gc.freeze()  # the parsed docs are set-up, not work: keep the collector off them
    try:
        return _time_rounds(texts, docs, nlp, resolver, repeats)
    finally:
        gc.unfreeze()


def _time_rounds(texts: Sequence[str], docs: list[Any], nlp: Any, resolver: Any,
                 repeats: int) -> dict[str, float]:
    parse = actors = float("inf")
    for _ in range(repeats):
        with nlp.select_pipes(enable=["tok2vec", "parser"]):
            t0 = time.process_time()
            for _doc in nlp.pipe(texts, batch_size=64):
                pass
            parse = min(parse, time.process_time() - t0)
        t0 = time.process_time()
        for doc in docs:
            resolver(doc)
        actors = min(actors, time.process_time() - t0)
    tokens = sum(len(doc) for doc in docs)
    return {"texts": len(texts), "tokens": tokens, "parse_seconds": parse,
            "actor_seconds": actors, "ratio": actors / parse}
