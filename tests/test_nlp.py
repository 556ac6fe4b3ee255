"""What the stages share about a parsed Doc: its text, kept once."""

from __future__ import annotations

from dotterel.nlp import TEXT_KEY, doc_text, keep_text

TEXT = "  Putin met Kishida in Tokyo.\n\nThe talks,  held on Monday , ended early. "


def test_doc_text_is_the_parsed_text_and_is_kept(nlp) -> None:
    doc = nlp(TEXT)
    first = doc_text(doc)
    assert first == TEXT == doc.text
    assert doc.user_data[TEXT_KEY] is first
    assert doc_text(doc) is first  # not joined again


def test_keep_text_takes_the_input_only_when_it_fits(nlp) -> None:
    doc = nlp(TEXT)
    keep_text(doc, TEXT)
    assert doc.user_data[TEXT_KEY] is TEXT
    other = nlp(TEXT)
    keep_text(other, TEXT + "more")  # not what was parsed: left alone
    assert TEXT_KEY not in other.user_data
    assert doc_text(other) == TEXT
    empty = nlp("")
    keep_text(empty, "")
    assert doc_text(empty) == ""
