"""The open database: an engine and short units of work, one per user action."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, text
from sqlmodel import Session

from planner.store.engine import (
    READ_ONLY_OPTION,
    database_path,
    make_engine,
    make_read_only_engine,
)
from planner.store.faults import ReadOnlyError, StoreError, translated_faults
from planner.store.health import inspect_database, read_only_uri
from planner.store.migrate import MigrationResult, head_revision, upgrade_database


@dataclass
class Database:
    path: Path
    engine: Engine
    migration: MigrationResult
    read_only: bool = False  # the folder cannot be written to: the data is shown, not changed
    _reader: Engine = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._reader = self.engine.execution_options(**{READ_ONLY_OPTION: True})

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """A session whose changes are committed together when the block ends, or not at all.

        It holds the write lock from its start (``BEGIN IMMEDIATE``), so writers queue
        instead of failing; faults of the file come out as store errors with a sentence.
        """
        with (
            translated_faults(self.path),
            Session(self.engine, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reading only: a deferred transaction that never blocks a writer."""
        with (
            translated_faults(self.path),
            Session(self._reader, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    def quick_check(self) -> str:
        with translated_faults(self.path), self._reader.connect() as connection:
            return str(connection.exec_driver_sql("PRAGMA quick_check").scalar_one())

    def close(self) -> None:
        self.engine.dispose()


def open_database(data_dir: Path, *, now: datetime) -> Database:
    """Open (creating or migrating as needed) the learner's database in ``data_dir``.

    The file is checked first (read-only, ``PRAGMA quick_check``): a damaged one raises
    :class:`~planner.store.faults.DamagedDatabaseError` and is left as it is.
    """
    path = database_path(data_dir)
    with translated_faults(path):
        try:
            migration = upgrade_database(path, backups_dir=data_dir / "backups", now=now)
        except ReadOnlyError:
            return _open_read_only(path)
        engine = make_engine(path)
        with engine.connect() as connection:
            mode = connection.execute(text("PRAGMA journal_mode")).scalar_one()
    if mode != "wal":
        engine.dispose()
        raise StoreError(f"{path}: could not switch the database to WAL mode (got {mode!r})")
    return Database(path=path, engine=engine, migration=migration)


def _open_read_only(path: Path) -> Database:
    """The database in a folder that cannot be written to, opened to be looked at. Only
    when what the main file holds is the whole truth: an up-to-date schema and no
    write-ahead log with changes not yet folded in (SQLite could not read it here)."""
    wal = path.with_name(f"{path.name}-wal")
    if not path.exists() or (wal.exists() and wal.stat().st_size > 0):
        raise ReadOnlyError(path)
    state = inspect_database(path, immutable=True)
    if state.revision != head_revision():
        raise ReadOnlyError(path)
    engine = make_read_only_engine(read_only_uri(path, immutable=True))
    migration = MigrationResult(state.revision, state.revision, None)
    return Database(path=path, engine=engine, migration=migration, read_only=True)
