"""The open database: an engine and short units of work, one per user action."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, text
from sqlmodel import Session

from planner.store.engine import READ_ONLY_OPTION, database_path, make_engine
from planner.store.faults import StoreError, translated_faults
from planner.store.migrate import MigrationResult, upgrade_database


@dataclass
class Database:
    path: Path
    engine: Engine
    migration: MigrationResult
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
        migration = upgrade_database(path, backups_dir=data_dir / "backups", now=now)
        engine = make_engine(path)
        with engine.connect() as connection:
            mode = connection.execute(text("PRAGMA journal_mode")).scalar_one()
    if mode != "wal":
        engine.dispose()
        raise StoreError(f"{path}: could not switch the database to WAL mode (got {mode!r})")
    return Database(path=path, engine=engine, migration=migration)
