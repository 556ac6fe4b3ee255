"""The one exception hierarchy of dotterel.

Every error the package raises on purpose derives from :class:`DotterelError`.
Library code raises; only the command line and the web edge turn an error into a
one-line message and an exit code.

    DotterelError
    ├── ConfigError               a setting, option or config file is wrong
    ├── DataFileError             a data file (lexicon, actors, ontology, gold) is invalid
    │   └── GoldFormatError       a gold file cannot be read for evaluation
    ├── ModelNotFoundError        no spaCy English model is installed
    ├── InputError                one input document or source cannot be read
    │   ├── MissingInputError     the path does not exist or cannot be opened
    │   ├── BinaryInputError      the file holds binary data, not text
    │   ├── EncodingInputError    the bytes cannot be decoded as text
    │   ├── EmptyInputError       nothing but whitespace
    │   ├── TooLargeInputError    over the ``max_bytes`` setting
    │   ├── MalformedInputError   broken JSON line, truncated gzip or WARC
    │   └── NoTextInputError      HTML with no extractable article text
    ├── StoreError                the event database cannot be used
    │   └── SchemaVersionError    the database was written by a newer dotterel
    ├── DistributedError          a Dask scheduler or worker cannot do its part
    └── GateError                 an accuracy figure fell below its pinned floor

Messages say what to check, not just what failed.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "BinaryInputError",
    "ConfigError",
    "DataFileError",
    "DistributedError",
    "DotterelError",
    "EmptyInputError",
    "EncodingInputError",
    "GateError",
    "GoldFormatError",
    "InputError",
    "MalformedInputError",
    "MissingInputError",
    "ModelNotFoundError",
    "NoTextInputError",
    "SchemaVersionError",
    "StoreError",
    "TooLargeInputError",
]


class DotterelError(Exception):
    """Base class of every error dotterel raises on purpose."""


class ConfigError(DotterelError):
    """A setting, command-line option or configuration file is wrong."""


class DataFileError(DotterelError):
    """A data file is invalid; the message names the file, the line and the reason."""

    def __init__(self, path: str | Path, reason: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.reason = reason
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


class GoldFormatError(DataFileError):
    """A gold file cannot be read for evaluation."""


class ModelNotFoundError(DotterelError):
    """No spaCy English model could be loaded."""


class InputError(DotterelError):
    """One input document or source cannot be read; the batch goes on without it.

    ``reason`` is a short stable key used to count skipped inputs by cause.
    """

    reason = "unreadable"

    def __init__(self, source: str | Path, problem: str, line: int | None = None) -> None:
        self.source = str(source)
        self.line = line
        self.problem = problem
        where = f"{self.source}:{line}" if line is not None else self.source
        super().__init__(f"{where}: {problem}")


class MissingInputError(InputError):
    reason = "missing"


class BinaryInputError(InputError):
    reason = "binary"


class EncodingInputError(InputError):
    reason = "encoding"


class EmptyInputError(InputError):
    reason = "empty"


class TooLargeInputError(InputError):
    reason = "too-large"


class MalformedInputError(InputError):
    reason = "malformed"


class NoTextInputError(InputError):
    reason = "no-text"


class StoreError(DotterelError):
    """The event database cannot be opened, migrated or written."""


class SchemaVersionError(StoreError):
    """The database schema is newer than this version of dotterel understands."""


class DistributedError(DotterelError):
    """A Dask scheduler cannot be reached, or a worker cannot read an input or code a partition."""


class GateError(DotterelError):
    """An evaluation figure fell below its pinned floor."""
