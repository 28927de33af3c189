"""Small dialogs of the plan: move a task to another day, add a task of one's own, confirm
dropping a topic.

Views open them only through the module-level ``ask_*`` functions, which tests replace
with ``monkeypatch``; the functions return plain values (or None when cancelled), never a
dialog.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner.domain.model import StudyTask
from planner.services.tasks import MAX_TASK_MINUTES
from planner.ui.qdates import from_qdate, to_qdate

DEFAULT_CUSTOM_MINUTES = 30

_T = TypeVar("_T")


@dataclass(frozen=True)
class CustomTaskInput:
    title: str
    minutes: int
    day: date
    notes: str = ""


class MoveTaskDialog(QDialog):
    """Pick the day a task moves to; the task is pinned there."""

    def __init__(
        self, task: StudyTask, earliest: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Move Task")
        self.setMinimumWidth(380)
        intro = QLabel(
            f"Move <b>{html.escape(task.title)}</b> from {task.scheduled_date:%a %d %b %Y} to:"
        )
        intro.setWordWrap(True)
        self.calendar = QCalendarWidget()
        self.calendar.setAccessibleName("New date")
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        if earliest is not None:
            self.calendar.setMinimumDate(to_qdate(earliest))
        self.calendar.setSelectedDate(to_qdate(task.scheduled_date))
        note = QLabel("The task is pinned to the new day, so re-planning leaves it there.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert isinstance(ok, QPushButton)
        ok.setText("Move")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.calendar.activated.connect(lambda _day: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.calendar)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def chosen_date(self) -> date:
        return from_qdate(self.calendar.selectedDate())


class CustomTaskDialog(QDialog):
    """Title, minutes and day of a task of the learner's own."""

    def __init__(self, default_date: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add Custom Task")
        self.setMinimumWidth(420)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("e.g. Read the attention paper again")
        self.title_edit.setAccessibleName("Title")
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setRange(1, MAX_TASK_MINUTES)
        self.minutes_spin.setSingleStep(5)
        self.minutes_spin.setValue(DEFAULT_CUSTOM_MINUTES)
        self.minutes_spin.setSuffix(" min")
        self.minutes_spin.setAccessibleName("Minutes")
        self.date_edit = QDateEdit(to_qdate(default_date))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.date_edit.setAccessibleName("Date")
        self.notes_edit = QLineEdit()
        self.notes_edit.setPlaceholderText("Optional")
        self.notes_edit.setAccessibleName("Notes")
        form = QFormLayout()
        form.addRow("&Title:", self.title_edit)
        form.addRow("&Minutes:", self.minutes_spin)
        form.addRow("&Date:", self.date_edit)
        form.addRow("&Notes:", self.notes_edit)
        note = QLabel("Your own tasks stay pinned to their day when the plan is re-planned.")
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert isinstance(ok, QPushButton)
        ok.setText("Add")
        ok.setEnabled(False)
        self.title_edit.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)

    def value(self) -> CustomTaskInput | None:
        title = self.title_edit.text().strip()
        if not title:
            return None
        return CustomTaskInput(
            title=title,
            minutes=self.minutes_spin.value(),
            day=from_qdate(self.date_edit.date()),
            notes=self.notes_edit.text().strip(),
        )


def ask_move_date(
    parent: QWidget | None, task: StudyTask, earliest: date | None = None
) -> date | None:
    """Ask which day to move ``task`` to; None if the learner cancelled."""
    dialog = MoveTaskDialog(task, earliest, parent)
    return run_dialog(dialog, dialog.chosen_date)


def ask_custom_task(parent: QWidget | None, default_date: date) -> CustomTaskInput | None:
    """Ask for a task of the learner's own; None if the learner cancelled."""
    dialog = CustomTaskDialog(default_date, parent)
    return run_dialog(dialog, dialog.value)


def confirm_drop_topic(parent: QWidget | None, question: str) -> bool:
    """Ask whether to drop a topic from the plan, ``question`` saying what that removes."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Drop topic",
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.RichText)
    box.button(QMessageBox.StandardButton.Yes).setText("Drop Topic")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    try:
        return box.exec() == QMessageBox.StandardButton.Yes
    finally:
        box.deleteLater()


def run_dialog(dialog: QDialog, answer: Callable[[], _T | None]) -> _T | None:
    """Run ``dialog`` and return its answer, None if cancelled; the dialog is then deleted."""
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return answer()
    finally:
        dialog.deleteLater()
