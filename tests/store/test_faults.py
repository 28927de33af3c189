"""Faults of the database file: damage, a full disk, a lock held elsewhere, many writers at
once and kills in the middle of writing. No Qt here."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import event, text

from planner.store import engine as engine_module
from planner.store import repositories as repo
from planner.store.database import Database, open_database
from planner.store.engine import database_path
from planner.store.faults import DamagedDatabaseError, DatabaseBusyError, DiskFullError
from planner.store.health import inspect_database
from tests.conftest import FIXED_NOW
from tests.store.safety_helpers import (
    CORRUPTIONS,
    add_tasks,
    checkpoint,
    digest,
    done_ids,
    integrity,
    pragma,
    set_done,
)


@pytest.fixture
def filled(data_dir: Path) -> Path:
    """A closed database of 200 tasks, folded into its main file."""
    database = open_database(data_dir, now=FIXED_NOW)
    add_tasks(database, 200)
    database.close()
    path = database_path(data_dir)
    checkpoint(path)
    return path


@pytest.mark.parametrize("corruption", sorted(CORRUPTIONS))
def test_a_damaged_file_is_refused_and_left_byte_for_byte(
    filled: Path, data_dir: Path, corruption: str
) -> None:
    CORRUPTIONS[corruption](filled)
    before = digest(filled)

    with pytest.raises(DamagedDatabaseError, match="damaged") as raised:
        open_database(data_dir, now=FIXED_NOW)

    assert "SELECT" not in str(raised.value)
    assert digest(filled) == before
    # Nothing new beside it but SQLite's own journal files of a read-only look.
    assert {p.name for p in data_dir.iterdir()} <= {
        "planner.sqlite3",
        "planner.sqlite3-wal",
        "planner.sqlite3-shm",
    }


def test_the_newer_schema_check_leaves_a_rollback_journal_file_unchanged(
    filled: Path, data_dir: Path
) -> None:
    connection = sqlite3.connect(filled)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.commit()
    connection.close()
    before = digest(filled)

    with pytest.raises(Exception, match="newer version"):
        open_database(data_dir, now=FIXED_NOW)

    assert digest(filled) == before


def test_a_missing_file_is_a_first_run(data_dir: Path) -> None:
    state = inspect_database(database_path(data_dir))
    assert not state.exists
    assert not database_path(data_dir).exists()


@pytest.fixture
def small_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 300)


def test_a_write_waits_for_another_writer_then_succeeds(database: Database) -> None:
    (task,) = add_tasks(database, 1)
    holder = sqlite3.connect(database.path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.5, holder.commit)
    release.start()
    set_done(database, task)  # waits within the busy timeout
    release.join()
    holder.close()
    assert done_ids(database.path) == {task}


def test_a_lock_held_too_long_gives_a_sentence_and_loses_nothing(
    data_dir: Path, small_timeout: None
) -> None:
    database = open_database(data_dir, now=FIXED_NOW)
    first, second = add_tasks(database, 2)
    set_done(database, first)
    holder = sqlite3.connect(database.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseBusyError, match="Another program is using the study data"):
            set_done(database, second)
        # Reading still works and shows what is stored.
        with database.reading() as session:
            assert len(repo.list_tasks(session=session)) == 2
    finally:
        holder.rollback()
        holder.close()
    set_done(database, second)  # works again once the other program is done
    assert done_ids(database.path) == {first, second}
    database.close()


def test_a_full_disk_gives_a_sentence_keeps_what_was_stored_and_recovers(
    data_dir: Path,
) -> None:
    database = open_database(data_dir, now=FIXED_NOW)
    first, second = add_tasks(database, 2)
    set_done(database, first)
    pages = int(pragma(database.path, "page_count"))
    database.engine.dispose()
    limit = _limit_pages(database, pages)

    with pytest.raises(DiskFullError, match="is full, so nothing was changed"):
        add_tasks(database, 2000)
    set_done(database, second)  # small writes still fit: nothing is wedged

    event.remove(database.engine, "connect", limit)
    database.engine.dispose()
    add_tasks(database, 2000)  # space is back: writes work again
    assert done_ids(database.path) == {first, second}
    assert integrity(database.path) == "ok"
    database.close()


def _limit_pages(database: Database, pages: int) -> Callable[..., None]:
    def limit(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 2}")

    event.listen(database.engine, "connect", limit)
    return limit


WRITERS = 20


def test_twenty_writers_at_once_all_succeed_each_once(data_dir: Path) -> None:
    setup = open_database(data_dir, now=FIXED_NOW)
    task_ids = add_tasks(setup, WRITERS)
    setup.close()
    start = threading.Barrier(WRITERS)
    failures: list[BaseException] = []

    def writer(task_id: int) -> None:
        # Each writer has its own engine: to SQLite, a separate program.
        database = open_database(data_dir, now=FIXED_NOW)
        try:
            start.wait()
            for done in (True, False, True):  # read, then write, three times
                set_done(database, task_id, done)
        except BaseException as error:
            failures.append(error)
        finally:
            database.close()

    threads = [threading.Thread(target=writer, args=(task,)) for task in task_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert done_ids(database_path(data_dir)) == set(task_ids)


def _child_ticks(data_dir: Path, report: int) -> None:
    """In a forked child: open the store, then tick tasks off (and some back) for ever,
    reporting each operation before it starts and once it is committed."""
    database = open_database(data_dir, now=FIXED_NOW)
    with database.reading() as session:
        pending = session.exec(  # type: ignore[call-overload]
            text("SELECT id FROM study_task WHERE status = 'pending' ORDER BY id")
        ).scalars()
    os.write(report, b"ready\n")
    rng = random.Random(os.getpid())
    for task_id in list(pending):
        for done in (True, False, True) if rng.random() < 0.2 else (True,):
            os.write(report, f"begin {task_id} {int(done)}\n".encode())
            set_done(database, task_id, done)
            os.write(report, f"acked {task_id} {int(done)}\n".encode())


KILLS = 120


def test_kills_while_ticking_lose_no_acknowledged_tick(data_dir: Path) -> None:
    database = open_database(data_dir, now=FIXED_NOW)
    add_tasks(database, 3000)
    database.close()
    path = database_path(data_dir)
    rng = random.Random(7)
    expected: dict[int, bool] = {}
    kills = acknowledged = 0
    for _ in range(KILLS):
        lines = _run_and_kill(data_dir, rng.uniform(0.0, 0.15))
        kills += 1
        in_flight = None
        for line in lines:
            word, task, done = line.split()
            if word == "begin":
                in_flight = int(task)
            elif word == "acked":
                expected[int(task)] = done == "1"
                acknowledged += 1
                in_flight = None
        assert integrity(path) == "ok"
        stored = done_ids(path)
        lost = [t for t, d in expected.items() if t != in_flight and (t in stored) != d]
        assert lost == [], f"after {kills} kills, acknowledged ticks lost: {lost}"
        if in_flight is not None:
            expected.pop(in_flight, None)
    print(f"\ncrash test: {kills} kills, {acknowledged} acknowledged writes, 0 lost")
    assert acknowledged > KILLS  # the kills came after start-up, among the writes


def _run_and_kill(data_dir: Path, delay: float) -> list[str]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        try:
            _child_ticks(data_dir, write_end)
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as reader:
        assert reader.readline() == b"ready\n"
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        return [line.decode() for line in reader.read().splitlines()]
