"""Ingest: files, directories, JSONL, HTML, WARC and stdin in, Documents out.

``read_sources`` streams Documents from any mix of paths; every problem with an
input becomes an :class:`~dotterel.errors.InputError` counted in a
:class:`ReadReport` while the batch goes on.  ``read_text`` builds one Document
from a string (the Python API's entry point).

Modules, one job each: ``sources`` (choosing a reader), ``walk`` (directories),
``streams`` (bytes, gzip, stdin, size caps), ``sniff`` (binary detection,
decoding, format sniffing), ``plaintext``, ``htmlpage``, ``jsonl``, ``warc`` (the
readers), ``meta`` (dates and headers), ``clean`` (boilerplate removal),
``document`` (building the Document), ``report`` (the tally).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from ..records import Document
from ..settings import Settings
from .document import Origin, ReadOptions
from .meta import Meta, as_date
from .plaintext import text_document
from .report import ReadReport
from .sources import sources

__all__ = ["ReadReport", "read_sources", "read_text"]


def read_sources(
    paths: Iterable[str | Path],
    settings: Settings,
    *,
    published: date | None = None,
    report: ReadReport | None = None,
) -> Iterator[Document]:
    """Stream the Documents of files, directories and ``-`` (stdin), in order.

    Inputs that cannot be read are skipped and recorded in ``report`` (pass one
    to see them); nothing but Documents comes out, and memory does not grow with
    the number of documents.  ``published`` (``--published``) overrides every
    document's own date.
    """
    report = ReadReport() if report is None else report
    options = ReadOptions.from_settings(settings, as_date(published))
    if isinstance(paths, str | Path):
        paths = [paths]
    for item in sources(paths, options, settings["include"], settings["exclude"]):
        if isinstance(item, Document):
            report.read += 1
            yield item
        else:
            report.record(item)


def read_text(
    text: str,
    *,
    published: date | None = None,
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    source: str = "<text>",
) -> Document:
    """One Document from article text (a header block or date line in it is understood).

    Raises :class:`~dotterel.errors.EmptyInputError` when no text is left.
    """
    options = ReadOptions(published=as_date(published))
    meta = Meta(title=title, url=url, publisher=publisher)
    return text_document(text, Origin(source), options, meta)
