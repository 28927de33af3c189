"""The plan's month calendar: each day's cell shows the time planned and how much is done."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QCalendarWidget, QHeaderView, QLabel, QSizePolicy, QTableView, QWidget

from planner.domain.model import StudyTask, TaskStatus
from planner.ui.formatting import duration
from planner.ui.qdates import from_qdate, to_qdate

DONE_COLOUR = "#2e9d4f"
MISSED_COLOUR = "#d0453a"


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


def calendar_legend() -> QLabel:
    """The key to the calendar cells' colours and bars."""
    legend = QLabel(
        f"Time planned per day; the bar fills as tasks are done. "
        f'<span style="color:{DONE_COLOUR}">✓</span> all done · '
        f'<span style="color:{MISSED_COLOUR}">red</span>: unfinished past day.'
    )
    legend.setWordWrap(True)
    legend.setAccessibleName("Calendar legend")
    return legend
