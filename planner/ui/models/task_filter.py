"""A filtering view of a :class:`TaskTableModel`: by skill group, level, specialization,
status and dates (one week, one day, or any range).

Every criterion is optional and they combine: a task shows when it passes all that are set.
Group, level and specialization come from the task's curriculum topic, so a task of the
learner's own (no topic) passes only when none of those three is set.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel

from planner.domain.curriculum import Curriculum, Level, Topic
from planner.domain.model import StudyTask, TaskStatus
from planner.ui.models.columns import AnyIndex
from planner.ui.models.task_table import TASK_ROLE, TaskTableModel


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


class TaskFilterModel(QSortFilterProxyModel):
    """Rows of a task model that pass the chosen filters, in the source's order."""

    def __init__(self, curriculum: Curriculum, parent: Any = None) -> None:
        super().__init__(parent)
        self._curriculum = curriculum
        self._group_id: str | None = None
        self._level: Level | None = None
        self._specialization_id: str | None = None
        self._statuses: frozenset[TaskStatus] | None = None
        self._start: date | None = None
        self._end: date | None = None

    # Criteria --------------------------------------------------------------------------

    def set_curriculum(self, curriculum: Curriculum) -> None:
        self.beginFilterChange()
        self._curriculum = curriculum
        self._end_change()

    def set_group(self, group_id: str | None) -> None:
        if group_id != self._group_id:
            self.beginFilterChange()
            self._group_id = group_id
            self._end_change()

    def set_level(self, level: Level | None) -> None:
        if level != self._level:
            self.beginFilterChange()
            self._level = level
            self._end_change()

    def set_specialization(self, specialization_id: str | None) -> None:
        if specialization_id != self._specialization_id:
            self.beginFilterChange()
            self._specialization_id = specialization_id
            self._end_change()

    def set_statuses(self, statuses: Iterable[TaskStatus] | None) -> None:
        """Show only tasks with one of ``statuses``; None shows every status."""
        chosen = None if statuses is None else frozenset(statuses)
        if chosen != self._statuses:
            self.beginFilterChange()
            self._statuses = chosen
            self._end_change()

    def set_status(self, status: TaskStatus | None) -> None:
        self.set_statuses(None if status is None else (status,))

    def set_date_range(self, start: date | None, end: date | None) -> None:
        """Show tasks scheduled from ``start`` to ``end`` inclusive; None leaves a side open."""
        if (start, end) != (self._start, self._end):
            self.beginFilterChange()
            self._start, self._end = start, end
            self._end_change()

    def set_week(self, day: date | None) -> None:
        """Show the Monday-to-Sunday week holding ``day``; None shows every week."""
        if day is None:
            self.set_date_range(None, None)
        else:
            monday = week_start(day)
            self.set_date_range(monday, monday + timedelta(days=6))

    def set_day(self, day: date | None) -> None:
        """Show one day's tasks; None shows every day."""
        self.set_date_range(day, day)

    def clear_filters(self) -> None:
        """Drop the group, level, specialization and status filters (dates stay)."""
        self.beginFilterChange()
        self._group_id = self._specialization_id = None
        self._level = None
        self._statuses = None
        self._end_change()

    # Filtering -------------------------------------------------------------------------

    def accepts(self, task: StudyTask, *, dates: bool = True) -> bool:
        """Whether ``task`` passes the filters; ``dates=False`` ignores the date range."""
        if self._statuses is not None and task.status not in self._statuses:
            return False
        if dates:
            if self._start is not None and task.scheduled_date < self._start:
                return False
            if self._end is not None and task.scheduled_date > self._end:
                return False
        if self._group_id is None and self._level is None and self._specialization_id is None:
            return True
        topic = self._topic(task)
        if topic is None:
            return False
        if self._group_id is not None and topic.group_id != self._group_id:
            return False
        if self._level is not None and topic.level is not self._level:
            return False
        return self._specialization_id is None or self._specialization_id in topic.specializations

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        task = self.sourceModel().index(source_row, 0, source_parent).data(TASK_ROLE)
        return isinstance(task, StudyTask) and self.accepts(task)

    def task_at(self, row: int) -> StudyTask:
        """The task on a row of this model."""
        task = self.index(row, 0).data(TASK_ROLE)
        assert isinstance(task, StudyTask)
        return task

    def row_of(self, task_id: int) -> int | None:
        """The row of a task in this model, or None if it is filtered out or unknown."""
        source = self.sourceModel()
        if not isinstance(source, TaskTableModel):
            return None
        source_row = source.row_of(task_id)
        if source_row is None:
            return None
        row = self.mapFromSource(source.index(source_row, 0)).row()
        return None if row < 0 else row

    def visible_tasks(self) -> list[StudyTask]:
        return [self.task_at(row) for row in range(self.rowCount())]

    def _topic(self, task: StudyTask) -> Topic | None:
        if task.topic_id is None or not self._curriculum.has_topic(task.topic_id):
            return None
        return self._curriculum.topic(task.topic_id)

    def _end_change(self) -> None:
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
