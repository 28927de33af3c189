"""Every certification beside the learner's goal for it: its lifecycle, dates, readiness."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt

from planner.domain.certifications import GoalState
from planner.domain.curriculum import Certification
from planner.services.goals import CertificationEntry
from planner.ui.formatting import long_date
from planner.ui.models.columns import AnyIndex, ColumnTableModel

_HEADERS = ("Certification", "Offered", "Valid for", "Your goal", "Date", "Ready")

STATE_LABELS = {
    GoalState.PLANNED: "Planned",
    GoalState.PREPARING: "Preparing",
    GoalState.BOOKED: "Booked",
    GoalState.PASSED: "Passed",
    GoalState.FAILED: "Failed",
    GoalState.RENEWAL_DUE: "Renewal due",
    GoalState.EXPIRED: "Expired",
    GoalState.DROPPED: "Dropped",
}


def validity_text(certification: Certification) -> str:
    months = certification.validity_months
    if months is None:
        return "No expiry"
    return f"{months // 12} years" if months % 12 == 0 and months > 12 else f"{months} months"


def goal_text(entry: CertificationEntry) -> str:
    if entry.state is None:
        return "—"
    label = STATE_LABELS[entry.state]
    if entry.state is GoalState.BOOKED and entry.certification.is_course:
        label = "Target set"
    return f"{label} · result?" if entry.awaiting_result else label


def date_text(entry: CertificationEntry) -> str:
    """The date that matters for the goal's state: the exam (or target, or retake), the
    expiry of a pass."""
    goal, state = entry.goal, entry.state
    if goal is None or state is None:
        return ""
    if state in (GoalState.PASSED, GoalState.RENEWAL_DUE, GoalState.EXPIRED):
        if goal.expires_on is None:
            return f"Passed {long_date(goal.passed_on)}" if goal.passed_on else ""
        verb = "Expired" if state is GoalState.EXPIRED else "Expires"
        return f"{verb} {long_date(goal.expires_on)}"
    if state is GoalState.DROPPED or goal.exam_date is None:
        return ""
    label = (
        "Retake"
        if state is GoalState.FAILED
        else ("Target" if entry.certification.is_course else "Exam")
    )
    when = f" {goal.exam_time:%H:%M}" if goal.exam_time else ""
    return f"{label} {long_date(goal.exam_date)}{when}"


def readiness_text(entry: CertificationEntry) -> str:
    readiness = entry.readiness
    if readiness is None:
        return ""
    fits = {True: " · on track", False: " · at risk", None: ""}[readiness.feasible]
    return f"{readiness.percent}%{fits}"


class CertificationTableModel(ColumnTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(_HEADERS, parent)
        self._entries: tuple[CertificationEntry, ...] = ()

    def set_entries(self, entries: Sequence[CertificationEntry]) -> None:
        self.beginResetModel()
        self._entries = tuple(entries)
        self.endResetModel()

    def entry_at(self, row: int) -> CertificationEntry:
        return self._entries[row]

    def row_of(self, certification_id: str) -> int:
        return next(
            row for row, e in enumerate(self._entries) if e.certification.id == certification_id
        )

    def row_count(self) -> int:
        return len(self._entries)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        entry = self._entries[index.row()]
        certification = entry.certification
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{certification.provider}: {certification.description}"
        offered = "Yours" if certification.custom else certification.status.value.capitalize()
        values = (
            certification.title,
            offered,
            validity_text(certification),
            goal_text(entry),
            date_text(entry),
            readiness_text(entry),
        )
        return values[index.column()]
