"""read_sources: directories, stdin, sniffing, and one recorded error per bad input."""

from __future__ import annotations

import io
import json
import logging
import os
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from dotterel.errors import ConfigError, InputError
from dotterel.ingest import ReadReport, read_sources
from dotterel.ingest.sources import format_for_name

from .conftest import ARTICLE, gz, html_page, read_all, warc_bytes

GOOD = "Japan and Russia agreed to hold talks in Moscow."


def write(root: Path, files: dict[str, bytes | str]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)


TREE = {
    "b.txt": "Text b.",
    "a.txt": "Text a.",
    "sub/c.html": html_page("Page c reports talks."),
    "sub/deeper/d.txt": "Text d.",
    "sub/e.jsonl": '{"text": "Line e."}\n',
    "drafts/f.txt": "Draft f.",
    ".hidden.txt": "Hidden.",
    ".git/config.txt": "Hidden dir.",
    "notes.md": "Notes g.",
}


@pytest.mark.parametrize(
    ("include", "exclude", "texts"),
    [
        ([], [], ["Text a.", "Text b.", "Draft f.", "Notes g.", "Page c reports talks.",
                  "Text d.", "Line e."]),
        (["*.txt"], [], ["Text a.", "Text b.", "Draft f.", "Text d."]),
        (["*.txt", "*.jsonl"], ["drafts/*"], ["Text a.", "Text b.", "Text d.", "Line e."]),
        (["**/*.txt"], ["drafts"], ["Text a.", "Text b.", "Text d."]),
        (["sub/*"], ["*.html"], ["Text d.", "Line e."]),
        ([], ["sub", "*.md"], ["Text a.", "Text b.", "Draft f."]),
    ],
)
def test_directory_is_walked_sorted_with_include_and_exclude(
    tmp_path: Path, settings, include, exclude, texts
) -> None:
    write(tmp_path, TREE)
    chosen = settings.replace(include=include, exclude=exclude)
    docs, report = read_all([tmp_path], chosen)
    assert [d.text for d in docs] == texts
    assert not report.errors


def test_directory_order_is_sorted_by_name_at_each_level(tmp_path: Path, settings) -> None:
    write(tmp_path, TREE)
    docs, _ = read_all([tmp_path], settings)
    names = [Path(d.source_path).relative_to(tmp_path).as_posix() for d in docs]
    assert names == ["a.txt", "b.txt", "drafts/f.txt", "notes.md", "sub/c.html",
                     "sub/deeper/d.txt", "sub/e.jsonl"]


def test_explicit_files_ignore_include_and_exclude(tmp_path: Path, settings) -> None:
    write(tmp_path, TREE)
    chosen = settings.replace(include=["*.html"], exclude=["*.txt"])
    docs, _ = read_all([tmp_path / "a.txt", tmp_path / ".hidden.txt"], chosen)
    assert [d.text for d in docs] == ["Text a.", "Hidden."]


def test_a_single_path_string_is_one_path(tmp_path: Path, settings) -> None:
    write(tmp_path, {"a.txt": GOOD})
    docs, _ = read_all(str(tmp_path / "a.txt"), settings)
    assert [d.text for d in docs] == [GOOD]


@pytest.mark.parametrize(
    ("data", "texts"),
    [
        (b"Title: Talks\n\n" + GOOD.encode(), [GOOD]),
        (html_page(GOOD).encode(), [GOOD]),
        (b'{"text": "One."}\n{"text": "Two."}\n', ["One.", "Two."]),
        (gz(b'{"text": "One."}\n{"text": "Two."}\n'), ["One.", "Two."]),
        (gz(GOOD.encode()), [GOOD]),
        (warc_bytes([("https://ex.com/a", html_page(GOOD).encode(), "text/html")]), [GOOD]),
        (warc_bytes([("https://ex.com/a", html_page(GOOD).encode(), "text/html")], gzipped=True),
         [GOOD]),
        ("caf\u00e9 talks \u2013 Japan and Russia met.".encode("cp1252"),
         ["caf\u00e9 talks - Japan and Russia met."]),
    ],
)
def test_stdin_is_sniffed(monkeypatch, settings, data: bytes, texts: list[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    docs, report = read_all(["-"], settings)
    assert [d.text for d in docs] == texts
    assert all(d.source_path == "<stdin>" for d in docs) and not report.errors


def test_stdin_replaced_by_a_text_stream(monkeypatch, settings) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(GOOD))
    docs, _ = read_all(["-"], settings)
    assert [d.text for d in docs] == [GOOD]


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty"), (b"  \n\t\n", "empty"), (b"%PDF-1.7\n...", "binary"),
     (b"x" * 300, "too-large")],
)
def test_bad_stdin_is_one_error(monkeypatch, settings, data: bytes, reason: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    docs, report = read_all(["-"], settings.replace(max_bytes=200))
    assert docs == [] and report.skipped == {reason: 1}
    assert report.errors[0].source == "<stdin>"


def test_stdin_jsonl_checks_each_line_not_the_whole_stream(monkeypatch, settings) -> None:
    lines = b"".join(json.dumps({"text": f"Line {i} of the feed."}).encode() + b"\n"
                     for i in range(50))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines)))
    docs, report = read_all(["-"], settings.replace(max_bytes=100))
    assert len(docs) == 50 and not report.errors


# Each bad input: its bytes (or None for a missing path), its file name, its reason.
BAD_INPUTS = [
    ("missing.txt", None, "missing"),
    ("pdf.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary"),
    ("image.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary"),
    ("archive.zip", b"PK\x03\x04" + b"\x00" * 40, "binary"),
    ("program", b"\x7fELF\x02\x01\x01" + b"\x00" * 40, "binary"),
    ("nul.txt", b"Japan and Russia\x00 met.", "binary"),
    ("controls.txt", b"Japan \x01\x02\x03\x04\x05\x06 met" * 3, "binary"),
    ("undecodable.txt", b"\x81\x8d\x8f\x90\x9d" * 40, "encoding"),
    ("bad-bom.txt", b"\xff\xfeJ\x00a\x00p", "encoding"),  # odd length: not UTF-16
    ("empty.txt", b"", "empty"),
    ("blank.html", b" \n\t \r\n ", "empty"),
    ("big.txt", b"Japan and Russia met. " * 100, "too-large"),
    ("big.html", html_page("Japan and Russia met. " * 100).encode(), "too-large"),
    ("cut.jsonl.gz", gz(b'{"text": "never finished"}\n' * 200)[:60], "malformed"),
    ("cut.warc.gz", warc_bytes([("https://ex.com/", html_page(GOOD * 30).encode(),
                                 "text/html")], gzipped=True)[:-150], "malformed"),
    ("bad.jsonl", b"{not json\n", "malformed"),
    ("nothing.html", b"<html><body><nav><ul></ul></nav></body></html>", "no-text"),
]


@pytest.mark.parametrize(("name", "data", "reason"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_each_bad_input_is_one_error_and_the_batch_goes_on(
    tmp_path: Path, settings, caplog, name: str, data: bytes | None, reason: str
) -> None:
    write(tmp_path, {"before.txt": GOOD, "z-after.txt": GOOD})
    bad = tmp_path / name
    if data is not None:
        bad.write_bytes(data)
    paths = [tmp_path / "before.txt", bad, tmp_path / "z-after.txt"]
    with caplog.at_level(logging.WARNING, logger="dotterel.ingest"):
        docs, report = read_all(paths, settings.replace(max_bytes=1000))
    names = [Path(d.source_path).name for d in docs]
    assert names[0] == "before.txt" and names[-1] == "z-after.txt"
    assert set(names[1:-1]) <= {name}  # a cut gzip keeps the lines before the cut
    assert report.read == len(docs) and report.skipped == {reason: 1}
    assert report.total_skipped == 1
    (error,) = report.errors
    assert isinstance(error, InputError) and error.reason == reason
    assert error.source == str(bad) and str(error).startswith(str(bad))
    assert "\n" not in str(error)
    ours = [r for r in caplog.records if r.name == "dotterel.ingest"]
    assert [(r.levelno, r.getMessage()) for r in ours] == [(logging.WARNING, str(error))]


def test_bad_inputs_in_a_directory_are_counted_by_reason(tmp_path: Path, settings) -> None:
    for name, data, _ in BAD_INPUTS:
        if data is not None:
            (tmp_path / name).write_bytes(data)
    write(tmp_path, {"good.txt": GOOD, "bad.jsonl": b'{"text": "ok"}\n{nope\n[1]\n'})
    docs, report = read_all([tmp_path, tmp_path / "missing.txt"], settings.replace(max_bytes=1000))
    assert {"ok", GOOD} <= {d.text for d in docs}
    expected = {}
    for _, _, reason in BAD_INPUTS:
        expected[reason] = expected.get(reason, 0) + 1
    expected["malformed"] += 1  # bad.jsonl now has two bad lines
    assert dict(report.skipped) == expected


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_permission_denied_is_missing(tmp_path: Path, settings) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(GOOD)
    path.chmod(0)
    docs, report = read_all([path], settings)
    assert docs == [] and report.skipped == {"missing": 1}
    assert "permission denied" in str(report.errors[0])


def test_permission_denied_when_opening(tmp_path: Path, settings, monkeypatch) -> None:
    import builtins

    real_open = builtins.open

    def deny(file, *args, **kwargs):
        if str(file).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", deny)
    write(tmp_path, {"secret.txt": GOOD})
    docs, report = read_all([tmp_path / "secret.txt"], settings)
    assert docs == [] and report.skipped == {"missing": 1}
    assert "permission denied" in str(report.errors[0])


@pytest.mark.parametrize("path", ["", "no/such/dir/", "bad\x00name.txt"])
def test_unusable_paths_are_missing(settings, path: str) -> None:
    docs, report = read_all([path], settings)
    assert docs == [] and report.skipped == {"missing": 1}


def test_an_unexpected_error_costs_one_input_not_the_batch(
    tmp_path: Path, settings, monkeypatch
) -> None:
    from dotterel.ingest import plaintext

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    write(tmp_path, {"a.txt": GOOD, "b.jsonl": '{"text": "Fine."}\n'})
    monkeypatch.setattr(plaintext, "text_document", explode)
    docs, report = read_all([tmp_path], settings)
    assert [d.text for d in docs] == ["Fine."]
    assert report.skipped == {"unreadable": 1} and "RuntimeError" in str(report.errors[0])


@pytest.mark.parametrize("published", [date(2017, 3, 1), datetime(2017, 3, 1, 12), "2017-03-01"])
def test_published_argument_wins_everywhere(tmp_path: Path, settings, published) -> None:
    write(tmp_path, {
        "a.txt": "Date: 2016-05-05\n\n" + GOOD,
        "b.html": html_page(ARTICLE),
        "c.jsonl": '{"text": "One.", "date": "2016-01-01"}\n',
        "d.warc": warc_bytes([("https://ex.com/", html_page(GOOD).encode(), "text/html")]),
    })
    docs, _ = read_all([tmp_path], settings, published=published)
    assert len(docs) == 4
    assert {(d.published, d.published_basis) for d in docs} == {(date(2017, 3, 1), "cli")}


def test_published_that_is_no_date_is_a_config_error(settings) -> None:
    with pytest.raises(ConfigError):
        list(read_sources([], settings, published="next week"))


def test_reading_is_lazy_and_a_report_is_optional(tmp_path: Path, settings) -> None:
    write(tmp_path, {f"{i:03}.txt": f"Document {i}." for i in range(20)})
    stream = read_sources([tmp_path], settings)
    assert next(stream).text == "Document 0."
    assert sum(1 for _ in stream) == 19
    report = ReadReport()
    list(read_sources([tmp_path / "nope"], settings, report=report))
    assert report.read == 0 and report.skipped == {"missing": 1}


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a.txt", ("text", False)), ("A.HTM", ("html", False)), ("x.y.html", ("html", False)),
     ("a.jsonl.gz", ("jsonl", True)), ("a.ndjson", ("jsonl", False)), ("a.warc.gz", ("warc", True)),
     ("a.txt.gz", ("text", True)), ("a.json", None), ("a.gz", None), ("README", None)],
)
def test_format_for_name(name: str, expected) -> None:
    kind = format_for_name(name)
    assert (kind.format, kind.gzipped) == expected if expected else kind is None
