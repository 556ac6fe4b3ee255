"""HTML pages: main text, metadata, fragments, pages without text, no network."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from .conftest import ARTICLE, ARTICLE_PARAGRAPHS, html_page, read_all


@pytest.mark.parametrize("suffix", [".html", ".htm", ".HTML", ".page"])
def test_html_page_gives_text_and_metadata(tmp_path: Path, settings, suffix: str) -> None:
    path = tmp_path / f"a{suffix}"  # .page is unknown: the reader is chosen by sniffing
    path.write_text(html_page(ARTICLE), encoding="utf-8")
    (doc,), report = read_all([path], settings)
    assert doc.text == ARTICLE_PARAGRAPHS  # title line, menu and footer are gone
    assert doc.title == "Russia and Japan hold talks"
    assert doc.publisher == "Example News"
    assert doc.url == "https://news.example.com/world/russia-japan-talks"
    assert doc.published == date(2017, 3, 20) and doc.published_basis == "metadata"
    assert report.read == 1


def test_html_without_date_meta_falls_back_to_the_dateline(tmp_path: Path, settings) -> None:
    path = tmp_path / "a.html"
    path.write_text(html_page(ARTICLE, date=None, url=None))
    (doc,), _ = read_all([path], settings)
    assert doc.published == date(2017, 3, 20) and doc.published_basis == "header"


def test_html_fragment_is_read(tmp_path: Path, settings) -> None:
    path = tmp_path / "a.html"
    path.write_text("<p>Japan and Russia met in Tokyo.</p><p>They agreed to meet again.</p>")
    (doc,), _ = read_all([path], settings)
    assert doc.text == "Japan and Russia met in Tokyo.\n\nThey agreed to meet again."


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Nothing</title></head><body></body></html>",
        "<html><body><script>var x = 1;</script></body></html>",
        "<!DOCTYPE html><html><body><img src='a.png'></body></html>",
    ],
)
def test_html_without_text_is_no_text(tmp_path: Path, settings, html: str) -> None:
    path = tmp_path / "a.html"
    path.write_text(html)
    docs, report = read_all([path], settings)
    assert docs == [] and report.skipped == {"no-text": 1}
    assert str(path) in str(report.errors[0])


def test_html_reader_never_fetches_a_url(tmp_path: Path, settings, monkeypatch) -> None:
    import htmldate.utils
    import trafilatura.downloads

    def refuse(*args, **kwargs):  # pragma: no cover - failing is the point
        raise AssertionError("the HTML reader tried to fetch a URL")

    monkeypatch.setattr(htmldate.utils, "fetch_url", refuse)
    monkeypatch.setattr(trafilatura.downloads, "fetch_url", refuse)
    for name, text in {"a.html": "https://example.com/2017/03/20/story",
                       "b.html": html_page(ARTICLE, date=None)}.items():
        (tmp_path / name).write_text(text)
    docs, report = read_all([tmp_path], settings)
    assert len(docs) == 2 and not report.errors  # a bare URL in a page is just its text


def test_html_in_cp1252_with_meta_charset(tmp_path: Path, settings) -> None:
    page = html_page("The minister\u2019s caf\u00e9 talks \u2013 a na\u00efve hope, aides said.")
    path = tmp_path / "a.html"
    path.write_bytes(page.replace('charset="utf-8"', 'charset="windows-1252"').encode("cp1252"))
    (doc,), _ = read_all([path], settings)
    assert doc.text == "The minister's caf\u00e9 talks - a na\u00efve hope, aides said."
