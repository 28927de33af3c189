"""Small helpers for the window's tables and trees."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex
from PySide6.QtWidgets import QAbstractItemView


def select_row(view: QAbstractItemView, index: QModelIndex) -> None:
    """Make ``index`` the view's current index, with its row the only one selected."""
    view.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
