"""Page 3: how much time the learner studies on each weekday, filled in by hand or spread
from a weekly total, and when, where and in how long sessions the plan runs."""

from __future__ import annotations

from datetime import date
from zoneinfo import available_timezones

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from planner.domain.model import (
    DEFAULT_MAX_SESSION_MINUTES,
    DEFAULT_STUDY_DAYS,
    WEEKDAYS,
    WeeklyAvailability,
)
from planner.ui.backend import Backend
from planner.ui.formatting import duration
from planner.ui.onboarding.minutes_spin_box import MAX_DAY_MINUTES, MinutesSpinBox
from planner.ui.onboarding.texts import is_valid_timezone, study_day_count, study_days_text
from planner.ui.onboarding.widgets import date_field, page_layout
from planner.ui.qdates import from_qdate, to_qdate

DEFAULT_HOURS_PER_WEEK = 10.0


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
        page_layout(self, content)
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
        self.start_date = date_field()
        self.start_date.setAccessibleName("Start on")
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
        self.max_session.setAccessibleName("Longest session, in minutes")
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
        days = study_day_count(availability)
        if not days:
            self.total_label.setText("<b>No study time yet:</b> give at least one day some time.")
            return
        self.total_label.setText(
            f"<b>Total: {duration(availability.weekly_minutes)} a week</b> over "
            f"{study_days_text(days)}"
        )

    def _timezone_changed(self, name: str) -> None:
        name = name.strip()
        valid = is_valid_timezone(name)
        self.timezone_error.setText("" if valid else "Unknown time zone: pick one from the list")
        if valid:
            today = self._backend.context.today(name)
            self.start_date.setMinimumDate(to_qdate(today))
            if not self._start_date_chosen:
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
