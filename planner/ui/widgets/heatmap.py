"""A GitHub-style calendar heat map of study days: one column per week, Monday on top."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from planner.ui.formatting import duration

# Lowest minutes for each colour level above "no study".
LEVEL_THRESHOLDS = (1, 30, 60, 120)
_LEVEL_TEXT = ("No study", "Under 30 min", "30 to 59 min", "1 to 2 h", "2 h or more")
_LEVEL_WEIGHT = (0.0, 0.4, 0.6, 0.8, 1.0)  # how much of the accent colour each level gets
_WEEKDAY_LABELS = {0: "Mon", 2: "Wed", 4: "Fri"}
_MIN_PITCH, _PREFERRED_PITCH, _MAX_PITCH = 11, 20, 26  # cell plus gap, in pixels
_MARGIN = 4
_PLACEHOLDER_DAY = date(2000, 1, 3)  # a Monday


def level_for(minutes: int) -> int:
    """The colour level, 0 (no study) to 4, for a day's study minutes."""
    return sum(1 for threshold in LEVEL_THRESHOLDS if minutes >= threshold)


def _blend(start: QColor, end: QColor, weight: float) -> QColor:
    """``start`` moved ``weight`` of the way to ``end``, in whole 8-bit channels."""
    return QColor(
        round(start.red() + (end.red() - start.red()) * weight),
        round(start.green() + (end.green() - start.green()) * weight),
        round(start.blue() + (end.blue() - start.blue()) * weight),
    )


class HeatMap(QWidget):
    """Study minutes per day from :attr:`first_day` to :attr:`last_day`; darker cells mean
    more study. Colours come from the palette (its accent over the window colour), so the
    map stays readable in light and dark themes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._first = self._last = _PLACEHOLDER_DAY  # nothing is painted until set_days()
        self._has_days = False
        self._minutes: dict[date, int] = {}
        self._legend: list[tuple[QRect, int]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("Study days")

    # Data ------------------------------------------------------------------------------

    def set_days(self, first: date, last: date, minutes: Mapping[date, int]) -> None:
        """Show the days from ``first``'s week to ``last``; days outside are ignored."""
        if last < first:
            raise ValueError(f"the heat map's last day {last} is before its first {first}")
        self._first, self._last, self._has_days = first, last, True
        self._minutes = {day: m for day, m in minutes.items() if first <= day <= last and m > 0}
        total = sum(self._minutes.values())
        self.setAccessibleDescription(
            f"{len(self._minutes)} study days from {first:%d %B %Y} to {last:%d %B %Y}, "
            f"{duration(total)} in all"
        )
        self.updateGeometry()
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
        """The cell colour for a day with ``minutes`` of study, from the current palette."""
        palette = self.palette()
        empty = _blend(
            palette.color(QPalette.ColorRole.Window),
            palette.color(QPalette.ColorRole.WindowText),
            0.12,
        )
        accent = palette.color(QPalette.ColorRole.Accent)
        return _blend(empty, accent, _LEVEL_WEIGHT[level_for(minutes)])

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

    def _pitch(self) -> int:
        width = (self.width() - self._label_width() - 2 * _MARGIN) // self.weeks
        height = (self.height() - self._header_height() - self._legend_height()) // 7
        return max(_MIN_PITCH, min(_MAX_PITCH, width, height))

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
        return self._size_for(_PREFERRED_PITCH)

    def minimumSizeHint(self) -> QSize:
        return self._size_for(_MIN_PITCH)

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

    def _paint_labels(self, painter: QPainter) -> None:
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        metrics = self.fontMetrics()
        pitch = self._pitch()
        origin = self._origin()
        for row, text in _WEEKDAY_LABELS.items():
            rect = QRect(
                origin.x() - self._label_width(),
                origin.y() + row * pitch,
                self._label_width() - 6,
                pitch - self._gap(pitch),
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
        size = max(_MIN_PITCH - 2, min(14, self._pitch() - self._gap(self._pitch())))
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
