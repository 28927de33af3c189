"""Backups of the learner's data: before a change, once a day, listed, restored; and the
way back from a damaged database file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from planner.services.context import AppContext
from planner.store import backup as store
from planner.store.backup import BackupInfo, RestoreResult
from planner.store.engine import database_path


def back_up_before_change(context: AppContext, reason: str) -> Path | None:
    """Back up the learner's data now, before a change such as an import; ``reason``
    names the change (``import``, ``curriculum``...). Older backups are thinned by age.
    None when there is no database file yet."""
    return store.back_up_before_change(context.database.path, reason=reason, now=context.now())


def back_up_if_due(context: AppContext) -> Path | None:
    """The daily backup, when the newest is more than a day old."""
    return store.back_up_if_due(context.database.path, now=context.now())


def back_up_now(data_dir: Path, now: datetime) -> Path | None:
    """A backup the learner asked for; None when there is no data yet."""
    return store.back_up(database_path(data_dir), label="request", now=now)


def list_backups(data_dir: Path) -> list[BackupInfo]:
    return store.list_backups(store.backups_dir_for(database_path(data_dir)))


def restore(data_dir: Path, backup: Path, now: datetime) -> RestoreResult:
    """Make ``backup`` the learner's data, after backing up the current state (or moving
    it aside when it is damaged)."""
    return store.restore_backup(database_path(data_dir), backup, now=now)


@dataclass(frozen=True)
class Recovery:
    """A damaged database moved out of the way, and the backup that could replace it."""

    moved_to: Path
    newest_backup: BackupInfo | None


def set_damaged_file_aside(data_dir: Path, now: datetime) -> Recovery:
    """Rename the damaged database byte for byte and find the newest readable backup."""
    path = database_path(data_dir)
    moved = store.move_aside(path, now=now)
    return Recovery(moved, store.newest_good_backup(store.backups_dir_for(path)))
