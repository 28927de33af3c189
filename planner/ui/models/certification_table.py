"""The curriculum's certifications beside the learner's goals for them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt

from planner.domain.curriculum import Certification, Curriculum
from planner.domain.model import CertificationGoal
from planner.ui.models.columns import AnyIndex, ColumnTableModel

_HEADERS = ("Certification", "Provider", "Status", "Valid for", "Your goal")


def validity_text(certification: Certification) -> str:
    months = certification.validity_months
    if months is None:
        return "No expiry"
    return f"{months // 12} years" if months % 12 == 0 and months > 12 else f"{months} months"


def goal_text(goal: CertificationGoal | None) -> str:
    if goal is None:
        return "—"
    exam = f", exam {goal.exam_date:%d %b %Y}" if goal.exam_date else ""
    return f"{goal.status.value.capitalize()}{exam}"


class CertificationTableModel(ColumnTableModel):
    def __init__(self, curriculum: Curriculum, parent: QObject | None = None) -> None:
        super().__init__(_HEADERS, parent)
        self._curriculum = curriculum
        self._goals: dict[str, CertificationGoal] = {}

    def set_data(self, curriculum: Curriculum, goals: Sequence[CertificationGoal]) -> None:
        self.beginResetModel()
        self._curriculum = curriculum
        self._goals = {goal.certification_id: goal for goal in goals}
        self.endResetModel()

    def certification_at(self, row: int) -> Certification:
        return self._curriculum.certifications[row]

    def row_count(self) -> int:
        return len(self._curriculum.certifications)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        certification = self._curriculum.certifications[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return certification.description
        values = (
            certification.title,
            certification.provider,
            certification.status.value.capitalize(),
            validity_text(certification),
            goal_text(self._goals.get(certification.id)),
        )
        return values[index.column()]
