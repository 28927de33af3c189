"""Curriculum: every topic by group, searchable, with its details; mark topics you know and
load a curriculum file of your own."""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from planner.domain.curriculum import CertificationStatus, Curriculum, Group, Topic
from planner.domain.curriculum_file import CurriculumError
from planner.domain.model import Profile
from planner.services import plans, topics
from planner.services.bootstrap import load_active_curriculum, uses_custom_curriculum
from planner.services.changes import Changes
from planner.services.context import AppContext
from planner.services.curricula import install_custom_curriculum, remove_custom_curriculum
from planner.ui.backend import Backend
from planner.ui.formatting import (
    describe_report,
    duration,
    link_html,
    resources_html,
    section_title,
)
from planner.ui.models.curriculum_tree import (
    SEARCH_ROLE,
    Column,
    CurriculumTreeModel,
    hours_text,
)
from planner.ui.widgets.headings import make_heading
from planner.ui.widgets.item_views import fit_columns, select_row
from planner.ui.widgets.link_label import LinkLabel

_TOPIC_LINK = "topic:"
_ERROR_STYLE = (
    "QFrame#curriculumError { border: 1px solid #c0392b; border-radius: 4px;"
    " background: rgba(192, 57, 43, 0.10); }"
)


def choose_curriculum_file(parent: QWidget) -> Path | None:
    """Ask for a curriculum file to load; None when cancelled. Tests replace this."""
    name, _filter = QFileDialog.getOpenFileName(
        parent,
        "Load Curriculum File",
        str(Path.home()),
        "Curriculum files (*.yaml *.yml);;All files (*)",
    )
    return Path(name) if name else None


def _use_builtin(data_dir: Path, now: datetime) -> Curriculum:
    """Forget the learner's own curriculum file and load the bundled one."""
    remove_custom_curriculum(data_dir, now=now)
    return load_active_curriculum(data_dir)


def _learner_state(context: AppContext) -> tuple[Profile | None, dict[str, tuple[int, int]]]:
    return plans.load_profile(context), topics.topic_progress(context)


class CurriculumView(QWidget):
    def __init__(self, backend: Backend, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        self._data_dir = data_dir
        self._has_profile = False
        self._loading_file = False
        self._own_file_unreadable = False  # the built-in curriculum stands in for it
        self.model = CurriculumTreeModel(backend.context.curriculum, self)
        self.model.known_change_requested.connect(self.set_known)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setAutoAcceptChildRows(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.proxy.setFilterKeyColumn(Column.TOPIC)

        self.title_label = QLabel()
        make_heading(self.title_label)
        self.title_label.setTextFormat(Qt.TextFormat.RichText)
        self.source_label = QLabel()
        self.source_label.setTextFormat(Qt.TextFormat.PlainText)
        self.source_label.setWordWrap(True)
        self.source_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.load_button = QPushButton("Load curriculum file…")
        self.load_button.setToolTip("Use a curriculum file of your own (YAML, Ctrl+O)")
        self.load_button.clicked.connect(self.load_custom_curriculum)
        self.builtin_button = QPushButton("Use the built-in curriculum")
        self.builtin_button.setToolTip("Go back to the curriculum that comes with the app")
        self.builtin_button.clicked.connect(self.use_builtin_curriculum)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title_label)
        titles.addWidget(self.source_label)
        header.addLayout(titles, 1)
        header.addWidget(self.load_button)
        header.addWidget(self.builtin_button)

        self.error_panel = self._build_error_panel()
        self.notice_label = QLabel()
        self.notice_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_label.setWordWrap(True)
        self.notice_label.hide()

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search topics (Ctrl+F)")
        self.search.setAccessibleName("Search topics")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.set_filter)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)
        self.setFocusProxy(self.search)

        self.tree = self._build_tree()
        self.details = self._build_details()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.tree, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([3000, 2000])  # shares, not pixels: the topics get three fifths
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.error_panel)
        layout.addWidget(self.notice_label)
        layout.addWidget(splitter, 1)

        backend.changed.connect(self._on_changed)
        backend.curriculum_changed.connect(self._on_curriculum_changed)
        self._show_curriculum_title()
        self._show_selection(QModelIndex())

    # Building --------------------------------------------------------------------------

    def _build_error_panel(self) -> QFrame:
        panel = QFrame()
        panel.setObjectName("curriculumError")
        panel.setStyleSheet(_ERROR_STYLE)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.RichText)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setAccessibleName("Curriculum file error")
        dismiss = QPushButton("Dismiss")
        dismiss.clicked.connect(panel.hide)
        layout = QHBoxLayout(panel)
        layout.addWidget(self.error_label, 1)
        layout.addWidget(dismiss, 0, Qt.AlignmentFlag.AlignTop)
        panel.hide()
        return panel

    def _build_tree(self) -> QTreeView:
        tree = QTreeView()
        tree.setModel(self.proxy)
        tree.setAccessibleName("Curriculum topics")
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.setAlternatingRowColors(True)
        tree.setUniformRowHeights(True)
        fit_columns(tree, stretch=(Column.TOPIC,))
        tree.selectionModel().currentChanged.connect(
            lambda current, _previous: self._show_selection(current)
        )
        tree.expandAll()
        return tree

    def _build_details(self) -> QScrollArea:
        body = QWidget()
        layout = QVBoxLayout(body)
        self.detail_title = QLabel()
        make_heading(self.detail_title, section=True)
        self.detail_title.setTextFormat(Qt.TextFormat.RichText)
        self.detail_title.setWordWrap(True)
        self.detail_meta = QLabel()
        self.detail_meta.setTextFormat(Qt.TextFormat.RichText)
        self.detail_meta.setWordWrap(True)
        self.known_checkbox = QCheckBox("I already know this: leave it out of my plan")
        self.known_checkbox.clicked.connect(self._known_clicked)
        self.detail_status = QLabel()
        self.detail_status.setTextFormat(Qt.TextFormat.PlainText)
        self.detail_status.setWordWrap(True)
        self.detail_description = QLabel()
        self.detail_description.setTextFormat(Qt.TextFormat.RichText)
        self.detail_description.setWordWrap(True)
        self.detail_description.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.detail_prerequisites = LinkLabel("Prerequisites")
        self.detail_prerequisites.linkActivated.connect(self._link_activated)
        self.detail_specializations = LinkLabel("Specializations")
        self.detail_resources = LinkLabel("Resources")
        self.detail_resources.setOpenExternalLinks(True)
        self.detail_certifications = LinkLabel("Prepares for")
        self.detail_certifications.setOpenExternalLinks(True)

        layout.addWidget(self.detail_title)
        layout.addWidget(self.detail_meta)
        layout.addWidget(self.known_checkbox)
        layout.addWidget(self.detail_status)
        layout.addSpacing(4)
        layout.addWidget(self.detail_description)
        self._sections: list[QLabel] = []
        for value in (
            self.detail_prerequisites,
            self.detail_specializations,
            self.detail_resources,
            self.detail_certifications,
        ):
            heading = QLabel(f"<b>{value.accessibleName()}</b>")
            heading.setBuddy(value)
            self._sections.append(heading)
            layout.addSpacing(6)
            layout.addWidget(heading)
            layout.addWidget(value)
        layout.addStretch()

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)
        scroll.setMinimumWidth(20 * self.fontMetrics().averageCharWidth())
        return scroll

    # Loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Read known topics and minutes per topic again (off the GUI thread)."""
        self._backend.query(_learner_state, self._set_learner_state)

    def _set_learner_state(self, state: tuple[Profile | None, dict[str, tuple[int, int]]]) -> None:
        profile, progress = state
        self._has_profile = profile is not None
        self.model.set_known(profile.known_topic_ids if profile is not None else ())
        self.model.set_progress(progress)
        self._show_selection(self.tree.currentIndex())

    def _on_changed(self, changes: Changes) -> None:
        if changes.plan or changes.profile or changes.task_ids:
            self.reload()

    def _on_curriculum_changed(self, curriculum: Curriculum) -> None:
        selected = self.selected_topic_id()
        self.model.set_curriculum(curriculum)
        self.tree.expandAll()
        self._show_curriculum_title()
        if selected is not None and curriculum.has_topic(selected):
            self.select_topic(selected)
        else:
            self._show_selection(QModelIndex())
        self.reload()

    def _show_curriculum_title(self) -> None:
        curriculum = self.model.curriculum
        custom = uses_custom_curriculum(self._data_dir)
        self.title_label.setText(html.escape(curriculum.title))
        source = (
            "the built-in curriculum (your own file could not be read)"
            if self._own_file_unreadable
            else "your own curriculum file"
            if custom
            else "the built-in curriculum"
        )
        total = sum(t.hours for t in curriculum.topics)
        self.source_label.setText(
            f"Version {curriculum.version} · {len(curriculum.topics)} topics · "
            f"{hours_text(total)} hours · {source}"
        )
        self.builtin_button.setEnabled(custom and not self._loading_file)

    # Searching and selecting -----------------------------------------------------------

    def set_filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self.tree.expandAll()
        if not self.tree.currentIndex().isValid() and text.strip():
            first = self.proxy.index(0, 0)
            if first.isValid() and self.proxy.rowCount(first):
                first = self.proxy.index(0, 0, first)
            self._set_current(first)

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def select_topic(self, topic_id: str) -> bool:
        """Select a topic in the tree (clearing the search if it hides it)."""
        source = self.model.topic_index(topic_id)
        if not source.isValid():
            return False
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            self.search.clear()
            index = self.proxy.mapFromSource(source)
        self._set_current(index)
        return True

    def _set_current(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        select_row(self.tree, index)
        self.tree.scrollTo(index)

    def selected_topic_id(self) -> str | None:
        return self.model.topic_id(self.proxy.mapToSource(self.tree.currentIndex()))

    def _link_activated(self, link: str) -> None:
        if link.startswith(_TOPIC_LINK):
            self.select_topic(link.removeprefix(_TOPIC_LINK))

    # Known topics ----------------------------------------------------------------------

    def set_known(self, topic_id: str, known: bool) -> None:
        """Mark a topic known (its open tasks leave the plan) or not (they come back).

        The tree shows the change at once; the write and re-plan run in the background,
        and a failure puts the old state back."""
        before = self.model.known_ids()
        if (topic_id in before) == known:
            return
        self.model.set_known(before | {topic_id} if known else before - {topic_id})
        self._show_selection(self.tree.currentIndex())
        self._backend.mutate(
            lambda context: plans.set_topic_known(context, topic_id, known),
            on_error=lambda error: self._known_failed(before, error),
        )

    def _known_failed(self, before: frozenset[str], error: Exception) -> None:
        self.model.set_known(before)
        self._show_selection(self.tree.currentIndex())
        self._backend.error.emit(error)

    def _known_clicked(self, checked: bool) -> None:
        topic_id = self.selected_topic_id()
        if topic_id is not None:
            self.set_known(topic_id, checked)

    # Curriculum files ------------------------------------------------------------------

    def load_custom_curriculum(self) -> None:
        """Ask for a curriculum file, check it whole off the GUI thread, and use it only
        if it is sound; a faulty file is reported here and changes nothing."""
        if self._loading_file:
            return
        path = choose_curriculum_file(self)
        if path is None:
            return
        data_dir = self._data_dir
        self._start_loading(f"Checking {path.name}…")
        self._backend.query(
            lambda context: install_custom_curriculum(path, data_dir, now=context.now()),
            lambda curriculum: self._curriculum_ready(curriculum, f"Loaded {path.name}."),
            self._curriculum_failed,
        )

    def use_builtin_curriculum(self) -> None:
        if self._loading_file:
            return
        data_dir = self._data_dir
        self._start_loading("Loading the built-in curriculum…")
        self._backend.query(
            lambda context: _use_builtin(data_dir, context.now()),
            lambda curriculum: self._curriculum_ready(
                curriculum, "Back to the built-in curriculum."
            ),
            self._curriculum_failed,
        )

    def _start_loading(self, message: str) -> None:
        self._loading_file = True
        self.load_button.setEnabled(False)
        self.builtin_button.setEnabled(False)
        self.error_panel.hide()
        self._notify(message)

    def _finish_loading(self) -> None:
        self._loading_file = False
        self.load_button.setEnabled(True)
        self._show_curriculum_title()

    def show_builtin_fallback(self, error: CurriculumError) -> None:
        """The learner's own curriculum file could not be read at start-up, so the
        built-in one is in use: say what is wrong with the file and keep both ways open."""
        self._own_file_unreadable = True
        self._show_curriculum_title()
        self.show_curriculum_error(error)

    def _curriculum_ready(self, curriculum: Curriculum, message: str) -> None:
        self._own_file_unreadable = False
        self._backend.set_curriculum(curriculum)
        if not self._has_profile:
            self._finish_loading()
            self._notify(message)
            return
        self._notify(f"{message} Re-planning…")
        self._backend.mutate(
            lambda context: plans.replan(context),
            on_done=lambda changes: self._replanned(message, changes),
            on_error=self._replan_failed,
        )

    def _replanned(self, message: str, changes: Changes) -> None:
        self._finish_loading()
        report = describe_report(changes.report, self._backend.context.curriculum)
        self._notify(f"{message} {report}".strip())

    def _replan_failed(self, error: Exception) -> None:
        self._finish_loading()
        self.notice_label.hide()
        self._backend.error.emit(error)

    def _curriculum_failed(self, error: Exception) -> None:
        self._finish_loading()
        self.notice_label.hide()
        if not isinstance(error, CurriculumError):
            self._backend.error.emit(error)
            return
        self.show_curriculum_error(error)

    def show_curriculum_error(self, error: CurriculumError) -> None:
        problems = "".join(
            f"<li>{html.escape(problem)}</li>" for problem in error.detail.split("; ") if problem
        )
        self.error_label.setText(
            "<b>This curriculum file was not loaded; nothing was changed.</b>"
            f"<br>File: {html.escape(error.path)}"
            f"<ul style='margin-left: 12px; -qt-list-indent: 0'>{problems}</ul>"
            "Fix the item and field named above, then load the file again."
        )
        self.error_panel.show()

    def _notify(self, message: str) -> None:
        self.notice_label.setText(message)
        self.notice_label.show()

    # Details ---------------------------------------------------------------------------

    def _show_selection(self, proxy_index: QModelIndex) -> None:
        index = self.proxy.mapToSource(proxy_index)
        topic_id = self.model.topic_id(index)
        group_id = self.model.group_id(index)
        curriculum = self.model.curriculum
        if topic_id is not None:
            self._show_topic(curriculum, curriculum.topic(topic_id))
        elif group_id is not None:
            self._show_group(curriculum, curriculum.group(group_id))
        else:
            self._show_nothing()

    def _set_sections_visible(self, visible: bool) -> None:
        for widget in (
            *self._sections,
            self.detail_prerequisites,
            self.detail_specializations,
            self.detail_resources,
            self.detail_certifications,
            self.known_checkbox,
            self.detail_status,
        ):
            widget.setVisible(visible)

    def _show_nothing(self) -> None:
        self.detail_title.setText("No topic selected")
        self.detail_meta.setText("")
        self.detail_description.setText(
            "Pick a topic on the left to see what it covers, how long it takes, what it "
            "builds on and where to learn it. Tick topics you already know to leave them "
            "out of your plan."
        )
        self._set_sections_visible(False)

    def _show_group(self, curriculum: Curriculum, group: Group) -> None:
        group_topics = curriculum.topics_in_group(group.id)
        hours = sum(t.hours for t in group_topics)
        self.detail_title.setText(html.escape(group.title))
        self.detail_meta.setText(
            f"{html.escape(section_title(group.section))} · {len(group_topics)} topics · "
            f"{hours_text(hours)} h"
        )
        known = sum(1 for t in group_topics if self.model.is_known(t.id))
        lines = "".join(
            f"<li>{html.escape(t.title)} ({hours_text(t.hours)} h)</li>" for t in group_topics
        )
        self.detail_description.setText(
            f"{known} of {len(group_topics)} topics marked known.<ul>{lines}</ul>"
        )
        self._set_sections_visible(False)

    def _show_topic(self, curriculum: Curriculum, topic: Topic) -> None:
        self._set_sections_visible(True)
        group = curriculum.group(topic.group_id)
        meta = [
            html.escape(group.title),
            f"{hours_text(topic.hours)} h",
            f"{topic.level.value.capitalize()} level",
            topic.activity.value.capitalize(),
        ]
        if topic.optional:
            meta.append("optional")
        self.detail_title.setText(html.escape(topic.title))
        self.detail_meta.setText(" · ".join(meta))
        self.detail_description.setText(html.escape(topic.description))

        known = self.model.is_known(topic.id)
        self.known_checkbox.setChecked(known)
        self.known_checkbox.setEnabled(self._has_profile)
        done, planned = self.model.progress(topic.id)
        if known:
            status = "Known: left out of your plan."
        elif planned:
            status = (
                f"{self.model.status_text(topic.id)}: {duration(done)} of "
                f"{duration(planned)} planned."
            )
        else:
            status = "Not in your plan (not at your level or on your tracks)."
        self.detail_status.setText(status)

        prerequisites = [
            link_html(f"{_TOPIC_LINK}{p}", curriculum.topic(p).title)
            for p in topic.prerequisites
            if curriculum.has_topic(p)
        ]
        self.detail_prerequisites.setText(", ".join(prerequisites) or "None")

        tracks = [
            html.escape(track.title)
            for track in curriculum.specializations
            if track.id in topic.specializations
        ]
        self.detail_specializations.setText(
            ", ".join(tracks) if tracks else "General: part of every track"
        )

        self.detail_resources.setText(
            resources_html(curriculum, topic, details=True, none="None listed")
        )

        certifications = []
        for certification in curriculum.certifications:
            if topic.id not in certification.topic_ids:
                continue
            title = link_html(
                certification.url, f"{certification.title} ({certification.provider})"
            )
            if certification.status is not CertificationStatus.ACTIVE:
                title += f" <i>[{certification.status.value}]</i>"
            certifications.append(title)
        self.detail_certifications.setText("<br>".join(certifications) or "None")
