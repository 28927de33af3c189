"""Today: ticking off with the mouse and the keyboard, undo, logging time, missed work."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from planner.domain.model import TaskStatus
from planner.services import tasks
from planner.services.context import AppContext
from planner.services.status import current_missed_work
from planner.ui.backend import Backend
from planner.ui.models.task_table import Column
from planner.ui.views.today import TodayView

TODAY = date(2026, 11, 28)


def _view(backend: Backend, qtbot: QtBot) -> TodayView:
    view = TodayView(backend, QUndoStack(), "UTC")
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    view.reload()
    qtbot.waitUntil(lambda: view.model.rowCount() > 0)
    return view


def _stored_status(context: AppContext, task_id: int) -> TaskStatus:
    return tasks.get_task(context, task_id).status


def _checkbox_centre(view: TodayView, row: int) -> QPoint:
    index = view.model.index(row, Column.TASK)
    option = QStyleOptionViewItem()
    option.rect = view.table.visualRect(index)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    style = view.table.style()
    return style.subElementRect(
        QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, view.table
    ).center()


def test_today_shows_the_days_tasks_with_topic_details(
    backend: Backend, context: AppContext, qtbot: QtBot, qtmodeltester: object
) -> None:
    view = _view(backend, qtbot)

    expected = tasks.tasks_on(context, TODAY)
    assert [view.model.task_at(r).id for r in range(view.model.rowCount())] == [
        t.id for t in expected
    ]
    assert "Today, Saturday 28 November 2026" in view.date_label.text()
    first = expected[0]
    assert first.topic_id is not None
    topic = context.curriculum.topic(first.topic_id)
    assert topic.title in view.detail_description.text()
    assert "<a href=" in view.detail_resources.text()
    qtmodeltester.check(view.model)  # type: ignore[attr-defined]


def test_ticking_off_with_the_mouse_and_undoing(
    backend: Backend, context: AppContext, qtbot: QtBot
) -> None:
    view = _view(backend, qtbot)
    stack = view._undo_stack
    task_id = view.model.task_at(0).id
    assert task_id is not None

    qtbot.mouseClick(
        view.table.viewport(), Qt.MouseButton.LeftButton, pos=_checkbox_centre(view, 0)
    )

    # Shown at once, stored in the background.
    assert view.model.task(task_id).status is TaskStatus.DONE  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: _stored_status(context, task_id) is TaskStatus.DONE)
    assert "done" in view.summary_label.text()

    stack.undo()
    assert view.model.task(task_id).status is TaskStatus.PENDING  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: _stored_status(context, task_id) is TaskStatus.PENDING)


def test_space_ticks_off_and_ctrl_z_in_the_window_takes_it_back(
    backend: Backend, context: AppContext, qtbot: QtBot
) -> None:
    view = _view(backend, qtbot)
    view.table.setFocus()
    view.table.selectRow(0)
    task_id = view.model.task_at(0).id
    assert task_id is not None

    qtbot.keyClick(view.table, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: _stored_status(context, task_id) is TaskStatus.DONE)

    qtbot.keyClick(view.table, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: _stored_status(context, task_id) is TaskStatus.PENDING)

    qtbot.keyClick(view.table, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: _stored_status(context, task_id) is TaskStatus.DONE)
    view._undo_stack.undo()
    qtbot.waitUntil(lambda: _stored_status(context, task_id) is TaskStatus.PENDING)


def test_logging_time_and_a_note(backend: Backend, context: AppContext, qtbot: QtBot) -> None:
    view = _view(backend, qtbot)
    task_id = view.model.task_at(0).id
    assert task_id is not None

    view.time_spent.setValue(47)
    view.notes.setPlainText("Worked through the first chapter")
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)

    def saved() -> bool:
        task = tasks.get_task(context, task_id)
        return task.time_spent_minutes == 47 and task.notes == "Worked through the first chapter"

    qtbot.waitUntil(saved)


def test_missed_work_banner_offers_a_replan_that_clears_it(
    backend: Backend, context: AppContext, qtbot: QtBot
) -> None:
    # The plan started on Monday 23 November; nothing was ticked off since.
    view = _view(backend, qtbot)
    qtbot.waitUntil(view.banner.isVisible)
    missed = current_missed_work(context)
    assert missed.tasks > 0
    assert f"{missed.tasks} unfinished tasks" in view.banner_label.text()
    total_before = sum(t.minutes for t in tasks.all_tasks(context) if t.status.is_open)

    qtbot.mouseClick(view.shift_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: not view.banner.isVisible(), timeout=15_000)
    assert view.report_label.text().startswith("Re-planned. The plan now ends on")
    assert current_missed_work(context).tasks == 0
    after = tasks.all_tasks(context)
    assert sum(t.minutes for t in after if t.status.is_open) == total_before
    assert min(t.scheduled_date for t in after if t.status.is_open) >= TODAY


def test_moving_between_days(backend: Backend, qtbot: QtBot) -> None:
    view = _view(backend, qtbot)
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Sunday 29 November 2026" in view.date_label.text())
    assert "Today" not in view.date_label.text()
    qtbot.mouseClick(view.today_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Today, Saturday 28 November 2026" in view.date_label.text())


def test_a_day_without_tasks_points_to_the_next_study_day(
    backend: Backend, context: AppContext, qtbot: QtBot
) -> None:
    future = sorted({t.scheduled_date for t in tasks.all_tasks(context)})[-1]
    view = _view(backend, qtbot)
    view.show_day(future + timedelta(days=1))
    qtbot.waitUntil(lambda: "nor after it" in view.empty_label.text())
    assert not view.next_day_button.isVisible()

    day_off = future - timedelta(days=1)
    while tasks.tasks_on(context, day_off):
        day_off -= timedelta(days=1)
    view.show_day(day_off)
    qtbot.waitUntil(view.next_day_button.isVisible)
    assert "Your next study day is" in view.empty_label.text()
    qtbot.mouseClick(view.next_day_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() > 0)
    assert view.model.task_at(0).scheduled_date > day_off
