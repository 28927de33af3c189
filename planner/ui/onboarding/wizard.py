"""The wizard: its pages in order, the profile and goals their answers make, and Finish,
which stores the plan in the background and closes once it is stored."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget, QWizard

from planner.domain.model import CertificationGoal, Profile
from planner.services.changes import Changes
from planner.services.plans import create_plan
from planner.ui.backend import Backend
from planner.ui.onboarding.availability_page import AvailabilityPage
from planner.ui.onboarding.certification_page import CertificationPage
from planner.ui.onboarding.choice_pages import LevelPage, SpecializationPage
from planner.ui.onboarding.summary_page import SummaryPage


def confirm_quit(parent: QWidget) -> bool:
    """Ask whether to leave the wizard, and with it the app, without a plan. Tests replace
    this."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Quit Study Planner",
        "Quit without creating a plan?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setInformativeText("Your answers are not kept; the questions start again next time.")
    box.button(QMessageBox.StandardButton.Yes).setText("Quit")
    box.button(QMessageBox.StandardButton.No).setText("Keep setting up")
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setEscapeButton(QMessageBox.StandardButton.No)
    box.exec()
    return box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes


class OnboardingWizard(QWizard):
    """Asks the learner what the first plan needs, previews it, and stores it on Finish."""

    plan_created = Signal()

    def __init__(
        self, backend: Backend, default_timezone: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        self.curriculum = backend.context.curriculum
        self._stored = False
        self.setWindowTitle("Set Up Your Study Plan")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setTitleFormat(Qt.TextFormat.PlainText)
        self.setSubTitleFormat(Qt.TextFormat.PlainText)
        self.setMinimumSize(760, 560)
        # Larger with a larger font (62 by 42 lines), within the screen.
        line = self.fontMetrics().height()
        wanted = QSize(1000, 700).expandedTo(QSize(62 * line, 42 * line))
        self.resize(wanted.boundedTo(self.screen().availableSize()).expandedTo(self.minimumSize()))

        self.level_page = LevelPage(self.curriculum)
        self.specialization_page = SpecializationPage(self.curriculum)
        self.availability_page = AvailabilityPage(backend, default_timezone)
        self.certification_page = CertificationPage(
            self.curriculum, backend.context.today(self.availability_page.timezone_name())
        )
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

    # Finishing -------------------------------------------------------------------------

    def accept(self) -> None:
        """Finish: store the plan in the background; close once it is stored."""
        if self._stored:
            super().accept()
            return
        if not self.summary_page.isComplete():  # no preview yet, or already storing
            return
        profile, goals = self.profile(), self.goals()
        self._set_writing(True)
        self.backend.mutate(
            lambda context: create_plan(context, profile, goals),
            on_done=self._plan_stored,
            on_error=self._plan_failed,
        )

    def reject(self) -> None:
        """Cancel, Escape or closing the window: leaving quits the app, so ask first."""
        if self.summary_page.is_writing:
            return  # the plan is being stored: closing now would hide whether it was
        if not self._stored and not confirm_quit(self):
            return
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
