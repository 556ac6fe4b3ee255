"""HTML pages: the main text and metadata of one article, with trafilatura.

trafilatura is asked for precision (menus, teasers and comment threads stay out)
and for its metadata: title, URL, site name and a date found by htmldate in the
page markup (``extensive_search`` off, so a stray year in the footer is no date).
Nothing is fetched: trafilatura gets the page as a string, and htmldate is only
ever handed trafilatura's parsed tree (htmldate downloads any *string* that
looks like a URL, so it is never called on one here).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any, BinaryIO

from ..errors import MalformedInputError, NoTextInputError
from ..records import Document
from .document import Origin, ReadOptions, make_document
from .meta import Meta, parse_date
from .sniff import decode_bytes
from .streams import describe, read_limited

__all__ = ["html_document", "read_html"]

_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read_html(stream: BinaryIO, source: str, options: ReadOptions) -> Iterator[Document]:
    """The one article of an HTML page."""
    data = read_limited(stream, options.max_bytes, source)
    yield html_document(decode_bytes(data, source), Origin(source), options)


def html_document(
    html: str,
    origin: Origin,
    options: ReadOptions,
    *,
    url: str | None = None,
    fallback_date: date | None = None,
) -> Document:
    """A Document from one HTML page; ``url`` (e.g. WARC-Target-URI) wins over the page's."""
    page = _extract(html, url, origin)
    meta = Meta(
        title=page.title,
        url=url or page.url,
        publisher=page.sitename or page.hostname,
        date=parse_date(page.date or "") or fallback_date,
    )
    return make_document(_paragraphs(page.text), origin, options, meta=meta, empty=NoTextInputError)


def _paragraphs(text: str) -> str:
    """trafilatura puts one paragraph on a line; dotterel marks paragraphs with a blank line."""
    return "\n\n".join(line for line in text.splitlines() if line.strip())


def _extract(html: str, url: str | None, origin: Origin) -> Any:
    import trafilatura  # imported on first use: it is slow to load

    try:
        page: Any = trafilatura.bare_extraction(
            _as_page(html),
            url=url,
            favor_precision=True,
            include_comments=False,
            with_metadata=True,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except Exception as exc:  # noqa: BLE001 - any parser failure on untrusted bytes
        raise MalformedInputError(
            origin.source, f"the HTML cannot be parsed ({describe(exc)})", origin.line
        ) from None
    if page is None or not (page.text or "").strip():
        raise NoTextInputError(
            origin.source, "no article text found in the HTML (a menu, index or empty page?)",
            origin.line,
        )
    return page


def _as_page(html: str) -> str:
    """Wrap a bare fragment (``<p>…</p>``) so trafilatura reads it as a page."""
    if "html" in html[:200].lower():
        return html
    return f"<html><body>{html}</body></html>"
