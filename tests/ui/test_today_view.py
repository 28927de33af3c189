"""Today: ticking off with the mouse and the keyboard, undo, logging time, missed work."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from planner.domain.model import CertificationGoal, TaskStatus
from planner.services import tasks
from planner.services.context import AppContext
from planner.services.plans import compare_replans, create_plan
from planner.services.status import current_missed_work
from planner.store import repositories as repo
from planner.ui.backend import Backend
from planner.ui.models.task_table import Column
from planner.ui.views.today import TodayView
from tests.conftest import FIXED_NOW, FakeClock
from tests.ui.conftest import START, learner_profile

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
    choice = compare_replans(context)
    button = view.replan_button if choice.same else view.shift_button
    qtbot.waitUntil(button.isVisible, timeout=10_000)  # once the policies are compared

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

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


def test_policies_that_give_the_same_plan_offer_one_button(
    first_run_backend: Backend, empty_context: AppContext, clock: FakeClock, qtbot: QtBot
) -> None:
    # Without an exam goal there is nothing to put first: both policies agree.
    clock.set_day(START)
    create_plan(empty_context, learner_profile())
    clock.now = FIXED_NOW
    assert compare_replans(empty_context).same
    view = _view(first_run_backend, qtbot)
    qtbot.waitUntil(view.banner.isVisible)
    qtbot.waitUntil(lambda: "Re-planning moves them forward" in view.banner_label.text())
    assert view.replan_button.isVisible()
    assert not view.shift_button.isVisible()
    assert not view.fit_button.isVisible()


def test_policies_that_differ_are_each_explained(
    first_run_backend: Backend, empty_context: AppContext, clock: FakeClock, qtbot: QtBot
) -> None:
    # An exam goal added after the plan was made, and not planned for yet: keeping the
    # plan's order and putting the exam first now give different plans.
    clock.set_day(START)
    create_plan(empty_context, learner_profile())
    with empty_context.database.unit_of_work() as session:
        goal = CertificationGoal("google-tensorflow-developer", exam_date=date(2027, 6, 1))
        repo.save_goal(goal, now=clock.now, session=session)
    clock.now = FIXED_NOW
    assert not compare_replans(empty_context).same
    view = _view(first_run_backend, qtbot)
    qtbot.waitUntil(view.shift_button.isVisible)
    assert view.fit_button.isVisible()
    assert not view.replan_button.isVisible()
    text = view.banner_label.text()
    assert "<b>Move it all forward</b> keeps the plan's order and sessions." in text
    assert "<b>Fit it before my exams</b> puts exam work first, optional topics last" in text


def test_a_short_day_shows_the_weeks_coming_tasks(
    backend: Backend, context: AppContext, qtbot: QtBot
) -> None:
    view = _view(backend, qtbot)
    assert view.model.rowCount() <= 4
    qtbot.waitUntil(view.upcoming_table.isVisible)
    expected = tasks.tasks_between(context, TODAY + timedelta(days=1), TODAY + timedelta(days=6))
    assert expected
    listed = [view.upcoming_model.task_at(r).id for r in range(view.upcoming_model.rowCount())]
    assert listed == [t.id for t in expected]
    # The day's own list takes only the room its rows need.
    assert view.table.maximumHeight() < view.upcoming_table.height() + view.table.height()
    assert view.table.height() <= view.table.maximumHeight()
