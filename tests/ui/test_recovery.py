"""The window when the data is in trouble: a damaged file is set aside and a backup offered;
the daily backup; the Backups dialog; a damaged curriculum file never locks the learner out;
a write that cannot get the lock is reverted with a sentence."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from planner.services import tasks
from planner.services.backups import Recovery
from planner.services.context import AppContext
from planner.store.backup import back_up, list_backups
from planner.store.engine import database_path
from planner.ui import backups_dialog, error_reporting
from planner.ui.backend import Backend
from planner.ui.backups_dialog import BackupsDialog, RecoveryChoice
from planner.ui.controller import WindowController
from planner.ui.main_window import MainWindow
from planner.ui.ui_settings import UiSettings
from tests.conftest import FakeClock
from tests.store.safety_helpers import CORRUPTIONS, checkpoint, digest, done_ids

Started = tuple[MainWindow, WindowController]


@pytest.fixture
def shown_errors(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        error_reporting,
        "show_error_dialog",
        lambda _parent, title, message, details="": shown.append((title, message)),
    )
    return shown


@pytest.fixture
def start_window(data_dir: Path, clock: FakeClock, qtbot: QtBot) -> Iterator[Callable[[], Started]]:
    started: list[WindowController] = []

    def start() -> Started:
        window = MainWindow(UiSettings(data_dir), data_dir)
        qtbot.addWidget(window)
        controller = WindowController(window, data_dir, clock)
        window.show()
        controller.start()
        started.append(controller)
        return window, controller

    yield start
    for controller in started:
        controller.shutdown()


def _one_done_and_a_backup(context: AppContext) -> int:
    first = tasks.all_tasks(context)[0]
    assert first.id is not None
    tasks.complete_task(context, first.id)
    assert back_up(context.database.path, label="daily", now=context.now()) is not None
    tasks.complete_task(context, tasks.all_tasks(context)[1].id or 0)
    context.database.close()
    checkpoint(context.database.path)
    return first.id


@pytest.mark.parametrize("corruption", ["flipped-bytes", "truncated", "garbage", "empty"])
def test_a_damaged_file_is_set_aside_unchanged_and_the_newest_backup_restored(
    context: AppContext,
    data_dir: Path,
    start_window: Callable[[], Started],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    corruption: str,
) -> None:
    task_id = _one_done_and_a_backup(context)
    path = database_path(data_dir)
    CORRUPTIONS[corruption](path)
    damaged = digest(path)
    offered: list[tuple[Recovery, str]] = []

    def choose(_parent: object, recovery: Recovery, detail: str) -> RecoveryChoice:
        offered.append((recovery, detail))
        return RecoveryChoice.RESTORE

    monkeypatch.setattr(backups_dialog, "ask_recovery", choose)
    window, _controller = start_window()

    qtbot.waitUntil(lambda: window.page("today") is not None, timeout=20_000)
    ((recovery, detail),) = offered
    assert recovery.moved_to.name.startswith("planner.sqlite3.damaged-")
    assert digest(recovery.moved_to) == damaged
    assert recovery.newest_backup is not None
    assert recovery.newest_backup.tasks_done == 1
    assert detail
    assert done_ids(path) == {task_id}


def test_without_a_backup_the_learner_chooses_and_nothing_starts_silently(
    data_dir: Path,
    start_window: Callable[[], Started],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = database_path(data_dir)
    path.write_bytes(b"")  # a 0-byte file is damage, not a new database
    offered: list[Recovery] = []

    def choose(_parent: object, recovery: Recovery, _detail: str) -> RecoveryChoice:
        offered.append(recovery)
        return RecoveryChoice.QUIT

    monkeypatch.setattr(backups_dialog, "ask_recovery", choose)
    exits: list[int] = []
    monkeypatch.setattr(QApplication, "exit", exits.append)  # not this test run's loop
    _window, controller = start_window()
    qtbot.waitUntil(lambda: bool(offered), timeout=20_000)
    qtbot.waitUntil(lambda: exits == [1], timeout=5_000)
    assert controller.exit_code == 1
    assert offered[0].newest_backup is None
    assert not path.exists()  # moved aside; no empty database made in its place
    assert offered[0].moved_to.read_bytes() == b""


def test_the_daily_backup_runs_once_the_window_is_usable(
    context: AppContext,
    data_dir: Path,
    start_window: Callable[[], Started],
    qtbot: QtBot,
    clock: FakeClock,
) -> None:
    context.database.close()
    window, _controller = start_window()
    qtbot.waitUntil(lambda: window.page("today") is not None, timeout=20_000)
    qtbot.waitUntil(lambda: bool(list_backups(data_dir / "backups")), timeout=10_000)
    (made,) = list_backups(data_dir / "backups")
    assert made.label == "daily"
    assert made.made_at == clock.now.replace(microsecond=0)


def test_a_damaged_curriculum_file_falls_back_to_the_built_in_one(
    context: AppContext, data_dir: Path, start_window: Callable[[], Started], qtbot: QtBot
) -> None:
    context.database.close()
    (data_dir / "curriculum.yaml").write_text("topics: [\n")
    window, _controller = start_window()
    qtbot.waitUntil(lambda: window.page("today") is not None, timeout=20_000)
    view = window.page("curriculum")
    assert window.current_page() == "curriculum"
    assert view.error_panel.isVisibleTo(window)  # type: ignore[attr-defined]
    assert "curriculum.yaml" in view.error_label.text()  # type: ignore[attr-defined]
    assert view.builtin_button.isEnabled()  # type: ignore[attr-defined]
    assert "your own file could not be read" in view.source_label.text()  # type: ignore[attr-defined]
    assert view.model.curriculum.topics  # type: ignore[attr-defined]


def test_the_backups_dialog_lists_backs_up_and_restores(
    context: AppContext,
    data_dir: Path,
    backend: Backend,
    qtbot: QtBot,
    qtmodeltester: object,
    monkeypatch: pytest.MonkeyPatch,
    clock: FakeClock,
) -> None:
    first = tasks.all_tasks(context)[0].id or 0
    tasks.complete_task(context, first)
    back_up(context.database.path, label="daily", now=clock.now - timedelta(days=1))
    dialog = BackupsDialog(backend, data_dir)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]
    assert dialog.model.index(0, 3).data() == "1"

    tasks.complete_task(context, tasks.all_tasks(context)[1].id or 0)
    dialog.back_up_now()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=10_000)
    assert dialog.model.index(0, 1).data() == "On request"
    assert dialog.model.index(0, 3).data() == "2"

    monkeypatch.setattr(backups_dialog, "ask_restore", lambda _parent, _info: True)
    clock.now += timedelta(minutes=5)
    dialog.table.selectRow(1)  # yesterday's, with one task done
    with qtbot.waitSignal(backend.changed, timeout=10_000):
        dialog.restore_selected()
    assert done_ids(database_path(data_dir)) == {first}
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 3, timeout=10_000)
    assert dialog.model.index(0, 1).data() == "Before restore"
    assert "Restored" in dialog.status.text()


def test_a_tick_that_cannot_get_the_lock_is_reverted_with_a_sentence(
    context: AppContext,
    data_dir: Path,
    start_window: Callable[[], Started],
    qtbot: QtBot,
    shown_errors: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sqlite3

    from planner.store import engine

    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)
    context.database.close()
    window, controller = start_window()
    qtbot.waitUntil(lambda: window.page("today") is not None, timeout=20_000)
    assert controller.backend is not None
    controller.backend.wait_until_idle()
    holder = sqlite3.connect(database_path(data_dir), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        first = tasks.all_tasks(context)[0].id or 0
        controller.backend.mutate(lambda c: tasks.complete_task(c, first))
        qtbot.waitUntil(lambda: bool(shown_errors), timeout=10_000)
    finally:
        holder.rollback()
        holder.close()
    _title, message = shown_errors[0]
    assert "Another program is using the study data" in message
    assert "SELECT" not in message
    assert "BEGIN" not in message
    assert done_ids(database_path(data_dir)) == set()


def test_a_read_only_folder_shows_the_plan_and_refuses_changes_with_a_sentence(
    context: AppContext,
    data_dir: Path,
    start_window: Callable[[], Started],
    qtbot: QtBot,
    shown_errors: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from planner.store import database
    from planner.store.faults import ReadOnlyError

    def read_only_folder(path: Path, **_kwargs: object) -> None:
        raise ReadOnlyError(path)  # what opening for writing meets in a read-only folder

    monkeypatch.setattr(database, "upgrade_database", read_only_folder)
    first = tasks.all_tasks(context)[0].id or 0
    context.database.close()
    before = digest(database_path(data_dir))
    window, controller = start_window()
    qtbot.waitUntil(lambda: window.page("today") is not None, timeout=20_000)
    assert controller.backend is not None
    assert controller.backend.context.database.read_only
    notice = window.statusBar().findChild(QLabel, "readOnlyNotice")
    assert notice is not None
    assert "cannot be written to" in notice.text()

    controller.backend.mutate(lambda c: tasks.complete_task(c, first))
    qtbot.waitUntil(lambda: bool(shown_errors), timeout=10_000)
    assert "cannot be written to" in shown_errors[0][1]
    controller.backend.wait_until_idle()
    assert digest(database_path(data_dir)) == before
    assert not (data_dir / "backups").exists()  # no daily backup into a read-only folder


def test_damage_found_while_the_window_is_open_leads_to_the_same_recovery(
    context: AppContext,
    data_dir: Path,
    start_window: Callable[[], Started],
    qtbot: QtBot,
    shown_errors: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    task_id = _one_done_and_a_backup(context)
    window, controller = start_window()
    qtbot.waitUntil(lambda: window.page("today") is not None, timeout=20_000)
    backend = controller.backend
    assert backend is not None
    backend.wait_until_idle()
    qtbot.waitUntil(lambda: not backend.runner.is_busy, timeout=10_000)
    path = database_path(data_dir)
    backend.context.database.close()  # the next unit of work reads the file afresh
    checkpoint(path)
    CORRUPTIONS["flipped-bytes"](path)
    offered: list[Recovery] = []

    def choose(_parent: object, recovery: Recovery, _detail: str) -> RecoveryChoice:
        offered.append(recovery)
        return RecoveryChoice.RESTORE

    monkeypatch.setattr(backups_dialog, "ask_recovery", choose)
    with qtbot.waitSignal(backend.changed, timeout=20_000):
        backend.mutate(lambda c: tasks.complete_task(c, task_id + 5))
        qtbot.waitUntil(lambda: bool(offered), timeout=20_000)
    assert shown_errors == []  # no "something went wrong": the recovery instead
    # Set aside, not deleted (SQLite may have folded the session's last writes into it).
    assert offered[0].moved_to.exists()
    assert done_ids(path) == {task_id}
    assert backend.context.database.quick_check() == "ok"
