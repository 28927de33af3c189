"""Bringing a database to the current schema: backup first, one transaction, refuse the future."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from planner.store.backup import backup_database, connect, user_tables
from planner.store.engine import make_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class StoreError(RuntimeError):
    """The database cannot be opened or brought up to date; nothing was changed."""


class NewerSchemaError(StoreError):
    pass


@dataclass(frozen=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup_path: Path | None

    @property
    def migrated(self) -> bool:
        return self.from_revision != self.to_revision


def _alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None, "the app ships at least one migration"
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _has_user_tables(path: Path) -> bool:
    with connect(path) as connection:
        return bool(user_tables(connection))


def upgrade_database(path: Path, *, backups_dir: Path, now: datetime) -> MigrationResult:
    """Migrate the database at ``path`` to the newest schema this app knows.

    A database written by a newer app is refused untouched. An existing database is backed
    up (and the backup verified) before any change; all migrations then run in a single
    transaction with foreign keys off, checked with ``PRAGMA foreign_key_check`` before
    commit, so a failure leaves the database as it was.
    """
    script = ScriptDirectory.from_config(_alembic_config())
    head = head_revision()
    engine = make_engine(path, foreign_keys=False)
    try:
        current = current_revision(engine)
        if current == head:
            return MigrationResult(current, head, None)
        if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
            raise NewerSchemaError(
                f"{path} was written by a newer version of Study Planner (schema {current}); "
                f"this version knows schema {head} at most. The database was not changed: "
                "update the app to open it."
            )
        backup = None
        if path.exists() and _has_user_tables(path):
            backup = backup_database(path, backups_dir, label=f"before-{head}", now=now)
        with engine.connect() as connection, connection.begin():
            command.upgrade(_alembic_config(connection), "head")
            problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise StoreError(f"{path}: migration left broken references {problems[:5]}")
        return MigrationResult(current, head, backup)
    finally:
        engine.dispose()
