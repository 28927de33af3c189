"""Today: the day's tasks to tick off, with the topic, its resources, time and notes."""

from __future__ import annotations

import html
from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.domain.model import StudyTask, TaskStatus
from planner.domain.planning import MissedPolicy
from planner.domain.planning_types import DEFAULT_MISSED_POLICY
from planner.services import plans, tasks
from planner.services.changes import Changes
from planner.services.plans import ReplanChoice
from planner.services.status import MissedWork, current_missed_work
from planner.ui.backend import Backend
from planner.ui.formatting import (
    describe_report,
    duration,
    plural,
    resources_html,
    tasks_summary,
)
from planner.ui.models.task_table import Column, TaskTableModel
from planner.ui.widgets.headings import make_heading
from planner.ui.widgets.item_views import row_table, select_row
from planner.ui.widgets.link_label import LinkLabel
from planner.ui.widgets.scrolling import scrolling

UPCOMING_DAYS = 6  # a day's view lists the tasks of the week that follows it
SHORT_DAY_TASKS = 4  # a day with at most this many tasks leaves room for them
QWIDGETSIZE_MAX = (1 << 24) - 1

_POLICY_WORDS = {
    MissedPolicy.SHIFT: ("Move it all forward", "keeps the plan's order and sessions"),
    MissedPolicy.FIT: (
        "Fit it before my exams",
        "puts exam work first, optional topics last, one long session a day",
    ),
}
"""Each re-plan policy's button and what it does, in the learner's words."""


class SetDoneCommand(QUndoCommand):
    """Tick a task off or take the tick back; shown at once, written in the background."""

    def __init__(self, view: TodayView, task: StudyTask, done: bool) -> None:
        super().__init__(f"{'Tick off' if done else 'Reopen'} “{task.title}”")
        self._view, self._task, self._done = view, task, done

    def redo(self) -> None:
        self._view.apply_done(self._task, self._done)

    def undo(self) -> None:
        self._view.apply_done(self._task, not self._done, previous=self._task)


class TodayView(QWidget):
    def __init__(
        self,
        backend: Backend,
        undo_stack: QUndoStack,
        timezone: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._backend = backend
        self._timezone = timezone
        self._undo_stack = undo_stack
        self._day: date | None = None
        self._missed = MissedWork(tasks=0, minutes=0)
        self.model = TaskTableModel(backend.context.curriculum, self)
        self.model.completion_requested.connect(self._request_done)

        self.date_label = QLabel()
        make_heading(self.date_label)
        self.summary_label = QLabel()
        self.previous_button = QPushButton("◀")
        self.previous_button.setAccessibleName("Previous day")
        self.previous_button.setToolTip("Previous day (Alt+Left)")
        self.previous_button.setShortcut(QKeySequence("Alt+Left"))
        self.next_button = QPushButton("▶")
        self.next_button.setAccessibleName("Next day")
        self.next_button.setToolTip("Next day (Alt+Right)")
        self.next_button.setShortcut(QKeySequence("Alt+Right"))
        self.today_button = QPushButton("Today")
        self.today_button.setShortcut(QKeySequence("Alt+Home"))
        self.previous_button.clicked.connect(lambda: self._shift_day(-1))
        self.next_button.clicked.connect(lambda: self._shift_day(1))
        self.today_button.clicked.connect(self.go_to_today)

        self.summary_label.setWordWrap(True)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.date_label)
        titles.addWidget(self.summary_label)
        header = QHBoxLayout()
        header.addLayout(titles, 1)
        header.addSpacing(12)
        for button in (self.previous_button, self.today_button, self.next_button):
            header.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)

        self.banner = self._build_banner()
        self.report_label = QLabel()
        self.report_label.setWordWrap(True)
        self.report_label.setAccessibleName("Re-plan result")
        self.report_label.hide()
        self.table = self._build_table()
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.next_day_button = QPushButton()
        self.next_day_button.clicked.connect(self._go_to_next_study_day)
        self._next_study_day: date | None = None
        self.details = self._build_details()

        self.empty_state = QWidget()
        empty_layout = QVBoxLayout(self.empty_state)
        empty_layout.addStretch()
        empty_layout.addWidget(self.empty_label)
        empty_layout.addWidget(self.next_day_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch()
        self.upcoming_model = TaskTableModel(backend.context.curriculum, self)
        self.upcoming_model.completion_requested.connect(self._tick_upcoming)
        self.upcoming_label = QLabel("<b>Coming up this week</b>")
        self.upcoming_table = self._build_upcoming_table()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty_state, 1)
        left_layout.addWidget(self.upcoming_label)
        left_layout.addWidget(self.upcoming_table, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([3000, 2000])  # shares, not pixels: the table gets three fifths

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addWidget(self.report_label)
        layout.addWidget(splitter, 1)
        backend.changed.connect(self._on_changed)
        self._show_task(None)

    # Building --------------------------------------------------------------------------

    def _build_banner(self) -> QFrame:
        banner = QFrame()
        banner.setObjectName("missedBanner")
        banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner_label = QLabel()
        self.banner_label.setWordWrap(True)
        # One button when every policy gives the same plan, else one per policy, each
        # explained in the banner (see _show_choice).
        self.replan_button = QPushButton("Re-plan from today")
        self.replan_button.setToolTip("Re-plan every unfinished task from today on")
        self.replan_button.clicked.connect(lambda: self.replan(DEFAULT_MISSED_POLICY))
        self.shift_button = QPushButton(_POLICY_WORDS[MissedPolicy.SHIFT][0])
        self.shift_button.setToolTip(
            "Re-plan every unfinished task from today on: exam work first, the rest in the "
            "order it had, sessions as long as before; the plan ends later"
        )
        self.fit_button = QPushButton(_POLICY_WORDS[MissedPolicy.FIT][0])
        self.fit_button.setToolTip(
            "Re-plan for the exams: their work by exam date, optional topics last, and one "
            "long session filling each study day; shows what still does not fit"
        )
        self.shift_button.clicked.connect(lambda: self.replan(MissedPolicy.SHIFT))
        self.fit_button.clicked.connect(lambda: self.replan(MissedPolicy.FIT))
        # The text above its buttons, so it keeps the banner's width at any font size.
        buttons = QHBoxLayout()
        buttons.addStretch()
        for button in (self.replan_button, self.shift_button, self.fit_button):
            buttons.addWidget(button)
            button.hide()
        layout = QVBoxLayout(banner)
        layout.addWidget(self.banner_label)
        layout.addLayout(buttons)
        banner.hide()
        return banner

    def _build_table(self) -> QTableView:
        table = row_table(
            self.model,
            "Today's tasks",
            stretch=(Column.TASK, Column.TOPIC),
        )
        table.setColumnHidden(Column.DATE, True)
        # A day holds few tasks: long titles wrap onto more lines rather than being cut.
        table.setWordWrap(True)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setFocusProxy(table)
        self.toggle_action = QAction("&Tick Off or Reopen", table)
        self.toggle_action.setShortcut(QKeySequence(Qt.Key.Key_Space))
        self.toggle_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.toggle_action.triggered.connect(self.toggle_current)
        table.addAction(self.toggle_action)
        table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_task(self._task_at(current))
        )
        return table

    def _build_upcoming_table(self) -> QTableView:
        """The rest of the week's tasks, read-only, under a day with few tasks."""
        table = row_table(
            self.upcoming_model,
            "Tasks coming up this week",
            stretch=(Column.TASK,),
        )
        table.setTabKeyNavigation(False)
        table.setWordWrap(False)
        for column in (Column.TOPIC, Column.KIND, Column.STATUS):
            table.setColumnHidden(column, True)
        table.doubleClicked.connect(self._go_to_upcoming)
        return table

    def _build_details(self) -> QGroupBox:
        box = QGroupBox("Task")
        body = QWidget()
        self.detail_title = QLabel()
        self.detail_title.setWordWrap(True)
        make_heading(self.detail_title, section=True)
        self.detail_description = QLabel()
        self.detail_description.setWordWrap(True)
        self.detail_resources = LinkLabel("Resources")
        self.detail_resources.setOpenExternalLinks(True)
        self.time_spent = QSpinBox()
        self.time_spent.setRange(0, 24 * 60)
        self.time_spent.setSuffix(" min")
        self.time_spent.setAccessibleName("Time spent in minutes")
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Notes: what you did, what to revisit…")
        self.notes.setAccessibleName("Notes")
        self.notes.setMaximumHeight(120)
        self.save_button = QPushButton("Save time and notes")
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.clicked.connect(self.save_log)
        self.start_button = QPushButton("Start")
        self.start_button.clicked.connect(lambda: self._set_current_status(TaskStatus.IN_PROGRESS))
        self.skip_button = QPushButton("Skip")
        self.skip_button.clicked.connect(lambda: self._set_current_status(TaskStatus.SKIPPED))

        time_row = QHBoxLayout()
        time_label = QLabel("Time spent:")
        time_label.setBuddy(self.time_spent)
        time_row.addWidget(time_label)
        time_row.addWidget(self.time_spent)
        time_row.addStretch()
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.skip_button)
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.detail_title)
        layout.addWidget(self.detail_description)
        resources_heading = QLabel("<b>Resources</b>")
        resources_heading.setBuddy(self.detail_resources)
        layout.addWidget(resources_heading)
        layout.addWidget(self.detail_resources)
        layout.addLayout(time_row)
        layout.addWidget(self.notes)
        layout.addLayout(buttons)
        layout.addStretch()
        QVBoxLayout(box).addWidget(scrolling(body))  # long topics scroll rather than clip
        return box

    def menu_actions(self) -> list[QAction]:
        """What the window's Task menu offers while this view is shown."""
        return [self.toggle_action]

    # Loading ---------------------------------------------------------------------------

    def go_to_today(self) -> None:
        self.show_day(self._backend.context.today(self._timezone))

    def show_day(self, day: date) -> None:
        self._day = day
        is_today = day == self._backend.context.today(self._timezone)
        self.date_label.setText(f"{'Today, ' if is_today else ''}{day:%A %d %B %Y}")
        self.reload()

    def reload(self) -> None:
        if self._day is None:
            self.go_to_today()
            return
        day = self._day
        self._backend.query(lambda context: tasks.tasks_on(context, day), self._set_tasks)
        last = day + timedelta(days=UPCOMING_DAYS)
        self._backend.query(
            lambda context: tasks.tasks_between(context, day + timedelta(days=1), last),
            self._set_upcoming,
        )
        self._backend.query(current_missed_work, self._show_missed)

    def _set_upcoming(self, upcoming: list[StudyTask]) -> None:
        self.upcoming_model.set_tasks(upcoming)
        self._fit_day_table()

    def _fit_day_table(self) -> None:
        """A short day's list takes only the room its rows need; the week's coming tasks
        fill the rest (a long day keeps the room, and the week is left out)."""
        rows = self.model.rowCount()
        show_upcoming = 0 < rows <= SHORT_DAY_TASKS and self.upcoming_model.rowCount() > 0
        self.upcoming_label.setVisible(show_upcoming)
        self.upcoming_table.setVisible(show_upcoming)
        if show_upcoming:
            table = self.table
            height = (
                table.horizontalHeader().sizeHint().height()
                + rows * table.verticalHeader().defaultSectionSize()
                + 2 * table.frameWidth()
            )
            table.setMaximumHeight(height)
        else:
            self.table.setMaximumHeight(QWIDGETSIZE_MAX)

    def _tick_upcoming(self, task_id: int, done: bool) -> None:
        status = TaskStatus.DONE if done else TaskStatus.PENDING
        self._backend.mutate(lambda context: tasks.set_status(context, task_id, status))

    def _go_to_upcoming(self, index: QModelIndex) -> None:
        if index.isValid():
            self.show_day(self.upcoming_model.task_at(index.row()).scheduled_date)

    def _shift_day(self, days: int) -> None:
        if self._day is not None:
            self.show_day(self._day + timedelta(days=days))

    def _set_tasks(self, day_tasks: list[StudyTask]) -> None:
        selected = self._selected_task()
        self.model.set_today(self._backend.context.today(self._timezone))
        self.model.set_tasks(day_tasks)
        self.table.setVisible(bool(day_tasks))
        self.details.setVisible(bool(day_tasks))
        self.empty_state.setVisible(not day_tasks)
        self.next_day_button.hide()
        if not day_tasks and self._day is not None:
            self.empty_label.setText("Nothing is planned for this day.")
            after = self._day
            self._backend.query(
                lambda context: tasks.next_planned_day(context, after), self._show_next_study_day
            )
        self._update_summary()
        self._fit_day_table()
        row = self.model.row_of(selected.id) if selected and selected.id is not None else None
        if row is None and day_tasks:
            row = 0
        if row is not None:
            select_row(self.table, self.model.index(row, Column.TASK))
        else:
            self._show_task(None)

    def _show_next_study_day(self, day: date | None) -> None:
        self._next_study_day = day
        if day is None:
            self.empty_label.setText("Nothing is planned for this day, nor after it.")
            return
        self.empty_label.setText(
            f"Nothing is planned for this day. Your next study day is {day:%A %d %B %Y}."
        )
        self.next_day_button.setText(f"Go to {day:%A %d %B}")
        self.next_day_button.show()

    def _go_to_next_study_day(self) -> None:
        if self._next_study_day is not None:
            self.show_day(self._next_study_day)

    def _update_summary(self) -> None:
        self.summary_label.setText(tasks_summary(self.model.tasks()))

    def _show_missed(self, missed: MissedWork) -> None:
        if not missed.tasks:
            self._missed = missed
            self.banner.hide()
            return
        if missed == self._missed and self.banner.isVisible():
            return  # the choice shown still holds: comparing again takes a moment
        self._missed = missed
        # Shown at once with the default re-plan; comparing the policies takes a moment.
        self.banner_label.setText(self._missed_head(missed))
        self.replan_button.show()
        self.shift_button.hide()
        self.fit_button.hide()
        self.banner.show()
        self._backend.query(plans.compare_replans, self._show_choice)

    @staticmethod
    def _missed_head(missed: MissedWork) -> str:
        return (
            f"<b>{plural(missed.tasks, 'unfinished task')}</b> ({duration(missed.minutes)}) "
            "from earlier days."
        )

    def _show_choice(self, choice: ReplanChoice) -> None:
        """The missed work and the ways to re-plan it: one button when the policies agree,
        else a sentence and a button for each."""
        missed = self._missed
        if not missed.tasks:
            return
        curriculum = self._backend.context.curriculum
        head = self._missed_head(missed)
        if choice.same:
            outcome = describe_report(choice.reports[DEFAULT_MISSED_POLICY], curriculum, would=True)
            text = f"{head} Re-planning moves them forward from today. {outcome}"
        else:
            sentences = "".join(
                f"<br><b>{_POLICY_WORDS[policy][0]}</b> {_POLICY_WORDS[policy][1]}. "
                f"{describe_report(report, curriculum, would=True)}"
                for policy, report in choice.reports.items()
            )
            text = f"{head} Two ways to re-plan them differ:{sentences}"
        self.banner_label.setText(text)
        self.replan_button.setVisible(choice.same)
        self.shift_button.setVisible(not choice.same)
        self.fit_button.setVisible(not choice.same)
        self.banner.show()

    def _on_changed(self, changes: Changes) -> None:
        if changes.plan or changes.profile or changes.goals:
            self._missed = MissedWork(tasks=0, minutes=0)  # compare the policies again
        self.reload()

    # Acting ----------------------------------------------------------------------------

    def _task_at(self, index: QModelIndex) -> StudyTask | None:
        return self.model.task_at(index.row()) if index.isValid() else None

    def _selected_task(self) -> StudyTask | None:
        return self._task_at(self.table.currentIndex())

    def toggle_current(self) -> None:
        task = self._selected_task()
        if task is not None and task.id is not None:
            self._request_done(task.id, task.status is not TaskStatus.DONE)

    def _request_done(self, task_id: int, done: bool) -> None:
        task = self.model.task(task_id)
        if task is None or (task.status is TaskStatus.DONE) == done:
            return
        self._undo_stack.push(SetDoneCommand(self, task, done))

    def apply_done(self, task: StudyTask, done: bool, previous: StudyTask | None = None) -> None:
        """Show the new state at once, then write it; on failure show the old one again.
        Undoing a tick restores the status the task had before (to do, or in progress)."""
        assert task.id is not None
        task_id = task.id
        shown = self.model.task(task_id) or task
        if done:
            status = TaskStatus.DONE
        elif previous is not None and previous.status is not TaskStatus.DONE:
            status = previous.status
        else:
            status = TaskStatus.PENDING
        self.model.update_task(replace(shown, status=status))
        self._update_summary()
        self._backend.mutate(
            lambda context: tasks.set_status(context, task_id, status),
            on_error=lambda error: self._write_failed(shown, error),
        )

    def _write_failed(self, shown: StudyTask, error: Exception) -> None:
        self.model.update_task(shown)
        self._update_summary()
        self._backend.error.emit(error)

    def save_log(self) -> None:
        task = self._selected_task()
        if task is None or task.id is None:
            return
        task_id, minutes, notes = task.id, self.time_spent.value(), self.notes.toPlainText()
        self._backend.mutate(lambda context: tasks.log_time(context, task_id, minutes, notes))

    def _set_current_status(self, status: TaskStatus) -> None:
        task = self._selected_task()
        if task is not None and task.id is not None:
            task_id = task.id
            self._backend.mutate(lambda context: tasks.set_status(context, task_id, status))

    def replan(self, policy: MissedPolicy) -> None:
        self._backend.mutate(
            lambda context: plans.replan(context, policy), on_done=self._report_replan
        )

    def _report_replan(self, changes: Changes) -> None:
        if changes.report is not None:
            self.report_label.setText(
                f"Re-planned. {describe_report(changes.report, self._backend.context.curriculum)}"
            )
            self.report_label.show()

    # Details ---------------------------------------------------------------------------

    def _show_task(self, task: StudyTask | None) -> None:
        for widget in (
            self.time_spent,
            self.notes,
            self.save_button,
            self.start_button,
            self.skip_button,
        ):
            widget.setEnabled(task is not None)
        if task is None:
            self.detail_title.setText("No task selected")
            self.detail_description.setText("")
            self.detail_resources.setText("")
            self.time_spent.setValue(0)
            self.notes.setPlainText("")
            return
        curriculum = self._backend.context.curriculum
        self.detail_title.setText(html.escape(task.title))
        self.time_spent.setValue(task.minutes_studied)
        self.notes.setPlainText(task.notes)
        self.start_button.setEnabled(task.status is TaskStatus.PENDING)
        self.skip_button.setEnabled(task.status.is_open)
        if task.topic_id is None or not curriculum.has_topic(task.topic_id):
            self.detail_description.setText("A task of your own.")
            self.detail_resources.setText("—")
            return
        topic = curriculum.topic(task.topic_id)
        self.detail_description.setText(
            f"<b>{html.escape(topic.title)}</b> · {task.minutes} min · "
            f"{task.kind.value.replace('-', ' ')}<br>{html.escape(topic.description)}"
        )
        self.detail_resources.setText(resources_html(curriculum, topic))
