"""Partitions of a corpus for Dask workers: path lists and byte ranges, never Documents.

The driver *plans*: ``list_pieces`` expands the command line's paths into files
(directories are walked exactly as ``read_sources`` walks them; ``s3://…`` and
other fsspec URLs are listed with fsspec) and ``plan_partitions`` cuts them into
a few large partitions of consecutive files, in reading order.  An uncompressed
JSONL file larger than a partition is split into byte ranges, each owning the
lines that *start* inside it.  The driver never opens a document.

A worker *reads*: ``read_partition`` streams the Documents of one partition with
the same readers as a one-process run, so a document's ``doc_id``, text,
metadata and ``source_line`` do not depend on how the corpus was cut.  A path
that the driver listed but a worker cannot find raises ``DistributedError``
naming the path and the worker: the workers need the paths too (a shared
filesystem, or an fsspec URL).
"""

from __future__ import annotations

import io
import math
import os
import socket
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from .errors import (
    ConfigError,
    DistributedError,
    EmptyInputError,
    InputError,
    MissingInputError,
)
from .ingest import ReadReport, read_sources
from .ingest.document import ReadOptions
from .ingest.jsonl import read_jsonl
from .ingest.meta import as_date
from .ingest.sniff import binary_kind
from .ingest.sources import STDIN, Kind, format_for_name, read_stream
from .ingest.walk import iter_files, matches
from .records import Document
from .settings import Settings

__all__ = [
    "Partition",
    "Piece",
    "is_url",
    "list_pieces",
    "partition_bytes",
    "plan_partitions",
    "read_partition",
]

MIN_PARTITION_BYTES = 32 * 1024
MAX_PARTITION_BYTES = 32 * 1024 * 1024
PARTITIONS_PER_WORKER = 8  # enough for an even finish, few enough that Dask's overhead is nil
_SCAN_BYTES = 1 << 20
_SPLITTABLE = Kind("jsonl", gzipped=False)


@dataclass(frozen=True, slots=True)
class Piece:
    """One file, or the byte range ``[start, stop)`` of an uncompressed JSONL file."""

    path: str  # a local path as given (or found in a directory), or an fsspec URL
    size: int
    start: int = 0
    stop: int | None = None  # None: the whole file

    @property
    def name(self) -> str:
        return PurePosixPath(self.path.rstrip("/")).name or self.path

    def __str__(self) -> str:
        return self.path if self.stop is None else f"{self.path} (bytes {self.start}-{self.stop})"


@dataclass(frozen=True, slots=True)
class Partition:
    """Consecutive pieces of the corpus, coded by one task; ``index`` is its reading order."""

    index: int
    pieces: tuple[Piece, ...]

    @property
    def bytes(self) -> int:
        return sum((p.stop if p.stop is not None else p.size) - p.start for p in self.pieces)

    def __str__(self) -> str:
        first, last = self.pieces[0], self.pieces[-1]
        if len(self.pieces) == 1:
            return f"partition {self.index} ({first})"
        return f"partition {self.index} ({len(self.pieces)} inputs: {first} … {last})"


def is_url(path: str) -> bool:
    """Whether ``path`` is an fsspec URL (``s3://bucket/key``, ``file:///data``)."""
    return "://" in path


# --- planning (the driver) -----------------------------------------------------------------


def list_pieces(paths: Iterable[str | Path], settings: Settings,
                report: ReadReport) -> Iterator[Piece]:
    """The files under ``paths`` in reading order; what cannot be listed goes to ``report``."""
    include, exclude = tuple(settings["include"]), tuple(settings["exclude"])
    for raw in [paths] if isinstance(paths, str | Path) else paths:
        text = str(raw)
        if text == STDIN:
            raise ConfigError("- (standard input) cannot be shared with Dask workers; save it "
                              "to a file every worker can read, or run without --workers")
        if is_url(text):
            yield from _remote_pieces(text, include, exclude, report)
        elif text and _is_dir(Path(text)):
            yield from _local_directory(Path(text), include, exclude, report)
        elif text and os.path.lexists(text):
            yield Piece(text, _size(text))
        else:  # missing or not a path at all: the one-process reader words the problem
            for _ in read_sources([raw], settings, report=report):
                pass


def _local_directory(root: Path, include: tuple[str, ...], exclude: tuple[str, ...],
                     report: ReadReport) -> Iterator[Piece]:
    for found in iter_files(root, include, exclude):
        if isinstance(found, InputError):
            report.record(found)
        else:
            yield Piece(str(found), _size(str(found)))


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def _remote_pieces(url: str, include: tuple[str, ...], exclude: tuple[str, ...],
                   report: ReadReport) -> Iterator[Piece]:
    """The files of an fsspec URL: a file, or a prefix listed recursively in name order."""
    fs, root = _filesystem(url)
    if not fs.exists(root):
        report.record(InputError(url, "no such file or directory; check the URL"))
        return
    if not fs.isdir(root):
        yield Piece(url, int(fs.size(root) or 0))
        return
    for path, info in sorted(fs.find(root, detail=True).items()):
        relative = path[len(root.rstrip("/")) + 1:]
        if any(part.startswith(".") for part in relative.split("/")):
            continue
        if (not include or matches(relative, include)) and not matches(relative, exclude):
            yield Piece(fs.unstrip_protocol(path), int(info.get("size") or 0))


def _filesystem(url: str) -> tuple[Any, str]:
    import fsspec

    try:
        return fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as exc:
        raise ConfigError(f"{url}: cannot open this URL ({exc}); install the fsspec backend "
                          "for its protocol on the driver and every worker") from None


def partition_bytes(total: int, workers: int) -> int:
    """Bytes per partition: about PARTITIONS_PER_WORKER partitions per worker, within bounds."""
    wanted = math.ceil(total / max(1, workers * PARTITIONS_PER_WORKER))
    return min(MAX_PARTITION_BYTES, max(MIN_PARTITION_BYTES, wanted))


def plan_partitions(pieces: Iterable[Piece], target: int) -> Iterator[Partition]:
    """Group consecutive pieces into partitions of about ``target`` bytes, splitting big JSONL."""
    group: list[Piece] = []
    size = index = 0
    for whole in pieces:
        for piece in _split(whole, target):
            group.append(piece)
            size += (piece.stop if piece.stop is not None else piece.size) - piece.start
            if size >= target:
                yield Partition(index, tuple(group))
                group, size, index = [], 0, index + 1
    if group:
        yield Partition(index, tuple(group))


def _split(piece: Piece, target: int) -> list[Piece]:
    """Byte ranges of an uncompressed JSONL file larger than ``target``; else the piece."""
    if piece.stop is not None or piece.size <= target or \
            format_for_name(piece.name) != _SPLITTABLE:
        return [piece]
    if binary_kind(_head(piece.path), controls=False):  # one error for the file, as in one run
        return [piece]
    return [Piece(piece.path, piece.size, start, min(start + target, piece.size))
            for start in range(0, piece.size, target)]


def _head(path: str, size: int = 8192) -> bytes:
    try:
        with _open(path) as stream:
            return stream.read(size)
    except OSError:
        return b""


# --- reading (a worker) --------------------------------------------------------------------


def read_partition(partition: Partition, settings: Settings, published: date | None,
                   report: ReadReport) -> Iterator[Document]:
    """The Documents of ``partition`` in order, read as a one-process run reads them."""
    options = ReadOptions.from_settings(settings, as_date(published))
    for piece in partition.pieces:
        _check_readable(piece)
        if piece.stop is None and not is_url(piece.path):
            yield from read_sources([piece.path], settings, published=published, report=report)
        else:
            yield from _counted(_read_piece(piece, options), report)


def _check_readable(piece: Piece) -> None:
    exists = _filesystem(piece.path)[0].exists(piece.path) if is_url(piece.path) else \
        os.path.lexists(piece.path)
    if not exists:
        relative = "" if is_url(piece.path) or os.path.isabs(piece.path) else \
            f" in its directory {os.getcwd()} (give absolute paths)"
        raise DistributedError(
            f"{piece.path}: not found by worker {_worker_name()}{relative}; every worker must be "
            "able to read the inputs (a shared filesystem mounted at the same path, or an fsspec "
            "URL)")


def _worker_name() -> str:
    try:
        from distributed import get_worker

        return f"{get_worker().address} on {socket.gethostname()}"
    except (ImportError, ValueError):
        return f"pid {os.getpid()} on {socket.gethostname()}"


def _counted(items: Iterator[Document | InputError], report: ReadReport) -> Iterator[Document]:
    try:
        for item in items:
            if isinstance(item, Document):
                report.read += 1
                yield item
            else:
                report.record(item)
    except InputError as error:
        report.record(error)


def _read_piece(piece: Piece, options: ReadOptions) -> Iterator[Document | InputError]:
    try:
        opened = _open(piece.path)
    except OSError as exc:
        raise MissingInputError(piece.path, f"cannot be opened ({exc})") from None
    with opened as stream:
        if piece.stop is None:
            yield from read_stream(stream, piece.path, options, format_for_name(piece.name),
                                   piece.size or None)
        else:
            yield from _read_range(stream, piece, options)


def _open(path: str) -> BinaryIO:
    if not is_url(path):
        return open(path, "rb")  # noqa: SIM115 - the caller closes it
    import fsspec

    return fsspec.open(path, "rb").open()


def _read_range(stream: BinaryIO, piece: Piece, options: ReadOptions
                ) -> Iterator[Document | InputError]:
    """The JSONL lines starting in ``[start, stop)``, numbered as in the whole file."""
    assert piece.stop is not None
    lines_before, begin = _line_start(stream, piece.start)
    if begin >= piece.stop:
        return
    stream.seek(begin)
    lines = io.BufferedReader(_LineRange(stream, piece.stop - begin))
    try:
        for item in read_jsonl(lines, piece.path, options):
            yield _renumbered(item, lines_before)
    except EmptyInputError:  # only blank lines in this range
        return
    except InputError as error:
        yield _renumbered(error, lines_before)


def _line_start(stream: BinaryIO, start: int) -> tuple[int, int]:
    """Lines before the first line starting at or after ``start``, and that line's offset."""
    if start == 0:
        return 0, 0
    stream.seek(0)
    newlines = position = 0
    while position < start - 1:  # count whole lines before the range in large reads
        chunk = stream.read(min(_SCAN_BYTES, start - 1 - position))
        if not chunk:
            return newlines, position
        newlines += chunk.count(b"\n")
        position += len(chunk)
    while True:  # the line holding byte start-1 ends the lines of the previous range
        chunk = stream.read(_SCAN_BYTES)
        if not chunk:
            return newlines, position
        found = chunk.find(b"\n")
        if found >= 0:
            return newlines + 1, position + found + 1
        position += len(chunk)


class _LineRange(io.RawIOBase):
    """Whole lines of ``stream`` from where it stands, until a line would start past ``limit``."""

    def __init__(self, stream: BinaryIO, limit: int) -> None:
        self._stream, self._left = stream, limit
        self._pending = b""
        self._in_line = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not self._pending and (self._left > 0 or self._in_line):
            self._pending = self._stream.readline(len(buffer))
            self._left -= len(self._pending)
            self._in_line = bool(self._pending) and not self._pending.endswith(b"\n")
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


def _renumbered(item: Document | InputError, lines_before: int) -> Document | InputError:
    if isinstance(item, Document):
        line = None if item.source_line is None else item.source_line + lines_before
        return replace(item, source_line=line)
    line = None if item.line is None else item.line + lines_before
    return type(item)(item.source, item.problem, line)
