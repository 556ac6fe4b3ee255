"""Plain-text articles: one file (or stdin, or a string) is one article.

A leading block of ``Key: value`` lines ended by a blank line (Title, Date, URL,
Publisher/Source, Author) or a first line that is only a date is read as the
article's header and taken off the text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from ..records import Document
from ..textnorm import normalise_text
from .clean import scrub_surrogates
from .document import Origin, ReadOptions, make_document
from .meta import Meta, split_header
from .sniff import decode_bytes
from .streams import read_limited

__all__ = ["read_plain", "text_document"]


def read_plain(stream: BinaryIO, source: str, options: ReadOptions) -> Iterator[Document]:
    """The one article of a plain-text stream."""
    data = read_limited(stream, options.max_bytes, source)
    yield text_document(decode_bytes(data, source), Origin(source), options)


def text_document(
    text: str,
    origin: Origin,
    options: ReadOptions,
    meta: Meta = Meta(),  # noqa: B008 - Meta is frozen
) -> Document:
    """A Document from article text that may open with a header; ``meta`` wins over it."""
    header, body = split_header(normalise_text(scrub_surrogates(text)))
    return make_document(body, origin, options, meta=meta, header=header)
