"""Page 3: the topics the learner already knows, ticked by group or one by one, so the
plan leaves them out."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from planner.domain.curriculum import Curriculum
from planner.ui.formatting import plural
from planner.ui.models.curriculum_tree import Column, CurriculumTreeModel
from planner.ui.onboarding.widgets import wrapped


class KnownTopicsPage(QWizardPage):
    def __init__(self, curriculum: Curriculum, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("What you already know (optional)")
        self.setSubTitle(
            "Tick the topics you already know, a whole group at once or one by one: the plan "
            "leaves them out and starts with what is new to you."
        )
        self._curriculum = curriculum
        self._known: set[str] = set()
        self.model = CurriculumTreeModel(curriculum, self, groups_checkable=True)
        self.model.known_change_requested.connect(self._set_known)
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Topics you already know")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        for column in (Column.LEVEL, Column.STATUS):
            self.view.setColumnHidden(column, True)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.TOPIC, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.HOURS, QHeaderView.ResizeMode.ResizeToContents)

        self.select_all_button = QPushButton("Select all")
        self.select_all_button.setToolTip("Mark every topic as known")
        self.select_all_button.clicked.connect(lambda: self._set_all(True))
        self.clear_button = QPushButton("Clear")
        self.clear_button.setToolTip("Mark no topic as known")
        self.clear_button.clicked.connect(lambda: self._set_all(False))
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Topics marked as known")
        buttons = QHBoxLayout()
        buttons.addWidget(self.select_all_button)
        buttons.addWidget(self.clear_button)
        buttons.addSpacing(12)
        buttons.addWidget(self.count_label, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapped("Space ticks the selected group or topic; the arrow keys open a group.")
        )
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self._show_count()

    def known_topic_ids(self) -> frozenset[str]:
        return frozenset(self._known)

    def _set_known(self, topic_id: str, known: bool) -> None:
        if known:
            self._known.add(topic_id)
        else:
            self._known.discard(topic_id)
        self.model.set_known(self._known)
        self._show_count()

    def _set_all(self, known: bool) -> None:
        self._known = {t.id for t in self._curriculum.topics} if known else set()
        self.model.set_known(self._known)
        self._show_count()

    def _show_count(self) -> None:
        count = len(self._known)
        self.count_label.setText(
            f"{plural(count, 'topic')} known: left out of the plan"
            if count
            else "No topic marked as known."
        )
