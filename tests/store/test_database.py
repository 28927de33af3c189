"""The store: connection settings, migrations, backups and refusals. No Qt here."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from planner.store.database import Database, open_database
from planner.store.engine import database_path
from planner.store.faults import DamagedDatabaseError, StoreError
from planner.store.migrate import NewerSchemaError, head_revision, upgrade_database
from tests.conftest import FIXED_NOW


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_connection_uses_the_required_pragmas(database: Database) -> None:
    with database.engine.connect() as connection:
        values = {
            pragma: connection.exec_driver_sql(f"PRAGMA {pragma}").scalar_one()
            for pragma in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }
    assert values == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "busy_timeout": 5000,
    }


def test_migrating_an_empty_database_gives_the_schema_of_the_tables(data_dir: Path) -> None:
    result = upgrade_database(
        database_path(data_dir), backups_dir=data_dir / "backups", now=FIXED_NOW
    )

    assert result.from_revision is None
    assert result.to_revision == head_revision()
    assert result.backup_path is None  # nothing to back up in a new file
    database = open_database(data_dir, now=FIXED_NOW)
    with database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    database.close()
    assert differences == []


def test_opening_an_up_to_date_database_changes_nothing(data_dir: Path) -> None:
    open_database(data_dir, now=FIXED_NOW).close()
    again = open_database(data_dir, now=FIXED_NOW)
    again.close()
    assert not again.migration.migrated
    assert not (data_dir / "backups").exists()


def test_a_database_from_a_newer_app_is_refused_untouched(data_dir: Path) -> None:
    open_database(data_dir, now=FIXED_NOW).close()
    path = database_path(data_dir)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _digest(path)

    with pytest.raises(
        NewerSchemaError, match=r"newer version of Study Planner.*9999_from_the_future"
    ):
        open_database(data_dir, now=FIXED_NOW)

    assert _digest(path) == before


def test_existing_data_is_backed_up_and_verified_before_migrating(data_dir: Path) -> None:
    path = database_path(data_dir)
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE learner_notes (body TEXT)")
        connection.executemany("INSERT INTO learner_notes VALUES (?)", [("a",), ("b",)])

    result = upgrade_database(path, backups_dir=data_dir / "backups", now=FIXED_NOW)

    assert result.backup_path is not None
    assert result.backup_path.name == f"planner-20261128-093000-before-{head_revision()}.sqlite3"
    with sqlite3.connect(result.backup_path) as copy:
        assert copy.execute("SELECT body FROM learner_notes ORDER BY body").fetchall() == [
            ("a",),
            ("b",),
        ]
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_failing_migration_leaves_the_database_as_it_was(data_dir: Path) -> None:
    path = database_path(data_dir)
    with sqlite3.connect(path) as connection:
        # A clashing table makes the first migration fail half-way through.
        connection.execute("CREATE TABLE study_task (something TEXT)")

    with pytest.raises(Exception, match="study_task"):
        upgrade_database(path, backups_dir=data_dir / "backups", now=FIXED_NOW)

    with sqlite3.connect(path) as connection:
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    assert tables == {"study_task"}


def test_a_file_that_is_not_a_database_gives_a_clear_error(data_dir: Path) -> None:
    database_path(data_dir).write_text("this is not SQLite")
    with pytest.raises(DamagedDatabaseError, match=r"damaged.*not a database"):
        open_database(data_dir, now=FIXED_NOW)


def test_an_open_database_whose_file_went_missing_is_not_recreated_empty(
    database: Database,
) -> None:
    """A file set aside while the store is open (a recovery, say) must not come back as a
    new, empty database when the next unit of work connects."""
    database.close()
    moved = database.path.with_name("set-aside.sqlite3")
    database.path.rename(moved)

    with pytest.raises(StoreError), database.unit_of_work() as session:
        session.connection()  # a session connects on first use

    assert not database.path.exists()
