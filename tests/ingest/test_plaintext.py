"""Plain-text files and strings: header blocks, first-line dates, read_text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dotterel.errors import EmptyInputError
from dotterel.ingest import read_text
from dotterel.textnorm import normalise_text

from .conftest import ARTICLE, read_all

BODY = "Japan and Russia resumed talks on Monday.\nMoscow welcomed the decision."


@pytest.mark.parametrize(
    ("header", "title", "url", "publisher", "published"),
    [
        ("", None, None, None, None),
        ("Title: Talks resume\n\n", "Talks resume", None, None, None),
        (
            "TITLE: Talks resume\nDate: 17 March 2017\nURL: https://ex.com/a\n"
            "Publisher: Example Wire\nAuthor: Jane Doe\n\n",
            "Talks resume", "https://ex.com/a", "Example Wire", date(2017, 3, 17),
        ),
        ("source: Kyodo\ndate: 2017-03-17T09:00:00+09:00\n\n", None, None, "Kyodo",
         date(2017, 3, 17)),
        ("March 17, 2017\n", None, None, None, date(2017, 3, 17)),
        ("Friday, 17 March 2017 09:15 GMT\n\n", None, None, None, date(2017, 3, 17)),
        ("2017-03-17\n", None, None, None, date(2017, 3, 17)),
        ("Updated: Mar. 17, 2017\n", None, None, None, date(2017, 3, 17)),
    ],
)
def test_header_block_or_date_line_is_read_and_removed(
    tmp_path: Path, settings, header, title, url, publisher, published
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(header + BODY, encoding="utf-8")
    (doc,), report = read_all([path], settings)
    assert doc.text == BODY
    assert (doc.title, doc.url, doc.publisher, doc.published) == (title, url, publisher, published)
    assert doc.published_basis == ("header" if published else None)
    assert doc.source_path == str(path) and doc.source_line is None
    assert report.read == 1 and not report.errors


@pytest.mark.parametrize(
    "text",
    [
        "Title: Talks\nJapan and Russia met.\n",  # no blank line: an ordinary first line
        "Title: Talks\nNot a header line\n\nJapan and Russia met.\n",  # unknown line in the block
        "Minister: Lavrov\n\nJapan and Russia met.\n",  # unknown key
        "May\n\nJapan and Russia met.\n",  # "May" is no date
        "In March 2017 the talks began.\n",  # a sentence, not a date line
    ],
)
def test_text_that_only_looks_like_a_header_is_kept(tmp_path: Path, settings, text) -> None:
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    (doc,), _ = read_all([path], settings)
    assert doc.text == normalise_text(text)
    assert doc.title is None


def test_bad_date_header_is_ignored_but_the_rest_is_used(tmp_path: Path, settings) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Title: Talks\nDate: soon\n\n" + BODY)
    (doc,), _ = read_all([path], settings)
    assert doc.title == "Talks" and doc.published is None and doc.text == BODY


def test_header_without_body_is_empty(tmp_path: Path, settings) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Title: Talks\nDate: 2017-03-17\n")
    docs, report = read_all([path], settings)
    assert docs == [] and report.skipped == {"empty": 1}


def test_read_text_builds_one_document() -> None:
    doc = read_text(ARTICLE, title="Talks", url="https://ex.com/a", publisher="Wire")
    assert doc.text == normalise_text(ARTICLE)
    assert (doc.title, doc.url, doc.publisher) == ("Talks", "https://ex.com/a", "Wire")
    assert doc.published == date(2017, 3, 20) and doc.published_basis == "header"  # dateline
    assert doc.source_path == "<text>"


def test_read_text_arguments_win_over_the_header() -> None:
    doc = read_text("Title: Old\nDate: 2016-01-01\n\n" + BODY, title="New",
                    published=date(2017, 3, 17))
    assert doc.title == "New" and doc.text == BODY
    assert doc.published == date(2017, 3, 17) and doc.published_basis == "cli"


@pytest.mark.parametrize("text", ["", "   \n\t  ", "Title: x\n"])
def test_read_text_raises_on_empty_text(text: str) -> None:
    with pytest.raises(EmptyInputError):
        read_text(text)
