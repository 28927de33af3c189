"""Keyboard and screen-reader behaviour that every widget gets, wherever it is built.

:func:`adapt_widget` runs for each widget as the style polishes it (see
:class:`planner.ui.theme.FusionStyle`), so views and dialogs added later are covered too:

- Tab and Shift+Tab leave tables, trees and text fields instead of moving inside them
  (arrow keys move inside).
- A scroll area that only holds a page of controls is no Tab stop of its own: its
  controls are, and it scrolls to show the one with focus. A scroll area given an
  accessible name stays a Tab stop, for pages of text read by scrolling.
- Calendars show weekends in the text colour rather than Qt's red, which fell below 4.5:1.

:func:`focus_first` gives a view its first focus: the widget it names as its focus proxy,
else its first control in Tab order.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QPlainTextEdit,
    QScrollArea,
    QTextEdit,
    QWidget,
)

_WEEKEND = (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday)


def adapt_widget(widget: QWidget) -> None:
    """Give ``widget`` the keyboard behaviour described above (idempotent)."""
    if isinstance(widget, QAbstractItemView):
        widget.setTabKeyNavigation(False)
    elif isinstance(widget, QPlainTextEdit | QTextEdit):
        widget.setTabChangesFocus(True)
    elif isinstance(widget, QScrollArea):
        if not widget.accessibleName():
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    elif isinstance(widget, QCalendarWidget):
        for day in _WEEKEND:
            widget.setWeekdayTextFormat(day, QTextCharFormat())


def takes_tab_focus(widget: QWidget) -> bool:
    """Whether Tab can stop on ``widget`` as it is now."""
    return (
        bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        and widget.isEnabled()
        and widget.isVisible()
        and widget.focusProxy() is None
    )


def first_focus(view: QWidget) -> QWidget | None:
    """Where focus goes when ``view`` is shown: its focus proxy if that can take focus,
    else the first widget inside it that Tab stops on."""
    proxy = view.focusProxy()
    if proxy is not None and proxy.isVisible() and proxy.isEnabled():
        return proxy
    candidate = view.nextInFocusChain()
    while candidate is not None and candidate is not view:
        if view.isAncestorOf(candidate) and takes_tab_focus(candidate):
            return candidate
        candidate = candidate.nextInFocusChain()
    return None


def focus_first(view: QWidget) -> None:
    """Move keyboard focus to :func:`first_focus` of ``view``, if it has one."""
    target = first_focus(view)
    if target is not None:
        target.setFocus(Qt.FocusReason.OtherFocusReason)
