"""Plan: the whole plan by week or by calendar day, filters, task actions, feasibility."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from planner.domain.curriculum import Level
from planner.domain.model import CertificationGoal, StudyTask, TaskKind, TaskStatus
from planner.services import tasks
from planner.services.context import AppContext
from planner.services.plans import create_plan
from planner.ui import dialogs
from planner.ui.backend import Backend
from planner.ui.dialogs import CustomTaskInput
from planner.ui.formatting import duration
from planner.ui.models.task_filter import TaskFilterModel, week_start
from planner.ui.models.task_table import TASK_ROLE, Column, TaskTableModel
from planner.ui.views.plan import PlanView
from planner.ui.widgets.plan_calendar import summarize_days
from tests.conftest import FakeClock
from tests.ui.conftest import START, learner_profile

TODAY = date(2026, 11, 28)  # FIXED_NOW, a Saturday
EXAM_CERTIFICATION = "deep-learning-specialization-certificate"


# Helpers ---------------------------------------------------------------------------------


def _load(view: PlanView, qtbot: QtBot) -> None:
    with qtbot.waitSignals([view.loaded, view.report_shown], timeout=10_000):
        view.reload()


def _make_view(backend: Backend, qtbot: QtBot) -> PlanView:
    view = PlanView(backend, "UTC")
    qtbot.addWidget(view)
    view.resize(1200, 780)
    view.show()
    _load(view, qtbot)
    return view


def _act(view: PlanView, qtbot: QtBot, act: Callable[[], object]) -> None:
    """Do something that writes, and wait until the view has reloaded after it."""
    with qtbot.waitSignals([view.loaded, view.report_shown], timeout=10_000):
        act()


def _listed(view: PlanView) -> list[StudyTask]:
    return view.proxy.visible_tasks()


def _select_first_open(view: PlanView) -> StudyTask:
    task = next(t for t in _listed(view) if t.status is TaskStatus.PENDING)
    assert task.id is not None
    assert view.select_task(task.id)
    return task


@pytest.fixture
def view(backend: Backend, qtbot: QtBot) -> PlanView:
    return _make_view(backend, qtbot)


@pytest.fixture
def other_backend(qtbot: QtBot) -> Iterator[Callable[[AppContext], Backend]]:
    """Backends over contexts other than the default one; checked idle at the end."""
    made: list[Backend] = []

    def make(context: AppContext) -> Backend:
        backend = Backend(context)
        made.append(backend)
        return backend

    yield make
    for backend in made:
        assert backend.wait_until_idle(10_000)


# The filter model ------------------------------------------------------------------------


def test_filter_model_passes_the_model_tester(
    context: AppContext, qtmodeltester: object, qtbot: QtBot
) -> None:
    model = TaskTableModel(context.curriculum)
    proxy = TaskFilterModel(context.curriculum)
    proxy.setSourceModel(model)
    model.set_tasks(tasks.all_tasks(context))
    proxy.set_week(TODAY)
    proxy.set_status(TaskStatus.PENDING)
    qtmodeltester.check(proxy)  # type: ignore[attr-defined]
    proxy.set_week(None)
    proxy.set_group("machine-learning")
    qtmodeltester.check(proxy)  # type: ignore[attr-defined]


def test_filter_model_combines_its_criteria(context: AppContext) -> None:
    curriculum = context.curriculum
    all_tasks = tasks.all_tasks(context)
    custom = StudyTask("My own", TaskKind.CUSTOM, 30, TODAY, id=999_999)
    model = TaskTableModel(curriculum)
    model.set_tasks([*all_tasks, custom])
    proxy = TaskFilterModel(curriculum)
    proxy.setSourceModel(model)
    assert proxy.rowCount() == len(all_tasks) + 1

    def topic_of(task: StudyTask) -> str:
        assert task.topic_id is not None
        return task.topic_id

    proxy.set_group("machine-learning")
    shown = proxy.visible_tasks()
    assert shown
    assert len(shown) < len(all_tasks)
    assert all(curriculum.topic(topic_of(t)).group_id == "machine-learning" for t in shown)

    proxy.set_group(None)
    proxy.set_specialization("nlp")
    nlp = proxy.visible_tasks()
    assert nlp
    assert all("nlp" in curriculum.topic(topic_of(t)).specializations for t in nlp)

    proxy.set_level(Level.SENIOR)  # a junior learner's plan has no senior topics
    assert proxy.rowCount() == 0
    proxy.set_level(Level.MID)  # mid-level topics that the certification needs
    mid_nlp = proxy.visible_tasks()
    assert 0 < len(mid_nlp) < len(nlp)
    assert all(curriculum.topic(topic_of(t)).level is Level.MID for t in mid_nlp)
    assert {t.id for t in mid_nlp} < {t.id for t in nlp}

    proxy.clear_filters()
    proxy.set_week(date(2026, 12, 3))  # a Thursday: Monday 30 Nov to Sunday 6 Dec
    week = proxy.visible_tasks()
    assert week
    assert {t.scheduled_date for t in week} <= {
        date(2026, 11, 30) + timedelta(days=n) for n in range(7)
    }
    assert len(week) == sum(
        1 for t in all_tasks if date(2026, 11, 30) <= t.scheduled_date <= date(2026, 12, 6)
    )
    proxy.set_day(TODAY)
    assert [t.id for t in proxy.visible_tasks()] == [
        t.id for t in [*all_tasks, custom] if t.scheduled_date == TODAY
    ]
    assert custom in proxy.visible_tasks()
    proxy.set_group("programming")  # a task of one's own has no group
    assert custom not in proxy.visible_tasks()
    assert proxy.row_of(999_999) is None


def test_week_start_is_monday() -> None:
    assert week_start(TODAY) == START
    assert week_start(START) == START


# Loading and browsing --------------------------------------------------------------------


def test_view_loads_the_plan_for_this_week(view: PlanView, context: AppContext) -> None:
    all_tasks = tasks.all_tasks(context)
    this_week = [t for t in all_tasks if week_start(t.scheduled_date) == START]
    assert view.model.rowCount() == len(all_tasks) > 0
    assert view.proxy.rowCount() == len(this_week) > 0
    assert view.period_label.text() == "Week of 23 Nov 2026"
    assert f"{len(this_week)} tasks" in view.summary_label.text()
    assert view.list_stack.currentWidget() is view.table


def test_week_buttons_and_all_weeks(view: PlanView, context: AppContext, qtbot: QtBot) -> None:
    all_tasks = tasks.all_tasks(context)
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.period_label.text() == "Week of 30 Nov 2026"
    listed = _listed(view)
    assert listed
    assert all(week_start(t.scheduled_date) == date(2026, 11, 30) for t in listed)

    qtbot.mouseClick(view.previous_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.previous_button, Qt.MouseButton.LeftButton)
    assert view.period_label.text() == "Week of 16 Nov 2026"
    assert view.proxy.rowCount() == 0  # before the plan starts
    assert view.list_stack.currentWidget() is view.empty_label
    assert "Nothing is planned this week" in view.empty_label.text()

    qtbot.mouseClick(view.this_week_button, Qt.MouseButton.LeftButton)
    assert view.period_label.text() == "Week of 23 Nov 2026"

    view.all_weeks_box.setChecked(True)
    assert view.period_label.text() == "All weeks"
    assert view.proxy.rowCount() == len(all_tasks)
    assert not view.next_button.isEnabled()
    view.all_weeks_box.setChecked(False)
    assert view.proxy.rowCount() < len(all_tasks)


def test_filters_reduce_the_rows(backend: Backend, context: AppContext, qtbot: QtBot) -> None:
    all_tasks = tasks.all_tasks(context)
    done = all_tasks[3]
    assert done.id is not None
    tasks.complete_task(context, done.id)
    view = _make_view(backend, qtbot)
    view.set_all_weeks(True)

    view.status_filter.setCurrentIndex(view.status_filter.findText("Done"))
    assert [t.id for t in _listed(view)] == [done.id]
    assert "1 task ·" in view.summary_label.text()

    view.status_filter.setCurrentIndex(view.status_filter.findText("To do"))
    assert view.proxy.rowCount() == len(all_tasks) - 1
    assert all(t.status is TaskStatus.PENDING for t in _listed(view))

    view.group_filter.setCurrentIndex(view.group_filter.findData("machine-learning"))
    curriculum = context.curriculum
    listed = _listed(view)
    assert 0 < len(listed) < len(all_tasks) - 1
    assert all(
        t.topic_id is not None and curriculum.topic(t.topic_id).group_id == "machine-learning"
        for t in listed
    )

    view.level_filter.setCurrentIndex(view.level_filter.findText("Senior"))
    assert view.proxy.rowCount() == 0
    assert view.list_stack.currentWidget() is view.empty_label
    assert "No tasks match these filters" in view.empty_label.text()

    qtbot.mouseClick(view.clear_filters_button, Qt.MouseButton.LeftButton)
    assert view.proxy.rowCount() == len(all_tasks)
    assert view.status_filter.currentText() == "All statuses"

    view.specialization_filter.setCurrentIndex(view.specialization_filter.findData("nlp"))
    nlp = _listed(view)
    assert nlp
    assert all(
        t.topic_id is not None and "nlp" in curriculum.topic(t.topic_id).specializations
        for t in nlp
    )


def test_filters_have_accessible_names_and_curriculum_choices(view: PlanView) -> None:
    assert view.group_filter.accessibleName() == "Skill group filter"
    assert view.level_filter.accessibleName() == "Level filter"
    assert view.specialization_filter.accessibleName() == "Specialization filter"
    assert view.status_filter.accessibleName() == "Status filter"
    levels = [view.level_filter.itemText(i) for i in range(view.level_filter.count())]
    assert levels == ["All levels", "Junior", "Mid-Level", "Senior"]
    statuses = [view.status_filter.itemText(i) for i in range(view.status_filter.count())]
    assert statuses == ["All statuses", "To do", "In progress", "Done", "Skipped"]
    assert view.group_filter.count() == len(view._backend.context.curriculum.groups) + 1


# The calendar ----------------------------------------------------------------------------


def _click_calendar_day(view: PlanView, qtbot: QtBot, day: date) -> None:
    grid = view.calendar.findChild(QTableView, "qt_calendar_calendarview")
    assert grid is not None
    qtbot.waitUntil(grid.isVisible)
    qtbot.wait(20)  # let the freshly shown calendar lay out its cells
    model = grid.model()
    for row in range(1, model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            rect = grid.visualRect(index)
            if str(index.data()) == str(day.day) and rect.isValid():
                # The first match is in the shown month unless the day is in the last week
                # of the previous month; tests click days of the shown month only.
                if row == 1 and day.day > 7:
                    continue
                qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
                return
    raise AssertionError(f"{day} is not on the calendar")


def test_calendar_day_click_lists_that_days_tasks(
    view: PlanView, context: AppContext, qtbot: QtBot
) -> None:
    qtbot.mouseClick(view.calendar_button, Qt.MouseButton.LeftButton)
    assert view.mode == PlanView.CALENDAR
    assert view.calendar.isVisible()
    assert not view.week_controls.isVisible()
    assert view.calendar.selected_day() == TODAY

    day = date(2026, 11, 20)  # before the plan starts: nothing that day
    _click_calendar_day(view, qtbot, day)
    assert view.calendar.selected_day() == day
    assert view.proxy.rowCount() == 0
    assert "Nothing is planned on this day" in view.empty_label.text()

    day = date(2026, 11, 30)
    _click_calendar_day(view, qtbot, day)
    expected = [t.id for t in tasks.all_tasks(context) if t.scheduled_date == day]
    assert expected
    assert [t.id for t in _listed(view)] == expected
    assert (
        view.period_label.text() == "Monday 30 November 2026: 1 h 26 min planned, 0 of 1 task done"
    )
    assert view.calendar.accessibleDescription() == view.period_label.text()

    qtbot.mouseClick(view.agenda_button, Qt.MouseButton.LeftButton)
    assert view.period_label.text() == "Week of 30 Nov 2026"  # the clicked day's week
    assert len(_listed(view)) > len(expected)


def test_calendar_cells_know_planned_and_done_minutes(
    backend: Backend, context: AppContext, qtbot: QtBot
) -> None:
    on_today = tasks.tasks_on(context, TODAY)
    for task in on_today:
        assert task.id is not None
        tasks.complete_task(context, task.id)
    view = _make_view(backend, qtbot)
    summary = view.calendar.summary(TODAY)
    assert summary is not None
    assert summary.all_done
    assert summary.minutes == summary.done_minutes == sum(t.minutes for t in on_today)
    tomorrow = view.calendar.summary(TODAY + timedelta(days=1))
    assert tomorrow is not None
    assert not tomorrow.all_done
    assert tomorrow.done_minutes == 0
    assert view.calendar.summary(START - timedelta(days=1)) is None

    # The calendar follows the filters (dates aside).
    view.status_filter.setCurrentIndex(view.status_filter.findText("Done"))
    assert view.calendar.summary(TODAY + timedelta(days=1)) is None
    assert view.calendar.summary(TODAY) == summary
    view.show_day(TODAY)
    view.grab()  # paints every cell once


def test_summarize_days_leaves_skipped_tasks_out() -> None:
    day = TODAY
    summaries = summarize_days(
        [
            StudyTask("a", TaskKind.LEARN, 30, day, status=TaskStatus.DONE),
            StudyTask("b", TaskKind.LEARN, 45, day, status=TaskStatus.SKIPPED),
            StudyTask("c", TaskKind.LEARN, 20, day),
        ]
    )
    assert summaries[day].minutes == 50
    assert summaries[day].done_minutes == 30
    assert (summaries[day].tasks, summaries[day].done_tasks) == (2, 1)
    assert not summaries[day].all_done


# Acting on tasks -------------------------------------------------------------------------


def test_move_to_a_date_moves_and_pins(
    view: PlanView, context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    task = _select_first_open(view)
    assert task.id is not None
    new_day = date(2026, 12, 10)
    asked: list[StudyTask] = []

    def ask(parent: object, shown: StudyTask, earliest: date | None = None) -> date:
        asked.append(shown)
        assert earliest == TODAY
        return new_day

    monkeypatch.setattr(dialogs, "ask_move_date", ask)
    assert view.move_button.isEnabled()
    _act(view, qtbot, lambda: qtbot.mouseClick(view.move_button, Qt.MouseButton.LeftButton))

    assert [t.id for t in asked] == [task.id]
    stored = tasks.get_task(context, task.id)
    assert stored.scheduled_date == new_day
    assert stored.pinned
    # The view follows the task to its new week and keeps it selected.
    assert view.period_label.text() == "Week of 7 Dec 2026"
    selected = view.selected_task()
    assert selected is not None
    assert selected.id == task.id
    assert selected.pinned
    assert view.pin_button.text() == "Unpin"


def test_moving_onto_a_full_day_warns_that_it_is_over(
    view: PlanView, context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    task = _select_first_open(view)
    assert task.id is not None
    full_day = next(
        t.scheduled_date
        for t in tasks.all_tasks(context)
        if t.scheduled_date > task.scheduled_date
        and tasks.day_load(context, t.scheduled_date).planned_minutes
        == tasks.day_load(context, t.scheduled_date).available_minutes
    )
    monkeypatch.setattr(dialogs, "ask_move_date", lambda *args, **kwargs: full_day)

    _act(view, qtbot, view.move_action.trigger)

    load = tasks.day_load(context, full_day)
    assert load.over_by == task.minutes
    qtbot.waitUntil(view.day_notice.isVisible)
    assert f"more than the {duration(load.available_minutes)} you set" in view.day_notice.text()


def test_cancelled_move_changes_nothing(
    view: PlanView, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    task = _select_first_open(view)
    assert task.id is not None
    monkeypatch.setattr(dialogs, "ask_move_date", lambda *args, **kwargs: None)
    view.move_action.trigger()
    assert not view._backend.runner.is_busy
    assert tasks.get_task(context, task.id) == task


def test_drop_topic_says_what_it_removes_and_drops_only_when_confirmed(
    view: PlanView, context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    task = _select_first_open(view)
    assert task.topic_id is not None
    assert view.drop_action.isEnabled()
    questions: list[str] = []

    def refuse(_parent: object, question: str) -> bool:
        questions.append(question)
        return False

    monkeypatch.setattr(dialogs, "confirm_drop_topic", refuse)
    view.drop_action.trigger()
    qtbot.waitUntil(lambda: bool(questions))
    assert "Drop <b>Python</b> from your plan? This removes" in questions[0]
    assert "work you did stays" in questions[0]
    assert any(t.topic_id == task.topic_id for t in tasks.all_tasks(context))

    monkeypatch.setattr(dialogs, "confirm_drop_topic", lambda *_args: True)
    _act(view, qtbot, view.drop_action.trigger)
    assert not any(
        t.topic_id == task.topic_id and t.status.is_open for t in tasks.all_tasks(context)
    )


def test_pin_and_unpin(view: PlanView, context: AppContext, qtbot: QtBot) -> None:
    task = _select_first_open(view)
    assert task.id is not None
    assert not task.pinned
    assert view.pin_action.text().replace("&", "") == "Pin to Day"
    assert view.pin_action.shortcut() == QKeySequence("Ctrl+Shift+P")

    _act(view, qtbot, view.pin_action.trigger)
    assert tasks.get_task(context, task.id).pinned
    assert view.pin_button.text() == "Unpin"
    assert "pinned" in view.model.index(view.model.row_of(task.id) or 0, 5).data()

    _act(view, qtbot, view.pin_action.trigger)
    assert not tasks.get_task(context, task.id).pinned
    assert view.pin_button.text() == "Pin to Day"


def test_skip_and_reopen_with_the_keyboard(
    view: PlanView, context: AppContext, qtbot: QtBot
) -> None:
    task = _select_first_open(view)
    assert task.id is not None
    view.activateWindow()
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)

    _act(
        view,
        qtbot,
        lambda: qtbot.keyClick(view.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier),
    )
    assert tasks.get_task(context, task.id).status is TaskStatus.SKIPPED
    assert view.skip_button.text() == "Reopen"
    assert not view.move_button.isEnabled()  # a skipped task is not moved

    _act(view, qtbot, view.skip_action.trigger)
    assert tasks.get_task(context, task.id).status is TaskStatus.PENDING
    assert view.skip_button.text() == "Skip"


def test_add_custom_task(
    view: PlanView, context: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    defaults: list[date] = []

    def ask(parent: object, default_date: date) -> CustomTaskInput:
        defaults.append(default_date)
        return CustomTaskInput("Read the attention paper", 45, date(2026, 12, 2), "twice")

    monkeypatch.setattr(dialogs, "ask_custom_task", ask)
    assert view.add_action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    _act(view, qtbot, lambda: qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton))

    assert defaults == [TODAY]  # nothing selected, this week shown: today
    (added,) = [t for t in tasks.all_tasks(context) if t.kind is TaskKind.CUSTOM]
    assert added.title == "Read the attention paper"
    assert (added.minutes, added.scheduled_date, added.notes) == (45, date(2026, 12, 2), "twice")
    assert added.pinned
    selected = view.selected_task()
    assert selected is not None
    assert selected.id == added.id
    assert view.period_label.text() == "Week of 30 Nov 2026"


def test_add_custom_task_defaults_to_the_calendar_day(
    view: PlanView, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    defaults: list[date] = []

    def ask(parent: object, default_date: date) -> None:
        defaults.append(default_date)

    monkeypatch.setattr(dialogs, "ask_custom_task", ask)
    view.show_day(date(2026, 12, 9))
    view.add_action.trigger()
    assert defaults == [date(2026, 12, 9)]
    assert not view._backend.runner.is_busy
    assert not [t for t in tasks.all_tasks(context) if t.kind is TaskKind.CUSTOM]


def test_actions_need_an_open_selected_task(view: PlanView) -> None:
    assert view.selected_task() is None
    assert not view.move_action.isEnabled()
    assert not view.pin_action.isEnabled()
    assert not view.skip_action.isEnabled()
    assert view.add_action.isEnabled()
    _select_first_open(view)
    assert view.move_action.isEnabled()
    assert view.move_action.shortcut() == QKeySequence("Ctrl+M")


# Feasibility -----------------------------------------------------------------------------


def test_banner_warns_when_an_exam_is_at_risk(
    empty_context: AppContext, other_backend: Callable[[AppContext], Backend], qtbot: QtBot
) -> None:
    create_plan(
        empty_context,
        learner_profile(),
        [CertificationGoal(EXAM_CERTIFICATION, exam_date=START + timedelta(days=10))],
    )
    view = _make_view(other_backend(empty_context), qtbot)
    assert view.banner_kind == "warning"
    assert view.banner.isVisible()
    text = view.banner_label.text()
    assert "at risk" in text
    assert "Deep Learning Specialization" in text
    assert "Thursday 3 December 2026" in text  # the exam date
    assert re.search(r"\d+ h( \d+ min)? of preparation will not be done", text)
    assert "book the exam on" in text or "choose a later exam date" in text


def test_banner_warns_when_the_learners_pace_misses_an_exam_the_plan_still_fits(
    empty_context: AppContext,
    clock: FakeClock,
    other_backend: Callable[[AppContext], Backend],
    qtbot: QtBot,
) -> None:
    clock.set_day(START)
    create_plan(
        empty_context,
        learner_profile(),
        [CertificationGoal(EXAM_CERTIFICATION, exam_date=date(2028, 1, 1))],
    )
    clock.set_day(START + timedelta(days=21))  # three weeks without a session done
    view = _make_view(other_backend(empty_context), qtbot)
    assert view.banner_kind == "warning"
    text = view.banner_label.text()
    assert "Deep Learning Specialization" in text
    assert "you studied 0 min a week lately, against 10 h planned" in text
    assert "with no study in the last 21 days it will not be ready" in text
    assert "h of preparation will not be done" not in text  # the plan itself still fits


def test_banner_shows_the_end_date_of_a_feasible_plan(
    empty_context: AppContext, other_backend: Callable[[AppContext], Backend], qtbot: QtBot
) -> None:
    report = create_plan(empty_context, learner_profile()).report
    assert report.feasible
    assert report.end_date is not None
    view = _make_view(other_backend(empty_context), qtbot)
    assert view.banner_kind == "info"
    text = view.banner_label.text()
    assert "Plan ends on" in text
    assert f"{report.end_date.day} {report.end_date:%B %Y}" in text
    assert "at risk" not in text


def test_no_plan_shows_an_empty_state(
    empty_context: AppContext, other_backend: Callable[[AppContext], Backend], qtbot: QtBot
) -> None:
    view = _make_view(other_backend(empty_context), qtbot)
    assert view.model.rowCount() == 0
    assert view.banner_kind is None
    assert view.list_stack.currentWidget() is view.empty_label
    assert "no study plan yet" in view.empty_label.text()


def test_reloads_when_the_backend_reports_a_change(
    view: PlanView, backend: Backend, context: AppContext, qtbot: QtBot
) -> None:
    task = _select_first_open(view)
    assert task.id is not None
    task_id = task.id
    _act(view, qtbot, lambda: backend.mutate(lambda c: tasks.complete_task(c, task_id)))
    shown = view.model.task(task_id)
    assert shown is not None
    assert shown.status is TaskStatus.DONE
    _act(view, qtbot, lambda: backend.set_curriculum(context.curriculum))
    assert view.model.rowCount() == len(tasks.all_tasks(context))


def test_selecting_a_row_with_the_mouse_enables_the_actions(view: PlanView, qtbot: QtBot) -> None:
    row = next(r for r in range(view.proxy.rowCount()) if view.proxy.task_at(r).status.is_open)
    rect = view.table.visualRect(view.proxy.index(row, 1))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    selected = view.selected_task()
    assert selected is not None
    assert selected.id == view.proxy.task_at(row).id
    assert view.move_button.isEnabled()
    assert view.skip_button.isEnabled()
    view.table.clearSelection()
    assert not view.move_button.isEnabled()


# The dialogs -----------------------------------------------------------------------------


def test_custom_task_dialog_needs_a_title(qtbot: QtBot) -> None:
    dialog = dialogs.CustomTaskDialog(date(2026, 12, 2))
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert ok is not None
    assert not ok.isEnabled()
    assert dialog.value() is None
    qtbot.keyClicks(dialog.title_edit, "  Kaggle notebook ")
    dialog.minutes_spin.setValue(50)
    assert ok.isEnabled()
    assert dialog.value() == CustomTaskInput("Kaggle notebook", 50, date(2026, 12, 2), "")


def test_move_dialog_starts_on_the_task_day_and_keeps_to_the_earliest(qtbot: QtBot) -> None:
    task = StudyTask("Python", TaskKind.LEARN, 60, date(2026, 12, 4))
    dialog = dialogs.MoveTaskDialog(task, earliest=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.chosen_date() == date(2026, 12, 4)
    dialog.calendar.setSelectedDate(dialogs.to_qdate(date(2026, 11, 1)))  # before earliest
    assert dialog.chosen_date() >= TODAY
    dialog.calendar.setSelectedDate(dialogs.to_qdate(date(2027, 1, 15)))
    assert dialog.chosen_date() == date(2027, 1, 15)


def test_space_ticks_off_the_selected_task(
    view: PlanView, context: AppContext, qtbot: QtBot
) -> None:
    task = _select_first_open(view)
    assert task.id is not None
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    _act(view, qtbot, lambda: qtbot.keyClick(view.table, Qt.Key.Key_Space))
    assert tasks.get_task(context, task.id).status is TaskStatus.DONE
    _act(view, qtbot, lambda: qtbot.keyClick(view.table, Qt.Key.Key_Space))
    assert tasks.get_task(context, task.id).status is TaskStatus.PENDING


def test_missed_tasks_are_marked_as_missed(view: PlanView, qtbot: QtBot) -> None:
    # The plan started on Monday 23 November and nothing was ticked off since.
    view.show_week(TODAY - timedelta(days=5))
    qtbot.waitUntil(lambda: bool(_listed(view)))
    assert any(t.scheduled_date < TODAY for t in _listed(view))
    for row in range(view.proxy.rowCount()):
        task = view.proxy.index(row, 0).data(TASK_ROLE)
        status = view.proxy.index(row, Column.STATUS).data()
        font = view.proxy.index(row, Column.TASK).data(Qt.ItemDataRole.FontRole)
        if task.scheduled_date < TODAY and task.status.is_open:
            assert status.startswith("Missed")
            assert font is not None
            assert font.bold()
        else:
            assert not status.startswith("Missed")
            assert font is None
