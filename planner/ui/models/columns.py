"""What the window's item models share: one fixed title per column, and flat tables whose
rows have no children."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

AnyIndex = QModelIndex | QPersistentModelIndex


def header_title(
    titles: Sequence[str], section: int, orientation: Qt.Orientation, role: int
) -> str | None:
    """A column's title for ``headerData``: horizontal headers only, nothing for other
    roles or sections out of range."""
    if (
        orientation is Qt.Orientation.Horizontal
        and role == Qt.ItemDataRole.DisplayRole
        and 0 <= section < len(titles)
    ):
        return titles[section]
    return None


class ColumnTableModel(QAbstractTableModel):
    """A flat table with a fixed title per column. Subclasses give the number of rows
    (:meth:`row_count`) and the cells (``data``)."""

    def __init__(self, titles: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._titles = tuple(titles)

    def row_count(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.row_count()

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._titles)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return header_title(self._titles, section, orientation, role)
