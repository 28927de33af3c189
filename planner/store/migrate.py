"""Bringing a database to the current schema: backup first, one transaction, refuse the future."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from planner.store.backup import backup_database, thin_backups, user_tables
from planner.store.engine import make_engine
from planner.store.faults import NewerSchemaError, StoreError
from planner.store.health import connect_read_only, inspect_database

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


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


def known_revisions() -> tuple[str, set[str]]:
    """The newest schema this app knows, and every schema it can migrate from."""
    script = ScriptDirectory.from_config(_alembic_config())
    head = script.get_current_head()
    assert head is not None, "the app ships at least one migration"
    return head, {revision.revision for revision in script.walk_revisions()}


def head_revision() -> str:
    return known_revisions()[0]


def upgrade_database(path: Path, *, backups_dir: Path, now: datetime) -> MigrationResult:
    """Migrate the database at ``path`` to the newest schema this app knows.

    The file is first checked read-only (:func:`inspect_database`): a damaged file or one
    written by a newer app is refused without a byte changed. An existing database is backed
    up (and the backup verified) before any change; all migrations then run in a single
    transaction with foreign keys off, checked with ``PRAGMA foreign_key_check`` before
    commit, so a failure leaves the database as it was.
    """
    state = inspect_database(path)
    current = state.revision
    head, known = known_revisions()
    if current == head:
        return MigrationResult(current, head, None)
    if current is not None and current not in known:
        raise NewerSchemaError(
            f"{path} was written by a newer version of Study Planner (schema {current}); "
            f"this version knows schema {head} at most. The database was not changed: "
            "update the app to open it."
        )
    backup = None
    if state.exists and _has_user_tables(path):
        backup = backup_database(path, backups_dir, label=f"before-{head}", now=now)
        thin_backups(backups_dir)
    engine = make_engine(path, foreign_keys=False, create=True)
    try:
        with engine.connect() as connection, connection.begin():
            command.upgrade(_alembic_config(connection), "head")
            problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise StoreError(f"{path}: migration left broken references {problems[:5]}")
        return MigrationResult(current, head, backup)
    finally:
        engine.dispose()


def _has_user_tables(path: Path) -> bool:
    with connect_read_only(path) as connection:
        return bool(user_tables(connection))
