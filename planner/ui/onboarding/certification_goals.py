"""The certifications to aim for as a table model, and the date field that edits their
exam dates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QApplication,
    QDateEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from planner.domain.certifications import new_goal
from planner.domain.curriculum import Certification, CertificationStatus
from planner.domain.model import CertificationGoal
from planner.ui.formatting import long_date
from planner.ui.models.columns import AnyIndex, ColumnTableModel
from planner.ui.onboarding.texts import certification_status_text
from planner.ui.onboarding.widgets import date_field
from planner.ui.qdates import from_qdate, to_qdate


class GoalColumn(IntEnum):
    CERTIFICATION = 0
    EXAM_DATE = 1
    STATUS = 2


_GOAL_HEADERS = ("Certification", "Exam date", "Status")  # in GoalColumn order


class CertificationGoalsModel(ColumnTableModel):
    """The curriculum's certifications as rows to tick, each with an optional exam date.

    Retired certifications can be neither ticked nor given a date.
    """

    goals_changed = Signal()

    def __init__(
        self,
        certifications: Sequence[Certification],
        first_day: date,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(_GOAL_HEADERS, parent)
        self._certifications = tuple(certifications)
        self._checked = [False] * len(self._certifications)
        self._dates: list[date | None] = [None] * len(self._certifications)
        self.minimum_date = first_day  # no exam date before the plan starts
        self._suggested: dict[str, date | None] = {}

    # Reading ---------------------------------------------------------------------------

    def certification_at(self, row: int) -> Certification:
        return self._certifications[row]

    def row_of(self, certification_id: str) -> int:
        return next(row for row, c in enumerate(self._certifications) if c.id == certification_id)

    def is_available(self, row: int) -> bool:
        return self._certifications[row].status is not CertificationStatus.RETIRED

    def is_checked(self, row: int) -> bool:
        return self._checked[row]

    def exam_date(self, row: int) -> date | None:
        return self._dates[row]

    def goals(self) -> tuple[CertificationGoal, ...]:
        return tuple(
            new_goal(certification.id, self._dates[row])
            for row, certification in enumerate(self._certifications)
            if self._checked[row]
        )

    # Writing ---------------------------------------------------------------------------

    def set_minimum_date(self, day: date) -> None:
        self.minimum_date = day

    def set_suggested_dates(self, earliest: dict[str, date | None]) -> None:
        """The earliest exam date each certification's preparation can be ready for."""
        self._suggested = dict(earliest)

    def suggested_date(self, row: int) -> date | None:
        """Where the date field starts for a row without a date: the earliest realistic exam
        date when known (and not before the plan starts)."""
        suggested = self._suggested.get(self._certifications[row].id)
        return None if suggested is None else max(suggested, self.minimum_date)

    def set_checked(self, row: int, checked: bool) -> bool:
        if not self.is_available(row):
            return False
        if self._checked[row] != checked:
            self._checked[row] = checked
            self._row_changed(row)
        return True

    def set_exam_date(self, row: int, day: date | None) -> bool:
        """Give a row an exam date (which also ticks it), or take the date away."""
        if not self.is_available(row):
            return False
        if day is not None and day < self.minimum_date:
            return False
        self._dates[row] = day
        if day is not None:
            self._checked[row] = True
        self._row_changed(row)
        return True

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(GoalColumn) - 1))
        self.goals_changed.emit()

    # Qt model --------------------------------------------------------------------------

    def row_count(self) -> int:
        return len(self._certifications)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.is_available(index.row()):
            if index.column() == GoalColumn.CERTIFICATION:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            elif index.column() == GoalColumn.EXAM_DATE:
                flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._certifications):
            return None
        row, column = index.row(), GoalColumn(index.column())
        certification = self._certifications[row]
        available = self.is_available(row)
        if role == Qt.ItemDataRole.DisplayRole:
            if column is GoalColumn.CERTIFICATION:
                return certification.title
            if column is GoalColumn.EXAM_DATE:
                day = self._dates[row]
                if not available:
                    return "Not available"
                return long_date(day) if day is not None else "No date yet"
            return certification_status_text(certification)
        if role == Qt.ItemDataRole.EditRole and column is GoalColumn.EXAM_DATE:
            day = self._dates[row]
            return to_qdate(day) if day is not None else None
        if role == Qt.ItemDataRole.CheckStateRole and column is GoalColumn.CERTIFICATION:
            if not available:
                return None
            return Qt.CheckState.Checked if self._checked[row] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is GoalColumn.EXAM_DATE:
                if not available:
                    return "This exam is retired: it can no longer be booked."
                if certification.is_course:
                    return "Press F2 or double-click to choose the target completion date"
                return "Press F2 or double-click to choose the exam date"
            if column is GoalColumn.STATUS:
                return certification_status_text(certification)
            return certification.description
        if role == Qt.ItemDataRole.DecorationRole and column is GoalColumn.STATUS:
            return self._status_icon(certification.status)
        if role == Qt.ItemDataRole.ForegroundRole and not available:
            return QApplication.palette().placeholderText()
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == GoalColumn.CERTIFICATION:
            return self.set_checked(row, Qt.CheckState(value) == Qt.CheckState.Checked)
        if role == Qt.ItemDataRole.EditRole and column == GoalColumn.EXAM_DATE:
            if value is None or (isinstance(value, QDate) and not value.isValid()):
                return self.set_exam_date(row, None)
            if isinstance(value, QDate):
                return self.set_exam_date(row, from_qdate(value))
            if isinstance(value, date):
                return self.set_exam_date(row, value)
        return False

    @staticmethod
    def _status_icon(status: CertificationStatus) -> Any:
        pixmaps = {
            CertificationStatus.RETIRED: QStyle.StandardPixmap.SP_MessageBoxCritical,
            CertificationStatus.UNCERTAIN: QStyle.StandardPixmap.SP_MessageBoxWarning,
        }
        pixmap = pixmaps.get(status)
        if pixmap is None:
            return None
        return QApplication.style().standardIcon(pixmap)


class ExamDateDelegate(QStyledItemDelegate):
    """Edits exam dates with a date field and calendar; its lowest value means "no date"."""

    def __init__(self, model: CertificationGoalsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        # The day before the first is the field's "No date yet"; the calendar shows it, and
        # every earlier day, as not open.
        first = self._model.minimum_date
        editor = date_field(parent, first_open_day=to_qdate(first))
        editor.setMinimumDate(to_qdate(first - timedelta(days=1)))
        editor.setSpecialValueText("No date yet")
        title = self._model.certification_at(index.row()).title
        editor.setAccessibleName(f"Exam date for {title}")
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if not isinstance(editor, QDateEdit):
            return
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(value, QDate) and value.isValid():
            editor.setDate(value)
            return
        suggested = self._model.suggested_date(index.row())
        # Without a suggestion (not worked out yet, or none within the horizon) the field
        # starts empty: no date it offers would be one the plan cannot meet.
        editor.setDate(to_qdate(suggested) if suggested else editor.minimumDate())

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if not isinstance(editor, QDateEdit):
            return
        chosen = editor.date()
        model.setData(index, None if chosen == editor.minimumDate() else chosen)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        editor.setGeometry(option.rect)
