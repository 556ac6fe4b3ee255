"""Building Documents: publication-date priority and its basis, doc_id stability."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import dotterel.ingest
from dotterel.ingest import read_text
from dotterel.ingest.document import Origin, ReadOptions, make_document
from dotterel.ingest.meta import Meta
from dotterel.records import make_doc_id

from .conftest import html_page, read_all, warc_bytes

CLI, META, HEADER = date(2017, 1, 1), date(2017, 2, 2), date(2017, 3, 3)
DATELINE = "TOKYO, April 4, 2017 (Reuters) - Japan and Russia met."


@pytest.mark.parametrize(
    ("given", "meta_date", "header_date", "text", "expected"),
    [
        (CLI, META, HEADER, DATELINE, (CLI, "cli")),
        (None, META, HEADER, DATELINE, (META, "metadata")),
        (None, None, HEADER, DATELINE, (HEADER, "header")),
        (None, None, None, DATELINE, (date(2017, 4, 4), "header")),
        (None, None, None, "May 5, 2017\n" + DATELINE, (date(2017, 5, 5), "header")),
        (None, None, None, "Japan and Russia met.", (None, None)),
    ],
)
def test_publication_date_priority(given, meta_date, header_date, text, expected) -> None:
    doc = make_document(
        text, Origin("x"), ReadOptions(published=given),
        meta=Meta(date=meta_date), header=Meta(date=header_date),
    )
    assert (doc.published, doc.published_basis) == expected


def test_priority_across_readers(tmp_path: Path, settings) -> None:
    """Each reader's own date beats the dateline; without one, the dateline is used."""
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"text": DATELINE, "date": "2017-02-02"}) + "\n"
        + json.dumps({"text": DATELINE}) + "\n"
    )
    (tmp_path / "b.html").write_text(html_page(DATELINE, date="2017-02-02"))
    (tmp_path / "c.warc").write_bytes(
        warc_bytes([("https://ex.com/", html_page(DATELINE, date=None, url=None).encode(),
                     "text/html")], warc_date="2017-02-02T23:00:00Z")
    )
    (tmp_path / "d.txt").write_text("Date: 2017-03-03\n\n" + DATELINE)
    docs, _ = read_all([tmp_path], settings)
    assert [(d.published, d.published_basis) for d in docs] == [
        (META, "metadata"), (date(2017, 4, 4), "header"), (META, "metadata"),
        (META, "metadata"), (HEADER, "header"),
    ]


def test_same_text_same_id_whatever_the_metadata() -> None:
    text = "Japan and Russia agreed to hold talks."
    ids = {
        read_text(text).doc_id,
        read_text(text, publisher="Reuters", title="Talks", url="https://a.example/1").doc_id,
        read_text(text, publisher="TASS", published=date(2017, 3, 17)).doc_id,
        read_text("Title: Other\nSource: Kyodo\n\n" + text).doc_id,
        read_text("  " + text.replace(" ", "  ") + "\n\n").doc_id,  # same text once normalised
    }
    assert ids == {make_doc_id(text)}
    assert read_text(text + " Moscow welcomed it.").doc_id != make_doc_id(text)


def test_same_article_in_every_format_has_one_id(tmp_path: Path, settings) -> None:
    text = "Japan and Russia agreed to hold talks.\n\nMoscow welcomed the decision."
    (tmp_path / "a.txt").write_text("Publisher: A\n\n" + text)
    (tmp_path / "b.html").write_text(html_page(text, site="B"))
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": text, "publisher": "C"}) + "\n")
    (tmp_path / "d.warc.gz").write_bytes(
        warc_bytes([("https://d.example/", html_page(text, site="D").encode(), "text/html")],
                   gzipped=True)
    )
    docs, _ = read_all([tmp_path], settings)
    assert len(docs) == 4
    assert {d.doc_id for d in docs} == {make_doc_id(text)}
    assert {d.publisher for d in docs} == {"A", "B", "C", "D"}


def test_document_text_is_always_normalised() -> None:
    from dotterel.textnorm import normalise_text

    doc = read_text("\u201cTalks\u201d \u2014 Japan\u2019s view\r\n\r\n\r\nMoscow\u00a0agreed.")
    assert doc.text == normalise_text(doc.text) == "\"Talks\" - Japan's view\n\nMoscow agreed."


def test_public_api_is_what_we_mean() -> None:
    assert sorted(dotterel.ingest.__all__) == ["ReadReport", "read_sources", "read_text"]
    for name in dotterel.ingest.__all__:
        assert getattr(dotterel.ingest, name).__module__.startswith("dotterel.ingest")
