"""Certifications: what each one is, whether it is still offered, and the learner's goals."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.domain.curriculum import Certification, Curriculum
from planner.domain.model import CertificationGoal
from planner.services.goals import list_goals
from planner.ui.backend import Backend
from planner.ui.formatting import link_html
from planner.ui.models.certification_table import CertificationTableModel, validity_text
from planner.ui.widgets.headings import make_heading
from planner.ui.widgets.item_views import fit_columns
from planner.ui.widgets.link_label import LinkLabel


class CertificationsView(QWidget):
    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        self.model = CertificationTableModel(backend.context.curriculum, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Certifications")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        fit_columns(self.table, stretch=(0, 1))  # certification and provider
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
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(details_scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([700, 450])
        layout = QVBoxLayout(self)
        heading = QLabel("Certifications")
        make_heading(heading)
        layout.addWidget(heading)
        layout.addWidget(splitter, 1)
        self.table.selectionModel().currentRowChanged.connect(self._show)
        backend.changed.connect(lambda _changes: self.reload())
        backend.curriculum_changed.connect(lambda _curriculum: self.reload())

    def reload(self) -> None:
        self._backend.query(list_goals, self._set_goals)

    def _set_goals(self, goals: list[CertificationGoal]) -> None:
        self.model.set_data(self._backend.context.curriculum, goals)
        if self.model.rowCount():
            self.table.selectRow(0)

    def _show(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            certification = self.model.certification_at(current.row())
            self.details.setText(
                certification_html(certification, self._backend.context.curriculum)
            )


def certification_html(certification: Certification, curriculum: Curriculum) -> str:
    facts = "".join(
        f"<li>{html.escape(fact.text)} <i>({fact.confidence.value})</i></li>"
        for fact in certification.facts
    )
    topics = ", ".join(html.escape(curriculum.topic(t).title) for t in certification.topic_ids)
    link = f"<p>{link_html(certification.url, 'Official page')}</p>" if certification.url else ""
    successor = (
        f"<p><b>Successor:</b> {html.escape(certification.successor)}</p>"
        if certification.successor
        else ""
    )
    return (
        f"<h3>{html.escape(certification.title)}</h3>"
        f"<p>{html.escape(certification.provider)} · {certification.status.value} · "
        f"{validity_text(certification)}</p>"
        f"<p>{html.escape(certification.description)}</p>{successor}"
        f"<p><b>Prepared by:</b> {topics}</p>"
        f"<p><b>What is known (as of {certification.as_of:%d %B %Y}):</b></p><ul>{facts}</ul>{link}"
    )
