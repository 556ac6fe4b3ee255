"""Removing what web news wraps around an article, without touching the article.

``clean_text`` normalises the text, then applies one small rule at a time:

* ``strip_caption``          an image caption and photo credit glued to the next
                             sentence (``Caption / Photographer / TASSThe talks…``)
                             leaves only the sentence;
* ``is_boilerplate``         whole lines of cookie banners, reuse and copyright
                             notices, "Read more"/"Related:"/"Follow us on…" links
                             and photo credits are dropped;
* ``strip_trailing_link``    a "Read more" glued to the end of a paragraph goes;
* ``drop_title_repeat``      the title repeated as the first line of the body goes;
* ``drop_repeated_lines``    later copies of a short line go.

Every line rule is anchored at the start of a line and only fires on a line of
at most ``MAX_BOILERPLATE_WORDS`` words: a long paragraph is article text even
when it happens to begin like a link.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..textnorm import normalise_text

__all__ = [
    "MAX_BOILERPLATE_WORDS",
    "clean_text",
    "drop_repeated_lines",
    "drop_title_repeat",
    "is_boilerplate",
    "is_consent_banner",
    "is_copyright_notice",
    "is_photo_credit",
    "is_promo_link",
    "is_reuse_notice",
    "scrub_surrogates",
    "strip_caption",
    "strip_trailing_link",
]

MAX_BOILERPLATE_WORDS = 60
MAX_REPEATED_WORDS = 15

_SURROGATE = re.compile("[\ud800-\udfff]")
_CONSENT = re.compile(
    r"(?:we|this (?:web)?site|our (?:web)?site|this page) uses? cookies\b"
    r"|we and (?:our|selected) partners (?:use|store)\b"
    r"|accept (?:all )?cookies\b|reject (?:all )?cookies\b|reject all$|accept all$"
    r"|(?:manage|cookie|privacy|consent) (?:preferences|settings|options|choices)\b"
    r"|cookie (?:policy|notice)$",
    re.IGNORECASE,
)
_BY_CONTINUING = re.compile(r"by (?:continuing|clicking|using)\b", re.IGNORECASE)
_CONSENT_WORDS = re.compile(r"\b(?:cookies?|consent|privacy|agree|terms)\b", re.IGNORECASE)
_REUSE = re.compile(
    r"if using any of .{1,80}? content,? (?:partially|partly|wholly|fully|in part)", re.IGNORECASE
)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\) |copyright\s*(?:©|\(c\)|(?:19|20)\d{2}\b|(?:thomson )?reuters\b))",
    re.IGNORECASE,
)
_RIGHTS = re.compile(r"(?:^|[.;,] )all rights reserved\.?$", re.IGNORECASE)
_PROMO = re.compile(
    r"(?i:read more|read also|also read|see also|more on this|continue reading)"
    r"(?:\s*(?:[:»>|.-]|$)| [A-Z\"'])"  # a colon or arrow, the end, or a headline
    r"|(?i:related(?: articles?| stories| news| content| coverage| posts| topics| links"
    r"| reading)?\s*(?::|$))"
    r"|(?i:sign up (?:for|to)\b.{0,60}\bnewsletters?\b|subscribe to\b.{0,60}\bnewsletters?\b"
    r"|follow us on\b|share (?:this|the) (?:article|story|page|post)\b|share on \w+$"
    r"|click here\b|advertisement$|advertising$|sponsored content$)",
)
_CREDIT = re.compile(
    r"\(?(?i:photo|photograph|image|picture|illustration|video)s?"
    r"(?:\s*:.{1,60}"  # Photo: Reuters
    r"|(?i: credits?):?.{1,60}"  # Image credit: AFP
    r"| by [A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}(?:\s*/\s*[\w .'-]{1,30})?\)?)"  # Photo by A B/AFP
)
_CREDIT_WORDS = 8
_AGENCY = (
    r"(?:[A-Z][A-Z0-9&.-]+(?: [A-Z][A-Z0-9&.-]+)*"
    r"|Reuters|Getty Images|Sputnik|Kyodo|Xinhua|Global Look Press|Legion Media|Kremlin\.ru"
    r"|Shutterstock|Pool|Handout)"
)
_CAPTION = re.compile(
    r"(?P<caption>[^/]{3,300}?) / ?"
    r"(?:(?P<credit>[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}) ?/ ?)?"
    rf"(?P<agency>{_AGENCY})"
    r"(?P<rest>[A-Z][a-z].*|\s*)",  # a sentence glued on, or nothing
)
_TRAILING_LINK = re.compile(r"\s+(?:read more|continue reading)\s*(?:\.{3}|»|>+)?$", re.IGNORECASE)
_TITLE_SUFFIX = re.compile(r"\s+[|\-:] [^|]{1,60}$")


def scrub_surrogates(text: str) -> str:
    """Lone UTF-16 surrogates (from JSON escapes) cannot be encoded; replace them."""
    return _SURROGATE.sub("\ufffd", text)


def clean_text(text: str, title: str | None = None) -> str:
    """The article text of ``text``: boilerplate removed, normalised."""
    text = normalise_text(scrub_surrogates(text))
    lines = [strip_caption(line) for line in text.split("\n")]
    lines = [strip_trailing_link(line) for line in lines if not is_boilerplate(line)]
    lines = drop_repeated_lines(drop_title_repeat(lines, title))
    return normalise_text("\n".join(lines))


def strip_caption(line: str) -> str:
    """Remove an image caption and its credit, keeping the sentence glued after them.

    ``Putin and Abe / Sergei Bobylev / TASSPutin and AbeThe leaders met…``
    becomes ``The leaders met…`` (the caption may or may not be repeated).
    """
    match = _CAPTION.fullmatch(line)
    if match is None:
        return line
    rest = match["rest"].strip()
    caption = match["caption"].strip()
    if rest.startswith(caption):
        rest = rest[len(caption) :].strip()
    return rest


def _words(line: str) -> int:
    return len(line.split())


def _short(line: str, limit: int = MAX_BOILERPLATE_WORDS) -> bool:
    return 0 < _words(line) <= limit


def is_consent_banner(line: str) -> bool:
    """"We use cookies…", "Accept all cookies", "By continuing to browse… you agree…"."""
    if not _short(line):
        return False
    if _CONSENT.match(line):
        return True
    return _BY_CONTINUING.match(line) is not None and _CONSENT_WORDS.search(line) is not None


def is_reuse_notice(line: str) -> bool:
    """"If using any of X's content, partially or in full, a hyperlink to…"."""
    return _short(line) and _REUSE.match(line) is not None


def is_copyright_notice(line: str) -> bool:
    """"© 2019 …", "Copyright 2017 Thomson Reuters", "… All rights reserved."."""
    return _short(line, 30) and (
        _COPYRIGHT.match(line) is not None or _RIGHTS.search(line) is not None
    )


def is_promo_link(line: str) -> bool:
    """"Read more", "Related:", "Also read", newsletter, follow, share and click-here lines."""
    return _short(line) and _PROMO.match(line) is not None


def is_photo_credit(line: str) -> bool:
    """A short line crediting a picture: "Photo: Reuters", "Image by Jane Doe/AFP"."""
    return _short(line, _CREDIT_WORDS) and _CREDIT.fullmatch(line) is not None


_LINE_RULES: tuple[Callable[[str], bool], ...] = (
    is_consent_banner,
    is_reuse_notice,
    is_copyright_notice,
    is_promo_link,
    is_photo_credit,
)


def is_boilerplate(line: str) -> bool:
    return any(rule(line) for rule in _LINE_RULES)


def strip_trailing_link(line: str) -> str:
    """"…said on Monday. Read more" → "…said on Monday."."""
    return _TRAILING_LINK.sub("", line)


def _key(line: str) -> str:
    return " ".join(line.casefold().split()).strip(" .")


def drop_title_repeat(lines: list[str], title: str | None) -> list[str]:
    """Drop the first non-empty line when it repeats the title (with or without a site suffix)."""
    if not title:
        return lines
    keys = {_key(title), _key(_TITLE_SUFFIX.sub("", title))}
    for index, line in enumerate(lines):
        if line.strip():
            return lines[:index] + lines[index + 1 :] if _key(line) in keys else lines
    return lines


def drop_repeated_lines(lines: list[str]) -> list[str]:
    """Keep only the first copy of each short line (at most ``MAX_REPEATED_WORDS`` words)."""
    seen: set[str] = set()
    kept: list[str] = []
    for line in lines:
        if _short(line, MAX_REPEATED_WORDS):
            if line in seen:
                continue
            seen.add(line)
        kept.append(line)
    return kept
