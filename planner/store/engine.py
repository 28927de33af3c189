"""Opening the SQLite database with the connection settings every connection needs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import ConnectionPoolEntry

from planner.paths import database_path as database_path

BUSY_TIMEOUT_MS = 5000


def make_engine(path: Path, *, foreign_keys: bool = True) -> Engine:
    """An engine whose connections use WAL, full sync, foreign keys and a busy timeout.

    pysqlite's own transaction handling is switched off and SQLAlchemy emits BEGIN itself,
    so DDL (migrations) runs inside the same transaction as everything else.
    ``foreign_keys=False`` is for migrations, where rebuilding a parent table would
    otherwise cascade-delete its children.
    """
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None
        for pragma in (
            "journal_mode=WAL",
            "synchronous=FULL",
            f"foreign_keys={'ON' if foreign_keys else 'OFF'}",
            f"busy_timeout={BUSY_TIMEOUT_MS}",
        ):
            dbapi_connection.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine
