"""The tally of one reading run: documents read, inputs skipped and why."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

from ..errors import InputError

__all__ = ["ReadReport", "logger"]

logger = logging.getLogger("dotterel.ingest")


@dataclass
class ReadReport:
    """Counts documents read and inputs skipped by ``InputError.reason``; keeps the errors."""

    read: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    errors: list[InputError] = field(default_factory=list)

    def record(self, error: InputError) -> None:
        """Count and keep ``error``, and log its one-line message at WARNING."""
        self.skipped[error.reason] += 1
        self.errors.append(error)
        logger.warning("%s", error)

    @property
    def total_skipped(self) -> int:
        return sum(self.skipped.values())
