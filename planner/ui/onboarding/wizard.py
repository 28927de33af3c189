"""The wizard: its pages in order, the profile and goals their answers make, and Finish,
which stores the plan in the background and closes once it is stored."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget, QWizard

from planner.domain.curriculum import Curriculum
from planner.domain.model import CertificationGoal, Profile
from planner.domain.planning import DeadlineReport
from planner.services.changes import Changes
from planner.services.plans import create_plan
from planner.ui.backend import Backend
from planner.ui.formatting import certification_title
from planner.ui.onboarding.availability_page import AvailabilityPage
from planner.ui.onboarding.certification_page import CertificationPage
from planner.ui.onboarding.choice_pages import LevelPage, SpecializationPage
from planner.ui.onboarding.known_topics_page import KnownTopicsPage
from planner.ui.onboarding.summary_page import SummaryPage


def _ask(
    parent: QWidget,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    informative: str,
    choices: tuple[tuple[QMessageBox.StandardButton, str], tuple[QMessageBox.StandardButton, str]],
) -> bool:
    """A question with a yes and a no button (``choices``, each named); no is the default
    and what Escape answers. True when yes was chosen."""
    (yes, yes_text), (no, no_text) = choices
    box = QMessageBox(icon, title, text, yes | no, parent)
    box.setInformativeText(informative)
    box.button(yes).setText(yes_text)
    box.button(no).setText(no_text)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.exec()
    return box.standardButton(box.clickedButton()) == yes


def confirm_quit(parent: QWidget) -> bool:
    """Ask whether to leave the wizard, and with it the app, without a plan. Tests replace
    this."""
    return _ask(
        parent,
        QMessageBox.Icon.Question,
        "Quit Study Planner",
        "Quit without creating a plan?",
        "Your answers are not kept; the questions start again next time.",
        (
            (QMessageBox.StandardButton.Yes, "Quit"),
            (QMessageBox.StandardButton.No, "Keep setting up"),
        ),
    )


def confirm_infeasible(
    parent: QWidget, at_risk: Sequence[DeadlineReport], curriculum: Curriculum
) -> bool:
    """Ask whether to save a plan that cannot prepare for every exam in time. Tests replace
    this."""
    exams = ", ".join(certification_title(curriculum, d.certification_id) for d in at_risk)
    return _ask(
        parent,
        QMessageBox.Icon.Warning,
        "Exam Dates at Risk",
        f"This plan cannot prepare you in time for: {exams}.",
        "Save it anyway (you can change the dates later), or go back and choose later exam "
        "dates or more study time.",
        (
            (QMessageBox.StandardButton.Save, "Save anyway"),
            (QMessageBox.StandardButton.Cancel, "Go back"),
        ),
    )


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
        self.known_page = KnownTopicsPage(self.curriculum)
        self.availability_page = AvailabilityPage(backend, default_timezone)
        self.certification_page = CertificationPage(
            self.curriculum,
            backend.context.today(self.availability_page.timezone_name()),
            backend,
            self.profile,
        )
        self.summary_page = SummaryPage(self)
        for page in (
            self.level_page,
            self.specialization_page,
            self.known_page,
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
            known_topic_ids=self.known_page.known_topic_ids(),
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
        preview = self.summary_page.preview
        at_risk = [d for d in preview.report.deadlines if not d.feasible] if preview else []
        if at_risk and not confirm_infeasible(self, at_risk, self.curriculum):
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
            self.certification_page.refresh_feasibility()
