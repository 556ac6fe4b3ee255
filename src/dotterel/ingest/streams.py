"""Byte streams for the readers: files, stdin, gzip, capped reads and capped lines.

Every failure to get bytes becomes an :class:`~dotterel.errors.InputError` here,
so readers deal with content only.  Nothing reads more than it must: a whole-file
read stops one byte past ``max_bytes``, and lines are read at most ``max_bytes``
at a time, so memory stays flat however large a JSONL file or archive is.
"""

from __future__ import annotations

import gzip
import io
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import MalformedInputError, MissingInputError, TooLargeInputError

__all__ = [
    "CHUNK_BYTES",
    "SNIFF_BYTES",
    "STREAM_ERRORS",
    "broken",
    "describe",
    "gunzip",
    "gunzip_head",
    "limited_lines",
    "open_binary",
    "peek",
    "read_head",
    "read_limited",
    "replay",
    "stdin_stream",
    "too_large",
]

SNIFF_BYTES = 8192
CHUNK_BYTES = 1 << 16
# What reading a file, a pipe or a gzip stream raises when the bytes are bad.
STREAM_ERRORS = (OSError, EOFError, zlib.error)


def describe(exc: BaseException, limit: int = 160) -> str:
    """One line naming an exception, short enough for a log line."""
    text = " ".join(f"{type(exc).__name__}: {exc}".split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def too_large(source: str, limit: int, line: int | None = None) -> TooLargeInputError:
    return TooLargeInputError(
        source, f"larger than max_bytes ({limit:,} bytes); raise max_bytes to read it", line
    )


def broken(source: str, exc: BaseException, line: int | None = None) -> MalformedInputError:
    return MalformedInputError(
        source, f"the data is truncated or corrupt ({describe(exc)}); check it is complete", line
    )


def open_binary(path: Path) -> BinaryIO:
    """Open ``path`` for reading bytes; a missing or unreadable path is an InputError."""
    try:
        return open(path, "rb")  # noqa: SIM115 - the caller owns and closes it
    except FileNotFoundError:
        raise MissingInputError(path, "no such file or directory; check the path") from None
    except PermissionError:
        raise MissingInputError(path, "permission denied; check the file's permissions") from None
    except ValueError:  # a NUL byte in the path
        raise MissingInputError(path, "not a valid path") from None
    except OSError as exc:
        raise MissingInputError(path, f"cannot be opened ({exc.strerror or exc})") from None


def stdin_stream() -> BinaryIO:
    """The bytes of standard input (a text-only replacement is encoded as UTF-8)."""
    stdin = sys.stdin
    if stdin is None:
        raise MissingInputError("<stdin>", "there is no standard input to read")
    buffer = getattr(stdin, "buffer", None)
    if buffer is not None:
        return buffer
    return io.BytesIO(stdin.read().encode("utf-8", "surrogatepass"))


def gunzip_head(head: bytes, source: str, size: int = SNIFF_BYTES) -> bytes:
    """The first decompressed bytes of gzip data whose first bytes are ``head``."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, size)
    except zlib.error as exc:
        raise broken(source, exc) from None


def gunzip(stream: BinaryIO) -> BinaryIO:
    """Decompress lazily; errors surface on read as one of STREAM_ERRORS."""
    return gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[return-value]


class _Replay(io.RawIOBase):
    """A raw stream that gives back ``head`` first, then reads on from ``rest``."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def replay(head: bytes, rest: BinaryIO) -> BinaryIO:
    """Put ``head`` (already read for sniffing) back in front of ``rest``."""
    return io.BufferedReader(_Replay(head, rest), CHUNK_BYTES)


class _Failing(io.RawIOBase):
    """A stream whose next read raises the error that cut the original short."""

    def __init__(self, error: BaseException) -> None:
        self._error = error

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        raise self._error


def peek(stream: BinaryIO, size: int = SNIFF_BYTES) -> tuple[bytes, BinaryIO]:
    """The first bytes of ``stream``, and a stream that still starts with them.

    A read error met while peeking is raised again only when the returned
    stream reaches the point where it happened, so what came before is kept.
    """
    read = getattr(stream, "read1", stream.read)  # read1 hands over each block as it comes
    chunks: list[bytes] = []
    total = 0
    try:
        while total < size:
            chunk = read(size - total)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except STREAM_ERRORS as exc:
        return b"".join(chunks), replay(b"".join(chunks), _Failing(exc))  # type: ignore[arg-type]
    head = b"".join(chunks)
    return head, replay(head, stream)


def read_head(stream: BinaryIO, source: str, size: int = SNIFF_BYTES) -> bytes:
    """Up to ``size`` bytes from the start of ``stream``, for sniffing."""
    try:
        return _read_upto(stream, size)
    except STREAM_ERRORS as exc:
        raise broken(source, exc) from None


def read_limited(stream: BinaryIO, limit: int, source: str, line: int | None = None) -> bytes:
    """All of ``stream``, or TooLargeInputError as soon as it passes ``limit`` bytes."""
    try:
        data = _read_upto(stream, limit + 1)
    except STREAM_ERRORS as exc:
        raise broken(source, exc, line) from None
    if len(data) > limit:
        raise too_large(source, limit, line)
    return data


def _read_upto(stream: BinaryIO, size: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while total < size:
        chunk = stream.read(min(CHUNK_BYTES, size - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def limited_lines(stream: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """Each line of ``stream``; ``None`` stands for a line longer than ``limit`` bytes.

    The rest of an over-long line is skipped in chunks, never held in memory.
    Read errors propagate as one of STREAM_ERRORS for the caller to place.
    """
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            _skip_line(stream)
            yield None
        else:
            yield line


def _skip_line(stream: BinaryIO) -> None:
    while True:
        part = stream.readline(CHUNK_BYTES)
        if not part or part.endswith(b"\n"):
            return
