"""dotterel: political event data (PLOVER and CAMEO) from your own news corpus, offline."""

from .about import __version__
from .api import code_documents, code_text
from .errors import (
    ConfigError,
    DataFileError,
    DotterelError,
    GateError,
    InputError,
    ModelNotFoundError,
    StoreError,
)
from .records import Document, Entity, Event, Location, TextInfo
from .store import Store

__all__ = [
    "ConfigError",
    "DataFileError",
    "Document",
    "DotterelError",
    "Entity",
    "Event",
    "GateError",
    "InputError",
    "Location",
    "ModelNotFoundError",
    "Store",
    "StoreError",
    "TextInfo",
    "__version__",
    "code_documents",
    "code_text",
]
