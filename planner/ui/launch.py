"""Starting the window: one instance per data folder, the frame first, the data after.

Only what the first paint needs is imported here; the controller (and through it the
store and the views) is imported once the frame is on screen.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from planner import __version__
from planner.paths import create_data_dir, data_dir, database_path, resources_dir
from planner.ui.main_window import MainWindow, when_painted
from planner.ui.single_instance import claim_instance, hand_over, server_name
from planner.ui.theme import apply_theme
from planner.ui.ui_settings import UiSettings

if TYPE_CHECKING:
    from planner.ui.controller import WindowController


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Study Planner")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("StudyPlanner")
    app.setDesktopFileName("study-planner")
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "study-planner.svg")))
    return app


def build_window(directory: Path) -> MainWindow:
    """The window's frame in the learner's theme, with its settings from ``directory``."""
    settings = UiSettings(directory)
    apply_theme(settings.theme)
    return MainWindow(settings, directory)


class _Startup:
    """Starts the controller after the first paint and remembers it for shutdown."""

    def __init__(self, window: MainWindow, directory: Path, self_test: bool) -> None:
        self._window, self._directory, self._self_test = window, directory, self_test
        self.controller: WindowController | None = None

    def start(self) -> None:
        from planner.domain.clock import system_clock
        from planner.ui.controller import WindowController

        self.controller = WindowController(
            self._window, self._directory, system_clock, self_test=self._self_test
        )
        self.controller.start()

    def finish(self) -> int:
        if self.controller is None:
            return 0
        self.controller.shutdown()
        return self.controller.exit_code


def run_window(arguments: argparse.Namespace) -> int:
    try:
        directory = data_dir(arguments.data_dir)
    except NotADirectoryError as error:
        print(f"study-planner: error: {error}", file=sys.stderr)
        return 1
    if arguments.self_test and not database_path(directory).exists():
        # Nothing to check yet: check a temporary store, so the learner's folder stays as
        # it was (no database, no settings, no logs).
        print(f"No store in {directory} yet: checking a temporary one.")
        with tempfile.TemporaryDirectory(prefix="study-planner-self-test-") as temporary:
            return _run_window(Path(temporary), self_test=True)
    try:
        create_data_dir(directory)
    except OSError as error:
        print(f"study-planner: error: cannot create the data folder {directory}: {error}",
              file=sys.stderr)  # fmt: skip
        return 1
    return _run_window(directory, self_test=arguments.self_test)


def _run_window(directory: Path, *, self_test: bool) -> int:
    app = make_application()
    instance = None
    # A self-test checks this launch's store and window, so it never hands over.
    if not self_test:
        name = server_name(directory)
        instance = claim_instance(name)
        if instance is None:
            answered = hand_over(name)
            print(
                "Study Planner is already running with this data folder: brought it forward."
                if answered
                else "Study Planner is already starting with this data folder."
            )
            return 0
    window = build_window(directory)
    if instance is not None:
        instance.activation_requested.connect(window.bring_forward)
    startup = _Startup(window, directory, self_test)
    # Start only once the frame is painted, so its first paint waits for no import.
    when_painted(window, startup.start)
    window.show()
    code = app.exec()
    exit_code = startup.finish()
    if instance is not None:
        instance.close()
    return code or exit_code
