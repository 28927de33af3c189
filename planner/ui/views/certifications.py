"""Certifications: what each one is, whether it is still offered, and the learner's goal for
it from booking to renewal, with the actions that move a goal along."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.domain.certifications import AWAITING_STATUSES, GoalState, renewal_opens
from planner.domain.curriculum import CertificationStatus, Curriculum
from planner.domain.model import GoalStatus
from planner.services import goals
from planner.services.changes import Changes
from planner.services.context import AppContext
from planner.services.goals import CertificationEntry, CertificationOverview
from planner.ui import certification_dialogs as dialogs
from planner.ui.backend import Backend
from planner.ui.formatting import link_html, long_date
from planner.ui.models.certification_table import (
    CertificationTableModel,
    date_text,
    goal_text,
    readiness_text,
    validity_text,
)
from planner.ui.widgets.flow_layout import FlowLayout
from planner.ui.widgets.headings import make_heading
from planner.ui.widgets.item_views import fit_columns
from planner.ui.widgets.link_label import LinkLabel

_QUESTION_STYLE = (
    "QFrame#examQuestion { background: rgba(255, 170, 0, 0.16);"
    " border: 1px solid rgba(214, 130, 0, 0.75); border-radius: 6px; }"
)


class CertificationsView(QWidget):
    results_awaited = Signal(int)
    """After a reload: how many exams passed without a recorded result (0 when none)."""

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        self.overview: CertificationOverview | None = None
        self.model = CertificationTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Certifications")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        fit_columns(self.table, stretch=(0,))  # the certification's title
        self.table.setWordWrap(True)
        self.setFocusProxy(self.table)
        self.details = LinkLabel("Certification links")
        self.details.setOpenExternalLinks(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setContentsMargins(8, 0, 8, 0)
        details_scroll = QScrollArea()
        # Read by scrolling: a named Tab stop (see planner.ui.accessibility).
        details_scroll.setAccessibleName("Certification details")
        details_scroll.setWidgetResizable(True)
        details_scroll.setWidget(self.details)
        details_scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.book_button = self._button("&Book Exam…", "Book or move the exam", self.book)
        self.pass_button = self._button("Record &Pass…", "Record a pass", self.record_pass)
        self.fail_button = self._button("Record &Fail…", "Record a failed exam", self.record_fail)
        self.drop_button = self._button("&Drop Goal", "Drop the goal", self.drop)
        self.add_button = self._button(
            "&Add Your Own…", "Add a certification of your own", self.add_custom
        )
        # The buttons wrap onto more rows when a large font leaves no room for one.
        actions = FlowLayout()
        for button in (
            self.book_button,
            self.pass_button,
            self.fail_button,
            self.drop_button,
            self.add_button,
        ):
            actions.addWidget(button)
        self.message = QLabel()
        self.message.setAccessibleName("What changed")
        self.message.setWordWrap(True)

        self.question = QFrame()
        self.question.setObjectName("examQuestion")
        self.question.setStyleSheet(_QUESTION_STYLE)
        self.question_label = QLabel()
        self.question_label.setWordWrap(True)
        self.question_label.setAccessibleName("Exam results to record")
        self.answer_button = self._button(
            "&Record Result…", "Record what happened at the exam", self.answer_question
        )
        question_layout = QHBoxLayout(self.question)
        question_layout.setContentsMargins(12, 8, 12, 8)
        question_layout.addWidget(self.question_label, 1)
        question_layout.addWidget(self.answer_button)
        self.question.hide()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(actions)
        left_layout.addWidget(self.message)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(details_scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([700, 450])
        layout = QVBoxLayout(self)
        heading = QLabel("Certifications")
        make_heading(heading)
        layout.addWidget(heading)
        layout.addWidget(self.question)
        layout.addWidget(splitter, 1)
        self.table.selectionModel().currentRowChanged.connect(self._show)
        backend.changed.connect(lambda _changes: self.reload())
        backend.curriculum_changed.connect(lambda _curriculum: self.reload())
        self._update_actions(None)

    def _button(self, text: str, description: str, slot: Callable[[], None]) -> QPushButton:
        """A button announced by its text, then ``description``."""
        button = QPushButton()
        _set_button_text(button, text)
        button.setAccessibleDescription(description)
        button.clicked.connect(slot)
        return button

    # Loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        self._backend.query(goals.certification_overview, self._set_overview)

    def _set_overview(self, overview: CertificationOverview) -> None:
        selected = self.selected()
        self.overview = overview
        self.model.set_entries(overview.entries)
        if self.model.rowCount():
            # The same certification again, else the first goal (or the first row).
            rows = [r for r, e in enumerate(overview.entries) if e.goal is not None] or [0]
            row = rows[0] if selected is None else self.model.row_of(selected.certification.id)
            self.table.selectRow(row)
        self._show_question(overview)
        self.results_awaited.emit(len(overview.awaiting_results))

    def _show_question(self, overview: CertificationOverview) -> None:
        awaiting = overview.awaiting_results
        if not awaiting:
            self.question.hide()
            return
        lines = []
        for entry in awaiting:
            assert entry.goal is not None
            assert entry.goal.exam_date is not None
            what = "target date" if entry.certification.is_course else "exam"
            lines.append(
                f"Your {what} for <b>{html.escape(entry.certification.title)}</b> was on "
                f"{long_date(entry.goal.exam_date)}: what happened?"
            )
        lines.append(
            "Until you say, its unfinished preparation stays in the plan, after every exam "
            "still ahead."
        )
        self.question_label.setText("<br>".join(lines))
        self.question.show()

    def selected(self) -> CertificationEntry | None:
        index = self.table.currentIndex()
        return self.model.entry_at(index.row()) if index.isValid() else None

    def _show(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self.model.entry_at(current.row()) if current.isValid() else None
        self._update_actions(entry)
        if entry is not None and self.overview is not None:
            self.details.setText(certification_html(entry, self.overview.curriculum))

    def _update_actions(self, entry: CertificationEntry | None) -> None:
        goal = entry.goal if entry is not None else None
        active = goal is not None and goal.status is not GoalStatus.DROPPED
        bookable = (
            entry is not None and entry.certification.status is not CertificationStatus.RETIRED
        )
        self.book_button.setEnabled(bookable)
        course = entry is not None and entry.certification.is_course
        booked = (
            goal is not None and goal.exam_date is not None and goal.status in (AWAITING_STATUSES)
        )
        if course:
            _set_button_text(self.book_button, "Set &Target Date…")
        else:
            _set_button_text(self.book_button, "&Move Exam…" if booked else "&Book Exam…")
        _set_button_text(self.pass_button, "Record &Completion…" if course else "Record &Pass…")
        self.pass_button.setEnabled(entry is not None)
        self.fail_button.setEnabled(entry is not None and not course)
        self.drop_button.setEnabled(active)

    # Actions -----------------------------------------------------------------------------

    def book(self) -> None:
        entry, today = self._current()
        if entry is None:
            return
        goal = entry.goal
        current = goal.exam_date if goal is not None and goal.exam_date else None
        booking = dialogs.ask_booking(
            self, entry.certification, current if current and current >= today else None, today
        )
        if booking is not None:
            cid = entry.certification.id
            self._mutate(lambda c: goals.book_exam(c, cid, booking.exam_date, booking.exam_time))

    def record_pass(self) -> None:
        entry, today = self._current()
        if entry is None:
            return
        record = dialogs.ask_pass(self, entry.certification, _default_day(entry, today), today)
        if record is not None:
            cid = entry.certification.id
            self._mutate(
                lambda c: goals.record_pass(
                    c, cid, record.passed_on, record.credential, record.expires_on
                )
            )

    def record_fail(self) -> None:
        entry, today = self._current()
        if entry is None:
            return
        record = dialogs.ask_fail(self, entry.certification, _default_day(entry, today), today)
        if record is not None:
            cid = entry.certification.id
            self._mutate(lambda c: goals.record_fail(c, cid, record.failed_on, record.retake_on))

    def drop(self) -> None:
        entry, _today = self._current()
        if entry is None or not dialogs.confirm_drop(self, entry.certification):
            return
        cid = entry.certification.id
        self._mutate(lambda c: goals.drop_goal(c, cid))

    def add_custom(self) -> None:
        topics = self._backend.context.curriculum.topics
        request = dialogs.ask_custom_certification(self, topics)
        if request is not None:
            self._mutate(lambda c: goals.add_custom_certification(c, request))

    def answer_question(self) -> None:
        """Ask about the first exam awaiting a result, then do what the answer says."""
        if self.overview is None or not self.overview.awaiting_results:
            return
        entry = self.overview.awaiting_results[0]
        assert entry.goal is not None
        assert entry.goal.exam_date is not None
        self.table.selectRow(self.model.row_of(entry.certification.id))
        outcome = dialogs.ask_exam_outcome(self, entry.certification, entry.goal.exam_date)
        actions = {
            dialogs.ExamOutcome.PASSED: self.record_pass,
            dialogs.ExamOutcome.FAILED: self.record_fail,
            dialogs.ExamOutcome.MOVED: self.book,
            dialogs.ExamOutcome.DROPPED: self.drop,
        }
        if outcome is not None:
            actions[outcome]()

    def _current(self) -> tuple[CertificationEntry | None, date]:
        today = self.overview.today if self.overview is not None else date.today()
        return self.selected(), today

    def _mutate(self, work: Callable[[AppContext], Changes]) -> None:
        self.message.setText("Saving…")
        self._backend.mutate(work, self._saved, self._refused)

    def _saved(self, changes: Changes) -> None:
        self.message.setText(changes.moves.text() if changes.moves is not None else "Saved.")

    def _refused(self, error: Exception) -> None:
        if not isinstance(error, ValueError):
            self._backend.error.emit(error)
            return
        self.message.setText(f"Not saved: {error}")


def _default_day(entry: CertificationEntry, today: date) -> date:
    """The exam date, if it has passed; else today."""
    goal = entry.goal
    if goal is not None and goal.exam_date is not None and goal.exam_date <= today:
        return goal.exam_date
    return today


def certification_html(entry: CertificationEntry, curriculum: Curriculum) -> str:
    certification = entry.certification
    facts = "".join(
        f"<li>{html.escape(fact.text)} <i>({fact.confidence.value}"
        f"{': ' + html.escape(fact.source) if fact.source else ''})</i></li>"
        for fact in certification.facts
    )
    topics = ", ".join(
        html.escape(curriculum.topic(t).title)
        for t in certification.topic_ids
        if curriculum.has_topic(t)
    )
    link = f"<p>{link_html(certification.url, 'Official page')}</p>" if certification.url else ""
    successor = (
        f"<p><b>Successor:</b> {html.escape(certification.successor)}</p>"
        if certification.successor
        else ""
    )
    offered = "added by you" if certification.custom else certification.status.value
    kind = "course certificate" if certification.is_course else "exam"
    known = (
        f"<p><b>What is known (as of {certification.as_of:%d %B %Y}):</b></p><ul>{facts}</ul>"
        if facts
        else ""
    )
    return (
        f"<h3>{html.escape(certification.title)}</h3>"
        f"<p>{html.escape(certification.provider)} · {kind} · {offered} · "
        f"{validity_text(certification)}</p>"
        f"{goal_html(entry)}"
        f"<p>{html.escape(certification.description)}</p>{successor}"
        f"<p><b>Prepared by:</b> {topics}</p>{known}{link}"
    )


def goal_html(entry: CertificationEntry) -> str:
    """The learner's goal: its state, dates, readiness and what comes next."""
    goal, state = entry.goal, entry.state
    if goal is None or state is None:
        return "<p><b>Your goal:</b> none yet.</p>"
    lines = [f"<b>Your goal:</b> {html.escape(goal_text(entry))}"]
    when = date_text(entry)
    if when:
        lines.append(html.escape(when))
    if goal.failed_on is not None and state is GoalState.FAILED:
        lines.append(f"Failed attempt on {long_date(goal.failed_on)}")
    if goal.passed_on is not None and state in (GoalState.RENEWAL_DUE, GoalState.EXPIRED):
        lines.append(f"Passed {long_date(goal.passed_on)}")
    if state is GoalState.PASSED and goal.expires_on is not None:
        opens = renewal_opens(goal.expires_on, entry.certification)
        if opens is not None:
            lines.append(f"Renewal opens {long_date(opens)}")
    if goal.credential:
        lines.append(f"Credential: {html.escape(goal.credential)}")
    ready = readiness_text(entry)
    if ready and entry.readiness is not None:
        lines.append(
            f"Preparation {html.escape(ready)} "
            f"({entry.readiness.done_minutes // 60} of "
            f"{(entry.readiness.done_minutes + entry.readiness.open_minutes) // 60} h done)"
        )
    return "<p>" + "<br>".join(lines) + "</p>"


def _set_button_text(button: QPushButton, text: str) -> None:
    """Show ``text`` and announce it (without its mnemonic and ellipsis) as the name."""
    button.setText(text)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
