"""Boilerplate removal: each rule, look-alike article sentences, and a mixed page."""

from __future__ import annotations

from pathlib import Path

import pytest

from dotterel.ingest.clean import (
    clean_text,
    drop_repeated_lines,
    drop_title_repeat,
    is_consent_banner,
    is_copyright_notice,
    is_photo_credit,
    is_promo_link,
    is_reuse_notice,
    strip_caption,
    strip_trailing_link,
)

from .conftest import read_all


@pytest.mark.parametrize(
    ("rule", "line"),
    [
        (is_consent_banner, "We use cookies to improve your experience on our site."),
        (is_consent_banner, "This website uses cookies. By continuing you accept them."),
        (is_consent_banner, "Accept all cookies"),
        (is_consent_banner, "Accept cookies"),
        (is_consent_banner, "Reject all"),
        (is_consent_banner, "Manage preferences"),
        (is_consent_banner, "Cookie settings"),
        (is_consent_banner, "By continuing to browse the site you agree to our use of cookies."),
        (is_consent_banner, "By using this site, you agree to our Privacy Policy and Terms."),
        (is_reuse_notice, "If using any of Russia Beyond's content, partly or in full, always "
                          "provide an active hyperlink to the original material."),
        (is_reuse_notice, "If using any of RT's content, partially or in full, a hyperlink to "
                          "the original article is required."),
        (is_copyright_notice, "\u00a9 2019 Example News. All rights reserved."),
        (is_copyright_notice, "(c) 2017 Kyodo News"),
        (is_copyright_notice, "Copyright 2017 Thomson Reuters."),
        (is_copyright_notice, "Copyright \u00a9 2019 TASS"),
        (is_copyright_notice, "Copyright Reuters 2017. Click for restrictions."),
        (is_copyright_notice, "All rights reserved."),
        (is_copyright_notice, "Example Media Group, All rights reserved"),
        (is_promo_link, "Read more"),
        (is_promo_link, "Read more: Putin to visit Japan in December"),
        (is_promo_link, "READ MORE: Abe and Putin meet in Sochi"),
        (is_promo_link, "Read more \u00bb"),
        (is_promo_link, "Related:"),
        (is_promo_link, "Related: Kuril islands dispute explained"),
        (is_promo_link, "Related articles"),
        (is_promo_link, "Related Stories:"),
        (is_promo_link, "Also read: Japan protests Russian missile deployment"),
        (is_promo_link, "See also: Timeline of the dispute"),
        (is_promo_link, "Sign up for our newsletter"),
        (is_promo_link, "Sign up to our daily briefing newsletter"),
        (is_promo_link, "Subscribe to our newsletter for the latest news."),
        (is_promo_link, "Follow us on Twitter"),
        (is_promo_link, "Follow us on Facebook and Telegram for more."),
        (is_promo_link, "Share this article"),
        (is_promo_link, "Share on Facebook"),
        (is_promo_link, "Click here to subscribe."),
        (is_promo_link, "Advertisement"),
        (is_photo_credit, "Photo: Reuters"),
        (is_photo_credit, "(Photo: AFP)"),
        (is_photo_credit, "Image credit: Kremlin press service"),
        (is_photo_credit, "Photo by Jane Doe/Reuters"),
        (is_photo_credit, "Photograph: Kirill Kudryavtsev/AFP/Getty Images"),
    ],
)
def test_rule_recognises_boilerplate(rule, line: str) -> None:
    assert rule(line)
    assert clean_text(f"Japan and Russia met.\n{line}\nThey agreed.") == (
        "Japan and Russia met.\nThey agreed."
    )


LOOKALIKES = [
    "We used to think cookies were harmless, the regulator said.",
    "By using force, Moscow hopes to change the status quo in the region.",
    "By continuing talks, both sides showed they wanted a deal.",
    "Copyright law in Russia was amended in 2017, officials said.",
    "Copyright holders in Japan welcomed the decision.",
    "The ministry said all rights reserved under the treaty would be respected.",
    "Read more than 300 pages of the report and you see the problem, the lawyer said.",
    "Related talks will follow in Moscow next month.",
    "Photos by state media showed the two leaders shaking hands.",
    "Pictures of the summit were released on Monday.",
    "Follow-up talks are planned for April.",
    "Share prices in Tokyo rose after the meeting.",
    "Click-through rates on state media rose, the study found.",
    "Advertisement revenue fell by a third in 2016.",
    "If using any leverage, Japan would need allies, analysts said.",
    "Lavrov said the talks were useful / constructive / frank, in that order.",
    "Read more about the dispute in our explainer, which has been read more than "
    + "a million times and covers the history of the islands since 1945 in detail, "
    * 4 + "he said.",
]


@pytest.mark.parametrize("line", LOOKALIKES)
def test_article_sentences_that_look_like_boilerplate_are_kept(line: str) -> None:
    assert clean_text(f"Japan and Russia met.\n{line}") == f"Japan and Russia met.\n{line}"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Sergei Lavrov and Fumio Kishida / Sergei Bobylev / TASSSergei Lavrov and Fumio "
         "KishidaThe ministers agreed to meet again.", "The ministers agreed to meet again."),
        ("Putin and Abe / Alexei Druzhinin / TASSThe leaders met in Sochi.",
         "The leaders met in Sochi."),
        ("Putin and Abe / Alexei Druzhinin/RIA NOVOSTIThe leaders met in Sochi.",
         "The leaders met in Sochi."),
        ("Caption text / Photographer / AGENCYCaption textIt was a sentence.",
         "It was a sentence."),
        ("The Kremlin in winter / Global Look PressMoscow said it was ready.",
         "Moscow said it was ready."),
        ("The Kremlin in winter / Getty ImagesMoscow said it was ready.",
         "Moscow said it was ready."),
        ("Shinzo Abe in Tokyo / Kyodo / REUTERS", ""),
        ("Japan and Russia met in Tokyo.", "Japan and Russia met in Tokyo."),
        ("The yen/dollar rate rose / fell / EU officials said.",
         "The yen/dollar rate rose / fell / EU officials said."),
        ("Trade / investment / UN officials said ties grew.",
         "Trade / investment / UN officials said ties grew."),
    ],
)
def test_strip_caption(line: str, expected: str) -> None:
    assert strip_caption(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Lavrov called the talks useful. Read more", "Lavrov called the talks useful."),
        ("Lavrov called the talks useful. Continue reading...", "Lavrov called the talks useful."),
        ("He asked us to read more.", "He asked us to read more."),
    ],
)
def test_strip_trailing_link(line: str, expected: str) -> None:
    assert strip_trailing_link(line) == expected


@pytest.mark.parametrize(
    ("lines", "title", "expected"),
    [
        (["Talks resume", "Body."], "Talks resume", ["Body."]),
        (["", "TALKS RESUME.", "Body."], "Talks resume", ["", "Body."]),
        (["Talks resume", "Body."], "Talks resume | Example News", ["Body."]),
        (["Talks resume", "Body."], "Talks resume - Example News", ["Body."]),
        (["Body.", "Talks resume"], "Talks resume", ["Body.", "Talks resume"]),
        (["Talks resume", "Body."], None, ["Talks resume", "Body."]),
    ],
)
def test_drop_title_repeat(lines, title, expected) -> None:
    assert drop_title_repeat(lines, title) == expected


def test_drop_repeated_lines_keeps_the_first_copy_of_short_lines() -> None:
    long = "Japan and Russia agreed on Monday to hold the next round of talks in Moscow, " * 2
    lines = ["World", "Body one.", "", "World", long, long, "", "Body one."]
    assert drop_repeated_lines(lines) == ["World", "Body one.", "", long, long, ""]


BODY = [
    "TOKYO, March 20, 2017 (Reuters) - Russian and Japanese foreign and defence ministers met in "
    "Tokyo on Monday for their first \"2+2\" talks since 2013.",
    "Foreign Minister Fumio Kishida said the two sides discussed North Korea's missile "
    "programme.",
    "Sergei Lavrov called the talks \"constructive\" and said Moscow was ready for more.",
    "Japan raised concerns about Russian deployments on the disputed Kuril islands.",
    "Defence Minister Tomomi Inada urged Moscow to exercise restraint.",
    "Sergei Shoigu said Russia would continue to strengthen its forces in the Far East.",
    "The ministers agreed to hold the next round of talks in Moscow.",
    "Analysts said the meeting signalled a thaw, but no agreement was signed.",
    "Prime Minister Shinzo Abe is expected to visit Russia in April.",
]
BOILERPLATE = [
    "We use cookies to improve your experience. By continuing to browse, you agree to our "
    "use of cookies.",
    "Accept all cookies",
    "Manage preferences",
    "Read more: Putin to visit Japan in December",
    "Related: Kuril islands dispute explained",
    "Related articles",
    "Also read: Abe and Putin meet in Sochi",
    "Sign up for our newsletter",
    "Follow us on Twitter",
    "Share this article",
    "Click here to get the app.",
    "Photo: Reuters",
    "If using any of Example News's content, partially or in full, a hyperlink to the original "
    "article is required.",
    "\u00a9 2019 Example News. All rights reserved.",
    "Copyright 2017 Thomson Reuters.",
]
TITLE = "Russia and Japan hold first 2+2 talks in four years"
CAPTION = "Sergei Lavrov and Fumio Kishida / Sergei Bobylev / TASS"


def mixed_page_lines() -> list[str]:
    """Body sentences in paragraphs, boilerplate all around and in between."""
    b = BODY
    return [
        BOILERPLATE[0], BOILERPLATE[1], BOILERPLATE[2], TITLE,
        f"{b[0]} {b[1]}", "Security talks", BOILERPLATE[11], b[2],
        BOILERPLATE[3], f"{CAPTION}Sergei Lavrov and Fumio Kishida{b[3]} {b[4]}",
        "Security talks", BOILERPLATE[4], f"{b[5]} Read more", BOILERPLATE[5], BOILERPLATE[6],
        f"{b[6]} {b[7]}", BOILERPLATE[7], b[8], *BOILERPLATE[8:11], *BOILERPLATE[12:],
    ]


def assert_clean(text: str) -> None:
    for sentence in BODY:
        assert sentence in text, sentence
    for line in [*BOILERPLATE, CAPTION, TITLE, "Read more"]:
        assert line not in text, line
    assert text.count("Security talks") == 1  # a repeated short line is kept once
    assert text.startswith(BODY[0])


def test_mixed_page_as_text_keeps_every_sentence_and_drops_every_boilerplate_line() -> None:
    assert_clean(clean_text("\n".join(mixed_page_lines()), title=TITLE))


def test_mixed_page_as_html_keeps_every_sentence(tmp_path: Path, settings) -> None:
    lines = mixed_page_lines()
    html = (
        f'<html><head><title>{TITLE} | Example News</title>'
        f'<meta property="og:title" content="{TITLE}"></head><body>'
        f"<div class='consent'>{lines[0]}<button>{lines[1]}</button><a>{lines[2]}</a></div>"
        f"<article><h1>{TITLE}</h1>"
        + "".join(f"<p>{line}</p>" for line in lines[4:])
        + "</article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    (doc,), report = read_all([path], settings)
    assert_clean(doc.text)
    assert doc.title == TITLE and not report.errors


def test_clean_text_normalises_and_tidies() -> None:
    text = "  \u201cTalks\u201d \u2014 in Tokyo\u2026\r\n\r\n\r\n\r\nJapan\u00a0met\u200b Russia.  "
    assert clean_text(text) == "\"Talks\" - in Tokyo...\n\nJapan met Russia."


def test_clean_text_replaces_lone_surrogates() -> None:
    assert clean_text("Japan \ud800 met Russia.") == "Japan \ufffd met Russia."
