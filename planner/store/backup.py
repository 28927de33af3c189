"""Verified copies of the live database, made with SQLite's online backup API."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

KEEP_BACKUPS = 10


class BackupError(RuntimeError):
    pass


def connect(path: Path) -> closing[sqlite3.Connection]:
    """A plain connection to ``path``, closed when the ``with`` block ends (sqlite3's own
    ``with`` only commits, leaving the file open: on Windows it then cannot be moved)."""
    return closing(sqlite3.connect(path))


def backup_database(source: Path, backups_dir: Path, *, label: str, now: datetime) -> Path:
    """Copy ``source`` into ``backups_dir`` and check the copy; old backups beyond
    :data:`KEEP_BACKUPS` are removed. Never a file copy: that could catch a half-written page."""
    backups_dir.mkdir(parents=True, exist_ok=True)
    target = backups_dir / f"{source.stem}-{now:%Y%m%d-%H%M%S}-{label}.sqlite3"
    partial = target.with_suffix(".partial")
    with connect(source) as src, connect(partial) as dst:
        src.backup(dst)
    _verify(partial, source)
    partial.replace(target)
    _prune(backups_dir, source.stem)
    return target


def _verify(copy: Path, source: Path) -> None:
    with connect(copy) as connection:
        result = connection.execute("PRAGMA integrity_check").fetchone()[0]
        copied_tables = _row_counts(connection)
    with connect(source) as connection:
        source_tables = _row_counts(connection)
    if result != "ok" or copied_tables != source_tables:
        copy.unlink(missing_ok=True)
        raise BackupError(f"backup of {source} failed verification ({result}); nothing was changed")


def user_tables(connection: sqlite3.Connection) -> list[str]:
    """The names of the tables the app made (SQLite's own left out)."""
    return [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]


def _row_counts(connection: sqlite3.Connection) -> dict[str, int]:
    return {
        name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        for name in user_tables(connection)
    }


def _prune(backups_dir: Path, stem: str) -> None:
    backups = sorted(backups_dir.glob(f"{stem}-*.sqlite3"))
    for old in backups[:-KEEP_BACKUPS]:
        old.unlink()
