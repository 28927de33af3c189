"""Page 5: the plan the answers make, worked out off the GUI thread, and the state of
storing it once the learner presses Finish."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from planner.domain.curriculum import Curriculum
from planner.domain.model import CertificationGoal, Profile
from planner.domain.planning import PlanReport
from planner.services.plans import HORIZON_DAYS, PlanPreview, preview_plan
from planner.ui.backend import Backend
from planner.ui.formatting import (
    certification_title,
    duration,
    long_date,
    plural,
    topic_titles_html,
)
from planner.ui.onboarding.texts import (
    deadline_html,
    study_day_count,
    study_days_text,
)
from planner.ui.onboarding.widgets import page_layout, wrapped


class Answers(Protocol):
    """What the page needs from the wizard: the answers so far, and where to work."""

    @property
    def backend(self) -> Backend: ...

    @property
    def curriculum(self) -> Curriculum: ...

    def profile(self) -> Profile: ...

    def goals(self) -> tuple[CertificationGoal, ...]: ...


class SummaryPage(QWizardPage):
    """Shows what the plan would hold; the wizard stores it on Finish."""

    preview_shown = Signal()

    def __init__(self, wizard: Answers) -> None:
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

        self.error_label = wrapped()
        self.error_label.setAccessibleName("Problem")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()

        self.choices_label = wrapped()
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
        self.deadlines_label = wrapped()
        self.deadlines_label.setAccessibleName("Exam goals")
        self.deadlines_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.warnings_label = wrapped()
        self.warnings_label.setAccessibleName("Warnings")
        self.pulled_in_label = wrapped()
        self.pulled_in_label.setAccessibleName("Topics from other specializations")

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
        results_layout.addWidget(self.pulled_in_label)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.choices_label)
        layout.addWidget(self.busy)
        layout.addWidget(self.error_label)
        layout.addWidget(self.results)
        layout.addStretch()
        page_layout(self, content)

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
        self.warnings_label.setText(self._warnings_html(preview))
        self.warnings_label.setVisible(bool(report.unplaceable_topic_ids))
        self.deadlines_label.setText(self._deadlines_html(report))
        self.pulled_in_label.setText(self._pulled_in_html(preview))
        self.pulled_in_label.setVisible(bool(preview.pulled_in))
        self.results.show()

    def _deadlines_html(self, report: PlanReport) -> str:
        curriculum = self._wizard.curriculum
        blocks = [f"<p>{deadline_html(curriculum, d)}</p>" for d in report.deadlines]
        with_dates = {d.certification_id for d in report.deadlines}
        for goal in self._wizard.goals():
            if goal.certification_id not in with_dates:
                title = html.escape(certification_title(curriculum, goal.certification_id))
                reason = (
                    "the exam date is before the plan starts"
                    if goal.exam_date is not None
                    else "no exam date yet"
                )
                blocks.append(
                    f"<p><b>{title}</b>: {reason}, so the plan does not schedule for it.</p>"
                )
        if not blocks:
            return (
                "No exam goals. Certification goals are chosen here only: go Back to add one "
                "before you finish."
            )
        return "".join(blocks)

    def _warnings_html(self, preview: PlanPreview) -> str:
        unplaced = preview.report.unplaceable_topic_ids
        if not unplaced:
            return ""
        titles = topic_titles_html(self._wizard.curriculum, unplaced, at_most=8)
        least = preview.least_weekly_minutes
        fix = (
            f"Go Back and give at least <b>{duration(least)} a week</b> to finish it."
            if least is not None
            else "Go Back and choose fewer topics or more study days."
        )
        return (
            f"<b>This plan cannot finish within {HORIZON_DAYS // 365} years:</b> "
            f"{plural(len(unplaced), 'topic')} would not fit ({titles}). {fix}"
        )

    def _pulled_in_html(self, preview: PlanPreview) -> str:
        """Why topics of specializations the learner did not choose are in the plan."""
        curriculum = self._wizard.curriculum
        sentences = [
            f"The <b>{html.escape(certification_title(curriculum, certification_id))}</b> "
            f"exam needs {topic_titles_html(curriculum, topic_ids)} from other specializations' "
            "tracks, so the plan includes them."
            for certification_id, topic_ids in preview.pulled_in
        ]
        return " ".join(sentences)

    def _choices_html(self, profile: Profile, goals: Sequence[CertificationGoal]) -> str:
        curriculum = self._wizard.curriculum
        level = curriculum.career_level(profile.level).title
        specializations = ", ".join(
            curriculum.specialization(s).title for s in profile.specializations
        )
        days = study_day_count(profile.availability)
        return (
            f"<b>{html.escape(level)}</b>, specializing in {html.escape(specializations)}.<br>"
            f"{duration(profile.availability.weekly_minutes)} a week over "
            f"{study_days_text(days)}, from {long_date(profile.start_date)} "
            f"({html.escape(profile.timezone)}); sessions of at most "
            f"{duration(profile.max_session_minutes)}; mock interview practice "
            f"{'included' if profile.include_interview_prep else 'left out'}."
        )

    # Writing ---------------------------------------------------------------------------

    @property
    def is_writing(self) -> bool:
        return self._writing

    def set_writing(self, writing: bool) -> None:
        self._writing = writing
        if writing:
            self._show_error(None)
            self._set_busy(True, "Saving your plan…")
        else:
            self._set_busy(False)
        self.completeChanged.emit()

    def write_failed(self, error: Exception) -> None:
        """Show why the plan was not stored (the wizard has already ended the writing)."""
        self._show_error(f"Your plan could not be saved: {error}")

    def isComplete(self) -> bool:
        """A plan can be saved once worked out, unless it cannot finish (then it would be
        refused: the page says what weekly time would do)."""
        preview = self._preview
        return (
            preview is not None and not preview.report.unplaceable_topic_ids and not self._writing
        )

    def _set_busy(self, busy: bool, text: str = "") -> None:
        if text:
            self.busy_label.setText(text)
        self.busy.setVisible(busy)

    def _show_error(self, message: str | None) -> None:
        self.error_label.setVisible(message is not None)
        self.error_label.setText(f"<b>{html.escape(message)}</b>" if message else "")
