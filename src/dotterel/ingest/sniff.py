"""Is it text, in which encoding, and in which format?

Decoding order: a byte-order mark (UTF-8/16/32) → strict UTF-8 → a charset the
container declared (HTTP ``Content-Type``) → Windows-1252 for mostly-ASCII bytes
→ detection with charset-normalizer.  dotterel reads English news, so detection
prefers Windows-1252 when the guess is any Western single-byte code page (they
agree on the letters English text uses, and guessers pick among them almost at
random), and it refuses a guess whose text is not mostly Latin letters and
ordinary characters: random bytes "decode" as Big5 or Korean, and such text is
an encoding failure, not an article.
"""

from __future__ import annotations

import codecs
import json
import unicodedata

import charset_normalizer

from ..errors import BinaryInputError, EmptyInputError, EncodingInputError
from .streams import SNIFF_BYTES

__all__ = ["binary_kind", "check_binary", "decode_bytes", "sniff_format"]

_BOMS = (  # UTF-32 LE must come before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"\x7fELF", "an ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x28\xb5\x2f\xfd", "a Zstandard archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"PAR1", "a Parquet file"),
    (b"OggS", "an Ogg media file"),
    (b"\x1f\x8b", "gzip-compressed data"),
)
_CONTROL_BYTES = bytes(range(0x00, 0x09)) + bytes(range(0x0E, 0x20)) + b"\x7f"
_MAX_CONTROL_SHARE = 0.05
# Labels that browsers read as Windows-1252 (the WHATWG encoding standard).
_AS_CP1252 = {"latin-1", "latin1", "iso-8859-1", "iso8859-1", "l1", "us-ascii", "ascii"}
_WESTERN = {
    "cp1250", "cp1252", "cp1254", "cp1257", "cp1258", "latin_1", "iso8859_2", "iso8859_3",
    "iso8859_4", "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15",
    "iso8859_16", "cp437", "cp775", "cp850", "cp852", "cp858", "mac_roman", "mac_latin2",
    "mac_iceland", "mac_turkish",
}  # fmt: skip
_ASCII = bytes(range(0x80))
_MAX_NON_ASCII_SHARE = 0.2  # English, French, German: under 10%; Cyrillic, CJK: over 50%
_ODD_CATEGORIES = {"Cc", "Cn", "Co", "Cs", "So"}
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title",
                 b"<article", b"<div", b"<p>", b"<p ")  # fmt: skip


def binary_kind(head: bytes, *, controls: bool = True) -> str | None:
    """What binary data ``head`` (the first bytes of an input) looks like, or None.

    ``controls=False`` skips the control-byte share (a JSON string may hold a raw DEL).
    """
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if b"\x00" in head:
        return "NUL bytes"
    if controls and head and _control_share(head) > _MAX_CONTROL_SHARE:
        return "many control bytes"
    return None


def _control_share(sample: bytes) -> float:
    return (len(sample) - len(sample.translate(None, _CONTROL_BYTES))) / len(sample)


def check_binary(
    head: bytes, source: str, line: int | None = None, *, controls: bool = True
) -> None:
    kind = binary_kind(head, controls=controls)
    if kind is not None:
        raise _binary_error(source, kind, line)


def _binary_error(source: str, kind: str, line: int | None) -> BinaryInputError:
    return BinaryInputError(
        source, f"holds binary data ({kind}), not text; convert it to text or HTML", line
    )


def decode_bytes(
    data: bytes, source: str, *, declared: str | None = None, line: int | None = None
) -> str:
    """Text of ``data``; Empty-, Binary- or EncodingInputError when there is none."""
    if not data.strip():
        raise EmptyInputError(source, "empty or only whitespace", line)
    codec = _bom_codec(data)
    if codec:
        text = _decode_bom(data, codec, source, line)
    else:
        text = _decode(data, source, declared, line)
    if not text.strip():
        raise EmptyInputError(source, "empty or only whitespace", line)
    return text


def _bom_codec(data: bytes) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def _decode_bom(data: bytes, codec: str, source: str, line: int | None) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise EncodingInputError(
            source, f"has a {codec} byte-order mark but is not valid {codec} ({exc.reason})", line
        ) from None


def _decode(data: bytes, source: str, declared: str | None, line: int | None) -> str:
    kind = binary_kind(data[:SNIFF_BYTES]) or ("NUL bytes" if b"\x00" in data else None)
    if kind is not None:
        raise _binary_error(source, kind, line)
    for codec in ("utf-8", _declared_codec(declared)):
        if codec:
            try:
                return data.decode(codec)
            except (UnicodeDecodeError, LookupError):
                continue
    return _detect(data, source, line)


def _declared_codec(declared: str | None) -> str | None:
    if not declared:
        return None
    label = declared.strip().strip("\"'").lower()
    return "cp1252" if label in _AS_CP1252 else label


def _detect(data: bytes, source: str, line: int | None) -> str:
    western = _mostly_ascii_cp1252(data)
    if western is not None:
        return western
    match = charset_normalizer.from_bytes(data).best()
    guess = match.encoding if match is not None else None
    text = _decode_guess(data, match) if match is not None else None
    if text is None or not _plausible(text):
        raise EncodingInputError(
            source,
            f"not UTF-8, and no encoding gives readable Latin-script text (best guess: {guess}); "
            "save the file as UTF-8",
            line,
        )
    return text


def _mostly_ascii_cp1252(data: bytes, sample_bytes: int = 65_536) -> str | None:
    """English text with a few accented letters or curly quotes: Windows-1252, not a guess.

    Detectors guess from the few non-ASCII bytes, and on short texts they guess
    badly (Urdu, Hebrew, Central European code pages for "café").
    """
    sample = data[:sample_bytes]
    if len(sample.translate(None, _ASCII)) > _MAX_NON_ASCII_SHARE * len(sample):
        return None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


def _decode_guess(data: bytes, match: charset_normalizer.CharsetMatch) -> str:
    western = "cp1252" in match.could_be_from_charset or match.encoding in _WESTERN
    if western:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return str(match)


def _plausible(text: str, sample_chars: int = 20_000) -> bool:
    """Mostly Latin letters and ordinary characters, as English news is."""
    sample = text[:sample_chars]
    letters = [char for char in sample if char.isalpha()]
    latin = sum(1 for char in letters if char < "\u0250" or "\u1e00" <= char <= "\u1eff")
    odd = sum(1 for char in sample if _odd(char))
    return bool(letters) and latin >= 0.5 * len(letters) and odd <= 0.05 * len(sample)


def _odd(char: str) -> bool:
    if char in "\t\n\r\f\v":
        return False
    return char == "\ufffd" or unicodedata.category(char) in _ODD_CATEGORIES


def sniff_format(head: bytes) -> str:
    """``gzip``, ``warc``, ``jsonl``, ``html`` or ``text``, from an input's first bytes."""
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    start = head.removeprefix(codecs.BOM_UTF8).lstrip()
    if start.startswith(b"WARC/"):
        return "warc"
    if start.startswith(b"{") and _json_object_line(start, complete=len(head) < SNIFF_BYTES):
        return "jsonl"
    lower = start[:1024].lower()
    if lower.startswith(b"<") and any(marker in lower for marker in _HTML_MARKERS):
        return "html"
    return "text"


def _json_object_line(start: bytes, *, complete: bool) -> bool:
    first, newline, _ = start.partition(b"\n")
    if not newline and not complete:  # the first line runs past the sniffed bytes
        return first.startswith(b'{"')
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return False
