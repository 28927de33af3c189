"""Settings: study time per weekday, session length, level and tracks, theme, data folder.

Plan settings are edited in a form and written together with Save, which re-plans; the
theme applies at once, since it is only the window's look.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from zoneinfo import available_timezones

from PySide6.QtCore import QEvent, QSignalBlocker, Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner.domain.curriculum import Curriculum, Level
from planner.domain.model import WEEKDAYS, Profile, WeeklyAvailability
from planner.services import plans
from planner.services.bootstrap import curriculum_path, uses_custom_curriculum
from planner.services.changes import Changes
from planner.services.errors import ServiceError
from planner.ui.backend import Backend
from planner.ui.exporting import open_file
from planner.ui.formatting import describe_report, duration
from planner.ui.onboarding.minutes_spin_box import MinutesSpinBox
from planner.ui.qdates import from_qdate, to_qdate
from planner.ui.theme import apply_theme, error_colour
from planner.ui.ui_settings import Theme, UiSettings
from planner.ui.widgets.headings import make_heading
from planner.ui.widgets.scrolling import scrolling

MIN_SESSION_MINUTES = 15
MAX_SESSION_MINUTES = 240
_SAVE_HINT = (
    "Saving re-plans your open tasks from today; finished and pinned tasks stay where they are."
)
_THEMES = ((Theme.SYSTEM, "Follow system"), (Theme.LIGHT, "Light"), (Theme.DARK, "Dark"))


def _form_box(title: str) -> tuple[QGroupBox, QFormLayout]:
    """A titled box holding a form whose fields keep their natural width."""
    box = QGroupBox(title)
    form = QFormLayout(box)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
    return box, form


def open_folder(path: Path) -> bool:
    """Show a folder in the desktop's file manager. Tests replace this."""
    return open_file(path)


class SettingsView(QWidget):
    def __init__(
        self,
        backend: Backend,
        ui_settings: UiSettings,
        data_dir: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._backend = backend
        self._ui_settings = ui_settings
        self._data_dir = data_dir
        self._profile: Profile | None = None
        self._saving = False
        self._filling = False

        heading = QLabel("Settings")
        make_heading(heading)

        left = QVBoxLayout()
        left.addWidget(self._build_study_time())
        self.setFocusProxy(self.day_edits[0])
        left.addWidget(self._build_sessions())
        left.addWidget(self._build_schedule())
        left.addStretch()
        right = QVBoxLayout()
        right.addWidget(self._build_goals())
        right.addWidget(self._build_appearance())
        right.addWidget(self._build_data())
        right.addStretch()
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(8)
        columns.addLayout(right, 1)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addLayout(columns)
        body_layout.addStretch()
        scroll = scrolling(body)

        self.report_label = QLabel(_SAVE_HINT)
        self.report_label.setTextFormat(Qt.TextFormat.PlainText)
        self.report_label.setWordWrap(True)
        self.report_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.revert_button = QPushButton("Revert")
        self.revert_button.setToolTip("Put back the settings as they are saved")
        self.revert_button.clicked.connect(self.revert)
        self.save_button = QPushButton("Save and re-plan")
        self.save_button.setDefault(True)
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.setToolTip(
            "Save these settings and re-plan your open tasks from today (Ctrl+S)"
        )
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.report_label, 1)
        buttons.addWidget(self.revert_button, 0, Qt.AlignmentFlag.AlignBottom)
        buttons.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignBottom)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

        backend.changed.connect(self._on_changed)
        backend.curriculum_changed.connect(self._on_curriculum_changed)
        self._fill_theme()
        self._show_curriculum_file()
        self._set_form_enabled(False)
        self._update_state()

    # Building --------------------------------------------------------------------------

    def _build_study_time(self) -> QGroupBox:
        box, form = _form_box("Study time per week")
        self.day_edits: list[MinutesSpinBox] = []
        for day in WEEKDAYS:
            edit = MinutesSpinBox()
            edit.setAccessibleName(f"Study time on {day}")
            edit.setToolTip(f"Study time on {day}: type minutes (90) or hours (1 h 30)")
            edit.valueChanged.connect(self._edited)
            self.day_edits.append(edit)
            form.addRow(f"{day}:", edit)
        self.total_label = QLabel()
        self.total_label.setAccessibleName("Study time per week")
        total_font = QFont(self.total_label.font())
        total_font.setBold(True)
        self.total_label.setFont(total_font)
        form.addRow("Total:", self.total_label)
        return box

    def _build_sessions(self) -> QGroupBox:
        box, form = _form_box("Sessions")
        self.session_length = QSpinBox()
        self.session_length.setRange(MIN_SESSION_MINUTES, MAX_SESSION_MINUTES)
        self.session_length.setSingleStep(15)
        self.session_length.setSuffix(" min")
        self.session_length.setAccessibleName("Longest session, in minutes")
        self.session_length.setToolTip("Topics longer than this are split over several sittings")
        self.session_length.valueChanged.connect(self._edited)
        self.interview_prep = QCheckBox("Include interview practice")
        self.interview_prep.setToolTip("Plan mock interviews and interview question practice")
        self.interview_prep.toggled.connect(self._edited)
        form.addRow("Longest session:", self.session_length)
        form.addRow("", self.interview_prep)
        return box

    def _build_schedule(self) -> QGroupBox:
        box, form = _form_box("Schedule")
        self.start_edit = QDateEdit()
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("ddd d MMM yyyy")
        self.start_edit.setAccessibleName("Plan start date")
        self.start_edit.setToolTip("No work is planned before this day")
        self.start_edit.dateChanged.connect(self._edited)
        self.timezone_combo = QComboBox()
        self.timezone_combo.setEditable(True)
        self.timezone_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.timezone_combo.addItems(sorted(available_timezones()))
        self.timezone_combo.setAccessibleName("Time zone")
        self.timezone_combo.setToolTip("Your days, and so what is due today, follow this zone")
        self.timezone_combo.currentTextChanged.connect(self._edited)
        form.addRow("Start date:", self.start_edit)
        form.addRow("Time zone:", self.timezone_combo)
        return box

    def _build_goals(self) -> QGroupBox:
        box = QGroupBox("Career goal")
        layout = QVBoxLayout(box)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.level_combo = QComboBox()
        self.level_combo.setAccessibleName("Career level")
        self.level_combo.currentIndexChanged.connect(self._edited)
        form.addRow("Career level:", self.level_combo)
        layout.addLayout(form)
        layout.addWidget(QLabel("Specializations:"))
        self.specializations_grid = QGridLayout()
        self.specializations_grid.setContentsMargins(12, 0, 0, 0)
        self.specialization_boxes: dict[str, QCheckBox] = {}
        layout.addLayout(self.specializations_grid)
        hint = QLabel("Changing the level or the specializations re-plans when you save.")
        hint.setObjectName("note")
        hint.setWordWrap(True)
        note_font = QFont(hint.font())
        if note_font.pointSizeF() > 0:  # a small note, in the ordinary text colour
            note_font.setPointSizeF(note_font.pointSizeF() * 0.9)
        hint.setFont(note_font)
        layout.addWidget(hint)
        self.goals_hint = hint
        self._fill_goal_choices(self._backend.context.curriculum)
        return box

    def _build_appearance(self) -> QGroupBox:
        box, form = _form_box("Appearance")
        self.theme_combo = QComboBox()
        self.theme_combo.setAccessibleName("Theme")
        for theme, title in _THEMES:
            self.theme_combo.addItem(title, theme.value)
        self.theme_combo.setMinimumContentsLength(14)
        self.theme_combo.setToolTip("Applies at once")
        self.theme_combo.currentIndexChanged.connect(self._theme_chosen)
        form.addRow("Theme:", self.theme_combo)
        return box

    def _build_data(self) -> QGroupBox:
        box = QGroupBox("Your data")
        form = QFormLayout(box)
        self.data_dir_label = QLabel(str(self._data_dir))
        self.data_dir_label.setTextFormat(Qt.TextFormat.PlainText)
        self.data_dir_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.data_dir_label.setWordWrap(True)
        self.data_dir_label.setAccessibleName("Data folder")
        self.open_folder_button = QPushButton("Open folder")
        self.open_folder_button.setToolTip("Show the data folder in your file manager")
        self.open_folder_button.clicked.connect(lambda: open_folder(self._data_dir))
        self.curriculum_label = QLabel()
        self.curriculum_label.setTextFormat(Qt.TextFormat.RichText)
        self.curriculum_label.setWordWrap(True)
        self.curriculum_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.curriculum_label.setAccessibleName("Curriculum file in use")
        self.plan_label = QLabel()
        self.plan_label.setTextFormat(Qt.TextFormat.PlainText)
        self.plan_label.setWordWrap(True)
        form.addRow("Data folder:", self.data_dir_label)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.open_folder_button)
        folder_row.addStretch()
        form.addRow("", folder_row)
        form.addRow("Curriculum:", self.curriculum_label)
        form.addRow("Plan:", self.plan_label)
        return box

    def _fill_goal_choices(self, curriculum: Curriculum) -> None:
        """(Re)build the level and specialization choices from the curriculum, keeping
        what is chosen in the form."""
        chosen_level = self.level_combo.currentData()
        chosen = {key for key, box in self.specialization_boxes.items() if box.isChecked()}
        with QSignalBlocker(self.level_combo):
            self.level_combo.clear()
            for level in Level:
                titles = [c for c in curriculum.levels if c.id is level]
                self.level_combo.addItem(titles[0].title if titles else level.value, level.value)
                if titles:
                    self.level_combo.setItemData(
                        self.level_combo.count() - 1,
                        titles[0].summary,
                        Qt.ItemDataRole.ToolTipRole,
                    )
            if chosen_level is not None:
                self.level_combo.setCurrentIndex(self.level_combo.findData(chosen_level))
        for box in self.specialization_boxes.values():
            self.specializations_grid.removeWidget(box)
            box.deleteLater()
        self.specialization_boxes = {}
        for number, specialization in enumerate(curriculum.specializations):
            box = QCheckBox(specialization.title)
            box.setToolTip(specialization.description)
            box.setChecked(specialization.id in chosen)
            box.toggled.connect(self._edited)
            self.specialization_boxes[specialization.id] = box
            self.specializations_grid.addWidget(box, number // 2, number % 2)

    def _fill_theme(self) -> None:
        with QSignalBlocker(self.theme_combo):
            self.theme_combo.setCurrentIndex(
                self.theme_combo.findData(self._ui_settings.theme.value)
            )

    # Loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the stored profile again (off the GUI thread) and show it."""
        self._fill_theme()
        self._show_curriculum_file()
        self._backend.query(plans.load_profile, self._set_profile)

    def _set_profile(self, profile: Profile | None) -> None:
        keep_edits = self.is_dirty()
        self._profile = profile
        self._set_form_enabled(profile is not None)
        if profile is None:
            self.plan_label.setText("No study plan yet.")
        else:
            self.plan_label.setText(
                f"Started {profile.start_date:%d %B %Y} · time zone {profile.timezone}"
            )
            if not keep_edits:
                self._fill(profile)
        self._update_state()

    @contextmanager
    def _filling_form(self) -> Iterator[None]:
        """Set form fields without it counting as the learner's edit (the save hint stays)."""
        self._filling = True
        try:
            yield
        finally:
            self._filling = False

    def _fill(self, profile: Profile) -> None:
        with self._filling_form():
            for edit, minutes in zip(self.day_edits, profile.availability.minutes, strict=True):
                edit.setValue(minutes)
            self.session_length.setValue(profile.max_session_minutes)
            self.interview_prep.setChecked(profile.include_interview_prep)
            self.level_combo.setCurrentIndex(self.level_combo.findData(profile.level.value))
            for key, box in self.specialization_boxes.items():
                box.setChecked(key in profile.specializations)
            self.start_edit.setDate(to_qdate(profile.start_date))
            self.timezone_combo.setCurrentText(profile.timezone)

    def _on_changed(self, changes: Changes) -> None:
        if changes.profile:
            self.reload()

    def _on_curriculum_changed(self, curriculum: Curriculum) -> None:
        with self._filling_form():
            self._fill_goal_choices(curriculum)
        self._set_form_enabled(self._profile is not None)
        self._show_curriculum_file()
        self._update_state()

    def _show_curriculum_file(self) -> None:
        curriculum = self._backend.context.curriculum
        path = curriculum_path(self._data_dir)
        custom = uses_custom_curriculum(self._data_dir)
        source = "your own file" if custom else "built in"
        self.curriculum_label.setText(
            f"{html.escape(curriculum.title)} {html.escape(curriculum.version)} ({source})<br>"
            f"<small>{html.escape(str(path))}</small>"
        )

    # The form --------------------------------------------------------------------------

    def form_values(self) -> plans.ProfileEdits:
        minutes = [edit.value() for edit in self.day_edits]
        return plans.ProfileEdits(
            availability=WeeklyAvailability.of(minutes),
            max_session_minutes=self.session_length.value(),
            include_interview_prep=self.interview_prep.isChecked(),
            level=Level(self.level_combo.currentData() or Level.JUNIOR.value),
            specializations=frozenset(
                key for key, box in self.specialization_boxes.items() if box.isChecked()
            ),
            start_date=from_qdate(self.start_edit.date()),
            timezone=self.timezone_combo.currentText().strip(),
        )

    def is_dirty(self) -> bool:
        return self._profile is not None and self.form_values() != plans.ProfileEdits.of(
            self._profile
        )

    def validation_problem(self) -> str | None:
        if sum(edit.value() for edit in self.day_edits) < 1:
            return "Plan at least one minute of study a week."
        return None

    def _edited(self) -> None:
        if not self._filling and not self._saving:
            self._show_hint()
        self._update_state()

    def _show_hint(self) -> None:
        self._report(_SAVE_HINT)

    def _report(self, text: str, *, error: bool = False) -> None:
        """Say something below the form; an error in red."""
        self.report_label.setStyleSheet(f"color: {error_colour()};" if error else "")
        self.report_label.setText(text)

    def _set_form_enabled(self, enabled: bool) -> None:
        for edit in self.day_edits:
            edit.setEnabled(enabled)
        for widget in (
            self.session_length,
            self.interview_prep,
            self.level_combo,
            self.start_edit,
            self.timezone_combo,
        ):
            widget.setEnabled(enabled)
        for box in self.specialization_boxes.values():
            box.setEnabled(enabled)

    def _update_state(self) -> None:
        total = sum(edit.value() for edit in self.day_edits)
        problem = self.validation_problem()
        if problem is None:
            self.total_label.setText(f"{duration(total)} per week")
            self.total_label.setStyleSheet("")
        else:
            self.total_label.setText(problem)
            self.total_label.setStyleSheet(f"color: {error_colour()};")
        dirty = self.is_dirty()
        self.save_button.setEnabled(dirty and problem is None and not self._saving)
        self.revert_button.setEnabled(dirty and not self._saving)

    # Acting ----------------------------------------------------------------------------

    def save(self) -> None:
        """Write the plan settings and re-plan; the report appears below the form."""
        if self._profile is None or self._saving or self.validation_problem() is not None:
            return
        edits = self.form_values()
        self._saving = True
        self._report("Saving and re-planning…")
        self._update_state()
        self._backend.mutate(
            lambda context: plans.edit_profile(context, edits),
            on_done=self._saved,
            on_error=self._save_failed,
        )

    def _saved(self, changes: Changes) -> None:
        self._saving = False
        report = describe_report(changes.report, self._backend.context.curriculum)
        message = f"Saved. {report}".strip()
        self._report(message)
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, 15_000)
        self._update_state()

    def _save_failed(self, error: Exception) -> None:
        self._saving = False
        self._update_state()
        if not isinstance(error, ServiceError):
            self._report("")
            self._backend.error.emit(error)
            return
        self._report(f"Not saved: {error}", error=True)

    def revert(self) -> None:
        if self._profile is not None:
            self._fill(self._profile)
        self._show_hint()
        self._update_state()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # Error text is red: a lighter red when the theme turns dark, and back.
            if self.report_label.styleSheet():
                self.report_label.setStyleSheet(f"color: {error_colour()};")
            self._update_state()

    def _theme_chosen(self) -> None:
        theme = Theme(self.theme_combo.currentData())
        self._ui_settings.theme = theme
        self._ui_settings.sync()
        apply_theme(theme)
