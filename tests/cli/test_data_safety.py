"""The command line when the data is in trouble: damaged, locked, read-only, full, fought
over by many writers; its backups; and fuzzed input. Every fault is one sentence."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from planner.store.engine import database_path
from tests.cli.test_cli import ROOT, one_line_error, run
from tests.store.safety_helpers import CORRUPTIONS, checkpoint, digest, done_ids


@pytest.fixture
def data(planned: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(planned, folder)
    return folder


def _first_task_ids(data: Path, count: int) -> list[int]:
    connection = sqlite3.connect(database_path(data))
    try:
        rows = connection.execute("SELECT id FROM study_task ORDER BY id LIMIT ?", (count,))
        return [row[0] for row in rows]
    finally:
        connection.close()


def test_backup_then_restore_brings_the_ticks_back(data: Path) -> None:
    first, second = _first_task_ids(data, 2)
    run(data, "done", str(first))
    made = run(data, "backup").stdout
    assert made.startswith("Backed up to ")
    run(data, "done", str(second))
    listed = run(data, "backup", "--list").stdout.splitlines()
    assert len(listed) == 1
    assert "1 tasks done" in listed[0]

    restored = run(data, "restore", listed[0].split()[0]).stdout

    assert "backed up in" in restored
    assert done_ids(database_path(data)) == {first}


@pytest.fixture(scope="module")
def backed_up(planned: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the planned folder with its first task done and one backup of that."""
    folder = tmp_path_factory.mktemp("backed-up") / "data"
    shutil.copytree(planned, folder)
    run(folder, "done", str(_first_task_ids(folder, 1)[0]))
    run(folder, "backup")
    checkpoint(database_path(folder))
    return folder


@pytest.mark.parametrize("corruption", sorted(CORRUPTIONS))
def test_a_damaged_database_is_refused_untouched_and_restore_moves_it_aside(
    backed_up: Path, tmp_path: Path, corruption: str
) -> None:
    data = tmp_path / "data"
    shutil.copytree(backed_up, data)
    (task,) = _first_task_ids(backed_up, 1)
    path = database_path(data)
    CORRUPTIONS[corruption](path)
    damaged = digest(path)

    error = one_line_error(run(data, "done", str(task + 1), check=False))
    assert "is damaged" in error
    assert "study-planner restore FILE" in error
    assert digest(path) == damaged

    (backup,) = (data / "backups").iterdir()
    result = run(data, "restore", backup.name)
    assert "moved aside, unchanged" in result.stdout
    (aside,) = data.glob("planner.sqlite3.damaged-*[0-9]")
    assert digest(aside) == damaged
    assert done_ids(path) == {task}


def test_reading_a_damaged_database_is_refused_too(backed_up: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(backed_up, data)
    path = database_path(data)
    CORRUPTIONS["flipped-bytes"](path)
    damaged = digest(path)
    for command in (["status"], ["today", "--json"]):
        assert "is damaged" in one_line_error(run(data, *command, check=False))
    assert digest(path) == damaged


def test_a_locked_database_gives_a_sentence_not_sql(data: Path) -> None:
    (task,) = _first_task_ids(data, 1)
    holder = sqlite3.connect(database_path(data), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        error = one_line_error(run(data, "done", str(task), check=False))
    finally:
        holder.rollback()
        holder.close()
    assert "Another program is using the study data" in error
    assert "BEGIN" not in error
    assert done_ids(database_path(data)) == set()
    run(data, "done", str(task))  # and it works once the other program lets go


WRITERS = 20


def test_twenty_commands_at_once_all_succeed(data: Path) -> None:
    task_ids = _first_task_ids(data, WRITERS)
    environment = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    processes = [
        subprocess.Popen(
            [sys.executable, "main.py", "--data-dir", str(data), "done", str(task)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environment,
        )
        for task in task_ids
    ]
    failures = []
    for process in processes:
        _out, err = process.communicate(timeout=180)
        if process.returncode != 0:
            failures.append(err.strip())
    assert failures == []
    assert done_ids(database_path(data)) == set(task_ids)


def _can_mount() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


needs_mount = pytest.mark.skipif(
    not _can_mount(),
    reason="needs a private mount namespace (unshare -m) for a read-only "
    "or full file system; the full disk is also covered by tests/store/test_faults.py",
)


def _in_namespace(setup: str, data: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    command = f"{setup} && exec {sys.executable} main.py --data-dir {data} {' '.join(arguments)}"
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


READ_ONLY = "mount --bind {0} {0} && mount -o remount,bind,ro {0}"


@needs_mount
def test_a_read_only_data_folder_shows_the_data_and_refuses_changes_in_a_sentence(
    data: Path,
) -> None:
    (task,) = _first_task_ids(data, 1)
    before = digest(database_path(data))
    shown = _in_namespace(READ_ONLY.format(data), data, "today", "--date", "2031-03-03")
    assert shown.returncode == 0, shown.stderr
    assert f"{task}  " in shown.stdout
    for command in (["done", str(task)], ["backup"]):
        result = _in_namespace(READ_ONLY.format(data), data, *command)
        assert result.returncode == 1
        assert "cannot be written to" in one_line_error(result)
    assert digest(database_path(data)) == before
    run(data, "done", str(task))  # writable again: it works


@needs_mount
def test_the_window_starts_in_a_read_only_data_folder(data: Path) -> None:
    result = _in_namespace(READ_ONLY.format(data), data, "--self-test")
    assert result.returncode == 0, result.stderr
    assert "self-test passed" in result.stdout
    assert "logging to the terminal" in result.stderr


@needs_mount
def test_a_full_disk_gives_a_sentence_and_keeps_the_data(data: Path, tmp_path: Path) -> None:
    size = database_path(data).stat().st_size
    tiny = tmp_path / "tiny"
    tiny.mkdir()
    full = (
        f"mount -t tmpfs -o size={size + 64 * 1024} tmpfs {tiny} && cp -a {data}/. {tiny}/ && "
        f"head -c {40 * 1024} /dev/zero > {tiny}/filler; true"
    )
    (task,) = _first_task_ids(data, 1)
    for command in (["done", str(task)], ["restore", str(database_path(data))]):
        result = _in_namespace(full, tiny, *command)
        assert result.returncode == 1
        message = one_line_error(result)
        assert "is full, so nothing was changed" in message, message
    assert done_ids(database_path(data)) == set()
