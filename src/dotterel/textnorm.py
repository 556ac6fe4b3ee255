"""Unicode and typography normalisation applied to every document before parsing.

spaCy's English model mis-tags ``’s`` possessives and splits oddly on typographic
dashes, so quotes and dashes are mapped to ASCII.  Character offsets of events
always refer to the normalised text, which is what ``Document.text`` holds.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalise_text"]

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",  # left single quote
        "\u2019": "'",  # right single quote / apostrophe
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",  # prime
        "\u00b4": "'",  # acute accent used as apostrophe
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
        "\u2212": "-",  # minus sign
        "\u00a0": " ",  # no-break space
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u3000": " ",
        "\u2026": "...",
        "\u00ad": "",  # soft hyphen
        "\u200b": "",  # zero-width space
        "\u200c": "",
        "\u200d": "",
        "\ufeff": "",  # byte-order mark
    }
)
_EM_DASH = re.compile(r"\s*[\u2014\u2015]\s*")
_SPACES = re.compile(r"[ \t\f\v]+")
_TRAILING = re.compile(r" +\n")
_BLANK_LINES = re.compile(r"\n{3,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def normalise_text(text: str) -> str:
    """NFC-normalise, map typographic quotes/dashes to ASCII, tidy whitespace.

    Paragraph breaks (blank lines) are kept; runs of three or more newlines
    shrink to one blank line.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = _EM_DASH.sub(" - ", text.translate(_TRANSLATE))
    text = _SPACES.sub(" ", text)
    text = _TRAILING.sub("\n", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return "\n".join(line.strip() for line in text.split("\n")).strip()
