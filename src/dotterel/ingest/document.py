"""Assembling a Document from an article's raw text and what is known about it.

Every reader ends here, so every Document is built the same way: the text is
cleaned and normalised, its ``doc_id`` is the hash of that text (metadata never
changes it), and the publication date is chosen by priority:

1. the date the caller gave (``--published``)            → basis ``"cli"``
2. the record's own metadata (JSONL field, HTML meta,
   WARC-Date)                                            → basis ``"metadata"``
3. a date in the text header: a ``Date:`` line, a first
   line that is a date, or a wire dateline               → basis ``"header"``
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import EmptyInputError, InputError
from ..records import Document, make_doc_id
from ..textnorm import normalise_text
from .clean import clean_text, scrub_surrogates
from .meta import Meta, find_dateline, take_date_line

__all__ = ["Origin", "ReadOptions", "make_document"]


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What the readers need from the settings, plus the caller's publication date."""

    max_bytes: int = 20_000_000
    published: date | None = None
    text_field: tuple[str, ...] = ("text", "body", "content")
    title_field: tuple[str, ...] = ("title", "headline")
    url_field: tuple[str, ...] = ("url", "link", "source_url")
    date_field: tuple[str, ...] = ("date", "published", "publication_date")
    publisher_field: tuple[str, ...] = ("publisher", "source", "outlet")

    @classmethod
    def from_settings(cls, settings: Any, published: date | None = None) -> ReadOptions:
        return cls(
            max_bytes=int(settings["max_bytes"]),
            published=published,
            **{name: tuple(settings[name]) for name in _FIELD_SETTINGS},
        )


_FIELD_SETTINGS = ("text_field", "title_field", "url_field", "date_field", "publisher_field")


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an article came from: the file (or ``<stdin>``) and its line or record."""

    source: str
    line: int | None = None


def make_document(
    text: str,
    origin: Origin,
    options: ReadOptions,
    *,
    meta: Meta = Meta(),  # noqa: B008 - Meta is frozen
    header: Meta = Meta(),  # noqa: B008
    empty: type[InputError] = EmptyInputError,
) -> Document:
    """Clean ``text`` and build its Document; ``empty`` is raised when no text is left."""
    title = tidy_field(meta.title or header.title)
    body = clean_text(text, title=title)
    line_date, body = take_date_line(body)
    if not body:
        raise empty(origin.source, "no article text left after removing boilerplate", origin.line)
    published, basis = _published(options.published, meta.date, header.date or line_date, body)
    return Document(
        doc_id=make_doc_id(body),
        text=body,
        url=tidy_field(meta.url or header.url),
        title=title,
        publisher=tidy_field(meta.publisher or header.publisher),
        published=published,
        published_basis=basis,
        source_path=origin.source,
        source_line=origin.line,
    )


def _published(
    given: date | None, metadata: date | None, header: date | None, body: str
) -> tuple[date | None, str | None]:
    if given is not None:
        return given, "cli"
    if metadata is not None:
        return metadata, "metadata"
    found = header or find_dateline(body)
    return (found, "header") if found is not None else (None, None)


def tidy_field(value: str | None) -> str | None:
    """A metadata string on one normalised line, or None when nothing is left."""
    if not value:
        return None
    tidy = " ".join(normalise_text(scrub_surrogates(value)).split())
    return tidy or None
