"""The real window, as the app builds it: views, navigation, menus, errors, start-up."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from planner import __version__
from planner.services.context import AppContext
from planner.ui import error_reporting
from planner.ui.controller import WindowController
from planner.ui.main_window import PAGES, MainWindow
from planner.ui.single_instance import ask_running_instance_to_activate, server_name
from planner.ui.ui_settings import UiSettings
from tests.conftest import FakeClock

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def window(
    context: AppContext, data_dir: Path, clock: FakeClock, qtbot: QtBot
) -> Iterator[tuple[MainWindow, WindowController]]:
    context.database.close()  # the window opens its own
    main_window = MainWindow(UiSettings(data_dir), data_dir)
    qtbot.addWidget(main_window)
    controller = WindowController(main_window, data_dir, clock)
    main_window.show()
    controller.start()
    qtbot.waitUntil(lambda: main_window.page("today") is not None, timeout=10_000)
    yield main_window, controller
    controller.shutdown()


def test_a_learner_with_a_plan_lands_on_today(window: tuple[MainWindow, WindowController]) -> None:
    main_window, _ = window
    assert main_window.current_page() == "today"
    assert {page.key for page in PAGES} == {
        key for key in (p.key for p in PAGES) if main_window.page(key) is not None
    }


def test_every_view_is_reachable_by_its_shortcut(
    window: tuple[MainWindow, WindowController], qtbot: QtBot
) -> None:
    main_window, _ = window
    for key, shortcut in (
        ("plan", Qt.Key.Key_2),
        ("progress", Qt.Key.Key_3),
        ("today", Qt.Key.Key_1),
    ):
        qtbot.keyClick(main_window, shortcut, Qt.KeyboardModifier.ControlModifier)
        assert main_window.current_page() == key


def test_about_names_the_version_and_data_folder(
    window: tuple[MainWindow, WindowController], data_dir: Path
) -> None:
    main_window, _ = window
    text = main_window.about_text()
    assert __version__ in text
    assert str(data_dir) in text


def test_the_last_view_and_window_size_are_remembered(
    window: tuple[MainWindow, WindowController], data_dir: Path
) -> None:
    main_window, _ = window
    main_window.show_page("progress")
    main_window.resize(760, 560)
    main_window.close()

    again = MainWindow(UiSettings(data_dir), data_dir)
    assert (again.size().width(), again.size().height()) == (760, 560)
    assert again.settings.last_view == "progress"
    again.deleteLater()


def test_an_unhandled_error_is_logged_and_shown_and_the_app_goes_on(
    window: tuple[MainWindow, WindowController],
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        error_reporting,
        "show_error_dialog",
        lambda _parent, title, message, details="": shown.append((title, message)),
    )
    main_window, controller = window
    try:
        raise RuntimeError("disk on fire")
    except RuntimeError as error:
        controller.reporter.report(error)

    assert shown
    assert "disk on fire" in shown[0][1]
    log = (data_dir / "logs" / "study-planner.log").read_text()
    assert "RuntimeError: disk on fire" in log
    assert "Traceback" in log
    assert main_window.isVisible()


def _app_command(data_dir: Path, *extra: str) -> list[str]:
    return [sys.executable, "main.py", "--data-dir", str(data_dir), *extra]


def _environment() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def test_self_test_opens_checks_paints_and_exits_zero(context: AppContext, data_dir: Path) -> None:
    context.database.close()
    result = subprocess.run(
        _app_command(data_dir, "--self-test"),
        cwd=ROOT, env=_environment(), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "self-test passed" in result.stdout


def test_self_test_fails_clearly_on_a_broken_database(data_dir: Path) -> None:
    (data_dir / "planner.sqlite3").write_bytes(b"definitely not SQLite" * 100)
    result = subprocess.run(
        _app_command(data_dir, "--self-test"),
        cwd=ROOT, env=_environment(), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode != 0
    assert "self-test failed" in result.stderr
    assert "not a database" in result.stderr


def test_a_second_launch_hands_over_to_the_running_app(
    context: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    context.database.close()
    first = subprocess.Popen(
        _app_command(data_dir), cwd=ROOT, env=_environment(),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        name = server_name(data_dir)
        qtbot.waitUntil(lambda: ask_running_instance_to_activate(name), timeout=60_000)
        second = subprocess.run(
            _app_command(data_dir), cwd=ROOT, env=_environment(),
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert second.returncode == 0
        assert "already running" in second.stdout
        assert first.poll() is None  # the first app is still up
        # A self-test checks its own launch instead of handing over.
        self_test = subprocess.run(
            _app_command(data_dir, "--self-test"), cwd=ROOT, env=_environment(),
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert self_test.returncode == 0, self_test.stderr
        assert "self-test passed" in self_test.stdout
    finally:
        first.terminate()
        first.wait(timeout=30)


def test_no_application_leaks_between_tests() -> None:
    assert QApplication.instance() is not None


def test_the_task_menu_offers_the_shown_views_actions(
    window: tuple[MainWindow, WindowController],
) -> None:
    main_window, _ = window

    def offered() -> list[str]:
        return [a.text().replace("&", "") for a in main_window.task_menu.actions()]

    main_window.show_page("plan")
    assert "Move to Date…" in offered()
    assert main_window.task_menu.isEnabled()
    main_window.show_page("today")
    assert offered() == ["Tick Off or Reopen"]
    main_window.show_page("progress")
    assert offered() == []
    assert not main_window.task_menu.isEnabled()
