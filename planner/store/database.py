"""The open database: an engine and short units of work, one per user action."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, text
from sqlmodel import Session

from planner.store.engine import database_path, make_engine
from planner.store.migrate import MigrationResult, StoreError, upgrade_database


@dataclass
class Database:
    path: Path
    engine: Engine
    migration: MigrationResult

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """A session whose changes are committed together when the block ends, or not at all."""
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    def quick_check(self) -> str:
        with self.engine.connect() as connection:
            return str(connection.exec_driver_sql("PRAGMA quick_check").scalar_one())

    def close(self) -> None:
        self.engine.dispose()


def open_database(data_dir: Path, *, now: datetime) -> Database:
    """Open (creating or migrating as needed) the learner's database in ``data_dir``."""
    path = database_path(data_dir)
    migration = upgrade_database(path, backups_dir=data_dir / "backups", now=now)
    engine = make_engine(path)
    with engine.connect() as connection:
        mode = connection.execute(text("PRAGMA journal_mode")).scalar_one()
    if mode != "wal":
        engine.dispose()
        raise StoreError(f"{path}: could not switch the database to WAL mode (got {mode!r})")
    return Database(path=path, engine=engine, migration=migration)
