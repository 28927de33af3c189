"""Small helpers for the window's tables and trees."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, QModelIndex
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def select_row(view: QAbstractItemView, index: QModelIndex) -> None:
    """Make ``index`` the view's current index, with its row the only one selected."""
    view.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def row_table(
    model: QAbstractItemModel, name: str, *, stretch: int, fitted: tuple[int, ...]
) -> QTableView:
    """A read-only table of whole rows, one selected at a time: column ``stretch`` takes
    the spare width, the ``fitted`` columns their contents' width."""
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    for column in fitted:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return table
