"""Progress: how much of the plan is done, per skill group and level, hours per week,
streaks and a heat map of study days."""

from __future__ import annotations

import math

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import (
    QEvent,
    QMargins,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QCursor,
    QFont,
    QPainter,
    QPalette,
    QPen,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from planner.domain.curriculum import Curriculum
from planner.domain.progress_calendar import RECENT_WEEKS
from planner.domain.wording import hours_duration
from planner.services.changes import Changes
from planner.services.errors import NoProfileError
from planner.services.progress import ProgressSnapshot, progress_snapshot
from planner.ui.backend import Backend
from planner.ui.formatting import duration, plural
from planner.ui.models.columns import AnyIndex
from planner.ui.models.progress_models import (
    FRACTION_ROLE,
    ShareColumn,
    ShareTableModel,
)
from planner.ui.theme import colours_for
from planner.ui.widgets.headings import make_heading
from planner.ui.widgets.heatmap import HeatMap
from planner.ui.widgets.item_views import fit_columns
from planner.ui.widgets.scrolling import scrolling


class ProgressBarDelegate(QStyledItemDelegate):
    """Draws a cell's :data:`FRACTION_ROLE` as a progress bar with the cell's text on it."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        fraction = index.data(FRACTION_ROLE)
        if not isinstance(fraction, float):
            super().paint(painter, option, index)
            return
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        background = QStyleOptionViewItem(option)
        self.initStyleOption(background, index)
        background.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, widget)
        text = str(index.data(Qt.ItemDataRole.DisplayRole))
        text_width = option.fontMetrics.horizontalAdvance("100%") + 8
        area = option.rect.adjusted(4, 0, -4, 0)
        bar = QStyleOptionProgressBar()
        if widget is not None:
            bar.initFrom(widget)
        bar.rect = area.adjusted(0, 5, -text_width, -5)
        groove = QPalette(option.palette)  # set the empty groove off the table's own base
        groove.setColor(QPalette.ColorRole.Base, option.palette.color(QPalette.ColorRole.Window))
        bar.palette = groove
        bar.minimum, bar.maximum = 0, 1000
        bar.progress = round(min(max(fraction, 0.0), 1.0) * 1000)
        bar.textVisible = False
        bar.state = option.state | QStyle.StateFlag.State_Horizontal
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setPen(option.palette.color(role))
        painter.drawText(
            area.adjusted(area.width() - text_width, 0, 0, 0),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            text,
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        size = super().sizeHint(option, index)
        bar = _BAR_CHARACTERS * option.fontMetrics.averageCharWidth()
        return QSize(max(size.width(), bar), size.height() + 6)


_BAR_CHARACTERS = 20  # the progress column's width, in average characters


def _big_label(text: str = "—") -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 2.4)
    font.setBold(True)
    label.setFont(font)
    return label


class ProgressView(QWidget):
    """Loads a :class:`ProgressSnapshot` off the GUI thread whenever the data changes."""

    loaded = Signal(object)  # the ProgressSnapshot just shown

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        self._snapshot: ProgressSnapshot | None = None
        self._loading = False
        self._reload_again = False
        self._weeks: list[tuple[str, float]] = []  # (week label, hours) as charted

        self.group_model = ShareTableModel("Skill group", self)
        self.level_model = ShareTableModel("Level", self)
        self._delegate = ProgressBarDelegate(self)

        title = QLabel("Progress")
        make_heading(title)
        self.as_of_label = QLabel()
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch()
        header.addWidget(self.as_of_label)

        self.message_label = QLabel(
            "No study plan yet. Create one, and your progress will show here."
        )
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setWordWrap(True)
        self.message_label.hide()

        self.content = QWidget()
        content_layout = QVBoxLayout(self.content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addLayout(self._build_cards())
        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_groups())
        splitter.addWidget(self._build_chart())
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([560, 600])
        content_layout.addWidget(splitter, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self._build_heatmap(), 3)
        bottom.addWidget(self._build_levels(), 2)
        content_layout.addLayout(bottom)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(scrolling(self.content), 1)  # large fonts scroll rather than clip
        layout.addWidget(self.message_label, 1)
        backend.changed.connect(self._on_changed)
        backend.curriculum_changed.connect(self._on_curriculum_changed)

    # Building --------------------------------------------------------------------------

    def _build_cards(self) -> QHBoxLayout:
        overall = QGroupBox("Overall")
        self.overall_label = _big_label()
        self.overall_label.setAccessibleName("Share of the plan done")
        self.overall_bar = QProgressBar()
        self.overall_bar.setRange(0, 1000)
        self.overall_bar.setTextVisible(False)
        self.overall_bar.setAccessibleName("Share of the plan done")
        self.overall_detail = QLabel()
        self.overall_detail.setWordWrap(True)
        overall_layout = QGridLayout(overall)
        overall_layout.addWidget(self.overall_label, 0, 0, Qt.AlignmentFlag.AlignVCenter)
        overall_layout.addWidget(self.overall_bar, 0, 1, Qt.AlignmentFlag.AlignVCenter)
        overall_layout.addWidget(self.overall_detail, 1, 0, 1, 2)
        overall_layout.setColumnStretch(1, 1)
        overall_layout.setHorizontalSpacing(16)

        studied = QGroupBox("Time studied")
        self.total_label = _big_label()
        self.total_detail = QLabel()
        self.total_detail.setWordWrap(True)
        studied_layout = QVBoxLayout(studied)
        studied_layout.addWidget(self.total_label)
        studied_layout.addWidget(self.total_detail)

        streak = QGroupBox("Streak")
        self.streak_label = _big_label()
        self.streak_label.setAccessibleName("Current streak")
        self.longest_label = QLabel()
        streak_layout = QVBoxLayout(streak)
        streak_layout.addWidget(self.streak_label)
        streak_layout.addWidget(self.longest_label)

        cards = QHBoxLayout()
        cards.addWidget(overall, 2)
        cards.addWidget(studied, 1)
        cards.addWidget(streak, 1)
        return cards

    def _share_table(self, model: ShareTableModel, name: str) -> QTableView:
        table = QTableView()
        table.setModel(model)
        table.setAccessibleName(name)
        table.setItemDelegateForColumn(ShareColumn.PROGRESS, self._delegate)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 12)
        fit_columns(table, stretch=(ShareColumn.NAME,))
        return table

    def _build_groups(self) -> QGroupBox:
        self.group_table = self._share_table(self.group_model, "Progress by skill group")
        self.setFocusProxy(self.group_table)
        box = QGroupBox("By skill group")
        QVBoxLayout(box).addWidget(self.group_table)
        return box

    def _build_levels(self) -> QGroupBox:
        self.level_table = self._share_table(self.level_model, "Progress by level")
        self.level_table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.level_model.modelReset.connect(lambda: self._fit_height(self.level_table))
        self._fit_height(self.level_table)
        box = QGroupBox("By level")
        layout = QVBoxLayout(box)
        layout.addWidget(self.level_table)
        layout.addStretch()
        return box

    def _fit_height(self, table: QTableView) -> None:
        """Make a short table exactly as tall as its rows."""
        rows = max(1, table.model().rowCount())
        height = (
            table.horizontalHeader().sizeHint().height()
            + rows * table.verticalHeader().defaultSectionSize()
            + 2 * table.frameWidth()
        )
        table.setFixedHeight(height)

    def _build_chart(self) -> QGroupBox:
        self.bar_set = QBarSet("Hours")
        self.bar_series = QBarSeries()
        self.bar_series.append(self.bar_set)
        self.bar_series.setBarWidth(0.7)
        self.bar_series.hovered.connect(self._bar_hovered)
        self.chart = QChart()
        self.chart.addSeries(self.bar_series)
        self.chart.legend().hide()
        self.chart.setBackgroundVisible(False)
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self.week_axis = QBarCategoryAxis()
        self.week_axis.setGridLineVisible(False)
        self.hours_axis = QValueAxis()
        self.hours_axis.setTitleText("Hours")
        self.hours_axis.setLabelFormat("%g")
        self.hours_axis.setRange(0, 1)
        self.chart.addAxis(self.week_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(self.hours_axis, Qt.AlignmentFlag.AlignLeft)
        self.bar_series.attachAxis(self.week_axis)
        self.bar_series.attachAxis(self.hours_axis)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        line = self.fontMetrics().height()
        self.chart_view.setMinimumSize(20 * line, 12 * line)
        self.chart_view.setAccessibleName("Hours studied per week")
        self._apply_chart_palette()
        box = QGroupBox("Hours studied per week")
        QVBoxLayout(box).addWidget(self.chart_view)
        return box

    def _build_heatmap(self) -> QGroupBox:
        self.heatmap = HeatMap()
        self.heatmap_summary = QLabel()
        self.heatmap_summary.setWordWrap(True)
        self.heatmap_day = QLabel()
        self.heatmap.focused_day_changed.connect(self.heatmap_day.setText)
        box = QGroupBox(f"Study days, last {RECENT_WEEKS} weeks")
        layout = QVBoxLayout(box)
        layout.addWidget(self.heatmap)
        layout.addWidget(self.heatmap_summary)
        layout.addWidget(self.heatmap_day)
        return box

    def _apply_chart_palette(self) -> None:
        """Colour the chart from the widget palette, so it follows light and dark themes."""
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        lines = QColor(colours_for(palette).secondary)
        accent = palette.color(QPalette.ColorRole.Accent)
        self.bar_set.setColor(accent)
        self.bar_set.setBorderColor(accent)
        for axis in (self.week_axis, self.hours_axis):
            axis.setLabelsBrush(QBrush(text))
            axis.setTitleBrush(QBrush(text))
            axis.setLinePen(QPen(lines))
            axis.setGridLinePen(QPen(QColor(lines), 0.5))

    # Loading ---------------------------------------------------------------------------

    @property
    def snapshot(self) -> ProgressSnapshot | None:
        """The figures shown now (None before the first load)."""
        return self._snapshot

    def reload(self) -> None:
        """Load fresh figures in the background; a reload asked for while one is running
        runs once after it."""
        if self._loading:
            self._reload_again = True
            return
        self._loading = True
        self._backend.query(progress_snapshot, self._loaded, self._load_failed)

    def _on_changed(self, changes: Changes) -> None:
        self.reload()

    def _on_curriculum_changed(self, curriculum: Curriculum) -> None:
        self.reload()

    def _finish_loading(self) -> None:
        self._loading = False
        if self._reload_again:
            self._reload_again = False
            self.reload()

    def _loaded(self, snapshot: ProgressSnapshot) -> None:
        if not isValid(self):  # closed while the figures were loading
            return
        self._finish_loading()
        self.show_snapshot(snapshot)

    def _load_failed(self, error: Exception) -> None:
        if not isValid(self):
            return
        self._finish_loading()
        if isinstance(error, NoProfileError):
            self._snapshot = None
            self.content.hide()
            self.message_label.show()
            self.as_of_label.setText("")
        else:
            self._backend.error.emit(error)

    def show_snapshot(self, snapshot: ProgressSnapshot) -> None:
        self._snapshot = snapshot
        self.message_label.hide()
        self.content.show()
        self.as_of_label.setText(f"As of {snapshot.today:%A %d %B %Y}")

        overall = snapshot.overall
        self.overall_label.setText(overall.percent_text)
        self.overall_bar.setValue(round(overall.fraction * 1000))
        self.overall_detail.setText(
            f"{duration(overall.done_minutes)} done of {duration(overall.planned_minutes)} planned"
        )
        self.group_model.set_shares(snapshot.groups)
        self.level_model.set_shares(snapshot.levels)

        self.total_label.setText(hours_duration(snapshot.total_hours))
        this_week = snapshot.weekly_hours[-1][1] if snapshot.weekly_hours else 0.0
        self.total_detail.setText(f"{hours_duration(this_week)} this week")
        current, longest = snapshot.streaks.current, snapshot.streaks.longest
        self.streak_label.setText(plural(current, "day"))
        self.longest_label.setText(f"Longest: {plural(longest, 'day')}")

        self._show_weeks(snapshot)
        self.heatmap.set_days(snapshot.heatmap_start, snapshot.today, snapshot.minutes_by_day)
        self.heatmap_summary.setText(
            f"{plural(snapshot.study_days, 'day')} with study in the last {RECENT_WEEKS} weeks. "
            "Point at a day, or use the arrow keys on the map, to see its time."
        )
        self.loaded.emit(snapshot)

    def _show_weeks(self, snapshot: ProgressSnapshot) -> None:
        self._weeks = [
            (f"{monday.day} {monday:%b}", hours) for monday, hours in snapshot.weekly_hours
        ]
        if self.bar_set.count():
            self.bar_set.remove(0, self.bar_set.count())
        self.bar_set.append([hours for _label, hours in self._weeks])
        self.week_axis.clear()
        self.week_axis.append([label for label, _hours in self._weeks])
        self.chart_view.setAccessibleDescription(
            "; ".join(f"week of {label}: {hours:.1f} h" for label, hours in self._weeks)
        )
        highest = max((hours for _label, hours in self._weeks), default=0.0)
        self.hours_axis.setRange(0, max(1, math.ceil(highest * 1.1)))
        self.hours_axis.applyNiceNumbers()
        self._angle_week_labels()

    def _angle_week_labels(self) -> None:
        """Turn the week labels upright when they would not fit side by side."""
        if not self._weeks:
            return
        metrics = self.chart_view.fontMetrics()
        needed = max(metrics.horizontalAdvance(label) for label, _hours in self._weeks) + 8
        available = (self.chart_view.width() - 80) / len(self._weeks)
        self.week_axis.setLabelsAngle(0 if available >= needed else -90)

    def _bar_hovered(self, status: bool, index: int, _bar_set: QBarSet) -> None:
        if status and 0 <= index < len(self._weeks):
            label, hours = self._weeks[index]
            QToolTip.showText(
                QCursor.pos(), f"Week of {label}: {hours_duration(hours)}", self.chart_view
            )
        else:
            QToolTip.hideText()

    # Events ----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._snapshot is None and not self._loading:
            self.reload()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._angle_week_labels()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_chart_palette()
