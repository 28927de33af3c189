"""Plan: the learner's whole plan, week by week or on a month calendar, with filters,
actions on single tasks (move, pin, skip, add one's own) and the plan's feasibility."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QDate, QItemSelectionModel, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.domain.curriculum import Curriculum, Level
from planner.domain.model import StudyTask, TaskStatus
from planner.domain.planning import DeadlineReport, PlanReport
from planner.services import plans, tasks
from planner.services.changes import Changes
from planner.services.errors import NoProfileError
from planner.ui import dialogs
from planner.ui.backend import Backend
from planner.ui.formatting import duration
from planner.ui.models.task_filter import TaskFilterModel, week_start
from planner.ui.models.task_table import Column, TaskTableModel, status_text

DONE_COLOUR = "#2e9d4f"
MISSED_COLOUR = "#d0453a"
_LISTED_TOPICS = 4  # topic titles named in the banner before "and N more"
_STATUS_CHOICES = (
    TaskStatus.PENDING,
    TaskStatus.IN_PROGRESS,
    TaskStatus.DONE,
    TaskStatus.SKIPPED,
)


@dataclass(frozen=True)
class DaySummary:
    """What one calendar day holds (skipped tasks left out)."""

    tasks: int
    done_tasks: int
    minutes: int
    done_minutes: int

    @property
    def all_done(self) -> bool:
        return self.tasks > 0 and self.done_tasks == self.tasks


def summarize_days(day_tasks: Iterable[StudyTask]) -> dict[date, DaySummary]:
    counts: dict[date, list[int]] = {}
    for task in day_tasks:
        if task.status is TaskStatus.SKIPPED:
            continue
        entry = counts.setdefault(task.scheduled_date, [0, 0, 0, 0])
        done = task.status is TaskStatus.DONE
        entry[0] += 1
        entry[1] += done
        entry[2] += task.minutes
        entry[3] += task.minutes if done else 0
    return {day: DaySummary(*values) for day, values in counts.items()}


def short_duration(minutes: int) -> str:
    """A duration that fits a calendar cell: 45m, 2h, 1h30."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}m"
    return f"{hours}h{rest:02d}" if rest else f"{hours}h"


def day_text(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class PlanCalendar(QCalendarWidget):
    """A month calendar whose cells show each day's planned time and how much is done."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._summaries: dict[date, DaySummary] = {}
        self._today: date | None = None
        self.setAccessibleName("Plan calendar")
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setHorizontalHeaderFormat(QCalendarWidget.HorizontalHeaderFormat.ShortDayNames)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # The grid stretches all rows alike, the weekday names too: keep that row short.
        grid = self.findChild(QTableView, "qt_calendar_calendarview")
        if grid is not None:
            rows = grid.verticalHeader()
            rows.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
            rows.resizeSection(0, self.fontMetrics().height() + 12)

    def set_summaries(self, summaries: dict[date, DaySummary]) -> None:
        self._summaries = summaries
        self.updateCells()

    def summary(self, day: date) -> DaySummary | None:
        return self._summaries.get(day)

    def set_today(self, today: date) -> None:
        self._today = today
        self.updateCells()

    def selected_day(self) -> date:
        return from_qdate(self.selectedDate())

    def select_day(self, day: date) -> None:
        self.setSelectedDate(to_qdate(day))

    def paintCell(self, painter: QPainter, rect: QRect, qdate: QDate) -> None:
        day = from_qdate(qdate)
        palette = self.palette()
        selected = qdate == self.selectedDate()
        in_month = qdate.month() == self.monthShown() and qdate.year() == self.yearShown()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        cell = rect.adjusted(1, 1, -1, -1)
        if selected:
            painter.fillRect(cell, palette.color(QPalette.ColorRole.Highlight))
        if day == self._today:
            pen = painter.pen()
            pen.setColor(palette.color(QPalette.ColorRole.Highlight))
            pen.setWidth(2)
            painter.setPen(pen)
            painter.drawRect(cell.adjusted(1, 1, -1, -1))
        if selected:
            text = palette.color(QPalette.ColorRole.HighlightedText)
        elif in_month:
            text = palette.color(QPalette.ColorRole.Text)
        else:
            text = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        inner = cell.adjusted(5, 3, -5, -3)
        font = QFont(self.font())
        font.setBold(day == self._today)
        painter.setFont(font)
        painter.setPen(text)
        painter.drawText(
            inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, str(qdate.day())
        )
        summary = self._summaries.get(day)
        if summary is not None:
            self._paint_summary(painter, inner, day, summary, text, selected)
        painter.restore()

    def _paint_summary(
        self,
        painter: QPainter,
        inner: QRect,
        day: date,
        summary: DaySummary,
        text: QColor,
        selected: bool,
    ) -> None:
        done_colour = QColor(text) if selected else QColor(DONE_COLOUR)
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.85))
        painter.setFont(small)
        if summary.all_done:
            painter.setPen(done_colour)
            painter.drawText(inner, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, "✓")
        bar_height = 3
        text_area = inner.adjusted(0, 0, 0, -(bar_height + 2))
        missed = (
            self._today is not None and day < self._today and summary.done_tasks < summary.tasks
        )
        painter.setPen(text if selected or not missed else QColor(MISSED_COLOUR))
        painter.drawText(
            text_area,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
            short_duration(summary.minutes),
        )
        if summary.minutes:
            bar = QRect(inner.left(), inner.bottom() - bar_height + 1, inner.width(), bar_height)
            track = QColor(text)
            track.setAlphaF(0.2)
            painter.fillRect(bar, track)
            done_width = round(bar.width() * summary.done_minutes / summary.minutes)
            if done_width:
                painter.fillRect(
                    QRect(bar.left(), bar.top(), done_width, bar.height()), done_colour
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
        self.banner = self._build_banner()
        filters = self._build_filters()
        self.calendar = PlanCalendar()
        self.calendar.set_today(self._today())
        self.calendar.selectionChanged.connect(self._day_selected)
        self.calendar_panel = QWidget()
        calendar_layout = QVBoxLayout(self.calendar_panel)
        calendar_layout.setContentsMargins(0, 0, 0, 0)
        calendar_layout.addWidget(self.calendar, 1)
        legend = QLabel(
            f"Time planned per day; the bar fills as tasks are done. "
            f'<span style="color:{DONE_COLOUR}">✓</span> all done · '
            f'<span style="color:{MISSED_COLOUR}">red</span>: unfinished past day.'
        )
        legend.setWordWrap(True)
        legend.setAccessibleName("Calendar legend")
        calendar_layout.addWidget(legend)
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
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(self._build_action_row())

        backend.changed.connect(self._on_changed)
        backend.curriculum_changed.connect(self._on_curriculum_changed)
        self.set_mode(self.AGENDA)

    # Building --------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.move_action = self._action(
            "&Move to Date…", QKeySequence("Ctrl+M"), self.move_selected
        )
        self.pin_action = self._action(
            "&Pin to Day", QKeySequence("Ctrl+Shift+P"), self.toggle_pin_selected
        )
        self.skip_action = self._action("&Skip", QKeySequence("Ctrl+K"), self.toggle_skip_selected)
        self.add_action = self._action(
            "&Add Custom Task…", QKeySequence(QKeySequence.StandardKey.New), self.add_custom_task
        )
        self.add_action.setEnabled(True)

    def _action(self, text: str, shortcut: QKeySequence, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(shortcut)
        # Window-wide, so the keys work as soon as the page is shown; a hidden page's
        # actions never fire.
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        plain = text.replace("&", "").rstrip("…")
        action.setToolTip(f"{plain} ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})")
        action.triggered.connect(lambda _checked=False: slot())
        action.setEnabled(False)
        self.addAction(action)
        return action

    def _build_header(self) -> QHBoxLayout:
        title = QLabel("Your plan")
        title.setObjectName("heading")
        self.agenda_button = QPushButton("Agenda")
        self.agenda_button.setAccessibleName("Agenda view")
        self.agenda_button.setToolTip("Tasks week by week")
        self.calendar_button = QPushButton("Calendar")
        self.calendar_button.setAccessibleName("Calendar view")
        self.calendar_button.setToolTip("A month calendar: pick a day to list its tasks")
        self.mode_group = QButtonGroup(self)
        segments = QHBoxLayout()
        segments.setSpacing(0)
        for mode, button in (
            (self.AGENDA, self.agenda_button),
            (self.CALENDAR, self.calendar_button),
        ):
            button.setCheckable(True)
            button.setMinimumWidth(96)
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

    def _build_banner(self) -> QFrame:
        banner = QFrame()
        banner.setObjectName("planBanner")
        self.banner_label = QLabel()
        self.banner_label.setWordWrap(True)
        self.banner_label.setTextFormat(Qt.TextFormat.RichText)
        self.banner_label.setAccessibleName("Plan feasibility")
        self.banner_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(banner)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.banner_label, 1)
        banner.hide()
        return banner

    def _build_filters(self) -> QHBoxLayout:
        self.group_filter = self._combo("Skill group filter")
        self.level_filter = self._combo("Level filter")
        self.specialization_filter = self._combo("Specialization filter")
        self.status_filter = self._combo("Status filter")
        self.status_filter.addItem("All statuses", None)
        for status in _STATUS_CHOICES:
            self.status_filter.addItem(status_text(status), status.value)
        self._fill_curriculum_filters(self._backend.context.curriculum)
        self.group_filter.currentIndexChanged.connect(self._apply_filters)
        self.level_filter.currentIndexChanged.connect(self._apply_filters)
        self.specialization_filter.currentIndexChanged.connect(self._apply_filters)
        self.status_filter.currentIndexChanged.connect(self._apply_filters)
        self.clear_filters_button = QPushButton("Clear Filters")
        self.clear_filters_button.setAccessibleName("Clear filters")
        self.clear_filters_button.clicked.connect(self.clear_filters)
        row = QHBoxLayout()
        row.setSpacing(6)
        for text, combo in (
            ("&Group:", self.group_filter),
            ("&Level:", self.level_filter),
            ("S&pecialization:", self.specialization_filter),
            ("St&atus:", self.status_filter),
        ):
            label = QLabel(text)
            label.setBuddy(combo)
            row.addWidget(label)
            row.addWidget(combo, 1)
            row.addSpacing(10)
        row.addWidget(self.clear_filters_button)
        return row

    def _combo(self, accessible_name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(accessible_name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(10)
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
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, None)
            for text, data in items:
                combo.addItem(text, data)
            index = combo.findData(chosen) if chosen is not None else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

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
        self.this_week_button.setAccessibleName("This week")
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
        self.all_weeks_box.setAccessibleName("Show all weeks")
        self.all_weeks_box.toggled.connect(self.set_all_weeks)

        self.week_controls = QWidget()
        controls = QHBoxLayout(self.week_controls)
        controls.setContentsMargins(0, 0, 0, 0)
        for button in (self.previous_button, self.this_week_button, self.next_button):
            controls.addWidget(button)
        self.previous_button.setFixedWidth(36)
        self.next_button.setFixedWidth(36)
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
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Column.TASK, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.TOPIC, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(Column.TOPIC, 240)
        for column in (Column.KIND, Column.MINUTES, Column.DATE, Column.STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
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
        self.move_button = self._action_button(self.move_action, "Move selected task to a date")
        self.pin_button = self._action_button(self.pin_action, "Pin or unpin selected task")
        self.skip_button = self._action_button(self.skip_action, "Skip or reopen selected task")
        self.add_button = self._action_button(self.add_action, "Add a custom task")
        row = QHBoxLayout()
        for button in (self.move_button, self.pin_button, self.skip_button):
            row.addWidget(button)
        row.addStretch()
        row.addWidget(self.add_button)
        return row

    def _action_button(self, action: QAction, accessible_name: str) -> QPushButton:
        button = QPushButton(action.text().replace("&", ""))
        button.setAccessibleName(accessible_name)
        button.setToolTip(action.toolTip())
        button.setMinimumWidth(120)
        button.clicked.connect(action.trigger)
        action.changed.connect(lambda: _sync_button(button, action))
        _sync_button(button, action)
        return button

    # Loading ---------------------------------------------------------------------------

    def set_timezone(self, timezone: str) -> None:
        self._timezone = timezone
        self.calendar.set_today(self._today())

    def reload(self) -> None:
        """Fetch every task and the plan's feasibility again (off the GUI thread)."""
        self.calendar.set_today(self._today())
        self._backend.query(tasks.all_tasks, self._set_tasks)
        self._backend.query(plans.assess_plan, self._show_report, self._report_failed)

    @property
    def is_loaded(self) -> bool:
        return self._loaded

    def _today(self) -> date:
        return self._backend.context.today(self._timezone)

    def _set_tasks(self, all_tasks: Sequence[StudyTask]) -> None:
        selected = self._follow_id
        if selected is None:
            task = self.selected_task()
            selected = task.id if task is not None else None
        self._follow_id = None
        self.model.set_tasks(all_tasks)
        self._loaded = True
        self._after_filter_change(selected)
        self.loaded.emit()

    def _show_report(self, report: PlanReport) -> None:
        self._has_plan = True
        curriculum = self._backend.context.curriculum
        warnings = [_describe_deadline(curriculum, d) for d in report.deadlines if not d.feasible]
        if report.unplaceable_topic_ids:
            warnings.append(_describe_unplaceable(curriculum, report.unplaceable_topic_ids))
        if warnings:
            self._set_banner("warning", "<br>".join(warnings))
        elif report.end_date is not None:
            exams = " Every exam deadline fits." if report.deadlines else ""
            self._set_banner("info", f"Plan ends on <b>{day_text(report.end_date)}</b>.{exams}")
        else:
            self._set_banner("info", "Every task in the plan is done or skipped.")
        self.report_shown.emit()

    def _report_failed(self, error: Exception) -> None:
        if isinstance(error, NoProfileError):
            self._has_plan = False
            self.banner.hide()
            self._update_empty_state()
            self.report_shown.emit()
            return
        self._backend.error.emit(error)

    def _set_banner(self, kind: str, text: str) -> None:
        self.banner.setProperty("kind", kind)
        if kind == "warning":
            self.banner.setStyleSheet(
                "QFrame#planBanner { background: rgba(255, 170, 0, 0.16);"
                " border: 1px solid rgba(214, 130, 0, 0.75); border-radius: 6px; }"
            )
            text = f"<b>⚠ Your plan is at risk.</b><br>{text}"
        else:
            self.banner.setStyleSheet(
                "QFrame#planBanner { background: rgba(46, 157, 79, 0.10);"
                " border: 1px solid rgba(46, 157, 79, 0.55); border-radius: 6px; }"
            )
        self.banner_label.setText(text)
        self.banner.show()

    @property
    def banner_kind(self) -> str | None:
        """ "warning", "info", or None while the banner is hidden."""
        if self.banner.isHidden():
            return None
        kind = self.banner.property("kind")
        return kind if isinstance(kind, str) else None

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
            self.period_label.setText(day_text(day))
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

    def clear_filters(self) -> None:
        for combo in (
            self.group_filter,
            self.level_filter,
            self.specialization_filter,
            self.status_filter,
        ):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self._apply_filters()

    def _filters_active(self) -> bool:
        return any(
            combo.currentIndex() > 0
            for combo in (
                self.group_filter,
                self.level_filter,
                self.specialization_filter,
                self.status_filter,
            )
        )

    def _after_filter_change(self, keep_id: int | None) -> None:
        """Refresh what depends on the visible rows; keep the selected task if it is shown."""
        self._update_calendar()
        self._update_summary()
        self._update_empty_state()
        row = self.proxy.row_of(keep_id) if keep_id is not None else None
        if row is not None:
            self.table.selectionModel().setCurrentIndex(
                self.proxy.index(row, Column.TASK),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(self.proxy.index(row, Column.TASK))
        self._update_actions()

    def _update_calendar(self) -> None:
        self.calendar.set_summaries(
            summarize_days(t for t in self.model.tasks() if self.proxy.accepts(t, dates=False))
        )

    def _update_summary(self) -> None:
        shown = self.proxy.visible_tasks()
        if not self._loaded or self.model.rowCount() == 0:
            self.summary_label.setText("")
            return
        planned = sum(t.minutes for t in shown if t.status is not TaskStatus.SKIPPED)
        done = sum(t.minutes for t in shown if t.status is TaskStatus.DONE)
        count = f"{len(shown)} {'task' if len(shown) == 1 else 'tasks'}"
        self.summary_label.setText(f"{count} · {duration(planned)} planned · {duration(done)} done")

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
        self.table.selectionModel().setCurrentIndex(
            self.proxy.index(row, Column.TASK),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        return True

    def _update_actions(self) -> None:
        task = self.selected_task()
        is_open = task is not None and task.status.is_open
        self.move_action.setEnabled(is_open)
        self.pin_action.setEnabled(is_open)
        self.pin_action.setText("Un&pin" if task is not None and task.pinned else "&Pin to Day")
        skipped = task is not None and task.status is TaskStatus.SKIPPED
        self.skip_action.setEnabled(is_open or skipped)
        self.skip_action.setText("&Reopen" if skipped else "&Skip")

    def _show_context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if not index.isValid():
            return
        self.table.selectRow(index.row())
        menu = QMenu(self)
        menu.addActions([self.move_action, self.pin_action, self.skip_action])
        menu.addSeparator()
        menu.addAction(self.add_action)
        menu.popup(self.table.viewport().mapToGlobal(position))

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
            on_done=lambda _changes: self._follow(task_id, day),
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
            on_done=lambda changes: self._follow(next(iter(changes.task_ids), None), entered.day),
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

    def _follow(self, task_id: int | None, day: date) -> None:
        """After a write, show the day the task is on and select it once reloaded."""
        self._follow_id = task_id
        if self.mode == self.CALENDAR:
            self.calendar.select_day(day)
        elif not self._all_weeks:
            self.show_week(day)


def _sync_button(button: QPushButton, action: QAction) -> None:
    button.setText(action.text().replace("&", ""))
    button.setEnabled(action.isEnabled())


def _level_title(title: str) -> str:
    """ "Mid-Level ML Engineer" → "Mid-Level": the level, without the job title."""
    return title.removesuffix(" ML Engineer").strip() or title


def _topic_titles(curriculum: Curriculum, topic_ids: Sequence[str]) -> str:
    titles = [
        html.escape(curriculum.topic(t).title if curriculum.has_topic(t) else t)
        for t in topic_ids[:_LISTED_TOPICS]
    ]
    more = len(topic_ids) - _LISTED_TOPICS
    return ", ".join(titles) + (f" and {more} more" if more > 0 else "")


def _certification_title(curriculum: Curriculum, certification_id: str) -> str:
    known = {c.id: c.title for c in curriculum.certifications}
    return html.escape(known.get(certification_id, certification_id))


def _describe_deadline(curriculum: Curriculum, report: DeadlineReport) -> str:
    title = _certification_title(curriculum, report.certification_id)
    parts = [
        f"<b>{title}</b> (exam on {day_text(report.exam_date)}): "
        f"{report.shortfall_hours:.1f} h of preparation will not be done by "
        f"{day_text(report.due_date)}."
    ]
    if report.earliest_feasible_exam_date is not None:
        parts.append(
            f"Earliest exam date you could be ready for: "
            f"<b>{day_text(report.earliest_feasible_exam_date)}</b>."
        )
    else:
        parts.append("The preparation cannot be finished within the planning horizon.")
    if report.extra_minutes_per_study_day:
        parts.append(
            f"Or study <b>{report.extra_minutes_per_study_day} more minutes</b> on each study day."
        )
    if report.droppable_optional_topic_ids:
        droppable = _topic_titles(curriculum, report.droppable_optional_topic_ids)
        parts.append(f"Or drop optional topics: {droppable}.")
    return " ".join(parts)


def _describe_unplaceable(curriculum: Curriculum, topic_ids: Sequence[str]) -> str:
    count = len(topic_ids)
    noun = "topic" if count == 1 else "topics"
    return (
        f"{count} {noun} could not be placed in the plan: {_topic_titles(curriculum, topic_ids)}."
    )
