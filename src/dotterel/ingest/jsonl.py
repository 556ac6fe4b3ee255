"""JSON Lines: one article per line, as a JSON object.

Field names come from the settings (``text_field``, ``title_field``, …), each a
list of candidates of which the first present wins.  A bad line (not JSON, not
an object, no text, too long) is reported with its line number and the file
goes on; a truncated gzip stream ends the file where it broke, keeping the
articles before it.  Blank lines are skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..errors import EmptyInputError, InputError, MalformedInputError
from ..records import Document
from .document import Origin, ReadOptions, make_document
from .meta import Meta, parse_date
from .sniff import check_binary
from .streams import STREAM_ERRORS, broken, limited_lines, peek, too_large

__all__ = ["read_jsonl"]


def read_jsonl(
    stream: BinaryIO, source: str, options: ReadOptions
) -> Iterator[Document | InputError]:
    """Each article of a JSONL stream, or the InputError of each bad line."""
    head, stream = peek(stream)
    check_binary(head, source, controls=False)  # one error for a binary file, not one per line
    number = lines = 0
    try:
        for number, raw in enumerate(limited_lines(stream, options.max_bytes), start=1):
            if raw is not None and not raw.strip():
                continue
            lines += 1
            yield _line_item(raw, Origin(source, number), options)
    except STREAM_ERRORS as exc:
        raise broken(source, exc, number + 1) from None
    if not lines:
        raise EmptyInputError(source, "no JSON lines in the input")


def _line_item(raw: bytes | None, origin: Origin, options: ReadOptions) -> Document | InputError:
    if raw is None:
        return too_large(origin.source, options.max_bytes, origin.line)
    try:
        return line_document(raw, origin, options)
    except InputError as error:
        return error


def line_document(raw: bytes, origin: Origin, options: ReadOptions) -> Document:
    """The Document of one JSON line."""
    record = _parse(raw, origin)
    meta = Meta(
        title=_string_field(record, options.title_field),
        url=_string_field(record, options.url_field),
        publisher=_string_field(record, options.publisher_field),
        date=parse_date(_string_field(record, options.date_field) or ""),
    )
    return make_document(_text(record, origin, options.text_field), origin, options, meta=meta)


def _parse(raw: bytes, origin: Origin) -> dict[str, Any]:
    try:
        record = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        problem = f"not valid JSON ({_first_line(exc)}); each line must hold one JSON object"
        raise MalformedInputError(origin.source, problem, origin.line) from None
    if not isinstance(record, dict):
        raise MalformedInputError(
            origin.source, f"a JSON {type(record).__name__}, not an object", origin.line
        )
    return record


def _first_line(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]


def _text(record: dict[str, Any], origin: Origin, names: tuple[str, ...]) -> str:
    for name in names:
        value = record.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            problem = f"field {name!r} holds a JSON {type(value).__name__}, not a string"
            raise MalformedInputError(origin.source, problem, origin.line)
        return value
    problem = f"no text field (looked for {', '.join(names)}; set text_field to match)"
    raise MalformedInputError(origin.source, problem, origin.line)


def _string_field(record: dict[str, Any], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return value
    return None
