"""Scale-out: ``ingest`` and ``recode`` on a Dask cluster, with the results of one process.

    dotterel ingest corpus/ --workers 4                       # a local cluster of 4 processes
    dotterel ingest /shared/news --scheduler tcp://HOST:8786  # an existing cluster

``runner.ingest``/``runner.recode`` come here when the ``workers`` setting is
above 0 or a ``scheduler`` is given.  An ingest run goes in four steps:

1. *Plan* (driver): list the inputs and cut them into a few large partitions of
   consecutive files and byte ranges (``partitions``); no document is opened.
2. *Scan* (workers): read each partition and return its doc_ids.  The driver,
   in reading order, keeps the documents that are neither stored nor met earlier
   in the run (kept in a DuckDB temporary table, not in memory), exactly the
   documents a one-process run would code.
3. *Code* (workers): code the kept documents with the per-document function of
   the one-process runner (``Pipeline.pipe`` through ``runner``; one pipeline per
   worker process, ``get_pipeline``) and write them as a Parquet shard
   (``shards``) to the shard directory.  spaCy Docs never leave the worker.
4. *Load* (driver): load the shards, in reading order, into the store in one
   transaction, passing over documents already stored.

``recode`` pages the stored documents out to Parquet files, re-codes them on the
workers and replaces their events one transaction per partition.

A partition whose task raises, or whose worker dies, is tried once more; then it
is reported (which partition, which inputs, the error) and the other partitions
are stored.  Ingest shards are named by a digest of their work, so a run that was
interrupted before its load reuses the shards already written.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import socket
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .clusters import update_clusters
from .errors import ConfigError, DistributedError, InputError
from .ingest import ReadReport
from .partitions import (
    Partition,
    is_url,
    list_pieces,
    partition_bytes,
    plan_partitions,
    read_partition,
)
from .runner import IngestReport, Progress, RecodeReport
from .settings import Settings, load_settings
from .shards import (
    ShardWriter,
    load_shards,
    read_coded,
    read_documents,
    remove_shard,
    table_schemas,
    write_documents,
)
from .store import Store

__all__ = [
    "DistributedIngestReport",
    "DistributedRecodeReport",
    "PartitionFailure",
    "bench_workers",
    "dask_client",
    "ingest_distributed",
    "recode_distributed",
    "warm_up",
]

logger = logging.getLogger("dotterel.distributed")

ATTEMPTS = 2  # a partition is retried once, then reported
CONNECT_SECONDS = 20
WORKER_WAIT_SECONDS = 60
RECODE_PAGE_MAX = 2000  # documents per recode partition, at most
# The scheduler of a local cluster: no dashboard, and a task that was on a worker that died
# fails at once (KilledWorker) so that dotterel's own retry is the only one.
_LOCAL_SCHEDULER = {"dashboard": False, "dashboard_address": "127.0.0.1:0",
                    "allowed_failures": 0}
# Settings that cannot change what a partition's shard holds.
_RUN_ONLY_SETTINGS = frozenset({"db", "workers", "scheduler", "batch_size"})


@dataclass(frozen=True, slots=True)
class PartitionFailure:
    """A partition that failed on both attempts: its documents were not stored."""

    partition: str  # "partition 3 (52 inputs: first … last)"
    error: str  # one line: the worker's error, or which worker died
    inputs: tuple[str, ...] = ()  # every file or byte range of the partition

    def __str__(self) -> str:
        return f"{self.partition}: {self.error}"


@dataclass
class DistributedIngestReport(IngestReport):
    """An IngestReport with the partitions, the workers and the partitions that failed."""

    partitions: int = 0
    workers: int = 0
    failed: list[PartitionFailure] = field(default_factory=list)

    def summary(self) -> str:
        text = super().summary()
        if self.new:
            text = text.replace(f"in {self.batches} batches", f"in one transaction from "
                                f"{self.partitions} partitions on {self.workers} workers")
        return text + _failures(self.failed, "were not stored")


@dataclass
class DistributedRecodeReport(RecodeReport):
    partitions: int = 0
    workers: int = 0
    failed: list[PartitionFailure] = field(default_factory=list)

    def summary(self) -> str:
        return super().summary() + _failures(self.failed, "keep their previous events")


def _failures(failed: list[PartitionFailure], consequence: str) -> str:
    if not failed:
        return ""
    lines = "".join(f"\n  {f}" for f in failed)
    counted = f"{len(failed)} partition" + ("s" if len(failed) > 1 else "")
    return (f"\n{counted} failed twice; their documents {consequence} "
            f"(run again to retry them):{lines}")


# --- the cluster ---------------------------------------------------------------------------


@contextmanager
def dask_client(settings: Settings, client: Any = None) -> Iterator[Any]:
    """A Dask client: ``client`` itself, the ``scheduler`` setting's, or a new local cluster."""
    if client is not None:
        yield client
        return
    from distributed import Client

    if settings.scheduler:
        try:
            remote = Client(settings.scheduler, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError) as exc:
            raise DistributedError(
                f"cannot reach the Dask scheduler at {settings.scheduler} ({exc}); start one "
                "with `dask scheduler` or check --scheduler") from None
        with remote:
            _wait_for_workers(remote, settings.scheduler)
            yield remote
        return
    with _local_cluster(int(settings.workers)) as cluster, Client(cluster) as local:
        yield local


@contextmanager
def _local_cluster(workers: int) -> Iterator[Any]:
    from distributed import LocalCluster

    if workers < 1:
        raise ConfigError(f"--workers needs 1 or more worker processes, got {workers}")
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      scheduler_kwargs=_LOCAL_SCHEDULER, silence_logs=logging.CRITICAL) as cluster:
        yield cluster


def _wait_for_workers(client: Any, address: str) -> None:
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
    except TimeoutError:
        raise DistributedError(
            f"no Dask worker joined the scheduler at {address} within {WORKER_WAIT_SECONDS} s; "
            f"start workers with `dask worker {address}`") from None


def _slots(client: Any) -> int:
    return max(1, sum(client.nthreads().values()))


def warm_up(client: Any, settings: Settings) -> dict[str, str]:
    """Load the pipeline on every worker now; return each worker's coder version."""
    addresses = list(client.nthreads())
    futures = [client.submit(_load_pipeline, settings, workers=[address], pure=False,
                             allow_other_workers=False, key=f"dotterel-warm-{uuid.uuid4().hex}")
               for address in addresses]
    return dict(zip(addresses, client.gather(futures), strict=True))


def _load_pipeline(settings: Settings) -> str:
    from .pipeline import get_pipeline

    return get_pipeline(settings).version


class _Tasks:
    """Dask tasks, each tried at most ATTEMPTS times; outcomes in the order they finish."""

    def __init__(self, client: Any) -> None:
        from distributed import as_completed

        self._client = client
        self._done = as_completed()
        self._meta: dict[str, tuple[Any, Callable[..., Any], tuple[Any, ...], int]] = {}

    def submit(self, tag: Any, function: Callable[..., Any], *args: Any, attempt: int = 1) -> None:
        key = f"dotterel-{tag[0]}-{tag[1]}-{attempt}-{uuid.uuid4().hex[:8]}"
        future = self._client.submit(function, *args, key=key, pure=False, retries=0)
        self._meta[future.key] = (tag, function, args, attempt)
        self._done.add(future)

    def __iter__(self) -> Iterator[tuple[Any, Any, str | None]]:
        """``(tag, result, None)`` or, after the last attempt, ``(tag, None, error)``."""
        for future in self._done:
            tag, function, args, attempt = self._meta.pop(future.key)
            if future.status == "finished":
                result = future.result()
                future.release()
                yield tag, result, None
                continue
            error = _describe(future)
            future.release()
            if attempt < ATTEMPTS:
                logger.warning("%s %s failed (%s); trying it again", tag[0], tag[1], error)
                self.submit(tag, function, *args, attempt=attempt + 1)
            else:
                yield tag, None, error


def _describe(future: Any) -> str:
    """One line saying why a task failed (a dead worker or the error it raised)."""
    try:
        error = future.exception()
    except BaseException as exc:  # noqa: BLE001 - a cancelled future raises instead
        error = exc
    if type(error).__name__ == "KilledWorker":
        worker = getattr(getattr(error, "last_worker", None), "address", "unknown")
        return f"the worker running it died ({worker})"
    text = " ".join(str(error).split()) or type(error).__name__
    if isinstance(error, DistributedError):
        return text
    return f"{type(error).__name__}: {text}"[:500]


# --- the work on a worker ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Scan:
    """What a worker found in a partition: doc_ids in order and the inputs it could not read."""

    ids: list[str]
    read: int
    errors: list[tuple[type[InputError], str, str, int | None]]


@dataclass(frozen=True, slots=True)
class ShardInfo:
    path: str
    documents: int
    events: int
    coder_version: str
    worker: str
    seconds: float


def scan_partition(partition: Partition, settings: Settings, published: date | None) -> Scan:
    report = ReadReport()
    ids = [doc.doc_id for doc in read_partition(partition, settings, published, report)]
    return Scan(ids, report.read, [(type(e), e.source, e.problem, e.line) for e in report.errors])


def code_partition(partition: Partition, keep: list[str], settings: Settings,
                   published: date | None, shard: str, schemas: dict[str, Any]) -> ShardInfo:
    """Code the ``keep`` documents of ``partition`` (first occurrences) into a shard."""
    documents = read_partition(partition, settings, published, ReadReport())
    return _write_shard(_first_of(documents, keep), settings, shard, schemas, reuse=True)


def recode_partition(page: str, settings: Settings, shard: str,
                     schemas: dict[str, Any]) -> ShardInfo:
    """Code the stored documents of a page file again into a shard."""
    return _write_shard(read_documents(Path(page)), settings, shard, schemas, reuse=False)


def _first_of(documents: Iterable[Any], keep: list[str]) -> Iterator[Any]:
    wanted = set(keep)
    for document in documents:
        if document.doc_id in wanted:
            wanted.discard(document.doc_id)
            yield document


def _write_shard(documents: Iterable[Any], settings: Settings, shard: str,
                 schemas: dict[str, Any], *, reuse: bool) -> ShardInfo:
    from .pipeline import get_pipeline
    from .runner import _code as code_documents  # the one-process per-document function

    started = time.perf_counter()
    pipeline = get_pipeline(settings)
    path = Path(f"{shard}-{pipeline.version}")
    if reuse and path.is_dir():
        return ShardInfo(str(path), _count(path, "documents"), _count(path, "events"),
                         pipeline.version, _worker(), 0.0)
    with ShardWriter(path, schemas, pipeline.version) as writer:
        for coded in code_documents(pipeline, documents, settings):
            writer.add(coded)
    return ShardInfo(str(path), writer.documents, writer.events, pipeline.version, _worker(),
                     time.perf_counter() - started)


def _count(shard: Path, table: str) -> int:
    import pyarrow.parquet as pq

    path = shard / f"{table}.parquet"
    return pq.ParquetFile(path).metadata.num_rows if path.exists() else 0


def _worker() -> str:
    from distributed import get_worker

    try:
        return get_worker().address
    except ValueError:
        return f"pid {os.getpid()} on {socket.gethostname()}"


# --- ingest --------------------------------------------------------------------------------


def ingest_distributed(
    paths: Iterable[str | Path],
    settings: Settings,
    store: Store,
    *,
    published: date | None = None,
    progress: Progress | None = None,
    client: Any = None,
    shard_dir: str | Path | None = None,
) -> DistributedIngestReport:
    """``runner.ingest`` on a Dask cluster: the same documents and events, stored once."""
    started = time.perf_counter()
    report = DistributedIngestReport()
    shards = _shard_dir(store, shard_dir)
    pieces = list(list_pieces(paths, settings, report.reading))
    if pieces:
        with dask_client(settings, client) as dask:
            _IngestRun(dask, settings, store, report, published, progress, shards).run(pieces)
    report.seconds = time.perf_counter() - started
    return report


def _shard_dir(store: Store, given: str | Path | None) -> Path:
    """Where shards go: ``given``, or beside the database; absolute, for the workers."""
    if given is not None and is_url(str(given)):
        raise ConfigError(f"--shard-dir {given}: give a directory on a filesystem that the "
                          "workers and this process share, not a URL")
    return Path(given or f"{store.path}.shards").resolve()


class _IngestRun:
    """One distributed ingest: scans in, kept documents out, shards in, one load."""

    def __init__(self, client: Any, settings: Settings, store: Store,
                 report: DistributedIngestReport, published: date | None,
                 progress: Progress | None, shard_dir: Path) -> None:
        self.client, self.settings, self.store, self.report = client, settings, store, report
        self.published, self.progress, self.shard_dir = published, progress, shard_dir
        self.tasks = _Tasks(client)
        self.partitions: list[Partition] = []
        self.scans: dict[int, Scan | str] = {}
        self.shards: dict[int, ShardInfo] = {}
        self.shard_names: dict[int, str] = {}
        self.next = 0
        self.seen = f"dotterel_run_{uuid.uuid4().hex[:12]}"
        self.schemas = table_schemas(store)

    def run(self, pieces: list[Any]) -> None:
        self.report.workers = _slots(self.client)
        target = partition_bytes(sum(p.size for p in pieces), self.report.workers)
        self.partitions = list(plan_partitions(pieces, target))
        self.report.partitions = len(self.partitions)
        for partition in self.partitions:
            self.tasks.submit(("scan", partition.index), scan_partition, partition,
                              self.settings, self.published)
        self.store.rows(f"CREATE TEMP TABLE {self.seen} (doc_id VARCHAR PRIMARY KEY)")
        try:
            for (stage, index), result, error in self.tasks:
                if stage == "scan":
                    self.scans[index] = error if error is not None else result
                    self._keep_in_order()
                else:
                    self._coded(index, result, error)
        finally:
            self.store.rows(f"DROP TABLE IF EXISTS {self.seen}")
        self._load()

    def _keep_in_order(self) -> None:
        """Handle scans in reading order, so the first of two equal documents is kept."""
        while self.next in self.scans:
            partition, scan = self.partitions[self.next], self.scans.pop(self.next)
            self.next += 1
            if isinstance(scan, str):
                self._failed(partition, scan)
                continue
            self.report.reading.read += scan.read
            for kind, source, problem, line in scan.errors:
                self.report.reading.record(kind(source, problem, line))
            keep = self._fresh(scan.ids)
            self.report.already_stored += len(scan.ids) - len(keep)
            if keep:
                name = self.shard_dir / _work_key(partition, keep, self.settings, self.published)
                self.shard_names[partition.index] = str(name)
                self.tasks.submit(("code", partition.index), code_partition, partition, keep,
                                  self.settings, self.published, str(name), self.schemas)

    def _fresh(self, ids: list[str]) -> list[str]:
        """The ids neither stored nor met earlier in this run, each once, in order."""
        if not ids:
            return []
        known = {row["doc_id"] for row in self.store.rows(
            f"SELECT doc_id FROM (SELECT unnest(?) AS doc_id) WHERE doc_id IN "
            f"(SELECT doc_id FROM documents) OR doc_id IN (SELECT doc_id FROM {self.seen})",
            [ids])}
        keep = []
        for doc_id in ids:
            if doc_id not in known:
                known.add(doc_id)
                keep.append(doc_id)
        if keep:
            self.store.rows(f"INSERT INTO {self.seen} SELECT unnest(?)", [keep])
        return keep

    def _coded(self, index: int, shard: ShardInfo | None, error: str | None) -> None:
        partition = self.partitions[index]
        if shard is None:
            self._failed(partition, error or "unknown error")
            return
        problem = _version_problem(shard, self.report.coder_version)
        if problem:
            self._failed(partition, problem)
            return
        self.report.coder_version = shard.coder_version
        self.shards[index] = shard
        self.report.coded += shard.documents
        self.report.found += shard.events
        logger.info("coded %s: %d documents, %d events on %s in %.1f s", partition,
                    shard.documents, shard.events, shard.worker, shard.seconds)
        if self.progress is not None:
            self.progress(self.report)

    def _failed(self, partition: Partition, error: str) -> None:
        failure = PartitionFailure(str(partition), error, tuple(map(str, partition.pieces)))
        logger.warning("%s", failure)
        self.report.failed.append(failure)

    def _load(self) -> None:
        ordered = [Path(self.shards[i].path) for i in sorted(self.shards)]
        if ordered:
            documents, events = load_shards(self.store, ordered)
            update_clusters(self.store, self.settings)  # deduplication, as after each batch
            kept = sum(self.shards[i].documents for i in self.shards)
            self.report.already_stored += kept - documents
            self.report.new, self.report.events, self.report.batches = documents, events, 1
            logger.info("loaded %d shards: %d documents, %d events", len(ordered), documents,
                        events)
            if self.progress is not None:
                self.progress(self.report)
        for name in self.shard_names.values():
            _remove_all(Path(name).parent, Path(name).name)
        with suppress(OSError):
            self.shard_dir.rmdir()  # only when empty


def _remove_all(directory: Path, prefix: str) -> None:
    """Remove the shards and files named ``prefix-…`` and what attempts at them left behind."""
    for path in [*directory.glob(f"{prefix}-*"), *directory.glob(f".{prefix}-*")]:
        if path.is_dir():
            remove_shard(path)
        else:
            path.unlink(missing_ok=True)


def _work_key(partition: Partition, keep: list[str], settings: Settings,
              published: date | None) -> str:
    """A name for a partition's shard that changes whenever what it would hold changes."""
    coding = sorted((k, repr(v)) for k, v in settings.items() if k not in _RUN_ONLY_SETTINGS)
    text = repr((partition.pieces, keep, published, coding))
    digest = hashlib.blake2b(text.encode(), digest_size=10).hexdigest()
    return f"part-{partition.index:05d}-{digest}"


def _version_problem(shard: ShardInfo, expected: str | None) -> str | None:
    if expected is None or shard.coder_version == expected:
        return None
    return (f"coded with coder {shard.coder_version} on {shard.worker}, but this run codes with "
            f"{expected}; install the same locked environment on every worker")


# --- recode --------------------------------------------------------------------------------


def recode_distributed(
    settings: Settings,
    store: Store,
    *,
    progress: Progress | None = None,
    client: Any = None,
    shard_dir: str | Path | None = None,
) -> DistributedRecodeReport:
    """``runner.recode`` on a Dask cluster: stored documents re-coded, events replaced."""
    started = time.perf_counter()
    report = DistributedRecodeReport()
    shards = _shard_dir(store, shard_dir)
    total = store.counts()["documents"]
    if total:
        with dask_client(settings, client) as dask:
            _RecodeRun(dask, settings, store, report, progress, shards, total).run()
    report.seconds = time.perf_counter() - started
    return report


class _RecodeRun:
    """Pages of stored documents out, a few at a time; re-coded shards in, one transaction each."""

    def __init__(self, client: Any, settings: Settings, store: Store,
                 report: DistributedRecodeReport, progress: Progress | None, shard_dir: Path,
                 total: int) -> None:
        self.client, self.settings, self.store, self.report = client, settings, store, report
        self.progress, self.shard_dir = progress, shard_dir
        self.report.workers = _slots(client)
        wanted = math.ceil(total / (self.report.workers * 4))
        self.size = min(RECODE_PAGE_MAX, max(int(settings.batch_size), wanted))
        self.run_id = uuid.uuid4().hex[:12]
        self.schemas = table_schemas(store)
        self.tasks = _Tasks(client)
        self.pages = self._pages()
        self.labels: dict[int, str] = {}

    def run(self) -> None:
        self.shard_dir.mkdir(parents=True, exist_ok=True)
        try:
            for _ in range(2 * self.report.workers):
                self._submit_next()
            for (_, index), shard, error in self.tasks:
                self._replace(index, shard, error)
                self._submit_next()
            if self.report.documents:
                update_clusters(self.store, self.settings)  # once: the result is the same
        finally:
            _remove_all(self.shard_dir, f"recode-{self.run_id}")
            with suppress(OSError):
                self.shard_dir.rmdir()

    def _pages(self) -> Iterator[tuple[int, Any]]:
        last, index = "", 0
        while True:
            table = self.store.query("SELECT * FROM documents WHERE doc_id > ? ORDER BY doc_id "
                                     "LIMIT ?", [last, self.size], as_="arrow")
            if table.num_rows == 0:
                return
            yield index, table
            last, index = table["doc_id"][-1].as_py(), index + 1

    def _submit_next(self) -> None:
        found = next(self.pages, None)
        if found is None:
            return
        index, table = found
        ids = table["doc_id"]
        self.labels[index] = (f"partition {index} ({table.num_rows} documents, "
                              f"{ids[0].as_py()} … {ids[-1].as_py()})")
        page = self.shard_dir / f"recode-{self.run_id}-{index:05d}.parquet"
        write_documents(table, page)
        self.report.partitions += 1
        self.tasks.submit(("recode", index), recode_partition, str(page), self.settings,
                          str(self.shard_dir / f"recode-{self.run_id}-{index:05d}"),
                          self.schemas)

    def _replace(self, index: int, shard: ShardInfo | None, error: str | None) -> None:
        problem = error if shard is None else _version_problem(shard, self.report.coder_version)
        if problem or shard is None:
            failure = PartitionFailure(self.labels[index], problem or "unknown error")
            logger.warning("%s", failure)
            self.report.failed.append(failure)
            return
        coded = read_coded(Path(shard.path))
        self.report.coder_version = shard.coder_version
        self.report.changes += self.store.replace_coded(coded, shard.coder_version)
        self.report.documents += len(coded)
        self.report.batches += 1
        remove_shard(Path(shard.path))
        logger.info("recoded %s on %s in %.1f s", self.labels[index], shard.worker, shard.seconds)
        if self.progress is not None:
            self.progress(self.report)


# --- benchmark -----------------------------------------------------------------------------


def bench_workers(corpus_dir: str | Path, workers: Iterable[int] = (1, 2), *,
                  rounds: int = 2, settings: Settings | None = None) -> dict[str, Any]:
    """Documents/s of a distributed ingest of ``corpus_dir`` with each number of workers.

    One local cluster per worker count is started and warmed up (every worker loads
    the pipeline) before any clock starts; then each round ingests the corpus into a
    new store once per cluster, in turn, so that the runs compared are close in time.
    A run is timed from planning to the shards loaded and clustered in the store;
    the best of ``rounds`` runs counts (background load only ever slows a run down).
    """
    settings = settings or load_settings(environ={}, cwd=Path(corpus_dir))
    counts = list(workers)
    best: dict[str, dict[str, Any]] = {}
    with ExitStack() as stack:
        clients = {n: stack.enter_context(dask_client(settings.replace(workers=n, scheduler="")))
                   for n in counts}
        for client in clients.values():
            warm_up(client, settings)
        for _ in range(max(1, rounds)):
            for n, client in clients.items():
                run = _timed_ingest(corpus_dir, settings, client)
                if run["docs_per_s"] > best.get(str(n), {}).get("docs_per_s", 0):
                    best[str(n)] = run
    rates = [best[str(n)]["docs_per_s"] for n in counts]
    return {"corpus": str(corpus_dir), "cpu_count": os.cpu_count(), "rounds": rounds,
            "runs": best, "speedup": rates[-1] / rates[0] if rates and rates[0] else None,
            "timed": "warm workers (cluster start-up and pipeline loading excluded), from "
                     "planning to the shards loaded and clustered in the store"}


def _timed_ingest(corpus_dir: str | Path, settings: Settings, client: Any) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        started = time.perf_counter()
        report = ingest_distributed([corpus_dir], settings, store, client=client)
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "documents": report.new, "events": report.events,
            "partitions": report.partitions, "workers": report.workers,
            "docs_per_s": report.new / seconds if seconds else 0.0,
            "load_average": os.getloadavg()[0]}  # other work on the machine slows a run
