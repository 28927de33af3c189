"""Opening the SQLite database with the connection settings every connection needs."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import ConnectionPoolEntry

from planner.paths import database_path as database_path

BUSY_TIMEOUT_MS = 5000
READ_ONLY_OPTION = "planner_read_only"


def make_read_only_engine(uri: str) -> Engine:
    """An engine that only reads, through the read-only ``uri``: for a data folder that
    cannot be written to. Any write fails as read-only."""
    engine = create_engine(
        "sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False)
    )
    _begin_explicitly(engine)
    return engine


def make_engine(path: Path, *, foreign_keys: bool = True, create: bool = False) -> Engine:
    """An engine whose connections use WAL, full sync, foreign keys and a busy timeout.

    pysqlite's own transaction handling is switched off and SQLAlchemy emits BEGIN itself,
    so DDL (migrations) runs inside the same transaction as everything else. Every
    transaction that may write starts with ``BEGIN IMMEDIATE``: it takes the write lock at
    once, waiting up to the busy timeout for another writer, instead of failing at its
    first write when a deferred read transaction cannot be upgraded. Transactions on a
    connection with the :data:`READ_ONLY_OPTION` execution option stay deferred.
    ``foreign_keys=False`` is for migrations, where rebuilding a parent table would
    otherwise cascade-delete its children. Only with ``create`` (migrations, which make a
    new database) may a connection create the file: otherwise a file that went missing
    (set aside by a recovery, say) fails to open instead of silently becoming an empty
    database.
    """
    mode = "rwc" if create else "rw"
    engine = create_engine(
        f"sqlite:///file:{path.as_posix()}?mode={mode}&uri=true",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
    )
    _begin_explicitly(engine)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        for pragma in (
            "journal_mode=WAL",
            "synchronous=FULL",
            f"foreign_keys={'ON' if foreign_keys else 'OFF'}",
            f"busy_timeout={BUSY_TIMEOUT_MS}",
        ):
            dbapi_connection.execute(f"PRAGMA {pragma}")

    return engine


def _begin_explicitly(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _no_driver_transactions(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        read_only = connection.get_execution_options().get(READ_ONLY_OPTION, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")
