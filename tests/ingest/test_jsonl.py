"""JSON Lines: fields from the settings, gzip, and every kind of bad line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from .conftest import gz, read_all

LINES = [
    {"text": "Japan and Russia met in Tokyo.", "title": "Talks", "url": "https://ex.com/1",
     "publisher": "Wire", "date": "2017-03-20"},
    {"body": "Moscow protested to Tokyo.", "headline": "Protest", "published": "March 21, 2017"},
    {"content": "TOKYO, March 22, 2017 (Reuters) - Abe met Putin.", "source": "Reuters"},
]


def jsonl(records: list[object]) -> bytes:
    return "".join(json.dumps(record) + "\n" for record in records).encode("utf-8")


@pytest.mark.parametrize("name", ["a.jsonl", "a.ndjson", "a.jsonl.gz", "a.data", "a.data.gz"])
def test_jsonl_reads_every_line(tmp_path: Path, settings, name: str) -> None:
    data = jsonl(LINES)
    (tmp_path / name).write_bytes(gz(data) if name.endswith(".gz") else data)
    docs, report = read_all([tmp_path / name], settings)
    assert [d.text for d in docs] == [
        "Japan and Russia met in Tokyo.", "Moscow protested to Tokyo.",
        "TOKYO, March 22, 2017 (Reuters) - Abe met Putin.",
    ]
    assert [d.title for d in docs] == ["Talks", "Protest", None]
    assert [d.publisher for d in docs] == ["Wire", None, "Reuters"]
    assert docs[0].url == "https://ex.com/1"
    assert [(d.published, d.published_basis) for d in docs] == [
        (date(2017, 3, 20), "metadata"), (date(2017, 3, 21), "metadata"),
        (date(2017, 3, 22), "header"),
    ]
    assert [d.source_line for d in docs] == [1, 2, 3]
    assert report.read == 3 and not report.errors


def test_custom_field_names_from_settings(tmp_path: Path, settings) -> None:
    custom = settings.replace(text_field=["article"], title_field="head,name",
                              date_field=["when"], publisher_field=["outlet_name"],
                              url_field=["href"])
    record = {"article": "Japan and Russia met.", "text": "not this one", "name": "Talks",
              "when": "2017-03-20", "outlet_name": "Wire", "href": "https://ex.com/1"}
    (tmp_path / "a.jsonl").write_bytes(jsonl([record]))
    (doc,), _ = read_all([tmp_path / "a.jsonl"], custom)
    assert doc.text == "Japan and Russia met."
    assert (doc.title, doc.publisher, doc.url) == ("Talks", "Wire", "https://ex.com/1")
    assert doc.published == date(2017, 3, 20)


def test_first_present_field_wins_and_nulls_are_skipped(tmp_path: Path, settings) -> None:
    record = {"text": None, "body": "Moscow protested.", "content": "not this",
              "title": "", "headline": "Protest", "date": 20170320, "published": "2017-03-21"}
    (tmp_path / "a.jsonl").write_bytes(jsonl([record]))
    (doc,), _ = read_all([tmp_path / "a.jsonl"], settings)
    assert doc.text == "Moscow protested." and doc.title == "Protest"
    assert doc.published == date(2017, 3, 21)


@pytest.mark.parametrize(
    ("bad_line", "reason", "words"),
    [
        (b'{"text": "unterminated', "malformed", "not valid JSON"),
        (b"not json at all", "malformed", "not valid JSON"),
        (b'["a", "list"]', "malformed", "not an object"),
        (b'{"title": "no text field"}', "malformed", "no text field"),
        (b'{"text": 42}', "malformed", "not a string"),
        (b'{"text": "   "}', "empty", "no article text"),
        (b'{"text": "\\u00a9 2019 Example News. All rights reserved."}', "empty", "boilerplate"),
        (b'{"text": "bad \xff\xfe utf-8"}', "malformed", "not valid JSON"),
    ],
)
def test_bad_line_is_reported_with_its_number_and_the_rest_is_read(
    tmp_path: Path, settings, bad_line: bytes, reason: str, words: str
) -> None:
    lines = jsonl(LINES[:1]) + bad_line + b"\n\n" + jsonl(LINES[1:])
    path = tmp_path / "a.jsonl"
    path.write_bytes(lines)
    docs, report = read_all([path], settings)
    assert [d.source_line for d in docs] == [1, 4, 5]  # the blank line 3 is skipped silently
    assert report.skipped == {reason: 1}
    (error,) = report.errors
    assert error.line == 2 and error.source == str(path)
    assert str(error).startswith(f"{path}:2: ") and words in str(error)


def test_over_long_line_is_too_large_and_skipped(tmp_path: Path, settings) -> None:
    long_line = json.dumps({"text": "Russia " * 200}).encode()
    path = tmp_path / "a.jsonl"
    path.write_bytes(jsonl(LINES[:1]) + long_line + b"\n" + jsonl(LINES[1:]))
    docs, report = read_all([path], settings.replace(max_bytes=500))
    assert [d.source_line for d in docs] == [1, 3, 4]
    assert report.skipped == {"too-large": 1} and report.errors[0].line == 2


def test_file_larger_than_max_bytes_is_still_read_line_by_line(tmp_path: Path, settings) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(jsonl(LINES * 10))
    docs, report = read_all([path], settings.replace(max_bytes=200))
    assert len(docs) == 30 and not report.errors


@pytest.mark.parametrize("count", [60, 400])  # 60 lines fit in the first 8 KiB read
@pytest.mark.parametrize("keep", [0.5, 0.8, 0.95])
def test_truncated_gzip_keeps_earlier_lines(
    tmp_path: Path, settings, keep: float, count: int
) -> None:
    records = [{"text": f"Article number {i * 7919 % 1000} says Japan and Russia met."}
               for i in range(count)]
    data = gz(jsonl(records))
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(data[: int(len(data) * keep)])
    docs, report = read_all([path], settings)
    assert 0 < len(docs) < count
    assert [d.source_line for d in docs] == list(range(1, len(docs) + 1))
    (error,) = report.errors
    assert report.skipped == {"malformed": 1}
    assert error.line == len(docs) + 1 and "truncated or corrupt" in str(error)


def test_gz_name_on_plain_data_is_malformed(tmp_path: Path, settings) -> None:
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(jsonl(LINES))
    docs, report = read_all([path], settings)
    assert docs == [] and report.skipped == {"malformed": 1}


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("a.jsonl", b""),
        ("a.jsonl", b"\n\n  \n"),
        ("a.jsonl.gz", gz(b"")),
        ("a.jsonl.gz", gz(b"\n")),
    ],
)
def test_jsonl_without_lines_is_empty(tmp_path: Path, settings, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    docs, report = read_all([path], settings)
    assert docs == [] and report.skipped == {"empty": 1}


def test_binary_file_named_jsonl_is_one_binary_error(tmp_path: Path, settings) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    docs, report = read_all([path], settings)
    assert docs == [] and report.skipped == {"binary": 1}

