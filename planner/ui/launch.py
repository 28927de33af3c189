"""Starting the window: one instance per data folder, the frame first, the data after."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from planner import __version__
from planner.domain.clock import system_clock
from planner.paths import data_dir
from planner.ui.controller import WindowController
from planner.ui.main_window import MainWindow
from planner.ui.single_instance import (
    SingleInstance,
    ask_running_instance_to_activate,
    server_name,
)
from planner.ui.theme import apply_theme
from planner.ui.ui_settings import UiSettings

# Only what the style does not give: page headings stand out from the text below them.
STYLE_SHEET = (
    "QLabel#heading { font-size: 15pt; font-weight: 600; }"
    "QLabel#subheading { font-size: 12pt; font-weight: 600; }"
)


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Study Planner")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("StudyPlanner")
    app.setDesktopFileName("study-planner")
    app.setStyle("Fusion")
    app.setStyleSheet(STYLE_SHEET)
    return app


def run_window(arguments: argparse.Namespace) -> int:
    app = make_application()
    directory = data_dir(arguments.data_dir)
    name = server_name(directory)
    if ask_running_instance_to_activate(name):
        print("Study Planner is already running with this data folder: brought it forward.")
        return 0
    instance = SingleInstance(name)
    settings = UiSettings(directory)
    apply_theme(settings.theme)
    window = MainWindow(settings, directory)
    controller = WindowController(window, directory, system_clock, self_test=arguments.self_test)
    instance.activation_requested.connect(controller.bring_forward)
    window.show()
    QTimer.singleShot(0, controller.start)
    code = app.exec()
    controller.shutdown()
    instance.close()
    return code or controller.exit_code
