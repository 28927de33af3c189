"""Plan: the learner's whole plan, week by week or on a month calendar, with filters,
actions on single tasks (move, pin, skip, add one's own) and the plan's feasibility."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QPoint, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.domain.curriculum import Curriculum, Level
from planner.domain.model import StudyTask, TaskStatus
from planner.services import plans, tasks
from planner.services.changes import Changes
from planner.services.errors import NoProfileError
from planner.services.pace import PaceForecast, pace_forecast
from planner.services.plans import TopicDrop
from planner.ui import dialogs
from planner.ui.backend import Backend
from planner.ui.formatting import day_text, duration, tasks_summary
from planner.ui.models.task_filter import TaskFilterModel, week_start
from planner.ui.models.task_table import Column, TaskTableModel, status_text
from planner.ui.views.plan_actions import TaskActions, action_button
from planner.ui.views.plan_banner import PlanBanner, describe_plan, describe_topic_drop
from planner.ui.widgets.flow_layout import FlowLayout
from planner.ui.widgets.headings import make_heading
from planner.ui.widgets.item_views import fit_columns, select_row
from planner.ui.widgets.plan_calendar import CalendarLegend, PlanCalendar, summarize_days

_STATUS_CHOICES = (
    TaskStatus.PENDING,
    TaskStatus.IN_PROGRESS,
    TaskStatus.DONE,
    TaskStatus.SKIPPED,
)


class PlanView(QWidget):
    """All of the learner's tasks, filtered and grouped by week or shown by day."""

    loaded = Signal()  # after the tasks arrived and are shown
    report_shown = Signal()  # after the feasibility banner was updated

    AGENDA, CALENDAR = 0, 1

    def __init__(self, backend: Backend, timezone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        self._timezone = timezone
        self._loaded = False
        self._has_plan = True
        self._week = week_start(self._today())
        self._all_weeks = False
        self._follow_id: int | None = None
        curriculum = backend.context.curriculum
        self.model = TaskTableModel(curriculum, self)
        self.model.completion_requested.connect(self._request_done)
        self.proxy = TaskFilterModel(curriculum, self)
        self.proxy.setSourceModel(self.model)

        self._build_actions()
        header = self._build_header()
        self.banner = PlanBanner()
        self.day_notice = QLabel()
        self.day_notice.setWordWrap(True)
        self.day_notice.setAccessibleName("Day over its study time")
        self.day_notice.hide()
        self.banner_label = self.banner.label
        filters = self._build_filters()
        self.calendar = PlanCalendar()
        self.calendar.set_today(self._today())
        self.calendar.selectionChanged.connect(self._day_selected)
        self.calendar_panel = QWidget()
        calendar_layout = QVBoxLayout(self.calendar_panel)
        calendar_layout.setContentsMargins(0, 0, 0, 0)
        calendar_layout.addWidget(self.calendar, 1)
        calendar_layout.addWidget(CalendarLegend())
        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.calendar_panel)
        splitter.addWidget(self._build_list())
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 6)
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addWidget(self.day_notice)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(self._build_action_row())

        backend.changed.connect(self._on_changed)
        backend.curriculum_changed.connect(self._on_curriculum_changed)
        self.set_mode(self.AGENDA)

    # Building --------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.task_actions = TaskActions.create(
            self,
            move=self.move_selected,
            pin=self.toggle_pin_selected,
            skip=self.toggle_skip_selected,
            drop=self.drop_selected_topic,
            add=self.add_custom_task,
        )
        self.move_action = self.task_actions.move
        self.pin_action = self.task_actions.pin
        self.skip_action = self.task_actions.skip
        self.drop_action = self.task_actions.drop
        self.add_action = self.task_actions.add

    def _build_header(self) -> QHBoxLayout:
        title = QLabel("Your plan")
        make_heading(title)
        self.agenda_button = QPushButton("Agenda")
        self.agenda_button.setAccessibleDescription("Show the tasks week by week")
        self.agenda_button.setToolTip("Tasks week by week")
        self.calendar_button = QPushButton("Calendar")
        self.calendar_button.setAccessibleDescription(
            "Show a month calendar: pick a day to list its tasks"
        )
        self.calendar_button.setToolTip("A month calendar: pick a day to list its tasks")
        self.mode_group = QButtonGroup(self)
        segments = QHBoxLayout()
        segments.setSpacing(0)
        for mode, button in (
            (self.AGENDA, self.agenda_button),
            (self.CALENDAR, self.calendar_button),
        ):
            button.setCheckable(True)
            self.mode_group.addButton(button, mode)
            segments.addWidget(button)
        self.mode_group.idClicked.connect(self.set_mode)
        self.summary_label = QLabel()
        self.summary_label.setAccessibleName("Summary of the listed tasks")
        header = QHBoxLayout()
        header.addWidget(title)
        header.addSpacing(24)
        header.addLayout(segments)
        header.addStretch()
        header.addWidget(self.summary_label)
        return header

    def _build_filters(self) -> FlowLayout:
        self.group_filter = self._combo("Skill group filter")
        self.level_filter = self._combo("Level filter")
        self.specialization_filter = self._combo("Specialization filter")
        self.status_filter = self._combo("Status filter")
        self.status_filter.addItem("All statuses", None)
        for status in _STATUS_CHOICES:
            self.status_filter.addItem(status_text(status), status.value)
        self._fill_curriculum_filters(self._backend.context.curriculum)
        for combo in self._filter_combos():
            combo.currentIndexChanged.connect(self._apply_filters)
        self.clear_filters_button = QPushButton("Clear Filters")
        self.clear_filters_button.clicked.connect(self.clear_filters)
        # The filters wrap onto more lines when a large font leaves no room for one.
        row = FlowLayout()
        for text, combo in (
            ("&Group:", self.group_filter),
            ("&Level:", self.level_filter),
            ("S&pecialization:", self.specialization_filter),
            ("St&atus:", self.status_filter),
        ):
            label = QLabel(text)
            label.setBuddy(combo)
            pair = QWidget()
            pair_layout = QHBoxLayout(pair)
            pair_layout.setContentsMargins(0, 0, 0, 0)
            pair_layout.addWidget(label)
            pair_layout.addWidget(combo)
            row.addWidget(pair)
        row.addWidget(self.clear_filters_button)
        return row

    def _combo(self, accessible_name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(accessible_name)
        # As wide as its longest choice: the filter row wraps rather than cut a choice short.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    def _fill_curriculum_filters(self, curriculum: Curriculum) -> None:
        for combo, first, items in (
            (self.group_filter, "All groups", [(g.title, g.id) for g in curriculum.groups]),
            (
                self.level_filter,
                "All levels",
                [(_level_title(c.title), c.id.value) for c in curriculum.levels],
            ),
            (
                self.specialization_filter,
                "All specializations",
                [(s.title, s.id) for s in curriculum.specializations],
            ),
        ):
            chosen = combo.currentData()
            with QSignalBlocker(combo):
                combo.clear()
                combo.addItem(first, None)
                for text, data in items:
                    combo.addItem(text, data)
                index = combo.findData(chosen) if chosen is not None else 0
                combo.setCurrentIndex(max(index, 0))

    def _build_list(self) -> QWidget:
        self.previous_button = QPushButton("◀")
        self.previous_button.setAccessibleName("Previous week")
        self.previous_button.setToolTip("Previous week (Alt+Left)")
        self.previous_button.setShortcut(QKeySequence("Alt+Left"))
        self.next_button = QPushButton("▶")
        self.next_button.setAccessibleName("Next week")
        self.next_button.setToolTip("Next week (Alt+Right)")
        self.next_button.setShortcut(QKeySequence("Alt+Right"))
        self.this_week_button = QPushButton("This Week")
        self.this_week_button.setToolTip("This week (Alt+Home)")
        self.this_week_button.setShortcut(QKeySequence("Alt+Home"))
        self.previous_button.clicked.connect(lambda: self.shift_week(-1))
        self.next_button.clicked.connect(lambda: self.shift_week(1))
        self.this_week_button.clicked.connect(self.go_to_this_week)
        self.period_label = QLabel()
        self.period_label.setAccessibleName("Shown period")
        font = self.period_label.font()
        font.setBold(True)
        self.period_label.setFont(font)
        self.all_weeks_box = QCheckBox("All weeks")
        self.all_weeks_box.setAccessibleDescription("Show the tasks of every week")
        self.all_weeks_box.toggled.connect(self.set_all_weeks)

        self.week_controls = QWidget()
        controls = QHBoxLayout(self.week_controls)
        controls.setContentsMargins(0, 0, 0, 0)
        for button in (self.previous_button, self.this_week_button, self.next_button):
            controls.addWidget(button)
        nav = QHBoxLayout()
        nav.addWidget(self.week_controls)
        nav.addSpacing(8)
        nav.addWidget(self.period_label)
        nav.addStretch()
        nav.addWidget(self.all_weeks_box)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Planned tasks")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_context_menu)
        fit_columns(self.table, stretch=(Column.TASK, Column.TOPIC))
        self.setFocusProxy(self.table)
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(lambda _current, _previous: self._update_actions())
        selection.selectionChanged.connect(lambda _selected, _deselected: self._update_actions())
        toggle = QAction("Tick off or reopen", self.table)
        toggle.setShortcut(QKeySequence(Qt.Key.Key_Space))
        toggle.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        toggle.triggered.connect(self.toggle_done_selected)
        self.table.addAction(toggle)

        self.empty_label = QLabel("Loading your plan…")
        self.empty_label.setAccessibleName("Empty plan message")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setMargin(24)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty_label)

        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(nav)
        layout.addWidget(self.list_stack, 1)
        return panel

    def _build_action_row(self) -> QHBoxLayout:
        self.move_button = action_button(self.move_action, "Move the selected task to a date")
        self.pin_button = action_button(self.pin_action, "Pin or unpin the selected task")
        self.skip_button = action_button(self.skip_action, "Skip or reopen the selected task")
        self.add_button = action_button(self.add_action, "Add a task of your own")
        row = QHBoxLayout()
        for button in (self.move_button, self.pin_button, self.skip_button):
            row.addWidget(button)
        row.addStretch()
        row.addWidget(self.add_button)
        return row

    # Loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Fetch every task and the plan's feasibility again (off the GUI thread)."""
        self.calendar.set_today(self._today())
        self._backend.query(tasks.all_tasks, self._set_tasks)
        self._backend.query(pace_forecast, self._show_report, self._report_failed)

    def _today(self) -> date:
        return self._backend.context.today(self._timezone)

    def _set_tasks(self, all_tasks: Sequence[StudyTask]) -> None:
        selected = self._follow_id
        if selected is None:
            task = self.selected_task()
            selected = task.id if task is not None else None
        self._follow_id = None
        self.model.set_today(self._today())
        self.model.set_tasks(all_tasks)
        self._loaded = True
        self._after_filter_change(selected)
        self.loaded.emit()

    def _show_report(self, forecast: PaceForecast) -> None:
        self._has_plan = True
        self.banner.show_message(describe_plan(self._backend.context.curriculum, forecast))
        self.report_shown.emit()

    def _report_failed(self, error: Exception) -> None:
        if isinstance(error, NoProfileError):
            self._has_plan = False
            self.banner.hide()
            self._update_empty_state()
            self.report_shown.emit()
            return
        self._backend.error.emit(error)

    @property
    def banner_kind(self) -> str | None:
        """ "warning", "info", or None while the banner is hidden."""
        return self.banner.kind

    def _on_changed(self, changes: Changes) -> None:
        self.reload()

    def _on_curriculum_changed(self, curriculum: Curriculum) -> None:
        self.model.set_curriculum(curriculum)
        self.proxy.set_curriculum(curriculum)
        self._fill_curriculum_filters(curriculum)
        self._apply_filters()
        self.reload()

    # Modes, weeks and days -------------------------------------------------------------

    @property
    def mode(self) -> int:
        return self.mode_group.checkedId()

    def set_mode(self, mode: int) -> None:
        button = self.mode_group.button(mode)
        if button is not None and not button.isChecked():
            button.setChecked(True)
        calendar = mode == self.CALENDAR
        self.calendar_panel.setVisible(calendar)
        self.week_controls.setVisible(not calendar)
        self.all_weeks_box.setVisible(not calendar)
        self.table.setColumnHidden(Column.DATE, calendar)
        if calendar:
            self.calendar.select_day(self._week if self._all_weeks else self._focus_day())
        self._apply_dates()

    def _focus_day(self) -> date:
        """The day the calendar opens on: today in this week, else the week's Monday."""
        today = self._today()
        return today if week_start(today) == self._week else self._week

    def show_week(self, day: date) -> None:
        """Show the week holding ``day`` in the agenda."""
        self._week = week_start(day)
        if self._all_weeks:
            self.all_weeks_box.setChecked(False)  # applies the dates
        else:
            self._apply_dates()

    def shift_week(self, weeks: int) -> None:
        self.show_week(self._week + timedelta(weeks=weeks))

    def go_to_this_week(self) -> None:
        self.show_week(self._today())

    def set_all_weeks(self, all_weeks: bool) -> None:
        self._all_weeks = all_weeks
        if self.all_weeks_box.isChecked() != all_weeks:
            self.all_weeks_box.setChecked(all_weeks)
            return
        self._apply_dates()

    def show_day(self, day: date) -> None:
        """Show one day's tasks on the calendar."""
        self.set_mode(self.CALENDAR)
        self.calendar.select_day(day)

    def _day_selected(self) -> None:
        if self.mode == self.CALENDAR:
            self._week = week_start(self.calendar.selected_day())
            self._apply_dates()

    def _apply_dates(self) -> None:
        selected = self.selected_task()
        if self.mode == self.CALENDAR:
            day = self.calendar.selected_day()
            self.proxy.set_day(day)
        elif self._all_weeks:
            self.proxy.set_week(None)
            self.period_label.setText("All weeks")
        else:
            self.proxy.set_week(self._week)
            self.period_label.setText(f"Week of {self._week.day} {self._week:%b %Y}")
        for button in (self.previous_button, self.next_button, self.this_week_button):
            button.setEnabled(not self._all_weeks)
        self._after_filter_change(selected.id if selected is not None else None)

    # Filters ---------------------------------------------------------------------------

    def _apply_filters(self) -> None:
        selected = self.selected_task()
        group = self.group_filter.currentData()
        level = self.level_filter.currentData()
        specialization = self.specialization_filter.currentData()
        status = self.status_filter.currentData()
        self.proxy.set_group(group if isinstance(group, str) else None)
        self.proxy.set_level(Level(level) if isinstance(level, str) else None)
        self.proxy.set_specialization(specialization if isinstance(specialization, str) else None)
        self.proxy.set_status(TaskStatus(status) if isinstance(status, str) else None)
        self._after_filter_change(selected.id if selected is not None else None)

    def _filter_combos(self) -> tuple[QComboBox, ...]:
        return (
            self.group_filter,
            self.level_filter,
            self.specialization_filter,
            self.status_filter,
        )

    def clear_filters(self) -> None:
        for combo in self._filter_combos():
            with QSignalBlocker(combo):
                combo.setCurrentIndex(0)
        self._apply_filters()

    def _filters_active(self) -> bool:
        return any(combo.currentIndex() > 0 for combo in self._filter_combos())

    def _after_filter_change(self, keep_id: int | None) -> None:
        """Refresh what depends on the visible rows; keep the selected task if it is shown."""
        self._update_calendar()
        self._update_summary()
        self._update_empty_state()
        if keep_id is not None and self.select_task(keep_id):
            self.table.scrollTo(self.table.currentIndex())
        self._update_actions()

    def _update_calendar(self) -> None:
        self.calendar.set_summaries(
            summarize_days(t for t in self.model.tasks() if self.proxy.accepts(t, dates=False))
        )
        if self.mode == self.CALENDAR:
            self.period_label.setText(self.calendar.describe_selected_day())

    def _update_summary(self) -> None:
        if not self._loaded or self.model.rowCount() == 0:
            self.summary_label.setText("")
            return
        self.summary_label.setText(tasks_summary(self.proxy.visible_tasks()))

    def _update_empty_state(self) -> None:
        if not self._loaded:
            message = "Loading your plan…"
        elif not self._has_plan or self.model.rowCount() == 0:
            message = "There is no study plan yet. Create one to see your tasks here."
        elif self.proxy.rowCount() > 0:
            message = ""
        elif self._filters_active():
            message = "No tasks match these filters. Clear the filters to see more."
        elif self.mode == self.CALENDAR:
            message = "Nothing is planned on this day."
        elif self._all_weeks:
            message = "Nothing is planned."
        else:
            message = "Nothing is planned this week. Try the next week, or show all weeks."
        self.empty_label.setText(message)
        self.list_stack.setCurrentWidget(self.empty_label if message else self.table)

    # Acting ----------------------------------------------------------------------------

    def selected_task(self) -> StudyTask | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.proxy.task_at(index.row())

    def select_task(self, task_id: int) -> bool:
        """Select a task if it is listed; False if the filters hide it."""
        row = self.proxy.row_of(task_id)
        if row is None:
            return False
        select_row(self.table, self.proxy.index(row, Column.TASK))
        return True

    def _update_actions(self) -> None:
        self.task_actions.update_for(self.selected_task())

    def _show_context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if not index.isValid():
            return
        self.table.selectRow(index.row())
        self.task_actions.menu(self).popup(self.table.viewport().mapToGlobal(position))

    def menu_actions(self) -> list[QAction]:
        """What the window's Task menu offers while this view is shown."""
        return [self.move_action, self.pin_action, self.skip_action, self.add_action]

    def move_selected(self) -> None:
        task = self.selected_task()
        if task is None or task.id is None or not task.status.is_open:
            return
        day = dialogs.ask_move_date(self, task, self._today())
        if day is None:
            return
        task_id = task.id
        self._backend.mutate(
            lambda context: tasks.move_task(context, task_id, day),
            on_done=lambda _changes: self._after_placing(task_id, day),
        )

    def toggle_pin_selected(self) -> None:
        task = self.selected_task()
        if task is None or task.id is None or not task.status.is_open:
            return
        task_id, pinned = task.id, not task.pinned
        self._backend.mutate(lambda context: tasks.set_pinned(context, task_id, pinned))

    def toggle_skip_selected(self) -> None:
        task = self.selected_task()
        if task is None or task.id is None:
            return
        if task.status is TaskStatus.SKIPPED:
            status = TaskStatus.PENDING
        elif task.status.is_open:
            status = TaskStatus.SKIPPED
        else:
            return
        task_id = task.id
        self._backend.mutate(lambda context: tasks.set_status(context, task_id, status))

    def drop_selected_topic(self) -> None:
        """Say what dropping the selected task's topic removes; drop it if the learner agrees."""
        task = self.selected_task()
        if task is None or task.topic_id is None or not task.status.is_open:
            return
        topic_id = task.topic_id
        self._backend.query(lambda context: plans.topic_drop(context, topic_id), self._confirm_drop)

    def _confirm_drop(self, dropped: TopicDrop) -> None:
        curriculum = self._backend.context.curriculum
        if dialogs.confirm_drop_topic(self, describe_topic_drop(curriculum, dropped)):
            topic_id = dropped.topic_id
            self._backend.mutate(lambda context: plans.drop_topic(context, topic_id)[1])

    def toggle_done_selected(self) -> None:
        task = self.selected_task()
        if task is not None and task.id is not None:
            self._request_done(task.id, task.status is not TaskStatus.DONE)

    def _request_done(self, task_id: int, done: bool) -> None:
        status = TaskStatus.DONE if done else TaskStatus.PENDING
        self._backend.mutate(lambda context: tasks.set_status(context, task_id, status))

    def add_custom_task(self) -> None:
        entered = dialogs.ask_custom_task(self, self._default_new_day())
        if entered is None:
            return
        self._backend.mutate(
            lambda context: tasks.add_custom_task(
                context, entered.title, entered.minutes, entered.day, notes=entered.notes
            ),
            on_done=lambda changes: self._after_placing(
                next(iter(changes.task_ids), None), entered.day
            ),
        )

    def _default_new_day(self) -> date:
        if self.mode == self.CALENDAR:
            return self.calendar.selected_day()
        task = self.selected_task()
        if task is not None:
            return task.scheduled_date
        today = self._today()
        if self._all_weeks or week_start(today) == self._week:
            return today
        return max(self._week, today)

    def _after_placing(self, task_id: int | None, day: date) -> None:
        """Show where the task went, and warn if that day now holds more than its time."""
        self._follow(task_id, day)
        self._backend.query(lambda context: tasks.day_load(context, day), self._show_day_load)

    def _show_day_load(self, load: tasks.DayLoad) -> None:
        if not load.over_by:
            self.day_notice.hide()
            return
        self.day_notice.setText(
            f"{day_text(load.day)} now holds {duration(load.planned_minutes)} of study, "
            f"{duration(load.over_by)} more than the {duration(load.available_minutes)} you "
            "set for that day. Move something, or change your week in Settings."
        )
        self.day_notice.show()

    def _follow(self, task_id: int | None, day: date) -> None:
        """After a write, show the day the task is on and select it once reloaded."""
        self._follow_id = task_id
        if self.mode == self.CALENDAR:
            self.calendar.select_day(day)
        elif not self._all_weeks:
            self.show_week(day)


def _level_title(title: str) -> str:
    """ "Mid-Level ML Engineer" → "Mid-Level": the level, without the job title."""
    return title.removesuffix(" ML Engineer").strip() or title
