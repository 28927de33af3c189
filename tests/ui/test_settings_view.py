"""Settings: study time, sessions, level and tracks re-plan on save; theme applies at once."""

# pytest-qt's QtBot methods carry no annotations.
# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from planner.domain.curriculum import Level
from planner.domain.model import TaskStatus
from planner.services import plans, tasks
from planner.services.context import AppContext
from planner.ui.backend import Backend
from planner.ui.onboarding.minutes_spin_box import MinutesSpinBox
from planner.ui.qdates import to_qdate
from planner.ui.theme import apply_theme
from planner.ui.ui_settings import Theme, UiSettings
from planner.ui.views import settings as settings_view
from planner.ui.views.settings import SettingsView

TODAY = date(2026, 11, 28)


@pytest.fixture
def light_afterwards() -> Iterator[None]:
    """The theme is the whole application's: put back the light one for the next tests."""
    yield
    apply_theme(Theme.LIGHT)


def _view(backend: Backend, data_dir: Path, qtbot: QtBot) -> SettingsView:
    view = SettingsView(backend, UiSettings(data_dir), data_dir)
    qtbot.addWidget(view)
    view.resize(1200, 780)
    view.show()
    with qtbot.waitSignal(backend.runner.busy_changed, check_params_cb=lambda busy: not busy):
        view.reload()
    return view


def _save(view: SettingsView, backend: Backend, qtbot: QtBot) -> None:
    assert view.save_button.isEnabled()
    with qtbot.waitSignal(backend.changed, timeout=10_000):
        view.save_button.click()
    # The view reads the saved profile back.
    qtbot.waitUntil(lambda: not view.is_dirty() and not view.revert_button.isEnabled())


def test_the_form_shows_the_stored_profile(
    backend: Backend, context: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    view = _view(backend, data_dir, qtbot)
    profile = plans.load_profile(context)
    assert profile is not None

    assert [edit.value() for edit in view.day_edits] == list(profile.availability.minutes)
    assert view.total_label.text() == "10 h per week"
    assert view.session_length.value() == profile.max_session_minutes
    assert view.interview_prep.isChecked() == profile.include_interview_prep
    assert view.level_combo.currentData() == Level.JUNIOR.value
    assert [k for k, box in view.specialization_boxes.items() if box.isChecked()] == ["nlp"]
    assert not view.save_button.isEnabled()
    assert not view.revert_button.isEnabled()


def test_changing_availability_and_saving_replans_within_the_new_hours(
    backend: Backend, context: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    view = _view(backend, data_dir, qtbot)
    new_minutes = (45, 30, 45, 30, 45, 0, 120)
    for edit, minutes in zip(view.day_edits, new_minutes, strict=True):
        edit.setValue(minutes)
    assert view.total_label.text() == "5 h 15 min per week"
    assert view.is_dirty()

    _save(view, backend, qtbot)

    profile = plans.load_profile(context)
    assert profile is not None
    assert profile.availability.minutes == new_minutes
    per_day: dict[date, int] = defaultdict(int)
    for task in tasks.all_tasks(context):
        if task.status.is_open and task.scheduled_date >= TODAY:
            per_day[task.scheduled_date] += task.minutes
    assert per_day
    for day, minutes in per_day.items():
        held = [(t.title, t.minutes) for t in tasks.all_tasks(context) if t.scheduled_date == day]
        assert minutes <= new_minutes[day.weekday()], f"{day:%A %d %B} holds {held}"
    assert "Saved." in view.report_label.text()
    assert "The plan now ends on" in view.report_label.text()


def _type_duration(qtbot: QtBot, edit: MinutesSpinBox, text: str) -> None:
    """Type a day's study time into its field, as hours and minutes, and press Enter."""
    edit.setFocus()
    edit.lineEdit().selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_hours_and_minutes_make_up_each_day(backend: Backend, data_dir: Path, qtbot: QtBot) -> None:
    view = _view(backend, data_dir, qtbot)
    monday = view.day_edits[0]

    _type_duration(qtbot, monday, "2 h 15")
    assert monday.value() == 135
    assert monday.text() == "2 h 15 min"

    _type_duration(qtbot, monday, "24 h")
    assert monday.maximum() == 24 * 60  # a full day has no minutes beyond 24 h
    assert monday.value() == 24 * 60


def test_a_day_without_study_time_reads_rest_day(
    backend: Backend, data_dir: Path, qtbot: QtBot
) -> None:
    view = _view(backend, data_dir, qtbot)
    sunday = view.day_edits[6]

    sunday.setValue(0)
    assert sunday.text() == "Rest day"
    sunday.setValue(90)
    assert sunday.text() == "1 h 30 min"


def test_a_week_without_study_time_cannot_be_saved(
    backend: Backend, context: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    view = _view(backend, data_dir, qtbot)
    for edit in view.day_edits:
        edit.setValue(0)

    assert view.validation_problem() == "Plan at least one minute of study a week."
    assert view.total_label.text() == "Plan at least one minute of study a week."
    assert not view.save_button.isEnabled()
    view.save()
    assert not backend.runner.is_busy

    view.day_edits[3].setValue(1)
    assert view.total_label.text() == "1 min per week"
    assert view.save_button.isEnabled()


def test_revert_puts_back_the_saved_settings(
    backend: Backend, context: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    view = _view(backend, data_dir, qtbot)
    before = view.form_values()
    view.day_edits[0].setValue(5)
    view.session_length.setValue(30)
    view.interview_prep.setChecked(False)
    assert view.revert_button.isEnabled()

    view.revert_button.click()

    assert view.form_values() == before
    assert not view.is_dirty()
    assert not view.save_button.isEnabled()


def test_session_length_and_interview_practice_are_saved(
    backend: Backend, context: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    view = _view(backend, data_dir, qtbot)
    assert (view.session_length.minimum(), view.session_length.maximum()) == (15, 240)
    view.session_length.setValue(45)
    view.interview_prep.setChecked(False)

    _save(view, backend, qtbot)

    profile = plans.load_profile(context)
    assert profile is not None
    assert profile.max_session_minutes == 45
    assert not profile.include_interview_prep
    open_tasks = [t for t in tasks.all_tasks(context) if t.status.is_open]
    assert max(t.minutes for t in open_tasks) <= 45


def test_a_new_specialization_and_level_replan(
    backend: Backend, context: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    view = _view(backend, data_dir, qtbot)
    planned_before = {t.topic_id for t in tasks.all_tasks(context)}
    vision_topics = {
        t.id
        for t in context.curriculum.topics
        if "computer-vision" in t.specializations and t.level is not Level.SENIOR
    } - planned_before
    assert vision_topics

    view.specialization_boxes["computer-vision"].setChecked(True)
    view.level_combo.setCurrentIndex(view.level_combo.findData(Level.MID.value))
    _save(view, backend, qtbot)

    profile = plans.load_profile(context)
    assert profile is not None
    assert profile.level is Level.MID
    assert profile.specializations == ("computer-vision", "nlp")
    planned = {t.topic_id for t in tasks.all_tasks(context) if t.status is TaskStatus.PENDING}
    assert vision_topics <= planned


def test_saving_keeps_topics_marked_known_elsewhere_meanwhile(
    backend: Backend, context: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    view = _view(backend, data_dir, qtbot)
    view.day_edits[0].setValue(60)  # an edit in progress
    topic_id = next(t.topic_id for t in tasks.all_tasks(context) if t.topic_id)
    assert topic_id is not None
    with qtbot.waitSignal(backend.changed):
        backend.mutate(lambda c: plans.set_topic_known(c, topic_id, True))
    assert backend.wait_until_idle()
    qtbot.waitUntil(lambda: not backend.runner.is_busy)
    assert view.day_edits[0].value() == 60  # the edit survives the reload

    _save(view, backend, qtbot)

    profile = plans.load_profile(context)
    assert profile is not None
    assert topic_id in profile.known_topic_ids
    assert profile.availability.minutes[0] == 60


def test_theme_change_applies_at_once_and_persists(
    backend: Backend, data_dir: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    applied: list[Theme] = []
    monkeypatch.setattr(settings_view, "apply_theme", applied.append)
    view = _view(backend, data_dir, qtbot)
    assert view.theme_combo.currentText() == "Follow system"

    view.theme_combo.setCurrentIndex(view.theme_combo.findText("Dark"))

    assert applied == [Theme.DARK]
    assert UiSettings(data_dir).theme is Theme.DARK
    assert not view.save_button.isEnabled()  # not a plan setting: nothing to save

    # Shown again when the view is rebuilt.
    again = _view(backend, data_dir, qtbot)
    assert again.theme_combo.currentText() == "Dark"


def test_choosing_dark_turns_the_window_dark_at_once(
    backend: Backend, data_dir: Path, qtbot: QtBot, light_afterwards: None
) -> None:
    view = _view(backend, data_dir, qtbot)

    def window_lightness() -> int:
        return view.palette().color(QPalette.ColorRole.Window).lightness()

    view.theme_combo.setCurrentIndex(view.theme_combo.findText("Dark"))

    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 80
    qtbot.waitUntil(lambda: window_lightness() < 80)  # widgets take it on the next events
    assert view.palette().color(QPalette.ColorRole.WindowText).lightness() > 180
    assert UiSettings(data_dir).theme is Theme.DARK
    assert not view.save_button.isEnabled()  # nothing to save for it

    view.theme_combo.setCurrentIndex(view.theme_combo.findText("Light"))
    qtbot.waitUntil(lambda: window_lightness() > 200)
    assert UiSettings(data_dir).theme is Theme.LIGHT


def test_the_replan_hint_is_ordinary_text(backend: Backend, data_dir: Path, qtbot: QtBot) -> None:
    view = _view(backend, data_dir, qtbot)
    hint = view.goals_hint

    assert hint.isEnabled()
    assert "re-plans when you save" in hint.text()
    assert hint.palette().color(hint.foregroundRole()) == view.palette().color(
        QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText
    )


def test_the_data_folder_and_curriculum_file_are_shown(
    backend: Backend, data_dir: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[Path] = []

    def open_folder(path: Path) -> bool:
        opened.append(path)
        return True

    monkeypatch.setattr(settings_view, "open_folder", open_folder)
    view = _view(backend, data_dir, qtbot)

    assert view.data_dir_label.text() == str(data_dir)
    assert view.data_dir_label.textInteractionFlags() & (
        view.data_dir_label.textInteractionFlags().TextSelectableByMouse
    )
    assert "ml-engineering.yaml" in view.curriculum_label.text()
    assert "built in" in view.curriculum_label.text()

    view.open_folder_button.click()
    assert opened == [data_dir]


def test_start_date_and_time_zone_are_saved_and_replan(
    backend: Backend, context: AppContext, data_dir: Path, qtbot: QtBot
) -> None:
    view = _view(backend, data_dir, qtbot)
    assert view.timezone_combo.currentText() == "UTC"
    assert view.start_edit.accessibleName() == "Plan start date"

    view.start_edit.setDate(to_qdate(date(2027, 1, 4)))
    view.timezone_combo.setCurrentText("Europe/Paris")
    _save(view, backend, qtbot)

    profile = plans.load_profile(context)
    assert profile is not None
    assert (profile.start_date, profile.timezone) == (date(2027, 1, 4), "Europe/Paris")
    open_days = [t.scheduled_date for t in tasks.all_tasks(context) if t.status.is_open]
    assert min(open_days) == date(2027, 1, 4)

    view.timezone_combo.setCurrentText("Nowhere/Else")
    with qtbot.waitSignal(backend.runner.busy_changed, check_params_cb=lambda busy: not busy):
        view.save_button.click()
    assert view.report_label.text() == "Not saved: unknown time zone 'Nowhere/Else'"
