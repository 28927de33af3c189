"""Light, dark, or whatever the desktop uses.

The window draws with the Fusion style, which paints from the application palette, so a
theme is a palette: an explicit dark one, or the style's standard light one. Asking the
platform for a colour scheme (``QStyleHints.setColorScheme``) is done too, for the platforms
that honour it (title bars, native dialogs), but on plain X11 it changes nothing, so the
palette is what makes the theme. The first theme applied to an application also installs
:class:`FusionStyle`, Fusion with tick boxes that show in either theme, a focus ring that
stands out, tick boxes that grow with the font, and the keyboard behaviour of
:func:`planner.ui.accessibility.adapt_widget` applied to every widget.

Every colour the window draws with is here, in the palettes and in :class:`Colours`; and
:func:`contrast_pairs` lists each pair of them that must be told apart, with the WCAG
threshold it must meet (4.5:1 for text, 3:1 for the parts of controls and charts).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QToolTip,
    QWidget,
)

from planner.ui.accessibility import adapt_widget
from planner.ui.ui_settings import Theme

_SCHEMES = {
    Theme.SYSTEM: Qt.ColorScheme.Unknown,  # Unknown hands the choice back to the platform
    Theme.LIGHT: Qt.ColorScheme.Light,
    Theme.DARK: Qt.ColorScheme.Dark,
}

_Role = QPalette.ColorRole
_Group = QPalette.ColorGroup

# Dark colours, chosen so text stays well above 7:1 against its background and disabled
# text is still legible (about 3.5:1) but plainly dimmer. The highlight keeps white text
# above 4.5:1 and, as a progress bar's fill, 3:1 against the window.
_DARK = {
    _Role.Window: "#2b2d30",
    _Role.WindowText: "#e8e8e8",
    _Role.Base: "#1e1f22",
    _Role.AlternateBase: "#27292c",
    _Role.Text: "#e8e8e8",
    _Role.PlaceholderText: "#8f949a",
    _Role.Button: "#36393d",
    _Role.ButtonText: "#e8e8e8",
    _Role.BrightText: "#ff8a80",
    _Role.Light: "#4a4e53",
    _Role.Midlight: "#3f4246",
    _Role.Mid: "#2a2c2f",
    _Role.Dark: "#1b1c1e",
    _Role.Shadow: "#0e0f10",
    _Role.Highlight: "#3778bd",
    _Role.HighlightedText: "#ffffff",
    _Role.Accent: "#3778bd",
    _Role.Link: "#6cb6ff",
    _Role.LinkVisited: "#c39bf0",
    _Role.ToolTipBase: "#3b3e42",
    _Role.ToolTipText: "#f0f0f0",
}
_DARK_DISABLED = {
    _Role.WindowText: "#80858b",
    _Role.Text: "#80858b",
    _Role.ButtonText: "#80858b",
    _Role.PlaceholderText: "#62666b",
    _Role.Base: "#26282b",
    _Role.Button: "#303235",
    _Role.Highlight: "#4a4e53",
    _Role.HighlightedText: "#b0b4b8",
    _Role.Accent: "#4a4e53",
    _Role.Link: "#5c7a99",
    _Role.Shadow: "#1b1c1e",
}
_DARK_INACTIVE = {
    _Role.Highlight: "#2a5f96",
    _Role.Accent: "#2a5f96",
}

# Fusion's own light colours, with a darker highlight (white text on it was 3.7:1), a
# darker placeholder (4.0:1) and a darker visited link (2.7:1).
_LIGHT = {
    _Role.Window: "#efefef",
    _Role.WindowText: "#000000",
    _Role.Base: "#ffffff",
    _Role.AlternateBase: "#f7f7f7",
    _Role.Text: "#000000",
    _Role.PlaceholderText: "#6b6b6b",
    _Role.Button: "#efefef",
    _Role.ButtonText: "#000000",
    _Role.BrightText: "#ffffff",
    _Role.Light: "#ffffff",
    _Role.Midlight: "#cacaca",
    _Role.Mid: "#b8b8b8",
    _Role.Dark: "#9f9f9f",
    _Role.Shadow: "#767676",
    _Role.Highlight: "#2a6fb0",
    _Role.HighlightedText: "#ffffff",
    _Role.Accent: "#2a6fb0",
    _Role.Link: "#0000ff",
    _Role.LinkVisited: "#7b1fa2",
    _Role.ToolTipBase: "#ffffdc",
    _Role.ToolTipText: "#000000",
}
_LIGHT_DISABLED = {
    _Role.WindowText: "#bebebe",
    _Role.Text: "#bebebe",
    _Role.ButtonText: "#bebebe",
    _Role.Base: "#efefef",
    _Role.Highlight: "#919191",
}


@dataclass(frozen=True)
class Colours:
    """The colours the window draws beyond its palette, for one theme."""

    error: str  # error text, and a past day left unfinished
    done: str  # the calendar's tick and the filled part of a day's bar
    secondary: str  # quiet text (days outside the month) and lines (axes, tick-box edges)
    focus_ring: str  # around the control with keyboard focus
    heat_levels: tuple[str, str, str, str, str]  # no study, then more and more study


LIGHT_COLOURS = Colours(
    error="#c0392b",
    done="#1e7b3a",
    secondary="#6b6b6b",
    focus_ring="#1f5f99",
    heat_levels=("#d5d5d5", "#4a7fc0", "#2f69a8", "#1f4f85", "#143660"),
)
DARK_COLOURS = Colours(
    error="#ff8a80",
    done="#5cc97a",
    secondary="#8f949a",
    focus_ring="#6cb6ff",
    heat_levels=("#45484c", "#4d8ad0", "#6aa6e8", "#8cbcf0", "#c4e0ff"),
)

TEXT_CONTRAST = 4.5  # WCAG AA, text
PART_CONTRAST = 3.0  # WCAG AA, parts of controls and graphics that carry meaning


def _is_dark(palette: QPalette) -> bool:
    return palette.color(_Role.Window).lightness() < 128


def colours_for(palette: QPalette) -> Colours:
    """The custom colours that go with ``palette``."""
    return DARK_COLOURS if _is_dark(palette) else LIGHT_COLOURS


def colours() -> Colours:
    """The custom colours of the theme shown now."""
    return colours_for(QApplication.palette())


def relative_luminance(colour: QColor) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(colour.redF())
        + 0.7152 * linear(colour.greenF())
        + 0.0722 * linear(colour.blueF())
    )


def contrast_ratio(first: QColor | str, second: QColor | str) -> float:
    """The WCAG contrast ratio of two opaque colours, 1 to 21."""
    lighter, darker = sorted(
        (relative_luminance(QColor(first)), relative_luminance(QColor(second))), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


@dataclass(frozen=True)
class ContrastPair:
    what: str
    fore: QColor
    back: QColor
    minimum: float

    @property
    def ratio(self) -> float:
        return contrast_ratio(self.fore, self.back)


def contrast_pairs(palette: QPalette) -> list[ContrastPair]:
    """Every pair of colours the window puts together in ``palette``'s theme, with the
    contrast WCAG AA asks of it."""
    custom = colours_for(palette)

    def role(name: QPalette.ColorRole) -> QColor:
        return palette.color(_Group.Active, name)

    window, base, button = role(_Role.Window), role(_Role.Base), role(_Role.Button)
    pairs = [
        ("window text", role(_Role.WindowText), window, TEXT_CONTRAST),
        ("text in fields and tables", role(_Role.Text), base, TEXT_CONTRAST),
        ("text on alternate rows", role(_Role.Text), role(_Role.AlternateBase), TEXT_CONTRAST),
        ("button text", role(_Role.ButtonText), button, TEXT_CONTRAST),
        ("selected text", role(_Role.HighlightedText), role(_Role.Highlight), TEXT_CONTRAST),
        ("placeholder text", role(_Role.PlaceholderText), base, TEXT_CONTRAST),
        ("tooltip text", role(_Role.ToolTipText), role(_Role.ToolTipBase), TEXT_CONTRAST),
        ("links", role(_Role.Link), window, TEXT_CONTRAST),
        ("links in fields", role(_Role.Link), base, TEXT_CONTRAST),
        ("visited links", role(_Role.LinkVisited), window, TEXT_CONTRAST),
        ("visited links in fields", role(_Role.LinkVisited), base, TEXT_CONTRAST),
        ("error text", QColor(custom.error), window, TEXT_CONTRAST),
        ("missed day in the calendar", QColor(custom.error), base, TEXT_CONTRAST),
        ("calendar legend: done", QColor(custom.done), window, TEXT_CONTRAST),
        ("calendar: done bar and tick", QColor(custom.done), base, PART_CONTRAST),
        ("days outside the month", QColor(custom.secondary), base, TEXT_CONTRAST),
        ("secondary text", QColor(custom.secondary), window, TEXT_CONTRAST),
        ("chart axis", QColor(custom.secondary), window, PART_CONTRAST),
        ("tick-box edge", QColor(custom.secondary), base, PART_CONTRAST),
        ("tick-box edge on the window", QColor(custom.secondary), window, PART_CONTRAST),
        ("focus ring against a button", QColor(custom.focus_ring), button, PART_CONTRAST),
        ("focus ring against the window", QColor(custom.focus_ring), window, PART_CONTRAST),
        ("progress bar against its groove", role(_Role.Highlight), window, PART_CONTRAST),
        ("progress bar in a field", role(_Role.Highlight), base, PART_CONTRAST),
        ("today's outline in the calendar", role(_Role.Highlight), base, PART_CONTRAST),
    ]
    pairs += [
        (f"heat-map level {level}", QColor(colour), window, PART_CONTRAST)
        for level, colour in enumerate(custom.heat_levels[1:], start=1)
    ]
    return [ContrastPair(*pair) for pair in pairs]


def _palette(
    colours: dict[QPalette.ColorRole, str],
    disabled: dict[QPalette.ColorRole, str],
    inactive: dict[QPalette.ColorRole, str] | None = None,
) -> QPalette:
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))  # all groups
    for role, colour in disabled.items():
        palette.setColor(_Group.Disabled, role, QColor(colour))
    for role, colour in (inactive or {}).items():
        palette.setColor(_Group.Inactive, role, QColor(colour))
    return palette


def dark_palette() -> QPalette:
    """An explicit dark palette for the Fusion style."""
    return _palette(_DARK, _DARK_DISABLED, _DARK_INACTIVE)


def light_palette() -> QPalette:
    """Fusion's light palette, with the contrast fixes above."""
    return _palette(_LIGHT, _LIGHT_DISABLED)


def palette_for(scheme: Qt.ColorScheme) -> QPalette:
    """The palette for a colour scheme the platform reports: dark for Dark, else light."""
    return dark_palette() if scheme == Qt.ColorScheme.Dark else light_palette()


_OUTLINED = (
    QStyle.PrimitiveElement.PE_IndicatorCheckBox,
    QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
    QStyle.PrimitiveElement.PE_IndicatorRadioButton,
)
_RINGED = (
    QStyle.PrimitiveElement.PE_PanelButtonCommand,
    QStyle.PrimitiveElement.PE_FrameFocusRect,
    QStyle.PrimitiveElement.PE_FrameLineEdit,
)
_INDICATORS = (
    QStyle.PixelMetric.PM_IndicatorWidth,
    QStyle.PixelMetric.PM_IndicatorHeight,
    QStyle.PixelMetric.PM_ExclusiveIndicatorWidth,
    QStyle.PixelMetric.PM_ExclusiveIndicatorHeight,
)
_INDICATOR_SHARE = 0.75  # of the text's line height, so tick boxes grow with the font


class FusionStyle(QProxyStyle):
    """Fusion, with tick boxes and radio buttons outlined in a colour that shows on either
    theme and sized from the font, a focus ring in the theme's focus colour, and every
    widget adapted for the keyboard as it is polished.

    Fusion outlines tick boxes in a darker shade of the window colour: on a dark palette
    the colour of the field behind them, and on a light one 1.6:1 against it. Its focus
    ring is a darker highlight, 2:1 against a dark button.
    """

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))

    def polish(self, target: QWidget | QApplication | QPalette) -> None:  # type: ignore[override]
        if isinstance(target, QWidget):
            adapt_widget(target)
            super().polish(target)
        elif isinstance(target, QApplication):
            super().polish(target)
        else:
            super().polish(target)

    def pixelMetric(
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        size = int(super().pixelMetric(metric, option, widget))
        if metric not in _INDICATORS:
            return size
        if widget is not None:
            line = widget.fontMetrics().height()
        elif option is not None:
            line = option.fontMetrics.height()
        else:
            line = QFontMetrics(QApplication.font()).height()
        return max(size, round(line * _INDICATOR_SHARE))

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        state = option.state
        keyboard_focus = bool(state & QStyle.StateFlag.State_HasFocus) and bool(
            state & QStyle.StateFlag.State_KeyboardFocusChange
        )
        if element in _RINGED and keyboard_focus:
            _draw_ring(painter, option, QColor(colours_for(option.palette).focus_ring), 2)
        elif element in _OUTLINED and not keyboard_focus:
            edge = QColor(colours_for(option.palette).secondary)
            _draw_ring(painter, option, edge, 1, round_=element is _RADIO)


_RADIO = QStyle.PrimitiveElement.PE_IndicatorRadioButton


def _draw_ring(
    painter: QPainter, option: QStyleOption, colour: QColor, width: int, *, round_: bool = False
) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(colour, width))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    inset = width / 2
    outline = QRectF(option.rect).adjusted(inset, inset, -inset, -inset)
    if round_:
        painter.drawEllipse(outline)
    else:
        painter.drawRoundedRect(outline, 2, 2)
    painter.restore()


class _Follower(QObject):
    """One per application, as its child: the theme chosen, the style installed for it, and
    the one connection that re-applies System when the platform's colour scheme changes."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.theme = Theme.SYSTEM
        self._style = FusionStyle()  # kept referenced while the application draws with it
        app.setStyle(self._style)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._scheme_changed)

    @classmethod
    def of(cls, app: QApplication) -> _Follower:
        found = app.findChild(cls, options=Qt.FindChildOption.FindDirectChildrenOnly)
        return found if isinstance(found, cls) else cls(app)

    def _scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        if self.theme is Theme.SYSTEM:
            _set_palette(palette_for(scheme))


def apply_theme(theme: Theme) -> None:
    """Make the window light, dark, or follow the desktop; takes effect at once."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("apply_theme needs a QApplication")
    _Follower.of(app).theme = theme
    hints = QGuiApplication.styleHints()
    # For platforms that honour it (window frames, native dialogs); harmless elsewhere.
    hints.setColorScheme(_SCHEMES[theme])
    scheme = hints.colorScheme() if theme is Theme.SYSTEM else _SCHEMES[theme]
    _set_palette(palette_for(scheme))


def _set_palette(palette: QPalette) -> None:
    QApplication.setPalette(palette)
    QToolTip.setPalette(palette)


def is_dark() -> bool:
    """Whether the window is drawn dark now, whichever way the theme was chosen."""
    return _is_dark(QApplication.palette())


def error_colour() -> str:
    """A red for error text that is readable on the current window background."""
    return colours().error
