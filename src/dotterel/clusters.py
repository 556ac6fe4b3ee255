"""The store's event clusters: kept up to date after every write, read for explain.

``update_clusters(store, settings)`` runs after each committed ingest or recode
batch (and once at the end of the run).  It clusters the documents in
``cluster_queue`` — the store fills the queue in the same transaction as their
events — in one transaction, mirroring :func:`dotterel.dedup.cluster_mentions` step
by step but only where something changed:

1. the queued documents' current events are the *fresh* mentions; stored mentions in
   a block they probe are found by a join on ``mention_blocks`` (never all pairs), and
   only pairs involving a fresh mention are compared — the links among stored
   mentions are kept in ``mention_links``;
2. the fine regions that lost a mention or gained a link are re-clustered whole;
3. coarse mentions linked to a fresh fine mention or attached to a removed one are
   attached again; those attached to a re-clustered fine mention follow it;
4. the coarse regions that lost or gained an unattached mention are re-clustered.

Regions are closed under linking, so the result is the one clustering everything
at once would give, whatever the order and size of the batches (tests check this).
Each mention's ``dedup.Mention`` is stored as JSON with it, so stored mentions are
never derived again.  When ``dedup_days``, ``dedup_threshold`` or the rules change,
the next run rebuilds every cluster.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from .dedup import (
    ALGORITHM_VERSION,
    Cluster,
    Mention,
    Params,
    Rules,
    attachment,
    canonical_key,
    date_text,
    is_fine,
    links_by_id,
    load_rules,
    mention_from_json,
    mention_from_row,
    mention_json,
    neighbours,
    tier_clusters,
)

if TYPE_CHECKING:
    from .store import Store

__all__ = ["ClusterDetail", "ClusterReport", "cluster_detail", "update_clusters"]

_MENTION_SQL = """
WITH chosen AS (SELECT e.* FROM events e WHERE {condition})
SELECT e.id, e.doc_id, e.event, e.aux, e.mode, e.date, e.date_precision, e.actor_codes,
       e.recipient_codes, e.event_text, e.coder, e.cameo, e.resolved_place, e.extracted_place,
       e.loc_country, e.loc_resolution, e.loc_basis, e.confidence, e.extra, x.entities,
       d.publisher, d.url, d.published, d.ingested_at
FROM chosen e
LEFT JOIN documents d ON d.doc_id = e.doc_id
LEFT JOIN (SELECT event_id, list(struct_pack(code := code, sector := sector,
                  identifier := identifier_text, office := office, rule := rule)
                  ORDER BY role, position) AS entities
           FROM event_entities WHERE event_id IN (SELECT id FROM chosen)
           GROUP BY event_id) x ON x.event_id = e.id
ORDER BY e.id
"""
_QUEUED = "(SELECT doc_id FROM cluster_queue)"
_CANDIDATES_SQL = f"""
SELECT DISTINCT b.event_id FROM mention_blocks b
JOIN (SELECT unnest(?) AS block_key, unnest(?) AS lo, unnest(?) AS hi) s
  ON b.block_key = s.block_key AND b.lo <= s.hi + CAST(? AS INTEGER)
 AND b.hi >= s.lo - CAST(? AS INTEGER)
WHERE b.event_id NOT IN (SELECT event_id FROM event_mentions WHERE doc_id IN {_QUEUED})
"""


@dataclass
class ClusterReport:
    """What one clustering run did."""

    documents: int = 0  # queued documents processed
    mentions: int = 0  # mentions placed again (fresh and re-opened)
    clusters: int = 0  # clusters written
    rebuilt: bool = False
    deferred: int = 0  # queued documents left for a later update (final=False)
    seconds: float = 0.0

    def summary(self) -> str:
        how = "rebuilt all clusters" if self.rebuilt else "updated clusters"
        return (f"{how}: {self.documents} documents, {self.mentions} mentions into "
                f"{self.clusters} clusters in {self.seconds:.2f} s")


def signature(params: Params, rules: Rules) -> str:
    """What the stored clusters depend on besides the events themselves."""
    return f"{ALGORITHM_VERSION}:{params.days}:{params.threshold:g}:{rules.digest}"


def update_clusters(store: Store, settings: Mapping[str, Any] | None = None, *,
                    rebuild: bool = False, final: bool = True) -> ClusterReport:
    """Re-cluster the queued documents (everything if ``rebuild`` or the rules changed).

    ``final=False`` (after each batch of a run) may leave the queue for later while it
    is short: until ``DEFER_DOCUMENTS`` documents, or ``DEFER_SHARE`` of those stored,
    wait.  Fewer, larger updates cost less in all; the run's last call (``final``) then
    clusters the rest, and the result is the same either way.
    """
    if settings is None:
        from .settings import load_settings

        settings = load_settings()
    started = time.perf_counter()
    params, rules = Params.of(settings), load_rules()
    report = ClusterReport()
    with store.transaction():
        stamp = signature(params, rules)
        if rebuild or _stored_signature(store) != stamp:
            _reset(store, stamp)
            report.rebuilt = True
        report.documents = _count(store, f"SELECT count(*) FROM {_QUEUED}")
        if report.documents and (final or report.rebuilt or _due(store, report.documents)):
            _recluster(store, params, rules, report)
        else:
            report.deferred, report.documents = report.documents, 0
    report.seconds = time.perf_counter() - started
    return report


DEFER_DOCUMENTS = 256
DEFER_SHARE = 0.25


def _due(store: Store, queued: int) -> bool:
    """Whether a run's intermediate update should cluster its queue now."""
    if queued < DEFER_DOCUMENTS:
        return False
    stored = _count(store, "SELECT count(*) FROM documents")
    return queued >= DEFER_SHARE * stored


def _count(store: Store, sql: str, params: Sequence[Any] = ()) -> int:
    return int(next(iter(store.rows(sql, params)[0].values())))


def _stored_signature(store: Store) -> str | None:
    found = store.rows("SELECT value FROM dedup_state WHERE key = 'signature'")
    return found[0]["value"] if found else None


def _reset(store: Store, stamp: str) -> None:
    """Forget every cluster and queue every document."""
    for table in ("event_mentions", "mention_blocks", "mention_links", "event_clusters"):
        store.rows(f"DELETE FROM {table}")
    store.rows("INSERT INTO cluster_queue SELECT doc_id FROM documents ON CONFLICT DO NOTHING")
    store.rows("INSERT OR REPLACE INTO dedup_state VALUES ('signature', ?)", [stamp])


def _recluster(store: Store, params: Params, rules: Rules, report: ClusterReport) -> None:
    run = _Run(store, params, rules)
    run.fine_tier()
    run.attachments()
    run.coarse_tier()
    run.write()
    store.rows("DELETE FROM cluster_queue")
    report.mentions, report.clusters = len(run.touched), len(run.affected)


def _load(store: Store, condition: str, params: Sequence[Any], rules: Rules) -> list[Mention]:
    """Mentions derived from their events (for events new or changed since clustering)."""
    found = store.rows(_MENTION_SQL.format(condition=condition), params)
    return [mention_from_row(row, rules) for row in found]


def _stored(store: Store, condition: str, params: Sequence[Any] = ()) -> dict[str, dict[str, Any]]:
    """Stored mention rows by id (their events are unchanged since clustering saw them)."""
    found = store.rows(f"SELECT * FROM event_mentions WHERE {condition} ORDER BY event_id", params)
    return {row["event_id"]: row for row in found}


def _ids(values: Iterable[str]) -> list[list[str]]:
    return [sorted(values)]


class _Run:
    """One incremental update; the steps mirror ``dedup.cluster_mentions``.

    *removed*: the stored mentions of queued documents (replaced by their *fresh*
    ones); *candidates*: stored mentions in a block a fresh mention probes, found by a
    join on ``mention_blocks``; *new*: the links that involve a fresh mention.  Stored
    links and rows are read only for the mentions a step re-clusters or re-attaches.
    """

    def __init__(self, store: Store, params: Params, rules: Rules) -> None:
        self.store, self.params, self.rules = store, params, rules
        self.removed = _stored(store, f"doc_id IN {_QUEUED}")
        self.fresh = {m.id: m for m in _load(store, f"e.doc_id IN {_QUEUED}", [], rules)}
        self.rows = _stored(store, "event_id IN (SELECT unnest(?))", _ids(self._candidates()))
        self.mentions = {**{k: mention_from_json(r["features"]) for k, r in self.rows.items()},
                         **self.fresh}
        self.new = links_by_id(list(self.mentions.values()), params, rules, new=self.fresh)
        self.near = neighbours(self.new)
        self.placed: dict[str, dict[str, Any]] = {}  # touched mention -> its new row
        self.affected: set[str] = set()

    def _candidates(self) -> list[str]:
        seeds = sorted({(key, m.lo, m.hi) for m in self.fresh.values() for key in m.probes})
        if not seeds:
            return []
        keys, los, his = (list(column) for column in zip(*seeds, strict=True))
        days = self.params.days
        return [r["event_id"] for r in self.store.rows(_CANDIDATES_SQL,
                                                       [keys, los, his, days, days])]

    def _linked_to_fresh(self, tier: str) -> set[str]:
        """Stored candidates linked to a fresh mention of ``tier``."""
        found = set()
        for pair in self.new:
            for one, other in (pair, pair[::-1]):
                if one in self.fresh and other in self.rows and _tier(self.fresh[one]) == tier:
                    found.add(other)
        return found

    def _take(self, rows: Mapping[str, Mapping[str, Any]]) -> list[str]:
        """Load stored rows into the run, with the stored links among them."""
        for key, row in rows.items():
            self.rows.setdefault(key, dict(row))
            self.mentions.setdefault(key, mention_from_json(row["features"]))
        ids = sorted(rows)
        self._add_links(_stored_links(self.store, ids, ids))
        return ids

    def _add_links(self, found: Mapping[tuple[str, str], float]) -> None:
        for (a, b), score in found.items():
            if a not in self.removed and b not in self.removed:  # old versions' links
                self.near[a][b] = self.near[b][a] = score

    # --- the fine tier --------------------------------------------------------------------

    def fine_tier(self) -> None:
        """Re-cluster the fine regions that lost a mention or gained a link to a fresh one."""
        opened = {r["region_id"] for r in self.removed.values() if r["tier"] == "fine"}
        opened |= {self.rows[k]["region_id"] for k in self._linked_to_fresh("fine")
                   if self.rows[k]["tier"] == "fine"}
        kept = self._take(_stored(self.store, "tier = 'fine' AND region_id IN (SELECT "
                                              f"unnest(?)) AND doc_id NOT IN {_QUEUED}",
                                  _ids(opened)))
        self.old_fine = set(kept) | {k for k, r in self.removed.items() if r["tier"] == "fine"}
        members = [self.mentions[k] for k in kept]
        members += [m for m in self.fresh.values() if is_fine(m)]
        for cluster in tier_clusters(members, self.near, self.params, self.rules):
            self._place(cluster)

    def _place(self, cluster: Cluster) -> None:
        tier = "fine" if cluster.fine else "coarse"
        for m in cluster.members:
            self.placed[m.id] = {"cluster_id": cluster.id, "tier": tier,
                                 "region_id": cluster.region, "attached_to": None,
                                 "score": cluster.scores.get(m.id)}

    # --- coarse mentions attached to fine ones ----------------------------------------------

    def attachments(self) -> None:
        """Attach again the coarse mentions whose best fine mention may have changed: those
        linked to a fresh one or attached to a removed one.  Those attached to a re-clustered
        fine mention keep it and follow it to its new cluster."""
        linked = {k for k in self._linked_to_fresh("fine") if self.rows[k]["tier"] == "coarse"}
        follow = _stored(self.store, "tier = 'coarse' AND attached_to IN (SELECT unnest(?)) AND "
                                     f"doc_id NOT IN {_QUEUED}", _ids(self.old_fine))
        again = {k: self.rows[k] for k in linked}
        for key, row in follow.items():
            if key in linked or row["attached_to"] in self.removed:
                again[key] = row
            else:
                self.rows.setdefault(key, dict(row))
                self.placed[key] = {**_placed(row), "cluster_id":
                                    self.placed[row["attached_to"]]["cluster_id"]}
        self.before = {k: dict(r) for k, r in again.items()}
        for key, row in again.items():
            self.rows.setdefault(key, dict(row))
            self.mentions.setdefault(key, mention_from_json(row["features"]))
        self._add_links(_stored_links(self.store, sorted(again), None))
        self.info = self._neighbour_rows(again)
        fine = self._fine_clusters()
        self.unattached: list[Mention] = []
        for key in sorted(again.keys() | {k for k, m in self.fresh.items() if not is_fine(m)}):
            target = attachment(self.mentions[key], self.near, fine)
            if target is None:
                self.unattached.append(self.mentions[key])
            else:
                self.placed[key] = {"cluster_id": fine[target[0]], "tier": "coarse",
                                    "region_id": None, "attached_to": target[0],
                                    "score": target[1]}

    def _neighbour_rows(self, again: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
        """Tier, cluster and region of the stored mentions linked to those re-attached."""
        others = {x for key in again for x in self.near.get(key, {})}
        others -= self.fresh.keys() | self.removed.keys()
        found = self.store.rows("SELECT event_id, tier, cluster_id, region_id FROM "
                                "event_mentions WHERE event_id IN (SELECT unnest(?))",
                                _ids(others))
        return {row["event_id"]: row for row in found}

    def _fine_clusters(self) -> dict[str, str]:
        """Fine mention -> its cluster id: new for re-clustered ones, stored for the rest."""
        found = {k: r["cluster_id"] for rows in (self.info, self.rows) for k, r in rows.items()
                 if r["tier"] == "fine" and k not in self.old_fine and k not in self.fresh}
        found.update({k: p["cluster_id"] for k, p in self.placed.items() if p["tier"] == "fine"})
        return found

    # --- coarse mentions attached to none -----------------------------------------------------

    def coarse_tier(self) -> None:
        """Re-cluster the coarse regions that lost or gained an unattached mention."""
        opened = {r["region_id"] for r in [*self.removed.values(), *self.before.values()]
                  if r["tier"] == "coarse" and r["region_id"] is not None}
        alone = {m.id for m in self.unattached}
        for key in alone:
            for other in self.near.get(key, {}):
                row = self.info.get(other) or self.rows.get(other)
                if row is not None and other not in self.fresh and row["tier"] == "coarse" \
                        and row["region_id"] is not None:
                    opened.add(row["region_id"])
        kept = _stored(self.store, "tier = 'coarse' AND region_id IN (SELECT unnest(?)) AND "
                                   f"doc_id NOT IN {_QUEUED}", _ids(opened))
        kept = {k: r for k, r in kept.items() if k not in self.placed and k not in alone}
        members = [self.mentions[k] for k in self._take(kept)] + self.unattached
        for cluster in tier_clusters(members, self.near, self.params, self.rules):
            self._place(cluster)

    # --- writing ------------------------------------------------------------------------------

    @property
    def touched(self) -> set[str]:
        return set(self.placed)

    def write(self) -> None:
        """Replace the mention rows that changed, the links and blocks of changed mentions,
        and the rows of every cluster that gained or lost a mention."""
        moved = [k for k, p in self.placed.items() if k in self.rows and k not in self.fresh
                 and _placement(p) != _placement(self.rows[k])]
        self.affected = ({r["cluster_id"] for r in self.removed.values()}
                         | {self.rows[k]["cluster_id"] for k in moved}
                         | {self.placed[k]["cluster_id"] for k in [*self.fresh, *moved]})
        gone = _ids(self.removed)
        for table, column in (("mention_blocks", "event_id"), ("mention_links", "a"),
                              ("mention_links", "b")):
            self.store.rows(f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?))", gone)
        self.store.rows("DELETE FROM event_mentions WHERE event_id IN (SELECT unnest(?))",
                        [sorted(self.removed.keys() | set(moved))])
        self.store.insert("event_mentions", [self._row(k) for k in sorted(self.placed)
                                             if k in self.fresh or k in moved])
        self.store.insert("mention_blocks", [
            {"event_id": m.id, "block_key": key, "lo": m.lo, "hi": m.hi}
            for m in self.fresh.values() for key in m.home])
        self.store.insert("mention_links", [{"a": a, "b": b, "score": v}
                                            for (a, b), v in sorted(self.new.items())])
        self._write_clusters()

    def _row(self, key: str) -> dict[str, Any]:
        stored = self.rows.get(key) if key not in self.fresh else None
        if stored:
            return {"event_id": key, "doc_id": stored["doc_id"], **self.placed[key],
                    "features": stored["features"]}
        m = self.mentions[key]
        return {"event_id": key, "doc_id": m.doc_id, **self.placed[key],
                "features": mention_json(m)}

    def _write_clusters(self) -> None:
        affected = _ids(self.affected)
        members: dict[str, list[Mention]] = defaultdict(list)
        for row in self.store.rows("SELECT event_id, cluster_id, features FROM event_mentions "
                                   "WHERE cluster_id IN (SELECT unnest(?))", affected):
            m = self.mentions.get(row["event_id"]) or mention_from_json(row["features"])
            members[row["cluster_id"]].append(m)
        self.store.rows("DELETE FROM event_clusters WHERE cluster_id IN (SELECT unnest(?))",
                        affected)
        self.store.insert("event_clusters", [_cluster_row(key, found)
                                             for key, found in sorted(members.items())])


def _tier(m: Mention) -> str:
    return "fine" if is_fine(m) else "coarse"


def _stored_links(store: Store, ids: list[str],
                  others: list[str] | None) -> dict[tuple[str, str], float]:
    """Stored links of ``ids`` (to ``others`` only, when given)."""
    if not ids:
        return {}
    if others is None:
        sql, params = ("SELECT a, b, score FROM mention_links WHERE a IN (SELECT unnest(?)) OR "
                       "b IN (SELECT unnest(?))", [ids, ids])
    else:
        sql, params = ("SELECT a, b, score FROM mention_links WHERE a IN (SELECT unnest(?)) AND "
                       "b IN (SELECT unnest(?))", [ids, others])
    return {(r["a"], r["b"]): r["score"] for r in store.rows(sql, params)}


_PLACEMENT = ("cluster_id", "tier", "region_id", "attached_to", "score")


def _placement(row: Mapping[str, Any]) -> tuple[Any, ...]:
    return tuple(row[k] for k in _PLACEMENT)


def _placed(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in _PLACEMENT}


def _cluster_row(key: str, members: list[Mention]) -> dict[str, Any]:
    """A cluster's row: its canonical mention's type, date and countries, and its counts."""
    canonical = min(members, key=canonical_key)
    seen = [m.seen for m in members if m.seen is not None]
    return {
        "cluster_id": key, "canonical_id": canonical.id, "event": canonical.event,
        "date": date_text(canonical), "date_precision": canonical.precision,
        "date_start": canonical.lo, "actor_codes": sorted(canonical.actors),
        "recipient_codes": sorted(canonical.recipients), "aux": list(canonical.aux),
        "num_mentions": len(members), "num_documents": len({m.doc_id for m in members}),
        "num_sources": len({m.source for m in members}),
        "first_seen": min(seen, default=None), "last_seen": max(seen, default=None),
    }


# --- reading: one cluster with its mentions ----------------------------------------------


@dataclass(frozen=True)
class ClusterDetail:
    """A cluster (or a lone, not yet clustered event) with every mention and its source."""

    cluster_id: str
    canonical_id: str
    num_mentions: int
    num_documents: int
    num_sources: int
    first_seen: date | None
    last_seen: date | None
    mentions: tuple[dict[str, Any], ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        return {"cluster_id": self.cluster_id, "canonical_id": self.canonical_id,
                "num_mentions": self.num_mentions, "num_documents": self.num_documents,
                "num_sources": self.num_sources,
                "first_seen": self.first_seen.isoformat() if self.first_seen else None,
                "last_seen": self.last_seen.isoformat() if self.last_seen else None,
                "mentions": [_plain(m) for m in self.mentions]}


def _plain(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in row.items()}


_MENTIONS_SQL = """
SELECT e.id, e.doc_id, e.event, e.date, e.date_precision, e.aux, e.actor_codes,
       e.recipient_codes, e.event_text, e.text, e.sentence_seq, e.confidence, m.score,
       d.title, d.publisher, d.published, d.url, d.source_path
FROM events e LEFT JOIN event_mentions m ON m.event_id = e.id
LEFT JOIN documents d ON d.doc_id = e.doc_id
WHERE {condition}
ORDER BY d.published NULLS LAST, e.doc_id, e.sentence_seq, e.id
"""


def cluster_detail(store: Store, key: str) -> ClusterDetail | None:
    """The cluster ``key`` names (a cluster id, or the id of any of its mentions)."""
    found = store.rows("SELECT c.* FROM event_clusters c WHERE c.cluster_id = ? UNION ALL "
                       "SELECT c.* FROM event_mentions m JOIN event_clusters c "
                       "ON c.cluster_id = m.cluster_id WHERE m.event_id = ?", [key, key])
    if found:
        row = found[0]
        mentions = store.rows(_MENTIONS_SQL.format(condition="m.cluster_id = ?"),
                              [row["cluster_id"]])
        return ClusterDetail(row["cluster_id"], row["canonical_id"], row["num_mentions"],
                             row["num_documents"], row["num_sources"], row["first_seen"],
                             row["last_seen"], tuple(mentions))
    alone = store.rows(_MENTIONS_SQL.format(condition="e.id = ?"), [key])
    if not alone:
        return None
    seen = alone[0]["published"]
    return ClusterDetail(key, key, 1, 1, 1, seen, seen, tuple(alone))
