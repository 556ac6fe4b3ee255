"""WARC archives written with warcio: HTML responses in, everything else passed over."""

from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

import pytest

from dotterel.ingest.document import ReadOptions
from dotterel.ingest.sources import Kind, read_stream

from .conftest import ARTICLE, ARTICLE_PARAGRAPHS, html_page, read_all

PAGES = [
    ("https://ex.com/a", html_page(ARTICLE).encode(), "text/html; charset=utf-8"),
    ("https://ex.com/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
    ("https://ex.com/b", html_page("Moscow protested to Tokyo on Tuesday.", date=None, url=None)
     .encode(), "text/html"),
    ("https://ex.com/c", html_page("Putin invited Abe.", url=None).encode("cp1252"),
     "application/xhtml+xml; charset=windows-1252"),
]


@pytest.mark.parametrize("gzipped", [False, True])
def test_warc_html_responses_become_documents(tmp_path: Path, settings, warc, gzipped) -> None:
    path = tmp_path / ("a.warc.gz" if gzipped else "a.warc")
    path.write_bytes(warc(PAGES, gzipped=gzipped))
    docs, report = read_all([path], settings)
    assert [d.url for d in docs] == ["https://ex.com/a", "https://ex.com/b", "https://ex.com/c"]
    assert docs[0].text == ARTICLE_PARAGRAPHS
    assert docs[1].text == "Moscow protested to Tokyo on Tuesday."
    assert [d.source_line for d in docs] == [2, 4, 5]  # record numbers; 1 is the warcinfo
    assert [(d.published, d.published_basis) for d in docs] == [
        (date(2017, 3, 20), "metadata"),  # the page's own date
        (date(2017, 3, 21), "metadata"),  # no page date: WARC-Date
        (date(2017, 3, 20), "metadata"),
    ]
    assert docs[0].title == "Russia and Japan hold talks" and docs[0].publisher == "Example News"
    assert report.read == 3 and not report.errors


def test_warc_target_uri_wins_over_the_page_url(tmp_path: Path, settings, warc) -> None:
    page = html_page(ARTICLE, url="https://canonical.example.com/story")
    path = tmp_path / "a.warc"
    path.write_bytes(warc([("https://crawled.example.com/x", page.encode(), "text/html")]))
    (doc,), _ = read_all([path], settings)
    assert doc.url == "https://crawled.example.com/x"


def test_non_2xx_responses_are_passed_over(tmp_path: Path, settings, warc) -> None:
    path = tmp_path / "a.warc"
    path.write_bytes(warc(PAGES[:1], status="404 Not Found") + warc(PAGES[2:3]))
    docs, report = read_all([path], settings)
    assert [d.url for d in docs] == ["https://ex.com/b"] and not report.errors


def test_warc_without_html_is_no_text(tmp_path: Path, settings, warc) -> None:
    path = tmp_path / "a.warc"
    path.write_bytes(warc(PAGES[1:2]))
    docs, report = read_all([path], settings)
    assert docs == [] and report.skipped == {"no-text": 1}


def test_bad_records_are_skipped_and_the_archive_goes_on(tmp_path: Path, settings, warc) -> None:
    records = [
        ("https://ex.com/empty", b"<html><body></body></html>", "text/html"),
        ("https://ex.com/big", html_page("Japan " * 400).encode(), "text/html"),
        PAGES[0],
    ]
    path = tmp_path / "a.warc.gz"
    path.write_bytes(warc(records, gzipped=True))
    docs, report = read_all([path], settings.replace(max_bytes=2000))
    assert [d.url for d in docs] == ["https://ex.com/a"]
    assert report.skipped == {"no-text": 1, "too-large": 1}
    assert [e.line for e in report.errors] == [2, 3]
    assert str(report.errors[0]).startswith(f"{path}:2: ")


@pytest.mark.parametrize("gzipped", [False, True])
@pytest.mark.parametrize("keep", [0.3, 0.55, 0.75, 0.9])
def test_truncated_warc_keeps_records_before_the_cut(
    tmp_path: Path, settings, warc, gzipped: bool, keep: float
) -> None:
    pages = [(f"https://ex.com/{i}", html_page(f"Report {i}: Japan and Russia met.").encode(),
              "text/html") for i in range(6)]
    data = warc(pages, gzipped=gzipped)
    path = tmp_path / ("a.warc.gz" if gzipped else "a.warc")
    path.write_bytes(data[: int(len(data) * keep)])
    docs, report = read_all([path], settings)
    assert 0 < len(docs) < 6
    assert [d.url for d in docs] == [f"https://ex.com/{i}" for i in range(len(docs))]
    (error,) = report.errors
    assert error.reason == "malformed" and error.source == str(path)
    assert error.line == len(docs) + 2  # the first record after the kept ones (1 is warcinfo)


@pytest.mark.parametrize("gzipped", [False, True])
def test_every_cut_gives_at_most_one_error(warc, gzipped: bool) -> None:
    data = warc(PAGES[:1] + PAGES[2:3], gzipped=gzipped)
    for cut in range(1, len(data), 7):
        items = list(_items(data[:cut], gzipped))
        errors = [item for item in items if not hasattr(item, "doc_id")]
        assert len(errors) <= 1, (cut, errors)
        assert len(items) - len(errors) <= 2


def _items(data: bytes, gzipped: bool):
    import io

    from dotterel.errors import InputError

    try:
        yield from read_stream(io.BytesIO(data), "x.warc", ReadOptions(), Kind("warc", gzipped))
    except InputError as error:
        yield error


@pytest.mark.parametrize(
    "data",
    [b"WARC/1.0\r\nWARC-Type: garbage", b"not a warc at all\n" * 10, gzip.compress(b"nonsense")],
)
def test_not_a_warc_is_malformed(tmp_path: Path, settings, data: bytes) -> None:
    path = tmp_path / "a.warc.gz"
    path.write_bytes(data)
    docs, report = read_all([path], settings)
    assert docs == [] and report.skipped == {"malformed": 1}


def test_warc_gzipped_as_one_stream_says_so(tmp_path: Path, settings, warc) -> None:
    path = tmp_path / "a.warc.gz"
    path.write_bytes(gzip.compress(warc(PAGES[:1] + PAGES[2:3])))
    docs, report = read_all([path], settings)
    assert len(docs) <= 1 and report.skipped == {"malformed": 1}
    assert "one gzip member per record" in str(report.errors[0])
