"""Directories: the files under a directory, recursively, in a fixed order.

Entries are sorted by name at each level, so runs over the same tree see the
same files in the same order.  Hidden files and directories (name starting with
``.``) are skipped, and so are symbolic links to directories (no cycles).
``include``/``exclude`` are glob patterns matched against the path relative to
the directory (``news/2017/*.txt``) and against the file name alone (``*.txt``);
``**/`` at the start of a pattern also matches at the top level.  An excluded
directory is not entered.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from fnmatch import fnmatchcase
from pathlib import Path

from ..errors import InputError, MissingInputError

__all__ = ["iter_files", "matches"]


def iter_files(
    root: Path, include: Sequence[str] = (), exclude: Sequence[str] = ()
) -> Iterator[Path | InputError]:
    """Each selected file under ``root``; an InputError for a directory that cannot be listed."""
    yield from _walk(root, root, tuple(include), tuple(exclude))


def _walk(
    root: Path, directory: Path, include: tuple[str, ...], exclude: tuple[str, ...]
) -> Iterator[Path | InputError]:
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield MissingInputError(directory, f"cannot list the directory ({exc.strerror or exc})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        relative = path.relative_to(root).as_posix()
        if _is_dir(entry):
            if not entry.is_symlink() and not matches(relative, exclude):
                yield from _walk(root, path, include, exclude)
        elif (not include or matches(relative, include)) and not matches(relative, exclude):
            yield path


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def matches(relative: str, patterns: Sequence[str]) -> bool:
    """Whether a relative POSIX path, or its last part, matches any glob pattern."""
    name = relative.rsplit("/", 1)[-1]
    for pattern in patterns:
        candidates = (pattern, pattern[3:]) if pattern.startswith("**/") else (pattern,)
        for candidate in candidates:
            if fnmatchcase(relative, candidate) or fnmatchcase(name, candidate):
                return True
    return False
