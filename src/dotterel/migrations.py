"""Schema migrations of the event database: numbered SQL files applied in order.

Migration ``N`` is ``data/schema/NNN_name.sql``.  A database records each applied
migration in ``schema_version``; opening it applies the missing ones, each in its
own transaction, so an interrupted upgrade leaves the database at the last whole
version.  Migrations only move forward: a database written by a newer dotterel
(a version above ``CURRENT_VERSION``) raises :class:`SchemaVersionError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from .about import __version__
from .datafiles import data_path
from .errors import DataFileError, SchemaVersionError, StoreError

__all__ = ["CURRENT_VERSION", "Migration", "apply_migrations", "load_migrations", "schema_version"]

_NAME = re.compile(r"(\d{3})_[a-z0-9_]+\.sql")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


@lru_cache(maxsize=1)
def load_migrations(directory: str | None = None) -> tuple[Migration, ...]:
    """The migrations in version order; numbering must start at 1 and have no gaps."""
    base = Path(directory) if directory else data_path("schema")
    found = []
    for path in sorted(base.glob("*.sql")):
        match = _NAME.fullmatch(path.name)
        if match is None:
            raise DataFileError(path, "migration files are named NNN_name.sql")
        found.append(Migration(int(match[1]), path.stem, path.read_text(encoding="utf-8")))
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise DataFileError(base / f"{migration.name}.sql",
                                f"expected migration {expected:03d}; numbers must not skip")
    return tuple(found)


CURRENT_VERSION = len(load_migrations())


def schema_version(conn: Any) -> int:
    """The highest migration applied to ``conn``'s database (0 for a new, empty one)."""
    tables = {row[0] for row in conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
    ).fetchall()}
    if "schema_version" not in tables:
        if tables:
            raise StoreError("the database holds tables but no schema_version: it was not "
                             "written by dotterel; give another --db file")
        return 0
    found = conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchall()
    return int(found[0][0])


def check_not_newer(version: int, path: str, current: int = CURRENT_VERSION) -> None:
    if version > current:
        raise SchemaVersionError(
            f"{path}: the database is at schema version {version}, but this dotterel "
            f"({__version__}) knows versions up to {current}; upgrade dotterel to open it"
        )


def apply_migrations(conn: Any, path: str, target: int | None = None,
                     migrations: tuple[Migration, ...] | None = None) -> list[int]:
    """Bring ``conn``'s database up to ``target`` (default: the last); return versions applied.

    ``migrations`` defaults to the bundled ones (tests pass their own).
    """
    migrations = load_migrations() if migrations is None else migrations
    target = len(migrations) if target is None else target
    version = schema_version(conn)
    check_not_newer(version, path, len(migrations))
    applied = []
    for migration in migrations[version:target]:
        _apply(conn, migration)
        applied.append(migration.version)
    return applied


def _apply(conn: Any, migration: Migration) -> None:
    conn.execute("BEGIN TRANSACTION")
    try:
        conn.execute(migration.sql)
        conn.execute(
            "INSERT INTO schema_version (version, applied_at, dotterel_version) VALUES (?, ?, ?)",
            [migration.version, datetime.now(UTC).replace(tzinfo=None), __version__],
        )
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
