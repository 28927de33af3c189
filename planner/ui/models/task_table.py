"""Study tasks as a table model: rows are tasks, held in order with an index by id."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont

from planner.domain.curriculum import Curriculum
from planner.domain.model import StudyTask, TaskStatus
from planner.ui.models.columns import AnyIndex, ColumnTableModel

TASK_ROLE = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    TASK = 0
    TOPIC = 1
    KIND = 2
    MINUTES = 3
    DATE = 4
    STATUS = 5


_TITLES = {
    Column.TASK: "Task",
    Column.TOPIC: "Group",
    Column.KIND: "Kind",
    Column.MINUTES: "Minutes",
    Column.DATE: "Date",
    Column.STATUS: "Status",
}
_HEADERS = tuple(_TITLES[column] for column in Column)
_STATUS_TEXT = {
    TaskStatus.PENDING: "To do",
    TaskStatus.IN_PROGRESS: "In progress",
    TaskStatus.DONE: "Done",
    TaskStatus.SKIPPED: "Skipped",
}


MISSED_TEXT = "Missed"  # an open task on a day already past


def status_text(status: TaskStatus) -> str:
    return _STATUS_TEXT[status]


class TaskTableModel(ColumnTableModel):
    """Tasks in display order. Ticking the checkbox asks for a change through
    :attr:`completion_requested`; the model itself changes only through :meth:`set_tasks`
    and :meth:`update_task`, so it always shows what the caller decided."""

    completion_requested = Signal(int, bool)  # task id, done

    def __init__(self, curriculum: Curriculum, parent: QObject | None = None) -> None:
        super().__init__(_HEADERS, parent)
        self._curriculum = curriculum
        self._tasks: list[StudyTask] = []
        self._row_by_id: dict[int, int] = {}
        self._today: date | None = None

    def set_today(self, today: date) -> None:
        """Open tasks on days before ``today`` are shown as missed."""
        if today != self._today:
            self._today = today
            if self._tasks:
                last = self.index(len(self._tasks) - 1, len(Column) - 1)
                self.dataChanged.emit(self.index(0, 0), last)

    def is_missed(self, task: StudyTask) -> bool:
        return self._today is not None and task.status.is_open and task.scheduled_date < self._today

    def set_curriculum(self, curriculum: Curriculum) -> None:
        self.beginResetModel()
        self._curriculum = curriculum
        self.endResetModel()

    def set_tasks(self, tasks: Sequence[StudyTask]) -> None:
        self.beginResetModel()
        self._tasks = list(tasks)
        self._row_by_id = {t.id: row for row, t in enumerate(self._tasks) if t.id is not None}
        self.endResetModel()

    def update_task(self, task: StudyTask) -> None:
        """Show a changed task in place (it keeps its row)."""
        row = self._row_by_id.get(task.id) if task.id is not None else None
        if row is None:
            return
        self._tasks[row] = task
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def task(self, task_id: int) -> StudyTask | None:
        row = self._row_by_id.get(task_id)
        return None if row is None else self._tasks[row]

    def task_at(self, row: int) -> StudyTask:
        return self._tasks[row]

    def row_of(self, task_id: int) -> int | None:
        return self._row_by_id.get(task_id)

    def tasks(self) -> list[StudyTask]:
        return list(self._tasks)

    def row_count(self) -> int:
        return len(self._tasks)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == Column.TASK:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._tasks):
            return None
        task = self._tasks[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(task, column)
        if role == Qt.ItemDataRole.CheckStateRole and column is Column.TASK:
            done = task.status is TaskStatus.DONE
            return Qt.CheckState.Checked if done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.TASK:
            return task.notes or None
        if role == Qt.ItemDataRole.FontRole and self.is_missed(task):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column is Column.MINUTES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == TASK_ROLE:
            return task
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != Column.TASK:
            return False
        task = self._tasks[index.row()]
        if task.id is None:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        self.completion_requested.emit(task.id, checked)
        return True

    def _display(self, task: StudyTask, column: Column) -> str | int | None:
        if column is Column.TASK:
            return task.title
        if column is Column.TOPIC:
            if task.topic_id is None or not self._curriculum.has_topic(task.topic_id):
                return "Own task" if task.topic_id is None else task.topic_id
            topic = self._curriculum.topic(task.topic_id)
            return self._curriculum.group(topic.group_id).title
        if column is Column.KIND:
            return task.kind.value.replace("-", " ").capitalize()
        if column is Column.MINUTES:
            return task.minutes
        if column is Column.DATE:
            return task.scheduled_date.strftime("%a %d %b %Y")
        status = MISSED_TEXT if self.is_missed(task) else _STATUS_TEXT[task.status]
        return f"{status}, pinned" if task.pinned else status
