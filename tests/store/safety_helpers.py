"""Shared by the data-safety tests: a database of tasks, tick-offs and corruption."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from planner.domain.model import StudyTask, TaskKind, TaskStatus
from planner.store import repositories as repo
from planner.store.database import Database

FIRST_DAY = date(2026, 1, 5)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def add_tasks(database: Database, count: int) -> list[int]:
    tasks = [
        StudyTask(
            title=f"task {n}",
            kind=TaskKind.LEARN,
            minutes=30,
            scheduled_date=FIRST_DAY + timedelta(days=n),
            notes="x" * 200,
        )
        for n in range(count)
    ]
    with database.unit_of_work() as session:
        stored = repo.add_tasks(tasks, session=session)
    return [task.id for task in stored if task.id is not None]


def set_done(database: Database, task_id: int, done: bool = True) -> None:
    """Read, then write, in one unit of work: the pattern that needs BEGIN IMMEDIATE."""
    with database.unit_of_work() as session:
        task = repo.get_task(task_id, session=session)
        status = TaskStatus.DONE if done else TaskStatus.PENDING
        repo.update_task(replace(task, status=status), session=session)


def done_ids(path: Path) -> set[int]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT id FROM study_task WHERE status = 'done'").fetchall()
    connection.close()
    return {row[0] for row in rows}


def pragma(path: Path, name: str) -> str:
    """The first value ``PRAGMA name`` gives on the database at ``path``."""
    connection = sqlite3.connect(path)
    try:
        return str(connection.execute(f"PRAGMA {name}").fetchone()[0])
    finally:
        connection.close()


def integrity(path: Path) -> str:
    return pragma(path, "integrity_check")


def checkpoint(path: Path) -> None:
    """Fold the write-ahead log into the main file, so damage to the file is damage."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def flip_bytes(path: Path) -> None:
    """Overwrite 1 KiB in the middle of the file (what a failing disk or a bad copy does)."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 1024] = bytes((b ^ 0xFF) for b in data[middle : middle + 1024])
    path.write_bytes(bytes(data))


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def garbage(path: Path) -> None:
    path.write_bytes(b"\x89PNG not a database at all\n" * 500)


def damaged_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[0:16] = b"SQLite format 9\x00"
    path.write_bytes(bytes(data))


def emptied(path: Path) -> None:
    path.write_bytes(b"")


CORRUPTIONS = {
    "flipped-bytes": flip_bytes,
    "truncated": truncate,
    "garbage": garbage,
    "damaged-header": damaged_header,
    "empty": emptied,
}
