"""Pieces every page uses: labels that wrap rich text, pages that scroll, and date fields
whose calendars show which days they take."""

from __future__ import annotations

from PySide6.QtCore import QDate, QRect, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDateEdit,
    QLabel,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from planner.ui.widgets.scrolling import scrolling

DATE_FORMAT = "ddd d MMM yyyy"  # Qt's format, for date edits


def wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def page_layout(page: QWizardPage, content: QWidget) -> None:
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(scrolling(content))


class OpenDaysCalendar(QCalendarWidget):
    """A calendar that draws the days it will not take (before its minimum date, or before
    ``first_open_day`` when that is later, and after its maximum) as disabled.

    Qt's calendar refuses those days but draws them like any other, so clicks on them
    seemed to be ignored.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first_open_day: QDate | None = None

    def is_open(self, day: QDate) -> bool:
        first = self.minimumDate()
        if self.first_open_day is not None and self.first_open_day > first:
            first = self.first_open_day
        return first <= day <= self.maximumDate()

    def paintCell(self, painter: QPainter, rect: QRect, date: QDate) -> None:
        if self.is_open(date):
            super().paintCell(painter, rect, date)
            return
        palette, disabled = self.palette(), QPalette.ColorGroup.Disabled
        painter.save()
        painter.fillRect(rect, palette.brush(disabled, QPalette.ColorRole.Window))
        painter.setPen(palette.color(disabled, QPalette.ColorRole.Text))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(date.day()))
        painter.restore()


def date_field(parent: QWidget | None = None, first_open_day: QDate | None = None) -> QDateEdit:
    """A date field whose calendar pop-up shows the days it does not take as disabled."""
    field = QDateEdit(parent)
    field.setCalendarPopup(True)
    field.setDisplayFormat(DATE_FORMAT)
    calendar = OpenDaysCalendar(field)
    calendar.first_open_day = first_open_day
    field.setCalendarWidget(calendar)
    return field
