"""Binary detection, decoding and format sniffing."""

from __future__ import annotations

import codecs

import pytest

from dotterel.errors import BinaryInputError, EmptyInputError, EncodingInputError
from dotterel.ingest.sniff import binary_kind, decode_bytes, sniff_format

TEXT = "The minister\u2019s caf\u00e9 talks \u2013 a na\u00efve r\u00e9sum\u00e9, aides said."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (TEXT.encode("utf-8"), TEXT),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), TEXT),
        (TEXT.encode("utf-16"), TEXT),  # with its byte-order mark
        (TEXT.encode("utf-32"), TEXT),
        (TEXT.encode("cp1252"), TEXT),  # found by detection
        ("Le ministre a visit\u00e9 la r\u00e9gion et a d\u00e9clar\u00e9 la coop\u00e9ration."
         .encode("latin-1"), "Le ministre a visit\u00e9 la r\u00e9gion et a d\u00e9clar\u00e9 la "
         "coop\u00e9ration."),
    ],
)
def test_decodes_utf_and_western_encodings(data: bytes, expected: str) -> None:
    assert decode_bytes(data, "a.txt") == expected


@pytest.mark.parametrize("declared", ["ISO-8859-1", "latin1", '"windows-1252"', "no-such-codec"])
def test_declared_charset_is_used_when_utf8_fails(declared: str) -> None:
    text = "The Stra\u00dfe in Berlin was closed for the \u00e9t\u00e9 festival, police said."
    assert decode_bytes(text.encode("latin-1"), "a.html", declared=declared) == text


def test_declared_charset_beats_detection() -> None:
    text = "\u041c\u0438\u0440 \u0438 \u0434\u0440\u0443\u0436\u0431\u0430"
    assert decode_bytes(text.encode("koi8-r"), "a.html", declared="koi8-r") == text


@pytest.mark.parametrize(
    "data",
    [
        b"\x81\x8d\x8f\x90\x9d" * 40,  # "decodes" only as Korean
        bytes(range(0x80, 0x100)) * 4,  # high bytes, no text
        "\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0432\u0441\u0442\u0440\u0435\u0442"
        "\u0438\u043b\u0441\u044f \u0441 \u043a\u043e\u043b\u043b\u0435\u0433\u043e\u0439."
        .encode("cp1251"),  # Cyrillic: not Latin-script text
        b"\xff\xfe\x00",  # a UTF-16 mark on broken UTF-16
    ],
)
def test_undecodable_bytes_are_an_encoding_error(data: bytes) -> None:
    with pytest.raises(EncodingInputError, match="(?i)utf"):
        decode_bytes(data, "a.txt")


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.7", "a PDF document"),
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xff\xd8\xff\xe0", "a JPEG image"),
        (b"GIF89a", "a GIF image"),
        (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/EPUB)"),
        (b"\x7fELF", "an ELF executable"),
        (b"\x1f\x8b\x08", "gzip-compressed data"),
        (b"text with a \x00 NUL", "NUL bytes"),
        (b"ab\x01\x02\x03\x04cdefghijklmnop", "many control bytes"),
        (b"Plain text.\r\n\tTabs and form\x0cfeeds are fine.", None),
        ("Caf\u00e9".encode(), None),
    ],
)
def test_binary_kind(head: bytes, kind: str | None) -> None:
    assert binary_kind(head) == kind


def test_binary_is_found_past_the_first_block() -> None:
    with pytest.raises(BinaryInputError, match="NUL"):
        decode_bytes(b"a" * 20_000 + b"\x00", "a.txt")


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", codecs.BOM_UTF8 + b"  ", b"\xef\xbb\xbf"])
def test_empty_or_whitespace(data: bytes) -> None:
    with pytest.raises(EmptyInputError):
        decode_bytes(data, "a.txt")


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
        (b"\n  WARC/1.1\r\n", "warc"),
        (b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        (codecs.BOM_UTF8 + b'{"text": "a"}', "jsonl"),
        (b'{"text": "' + b"a" * 9000, "jsonl"),  # first line longer than the sniffed bytes
        (b"{not json}\nmore text", "text"),
        (b"[1, 2, 3]\n", "text"),
        (b"<!DOCTYPE html><html><body>", "html"),
        (b"  <html lang='en'>", "html"),
        (b"<p>A fragment.</p>", "html"),
        (b"<Note to editors> please read", "text"),
        (b"\x1f\x8b\x08\x00", "gzip"),
        (b"Japan and Russia met.", "text"),
        (b"", "text"),
    ],
)
def test_sniff_format(head: bytes, fmt: str) -> None:
    assert sniff_format(head[:8192]) == fmt
