"""Small helpers for the window's tables and trees."""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, QModelIndex
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTreeView

_NARROWEST_CHARACTERS = 6  # no column gets narrower than this many average characters


def select_row(view: QAbstractItemView, index: QModelIndex) -> None:
    """Make ``index`` the view's current index, with its row the only one selected."""
    view.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def fit_columns(view: QTableView | QTreeView, *, stretch: Collection[int]) -> None:
    """Size the columns from their content and the font: the ``stretch`` columns (long
    text) share the room the others leave, and the others fit their content and header.
    Call once the view has its model."""
    header = view.horizontalHeader() if isinstance(view, QTableView) else view.header()
    header.setStretchLastSection(False)
    header.setMinimumSectionSize(_NARROWEST_CHARACTERS * view.fontMetrics().averageCharWidth())
    for column in range(view.model().columnCount()):
        mode = (
            QHeaderView.ResizeMode.Stretch
            if column in stretch
            else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(column, mode)


def row_table(model: QAbstractItemModel, name: str, *, stretch: Collection[int]) -> QTableView:
    """A read-only table of whole rows, one selected at a time: the ``stretch`` columns
    share the spare width, the others take their contents' width."""
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    fit_columns(table, stretch=stretch)
    return table
