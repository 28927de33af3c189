"""The File menu's exports and import: a file dialog that remembers the last folder, the
work off the GUI thread with a busy indicator, and "Open" offered when a file is made.

Dialogs are opened only through the module-level ``ask_*``/``confirm_*``/``open_file``
functions, which tests replace with ``monkeypatch``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from planner.export.options import ExportFormat, ReportOptions
from planner.services.changes import Changes
from planner.services.context import AppContext
from planner.services.exports import ExportResult, export_file
from planner.services.importing import import_data
from planner.ui.backend import Backend
from planner.ui.error_reporting import show_error_dialog
from planner.ui.ui_settings import UiSettings


@dataclass(frozen=True)
class _Kind:
    format: ExportFormat
    menu_text: str
    dialog_title: str
    default_name: str
    file_filter: str
    shortcut: str | None = None


EXPORTS = (
    _Kind(
        ExportFormat.PDF,
        "&Export Progress as PDF…",
        "Export Progress Report",
        "study-progress.pdf",
        "PDF documents (*.pdf)",
        "Ctrl+E",
    ),
    _Kind(
        ExportFormat.ICS,
        "Export Plan as &Calendar…",
        "Export Plan as Calendar",
        "study-plan.ics",
        "iCalendar files (*.ics)",
    ),
    _Kind(
        ExportFormat.CSV,
        "Export Tasks as &Spreadsheet…",
        "Export Tasks as Spreadsheet",
        "study-tasks.csv",
        "CSV spreadsheets (*.csv)",
    ),
    _Kind(
        ExportFormat.JSON,
        "Export All &Data…",
        "Export All Data",
        "study-planner-data.json",
        "Study Planner data (*.json)",
    ),
)


def ask_save_path(parent: QWidget, title: str, suggested: Path, file_filter: str) -> Path | None:
    """Ask where to save; None when cancelled."""
    name, _filter = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    return Path(name) if name else None


def ask_open_path(parent: QWidget, title: str, folder: Path, file_filter: str) -> Path | None:
    """Ask which file to open; None when cancelled."""
    name, _filter = QFileDialog.getOpenFileName(parent, title, str(folder), file_filter)
    return Path(name) if name else None


def _ask(
    parent: QWidget,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: tuple[QMessageBox.StandardButton, QMessageBox.StandardButton],
    informative: str = "",
) -> bool:
    """True if the learner chose the first of ``buttons``; the second is the default
    when there is informative text (a warning), else the first."""
    yes, no = buttons
    box = QMessageBox(icon, title, text, yes | no, parent)
    box.setInformativeText(informative)
    box.setDefaultButton(no if informative else yes)
    return box.exec() == yes


def confirm_import(parent: QWidget, path: Path) -> bool:
    return _ask(
        parent,
        QMessageBox.Icon.Question,
        "Import Data",
        f"Replace all your data with the data in {path.name}?",
        (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Cancel),
        "Your current data is backed up in the data folder first. "
        "A file that is not wholly valid is refused and changes nothing.",
    )


def offer_to_open(parent: QWidget, path: Path) -> bool:
    """Say the file is made; True if the learner chose to open it."""
    return _ask(
        parent,
        QMessageBox.Icon.Information,
        "Export Finished",
        f"Saved {path.name} in {path.parent}.",
        (QMessageBox.StandardButton.Open, QMessageBox.StandardButton.Close),
    )


def open_file(path: Path) -> bool:
    """Open a file or folder with the desktop's program for it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class FileTransfers(QObject):
    """Owns the File menu's export and import actions."""

    def __init__(
        self,
        parent: QWidget,
        backend: Backend,
        settings: UiSettings,
        status: Callable[[str], None] = lambda _message: None,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._backend = backend
        self._settings = settings
        self._busy: QProgressDialog | None = None
        self._status = status
        self.export_actions: dict[ExportFormat, QAction] = {}
        for kind in EXPORTS:
            action = QAction(kind.menu_text, self)
            if kind.shortcut:
                action.setShortcut(QKeySequence(kind.shortcut))
            action.triggered.connect(lambda _=False, k=kind: self.export(k.format))
            self.export_actions[kind.format] = action
        self.include_notes_action = QAction("Include Task &Notes in the PDF", self)
        self.include_notes_action.setCheckable(True)
        self.include_notes_action.setChecked(settings.report_includes_notes)
        self.include_notes_action.toggled.connect(self._remember_notes_choice)
        self.import_action = QAction("&Import Data…", self)
        self.import_action.triggered.connect(lambda _=False: self.import_file())

    def actions(self) -> list[QAction]:
        """The exports, then the import apart from them."""
        separator = QAction(self)
        separator.setSeparator(True)
        return [
            *self.export_actions.values(),
            self.include_notes_action,
            separator,
            self.import_action,
        ]

    def _remember_notes_choice(self, checked: bool) -> None:
        self._settings.report_includes_notes = checked

    def report_options(self) -> ReportOptions:
        # The learner's name and paper come from the stored settings once they hold them.
        return ReportOptions(include_notes=self.include_notes_action.isChecked())

    # Export ----------------------------------------------------------------------------

    def export(self, export_format: ExportFormat) -> None:
        if self._busy is not None:
            return
        kind = next(k for k in EXPORTS if k.format is export_format)
        folder = self._settings.export_folder or Path.home()
        path = ask_save_path(
            self._parent, kind.dialog_title, folder / kind.default_name, kind.file_filter
        )
        if path is None:
            return
        if not path.suffix:
            path = path.with_suffix(f".{export_format.value}")
        self._settings.export_folder = path.parent
        options = self.report_options()
        self._start(f"Exporting {path.name}…")
        self._backend.query(
            lambda context: export_file(context, path, export_format, options),
            self._exported,
            self._failed,
        )

    def _exported(self, result: ExportResult) -> None:
        self._finish()
        self._status(f"Exported {result.path}")
        if offer_to_open(self._parent, result.path):
            open_file(result.path)

    # Import ----------------------------------------------------------------------------

    def import_file(self) -> None:
        if self._busy is not None:
            return
        folder = self._settings.export_folder or Path.home()
        path = ask_open_path(
            self._parent, "Import Data", folder, "Study Planner data (*.json);;All files (*)"
        )
        if path is None or not confirm_import(self._parent, path):
            return
        self._settings.export_folder = path.parent
        self._start(f"Importing {path.name}…")
        self._backend.mutate(
            lambda context: _import_changes(context, path), self._imported, self._failed
        )

    def _imported(self, _changes: Changes) -> None:
        self._finish()
        self._status("Imported. Your earlier data is backed up in the data folder.")

    # Progress ----------------------------------------------------------------------------

    def _start(self, message: str) -> None:
        busy = QProgressDialog(message, "", 0, 0, self._parent)
        busy.setWindowTitle("Study Planner")
        busy.setCancelButton(None)  # the work is one transaction or one file: it finishes
        busy.setWindowModality(Qt.WindowModality.WindowModal)
        busy.setMinimumDuration(300)
        busy.setAccessibleName(message)
        self._busy = busy
        busy.setValue(0)

    def _finish(self) -> None:
        if self._busy is not None:
            self._busy.close()
            self._busy.deleteLater()
            self._busy = None

    def _failed(self, error: Exception) -> None:
        self._finish()
        show_error_dialog(self._parent, "Study Planner", str(error))

    @property
    def busy(self) -> bool:
        return self._busy is not None


def _import_changes(context: AppContext, path: Path) -> Changes:
    return import_data(context, path).changes
