"""Scoring deduplication against a gold clustering (``eval/dedup/clusters.jsonl``).

Each gold line is a short report with the gold label of its main event: ``group``
(reports with one group describe one real-world event), ``type``, ``actors``,
``recipients`` and ``date`` (see ``eval/dedup/README.md``).  ``evaluate_dedup``
codes the reports with the pipeline, stores them batch by batch as ``dotterel
ingest`` does (so clusters are built incrementally), and finds in each report the
coded *main-event mentions*: asserted events of the gold type (or its compatible
type) whose countries lie within the gold sides and whose date agrees with the
gold date.  Over every pair of those mentions it counts:

* pairwise **precision**: of the pairs placed in one cluster, how many share a group;
* pairwise **recall**: of the pairs sharing a group, how many are in one cluster.

Report-level figures do the same over pairs of reports (two reports are merged when
any of their main-event mentions share a cluster).  Mentions the coder got wrong
(wrong type, countries or date) are not scored: ``coverage`` says how many reports
have at least one main-event mention.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError, field_validator

from .dedup import Params, Rules, dates_agree, load_rules, mention_from_row
from .errors import GoldFormatError

__all__ = ["DedupGold", "evaluate_dedup", "pairwise", "read_dedup_gold", "score_clusters"]


class DedupGold(BaseModel):
    """One gold report and the gold label of its main event."""

    id: str
    publisher: str
    published: date
    title: str
    text: str
    group: str
    type: str
    actors: list[str]
    recipients: list[str] = []
    date: date

    @field_validator("text", "group", "id")
    @classmethod
    def _not_empty(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        return value


def read_dedup_gold(path: str | Path) -> list[DedupGold]:
    """The gold reports of a JSONL file, validated; ids must be unique."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldFormatError(path, f"cannot read the gold file ({exc.strerror})") from None
    found: list[DedupGold] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            found.append(DedupGold.model_validate(json.loads(line)))
        except (ValueError, ValidationError) as exc:
            raise GoldFormatError(path, f"not a gold report ({_first(exc)})", number) from None
    ids = [g.id for g in found]
    if len(set(ids)) != len(ids):
        raise GoldFormatError(path, "report ids must be unique")
    if not found:
        raise GoldFormatError(path, "no gold reports found")
    return found


def _first(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        return f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}"
    return str(exc).splitlines()[0]


def pairwise(labels: Sequence[str], predicted: Sequence[str]) -> dict[str, float | int]:
    """Pairwise precision, recall and F1 of a predicted partition against gold labels."""
    tp = fp = fn = 0
    for i, j in combinations(range(len(labels)), 2):
        same_gold, same_pred = labels[i] == labels[j], predicted[i] == predicted[j]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "true_pairs": tp,
            "false_pairs": fp, "missed_pairs": fn}


def _is_main(row: Mapping[str, Any], gold: DedupGold, rules: Rules, params: Params) -> bool:
    """Whether a coded event is a mention of the gold report's main event."""
    m = mention_from_row(row, rules)
    if m.modality != "asserted":
        return False
    if row["event"] != gold.type and frozenset((row["event"], gold.type)) not in rules.pairs:
        return False
    sides = set(gold.actors) | set(gold.recipients)
    if m.symmetric or gold.type in rules.symmetric:
        if not m.codes or not m.codes <= sides:
            return False
    elif not m.actors or not m.actors <= set(gold.actors) or not m.recipients <= set(
            gold.recipients):
        return False
    day = gold.date.isoformat()
    target = mention_from_row({**row, "doc_id": "", "date": day, "date_precision": "day"}, rules)
    return dates_agree(m, target, params.days)


def score_clusters(golds: Sequence[DedupGold], mentions: Iterable[Mapping[str, Any]],
                   rules: Rules, params: Params) -> dict[str, Any]:
    """Pairwise scores of clusters: ``mentions`` are event rows with ``gold_id``, ``cluster_id``."""
    by_id = {g.id: g for g in golds}
    labelled = [(row, by_id[row["gold_id"]]) for row in mentions
                if _is_main(row, by_id[row["gold_id"]], rules, params)]
    events = pairwise([g.group for _, g in labelled], [r["cluster_id"] for r, _ in labelled])
    reports = _report_pairs(labelled)
    covered = {g.id for _, g in labelled}
    return {
        "reports": len(golds), "groups": len({g.group for g in golds}),
        "covered_reports": len(covered), "coverage": len(covered) / len(golds),
        "mentions": len(labelled), "pairwise": events, "reports_pairwise": reports,
        "errors": _errors(labelled),
    }


def _report_pairs(labelled: list[tuple[Mapping[str, Any], DedupGold]]) -> dict[str, Any]:
    clusters: dict[str, set[str]] = {}
    golds: dict[str, DedupGold] = {}
    for row, gold in labelled:
        clusters.setdefault(gold.id, set()).add(row["cluster_id"])
        golds[gold.id] = gold
    ids = sorted(clusters)
    tp = fp = fn = 0
    for a, b in combinations(ids, 2):
        same_gold = golds[a].group == golds[b].group
        same_pred = bool(clusters[a] & clusters[b])
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": precision, "recall": recall, "true_pairs": tp, "false_pairs": fp,
            "missed_pairs": fn}


def _errors(labelled: list[tuple[Mapping[str, Any], DedupGold]]) -> dict[str, list[list[str]]]:
    """The wrongly merged and the missed pairs, as [id, text] of both mentions."""
    merged: list[list[str]] = []
    missed: list[list[str]] = []
    for (ra, ga), (rb, gb) in combinations(labelled, 2):
        same_gold, same_pred = ga.group == gb.group, ra["cluster_id"] == rb["cluster_id"]
        if same_gold != same_pred:
            pair = [f"{ra['id']} {ra['event']} {ra['date']} “{ra['event_text']}” ({ga.id})",
                    f"{rb['id']} {rb['event']} {rb['date']} “{rb['event_text']}” ({gb.id})"]
            (merged if same_pred else missed).append(pair)
    return {"merged": merged, "missed": missed}


_ROWS_SQL = """
SELECT e.id, e.doc_id, e.event, e.aux, e.date, e.date_precision, e.actor_codes,
       e.recipient_codes, e.event_text, e.cameo, e.extra, coalesce(m.cluster_id, e.id) AS cluster_id
FROM events e LEFT JOIN event_mentions m ON m.event_id = e.id ORDER BY e.id
"""


def evaluate_dedup(path: str | Path, settings: Mapping[str, Any],
                   code: Callable[[list[Any]], Iterable[tuple[Any, list[Any]]]] | None = None
                   ) -> dict[str, Any]:
    """Code, store and cluster the gold reports; score the clusters (see the module doc)."""
    from .ingest import read_text
    from .store import Coded, Store

    golds = read_dedup_gold(path)
    docs = [read_text(g.text, published=g.published, title=g.title, publisher=g.publisher,
                      source=g.id) for g in golds]
    gold_of = {doc.doc_id: g.id for doc, g in zip(docs, golds, strict=True)}
    if code is None:
        from .pipeline import get_pipeline

        code = get_pipeline(settings).pipe  # type: ignore[arg-type]
    size = max(1, int(settings["batch_size"]))
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "dedup.duckdb") as store:
        from .clusters import update_clusters

        coded = [Coded(doc, events) for doc, events in code(docs)]
        for start in range(0, len(coded), size):
            store.add_coded(coded[start:start + size], "dedup-eval")
            update_clusters(store, settings)
        rows = [{**row, "gold_id": gold_of[row["doc_id"]]} for row in store.rows(_ROWS_SQL)]
    report = score_clusters(golds, rows, load_rules(), Params.of(settings))
    report["path"] = str(path)
    return report
