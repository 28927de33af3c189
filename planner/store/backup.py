"""Verified copies of the live database, made with SQLite's online backup API, thinned by
age; restoring one; moving a damaged database aside.

A backup is written to a ``.partial`` file, checked, then renamed: a crash half-way leaves
every older backup as it was. Backups are kept by age, not by count: the newest of each of
the last :data:`KEEP_DAYS` days that have one, then of each of the :data:`KEEP_WEEKS` weeks
before, then of each of the :data:`KEEP_MONTHS` months before. A backup made before a
change counts as its day's.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from planner.domain.model import TaskStatus
from planner.store.faults import DamagedDatabaseError, translated_faults
from planner.store.health import connect_read_only, inspect_database

BACKUPS_DIRNAME = "backups"
KEEP_DAYS = 12
KEEP_WEEKS = 10
KEEP_MONTHS = 9
DAILY_BACKUP_INTERVAL = timedelta(days=1)
_STALE_PARTIAL = timedelta(hours=1)
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<label>[a-z0-9-]+)\.sqlite3$")
_LABEL = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class BackupError(RuntimeError):
    pass


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: datetime  # UTC
    label: str
    size: int
    tasks_done: int | None  # None when the copy cannot be read


@dataclass(frozen=True)
class RestoreResult:
    restored: Path
    safety_backup: Path | None  # the state just before the restore
    moved_aside: Path | None  # the damaged file that was in the way


def connect(path: Path) -> closing[sqlite3.Connection]:
    """A plain connection to ``path``, closed when the ``with`` block ends (sqlite3's own
    ``with`` only commits, leaving the file open: on Windows it then cannot be moved)."""
    return closing(sqlite3.connect(path))


def backups_dir_for(database: Path) -> Path:
    return database.parent / BACKUPS_DIRNAME


def backup_database(source: Path, backups_dir: Path, *, label: str, now: datetime) -> Path:
    """Copy ``source`` into ``backups_dir`` and check the copy. Never a file copy: that
    could catch a half-written page."""
    if not _LABEL.match(label):
        raise ValueError(f"backup label {label!r} must be lower-case words joined by hyphens")
    with translated_faults(source):
        backups_dir.mkdir(parents=True, exist_ok=True)
        _remove_stale_partials(backups_dir, now)
        target = _free_name(backups_dir, f"{source.stem}-{now:%Y%m%d-%H%M%S}-{label}")
        partial = target.with_name(f".{target.stem}-{os.getpid()}.partial")
        try:
            with connect_read_only(source) as src, connect(partial) as dst:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
            _verify(partial, source)
            _fsync(partial)
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
    return target


def back_up_before_change(database: Path, *, reason: str, now: datetime) -> Path | None:
    """Back up the database at ``database`` now, before a change (an import, a restore, a
    new curriculum...), and thin the older backups. None when there is no database yet.
    ``reason`` names the change in the backup's file name (``before-<reason>``)."""
    return back_up(database, label=f"before-{reason}", now=now)


def back_up_if_due(database: Path, *, now: datetime) -> Path | None:
    """The daily backup: made when the newest backup is older than a day (or there is
    none). None when none was due or there is no database."""
    newest = max((made for _, made, _ in _named_backups(backups_dir_for(database))), default=None)
    if newest is not None and now - newest < DAILY_BACKUP_INTERVAL:
        return None
    return back_up(database, label="daily", now=now)


def back_up(database: Path, *, label: str, now: datetime) -> Path | None:
    """Back up the database at ``database`` into its backups folder and thin the older
    backups; None when there is no database yet."""
    if not database.exists():
        return None
    backups_dir = backups_dir_for(database)
    made = backup_database(database, backups_dir, label=label, now=now)
    thin_backups(backups_dir)
    return made


def thin_backups(backups_dir: Path) -> list[Path]:
    """Remove the backups the age rule does not keep; returns those removed."""
    backups = sorted(_named_backups(backups_dir), key=lambda b: (b[1], b[0].name), reverse=True)
    kept = _kept(backups)
    removed = [path for path, _, _ in backups if path not in kept]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def _kept(backups_newest_first: list[tuple[Path, datetime, str]]) -> set[Path]:
    kept: set[Path] = set()
    remaining = backups_newest_first
    tiers: list[tuple[Callable[[date], date], int]] = [
        (lambda day: day, KEEP_DAYS),
        (lambda day: day - timedelta(days=day.weekday()), KEEP_WEEKS),
        (lambda day: day.replace(day=1), KEEP_MONTHS),
    ]
    for bucket_of, count in tiers:
        buckets: list[date] = []
        for path, made_at, _ in remaining:
            bucket = bucket_of(made_at.date())
            if buckets and bucket == buckets[-1]:
                continue
            if len(buckets) == count:
                break
            buckets.append(bucket)
            kept.add(path)
        if not buckets:
            break
        oldest = buckets[-1]
        remaining = [b for b in remaining if b[1].date() < oldest]
    return kept


def list_backups(backups_dir: Path) -> list[BackupInfo]:
    """The backups in ``backups_dir``, newest first, with how many tasks each had done."""
    infos = [
        BackupInfo(path, made_at, label, _size(path), _tasks_done(path))
        for path, made_at, label in _named_backups(backups_dir)
    ]
    return sorted(infos, key=lambda info: (info.made_at, info.path.name), reverse=True)


def newest_good_backup(backups_dir: Path) -> BackupInfo | None:
    return next((info for info in list_backups(backups_dir) if info.tasks_done is not None), None)


def move_aside(database: Path, *, now: datetime) -> Path:
    """Rename a damaged database (and its journal files) to ``<name>.damaged-<time>``,
    byte for byte: never overwritten, never deleted. Returns the new path."""
    base = f"{database.name}.damaged-{now:%Y%m%d-%H%M%S}"
    target = database.with_name(base)
    number = 1
    while any(database.with_name(target.name + suffix).exists() for suffix in ("", "-wal", "-shm")):
        number += 1
        target = database.with_name(f"{base}-{number}")
    with translated_faults(database):
        for suffix in ("-wal", "-shm"):
            journal = database.with_name(database.name + suffix)
            if journal.exists():
                journal.rename(target.with_name(target.name + suffix))
        database.rename(target)
    return target


def restore_backup(database: Path, backup: Path, *, now: datetime) -> RestoreResult:
    """Make ``backup`` the live database. The current state is backed up first (or, when
    it is damaged, moved aside); the copy goes through SQLite's backup API into the live
    file, so other connections see the restored data at their next transaction."""
    if not backup.is_file():
        raise BackupError(f"{backup} cannot be restored: there is no such file")
    try:
        inspect_database(backup)
    except DamagedDatabaseError as error:
        raise BackupError(f"{backup} cannot be restored: {error.detail}") from error
    safety = moved = None
    try:
        if inspect_database(database).exists:
            # Not thinned now: that could remove the very backup being restored.
            safety = backup_database(
                database, backups_dir_for(database), label="before-restore", now=now
            )
    except DamagedDatabaseError:
        moved = move_aside(database, now=now)
    with translated_faults(database):
        with connect_read_only(backup) as src, connect(database) as dst:
            src.backup(dst)
        with connect(database) as connection:
            connection.execute("PRAGMA journal_mode = WAL")
        _verify_restored(database, backup)
    return RestoreResult(restored=backup, safety_backup=safety, moved_aside=moved)


def user_tables(connection: sqlite3.Connection) -> list[str]:
    """The names of the tables the app made (SQLite's own left out)."""
    return [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]


def _verify(copy: Path, source: Path) -> None:
    problem = _mismatch(copy, source, "integrity_check")
    if problem is not None:
        raise BackupError(
            f"backup of {source} failed verification ({problem}); nothing was changed"
        )


def _verify_restored(database: Path, backup: Path) -> None:
    problem = _mismatch(database, backup, "quick_check")
    if problem is not None:
        raise BackupError(f"restoring {backup} into {database} could not be verified ({problem})")


def _mismatch(copy: Path, original: Path, check: str) -> str | None:
    """What is wrong with ``copy``: the ``PRAGMA check`` result, or different row counts
    from ``original``; None when nothing is."""
    with connect_read_only(copy) as connection:
        result = str(connection.execute(f"PRAGMA {check}").fetchone()[0])
        copied = _row_counts(connection)
    with connect_read_only(original) as connection:
        expected = _row_counts(connection)
    if result != "ok":
        return result
    return None if copied == expected else "the row counts differ"


def _row_counts(connection: sqlite3.Connection) -> dict[str, int]:
    return {
        name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        for name in user_tables(connection)
    }


def _named_backups(backups_dir: Path) -> Iterable[tuple[Path, datetime, str]]:
    if not backups_dir.is_dir():
        return
    for path in backups_dir.glob("*.sqlite3"):
        match = _NAME.match(path.name)
        if match is None:
            continue
        made_at = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
        yield path, made_at, match["label"]


def _free_name(backups_dir: Path, stem: str) -> Path:
    target = backups_dir / f"{stem}.sqlite3"
    number = 1
    while target.exists():
        number += 1
        target = backups_dir / f"{stem}-{number}.sqlite3"
    return target


def _remove_stale_partials(backups_dir: Path, now: datetime) -> None:
    """Copies left by a backup that was killed half-way (never a backup in progress)."""
    for partial in backups_dir.glob(".*.partial"):
        modified = datetime.fromtimestamp(partial.stat().st_mtime, tz=UTC)
        if now - modified > _STALE_PARTIAL:
            partial.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _tasks_done(path: Path) -> int | None:
    try:
        with connect_read_only(path) as connection:
            row = connection.execute(
                "SELECT count(*) FROM study_task WHERE status = ?", (TaskStatus.DONE.value,)
            ).fetchone()
    except sqlite3.Error:
        return None
    return int(row[0])
