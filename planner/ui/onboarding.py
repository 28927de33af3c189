"""First run: choose a level, specializations, weekly time and exam goals, see the plan they
make, then store it.

The wizard only collects values and shows results. The preview and the write run as use
cases through :class:`~planner.ui.backend.Backend`, off the GUI thread; the wizard never
touches the store.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from datetime import date, timedelta
from enum import IntEnum
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QMouseEvent, QValidator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from planner.domain.curriculum import (
    Certification,
    CertificationStatus,
    Curriculum,
    Level,
)
from planner.domain.model import (
    DEFAULT_MAX_SESSION_MINUTES,
    WEEKDAYS,
    CertificationGoal,
    Profile,
    WeeklyAvailability,
)
from planner.domain.planning import DeadlineReport, PlanReport
from planner.services.changes import Changes
from planner.services.context import AppContext
from planner.services.plans import PlanPreview, create_plan, preview_plan
from planner.ui.backend import Backend
from planner.ui.formatting import duration

_Index = QModelIndex | QPersistentModelIndex

DEFAULT_HOURS_PER_WEEK = 10.0
DEFAULT_STUDY_DAYS = (0, 1, 2, 3, 4)  # Monday to Friday
DEFAULT_EXAM_OFFSET_DAYS = 90
MAX_DAY_MINUTES = 24 * 60
_DATE_FORMAT = "ddd d MMM yyyy"  # Qt's format, for date edits
_RETIRED_ON = re.compile(r"retired on (\d{4}-\d{2}-\d{2})", re.IGNORECASE)


# Plain helpers --------------------------------------------------------------------------


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def long_date(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def is_valid_timezone(name: str) -> bool:
    if not name or name != name.strip():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def certification_status_text(certification: Certification) -> str:
    """One line on whether the certification can be taken: active, retired or uncertain."""
    if certification.status is CertificationStatus.RETIRED:
        retired_on = next(
            (m.group(1) for fact in certification.facts if (m := _RETIRED_ON.search(fact.text))),
            None,
        )
        text = f"Retired on {retired_on}" if retired_on else "Retired"
        if certification.successor:
            text += f"; successor: {certification.successor}"
        return text
    if certification.status is CertificationStatus.UNCERTAIN:
        if certification.facts:
            fact = certification.facts[0]
            text = fact.text.rstrip(".")
            return f"Uncertain: {text} ({fact.confidence.value}). Check before booking."
        return "Uncertain: check that it is still offered before booking."
    months = certification.validity_months
    if months is None:
        return "Active"
    validity = f"{months // 12} years" if months % 12 == 0 and months > 12 else f"{months} months"
    if months == 12:
        validity = "1 year"
    return f"Active · valid for {validity}"


def certification_details_html(certification: Certification) -> str:
    """The certification's description and what is known about it, with how sure it is."""
    parts = [
        f"<b>{html.escape(certification.title)}</b> · {html.escape(certification.provider)}",
        f"<br>{html.escape(certification.description)}",
        f"<br><i>{html.escape(certification_status_text(certification))}</i>",
    ]
    if certification.facts:
        items = "".join(
            f"<li>{html.escape(fact.text)} <i>({fact.confidence.value})</i></li>"
            for fact in certification.facts
        )
        parts.append(f"<ul style='margin-top:4px; margin-bottom:0'>{items}</ul>")
    if certification.url:
        url = html.escape(certification.url)
        parts.append(f'<a href="{url}">{url}</a>')
    parts.append(
        f"<br><small>As known on {certification.as_of.day} {certification.as_of:%B %Y}.</small>"
    )
    return "".join(parts)


def deadline_html(curriculum: Curriculum, report: DeadlineReport) -> str:
    """Whether the preparation for one exam fits, and if not what would make it fit."""
    title = _certification_title(curriculum, report.certification_id)
    head = f"<b>{html.escape(title)}</b>, exam on {long_date(report.exam_date)}: "
    needed = duration(report.needed_minutes)
    available = duration(report.available_minutes)
    if report.feasible:
        return (
            f"{head}<b>on track</b>. {needed} of preparation, done by {long_date(report.due_date)}."
        )
    short = f"{report.shortfall_hours:.1f}".removesuffix(".0")
    lines = [
        f"{head}<b>{short} hours short</b>. {needed} of preparation is needed by "
        f"{long_date(report.due_date)}; {available} of study time is available until then."
    ]
    options = []
    if report.earliest_feasible_exam_date is not None:
        options.append(
            f"book the exam on {long_date(report.earliest_feasible_exam_date)} or later "
            "(the earliest date the preparation can be ready)"
        )
    else:
        options.append("choose a later exam date: the preparation cannot be ready in time")
    if report.extra_minutes_per_study_day:
        options.append(
            f"study {report.extra_minutes_per_study_day} more minutes on each study day until then"
        )
    if report.droppable_optional_topic_ids:
        titles = ", ".join(
            html.escape(curriculum.topic(t).title if curriculum.has_topic(t) else t)
            for t in report.droppable_optional_topic_ids
        )
        options.append(f"drop optional topics that come first: {titles}")
    items = "".join(f"<li>{option}</li>" for option in options)
    lines.append(f"To fit it:<ul style='margin-top:2px; margin-bottom:0'>{items}</ul>")
    return "<br>".join(lines)


def _certification_title(curriculum: Curriculum, certification_id: str) -> str:
    known = {c.id: c.title for c in curriculum.certifications}
    return known.get(certification_id, certification_id)


def create_plan_changes(
    context: AppContext, profile: Profile, goals: Sequence[CertificationGoal]
) -> Changes:
    """Store the profile, goals and first plan, described as a change for the views."""
    report = create_plan(context, profile, goals)
    return Changes(plan=True, profile=True, goals=bool(goals), report=report)


def _wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def _scrolling(content: QWidget) -> QScrollArea:
    """Pages scroll instead of growing the wizard when the text is large."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setWidget(content)
    # Take the background of whatever holds the area (setWidget turned filling on).
    content.setAutoFillBackground(False)
    area.viewport().setAutoFillBackground(False)
    return area


def _page_layout(page: QWizardPage, content: QWidget) -> None:
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(_scrolling(content))


class _ChoiceCard(QFrame):
    """A framed choice: its button and the text that explains it. A click anywhere on the
    card acts on the button."""

    def __init__(self, button: QAbstractButton, *details: QLabel, top: bool = False) -> None:
        super().__init__()
        self.button = button
        self.setFrameShape(QFrame.Shape.StyledPanel)
        font = button.font()
        font.setBold(True)
        button.setFont(font)
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        layout.addWidget(button)
        indent = button.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 8
        for label in details:
            label.setContentsMargins(indent, 0, 0, 0)
            layout.addWidget(label)
        if top:  # keep the text at the top when the card is taller than it needs
            layout.addStretch()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.button.click()
            self.button.setFocus(Qt.FocusReason.MouseFocusReason)
        event.accept()


# Page 1: level ---------------------------------------------------------------------------


class LevelPage(QWizardPage):
    """Welcome, and the career level the plan works towards."""

    def __init__(self, curriculum: Curriculum, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Welcome to Study Planner")
        self.setSubTitle(
            "A few questions, and you get a dated plan for learning Machine Learning "
            "Engineering. You can change every answer later in Settings."
        )
        self.group = QButtonGroup(self)
        self.buttons: dict[Level, QRadioButton] = {}
        content = QWidget()
        layout = QVBoxLayout(content)
        question = QLabel("<b>Which level are you working towards?</b>")
        layout.addWidget(question)
        for level in curriculum.levels:
            button = QRadioButton(level.title.replace("&", "&&"))
            button.setAccessibleName(level.title)
            focus = [
                curriculum.topic(t).title if curriculum.has_topic(t) else t
                for t in level.focus_topic_ids
            ]
            button.setAccessibleDescription(f"{level.summary} Focus: {', '.join(focus)}.")
            summary = _wrapped(html.escape(level.summary))
            focus_label = _wrapped(
                "<b>Focus:</b> " + " · ".join(html.escape(title) for title in focus)
            )
            self.group.addButton(button)
            self.buttons[level.id] = button
            layout.addWidget(_ChoiceCard(button, summary, focus_label))
        layout.addStretch()
        self.group.buttonToggled.connect(lambda _button, _on: self.completeChanged.emit())
        _page_layout(self, content)

    def level(self) -> Level | None:
        return next((level for level, b in self.buttons.items() if b.isChecked()), None)

    def isComplete(self) -> bool:
        return self.level() is not None

    def validatePage(self) -> bool:
        return self.isComplete()  # also when next() is called without the button


# Page 2: specializations -----------------------------------------------------------------


class SpecializationPage(QWizardPage):
    def __init__(self, curriculum: Curriculum, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Specializations")
        self.setSubTitle(
            "Pick the areas you want to specialize in. The plan adds their topics to the "
            "general ones; choose at least one."
        )
        self.checkboxes: dict[str, QCheckBox] = {}
        content = QWidget()
        grid = QGridLayout(content)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(12)
        for number, specialization in enumerate(curriculum.specializations):
            box = QCheckBox(specialization.title.replace("&", "&&"))
            box.setAccessibleName(specialization.title)
            box.setAccessibleDescription(specialization.description)
            box.toggled.connect(self._changed)
            self.checkboxes[specialization.id] = box
            card = _ChoiceCard(box, _wrapped(html.escape(specialization.description)), top=True)
            grid.addWidget(card, number // 2, number % 2)
        for column in (0, 1):
            grid.setColumnStretch(column, 1)
        self.hint = QLabel("Choose at least one specialization to continue.")
        self.hint.setAccessibleName("Hint")
        grid.addWidget(self.hint, grid.rowCount(), 0, 1, 2)
        grid.setRowStretch(grid.rowCount(), 1)
        _page_layout(self, content)

    def specializations(self) -> tuple[str, ...]:
        """The chosen ids, in curriculum order."""
        return tuple(key for key, box in self.checkboxes.items() if box.isChecked())

    def isComplete(self) -> bool:
        return bool(self.specializations())

    def validatePage(self) -> bool:
        return self.isComplete()

    def _changed(self) -> None:
        self.hint.setVisible(not self.isComplete())
        self.completeChanged.emit()


# Page 3: availability --------------------------------------------------------------------


class MinutesSpinBox(QSpinBox):
    """Study time on one day, shown as hours and minutes; accepts "90", "1 h 30", "1:30"."""

    _PATTERN = re.compile(
        r"^\s*(?:(?P<h>\d+)\s*(?:h|hr|hrs|hours?)\s*(?P<hm>\d+)?\s*(?:m|min|mins|minutes?)?"
        r"|(?P<ch>\d+):(?P<cm>\d{1,2})"
        r"|(?P<m>\d+)\s*(?:m|min|mins|minutes?)?)\s*$",
        re.IGNORECASE,
    )
    _PARTIAL = re.compile(r"^[\d\s:hourminsHOURMINS]*$")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, MAX_DAY_MINUTES)
        self.setSingleStep(15)
        self.setSpecialValueText("Rest day")
        self.setAccelerated(True)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setCorrectionMode(QSpinBox.CorrectionMode.CorrectToPreviousValue)

    @classmethod
    def parse(cls, text: str) -> int | None:
        match = cls._PATTERN.match(text)
        if match is None:
            return None
        if match["h"] is not None:
            return int(match["h"]) * 60 + int(match["hm"] or 0)
        if match["ch"] is not None:
            minutes = int(match["cm"])
            return int(match["ch"]) * 60 + minutes if minutes < 60 else None
        return int(match["m"])

    def textFromValue(self, val: int) -> str:
        return duration(val)

    def valueFromText(self, text: str) -> int:
        if text.strip() == self.specialValueText():
            return self.minimum()
        parsed = self.parse(text)
        return self.value() if parsed is None else parsed

    def validate(self, input: str, pos: int) -> tuple[QValidator.State, str, int]:
        if input.strip() == self.specialValueText():
            return QValidator.State.Acceptable, input, pos
        parsed = self.parse(input)
        if parsed is not None and self.minimum() <= parsed <= self.maximum():
            return QValidator.State.Acceptable, input, pos
        if self.specialValueText().startswith(input.strip()) or self._PARTIAL.match(input):
            return QValidator.State.Intermediate, input, pos
        return QValidator.State.Invalid, input, pos


class AvailabilityPage(QWizardPage):
    def __init__(
        self, backend: Backend, default_timezone: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._backend = backend
        self._filling = False
        self._start_date_chosen = False
        self.setTitle("Your study time")
        self.setSubTitle(
            "How much time can you study on each day of the week? The plan never puts more "
            "on a day than you allow here."
        )
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self._build_quick_fill())
        layout.addWidget(self._build_days())
        layout.addWidget(self._build_settings(default_timezone))
        layout.addStretch()
        _page_layout(self, content)
        self._fill()
        self._timezone_changed(self.timezone.currentText())

    # Building --------------------------------------------------------------------------

    def _build_quick_fill(self) -> QGroupBox:
        box = QGroupBox("Quick fill")
        self.hours_per_week = QDoubleSpinBox()
        self.hours_per_week.setRange(0, MAX_DAY_MINUTES * 7 / 60)
        self.hours_per_week.setDecimals(1)
        self.hours_per_week.setSingleStep(0.5)
        self.hours_per_week.setSuffix(" h")
        self.hours_per_week.setValue(DEFAULT_HOURS_PER_WEEK)
        self.hours_per_week.setAccessibleName("Hours per week")
        self.hours_per_week.setToolTip("Fills in the days below, spread evenly")
        self.hours_per_week.valueChanged.connect(self._fill)
        hours_label = QLabel("&Hours per week:")
        hours_label.setBuddy(self.hours_per_week)
        self.spread_toggles: list[QCheckBox] = []
        row = QHBoxLayout(box)
        row.addWidget(hours_label)
        row.addWidget(self.hours_per_week)
        row.addSpacing(16)
        row.addWidget(QLabel("Spread over:"))
        for number, day in enumerate(WEEKDAYS):
            toggle = QCheckBox(day[:3])
            toggle.setChecked(number in DEFAULT_STUDY_DAYS)
            toggle.setAccessibleName(f"Spread over {day}")
            toggle.setToolTip(f"Study on {day}s")
            toggle.toggled.connect(self._fill)
            self.spread_toggles.append(toggle)
            row.addWidget(toggle)
        row.addStretch()
        return box

    def _build_days(self) -> QGroupBox:
        box = QGroupBox("Time on each day")
        grid = QGridLayout(box)
        self.day_spins: list[MinutesSpinBox] = []
        for number, day in enumerate(WEEKDAYS):
            spin = MinutesSpinBox()
            spin.setAccessibleName(f"Study time on {day}")
            spin.setToolTip(f"Study time on {day}: type minutes (90) or hours (1 h 30)")
            spin.valueChanged.connect(self._day_changed)
            label = QLabel(day)
            label.setBuddy(spin)
            grid.addWidget(label, 0, number)
            grid.addWidget(spin, 1, number)
            grid.setColumnStretch(number, 1)
            self.day_spins.append(spin)
        self.total_label = QLabel()
        self.total_label.setAccessibleName("Total study time per week")
        grid.addWidget(self.total_label, 2, 0, 1, 7)
        return box

    def _build_settings(self, default_timezone: str) -> QGroupBox:
        box = QGroupBox("Plan settings")
        self.start_date = QDateEdit()
        self.start_date.setCalendarPopup(True)
        self.start_date.setDisplayFormat(_DATE_FORMAT)
        self.start_date.setAccessibleName("Start date")
        self.start_date.dateChanged.connect(self._start_date_edited)

        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.timezone.setAccessibleName("Time zone")
        self.timezone.setMaxVisibleItems(15)
        self.timezone.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        zones = sorted(available_timezones())
        self.timezone.addItems(zones)
        completer = QCompleter(zones, self.timezone)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.timezone.setCompleter(completer)
        self.timezone.setCurrentText(default_timezone or "UTC")
        self.timezone.currentTextChanged.connect(self._timezone_changed)
        self.timezone_error = QLabel()
        self.timezone_error.setAccessibleName("Time zone problem")

        self.max_session = QSpinBox()
        self.max_session.setRange(15, 8 * 60)
        self.max_session.setSingleStep(15)
        self.max_session.setSuffix(" min")
        self.max_session.setValue(DEFAULT_MAX_SESSION_MINUTES)
        self.max_session.setAccessibleName("Longest study session in minutes")
        self.max_session.setToolTip("Longer topics are split into sessions of at most this long")

        self.interview_prep = QCheckBox("Include &mock interview practice")
        self.interview_prep.setChecked(True)
        self.interview_prep.setAccessibleName("Include mock interview practice")

        timezone_row = QHBoxLayout()
        timezone_row.addWidget(self.timezone)
        timezone_row.addWidget(self.timezone_error, 1)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("&Start on:", self.start_date)
        form.addRow("&Time zone:", timezone_row)
        form.addRow("&Longest session:", self.max_session)
        form.addRow("", self.interview_prep)
        # Labels made by addRow are buddies of their fields, so mnemonics reach them.
        for row, field in enumerate((self.start_date, self.timezone, self.max_session)):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel):
                label.setBuddy(field)
        return box

    # Values ----------------------------------------------------------------------------

    def availability(self) -> WeeklyAvailability:
        m = [spin.value() for spin in self.day_spins]
        return WeeklyAvailability((m[0], m[1], m[2], m[3], m[4], m[5], m[6]))

    def study_days(self) -> tuple[int, ...]:
        return tuple(n for n, toggle in enumerate(self.spread_toggles) if toggle.isChecked())

    def timezone_name(self) -> str:
        return self.timezone.currentText().strip()

    def chosen_start_date(self) -> date:
        return from_qdate(self.start_date.date())

    def isComplete(self) -> bool:
        return self.availability().weekly_minutes > 0 and is_valid_timezone(self.timezone_name())

    def validatePage(self) -> bool:
        return self.isComplete()

    # Reacting --------------------------------------------------------------------------

    def _fill(self) -> None:
        days = self.study_days()
        if not days:
            self._update_total()
            return
        spread = WeeklyAvailability.spread(self.hours_per_week.value(), days)
        self._filling = True
        try:
            for spin, minutes in zip(self.day_spins, spread.minutes, strict=True):
                spin.setValue(min(minutes, MAX_DAY_MINUTES))
        finally:
            self._filling = False
        self._day_changed()

    def _day_changed(self) -> None:
        if not self._filling:
            self._update_total()
            self.completeChanged.emit()

    def _update_total(self) -> None:
        availability = self.availability()
        days = sum(1 for m in availability.minutes if m)
        if not days:
            self.total_label.setText("<b>No study time yet:</b> give at least one day some time.")
            return
        self.total_label.setText(
            f"<b>Total: {duration(availability.weekly_minutes)} a week</b> over {days} "
            f"study {'day' if days == 1 else 'days'}"
        )

    def _timezone_changed(self, name: str) -> None:
        valid = is_valid_timezone(name.strip())
        self.timezone_error.setText("" if valid else "Unknown time zone: pick one from the list")
        if valid:
            today = self._backend.context.today(name.strip())
            chosen = self._start_date_chosen
            self.start_date.setMinimumDate(to_qdate(today))
            if not chosen:
                self._set_start_date(today)
        self.completeChanged.emit()

    def _set_start_date(self, day: date) -> None:
        self.start_date.blockSignals(True)
        try:
            self.start_date.setDate(to_qdate(day))
        finally:
            self.start_date.blockSignals(False)

    def _start_date_edited(self) -> None:
        self._start_date_chosen = True


# Page 4: certification goals -------------------------------------------------------------


class GoalColumn(IntEnum):
    CERTIFICATION = 0
    EXAM_DATE = 1
    STATUS = 2


_GOAL_HEADERS = {
    GoalColumn.CERTIFICATION: "Certification",
    GoalColumn.EXAM_DATE: "Exam date",
    GoalColumn.STATUS: "Status",
}


class CertificationGoalsModel(QAbstractTableModel):
    """The curriculum's certifications as rows to tick, each with an optional exam date.

    Retired certifications can be neither ticked nor given a date.
    """

    goals_changed = Signal()

    def __init__(
        self, certifications: Sequence[Certification], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._certifications = tuple(certifications)
        self._checked = [False] * len(self._certifications)
        self._dates: list[date | None] = [None] * len(self._certifications)
        self.minimum_date: date | None = None

    # Reading ---------------------------------------------------------------------------

    def certification_at(self, row: int) -> Certification:
        return self._certifications[row]

    def row_of(self, certification_id: str) -> int:
        return next(row for row, c in enumerate(self._certifications) if c.id == certification_id)

    def is_available(self, row: int) -> bool:
        return self._certifications[row].status is not CertificationStatus.RETIRED

    def is_checked(self, row: int) -> bool:
        return self._checked[row]

    def exam_date(self, row: int) -> date | None:
        return self._dates[row]

    def goals(self) -> tuple[CertificationGoal, ...]:
        return tuple(
            CertificationGoal(certification.id, exam_date=self._dates[row])
            for row, certification in enumerate(self._certifications)
            if self._checked[row]
        )

    # Writing ---------------------------------------------------------------------------

    def set_minimum_date(self, day: date) -> None:
        self.minimum_date = day

    def set_checked(self, row: int, checked: bool) -> bool:
        if not self.is_available(row):
            return False
        if self._checked[row] != checked:
            self._checked[row] = checked
            self._row_changed(row)
        return True

    def set_exam_date(self, row: int, day: date | None) -> bool:
        """Give a row an exam date (which also ticks it), or take the date away."""
        if not self.is_available(row):
            return False
        if day is not None and self.minimum_date is not None and day < self.minimum_date:
            return False
        self._dates[row] = day
        if day is not None:
            self._checked[row] = True
        self._row_changed(row)
        return True

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(GoalColumn) - 1))
        self.goals_changed.emit()

    # Qt model --------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._certifications)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(GoalColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _GOAL_HEADERS[GoalColumn(section)]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.is_available(index.row()):
            if index.column() == GoalColumn.CERTIFICATION:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            elif index.column() == GoalColumn.EXAM_DATE:
                flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._certifications):
            return None
        row, column = index.row(), GoalColumn(index.column())
        certification = self._certifications[row]
        available = self.is_available(row)
        if role == Qt.ItemDataRole.DisplayRole:
            if column is GoalColumn.CERTIFICATION:
                return certification.title
            if column is GoalColumn.EXAM_DATE:
                day = self._dates[row]
                if not available:
                    return "Not available"
                return long_date(day) if day is not None else "No date yet"
            return certification_status_text(certification)
        if role == Qt.ItemDataRole.EditRole and column is GoalColumn.EXAM_DATE:
            day = self._dates[row]
            return to_qdate(day) if day is not None else None
        if role == Qt.ItemDataRole.CheckStateRole and column is GoalColumn.CERTIFICATION:
            if not available:
                return None
            return Qt.CheckState.Checked if self._checked[row] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is GoalColumn.EXAM_DATE:
                if not available:
                    return "This exam is retired: it can no longer be booked."
                return "Press F2 or double-click to choose the exam date"
            return certification.description
        if role == Qt.ItemDataRole.DecorationRole and column is GoalColumn.STATUS:
            return self._status_icon(certification.status)
        if role == Qt.ItemDataRole.ForegroundRole and not available:
            return QApplication.palette().placeholderText()
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == GoalColumn.CERTIFICATION:
            return self.set_checked(row, Qt.CheckState(value) == Qt.CheckState.Checked)
        if role == Qt.ItemDataRole.EditRole and column == GoalColumn.EXAM_DATE:
            if value is None or (isinstance(value, QDate) and not value.isValid()):
                return self.set_exam_date(row, None)
            if isinstance(value, QDate):
                return self.set_exam_date(row, from_qdate(value))
            if isinstance(value, date):
                return self.set_exam_date(row, value)
        return False

    @staticmethod
    def _status_icon(status: CertificationStatus) -> Any:
        pixmaps = {
            CertificationStatus.RETIRED: QStyle.StandardPixmap.SP_MessageBoxCritical,
            CertificationStatus.UNCERTAIN: QStyle.StandardPixmap.SP_MessageBoxWarning,
        }
        pixmap = pixmaps.get(status)
        if pixmap is None:
            return None
        return QApplication.style().standardIcon(pixmap)


class ExamDateDelegate(QStyledItemDelegate):
    """Edits exam dates with a date field and calendar; its lowest value means "no date"."""

    def __init__(self, model: CertificationGoalsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def _first_day(self) -> date:
        return self._model.minimum_date or date.today()

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        editor = QDateEdit(parent)
        editor.setCalendarPopup(True)
        editor.setDisplayFormat(_DATE_FORMAT)
        editor.setMinimumDate(to_qdate(self._first_day() - timedelta(days=1)))
        editor.setSpecialValueText("No date yet")
        title = self._model.certification_at(index.row()).title
        editor.setAccessibleName(f"Exam date for {title}")
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if not isinstance(editor, QDateEdit):
            return
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(value, QDate) and value.isValid():
            editor.setDate(value)
        else:
            editor.setDate(to_qdate(self._first_day() + timedelta(days=DEFAULT_EXAM_OFFSET_DAYS)))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        if not isinstance(editor, QDateEdit):
            return
        chosen = editor.date()
        model.setData(index, None if chosen == editor.minimumDate() else chosen)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: _Index
    ) -> None:
        editor.setGeometry(option.rect)


class CertificationPage(QWizardPage):
    def __init__(self, curriculum: Curriculum, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Certification goals (optional)")
        self.setSubTitle(
            "Tick the certifications you are aiming for. With an exam date, the plan puts "
            "their preparation first so it is done a few days before the exam."
        )
        self.model = CertificationGoalsModel(curriculum.certifications, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Certification goals")
        self.view.setItemDelegateForColumn(GoalColumn.EXAM_DATE, ExamDateDelegate(self.model, self))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.setWordWrap(True)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(GoalColumn.CERTIFICATION, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(GoalColumn.EXAM_DATE, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(GoalColumn.STATUS, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_: self.view.resizeRowsToContents())
        self.view.resizeColumnToContents(GoalColumn.CERTIFICATION)
        self.view.setColumnWidth(
            GoalColumn.CERTIFICATION,
            min(self.view.columnWidth(GoalColumn.CERTIFICATION) + 16, 320),
        )
        # Room for the longest date and the date field's calendar button.
        date_width = self.view.fontMetrics().horizontalAdvance("Wed 30 Sep 2026")
        self.view.setColumnWidth(GoalColumn.EXAM_DATE, date_width + 48)
        self.view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_details(current.row())
        )
        self.model.dataChanged.connect(lambda *_: self.view.resizeRowsToContents())

        hint = _wrapped(
            "Space ticks a certification; F2 or a double-click on its date opens a calendar."
        )
        self.details = _wrapped()
        self.details.setOpenExternalLinks(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setAccessibleName("About the selected certification")
        details_box = QGroupBox("About this certification")
        details_layout = QVBoxLayout(details_box)
        details_layout.addWidget(_scrolling(self.details))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)
        layout.addWidget(details_box, 1)
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, GoalColumn.CERTIFICATION))

    def initializePage(self) -> None:
        self.view.resizeRowsToContents()

    def goals(self) -> tuple[CertificationGoal, ...]:
        return self.model.goals()

    def _show_details(self, row: int) -> None:
        if row < 0:
            self.details.setText("")
            return
        self.details.setText(certification_details_html(self.model.certification_at(row)))


# Page 5: summary -------------------------------------------------------------------------


class SummaryPage(QWizardPage):
    """Shows what the plan would hold; the wizard stores it on Finish."""

    preview_shown = Signal()

    def __init__(self, wizard: OnboardingWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self._generation = 0
        self._preview: PlanPreview | None = None
        self._writing = False
        self.setTitle("Your plan")
        self.setSubTitle("Here is what your answers make. Press Finish to save the plan.")

        self.busy = QWidget()
        busy_layout = QHBoxLayout(self.busy)
        busy_layout.setContentsMargins(0, 0, 0, 0)
        self.busy_label = QLabel("Working out your plan…")
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumWidth(240)
        self.busy_bar.setAccessibleName("Busy")
        busy_layout.addWidget(self.busy_label)
        busy_layout.addWidget(self.busy_bar)
        busy_layout.addStretch()

        self.error_label = _wrapped()
        self.error_label.setAccessibleName("Problem")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()

        self.choices_label = _wrapped()
        self.choices_label.setAccessibleName("Your choices")
        self.task_count_label = QLabel()
        self.task_count_label.setAccessibleName("Number of study tasks")
        self.total_label = QLabel()
        self.total_label.setAccessibleName("Total study time")
        self.end_label = QLabel()
        self.end_label.setAccessibleName("Plan ends on")
        for label in (self.task_count_label, self.total_label, self.end_label):
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.deadlines_label = _wrapped()
        self.deadlines_label.setAccessibleName("Exam goals")
        self.deadlines_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.warnings_label = _wrapped()
        self.warnings_label.setAccessibleName("Warnings")

        self.results = QWidget()
        figures = QFormLayout()
        figures.addRow("Study tasks:", self.task_count_label)
        figures.addRow("Total study time:", self.total_label)
        figures.addRow("The plan ends on:", self.end_label)
        deadlines_box = QGroupBox("Exam goals")
        deadlines_layout = QVBoxLayout(deadlines_box)
        deadlines_layout.addWidget(self.deadlines_label)
        results_layout = QVBoxLayout(self.results)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addLayout(figures)
        results_layout.addWidget(self.warnings_label)
        results_layout.addWidget(deadlines_box)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.choices_label)
        layout.addWidget(self.busy)
        layout.addWidget(self.error_label)
        layout.addWidget(self.results)
        layout.addStretch()
        _page_layout(self, content)

    # Preview ---------------------------------------------------------------------------

    @property
    def preview(self) -> PlanPreview | None:
        return self._preview

    def initializePage(self) -> None:
        self.refresh()

    def cleanupPage(self) -> None:
        self._generation += 1  # a preview still running is no longer wanted

    def refresh(self) -> None:
        """Work out the plan the current answers make, off the GUI thread."""
        self._generation += 1
        generation = self._generation
        self._preview = None
        profile, goals = self._wizard.profile(), self._wizard.goals()
        self.choices_label.setText(self._choices_html(profile, goals))
        self._set_busy(True, "Working out your plan…")
        self.results.hide()
        self._show_error(None)
        self.completeChanged.emit()
        curriculum = self._wizard.curriculum
        today = self._wizard.backend.context.today(profile.timezone)
        self._wizard.backend.query(
            lambda _context: preview_plan(curriculum, profile, goals, today=today),
            lambda preview: self._previewed(generation, preview),
            lambda error: self._preview_failed(generation, error),
        )

    def _previewed(self, generation: int, preview: PlanPreview) -> None:
        if generation != self._generation:
            return
        self._preview = preview
        self._set_busy(False)
        self._show_preview(preview)
        self.completeChanged.emit()
        self.preview_shown.emit()

    def _preview_failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self._set_busy(False)
        self._show_error(f"The plan could not be worked out: {error}")
        self.completeChanged.emit()

    def _show_preview(self, preview: PlanPreview) -> None:
        report = preview.report
        self.task_count_label.setText(f"{preview.task_count}")
        self.total_label.setText(f"{duration(preview.total_minutes)}")
        self.end_label.setText(long_date(report.end_date) if report.end_date else "—")
        self.warnings_label.setText(self._warnings_html(report))
        self.warnings_label.setVisible(bool(report.unplaceable_topic_ids))
        self.deadlines_label.setText(self._deadlines_html(report))
        self.results.show()

    def _deadlines_html(self, report: PlanReport) -> str:
        curriculum = self._wizard.curriculum
        blocks = [f"<p>{deadline_html(curriculum, d)}</p>" for d in report.deadlines]
        with_dates = {d.certification_id for d in report.deadlines}
        for goal in self._wizard.goals():
            if goal.certification_id not in with_dates:
                title = html.escape(_certification_title(curriculum, goal.certification_id))
                reason = (
                    "the exam date is before the plan starts"
                    if goal.exam_date is not None
                    else "no exam date yet"
                )
                blocks.append(
                    f"<p><b>{title}</b>: {reason}, so the plan does not schedule for it.</p>"
                )
        if not blocks:
            return "No exam goals. You can add them later under Certifications."
        return "".join(blocks)

    def _warnings_html(self, report: PlanReport) -> str:
        if not report.unplaceable_topic_ids:
            return ""
        curriculum = self._wizard.curriculum
        titles = ", ".join(
            html.escape(curriculum.topic(t).title if curriculum.has_topic(t) else t)
            for t in report.unplaceable_topic_ids
        )
        return (
            f"<b>{len(report.unplaceable_topic_ids)} topics do not fit</b> within the planning "
            f"horizon: {titles}. More weekly study time would make room for them."
        )

    def _choices_html(self, profile: Profile, goals: Sequence[CertificationGoal]) -> str:
        curriculum = self._wizard.curriculum
        level = curriculum.career_level(profile.level).title
        specializations = ", ".join(
            curriculum.specialization(s).title for s in profile.specializations
        )
        days = sum(1 for m in profile.availability.minutes if m)
        return (
            f"<b>{html.escape(level)}</b>, specializing in {html.escape(specializations)}.<br>"
            f"{duration(profile.availability.weekly_minutes)} a week over {days} study "
            f"{'day' if days == 1 else 'days'}, from {long_date(profile.start_date)} "
            f"({html.escape(profile.timezone)}); sessions of at most "
            f"{duration(profile.max_session_minutes)}; mock interview practice "
            f"{'included' if profile.include_interview_prep else 'left out'}."
        )

    # Writing ---------------------------------------------------------------------------

    def set_writing(self, writing: bool) -> None:
        self._writing = writing
        if writing:
            self._show_error(None)
            self._set_busy(True, "Saving your plan…")
        else:
            self._set_busy(False)
        self.completeChanged.emit()

    def write_failed(self, error: Exception) -> None:
        self.set_writing(False)
        self._show_error(f"Your plan could not be saved: {error}")

    def isComplete(self) -> bool:
        return self._preview is not None and not self._writing

    def _set_busy(self, busy: bool, text: str = "") -> None:
        if text:
            self.busy_label.setText(text)
        self.busy.setVisible(busy)

    def _show_error(self, message: str | None) -> None:
        self.error_label.setVisible(message is not None)
        self.error_label.setText(f"<b>{html.escape(message)}</b>" if message else "")


# The wizard ------------------------------------------------------------------------------


class OnboardingWizard(QWizard):
    """Asks the learner what the first plan needs, previews it, and stores it on Finish."""

    plan_created = Signal()

    def __init__(
        self, backend: Backend, default_timezone: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        self.curriculum = backend.context.curriculum
        self._writing = False
        self._stored = False
        self.setWindowTitle("Set Up Your Study Plan")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setTitleFormat(Qt.TextFormat.PlainText)
        self.setSubTitleFormat(Qt.TextFormat.PlainText)
        self.setMinimumSize(760, 560)
        self.resize(1000, 700)

        self.level_page = LevelPage(self.curriculum)
        self.specialization_page = SpecializationPage(self.curriculum)
        self.availability_page = AvailabilityPage(backend, default_timezone)
        self.certification_page = CertificationPage(self.curriculum)
        self.summary_page = SummaryPage(self)
        for page in (
            self.level_page,
            self.specialization_page,
            self.availability_page,
            self.certification_page,
            self.summary_page,
        ):
            self.addPage(page)
        self.currentIdChanged.connect(self._page_changed)

    # The learner's answers -------------------------------------------------------------

    def profile(self) -> Profile:
        level = self.level_page.level()
        if level is None:
            raise ValueError("no career level chosen")
        availability = self.availability_page
        return Profile(
            level=level,
            specializations=self.specialization_page.specializations(),
            availability=availability.availability(),
            start_date=availability.chosen_start_date(),
            timezone=availability.timezone_name(),
            max_session_minutes=availability.max_session.value(),
            include_interview_prep=availability.interview_prep.isChecked(),
        )

    def goals(self) -> tuple[CertificationGoal, ...]:
        return self.certification_page.goals()

    @property
    def is_writing(self) -> bool:
        return self._writing

    # Finishing -------------------------------------------------------------------------

    def accept(self) -> None:
        """Finish: store the plan in the background; close once it is stored."""
        if self._stored:
            super().accept()
            return
        if self._writing or not self.summary_page.isComplete():
            return
        profile, goals = self.profile(), self.goals()
        self._set_writing(True)
        self.backend.mutate(
            lambda context: create_plan_changes(context, profile, goals),
            on_done=self._plan_stored,
            on_error=self._plan_failed,
        )

    def reject(self) -> None:
        if self._writing:
            return  # the plan is being stored: closing now would hide whether it was
        super().reject()

    def _plan_stored(self, _changes: Changes) -> None:
        self._set_writing(False)
        self._stored = True
        super().accept()
        self.plan_created.emit()

    def _plan_failed(self, error: Exception) -> None:
        self._set_writing(False)
        self.summary_page.write_failed(error)

    def _set_writing(self, writing: bool) -> None:
        self._writing = writing
        self.summary_page.set_writing(writing)
        for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.CancelButton):
            self.button(which).setEnabled(not writing)

    def _page_changed(self, page_id: int) -> None:
        if self.page(page_id) is self.certification_page:
            availability = self.availability_page
            self.certification_page.model.set_minimum_date(
                max(
                    availability.chosen_start_date(),
                    self.backend.context.today(availability.timezone_name()),
                )
            )
