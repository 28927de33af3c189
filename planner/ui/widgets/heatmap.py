"""A GitHub-style calendar heat map of study days: one column per week, Monday on top.

It is a Tab stop: the arrow keys move a focused day (Home and End go to the first and last
day), whose date and time studied are shown beside the map and given to screen readers as
the map's accessible value; the mouse shows the same as a tooltip."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QColor,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from planner.ui.formatting import duration
from planner.ui.theme import colours_for

# Lowest minutes for each colour level above "no study".
LEVEL_THRESHOLDS = (1, 30, 60, 120)
_LEVEL_TEXT = ("No study", "Under 30 min", "30 to 59 min", "1 to 2 h", "2 h or more")
_WEEKDAY_LABELS = {0: "Mon", 2: "Wed", 4: "Fri"}
# Cell plus gap, in lines of text: cells grow with the font, so labels fit beside them.
_MIN_PITCH, _PREFERRED_PITCH, _MAX_PITCH = 0.8, 1.2, 1.6
_MARGIN = 4
_PLACEHOLDER_DAY = date(2000, 1, 3)  # a Monday
_ENDS = (Qt.Key.Key_Home, Qt.Key.Key_End)


def level_for(minutes: int) -> int:
    """The colour level, 0 (no study) to 4, for a day's study minutes."""
    return sum(1 for threshold in LEVEL_THRESHOLDS if minutes >= threshold)


class HeatMap(QWidget):
    """Study minutes per day from :attr:`first_day` to :attr:`last_day`; stronger cells
    mean more study. Colours come from the theme, whose levels of study each stand 3:1
    against the window."""

    focused_day_changed = Signal(str)  # what the focused day holds, as a sentence

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._first = self._last = _PLACEHOLDER_DAY  # nothing is painted until set_days()
        self._has_days = False
        self._minutes: dict[date, int] = {}
        self._legend: list[tuple[QRect, int]] = []
        self._focused = _PLACEHOLDER_DAY
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Study days")

    # Data ------------------------------------------------------------------------------

    def set_days(self, first: date, last: date, minutes: Mapping[date, int]) -> None:
        """Show the days from ``first``'s week to ``last``; days outside are ignored."""
        if last < first:
            raise ValueError(f"the heat map's last day {last} is before its first {first}")
        focused = self._focused if self._has_days else last
        self._first, self._last, self._has_days = first, last, True
        self._minutes = {day: m for day, m in minutes.items() if first <= day <= last and m > 0}
        total = sum(self._minutes.values())
        self.setAccessibleDescription(
            f"{len(self._minutes)} study days from {first:%d %B %Y} to {last:%d %B %Y}, "
            f"{duration(total)} in all. Arrow keys move from day to day."
        )
        self.focus_day(focused)
        self.updateGeometry()
        self.update()

    @property
    def focused_day(self) -> date:
        """The day the arrow keys are on (the last day at first)."""
        return self._focused

    def focus_day(self, day: date) -> None:
        """Put the keyboard's day on ``day`` (kept within the map) and say what it holds."""
        if not self._has_days:
            return
        self._focused = min(max(day, self._first), self._last)
        text = self.tooltip_for(self._focused)
        self.setAccessibleName(f"Study days: {text}")
        if self.hasFocus():
            QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.NameChanged))
        self.focused_day_changed.emit(text)
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_Left: -7,
            Qt.Key.Key_Right: 7,
        }
        key = Qt.Key(event.key())
        if not self._has_days or (key not in steps and key not in _ENDS):
            super().keyPressEvent(event)
            return
        if key in steps:
            self.focus_day(self._focused + timedelta(days=steps[key]))
        else:
            self.focus_day(self._first if key == Qt.Key.Key_Home else self._last)
        event.accept()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focus_day(self._focused)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    @property
    def first_day(self) -> date:
        return self._first

    @property
    def last_day(self) -> date:
        return self._last

    @property
    def weeks(self) -> int:
        return (self._last - self._grid_start).days // 7 + 1

    @property
    def _grid_start(self) -> date:
        return self._first - timedelta(days=self._first.weekday())

    def minutes_on(self, day: date) -> int:
        return self._minutes.get(day, 0)

    def color_for(self, minutes: int) -> QColor:
        """The cell colour for a day with ``minutes`` of study, in the current theme."""
        return QColor(colours_for(self.palette()).heat_levels[level_for(minutes)])

    def tooltip_for(self, day: date) -> str:
        minutes = self.minutes_on(day)
        studied = f"{duration(minutes)} studied" if minutes else "no study"
        return f"{day:%A %d %B %Y}: {studied}"

    # Geometry --------------------------------------------------------------------------

    def _label_width(self) -> int:
        metrics = self.fontMetrics()
        return max(metrics.horizontalAdvance(text) for text in _WEEKDAY_LABELS.values()) + 8

    def _header_height(self) -> int:
        return self.fontMetrics().height() + 4

    def _legend_height(self) -> int:
        return self.fontMetrics().height() + 10

    def _pitch_bound(self, lines: float) -> int:
        return round(self.fontMetrics().height() * lines)

    def _pitch(self) -> int:
        width = (self.width() - self._label_width() - 2 * _MARGIN) // self.weeks
        height = (self.height() - self._header_height() - self._legend_height()) // 7
        return max(self._pitch_bound(_MIN_PITCH), min(self._pitch_bound(_MAX_PITCH), width, height))

    def _origin(self) -> QPoint:
        """The top-left corner of the grid's first cell; the grid is centred."""
        pitch = self._pitch()
        used = self._label_width() + self.weeks * pitch
        left = max(_MARGIN, (self.width() - used) // 2)
        return QPoint(left + self._label_width(), self._header_height())

    def _gap(self, pitch: int) -> int:
        return max(2, round(pitch * 0.15))

    def cell_rect(self, day: date) -> QRect | None:
        """Where ``day``'s cell is drawn, or None when the map does not show that day."""
        if not self._has_days or not self._first <= day <= self._last:
            return None
        pitch = self._pitch()
        size = pitch - self._gap(pitch)
        offset = (day - self._grid_start).days
        origin = self._origin()
        return QRect(
            origin.x() + (offset // 7) * pitch, origin.y() + (offset % 7) * pitch, size, size
        )

    def day_at(self, position: QPoint) -> date | None:
        if not self._has_days:
            return None
        pitch = self._pitch()
        origin = self._origin()
        x, y = position.x() - origin.x(), position.y() - origin.y()
        if x < 0 or y < 0 or x % pitch >= pitch - self._gap(pitch):
            return None
        column, row = x // pitch, y // pitch
        if column >= self.weeks or row >= 7 or y % pitch >= pitch - self._gap(pitch):
            return None
        day = self._grid_start + timedelta(days=column * 7 + row)
        return day if self._first <= day <= self._last else None

    def sizeHint(self) -> QSize:
        return self._size_for(self._pitch_bound(_PREFERRED_PITCH))

    def minimumSizeHint(self) -> QSize:
        return self._size_for(self._pitch_bound(_MIN_PITCH))

    def _size_for(self, pitch: int) -> QSize:
        return QSize(
            self._label_width() + self.weeks * pitch + 2 * _MARGIN,
            self._header_height() + 7 * pitch + self._legend_height(),
        )

    # Painting --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._has_days:
            return
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint_labels(painter)
            self._paint_cells(painter)
            self._paint_legend(painter)
        finally:
            painter.end()

    def _paint_cells(self, painter: QPainter) -> None:
        radius = max(2.0, self._pitch() / 7)
        painter.setPen(Qt.PenStyle.NoPen)
        day = self._first
        while day <= self._last:
            rect = self.cell_rect(day)
            assert rect is not None
            painter.setBrush(self.color_for(self.minutes_on(day)))
            painter.drawRoundedRect(QRectF(rect), radius, radius)
            day += timedelta(days=1)
        today_rect = self.cell_rect(self._last)
        if today_rect is not None:  # the last day (today) gets an outline
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.WindowText), 1.2))
            painter.drawRoundedRect(
                QRectF(today_rect).adjusted(0.5, 0.5, -0.5, -0.5), radius, radius
            )
        focused_rect = self.cell_rect(self._focused)
        if self.hasFocus() and focused_rect is not None:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor(colours_for(self.palette()).focus_ring), 2.5))
            painter.drawRoundedRect(QRectF(focused_rect).adjusted(-1, -1, 1, 1), radius, radius)

    def _paint_labels(self, painter: QPainter) -> None:
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        metrics = self.fontMetrics()
        pitch = self._pitch()
        origin = self._origin()
        for row, text in _WEEKDAY_LABELS.items():
            middle = origin.y() + row * pitch + (pitch - self._gap(pitch)) // 2
            rect = QRect(
                origin.x() - self._label_width(),
                middle - metrics.height() // 2,
                self._label_width() - 6,
                metrics.height(),
            )
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text
            )
        free_from = origin.x()  # month labels never overlap
        previous_month: tuple[int, int] | None = None
        for column in range(self.weeks):
            monday = self._grid_start + timedelta(days=column * 7)
            shown = max(monday, self._first)
            month = (shown.year, shown.month)
            if month == previous_month:
                continue
            previous_month = month
            x = origin.x() + column * pitch
            text = f"{shown:%b}" if shown.month != 1 or column == 0 else f"{shown:%b %Y}"
            if x < free_from:
                continue
            painter.drawText(
                QRect(x, 0, metrics.horizontalAdvance(text) + 2, self._header_height() - 2),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                text,
            )
            free_from = x + metrics.horizontalAdvance(text) + 8

    def _paint_legend(self, painter: QPainter) -> None:
        metrics = self.fontMetrics()
        origin = self._origin()
        size = max(
            metrics.height() // 2, min(metrics.height(), self._pitch() - self._gap(self._pitch()))
        )
        top = origin.y() + 7 * self._pitch() + (self._legend_height() - size) // 2
        right = origin.x() + self.weeks * self._pitch() - self._gap(self._pitch())
        more, less = "More", "Less"
        x = right - metrics.horizontalAdvance(more)
        text_rect = QRect(x, top - 4, metrics.horizontalAdvance(more) + 2, size + 8)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, more)
        x -= 6 + 5 * (size + 3) - 3
        self._legend = []
        painter.setPen(Qt.PenStyle.NoPen)
        for level, minutes in enumerate((0, *LEVEL_THRESHOLDS)):
            rect = QRect(x + level * (size + 3), top, size, size)
            painter.setBrush(self.color_for(minutes))
            painter.drawRoundedRect(QRectF(rect), 2, 2)
            self._legend.append((rect, level))
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        width = metrics.horizontalAdvance(less)
        painter.drawText(
            QRect(x - 6 - width, top - 4, width + 2, size + 8), Qt.AlignmentFlag.AlignVCenter, less
        )

    # Tooltips --------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self._tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def _tooltip_at(self, position: QPoint) -> str | None:
        day = self.day_at(position)
        if day is not None:
            return self.tooltip_for(day)
        for rect, level in self._legend:
            if rect.contains(position):
                return _LEVEL_TEXT[level]
        return None
