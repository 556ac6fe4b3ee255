"""Small inputs built by hand for the ingest tests, and a helper to read them."""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterable
from pathlib import Path

import pytest

from dotterel.ingest import ReadReport, read_sources
from dotterel.records import Document
from dotterel.settings import Settings, load_settings

ARTICLE = (
    "TOKYO, March 20, 2017 (Reuters) - Russian and Japanese foreign and defence ministers met "
    "in Tokyo on Monday for their first 2+2 talks since 2013.\n"
    "Foreign Minister Fumio Kishida said the two sides discussed North Korea's missile "
    "programme.\n"
    "Sergei Lavrov called the talks constructive and said Moscow was ready for more.\n"
)

# ARTICLE as read from HTML: one paragraph per <p>, paragraphs marked by blank lines.
ARTICLE_PARAGRAPHS = "\n\n".join(ARTICLE.strip().split("\n"))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Packaged defaults only: no config file, no environment."""
    return load_settings(environ={}, cwd=tmp_path)


def read_all(
    paths: Iterable[str | Path] | str | Path, settings: Settings, **kwargs: object
) -> tuple[list[Document], ReadReport]:
    report = ReadReport()
    docs = list(read_sources(paths, settings, report=report, **kwargs))  # type: ignore[arg-type]
    return docs, report


def gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def html_page(
    body: str,
    *,
    title: str = "Russia and Japan hold talks",
    date: str | None = "2017-03-20",
    site: str = "Example News",
    url: str | None = "https://news.example.com/world/russia-japan-talks",
) -> str:
    metas = [f'<meta property="og:title" content="{title}">',
             f'<meta property="og:site_name" content="{site}">']
    if url:
        metas.append(f'<meta property="og:url" content="{url}">')
    if date:
        metas.append(f'<meta property="article:published_time" content="{date}">')
    paragraphs = "".join(f"<p>{line}</p>" for line in body.splitlines() if line.strip())
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{title} | {site}</title>{''.join(metas)}</head><body>"
        '<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        "<footer><p>Contact us</p></footer></body></html>"
    )


@pytest.fixture
def warc():
    return warc_bytes


def warc_bytes(
    records: Iterable[tuple[str, bytes, str]],
    *,
    gzipped: bool = False,
    warc_date: str = "2017-03-21T10:00:00Z",
    status: str = "200 OK",
) -> bytes:
    """A WARC of ``response`` records (uri, body, content type), written with warcio."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "tests"}))
    for uri, body, content_type in records:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=headers,
            warc_headers_dict={"WARC-Date": warc_date},
        )
        writer.write_record(record)
    return buffer.getvalue()
