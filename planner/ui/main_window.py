"""The main window's frame: navigation, menus, the undo stack and the status bar.

It imports nothing from the store, so it can be shown before the database is opened; the
views are installed once the learner's data is ready.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from planner import __version__
from planner.ui.accessibility import focus_first
from planner.ui.ui_settings import UiSettings

# The window's smallest and first sizes, in lines of text (the font's line height), so
# they grow with a larger font: 46 by 30 lines is 720 by 480 pixels at the usual 10 pt,
# and the first size, 1200 by 780 there, is capped by the screen.
_MINIMUM_LINES = (46, 30)
_DEFAULT_LINES = (76, 50)


class _PaintWatcher(QObject):
    """Calls back once, on the next turn of the event loop after the widget was painted."""

    def __init__(self, widget: QWidget, on_painted: Callable[[], None]) -> None:
        super().__init__(widget)
        self._on_painted = on_painted
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._on_painted)
        return False


def when_painted(widget: QWidget, callback: Callable[[], None]) -> None:
    _PaintWatcher(widget, callback)


@runtime_checkable
class HasMenuActions(Protocol):
    """A view with actions on its selected task, offered in the window's Task menu."""

    def menu_actions(self) -> list[QAction]: ...


@dataclass(frozen=True)
class Page:
    key: str
    title: str
    shortcut: str


PAGES = (
    Page("today", "Today", "Ctrl+1"),
    Page("plan", "Plan", "Ctrl+2"),
    Page("progress", "Progress", "Ctrl+3"),
    Page("curriculum", "Curriculum", "Ctrl+4"),
    Page("certifications", "Certifications", "Ctrl+5"),
    Page("settings", "Settings", "Ctrl+,"),
)


class MainWindow(QMainWindow):
    load_curriculum_requested = Signal()
    backups_requested = Signal()

    def __init__(self, settings: UiSettings, data_dir: Path) -> None:
        super().__init__()
        self.setWindowTitle("Study Planner")
        self.setMinimumSize(self.size_in_lines(_MINIMUM_LINES))
        self.settings = settings
        self.data_dir = data_dir
        self.undo_stack = QUndoStack(self)
        self._pages: dict[str, QWidget] = {}
        self._stack = QStackedWidget()
        self._loading = QLabel("Opening your study plan…")
        self._loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._stack.addWidget(self._loading)
        self.setCentralWidget(self._stack)
        self._nav_actions: dict[str, QAction] = {}
        self._build_navigation()
        self._build_menus()
        self.statusBar().showMessage("Starting…")
        if settings.geometry is not None:
            self.restoreGeometry(settings.geometry)
        else:
            self.resize(self._default_size())

    # Pages -----------------------------------------------------------------------------

    def install_pages(self, pages: dict[str, QWidget]) -> None:
        for key, widget in pages.items():
            self._pages[key] = widget
            self._stack.addWidget(widget)
        for action in self._nav_actions.values():
            action.setEnabled(True)
        self.backups_action.setEnabled(True)
        if self.settings.window_state is not None:
            self.restoreState(self.settings.window_state)
        self.show_page(self.settings.last_view if self.settings.last_view in pages else "today")

    def show_page(self, key: str) -> None:
        widget = self._pages.get(key)
        if widget is None:
            return
        self._stack.setCurrentWidget(widget)
        self._nav_actions[key].setChecked(True)
        self._offer_task_actions(widget)
        self.settings.last_view = key
        focus_first(widget)

    def _offer_task_actions(self, widget: QWidget) -> None:
        self.task_menu.clear()
        actions = widget.menu_actions() if isinstance(widget, HasMenuActions) else []
        self.task_menu.addActions(actions)
        self.task_menu.setEnabled(bool(actions))

    def add_file_actions(self, actions: list[QAction]) -> None:
        """Put ``actions`` in the File menu, after loading a curriculum and before Quit."""
        self.file_menu.insertSeparator(self._file_transfer_separator)
        self.file_menu.insertActions(self._file_transfer_separator, actions)

    def page(self, key: str) -> QWidget | None:
        return self._pages.get(key)

    def current_page(self) -> str | None:
        current = self._stack.currentWidget()
        return next((key for key, widget in self._pages.items() if widget is current), None)

    def bring_forward(self) -> None:
        """Another launch asked for this window: un-minimize it and raise it."""
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        self.raise_()
        self.activateWindow()

    def show_message(self, text: str, timeout_ms: int = 5000) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def size_in_lines(self, lines: tuple[int, int]) -> QSize:
        line = self.fontMetrics().height()
        return QSize(lines[0] * line, lines[1] * line)

    def _default_size(self) -> QSize:
        wanted = self.size_in_lines(_DEFAULT_LINES)
        available = self.screen().availableSize()
        return wanted.boundedTo(available).expandedTo(self.minimumSize())

    # Frame -----------------------------------------------------------------------------

    def _build_navigation(self) -> None:
        bar = QToolBar("Navigation")
        bar.setObjectName("navigation")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.setAccessibleName("Views")
        group = QActionGroup(self)
        for page in PAGES:
            action = QAction(page.title, self, checkable=True)
            action.setShortcut(QKeySequence(page.shortcut))
            action.setToolTip(f"{page.title} ({QKeySequence(page.shortcut).toString()})")
            action.setEnabled(False)
            action.triggered.connect(lambda _=False, key=page.key: self.show_page(key))
            group.addAction(action)
            bar.addAction(action)
            # Tool bar buttons take no focus by default: these are the way between views.
            bar.widgetForAction(action).setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self._nav_actions[page.key] = action
        self.addToolBar(Qt.ToolBarArea.LeftToolBarArea, bar)

    def _build_menus(self) -> None:
        menus = self.menuBar()
        file_menu = self.file_menu = menus.addMenu("&File")
        self.load_curriculum_action = self._action(
            "Load Curriculum File…", "Ctrl+O", self.load_curriculum_requested.emit
        )
        file_menu.addAction(self.load_curriculum_action)
        self.backups_action = self._action("&Backups…", None, self.backups_requested.emit)
        self.backups_action.setEnabled(False)
        file_menu.addAction(self.backups_action)
        # The exports and the import are added here once the learner's data is open.
        self._file_transfer_separator = file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", QKeySequence.StandardKey.Quit, self.close))

        edit_menu = menus.addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addActions([undo, redo])

        # Filled with the shown view's task actions, so their shortcuts work only there.
        self.task_menu = menus.addMenu("&Task")
        self.task_menu.setEnabled(False)

        view_menu = menus.addMenu("&View")
        view_menu.addActions(list(self._nav_actions.values()))

        help_menu = menus.addMenu("&Help")
        help_menu.addAction(self._action("&About Study Planner", None, self.show_about))

    def _action(
        self,
        text: str,
        shortcut: str | QKeySequence.StandardKey | None,
        slot: Callable[[], object],
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False: slot())
        return action

    def about_text(self) -> str:
        return (
            f"<h3>Study Planner {__version__}</h3>"
            "<p>A dated study plan for learning Machine Learning Engineering.</p>"
            f"<p>Your data folder:<br><code>{self.data_dir}</code></p>"
        )

    def show_about(self) -> None:
        QMessageBox.about(self, "About Study Planner", self.about_text())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.sync()
        super().closeEvent(event)
