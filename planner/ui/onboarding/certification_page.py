"""Page 4: the certifications the learner aims for, with exam dates, and what is known
about the one selected."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from planner.domain.curriculum import Curriculum
from planner.domain.model import CertificationGoal, Profile
from planner.services.plans import ExamOutlook, exam_outlook
from planner.ui.backend import Backend
from planner.ui.onboarding.certification_goals import (
    CertificationGoalsModel,
    ExamDateDelegate,
    GoalColumn,
)
from planner.ui.onboarding.texts import certification_details_html, deadline_html
from planner.ui.onboarding.widgets import wrapped
from planner.ui.widgets.scrolling import scrolling


class CertificationPage(QWizardPage):
    """Exam dates start at the earliest the preparation can be ready for, and whether each
    chosen date works is shown as it changes, worked out off the GUI thread."""

    feasibility_shown = Signal()

    def __init__(
        self,
        curriculum: Curriculum,
        first_day: date,
        backend: Backend,
        profile: Callable[[], Profile],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._curriculum = curriculum
        self._backend = backend
        self._profile = profile
        self._generation = 0
        self.setTitle("Certification goals (optional)")
        self.setSubTitle(
            "Tick the certifications you are aiming for. With an exam date, the plan puts "
            "their preparation first so it is done a few days before the exam."
        )
        self.model = CertificationGoalsModel(curriculum.certifications, first_day, self)
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
        self.view.resizeColumnToContents(GoalColumn.CERTIFICATION)
        self.view.setColumnWidth(
            GoalColumn.CERTIFICATION,
            min(self.view.columnWidth(GoalColumn.CERTIFICATION) + 16, 320),
        )
        # Room for the longest date and the date field's calendar button.
        date_width = self.view.fontMetrics().horizontalAdvance("Wed 30 Sep 2026")
        self.view.setColumnWidth(GoalColumn.EXAM_DATE, date_width + 48)
        # Rows keep one height, room for two lines of text or a date field: sized to their
        # contents they jumped in height when a box was ticked, and the next click missed.
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(2 * self.view.fontMetrics().lineSpacing() + 14)
        self.view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_details(current.row())
        )
        self.model.dataChanged.connect(lambda top_left, *_: self._make_current(top_left.row()))

        hint = wrapped(
            "Space ticks a certification; F2 or a double-click on its date opens a date "
            "field, set to the earliest exam date your plan can prepare for (its arrow "
            "button shows a calendar)."
        )
        self.feasibility = wrapped()
        self.feasibility.setAccessibleName("Whether the exam dates work")
        self.model.goals_changed.connect(self.refresh_feasibility)
        self.details = wrapped()
        self.details.setOpenExternalLinks(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setAccessibleName("About the selected certification")
        details_box = QGroupBox("About this certification")
        details_layout = QVBoxLayout(details_box)
        details_layout.addWidget(scrolling(self.details))

        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)
        layout.addWidget(self.feasibility)
        layout.addWidget(details_box, 1)
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, GoalColumn.CERTIFICATION))

    def goals(self) -> tuple[CertificationGoal, ...]:
        return self.model.goals()

    def refresh_feasibility(self) -> None:
        """Work out, off the GUI thread, the earliest exam date each certification's
        preparation can be ready for, and whether the chosen dates work."""
        self._generation += 1
        generation = self._generation
        profile, goals = self._profile(), self.model.goals()
        certifications = [
            c.id
            for row, c in enumerate(self._curriculum.certifications)
            if self.model.is_available(row)
        ]
        curriculum = self._curriculum
        today = self.model.minimum_date
        self.feasibility.setText("Checking your exam dates…" if goals else "")
        self._backend.query(
            lambda _context: exam_outlook(curriculum, profile, goals, certifications, today),
            lambda outlook: self._show_feasibility(generation, outlook),
            lambda error: self._feasibility_failed(generation, error),
        )

    def _show_feasibility(self, generation: int, outlook: ExamOutlook) -> None:
        if generation != self._generation:
            return
        self.model.set_suggested_dates(outlook.earliest)
        blocks = [f"<p>{deadline_html(self._curriculum, d)}</p>" for d in outlook.deadlines]
        self.feasibility.setText("".join(blocks))
        self.feasibility_shown.emit()

    def _feasibility_failed(self, generation: int, error: Exception) -> None:
        if generation == self._generation:
            self.feasibility.setText(html.escape(f"The exam dates could not be checked: {error}"))

    def _make_current(self, row: int) -> None:
        """A row just ticked or dated becomes the current one, so the details describe it."""
        if row != self.view.currentIndex().row():
            self.view.selectionModel().setCurrentIndex(
                self.model.index(row, GoalColumn.CERTIFICATION),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _show_details(self, row: int) -> None:
        if row < 0:
            self.details.setText("")
            return
        self.details.setText(certification_details_html(self.model.certification_at(row)))
