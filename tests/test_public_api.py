"""The public API is what we mean it to be, and it works end to end."""

from datetime import date

import pytest

import dotterel

EXPECTED = {
    "ConfigError", "DataFileError", "Document", "DotterelError", "Entity", "Event", "GateError",
    "InputError", "Location", "ModelNotFoundError", "Store", "StoreError", "TextInfo",
    "__version__", "code_documents", "code_text",
}


def test_exported_members():
    assert set(dotterel.__all__) == EXPECTED
    for name in dotterel.__all__:
        assert hasattr(dotterel, name)


def test_code_text_accepts_iso_strings_and_dates():
    a = dotterel.code_text("Japan lodged a protest with Russia on Monday.", published="2016-11-22")
    b = dotterel.code_text("Japan lodged a protest with Russia on Monday.",
                           published=date(2016, 11, 22))
    assert [e.as_dict() for e in a] == [e.as_dict() for e in b]
    assert a[0].date == "2016-11-21" and a[0].date_basis == "relative"


def test_code_text_rejects_bad_dates():
    with pytest.raises(dotterel.ConfigError, match="YYYY-MM-DD"):
        dotterel.code_text("Japan protested.", published="21/11/2016")


def test_code_documents_yields_pairs_in_order():
    texts = ["China and India held talks on Monday.", "Nothing happened here."]
    pairs = list(dotterel.code_documents(texts))
    assert [d.text for d, _ in pairs] == texts
    assert pairs[0][1] and pairs[1][1] == []
