"""The curriculum as a tree model: groups, in section order, holding their topics.

The model holds ids only and looks everything else up in the :class:`Curriculum`. What it
shows about the learner (known topics, minutes done and planned) is handed in by the view
after a service computed it off the GUI thread; ``data()`` only reads dictionaries.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from enum import IntEnum
from typing import Any, overload

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QFont

from planner.domain.curriculum import Curriculum, Section, Topic
from planner.domain.wording import percent_text
from planner.ui.formatting import section_title
from planner.ui.models.columns import AnyIndex, header_title

TOPIC_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""The topic id of a topic row (None on a group row)."""
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3
"""Text the search box matches: title, id and description."""

_GROUP_ROW = 0  # internal id of group rows; topic rows carry their group's row + 1
_SECTION_ORDER = {section: rank for rank, section in enumerate(Section)}


class Column(IntEnum):
    TOPIC = 0
    HOURS = 1
    LEVEL = 2
    STATUS = 3


_TITLES = {
    Column.TOPIC: "Topic (tick what you already know)",
    Column.HOURS: "Hours",
    Column.LEVEL: "Level",
    Column.STATUS: "Status",
}
_HEADERS = tuple(_TITLES[column] for column in Column)


def hours_text(hours: float) -> str:
    return f"{hours:g}"


class CurriculumTreeModel(QAbstractItemModel):
    """Groups at the top level, topics below them. Ticking a topic's box asks for a change
    through :attr:`known_change_requested`; the model shows the change only when the caller
    hands in new known ids through :meth:`set_known`."""

    known_change_requested = Signal(str, bool)  # topic id, known

    def __init__(
        self,
        curriculum: Curriculum,
        parent: QObject | None = None,
        *,
        groups_checkable: bool = False,
    ) -> None:
        """With ``groups_checkable``, a group's box asks for all its topics at once (ticked
        when all are known, partly when some are)."""
        super().__init__(parent)
        self._groups_checkable = groups_checkable
        self._curriculum = curriculum
        self._group_ids: list[str] = []
        self._topic_ids: list[list[str]] = []
        self._group_hours: list[float] = []
        self._known: frozenset[str] = frozenset()
        self._progress: dict[str, tuple[int, int]] = {}
        self._arrange(curriculum)

    # Feeding ---------------------------------------------------------------------------

    @property
    def curriculum(self) -> Curriculum:
        return self._curriculum

    def set_curriculum(self, curriculum: Curriculum) -> None:
        self.beginResetModel()
        self._curriculum = curriculum
        self._arrange(curriculum)
        self.endResetModel()

    def set_known(self, topic_ids: Collection[str]) -> None:
        known = frozenset(topic_ids)
        if known == self._known:
            return
        self._known = known
        self._refresh_all()

    def set_progress(self, progress: Mapping[str, tuple[int, int]]) -> None:
        """Done and planned minutes per topic id (see ``services.topics.topic_progress``)."""
        progress = dict(progress)
        if progress == self._progress:
            return
        self._progress = progress
        self._refresh_all()

    def _arrange(self, curriculum: Curriculum) -> None:
        groups = sorted(
            enumerate(curriculum.groups),
            key=lambda pair: (_SECTION_ORDER[pair[1].section], pair[0]),
        )
        self._group_ids = [group.id for _, group in groups]
        self._topic_ids = [[t.id for t in curriculum.topics_in_group(g)] for g in self._group_ids]
        self._group_hours = [
            sum(curriculum.topic(t).hours for t in topic_ids) for topic_ids in self._topic_ids
        ]

    def _refresh_all(self) -> None:
        last = len(Column) - 1
        for row, topic_ids in enumerate(self._topic_ids):
            if topic_ids:
                parent = self.index(row, 0)
                self.dataChanged.emit(
                    self.index(0, 0, parent), self.index(len(topic_ids) - 1, last, parent)
                )
        if self._group_ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._group_ids) - 1, last))

    # Reading ---------------------------------------------------------------------------

    def is_known(self, topic_id: str) -> bool:
        return topic_id in self._known

    def known_ids(self) -> frozenset[str]:
        return self._known

    def progress(self, topic_id: str) -> tuple[int, int]:
        return self._progress.get(topic_id, (0, 0))

    def status_text(self, topic_id: str) -> str:
        if topic_id in self._known:
            return "Known"
        done, planned = self.progress(topic_id)
        return f"{percent_text(done, planned)} done" if planned else "Not planned"

    def topic_id(self, index: AnyIndex) -> str | None:
        if not index.isValid() or index.internalId() == _GROUP_ROW:
            return None
        return self._topic_ids[index.internalId() - 1][index.row()]

    def group_id(self, index: AnyIndex) -> str | None:
        if not index.isValid():
            return None
        if index.internalId() == _GROUP_ROW:
            return self._group_ids[index.row()]
        return self._group_ids[index.internalId() - 1]

    def topic_index(self, topic_id: str, column: int = Column.TOPIC) -> QModelIndex:
        """The index of a topic's row, invalid if the curriculum has no such topic."""
        if not self._curriculum.has_topic(topic_id):
            return QModelIndex()
        group_row = self._group_ids.index(self._curriculum.topic(topic_id).group_id)
        row = self._topic_ids[group_row].index(topic_id)
        return self.createIndex(row, column, group_row + 1)

    # QAbstractItemModel ----------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _GROUP_ROW)
        if parent.internalId() == _GROUP_ROW:
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    @overload
    def parent(self) -> QObject | None: ...

    @overload
    def parent(self, child: AnyIndex) -> QModelIndex: ...

    def parent(self, child: AnyIndex | None = None) -> QObject | QModelIndex | None:
        if child is None:
            return super().parent()
        if not child.isValid() or child.internalId() == _GROUP_ROW:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _GROUP_ROW)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._group_ids)
        if parent.internalId() == _GROUP_ROW and parent.column() == 0:
            return len(self._topic_ids[parent.row()])
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation is Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.TextAlignmentRole
            and section == Column.HOURS
        ):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return header_title(_HEADERS, section, orientation, role)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        is_group = index.internalId() == _GROUP_ROW
        if not is_group:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        if index.column() == Column.TOPIC and (self._groups_checkable or not is_group):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = Column(index.column())
        if index.internalId() == _GROUP_ROW:
            return self._group_data(index.row(), column, role)
        topic_id = self._topic_ids[index.internalId() - 1][index.row()]
        return self._topic_data(self._curriculum.topic(topic_id), column, role)

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != Column.TOPIC:
            return False
        known = Qt.CheckState(value) == Qt.CheckState.Checked
        topic_id = self.topic_id(index)
        if topic_id is not None:
            topic_ids = [topic_id]
        elif self._groups_checkable and index.isValid():
            topic_ids = self._topic_ids[index.row()]
        else:
            return False
        for changed in topic_ids:
            if known != self.is_known(changed):
                self.known_change_requested.emit(changed, known)
        return True

    # Cells -----------------------------------------------------------------------------

    def _group_data(self, row: int, column: Column, role: int) -> Any:
        group = self._curriculum.group(self._group_ids[row])
        topic_ids = self._topic_ids[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if column is Column.TOPIC:
                return group.title
            if column is Column.HOURS:
                return hours_text(self._group_hours[row])
            if column is Column.STATUS:
                return self._group_status(topic_ids)
            return None
        if role == Qt.ItemDataRole.FontRole and column is Column.TOPIC:
            font = QFont()
            font.setBold(True)
            return font
        if (
            role == Qt.ItemDataRole.CheckStateRole
            and column is Column.TOPIC
            and self._groups_checkable
        ):
            known = sum(1 for t in topic_ids if t in self._known)
            if topic_ids and known == len(topic_ids):
                return Qt.CheckState.Checked
            return Qt.CheckState.PartiallyChecked if known else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.TOPIC:
            return f"{section_title(group.section)}: {len(topic_ids)} topics"
        if role == Qt.ItemDataRole.TextAlignmentRole and column is Column.HOURS:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == SEARCH_ROLE:
            return f"{group.title}\n{group.id}"
        return None

    def _group_status(self, topic_ids: list[str]) -> str:
        if topic_ids and all(t in self._known for t in topic_ids):
            return "Known"
        done = planned = 0
        for topic_id in topic_ids:
            if topic_id not in self._known:
                topic_done, topic_planned = self.progress(topic_id)
                done, planned = done + topic_done, planned + topic_planned
        return f"{percent_text(done, planned)} done" if planned else ""

    def _topic_data(self, topic: Topic, column: Column, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column is Column.TOPIC:
                return topic.title
            if column is Column.HOURS:
                return hours_text(topic.hours)
            if column is Column.LEVEL:
                return topic.level.value.capitalize()
            return self.status_text(topic.id)
        if role == Qt.ItemDataRole.CheckStateRole and column is Column.TOPIC:
            known = topic.id in self._known
            return Qt.CheckState.Checked if known else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.TOPIC:
            return topic.description or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column is Column.HOURS:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and column is Column.TOPIC:
            return "known" if topic.id in self._known else "not known"
        if role == TOPIC_ID_ROLE:
            return topic.id
        if role == SEARCH_ROLE:
            return f"{topic.title}\n{topic.id}\n{topic.description}"
        return None
