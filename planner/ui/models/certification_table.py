"""The curriculum's certifications beside the learner's goals for them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from planner.domain.curriculum import Certification, Curriculum
from planner.domain.model import CertificationGoal

_HEADERS = ("Certification", "Provider", "Status", "Valid for", "Your goal")
_Index = QModelIndex | QPersistentModelIndex


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


class CertificationTableModel(QAbstractTableModel):
    def __init__(self, curriculum: Curriculum, parent: Any = None) -> None:
        super().__init__(parent)
        self._curriculum = curriculum
        self._goals: dict[str, CertificationGoal] = {}

    def set_data(self, curriculum: Curriculum, goals: Sequence[CertificationGoal]) -> None:
        self.beginResetModel()
        self._curriculum = curriculum
        self._goals = {goal.certification_id: goal for goal in goals}
        self.endResetModel()

    def certification_at(self, row: int) -> Certification:
        return self._curriculum.certifications[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._curriculum.certifications)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
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
