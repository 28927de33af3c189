"""Backups: thinned by age, restored, and safe from a kill half-way. No Qt here."""

from __future__ import annotations

import os
import random
import shutil
import signal
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from planner.store.backup import (
    BackupError,
    back_up,
    back_up_before_change,
    back_up_if_due,
    backup_database,
    backups_dir_for,
    list_backups,
    restore_backup,
    thin_backups,
)
from planner.store.database import Database, open_database
from planner.store.engine import database_path
from tests.conftest import FIXED_NOW
from tests.store.safety_helpers import (
    add_tasks,
    checkpoint,
    digest,
    done_ids,
    flip_bytes,
    integrity,
    set_done,
)

START = datetime(2026, 1, 1, 20, 0, tzinfo=UTC)


@pytest.fixture
def memory_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder in memory where the machine has one (no disk syncs: 400 days run fast)."""
    shm = Path("/dev/shm")
    folder = Path(tempfile.mkdtemp(dir=shm)) if shm.is_dir() else tmp_path
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_four_hundred_days_of_daily_use_keep_twelve_days_ten_weeks_nine_months(
    memory_folder: Path,
) -> None:
    database = open_database(memory_folder, now=FIXED_NOW)
    task_ids = add_tasks(database, 400)
    done_on: dict[str, set[int]] = {}
    for day in range(400):
        now = START + timedelta(days=day)
        set_done(database, task_ids[day])
        made = back_up_if_due(database.path, now=now)
        assert made is not None, f"day {day}: a daily backup was due"
        done_on[made.name] = set(task_ids[: day + 1])
        if day % 30 == 0:  # a change on some days: its backup counts as the day's
            before = back_up_before_change(database.path, reason="import", now=now)
            assert before is not None
            done_on[before.name] = set(task_ids[: day + 1])
        assert back_up_if_due(database.path, now=now + timedelta(hours=3)) is None

    kept = list_backups(backups_dir_for(database.path))
    days = sorted({info.made_at.date() for info in kept}, reverse=True)
    last = (START + timedelta(days=399)).date()
    assert len(kept) == 12 + 10 + 9
    assert days[:12] == [last - timedelta(days=n) for n in range(12)]
    weeks = {day - timedelta(days=day.weekday()) for day in days[12:22]}
    months = {(day.year, day.month) for day in days[22:]}
    assert len(weeks) == 10
    assert len(months) == 9
    assert all(info.tasks_done == len(done_on[info.path.name]) for info in kept)

    # Every kept backup gives back exactly its data.
    for number, info in enumerate(kept):
        target = memory_folder / f"restored-{number}" / "planner.sqlite3"
        target.parent.mkdir()
        result = restore_backup(target, info.path, now=FIXED_NOW)
        assert result.safety_backup is None  # nothing was there to keep
        assert done_ids(target) == done_on[info.path.name]
        assert integrity(target) == "ok"
    database.close()


def test_thinning_keeps_every_backup_of_a_young_folder(tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    backups.mkdir()
    for hour in range(5):
        (backups / f"planner-20261128-{hour:02d}0000-daily.sqlite3").write_bytes(b"")
    (backups / "planner-20261127-090000-before-import.sqlite3").write_bytes(b"")
    removed = thin_backups(backups)
    # One day keeps only its newest; the day before keeps its one.
    assert sorted(p.name for p in removed) == [
        f"planner-20261128-{hour:02d}0000-daily.sqlite3" for hour in range(4)
    ]
    assert len(list(backups.iterdir())) == 2


def test_restore_backs_up_the_current_state_first(database: Database) -> None:
    (first, second) = add_tasks(database, 2)
    set_done(database, first)
    made = back_up(database.path, label="request", now=FIXED_NOW)
    assert made is not None
    set_done(database, second)

    result = restore_backup(database.path, made, now=FIXED_NOW + timedelta(minutes=1))

    assert done_ids(database.path) == {first}
    assert result.safety_backup is not None
    assert done_ids(result.safety_backup) == {first, second}
    # The open engine sees the restored data at its next unit of work.
    with database.reading() as session:
        from planner.store import repositories as repo

        assert [t.id for t in repo.list_tasks(session=session) if t.status == "done"] == [first]


def test_a_damaged_backup_is_refused_and_nothing_changes(database: Database) -> None:
    add_tasks(database, 50)
    made = back_up(database.path, label="request", now=FIXED_NOW)
    assert made is not None
    flip_bytes(made)
    checkpoint(database.path)
    before = digest(database.path)
    with pytest.raises(BackupError, match="cannot be restored"):
        restore_backup(database.path, made, now=FIXED_NOW)
    assert digest(database.path) == before


def test_restore_moves_a_damaged_database_aside_unchanged(data_dir: Path) -> None:
    database = open_database(data_dir, now=FIXED_NOW)
    (task,) = add_tasks(database, 1)
    set_done(database, task)
    add_tasks(database, 60)
    made = back_up(database.path, label="request", now=FIXED_NOW)
    assert made is not None
    database.close()
    path = database_path(data_dir)
    flip_bytes(path)
    damaged = digest(path)

    result = restore_backup(path, made, now=FIXED_NOW)

    assert result.moved_aside is not None
    assert result.moved_aside.name == "planner.sqlite3.damaged-20261128-093000"
    assert digest(result.moved_aside) == damaged
    assert done_ids(path) == {task}


def test_a_kill_during_a_backup_leaves_every_older_backup_intact(database: Database) -> None:
    add_tasks(database, 3000)  # a few MB, so a backup takes long enough to be killed
    older = [
        backup_database(
            database.path, backups_dir_for(database.path), label="daily", now=FIXED_NOW - day
        )
        for day in (timedelta(days=2), timedelta(days=1))
    ]
    digests = {path: digest(path) for path in older}
    rng = random.Random(11)
    kills = 0
    for attempt in range(25):
        pid = os.fork()
        if pid == 0:  # the child backs up until it is killed
            try:
                now = FIXED_NOW + timedelta(seconds=attempt)
                while True:
                    backup_database(
                        database.path, backups_dir_for(database.path), label="daily", now=now
                    )
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0.005, 0.08))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        kills += 1
        assert {path: digest(path) for path in older} == digests
    listed = list_backups(backups_dir_for(database.path))
    assert kills == 25
    assert all(info.tasks_done is not None for info in listed)
    assert set(older) <= {info.path for info in listed}
    assert integrity(database.path) == "ok"
