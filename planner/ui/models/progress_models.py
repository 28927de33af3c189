"""Progress shares (per skill group, per career level) as a table model."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QObject, Qt

from planner.domain.progress import Share
from planner.ui.formatting import duration
from planner.ui.models.columns import AnyIndex, ColumnTableModel

FRACTION_ROLE = Qt.ItemDataRole.UserRole + 1  # the share done, 0.0 to 1.0


class ShareColumn(IntEnum):
    NAME = 0
    PROGRESS = 1
    TIME = 2


def hours_text(minutes: int) -> str:
    """Hours for a table cell: whole when round, else one decimal."""
    hours = minutes / 60
    return f"{hours:.0f}" if hours == int(hours) else f"{hours:.1f}"


def share_summary(share: Share) -> str:
    return (
        f"{share.title}: {duration(share.done_minutes)} of {duration(share.planned_minutes)} "
        f"done ({share.percent_text})"
    )


class ShareTableModel(ColumnTableModel):
    """One row per share: its title, the percentage done (drawn as a bar by the view) and
    the hours done of those planned. Read-only; replaced whole by :meth:`set_shares`."""

    def __init__(self, name_header: str, parent: QObject | None = None) -> None:
        super().__init__((name_header, "Done", "Hours"), parent)
        self._shares: tuple[Share, ...] = ()

    def set_shares(self, shares: Sequence[Share]) -> None:
        self.beginResetModel()
        self._shares = tuple(shares)
        self.endResetModel()

    def share_at(self, row: int) -> Share:
        return self._shares[row]

    def row_count(self) -> int:
        return len(self._shares)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._shares):
            return None
        share = self._shares[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == ShareColumn.NAME:
                return share.title
            if column == ShareColumn.PROGRESS:
                return share.percent_text
            if column == ShareColumn.TIME:
                return f"{hours_text(share.done_minutes)} / {hours_text(share.planned_minutes)} h"
        elif role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return share_summary(share)
        elif role == Qt.ItemDataRole.TextAlignmentRole and column != ShareColumn.NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        elif role == FRACTION_ROLE:
            return share.fraction
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
