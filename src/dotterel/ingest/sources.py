"""From paths to Documents: choosing a reader for each file, directory or stdin.

A reader is chosen by extension (``.txt``, ``.html``/``.htm``, ``.jsonl``/
``.ndjson``, ``.warc``, each optionally ``.gz``) and otherwise by sniffing the
first bytes (stdin, ``-``, is always sniffed; a gzip stream is sniffed inside).
Whole-file formats (text, HTML) are checked against ``max_bytes`` before they
are read; stream formats (JSONL, WARC) per line or record.

Readers yield Documents and, for a bad line or record, the InputError as a value;
an InputError they raise ends that input.  Either way it lands in the report.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import BinaryInputError, EmptyInputError, InputError, MissingInputError
from ..records import Document
from .document import ReadOptions
from .htmlpage import read_html
from .jsonl import read_jsonl
from .plaintext import read_plain
from .sniff import sniff_format
from .streams import (
    gunzip,
    gunzip_head,
    open_binary,
    read_head,
    replay,
    stdin_stream,
    too_large,
)
from .walk import iter_files
from .warc import read_warc

__all__ = ["STDIN", "Kind", "format_for_name", "read_path", "read_stdin", "read_stream", "sources"]

logger = logging.getLogger("dotterel.ingest")

STDIN = "-"
Item = Document | InputError
Reader = Callable[[BinaryIO, str, ReadOptions], Iterator[Item]]

READERS: dict[str, Reader] = {
    "text": read_plain,
    "html": read_html,
    "jsonl": read_jsonl,
    "warc": read_warc,
}
WHOLE_FILE = frozenset({"text", "html"})
_EXTENSIONS = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".warc": "warc",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Kind:
    """A format, and whether its bytes still need gunzipping."""

    format: str
    gzipped: bool = False


def format_for_name(name: str) -> Kind | None:
    """The Kind a file name promises (``a.jsonl.gz`` → jsonl, gzipped), or None."""
    lower = name.lower()
    gzipped = lower.endswith(".gz")
    stem = lower.removesuffix(".gz")
    found = _EXTENSIONS.get(os.path.splitext(stem)[1])
    return Kind(found, gzipped) if found else None


def sources(
    paths: Iterable[str | Path],
    options: ReadOptions,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
) -> Iterator[Item]:
    """Documents and InputErrors of every path in turn; nothing else escapes."""
    include, exclude = tuple(include), tuple(exclude)
    for raw in paths:
        if str(raw) == STDIN:
            yield from _guarded("<stdin>", read_stdin(options))
        elif str(raw) == "":
            yield MissingInputError("''", "an empty path; check the command line")
        elif _is_dir(Path(raw)):
            yield from _directory(Path(raw), options, include, exclude)
        else:
            yield from _guarded(str(raw), read_path(Path(raw), options))


def _directory(
    root: Path, options: ReadOptions, include: tuple[str, ...], exclude: tuple[str, ...]
) -> Iterator[Item]:
    for found in iter_files(root, include, exclude):
        if isinstance(found, InputError):
            yield found
        else:
            yield from _guarded(str(found), read_path(found, options))


def _guarded(source: str, items: Iterator[Item]) -> Iterator[Item]:
    """Turn what a reader raises into a recorded InputError, so the batch goes on.

    Readers convert every failure they expect; anything else is a dotterel bug,
    logged with its traceback, and still only costs this one input.
    """
    try:
        yield from items
    except InputError as error:
        yield error
    except Exception as exc:  # noqa: BLE001 - last line of defence for the batch
        logger.exception("unexpected error while reading %s", source)
        yield InputError(source, f"unexpected {type(exc).__name__} ({exc}); please report this bug")


def read_path(path: Path, options: ReadOptions) -> Iterator[Item]:
    """Every Document (or InputError) of one file."""
    source = str(path)
    with open_binary(path) as stream:
        yield from read_stream(stream, source, options, format_for_name(path.name), _size(stream))


def _size(stream: BinaryIO) -> int | None:
    """The size of a regular file; None for pipes and devices, whose size means nothing."""
    try:
        info = os.fstat(stream.fileno())
    except (OSError, ValueError):
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def read_stdin(options: ReadOptions) -> Iterator[Item]:
    """Every Document (or InputError) of standard input, whose format is sniffed."""
    yield from read_stream(stdin_stream(), "<stdin>", options)


def read_stream(
    stream: BinaryIO,
    source: str,
    options: ReadOptions,
    kind: Kind | None = None,
    size: int | None = None,
) -> Iterator[Item]:
    """Every Document (or InputError) of ``stream``, in the format ``kind`` or a sniffed one."""
    if size == 0:
        raise EmptyInputError(source, "the file is empty")
    if kind is None:
        kind, stream = _sniff(stream, source)
    if kind.gzipped and kind.format != "warc":  # warcio reads record-gzipped WARC itself
        stream, size = gunzip(stream), None
    if kind.format in WHOLE_FILE and size is not None and size > options.max_bytes:
        raise too_large(source, options.max_bytes)
    yield from READERS[kind.format](stream, source, options)


def _sniff(stream: BinaryIO, source: str) -> tuple[Kind, BinaryIO]:
    """The Kind of ``stream`` from its first bytes (looking inside gzip), and the stream."""
    head = read_head(stream, source)
    if not head:
        raise EmptyInputError(source, "the input is empty")
    stream = replay(head, stream)
    found = sniff_format(head)
    if found != "gzip":
        return Kind(found), stream
    inner = sniff_format(gunzip_head(head, source))
    if inner == "gzip":
        raise BinaryInputError(source, "gzip data inside gzip data; decompress it first")
    return Kind(inner, gzipped=True), stream
