"""The first-run wizard, driven from an empty data folder to a stored plan."""

# pytest-qt's QtBot and ModelTester methods carry no annotations.
# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

import html
from datetime import date

import pytest
from PySide6.QtCore import QDate, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QImage, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDateEdit,
    QLabel,
    QMessageBox,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
    QWizard,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from planner.domain.curriculum import CertificationStatus, Curriculum, Level
from planner.domain.model import CertificationGoal, GoalStatus, WeeklyAvailability
from planner.services.context import AppContext
from planner.services.goals import list_goals
from planner.services.plans import create_plan, load_profile, preview_plan
from planner.services.tasks import all_tasks
from planner.ui.backend import Backend
from planner.ui.formatting import duration
from planner.ui.onboarding import (
    CertificationGoalsModel,
    GoalColumn,
    MinutesSpinBox,
    OnboardingWizard,
    certification_status_text,
    long_date,
)
from planner.ui.onboarding import wizard as wizard_module
from planner.ui.onboarding.widgets import OpenDaysCalendar
from planner.ui.onboarding.wizard import confirm_quit as real_confirm_quit
from tests.ui.conftest import learner_profile

pytestmark = pytest.mark.gui

START = date(2026, 12, 1)  # a Tuesday, three days after the fixed clock's today
AZURE = "azure-ai-apps-agents-developer"
AZURE_TITLE = "Microsoft Azure AI Apps and Agents Developer"
AWS = "aws-ml-specialty"  # retired in the curriculum


class QuitQuestion:
    """Stands in for the "Quit without creating a plan?" box: gives ``answer`` and counts
    how often it was asked."""

    def __init__(self) -> None:
        self.answer = True
        self.asked = 0

    def __call__(self, _parent: object) -> bool:
        self.asked += 1
        return self.answer


@pytest.fixture(autouse=True)
def quit_question(monkeypatch: pytest.MonkeyPatch) -> QuitQuestion:
    """No real message box: closing a wizard at the end of a test answers Quit."""
    question = QuitQuestion()
    monkeypatch.setattr(wizard_module, "confirm_quit", question)
    return question


@pytest.fixture
def wizard(first_run_backend: Backend, qtbot: QtBot) -> OnboardingWizard:
    wizard = OnboardingWizard(first_run_backend, "UTC")
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def next_enabled(wizard: OnboardingWizard) -> bool:
    return wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def finish_button(wizard: OnboardingWizard) -> QAbstractButton:
    return wizard.button(QWizard.WizardButton.FinishButton)


def answer_up_to_goals(wizard: OnboardingWizard) -> None:
    """Mid-Level, NLP and Time Series, 8 hours a week over Monday to Friday from START."""
    wizard.level_page.buttons[Level.MID].click()
    wizard.next()
    wizard.specialization_page.checkboxes["nlp"].click()
    wizard.specialization_page.checkboxes["time-series"].click()
    wizard.next()
    assert wizard.currentPage() is wizard.known_page
    wizard.next()
    page = wizard.availability_page
    for day, toggle in enumerate(page.spread_toggles):
        toggle.setChecked(day < 5)
    page.hours_per_week.setValue(8)
    page.start_date.setDate(QDate(START.year, START.month, START.day))
    wizard.next()
    assert wizard.currentPage() is wizard.certification_page


def choose_exam_date(
    qtbot: QtBot, wizard: OnboardingWizard, certification_id: str, day: date
) -> None:
    """Open the exam date's editor from the keyboard, set the date, and press Enter."""
    page = wizard.certification_page
    view = page.view
    index = page.model.index(page.model.row_of(certification_id), GoalColumn.EXAM_DATE)
    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.findChild(QDateEdit)
    assert editor is not None, "F2 should open a date editor"
    assert editor.calendarPopup()
    editor.setDate(QDate(day.year, day.month, day.day))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.findChild(QDateEdit) is None or not editor.isVisible())


def wait_for_preview(qtbot: QtBot, wizard: OnboardingWizard) -> None:
    qtbot.waitUntil(lambda: wizard.summary_page.preview is not None, timeout=10_000)


# The goals model --------------------------------------------------------------------------


def test_goals_model_passes_the_model_tester(
    qtmodeltester: ModelTester, curriculum: Curriculum
) -> None:
    model = CertificationGoalsModel(curriculum.certifications, START)
    model.set_exam_date(model.row_of(AZURE), date(2027, 5, 3))
    model.set_checked(model.row_of("ibm-ml-professional"), True)

    qtmodeltester.check(model)

    assert model.rowCount() == len(curriculum.certifications)
    assert model.columnCount() == len(GoalColumn)


def test_goals_model_gives_a_goal_per_ticked_row(curriculum: Curriculum) -> None:
    model = CertificationGoalsModel(curriculum.certifications, START)
    azure = model.row_of(AZURE)
    ibm = model.row_of("ibm-ml-professional")
    check = Qt.ItemDataRole.CheckStateRole

    assert model.goals() == ()
    exam = QDate(2027, 5, 3)
    assert model.setData(model.index(azure, GoalColumn.EXAM_DATE), exam)
    assert model.setData(model.index(ibm, GoalColumn.CERTIFICATION), Qt.CheckState.Checked, check)

    # Choosing an exam date ticks the certification.
    assert model.data(model.index(azure, GoalColumn.CERTIFICATION), check) == Qt.CheckState.Checked
    assert model.data(model.index(azure, GoalColumn.EXAM_DATE)) == "Mon 3 May 2027"
    assert model.data(model.index(azure, GoalColumn.EXAM_DATE), Qt.ItemDataRole.EditRole) == exam
    assert set(model.goals()) == {
        CertificationGoal(AZURE, GoalStatus.BOOKED, exam_date=date(2027, 5, 3)),
        CertificationGoal("ibm-ml-professional"),
    }
    # A date before the plan starts is refused; unticking drops the goal.
    assert not model.setData(model.index(azure, GoalColumn.EXAM_DATE), QDate(2026, 11, 30))
    assert model.setData(
        model.index(azure, GoalColumn.CERTIFICATION), Qt.CheckState.Unchecked, check
    )
    assert model.goals() == (CertificationGoal("ibm-ml-professional"),)


def test_retired_and_uncertain_certifications_say_so(curriculum: Curriculum) -> None:
    aws = curriculum.certification(AWS)
    assert aws.status is CertificationStatus.RETIRED
    text = certification_status_text(aws)
    assert text.startswith("Retired on 2026-03-31")
    assert "MLA-C01" in text
    retired_azure = certification_status_text(curriculum.certification("azure-ai-engineer"))
    assert retired_azure.startswith("Retired on 2026-06-30")
    assert "AI-103" in retired_azure

    uncertain = next(
        c for c in curriculum.certifications if c.status is CertificationStatus.UNCERTAIN
    )
    assert certification_status_text(uncertain).startswith("Uncertain:")
    assert certification_status_text(curriculum.certification(AZURE)).startswith("Active")


def test_a_retired_certification_cannot_be_given_an_exam_date(
    qtbot: QtBot, wizard: OnboardingWizard
) -> None:
    answer_up_to_goals(wizard)
    page = wizard.certification_page
    model, view = page.model, page.view
    row = model.row_of(AWS)
    date_index = model.index(row, GoalColumn.EXAM_DATE)

    assert not model.flags(date_index) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(row, 0)) & Qt.ItemFlag.ItemIsUserCheckable
    assert model.data(date_index) == "Not available"
    assert "Retired on 2026-03-31" in model.data(model.index(row, GoalColumn.STATUS))

    # Neither the keyboard nor a double-click opens a date editor for it...
    view.setFocus()
    view.setCurrentIndex(date_index)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    rect = view.visualRect(date_index)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.findChild(QDateEdit) is None
    # ...and the model refuses a date or a tick given directly.
    assert not model.setData(date_index, QDate(2027, 3, 1))
    assert not model.setData(
        model.index(row, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    assert model.goals() == ()
    # The details name the successor.
    assert "MLA-C01" in page.details.text()

    # An active certification's date does open an editor (so the check above means something).
    choose_exam_date(qtbot, wizard, AZURE, date(2027, 9, 6))
    assert model.goals() == (
        CertificationGoal(AZURE, GoalStatus.BOOKED, exam_date=date(2027, 9, 6)),
    )


def check_box_centre(view: QTableView, row: int) -> QPoint:
    """Where the tick box of a row's certification cell is drawn."""
    option = QStyleOptionViewItem()
    option.rect = view.visualRect(view.model().index(row, GoalColumn.CERTIFICATION))
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    return (
        view.style()
        .subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, view)
        .center()
    )


def test_ticking_a_box_keeps_the_rows_in_place_and_describes_it(
    qtbot: QtBot, wizard: OnboardingWizard
) -> None:
    answer_up_to_goals(wizard)
    page = wizard.certification_page
    model, view = page.model, page.view
    heights = [view.rowHeight(row) for row in range(model.rowCount())]
    assert min(heights) >= 2 * view.fontMetrics().lineSpacing()
    check = Qt.ItemDataRole.CheckStateRole
    ibm, azure = model.row_of("ibm-ml-professional"), model.row_of(AZURE)
    assert view.currentIndex().row() != ibm

    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=check_box_centre(view, ibm))

    assert model.is_checked(ibm)
    assert [view.rowHeight(row) for row in range(model.rowCount())] == heights
    assert view.currentIndex().row() == ibm
    assert "IBM Machine Learning Professional" in page.details.text()

    # The next box is where it was, so the next click ticks it.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=check_box_centre(view, azure))
    assert model.data(model.index(azure, 0), check) == Qt.CheckState.Checked
    assert [view.rowHeight(row) for row in range(model.rowCount())] == heights
    assert view.currentIndex().row() == azure
    assert AZURE_TITLE in page.details.text()


def test_each_fact_about_a_certification_is_shown_once(
    wizard: OnboardingWizard, curriculum: Curriculum
) -> None:
    answer_up_to_goals(wizard)
    page = wizard.certification_page
    model = page.model
    for certification in curriculum.certifications:
        row = model.row_of(certification.id)
        page.view.setCurrentIndex(model.index(row, GoalColumn.CERTIFICATION))
        # What the page shows about it: the row's status and the details below the table.
        shown = html.unescape(page.details.text()) + model.data(model.index(row, GoalColumn.STATUS))
        for fact in certification.facts:
            assert shown.count(fact.text.rstrip(".")) == 1, (certification.id, fact.text)


# Navigation -------------------------------------------------------------------------------


def test_next_needs_a_level_and_a_specialization(wizard: OnboardingWizard) -> None:
    assert not next_enabled(wizard)
    wizard.level_page.buttons[Level.SENIOR].click()
    assert next_enabled(wizard)
    wizard.next()

    assert wizard.currentPage() is wizard.specialization_page
    assert not next_enabled(wizard)
    assert wizard.specialization_page.hint.isVisible()
    nlp = wizard.specialization_page.checkboxes["nlp"]
    nlp.click()
    assert next_enabled(wizard)
    assert not wizard.specialization_page.hint.isVisible()
    nlp.click()
    assert not next_enabled(wizard)
    wizard.next()  # refused while incomplete
    assert wizard.currentPage() is wizard.specialization_page


def test_the_level_page_shows_what_each_level_focuses_on(
    wizard: OnboardingWizard, curriculum: Curriculum
) -> None:
    texts = " ".join(label.text() for label in wizard.level_page.findChildren(QLabel))
    for level in curriculum.levels:
        assert wizard.level_page.buttons[level.id].text() == level.title
        for topic_id in level.focus_topic_ids:
            assert curriculum.topic(topic_id).title in texts
    assert len(wizard.specialization_page.checkboxes) == 6


def test_quick_fill_spreads_the_weekly_hours(wizard: OnboardingWizard) -> None:
    page = wizard.availability_page
    for day, toggle in enumerate(page.spread_toggles):
        toggle.setChecked(day in (0, 2, 4))
    page.hours_per_week.setValue(7.5)

    assert page.availability() == WeeklyAvailability.spread(7.5, (0, 2, 4))
    assert [spin.value() for spin in page.day_spins] == [150, 0, 150, 0, 150, 0, 0]
    assert "7 h 30 min a week" in page.total_label.text()
    assert "3 study days" in page.total_label.text()
    assert page.day_spins[1].text() == "Rest day"
    assert page.day_spins[0].text() == "2 h 30 min"

    # Editing one day by hand updates the total.
    page.day_spins[6].setValue(45)
    assert "8 h 15 min a week" in page.total_label.text()


def test_study_time_accepts_minutes_or_hours(qtbot: QtBot) -> None:
    assert MinutesSpinBox.parse("90") == 90
    assert MinutesSpinBox.parse("1 h 30 min") == 90
    assert MinutesSpinBox.parse("1h30") == 90
    assert MinutesSpinBox.parse("2 h") == 120
    assert MinutesSpinBox.parse("1:45") == 105
    assert MinutesSpinBox.parse("45 min") == 45
    assert MinutesSpinBox.parse("1:75") is None
    assert MinutesSpinBox.parse("soon") is None

    spin = MinutesSpinBox()
    qtbot.addWidget(spin)
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "1 h 15")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert spin.value() == 75


def test_defaults_come_from_the_learners_clock_and_zone(
    qtbot: QtBot, first_run_backend: Backend
) -> None:
    # FIXED_NOW is 28 Nov 09:30 UTC: still 27 Nov in Honolulu (UTC-10).
    wizard = OnboardingWizard(first_run_backend, "Pacific/Honolulu")
    qtbot.addWidget(wizard)
    page = wizard.availability_page
    assert page.timezone_name() == "Pacific/Honolulu"
    assert page.chosen_start_date() == date(2026, 11, 27)
    assert page.max_session.value() == 90
    assert page.interview_prep.isChecked()

    page.timezone.setCurrentText("UTC")
    assert page.chosen_start_date() == date(2026, 11, 28)


def test_an_unknown_time_zone_blocks_next(wizard: OnboardingWizard) -> None:
    wizard.level_page.buttons[Level.JUNIOR].click()
    wizard.next()
    wizard.specialization_page.checkboxes["computer-vision"].click()
    wizard.next()
    wizard.next()
    page = wizard.availability_page
    assert next_enabled(wizard)

    page.timezone.setCurrentText("Mars/Olympus_Mons")
    assert not next_enabled(wizard)
    assert "Unknown time zone" in page.timezone_error.text()

    page.timezone.setCurrentText("Europe/Lisbon")
    assert next_enabled(wizard)
    assert page.timezone_error.text() == ""

    for spin in page.day_spins:
        spin.setValue(0)
    assert not next_enabled(wizard)
    assert "No study time" in page.total_label.text()


def test_the_welcome_promises_only_what_settings_can_change(wizard: OnboardingWizard) -> None:
    subtitle = wizard.level_page.subTitle()
    assert "every answer" not in subtitle
    assert "study time, level and specializations later in Settings" in subtitle


def test_days_before_the_start_are_shown_as_closed(qtbot: QtBot, wizard: OnboardingWizard) -> None:
    today, yesterday = QDate(2026, 11, 28), QDate(2026, 11, 27)  # the fixed clock's today
    start = wizard.availability_page.start_date
    calendar = start.calendarWidget()
    assert isinstance(calendar, OpenDaysCalendar)
    assert start.minimumDate() == today
    assert calendar.minimumDate() == today
    assert not calendar.is_open(yesterday)
    assert calendar.is_open(today)

    # A closed day is drawn in the disabled colours.
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.magenta)
    painter = QPainter(image)
    calendar.paintCell(painter, QRect(0, 0, 40, 30), yesterday)
    painter.end()
    closed = calendar.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Window)
    assert image.pixelColor(1, 1) == closed

    # The exam date's calendar opens on the first day of the plan.
    answer_up_to_goals(wizard)
    view = wizard.certification_page.view
    model = wizard.certification_page.model
    view.setFocus()
    view.setCurrentIndex(model.index(model.row_of(AZURE), GoalColumn.EXAM_DATE))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.findChild(QDateEdit)
    assert editor is not None
    exam_calendar = editor.calendarWidget()
    assert isinstance(exam_calendar, OpenDaysCalendar)
    first = QDate(START.year, START.month, START.day)
    assert exam_calendar.is_open(first)
    assert not exam_calendar.is_open(first.addDays(-1))  # that one means "No date yet"
    assert not exam_calendar.is_open(today)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)


# Preview and finish -----------------------------------------------------------------------


def test_the_wizard_previews_and_stores_the_plan(
    qtbot: QtBot, wizard: OnboardingWizard, empty_context: AppContext
) -> None:
    answer_up_to_goals(wizard)
    exam = date(2028, 6, 5)
    choose_exam_date(qtbot, wizard, AZURE, exam)
    wizard.next()

    summary = wizard.summary_page
    assert wizard.currentPage() is summary
    assert summary.busy.isVisible()  # the preview is worked out off the GUI thread
    assert not finish_button(wizard).isEnabled()  # nothing to store before the preview
    wait_for_preview(qtbot, wizard)
    assert not summary.busy.isVisible()
    assert finish_button(wizard).isEnabled()

    profile = wizard.profile()
    assert profile.level is Level.MID
    assert profile.specializations == ("nlp", "time-series")
    assert profile.availability == WeeklyAvailability((96, 96, 96, 96, 96, 0, 0))
    assert profile.start_date == START
    assert profile.timezone == "UTC"
    goals = (CertificationGoal(AZURE, GoalStatus.BOOKED, exam_date=exam),)
    expected = preview_plan(empty_context.curriculum, profile, goals, today=date(2026, 11, 28))
    assert summary.preview == expected
    assert expected.task_count > 0
    assert summary.task_count_label.text() == str(expected.task_count)
    assert summary.total_label.text() == duration(expected.total_minutes)
    assert expected.report.end_date is not None
    assert summary.end_label.text() == long_date(expected.report.end_date)
    assert AZURE_TITLE in summary.deadlines_label.text()
    assert "on track" in summary.deadlines_label.text()
    assert "Mid-Level ML Engineer" in summary.choices_label.text()

    with qtbot.waitSignal(wizard.plan_created, timeout=10_000):
        finish_button(wizard).click()
        assert not finish_button(wizard).isEnabled()  # disabled while the plan is written
        assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()

    assert not wizard.isVisible()
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert load_profile(empty_context) == profile
    tasks = all_tasks(empty_context)
    assert len(tasks) == expected.task_count
    assert min(t.scheduled_date for t in tasks) >= START
    assert sum(t.minutes for t in tasks) == expected.total_minutes
    stored_goals = list_goals(empty_context)
    assert [(g.certification_id, g.exam_date) for g in stored_goals] == [(AZURE, exam)]


def test_an_exam_too_soon_shows_the_shortfall(qtbot: QtBot, wizard: OnboardingWizard) -> None:
    answer_up_to_goals(wizard)
    choose_exam_date(qtbot, wizard, AZURE, date(2027, 3, 1))
    wizard.next()
    wait_for_preview(qtbot, wizard)

    preview = wizard.summary_page.preview
    assert preview is not None
    (deadline,) = preview.report.deadlines
    assert not deadline.feasible
    text = wizard.summary_page.deadlines_label.text()
    assert f"{duration(deadline.late_minutes)} short" in text
    assert deadline.earliest_feasible_exam_date is not None
    assert long_date(deadline.earliest_feasible_exam_date) in text
    assert deadline.extra_minutes_per_study_day > 0
    assert f"study {duration(deadline.extra_minutes_per_study_day)} more" in text


def test_going_back_and_changing_an_answer_updates_the_preview(
    qtbot: QtBot, wizard: OnboardingWizard
) -> None:
    answer_up_to_goals(wizard)
    wizard.next()
    wait_for_preview(qtbot, wizard)
    first = wizard.summary_page.preview
    assert first is not None

    wizard.back()
    wizard.back()
    wizard.availability_page.hours_per_week.setValue(16)
    wizard.next()
    wizard.next()
    wait_for_preview(qtbot, wizard)
    second = wizard.summary_page.preview
    assert second is not None
    assert first.report.end_date is not None
    assert second.report.end_date is not None
    assert second.report.end_date < first.report.end_date
    assert wizard.summary_page.end_label.text() == long_date(second.report.end_date)


def test_a_failed_write_is_shown_and_the_wizard_stays_open(
    qtbot: QtBot, wizard: OnboardingWizard, empty_context: AppContext
) -> None:
    answer_up_to_goals(wizard)
    wizard.next()
    wait_for_preview(qtbot, wizard)
    # Another window stored a plan meanwhile: storing a second one must fail.
    create_plan(empty_context, learner_profile())
    created: list[bool] = []
    wizard.plan_created.connect(lambda: created.append(True))

    finish_button(wizard).click()
    qtbot.waitUntil(lambda: wizard.summary_page.error_label.isVisible(), timeout=10_000)

    assert "could not be saved" in wizard.summary_page.error_label.text()
    assert "already exists" in wizard.summary_page.error_label.text()
    assert wizard.isVisible()
    assert finish_button(wizard).isEnabled()
    assert wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    assert not created


# Cancelling -------------------------------------------------------------------------------


def test_cancel_asks_before_quitting(
    qtbot: QtBot, wizard: OnboardingWizard, quit_question: QuitQuestion
) -> None:
    quit_question.answer = False
    wizard.button(QWizard.WizardButton.CancelButton).click()
    assert quit_question.asked == 1
    assert wizard.isVisible()

    quit_question.answer = True
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert quit_question.asked == 2
    assert not wizard.isVisible()
    assert wizard.result() == QWizard.DialogCode.Rejected


def test_the_quit_question_is_asked_in_a_message_box(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    asked: list[str] = []

    def answer_with(button_text: str) -> None:
        def click() -> None:
            box = QApplication.activeModalWidget()
            assert isinstance(box, QMessageBox)
            asked.append(box.text())
            next(b for b in box.buttons() if b.text() == button_text).click()

        QTimer.singleShot(0, click)

    answer_with("Keep setting up")
    assert real_confirm_quit(parent) is False
    answer_with("Quit")
    assert real_confirm_quit(parent) is True
    assert asked == ["Quit without creating a plan?"] * 2


# What a new learner tripped over ----------------------------------------------------------


def test_known_topics_can_be_ticked_by_group_or_all_at_once(
    wizard: OnboardingWizard, curriculum: Curriculum, qtmodeltester: ModelTester
) -> None:
    wizard.level_page.buttons[Level.MID].click()
    wizard.next()
    wizard.specialization_page.checkboxes["nlp"].click()
    wizard.next()
    page = wizard.known_page
    assert wizard.currentPage() is page
    qtmodeltester.check(page.model)
    model = page.model
    group = model.index(0, 0)
    group_id = model.group_id(group)
    assert group_id is not None
    group_topics = {t.id for t in curriculum.topics_in_group(group_id)}
    assert group_topics
    assert model.setData(group, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert page.known_topic_ids() == group_topics
    assert group.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    first_topic = model.index(0, 0, group)
    assert model.setData(first_topic, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert group.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.PartiallyChecked
    assert f"{len(group_topics) - 1} topics known" in page.count_label.text()

    page.select_all_button.click()
    assert page.known_topic_ids() == {t.id for t in curriculum.topics}
    page.clear_button.click()
    assert page.known_topic_ids() == frozenset()

    python = next(t for t in curriculum.topics if t.title == "Python")
    model.setData(model.topic_index(python.id), Qt.CheckState.Checked.value,
                  Qt.ItemDataRole.CheckStateRole)  # fmt: skip
    wizard.next()
    assert wizard.profile().known_topic_ids == {python.id}


def test_the_summary_explains_topics_from_other_specializations(
    qtbot: QtBot, wizard: OnboardingWizard
) -> None:
    answer_up_to_goals(wizard)
    choose_exam_date(qtbot, wizard, AZURE, date(2028, 6, 5))
    wizard.next()
    wait_for_preview(qtbot, wizard)
    preview = wizard.summary_page.preview
    assert preview is not None
    assert preview.pulled_in, "the Azure exam needs computer-vision topics"
    label = wizard.summary_page.pulled_in_label
    assert label.isVisible()
    assert "Microsoft Azure AI Apps and Agents Developer</b> exam needs" in label.text()
    assert "from other specializations' tracks" in label.text()


def test_a_weekly_time_that_cannot_finish_blocks_finish_and_names_enough(
    qtbot: QtBot, wizard: OnboardingWizard
) -> None:
    answer_up_to_goals(wizard)
    wizard.back()
    wizard.availability_page.hours_per_week.setValue(0.25)
    wizard.next()
    wizard.next()
    wait_for_preview(qtbot, wizard)
    preview = wizard.summary_page.preview
    assert preview is not None
    assert preview.report.unplaceable_topic_ids
    assert preview.least_weekly_minutes is not None
    text = wizard.summary_page.warnings_label.text()
    assert "cannot finish within 10 years" in text
    assert f"at least <b>{duration(preview.least_weekly_minutes)} a week</b>" in text
    assert not finish_button(wizard).isEnabled()


class ExamQuestion:
    def __init__(self) -> None:
        self.answer = False
        self.asked: list[list[str]] = []

    def __call__(self, _parent: object, at_risk: list[object], _curriculum: object) -> bool:
        self.asked.append([d.certification_id for d in at_risk])  # type: ignore[attr-defined]
        return self.answer


def test_the_certification_page_suggests_the_earliest_date_and_shows_feasibility(
    qtbot: QtBot, wizard: OnboardingWizard, empty_context: AppContext
) -> None:
    answer_up_to_goals(wizard)
    page = wizard.certification_page
    qtbot.waitUntil(lambda: page.model.suggested_date(page.model.row_of(AZURE)) is not None)
    earliest = page.model.suggested_date(page.model.row_of(AZURE))
    assert earliest is not None
    # The date field opens on that date, not on one the plan cannot meet.
    view = page.view
    view.setFocus()
    view.setCurrentIndex(page.model.index(page.model.row_of(AZURE), GoalColumn.EXAM_DATE))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.findChild(QDateEdit)
    assert editor is not None
    assert editor.date() == QDate(earliest.year, earliest.month, earliest.day)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.findChild(QDateEdit) is None)
    assert "opens a date field" in " ".join(label.text() for label in page.findChildren(QLabel))

    with qtbot.waitSignal(page.feasibility_shown, timeout=10_000):
        choose_exam_date(qtbot, wizard, AZURE, earliest)
    assert "on track" in page.feasibility.text()
    with qtbot.waitSignal(page.feasibility_shown, timeout=10_000):
        choose_exam_date(qtbot, wizard, AZURE, date(2027, 3, 1))
    assert "short" in page.feasibility.text()


def test_finishing_a_plan_that_misses_an_exam_asks_first(
    qtbot: QtBot,
    wizard: OnboardingWizard,
    empty_context: AppContext,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    question = ExamQuestion()
    monkeypatch.setattr(wizard_module, "confirm_infeasible", question)
    answer_up_to_goals(wizard)
    choose_exam_date(qtbot, wizard, AZURE, date(2027, 3, 1))
    wizard.next()
    wait_for_preview(qtbot, wizard)

    finish_button(wizard).click()
    assert question.asked == [[AZURE]]
    assert wizard.isVisible()
    assert load_profile(empty_context) is None

    question.answer = True
    with qtbot.waitSignal(wizard.plan_created, timeout=10_000):
        finish_button(wizard).click()
    assert load_profile(empty_context) is not None


def test_the_wizard_pages_share_one_margin(wizard: OnboardingWizard) -> None:
    margins = set()
    for page_id in wizard.pageIds():
        page = wizard.page(page_id)
        layout = page.layout()
        assert layout is not None
        first = layout.itemAt(0).widget()
        # Pages either lay out directly or through one scrolling content widget.
        content = first.widget() if hasattr(first, "widget") and first.widget() else page
        inner = content.layout() if content is not page else layout
        assert inner is not None
        outer = layout.contentsMargins().left() if content is not page else 0
        margins.add(outer + inner.contentsMargins().left())
    assert len(margins) == 1, margins
