"""Property tests: no input bytes make a reader raise anything but dotterel's own errors.

They call the readers below ``read_sources`` (whose last-resort guard would hide
a leak), with random bytes under every extension, random JSON as JSON lines,
and random text for the date parser and the cleaner.
"""

from __future__ import annotations

import gzip
import io
import json
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dotterel.errors import DotterelError, InputError
from dotterel.ingest.clean import clean_text
from dotterel.ingest.document import ReadOptions
from dotterel.ingest.meta import MAX_YEAR, MIN_YEAR, parse_date, split_header, take_date_line
from dotterel.ingest.sources import read_path, read_stream
from dotterel.records import Document, make_doc_id
from dotterel.textnorm import normalise_text

from .conftest import html_page, warc_bytes

EXTENSIONS = [".txt", ".html", ".jsonl", ".jsonl.gz", ".warc", ".warc.gz", ".bin", ".gz"]
OPTIONS = ReadOptions(max_bytes=4000)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_PREFIXES = [b"", b"WARC/1.0\r\n", b'{"text": "', b"<html><body><p>", b"\x1f\x8b\x08\x00",
             b"Title: x\nDate: ", b"\xef\xbb\xbf", b"\xff\xfe", b"%PDF-"]
_VALID = [
    warc_bytes([("https://ex.com/", html_page("Japan met Russia.").encode(), "text/html")]),
    warc_bytes([("https://ex.com/", html_page("Japan met Russia.").encode(), "text/html")],
               gzipped=True),
    b'{"text": "Japan met Russia.", "date": "2017-03-17"}\n{"text": 1}\n',
    html_page("Japan met Russia.").encode(),
]

random_bytes = st.one_of(
    st.binary(max_size=3000),
    st.builds(lambda p, b: p + b, st.sampled_from(_PREFIXES), st.binary(max_size=2000)),
    st.binary(max_size=2000).map(lambda b: gzip.compress(b, mtime=0)),
    st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
    # valid inputs cut short or with a byte flipped
    st.builds(lambda v, cut: v[: max(1, int(len(v) * cut))], st.sampled_from(_VALID),
              st.floats(0.01, 1.0)),
    st.builds(lambda v, at, byte: v[:at] + bytes([byte]) + v[at + 1 :], st.sampled_from(_VALID),
              st.integers(0, 400), st.integers(0, 255)),
)


def _check(items) -> None:
    """Only Documents and InputErrors come out, and every Document is well formed."""
    try:
        for item in items:
            assert isinstance(item, Document | InputError), item
            if isinstance(item, Document):
                assert item.text and item.text == normalise_text(item.text)
                assert item.doc_id == make_doc_id(item.text)
                assert item.published is None or isinstance(item.published, date)
                item.text.encode("utf-8")  # no lone surrogates
    except DotterelError:
        pass


@SETTINGS
@given(data=random_bytes, extension=st.sampled_from(EXTENSIONS))
def test_random_bytes_under_every_extension(data: bytes, extension: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{extension}"
        path.write_bytes(data)
        _check(read_path(path, OPTIONS))


@SETTINGS
@given(data=random_bytes)
def test_random_bytes_on_stdin(data: bytes) -> None:
    _check(read_stream(io.BytesIO(data), "<stdin>", OPTIONS))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=200),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                max_size=4),
    max_leaves=12,
)
json_records = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {"text": json_values | st.text(max_size=400)},
        optional={"title": json_values, "date": json_values | st.text(max_size=40),
                  "url": json_values, "publisher": json_values},
    ),
)


@SETTINGS
@given(records=st.lists(json_records, min_size=1, max_size=12), ascii_only=st.booleans(),
       gzipped=st.booleans())
def test_random_json_lines(records: list, ascii_only: bool, gzipped: bool) -> None:
    data = "".join(json.dumps(r, ensure_ascii=ascii_only) + "\n" for r in records)
    raw = data.encode("utf-8", "surrogatepass")
    stream = io.BytesIO(gzip.compress(raw, mtime=0) if gzipped else raw)
    items = list(read_stream(stream, "x.jsonl", OPTIONS, _kind(gzipped)))
    assert len(items) == len(records)  # one Document or one error per line
    _check(items)


def _kind(gzipped: bool):
    from dotterel.ingest.sources import Kind

    return Kind("jsonl", gzipped)


@SETTINGS
@given(text=st.text(max_size=120))
def test_parse_date_never_raises(text: str) -> None:
    found = parse_date(text)
    assert found is None or MIN_YEAR <= found.year <= MAX_YEAR


@SETTINGS
@given(text=st.text(max_size=600), title=st.none() | st.text(max_size=60))
def test_cleaning_and_header_parsing_never_raise(text: str, title: str | None) -> None:
    cleaned = clean_text(text, title=title)
    assert cleaned == normalise_text(cleaned)
    split_header(normalise_text(text))
    take_date_line(cleaned)
