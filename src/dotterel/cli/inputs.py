"""Reading inputs for commands: the document stream plus the end-of-run summary."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..ingest import ReadReport, read_sources
from ..records import Document
from ..settings import Settings
from .common import err_console


def documents(paths: list[str], settings: Settings, published: date | None,
              report: ReadReport) -> Iterator[Document]:
    return read_sources(paths, settings, published=published, report=report)


def summarise(report: ReadReport, quiet: bool) -> int:
    """Print the read/skipped summary; return the exit code (0 if anything was read)."""
    skipped = sum(report.skipped.values())
    if not quiet or report.read == 0:
        reasons = ", ".join(f"{k}: {v}" for k, v in sorted(report.skipped.items()))
        tail = f" ({reasons})" if reasons else ""
        err_console.print(f"read {report.read} documents; skipped {skipped}{tail}", highlight=False)
    return 0 if report.read else 1
