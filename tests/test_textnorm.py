import pytest

from dotterel.records import make_doc_id
from dotterel.textnorm import normalise_text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Japan\u2019s prime minister", "Japan's prime minister"),
        ("\u201cWe agreed,\u201d he said", '"We agreed," he said'),
        ("2013\u20132019", "2013-2019"),
        ("talks\u2014which failed\u2014ended", "talks - which failed - ended"),
        ("a\u00a0b\u200bc", "a bc"),
        ("line one  \r\n\r\n\r\n\r\nline two", "line one\n\nline two"),
        ("\ufeffTitle", "Title"),
        ("e\u0301t\u00e9", "\u00e9t\u00e9"),
    ],
)
def test_normalise_text(raw: str, clean: str) -> None:
    assert normalise_text(raw) == clean


def test_normalising_twice_changes_nothing() -> None:
    text = "Russia\u2019s \u201cside\u201d \u2014 in 2016\u20132017\u2026"
    assert normalise_text(normalise_text(text)) == normalise_text(text)


def test_doc_id_is_stable_and_content_based() -> None:
    assert make_doc_id("abc") == make_doc_id("abc")
    assert make_doc_id("abc") != make_doc_id("abd")
    assert len(make_doc_id("abc")) == 16
