"""WARC archives (plain or record-gzipped), read with warcio.

Every ``response`` record with a 2xx status and an HTML content type becomes a
Document through the HTML path, with ``url`` = WARC-Target-URI and the
WARC-Date as a fallback publication date.  Other records are passed over.

warcio does not complain about a truncated archive: it hands back a short last
record.  So each record is read to its end and checked against its declared
length; a short or unreadable record ends the archive with a MalformedInputError
naming its number, and the Documents of the records before it are kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from ..errors import InputError, MalformedInputError, NoTextInputError
from ..records import Document
from .document import Origin, ReadOptions
from .htmlpage import html_document
from .meta import parse_date
from .sniff import decode_bytes
from .streams import CHUNK_BYTES, describe, too_large

__all__ = ["read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(
    stream: BinaryIO, source: str, options: ReadOptions
) -> Iterator[Document | InputError]:
    """Each HTML article of a WARC stream, or the InputError of each bad record."""
    number = pages = 0
    for number, record in _records(stream, source):
        origin = Origin(source, number)
        _check_length(record, origin)
        if not _is_html_response(record):
            _read_to_end(record, origin)
            continue
        pages += 1
        payload = _payload(record, origin, options.max_bytes)
        _read_to_end(record, origin)
        if isinstance(payload, InputError):
            yield payload
        else:
            yield _page_item(payload, record, origin, options)
    if not number:
        raise MalformedInputError(source, "no WARC records (empty, truncated or not a WARC file)")
    if not pages:
        raise NoTextInputError(source, "no HTML response records in the archive")


def _records(stream: BinaryIO, source: str) -> Iterator[tuple[int, Any]]:
    """Number and record of each WARC record; any parse failure ends the archive."""
    from warcio.archiveiterator import ArchiveIterator  # imported on first use

    number = 1
    try:
        iterator = ArchiveIterator(stream)
        for record in iterator:
            yield number, record
            number += 1
        leftover = _leftover(iterator)
    except Exception as exc:  # noqa: BLE001 - any warcio failure on untrusted bytes
        raise _broken(source, number, exc) from None
    if leftover:
        raise MalformedInputError(
            source,
            f"the archive ends inside record {number}; the records before it were kept",
            number,
        )


def _leftover(iterator: Any) -> int:
    """Bytes after the last whole record: warcio ends quietly inside a cut-off header."""
    while iterator.fh.read(CHUNK_BYTES):
        pass
    return int(iterator.fh.tell() - iterator.offset)


def _broken(source: str, number: int, exc: BaseException) -> MalformedInputError:
    problem = describe(exc)
    if "non-chunked gzip" in problem:
        problem = "gzipped as one stream; warcio needs one gzip member per record"
    return MalformedInputError(
        source, f"record {number} cannot be read ({problem}); the records before it were kept",
        number,
    )


def _check_length(record: Any, origin: Origin) -> None:
    """A WARC record must declare its length; without one its header block was cut short.

    warcio also reads old ARC files, and takes many a line of plain text for an
    ARC header; dotterel reads WARC only, so any other record ends the archive.
    """
    length = (record.rec_headers.get_header("Content-Length") or "").strip()
    if record.format != "warc" or not length.isdigit():
        raise MalformedInputError(
            origin.source,
            f"record {origin.line} is not a whole WARC record (no WARC header or Content-Length: "
            "a truncated, corrupt or non-WARC file); the records before it were kept",
            origin.line,
        )


def _is_html_response(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return status.startswith("2") and content_type.startswith(_HTML_TYPES)


def _payload(record: Any, origin: Origin, limit: int) -> bytes | InputError:
    """The (de-chunked, decompressed) body of ``record``, or why it cannot be used."""
    try:
        data = record.content_stream().read(limit + 1)
    except Exception as exc:  # noqa: BLE001 - bad chunking or Content-Encoding
        return MalformedInputError(
            origin.source, f"the record's body cannot be decoded ({describe(exc)})", origin.line
        )
    return too_large(origin.source, limit, origin.line) if len(data) > limit else data


def _read_to_end(record: Any, origin: Origin) -> None:
    """Read what is left of ``record``; raise if the archive ends inside it."""
    raw = record.raw_stream
    try:
        while raw.read(CHUNK_BYTES):
            pass
    except Exception as exc:  # noqa: BLE001 - a corrupt gzip member, a failing disk
        raise _broken(origin.source, origin.line or 0, exc) from None
    if getattr(raw, "limit", 0) > 0:
        raise MalformedInputError(
            origin.source,
            f"the archive ends inside record {origin.line}; the records before it were kept",
            origin.line,
        )


def _page_item(
    data: bytes, record: Any, origin: Origin, options: ReadOptions
) -> Document | InputError:
    headers = record.rec_headers
    try:
        html = decode_bytes(data, origin.source, declared=_charset(record), line=origin.line)
        return html_document(
            html,
            origin,
            options,
            url=headers.get_header("WARC-Target-URI"),
            fallback_date=parse_date(headers.get_header("WARC-Date") or ""),
        )
    except InputError as error:
        return error


def _charset(record: Any) -> str | None:
    content_type = record.http_headers.get_header("Content-Type") or ""
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset":
            return value.strip() or None
    return None
