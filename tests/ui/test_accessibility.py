"""Accessibility of every view and wizard page, through Qt's own accessibility layer:
names, the Tab order, first focus, colour contrast in both themes, and a 16 pt font.

The checks walk whatever widgets the window and the wizard hold, so views and dialogs
added later are covered without new tests."""

# pytest-qt's QtBot methods carry no annotations.
# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAccessible, QColor, QFont, QImage, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
    QTableView,
    QTextEdit,
    QToolBar,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from planner.services.context import AppContext
from planner.services.tasks import all_tasks
from planner.ui.accessibility import takes_tab_focus
from planner.ui.backend import Backend
from planner.ui.backups_dialog import BackupsDialog
from planner.ui.controller import WindowController
from planner.ui.dialogs import CustomTaskDialog, MoveTaskDialog
from planner.ui.main_window import PAGES, MainWindow
from planner.ui.models.task_table import Column
from planner.ui.onboarding import OnboardingWizard
from planner.ui.onboarding import wizard as wizard_module
from planner.ui.theme import (
    PART_CONTRAST,
    TEXT_CONTRAST,
    apply_theme,
    colours,
    contrast_pairs,
    contrast_ratio,
    dark_palette,
    light_palette,
)
from planner.ui.ui_settings import Theme, UiSettings
from planner.ui.views.plan import PlanView
from planner.ui.views.progress import ProgressView
from planner.ui.widgets.heatmap import HeatMap
from planner.ui.widgets.link_label import LinkLabel
from tests.conftest import FakeClock

pytestmark = pytest.mark.gui

LARGE_POINTS = 16.0


@pytest.fixture(autouse=True)
def themed(qapp: QApplication) -> Iterator[None]:
    """The app's own style and light theme, as the window is built; put back after."""
    apply_theme(Theme.LIGHT)
    yield
    apply_theme(Theme.LIGHT)


@pytest.fixture
def large_font(qapp: QApplication) -> Iterator[None]:
    """A 16 pt application font, as a learner who needs large text sets it."""
    before = QFont(qapp.font())
    font = QFont(before)
    font.setPointSizeF(LARGE_POINTS)
    qapp.setFont(font)
    yield
    qapp.setFont(before)


WindowFactory = Callable[[], MainWindow]


@pytest.fixture
def make_window(
    context: AppContext, data_dir: Path, clock: FakeClock, qtbot: QtBot
) -> Iterator[WindowFactory]:
    """Builds the real window over a learner with a plan, once its views are in."""
    context.database.close()  # the window opens its own
    controllers: list[WindowController] = []

    def make() -> MainWindow:
        window = MainWindow(UiSettings(data_dir), data_dir)
        qtbot.addWidget(window)
        controller = WindowController(window, data_dir, clock)
        controllers.append(controller)
        window.show()
        window.activateWindow()
        controller.start()
        qtbot.waitUntil(lambda: window.page("today") is not None, timeout=10_000)
        return window

    yield make
    for controller in controllers:
        controller.shutdown()


@pytest.fixture
def window(make_window: WindowFactory, qtbot: QtBot) -> MainWindow:
    built = make_window()
    plan = built.page("plan")
    assert isinstance(plan, PlanView)
    qtbot.waitUntil(lambda: plan.model.rowCount() > 0, timeout=10_000)
    return built


def each_page(window: MainWindow, qtbot: QtBot) -> Iterator[tuple[str, QWidget]]:
    """Shows each view in turn, as the learner would, and yields it once it settled."""
    for page in PAGES:
        window.show_page(page.key)
        widget = window.page(page.key)
        assert widget is not None
        qtbot.wait(50)  # let queries started by showing the view land
        yield page.key, widget


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None, widget
    return str(interface.text(QAccessible.Text.Name)).strip()


def tab_stops(root: QWidget) -> list[QWidget]:
    """Where Tab stops inside ``root``; a field that stands in for its spin box, date or
    combo box (their focus proxy) counts as that control."""
    stops = []
    for widget in root.findChildren(QWidget):
        if not takes_tab_focus(widget):
            continue
        parent = widget.parentWidget()
        stops.append(parent if parent is not None and parent.focusProxy() is widget else widget)
    return stops


def describe(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName()!r} {accessible_name(widget)!r}"


def plain(text: str) -> str:
    """Visible text as a screen reader says it: no mnemonic ampersands, colon or ellipsis."""
    return re.sub(r"&(?!&)", "", text).rstrip(":…").strip().lower()


# Names --------------------------------------------------------------------------------


def unnamed(root: QWidget) -> list[str]:
    return [describe(w) for w in tab_stops(root) if not accessible_name(w)]


def names_unlike_their_text(root: QWidget) -> list[str]:
    """Buttons whose name does not hold their visible text, and fields whose name does
    not hold the text of the label naming them."""
    found = []
    for button in root.findChildren(QAbstractButton):
        text = plain(button.text())
        if (
            button.isVisible()
            and re.search(r"\w", text)
            and text not in plain(accessible_name(button))
        ):
            found.append(f"{describe(button)} shows {button.text()!r}")
    for label in root.findChildren(QLabel):
        buddy = label.buddy()
        # On Linux a combo box's name is its current text; its label is a relation.
        if (
            buddy is None
            or not takes_tab_focus(buddy)
            or isinstance(buddy, QComboBox)
            or "<" in label.text()
        ):
            continue
        if plain(label.text()) not in plain(accessible_name(buddy)):
            found.append(f"{describe(buddy)} is labelled {label.text()!r}")
    return found


def test_every_control_in_every_view_has_a_name(window: MainWindow, qtbot: QtBot) -> None:
    for key, page in each_page(window, qtbot):
        assert not unnamed(page), key
    bar = window.findChild(QToolBar, "navigation")
    assert bar is not None
    assert not unnamed(bar)


def test_names_are_the_visible_text(window: MainWindow, qtbot: QtBot) -> None:
    problems = [
        f"{key}: {problem}"
        for key, page in each_page(window, qtbot)
        for problem in names_unlike_their_text(page)
    ]
    assert not problems
    plan = window.page("plan")
    assert isinstance(plan, PlanView)
    # The longer explanation is the description, not the name.
    assert accessible_name(plan.move_button) == "Move to Date…"
    assert plan.move_button.accessibleDescription() == "Move the selected task to a date"


# Keyboard -----------------------------------------------------------------------------


def _inside(widget: QWidget, focused: QWidget | None) -> bool:
    return focused is not None and (focused is widget or widget.isAncestorOf(focused))


def tab_traps(root: QWidget, qtbot: QtBot) -> list[str]:
    """Tables, trees, lists and text fields that Tab or Shift+Tab does not leave."""
    traps = []
    for widget in tab_stops(root):
        if not isinstance(widget, QAbstractItemView | QPlainTextEdit | QTextEdit | QLineEdit):
            continue
        for key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            qtbot.waitUntil(lambda w=widget: _inside(w, QApplication.focusWidget()))
            qtbot.keyClick(widget, key)
            if _inside(widget, QApplication.focusWidget()):
                traps.append(f"{describe(widget)} keeps {key.name}")
    return traps


def test_tab_leaves_every_table_and_text_field(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(window.isActiveWindow)
    traps = [
        f"{key}: {trap}"
        for key, page in each_page(window, qtbot)
        for trap in tab_traps(page, qtbot)
    ]
    assert not traps


FIRST_FOCUS: dict[str, Callable[[QWidget], QWidget]] = {
    "today": lambda view: view.table,  # type: ignore[attr-defined]
    "plan": lambda view: view.table,  # type: ignore[attr-defined]
    "progress": lambda view: view.group_table,  # type: ignore[attr-defined]
    "curriculum": lambda view: view.search,  # type: ignore[attr-defined]
    "certifications": lambda view: view.table,  # type: ignore[attr-defined]
    "settings": lambda view: view.day_edits[0],  # type: ignore[attr-defined]
}


def test_every_view_has_a_sensible_first_focus(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(window.isActiveWindow)
    assert set(FIRST_FOCUS) == {page.key for page in PAGES}
    for key, page in each_page(window, qtbot):
        expected = FIRST_FOCUS[key](page)
        qtbot.waitUntil(lambda e=expected: _inside(e, QApplication.focusWidget()))


def test_no_tab_stop_is_an_unnamed_scroll_area_or_plain_text(
    window: MainWindow, qtbot: QtBot
) -> None:
    for key, page in each_page(window, qtbot):
        for widget in tab_stops(page):
            if type(widget) is QScrollArea:
                assert accessible_name(widget), f"{key}: an unnamed scroll area is a Tab stop"
            if isinstance(widget, QLabel):
                assert isinstance(widget, LinkLabel), f"{key}: {describe(widget)}"
                assert widget.links(), f"{key}: {describe(widget)} is a stop without links"


def test_the_navigation_buttons_take_focus_from_the_keyboard(window: MainWindow) -> None:
    bar = window.findChild(QToolBar, "navigation")
    assert bar is not None
    buttons = [bar.widgetForAction(action) for action in bar.actions()]
    assert [accessible_name(b) for b in buttons] == [page.title for page in PAGES]
    assert all(b.focusPolicy() & Qt.FocusPolicy.TabFocus for b in buttons)


def test_link_labels_are_tab_stops_only_with_links(qtbot: QtBot) -> None:
    label = LinkLabel("Resources")
    qtbot.addWidget(label)
    label.setText("None listed")
    assert label.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert label.accessibleDescription() == ""
    label.setText('<a href="https://a.example">Book &amp; notes</a><br><a href="b">Course</a>')
    assert label.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert label.accessibleDescription() == "2 links: Book & notes; Course"
    assert label.accessibleName() == "Resources"


# Charts and the calendar ---------------------------------------------------------------


def test_the_heat_map_is_read_from_the_keyboard(qtbot: QtBot) -> None:
    heatmap = HeatMap()
    qtbot.addWidget(heatmap)
    heard: list[str] = []
    heatmap.focused_day_changed.connect(heard.append)
    last = FakeClock().now.date()
    heatmap.set_days(last - timedelta(days=30), last, {last - timedelta(days=7): 95})
    heatmap.show()
    heatmap.setFocus()

    assert heatmap.focused_day == last  # today first
    qtbot.keyClick(heatmap, Qt.Key.Key_Left)  # a week back
    assert heatmap.focused_day == last - timedelta(days=7)
    assert heard[-1] == f"{last - timedelta(days=7):%A %d %B %Y}: 1 h 35 min studied"
    assert heard[-1] in accessible_name(heatmap)
    qtbot.keyClick(heatmap, Qt.Key.Key_Up)
    assert heatmap.focused_day == last - timedelta(days=8)
    assert heard[-1].endswith("no study")
    qtbot.keyClick(heatmap, Qt.Key.Key_Home)
    assert heatmap.focused_day == last - timedelta(days=30)
    qtbot.keyClick(heatmap, Qt.Key.Key_Left)  # stays on the map
    assert heatmap.focused_day == last - timedelta(days=30)


def test_the_weekly_chart_and_heat_map_have_text_alternatives(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.show_page("progress")
    progress = window.page("progress")
    assert isinstance(progress, ProgressView)
    qtbot.waitUntil(lambda: progress.snapshot is not None, timeout=10_000)
    snapshot = progress.snapshot
    assert snapshot is not None
    description = progress.chart_view.accessibleDescription()
    for monday, hours in snapshot.weekly_hours:
        assert f"week of {monday.day} {monday:%b}: {hours:.1f} h" in description
    assert progress.heatmap.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert progress.heatmap_day.text() == progress.heatmap.tooltip_for(snapshot.today)


def test_calendar_weekends_are_not_drawn_in_red(window: MainWindow) -> None:
    for calendar in window.findChildren(QCalendarWidget):
        for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            brush = calendar.weekdayTextFormat(day).foreground()
            assert brush.style() == Qt.BrushStyle.NoBrush  # the palette's text colour


# Colours ------------------------------------------------------------------------------


@pytest.mark.parametrize("palette_of", [light_palette, dark_palette], ids=["light", "dark"])
def test_every_colour_pair_meets_wcag_aa(palette_of: Callable[[], QPalette]) -> None:
    pairs = contrast_pairs(palette_of())
    failing = [
        f"{pair.what}: {pair.fore.name()} on {pair.back.name()} is {pair.ratio:.2f}, "
        f"below {pair.minimum}"
        for pair in pairs
        if pair.ratio < pair.minimum
    ]
    assert not failing
    assert {pair.minimum for pair in pairs} == {TEXT_CONTRAST, PART_CONTRAST}
    heat = [pair for pair in pairs if pair.what.startswith("heat-map level")]
    assert len(heat) == 4  # every level of study, not only the strongest


@pytest.mark.parametrize("theme", [Theme.LIGHT, Theme.DARK])
def test_the_applied_theme_is_the_checked_palette(theme: Theme) -> None:
    apply_theme(theme)
    checked = light_palette() if theme is Theme.LIGHT else dark_palette()
    applied = QApplication.palette()
    for role in (
        QPalette.ColorRole.Highlight,
        QPalette.ColorRole.PlaceholderText,
        QPalette.ColorRole.LinkVisited,
        QPalette.ColorRole.Window,
    ):
        assert applied.color(role) == checked.color(role)


def test_the_contrast_ratio_is_wcags() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#ffffff", "#777777") == contrast_ratio("#777777", "#ffffff")


# Large fonts --------------------------------------------------------------------------


# Bold rich text asks for a line a pixel taller than the layout gives it, and draws whole.
_SLACK = 2


def clipped(root: QWidget) -> list[str]:
    """Visible labels and buttons narrower or shorter than their text needs."""
    found = []
    for widget in root.findChildren(QLabel) + root.findChildren(QAbstractButton):
        if not widget.isVisible() or not widget.text():
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            needed_width = widget.minimumSizeHint().width()
            needed_height = widget.heightForWidth(widget.width())
        else:
            needed_width = widget.sizeHint().width()
            needed_height = widget.minimumSizeHint().height()
        if widget.width() < needed_width or widget.height() < needed_height - _SLACK:
            found.append(
                f"{describe(widget)} {widget.text()[:40]!r} is {widget.width()}x"
                f"{widget.height()}, needs {needed_width}x{needed_height}"
            )
    return found


def test_at_16_pt_every_view_shows_its_text_whole(
    large_font: None, make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window()
    line = window.fontMetrics().height()
    assert window.minimumWidth() >= 40 * line  # the smallest window follows the font
    problems = [
        f"{key}: {problem}" for key, page in each_page(window, qtbot) for problem in clipped(page)
    ]
    assert not problems, f"{window.size()} {window.minimumSize()}\n" + "\n".join(problems)

    today = window.page("today")
    table = today.table  # type: ignore[union-attr]
    assert isinstance(table, QTableView)
    qtbot.waitUntil(lambda: table.model().rowCount() > 0)
    window.show_page("today")
    assert table.columnWidth(Column.TASK) >= 12 * table.fontMetrics().averageCharWidth()


def test_tick_boxes_grow_with_the_font(large_font: None, qtbot: QtBot) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    line = field.fontMetrics().height()
    style = QApplication.style()
    for metric in (
        QStyle.PixelMetric.PM_IndicatorWidth,
        QStyle.PixelMetric.PM_ExclusiveIndicatorHeight,
    ):
        assert style.pixelMetric(metric, None, field) >= 0.7 * line


# The wizard ---------------------------------------------------------------------------


@pytest.fixture
def wizard(
    first_run_backend: Backend, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> OnboardingWizard:
    monkeypatch.setattr(wizard_module, "confirm_quit", lambda _parent: True)
    built = OnboardingWizard(first_run_backend, "UTC")
    qtbot.addWidget(built)
    built.show()
    built.activateWindow()
    qtbot.waitUntil(built.isActiveWindow)
    return built


def each_wizard_page(wizard: OnboardingWizard, qtbot: QtBot) -> Iterator[QWidget]:
    """Every page, answering just enough to go on."""
    wizard.level_page.buttons[next(iter(wizard.level_page.buttons))].click()
    while True:
        page = wizard.currentPage()
        qtbot.wait(50)
        yield page
        if wizard.nextId() == -1:
            return
        if page is wizard.specialization_page:
            next(iter(wizard.specialization_page.checkboxes.values())).click()
        if page is wizard.availability_page:
            wizard.availability_page.hours_per_week.setValue(8)
        wizard.next()
        assert wizard.currentPage() is not page, f"stuck on {page.title()}"


def test_every_wizard_page_is_named_and_tab_leaves_its_fields(
    wizard: OnboardingWizard, qtbot: QtBot
) -> None:
    pages = 0
    for page in each_wizard_page(wizard, qtbot):
        pages += 1
        title = page.title()
        focused = QApplication.focusWidget()
        assert focused is not None, title
        assert accessible_name(focused), f"{title}: first focus on {describe(focused)}"
        assert not isinstance(focused, QScrollArea), title
        assert not unnamed(page), title
        assert not names_unlike_their_text(page), title
        assert not tab_traps(page, qtbot), title
    assert pages == len(wizard.pageIds())
    buttons = [wizard.button(b) for b in (QWizard.WizardButton.NextButton,)]
    assert all(accessible_name(b) for b in buttons)


def test_wizard_pages_at_16_pt_show_their_text_whole(
    large_font: None, wizard: OnboardingWizard, qtbot: QtBot
) -> None:
    problems = [
        f"{page.title()}: {problem}"
        for page in each_wizard_page(wizard, qtbot)
        for problem in clipped(page)
    ]
    assert not problems


def _draw(element: QStyle.PrimitiveElement, state: QStyle.StateFlag) -> QImage:
    palette = QApplication.palette()
    option = QStyleOptionButton()
    option.rect = QRect(2, 2, 36, 20)
    option.state = QStyle.StateFlag.State_Enabled | state
    option.palette = palette
    image = QImage(40, 24, QImage.Format.Format_RGB32)
    image.fill(palette.color(QPalette.ColorRole.Window))
    painter = QPainter(image)
    QApplication.style().drawPrimitive(element, option, painter)
    painter.end()
    return image


@pytest.mark.parametrize("theme", [Theme.LIGHT, Theme.DARK])
def test_the_focus_ring_is_drawn_in_the_checked_colour(theme: Theme) -> None:
    apply_theme(theme)
    ring = QColor(colours().focus_ring)
    focused = _draw(
        QStyle.PrimitiveElement.PE_PanelButtonCommand,
        QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_KeyboardFocusChange,
    )
    unfocused = _draw(QStyle.PrimitiveElement.PE_PanelButtonCommand, QStyle.StateFlag.State_None)
    edge = [focused.pixelColor(x, 12) for x in range(2, 6)]
    assert ring in edge
    assert ring not in [unfocused.pixelColor(x, 12) for x in range(2, 6)]


@pytest.mark.parametrize("theme", [Theme.LIGHT, Theme.DARK])
def test_an_unticked_box_shows_its_edge(theme: Theme) -> None:
    apply_theme(theme)
    base = QApplication.palette().color(QPalette.ColorRole.Window)
    image = _draw(QStyle.PrimitiveElement.PE_IndicatorCheckBox, QStyle.StateFlag.State_Off)
    strongest = max(contrast_ratio(image.pixelColor(x, 12), base) for x in range(2, 8))
    assert strongest >= PART_CONTRAST


# Dialogs ------------------------------------------------------------------------------


def _dialogs(backend: Backend, data_dir: Path) -> list[QDialog]:
    task = all_tasks(backend.context)[0]
    return [
        MoveTaskDialog(task),
        CustomTaskDialog(task.scheduled_date),
        BackupsDialog(backend, data_dir),
    ]


def test_every_dialog_is_named_and_tab_leaves_its_fields(
    backend: Backend, data_dir: Path, qtbot: QtBot
) -> None:
    for dialog in _dialogs(backend, data_dir):
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        title = dialog.windowTitle()
        assert not unnamed(dialog), title
        assert not names_unlike_their_text(dialog), title
        assert not tab_traps(dialog, qtbot), title
        dialog.close()
