"""Themes change the application palette, so the Fusion style really draws light or dark."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import SIGNAL, QRect, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QStyle, QStyleOptionButton, QToolTip
from pytestqt.qtbot import QtBot

from planner.ui import theme
from planner.ui.theme import apply_theme, is_dark, palette_for
from planner.ui.ui_settings import Theme

pytestmark = pytest.mark.gui

Role = QPalette.ColorRole
Group = QPalette.ColorGroup


@pytest.fixture(autouse=True)
def light_afterwards(qapp: QApplication) -> Iterator[None]:
    """The palette is the whole application's: put back the light one for the next tests."""
    yield
    apply_theme(Theme.LIGHT)
    assert QApplication.palette().color(Role.Window).lightness() > 200


def app_colour(role: QPalette.ColorRole, group: QPalette.ColorGroup = Group.Active) -> int:
    return QApplication.palette().color(group, role).lightness()


def contrast(palette: QPalette, fore: QPalette.ColorRole, back: QPalette.ColorRole) -> float:
    """The WCAG contrast ratio of two palette colours (1 to 21)."""

    def luminance(role: QPalette.ColorRole) -> float:
        colour = palette.color(role)
        channels = [colour.redF(), colour.greenF(), colour.blueF()]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(fore), luminance(back)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def color_scheme_receivers() -> int:
    return QGuiApplication.styleHints().receivers(SIGNAL("colorSchemeChanged(Qt::ColorScheme)"))


def test_dark_makes_the_application_palette_dark(qtbot: QtBot) -> None:
    label = QLabel("Some text")
    qtbot.addWidget(label)
    label.show()

    apply_theme(Theme.DARK)

    assert app_colour(Role.Window) < 80
    assert app_colour(Role.Base) < 80
    assert app_colour(Role.WindowText) > 180
    assert app_colour(Role.Text) > 180
    assert app_colour(Role.ButtonText) > 180
    assert is_dark()
    # Open widgets take the palette too, and so do tooltips.
    qtbot.waitUntil(lambda: label.palette().color(Role.Window).lightness() < 80)
    assert QToolTip.palette().color(Role.ToolTipBase).lightness() < 100


def test_the_dark_palette_is_readable() -> None:
    dark = palette_for(Qt.ColorScheme.Dark)

    for fore, back in (
        (Role.WindowText, Role.Window),
        (Role.Text, Role.Base),
        (Role.Text, Role.AlternateBase),
        (Role.ButtonText, Role.Button),
        (Role.HighlightedText, Role.Highlight),
        (Role.ToolTipText, Role.ToolTipBase),
    ):
        assert contrast(dark, fore, back) >= 4.5, (fore, back)
    assert contrast(dark, Role.Link, Role.Base) >= 4.5
    # Disabled text is dimmer than normal text but still there.
    dark.setCurrentColorGroup(Group.Disabled)
    disabled = contrast(dark, Role.Text, Role.Base)
    dark.setCurrentColorGroup(Group.Active)
    assert 2.5 <= disabled < contrast(dark, Role.Text, Role.Base)
    # The alternate rows of a table can be told apart from the others.
    assert dark.color(Role.AlternateBase) != dark.color(Role.Base)


def test_light_puts_back_a_light_window() -> None:
    apply_theme(Theme.DARK)
    apply_theme(Theme.LIGHT)

    assert app_colour(Role.Window) > 200
    assert app_colour(Role.Base) > 200
    assert app_colour(Role.WindowText) < 60
    assert not is_dark()
    assert QApplication.palette().color(Role.Window) == (
        QApplication.style().standardPalette().color(Role.Window)
    )


def test_palette_for_a_scheme() -> None:
    assert palette_for(Qt.ColorScheme.Dark).color(Role.Window).lightness() < 80
    assert palette_for(Qt.ColorScheme.Light).color(Role.Window).lightness() > 200
    assert palette_for(Qt.ColorScheme.Unknown).color(Role.Window).lightness() > 200


def test_system_follows_the_platforms_scheme(monkeypatch: pytest.MonkeyPatch) -> None:
    hints = QGuiApplication.styleHints()
    reported = [Qt.ColorScheme.Dark]
    monkeypatch.setattr(hints, "colorScheme", lambda: reported[-1])
    monkeypatch.setattr(hints, "setColorScheme", lambda _scheme: None)

    apply_theme(Theme.SYSTEM)
    assert app_colour(Role.Window) < 80

    # The desktop turns light, then dark again: the window follows.
    reported.append(Qt.ColorScheme.Light)
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert app_colour(Role.Window) > 200
    reported.append(Qt.ColorScheme.Dark)
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert app_colour(Role.Window) < 80


def test_a_chosen_theme_ignores_the_platforms_scheme() -> None:
    hints = QGuiApplication.styleHints()
    apply_theme(Theme.LIGHT)
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert app_colour(Role.Window) > 200

    apply_theme(Theme.DARK)
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert app_colour(Role.Window) < 80


def test_the_scheme_signal_is_connected_once() -> None:
    apply_theme(Theme.SYSTEM)
    connected = color_scheme_receivers()

    for chosen in (Theme.DARK, Theme.SYSTEM, Theme.LIGHT, Theme.SYSTEM, Theme.DARK):
        apply_theme(chosen)

    assert color_scheme_receivers() == connected


def test_error_text_stays_readable_in_either_theme() -> None:
    apply_theme(Theme.DARK)
    on_dark = theme.error_colour()
    apply_theme(Theme.LIGHT)
    on_light = theme.error_colour()

    assert on_dark != on_light


@pytest.mark.parametrize(
    "element",
    [
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
        QStyle.PrimitiveElement.PE_IndicatorRadioButton,
    ],
)
def test_tick_boxes_and_radio_buttons_are_outlined_on_the_dark_palette(
    element: QStyle.PrimitiveElement,
) -> None:
    apply_theme(Theme.DARK)
    palette = QApplication.palette()
    base = palette.color(Role.Base)
    option = QStyleOptionButton()
    option.rect = QRect(2, 2, 14, 14)
    option.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Off
    option.palette = palette
    image = QImage(20, 20, QImage.Format.Format_RGB32)
    image.fill(base)
    painter = QPainter(image)
    QApplication.style().drawPrimitive(element, option, painter)
    painter.end()

    edge = max(image.pixelColor(x, 9).lightness() for x in range(6))
    assert edge - base.lightness() > 60  # the box shows on a table's background
