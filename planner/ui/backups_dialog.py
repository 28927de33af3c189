"""The learner's backups: a list (date, size, tasks done), a backup on request, a restore;
and the question asked when the data file turns out to be damaged.

Views and the controller open the questions only through the module-level ``ask_*``
functions, which tests replace with ``monkeypatch``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.services import backups
from planner.services.backups import Recovery
from planner.services.changes import Changes
from planner.store.backup import BackupInfo
from planner.ui.backend import Backend
from planner.ui.models.columns import AnyIndex, ColumnTableModel

_HEADERS = ("Made", "Why", "Size", "Tasks done")
_LABELS = {"daily": "Daily", "request": "On request"}


def made_text(info: BackupInfo) -> str:
    return f"{info.made_at.astimezone():%a %d %b %Y %H:%M}"


def why_text(label: str) -> str:
    if label in _LABELS:
        return _LABELS[label]
    if label.startswith("before-"):
        reason = label.removeprefix("before-")
        return f"Before {'an update' if reason[:1].isdigit() else reason.replace('-', ' ')}"
    return label


def size_text(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


class BackupTableModel(ColumnTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(_HEADERS, parent)
        self._backups: list[BackupInfo] = []

    def set_backups(self, found: Sequence[BackupInfo]) -> None:
        self.beginResetModel()
        self._backups = list(found)
        self.endResetModel()

    def backup_at(self, row: int) -> BackupInfo:
        return self._backups[row]

    def row_count(self) -> int:
        return len(self._backups)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        info = self._backups[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(info.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        done = "unreadable" if info.tasks_done is None else str(info.tasks_done)
        return (made_text(info), why_text(info.label), size_text(info.size), done)[index.column()]


class BackupsDialog(QDialog):
    """Lists the backups and restores one; the work runs on the backend's worker."""

    def __init__(self, backend: Backend, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Backups")
        self.setMinimumSize(560, 380)
        self._backend, self._data_dir = backend, data_dir
        intro = QLabel(
            "Study Planner backs your data up once a day and before every change it makes "
            "on its own (an update, an import, a restore, a new curriculum). It keeps the "
            "newest backup of each of the last 12 days, 10 weeks and 9 months."
        )
        intro.setWordWrap(True)
        self.model = BackupTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Backups")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        self.status = QLabel("Reading the backups…")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.backup_button = QPushButton("&Back Up Now")
        self.backup_button.setAccessibleDescription("Make a backup of your data now")
        self.restore_button = QPushButton("&Restore…")
        self.restore_button.setAccessibleDescription("Restore the selected backup")
        self.restore_button.setEnabled(False)
        buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.reload()

    def reload(self, message: str = "") -> None:
        data_dir = self._data_dir
        self._backend.query(
            lambda _context: backups.list_backups(data_dir),
            lambda found: self._show(found, message),
            self._failed,
        )

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.backup_at(rows[0].row()) if rows else None

    def back_up_now(self) -> None:
        self._busy("Backing up…")
        data_dir = self._data_dir
        self._backend.query(
            lambda context: backups.back_up_now(data_dir, context.now()),
            lambda made: self.reload(f"Backed up to {made}." if made else "No data yet."),
            self._failed,
        )

    def restore_selected(self) -> None:
        info = self.selected()
        if info is None or not ask_restore(self, info):
            return
        self._busy("Restoring…")
        data_dir = self._data_dir

        def work(context: Any) -> Changes:
            backups.restore(data_dir, info.path, context.now())
            return Changes(plan=True, profile=True, goals=True)

        self._backend.mutate(
            work,
            lambda _changes: self.reload(
                f"Restored the backup of {made_text(info)}. Your data as it was just before "
                "is itself backed up at the top of the list."
            ),
            self._failed,
        )

    def _show(self, found: list[BackupInfo], message: str) -> None:
        self.model.set_backups(found)
        self.backup_button.setEnabled(True)
        self._selection_changed()
        if not message:
            message = (
                f"{len(found)} backups in {self._data_dir / 'backups'}."
                if found
                else ("No backups yet.")
            )
        self.status.setText(message)

    def _failed(self, error: Exception) -> None:
        self.backup_button.setEnabled(True)
        self._selection_changed()
        self.status.setText(str(error))

    def _busy(self, message: str) -> None:
        self.status.setText(message)
        self.backup_button.setEnabled(False)
        self.restore_button.setEnabled(False)

    def _selection_changed(self, *_args: object) -> None:
        info = self.selected()
        self.restore_button.setEnabled(info is not None and info.tasks_done is not None)


def ask_restore(parent: QWidget | None, info: BackupInfo) -> bool:
    """Ask before a restore; True to go ahead."""
    answer = QMessageBox.question(
        parent,
        "Restore Backup",
        f"Replace your study data with the backup of {made_text(info)} "
        f"({info.tasks_done} tasks done)?\n\nYour data as it is now is backed up first, "
        "so you can come back to it.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


class RecoveryChoice(Enum):
    RESTORE = "restore"
    START_AFRESH = "start-afresh"
    QUIT = "quit"


def recovery_text(recovery: Recovery, detail: str) -> str:
    backup = recovery.newest_backup
    offer = (
        f"<p>The newest good backup is from <b>{made_text(backup)}</b>, with "
        f"{backup.tasks_done} tasks done. Restore it to carry on from there.</p>"
        if backup is not None
        else "<p>There is no backup to restore. You can start a new plan, or quit and "
        "look at the damaged file first.</p>"
    )
    return (
        "<p><b>Your study data file is damaged and could not be read</b> "
        f"({html.escape(detail)}).</p>"
        "<p>Nothing was written to it. It was moved aside, unchanged, to:<br>"
        f"<code>{html.escape(str(recovery.moved_to))}</code></p>" + offer
    )


def recovery_box(
    parent: QWidget | None, recovery: Recovery, detail: str
) -> tuple[QMessageBox, dict[object, RecoveryChoice]]:
    """The message that tells the learner their data file was damaged and moved aside,
    with a button for each way on."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Study Planner: Damaged Data")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(recovery_text(recovery, detail))
    choices: dict[object, RecoveryChoice] = {}
    if recovery.newest_backup is not None:
        restore = box.addButton("Restore the Backup", QMessageBox.ButtonRole.AcceptRole)
        choices[restore] = RecoveryChoice.RESTORE
        box.setDefaultButton(restore)
    fresh = box.addButton("Start a New Plan", QMessageBox.ButtonRole.DestructiveRole)
    choices[fresh] = RecoveryChoice.START_AFRESH
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    choices[quit_button] = RecoveryChoice.QUIT
    box.setEscapeButton(quit_button)
    return box, choices


def ask_recovery(parent: QWidget | None, recovery: Recovery, detail: str) -> RecoveryChoice:
    """Tell the learner their data file was damaged and moved aside; ask what to do."""
    box, choices = recovery_box(parent, recovery, detail)
    box.exec()
    choice = choices.get(box.clickedButton(), RecoveryChoice.QUIT)
    box.deleteLater()
    return choice
