"""Progress: the share done, tables per group and level, the weekly chart and the heat map."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import partial

import pytest
from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from planner.domain.model import StudyTask
from planner.domain.progress import Share
from planner.services import tasks
from planner.services.changes import Changes
from planner.services.context import AppContext
from planner.ui.backend import Backend
from planner.ui.models.progress_models import (
    FRACTION_ROLE,
    ShareColumn,
    ShareTableModel,
)
from planner.ui.views.progress import ProgressView
from planner.ui.widgets import heatmap as heatmap_module
from planner.ui.widgets.heatmap import HeatMap, level_for
from tests.conftest import FakeClock

SATURDAY = date(2026, 11, 28)  # the fixed clock's day; the plan starts on it
TUESDAY = SATURDAY + timedelta(days=3)


def _view(backend: Backend, qtbot: QtBot) -> ProgressView:
    view = ProgressView(backend)
    qtbot.addWidget(view)
    view.resize(1200, 780)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.show()  # the first showing loads the figures
    return view


def _tick_day(
    backend: Backend, context: AppContext, clock: FakeClock, day: date
) -> list[StudyTask]:
    """Tick off every task planned on ``day`` through the backend, with the clock on that
    day, the way the Today view does."""
    assert backend.wait_until_idle()  # earlier ticks are stamped with their own day
    clock.now = datetime(day.year, day.month, day.day, 19, 0, tzinfo=UTC)
    day_tasks = tasks.tasks_on(context, day)
    for task in day_tasks:
        assert task.id is not None
        backend.mutate(partial(_complete, task_id=task.id))
    return day_tasks


def _complete(context: AppContext, *, task_id: int) -> Changes:
    return tasks.complete_task(context, task_id)


@pytest.fixture
def studied(backend: Backend, context: AppContext, clock: FakeClock) -> dict[date, int]:
    """Saturday's and Tuesday's tasks ticked off; today is Tuesday. Yields minutes per day."""
    minutes = {
        day: sum(t.minutes for t in _tick_day(backend, context, clock, day))
        for day in (SATURDAY, TUESDAY)
    }
    assert backend.wait_until_idle()
    return minutes


def test_the_models_pass_the_model_tester(
    backend: Backend, studied: dict[date, int], qtbot: QtBot, qtmodeltester: object
) -> None:
    view = _view(backend, qtbot)

    assert view.group_model.rowCount() > 1
    assert view.level_model.rowCount() >= 1
    qtmodeltester.check(view.group_model)  # type: ignore[attr-defined]
    qtmodeltester.check(view.level_model)  # type: ignore[attr-defined]
    standalone = ShareTableModel("Skill group")
    standalone.set_shares([Share("a", "A", 30, 120), Share("b", "B", 0, 0)])
    qtmodeltester.check(standalone)  # type: ignore[attr-defined]
    qtmodeltester.check(ShareTableModel("Level"))  # type: ignore[attr-defined]


def test_share_model_cells() -> None:
    model = ShareTableModel("Skill group")
    model.set_shares([Share("ml", "Machine Learning", 90, 360), Share("x", "Empty", 0, 0)])

    def cell(row: int, column: ShareColumn, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return model.data(model.index(row, column), role)

    assert model.headerData(0, Qt.Orientation.Horizontal) == "Skill group"
    assert cell(0, ShareColumn.NAME) == "Machine Learning"
    assert cell(0, ShareColumn.PROGRESS) == "25%"
    assert cell(0, ShareColumn.PROGRESS, FRACTION_ROLE) == 0.25
    assert cell(0, ShareColumn.TIME) == "1.5 / 6 h"
    assert cell(0, ShareColumn.NAME, Qt.ItemDataRole.ToolTipRole) == (
        "Machine Learning: 1 h 30 min of 6 h done (25%)"
    )
    assert cell(1, ShareColumn.PROGRESS) == "0%"
    assert model.data(QModelIndex()) is None


def test_small_shares_show_a_decimal() -> None:
    assert Share("k", "K", 0, 1000).percent_text == "0%"
    assert Share("k", "K", 77, 10_000).percent_text == "0.7%"
    assert Share("k", "K", 1, 10_000).percent_text == "<0.1%"
    assert Share("k", "K", 999, 10_000).percent_text == "9.9%"
    assert Share("k", "K", 1999, 10_000).percent_text == "19%"


def test_the_share_done_rises_after_ticking_off(
    backend: Backend, context: AppContext, clock: FakeClock, qtbot: QtBot
) -> None:
    view = _view(backend, qtbot)
    assert view.overall_label.text() == "0%"
    assert view.overall_bar.value() == 0
    assert view.streak_label.text() == "0 days"

    done = sum(t.minutes for t in _tick_day(backend, context, clock, SATURDAY))

    # The view hears of the change and reloads by itself.
    qtbot.waitUntil(lambda: view.overall_bar.value() > 0, timeout=10_000)
    assert backend.wait_until_idle()
    qtbot.waitUntil(
        lambda: view.snapshot is not None and view.snapshot.overall.done_minutes == done
    )
    snapshot = view.snapshot
    assert snapshot is not None
    assert view.overall_label.text() == snapshot.overall.percent_text != "0%"
    assert view.overall_bar.value() == round(snapshot.overall.fraction * 1000)
    assert f"of {snapshot.overall.planned_minutes // 60} h" in view.overall_detail.text()
    assert view.streak_label.text() == "1 day"
    group_done = sum(
        view.group_model.share_at(r).done_minutes for r in range(view.group_model.rowCount())
    )
    level_done = sum(
        view.level_model.share_at(r).done_minutes for r in range(view.level_model.rowCount())
    )
    assert group_done == level_done == done  # every planned task here has a curriculum topic


def test_the_chart_has_one_bar_per_week(
    backend: Backend, studied: dict[date, int], qtbot: QtBot
) -> None:
    view = _view(backend, qtbot)

    assert view.chart.series() == [view.bar_series]
    (bar_set,) = view.bar_series.barSets()
    assert [bar_set.at(i) for i in range(bar_set.count())] == pytest.approx(
        [studied[SATURDAY] / 60, studied[TUESDAY] / 60]
    )
    assert view.week_axis.categories() == ["23 Nov", "30 Nov"]
    assert view.hours_axis.max() >= max(studied.values()) / 60
    assert view.chart_view.width() > 300  # laid out, so the labels are readable


def test_the_heat_map_colours_study_days(
    backend: Backend, studied: dict[date, int], qtbot: QtBot
) -> None:
    view = _view(backend, qtbot)
    heatmap = view.heatmap

    assert heatmap.last_day == TUESDAY
    assert heatmap.weeks == 26
    assert heatmap.minutes_on(SATURDAY) == studied[SATURDAY]
    assert heatmap.minutes_on(SATURDAY + timedelta(days=1)) == 0
    studied_colour = heatmap.color_for(studied[SATURDAY])
    assert studied_colour != heatmap.color_for(0)
    assert view.streak_label.text() == "1 day"
    assert view.longest_label.text() == "Longest: 1 day"

    image = heatmap.grab().toImage()
    saturday_cell = heatmap.cell_rect(SATURDAY)
    sunday_cell = heatmap.cell_rect(SATURDAY + timedelta(days=1))
    assert saturday_cell is not None
    assert sunday_cell is not None
    ratio = image.devicePixelRatio()
    saturday_pixel = image.pixelColor(saturday_cell.center() * ratio)
    sunday_pixel = image.pixelColor(sunday_cell.center() * ratio)
    assert saturday_pixel.name() == studied_colour.name()
    assert sunday_pixel.name() == heatmap.color_for(0).name()
    assert saturday_pixel != sunday_pixel
    assert heatmap.cell_rect(TUESDAY + timedelta(days=1)) is None  # the future is not drawn
    assert heatmap.day_at(saturday_cell.center()) == SATURDAY


class _ToolTips:
    """Stands in for QToolTip: the offscreen platform warns when a tooltip window is raised."""

    def __init__(self) -> None:
        self.text: str | None = None

    def showText(self, _position: QPoint, text: str, _widget: QWidget) -> None:
        self.text = text

    def hideText(self) -> None:
        self.text = None


def test_the_heat_map_tooltip_names_the_day(
    backend: Backend, studied: dict[date, int], qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _view(backend, qtbot)
    heatmap = view.heatmap
    tooltips = _ToolTips()
    monkeypatch.setattr(heatmap_module, "QToolTip", tooltips)

    def point_at(position: QPoint) -> None:
        event = QHelpEvent(QEvent.Type.ToolTip, position, heatmap.mapToGlobal(position))
        QApplication.sendEvent(heatmap, event)

    cell = heatmap.cell_rect(SATURDAY)
    assert cell is not None
    point_at(cell.center())
    hours, minutes = divmod(studied[SATURDAY], 60)
    assert tooltips.text == f"Saturday 28 November 2026: {hours} h {minutes} min studied"

    sunday = heatmap.cell_rect(SATURDAY + timedelta(days=1))
    assert sunday is not None
    point_at(sunday.center())
    assert tooltips.text == "Sunday 29 November 2026: no study"

    point_at(QPoint(1, 1))  # no day there
    assert tooltips.text is None


def test_heat_map_levels_and_colours(qtbot: QtBot) -> None:
    heatmap = HeatMap()
    qtbot.addWidget(heatmap)
    monday = date(2026, 11, 2)
    heatmap.set_days(monday, monday + timedelta(days=9), {monday: 45, monday - timedelta(1): 60})

    assert heatmap.weeks == 2
    assert heatmap.minutes_on(monday) == 45
    assert heatmap.minutes_on(monday - timedelta(days=1)) == 0  # before the map's first day
    assert [level_for(m) for m in (0, 1, 29, 30, 59, 60, 119, 120, 600)] == [
        0, 1, 1, 2, 2, 3, 3, 4, 4,
    ]  # fmt: skip
    colours = [heatmap.color_for(m).name() for m in (0, 10, 45, 90, 180)]
    assert len(set(colours)) == 5
    assert heatmap.color_for(45) == heatmap.color_for(50)
    with pytest.raises(ValueError, match="before its first"):
        heatmap.set_days(monday, monday - timedelta(days=1), {})


def test_no_plan_shows_a_message(empty_context: AppContext, qtbot: QtBot) -> None:
    backend = Backend(empty_context)
    view = ProgressView(backend)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: not view.content.isVisible(), timeout=10_000)
    assert view.message_label.isVisible()
    assert view.snapshot is None
    assert backend.wait_until_idle()


def test_colours_follow_the_palette(qtbot: QtBot) -> None:
    heatmap = HeatMap()
    qtbot.addWidget(heatmap)
    light = heatmap.color_for(0)
    palette = heatmap.palette()
    palette.setColor(palette.ColorRole.Window, QColor("#202020"))
    palette.setColor(palette.ColorRole.WindowText, QColor("#f0f0f0"))
    heatmap.setPalette(palette)

    dark = heatmap.color_for(0)
    assert dark != light
    assert dark.lightness() < 80  # an empty day stays dark on a dark window


def test_reloads_asked_for_while_loading_run_once_after(backend: Backend, qtbot: QtBot) -> None:
    view = _view(backend, qtbot)
    shown: list[object] = []
    view.loaded.connect(shown.append)

    for _ in range(4):
        view.reload()
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=10_000)
    assert backend.wait_until_idle()
    qtbot.wait(50)

    assert len(shown) == 2  # the first, then one more for the three asked during it


def test_a_view_closed_while_loading_ignores_the_result(backend: Backend, qtbot: QtBot) -> None:
    view = ProgressView(backend)
    view.reload()
    view.deleteLater()
    qtbot.waitUntil(lambda: not isValid(view), timeout=10_000)
    assert backend.wait_until_idle()
    qtbot.wait(50)  # the result arrives at a deleted view without an error
