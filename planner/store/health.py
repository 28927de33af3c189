"""Looking at a database file before using it, without changing a byte of it.

The file is opened read-only with plain ``sqlite3`` (no journal-mode switch, no Alembic):
its header, ``PRAGMA quick_check`` and the schema version it was written with.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from planner.store.engine import BUSY_TIMEOUT_MS
from planner.store.faults import DamagedDatabaseError, sqlite_fault

SQLITE_HEADER = b"SQLite format 3\x00"
_HEADER_SIZE = 100


@dataclass(frozen=True)
class FileState:
    exists: bool
    revision: str | None  # the schema version stored, None for a file without one


def read_only_uri(path: Path, *, immutable: bool = False) -> str:
    """The URI that opens ``path`` for reading only. ``immutable`` also takes no locks and
    makes no journal files: for a folder nobody can write to."""
    return f"{path.resolve().as_uri()}?mode=ro{'&immutable=1' if immutable else ''}"


def connect_read_only(path: Path, *, immutable: bool = False) -> closing[sqlite3.Connection]:
    """A connection that cannot write to ``path`` (nor create it), closed after ``with``."""
    uri = read_only_uri(path, immutable=immutable)
    return closing(sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000))


def inspect_database(path: Path, *, immutable: bool = False) -> FileState:
    """Check the file at ``path`` and read its schema version, changing nothing.

    A missing file is fine (a first run). An empty file, a wrong header or a failing quick
    check raise :class:`DamagedDatabaseError`: nothing silently starts afresh in its place.
    """
    try:
        with path.open("rb") as file:
            header = file.read(_HEADER_SIZE)
    except FileNotFoundError:
        return FileState(exists=False, revision=None)
    if not header:
        raise DamagedDatabaseError(path, "the file is empty")
    if len(header) < _HEADER_SIZE or not header.startswith(SQLITE_HEADER):
        raise DamagedDatabaseError(path, "the file is not a database")
    try:
        with connect_read_only(path, immutable=immutable) as connection:
            result = [row[0] for row in connection.execute("PRAGMA quick_check")]
            if result != ["ok"]:
                raise DamagedDatabaseError(path, f"quick check: {result[0]}")
            return FileState(exists=True, revision=_stored_revision(connection))
    except sqlite3.Error as error:
        raise (sqlite_fault(path, error) or DamagedDatabaseError(path, str(error))) from error


def _stored_revision(connection: sqlite3.Connection) -> str | None:
    has_table = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone()
    if has_table is None:
        return None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if row is None else str(row[0])
