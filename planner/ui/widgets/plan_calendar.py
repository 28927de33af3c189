"""The plan's month calendar: each day's cell shows the time planned and how much is done.

Screen readers hear the day number of a cell from Qt; what the selected day holds (time
planned, tasks done, unfinished) is the calendar's accessible description, updated as the
arrow keys move, and :func:`describe_day` gives the same sentence for a visible label."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, QEvent, QRect, Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent, QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QCalendarWidget, QHeaderView, QLabel, QSizePolicy, QTableView, QWidget

from planner.domain.model import StudyTask, TaskStatus
from planner.ui.formatting import day_text, duration, plural
from planner.ui.qdates import from_qdate, to_qdate
from planner.ui.theme import colours_for


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


def describe_day(day: date, summary: DaySummary | None, today: date | None) -> str:
    """What a calendar day holds, in words: "Monday 30 November 2026: 1 h 30 min
    planned, 1 of 2 tasks done, unfinished"."""
    if summary is None or not summary.tasks:
        return f"{day_text(day)}: nothing planned"
    parts = [
        f"{duration(summary.minutes)} planned",
        f"{summary.done_tasks} of {plural(summary.tasks, 'task')} done",
    ]
    if summary.all_done:
        parts[-1] = "all done"
    elif today is not None and day < today:
        parts.append("unfinished")
    return f"{day_text(day)}: {', '.join(parts)}"


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
        self._grid = self.findChild(QTableView, "qt_calendar_calendarview")
        if self._grid is not None:
            rows = self._grid.verticalHeader()
            rows.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
            rows.resizeSection(0, self.fontMetrics().height() + 12)
            self._grid.setAccessibleName("Plan calendar")
        self.selectionChanged.connect(self._describe_selection)

    def set_summaries(self, summaries: dict[date, DaySummary]) -> None:
        self._summaries = summaries
        self.updateCells()
        self._describe_selection()

    def describe_selected_day(self) -> str:
        day = self.selected_day()
        return describe_day(day, self._summaries.get(day), self._today)

    def _describe_selection(self) -> None:
        text = self.describe_selected_day()
        for widget in (self, self._grid):
            if widget is None or widget.accessibleDescription() == text:
                continue
            widget.setAccessibleDescription(text)
            if widget.hasFocus():
                QAccessible.updateAccessibility(
                    QAccessibleEvent(widget, QAccessible.Event.DescriptionChanged)
                )

    def summary(self, day: date) -> DaySummary | None:
        return self._summaries.get(day)

    def set_today(self, today: date) -> None:
        self._today = today
        self.updateCells()
        self._describe_selection()

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
            text = QColor(colours_for(palette).secondary)
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
        custom = colours_for(self.palette())
        done_colour = QColor(text) if selected else QColor(custom.done)
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
        painter.setPen(text if selected or not missed else QColor(custom.error))
        painter.drawText(
            text_area,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
            duration(summary.minutes),
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


class CalendarLegend(QLabel):
    """The key to the calendar cells' colours and bars, in the theme's colours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAccessibleName("Calendar legend")
        self._colour()

    def _colour(self) -> None:
        custom = colours_for(self.palette())
        self.setText(
            "Time planned per day; the bar fills as tasks are done. "
            f'<span style="color:{custom.done}">✓</span> all done · '
            f'<span style="color:{custom.error}">red</span>: unfinished past day.'
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._colour()
