"""Light, dark, or whatever the desktop uses.

The window draws with the Fusion style, which paints from the application palette, so a
theme is a palette: an explicit dark one, or the style's standard light one. Asking the
platform for a colour scheme (``QStyleHints.setColorScheme``) is done too, for the platforms
that honour it (title bars, native dialogs), but on plain X11 it changes nothing, so the
palette is what makes the theme. The first theme applied to an application also installs
:class:`FusionStyle`, Fusion with tick boxes that show on a dark palette.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QToolTip,
    QWidget,
)

from planner.ui.ui_settings import Theme

_SCHEMES = {
    Theme.SYSTEM: Qt.ColorScheme.Unknown,  # Unknown hands the choice back to the platform
    Theme.LIGHT: Qt.ColorScheme.Light,
    Theme.DARK: Qt.ColorScheme.Dark,
}

_Role = QPalette.ColorRole
_Group = QPalette.ColorGroup

# Dark colours, chosen so text stays well above 7:1 against its background and disabled
# text is still legible (about 3.5:1) but plainly dimmer.
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
    _Role.Highlight: "#2f73b8",
    _Role.HighlightedText: "#ffffff",
    _Role.Accent: "#2f73b8",
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

# Fusion's own light colours, used only if the style's standard palette is not light.
_LIGHT = {
    _Role.Window: "#efefef",
    _Role.WindowText: "#000000",
    _Role.Base: "#ffffff",
    _Role.AlternateBase: "#f7f7f7",
    _Role.Text: "#000000",
    _Role.PlaceholderText: "#808080",
    _Role.Button: "#efefef",
    _Role.ButtonText: "#000000",
    _Role.BrightText: "#ffffff",
    _Role.Light: "#ffffff",
    _Role.Midlight: "#cacaca",
    _Role.Mid: "#b8b8b8",
    _Role.Dark: "#9f9f9f",
    _Role.Shadow: "#767676",
    _Role.Highlight: "#308cc6",
    _Role.HighlightedText: "#ffffff",
    _Role.Accent: "#308cc6",
    _Role.Link: "#0000ff",
    _Role.LinkVisited: "#ff00ff",
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

# Error text that reads on either background.
_ERROR_ON_LIGHT = "#c0392b"
_ERROR_ON_DARK = "#ff8a80"


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
    """The style's standard palette, which for Fusion is light."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        standard = app.style().standardPalette()
        if standard.color(_Role.Window).lightness() >= 128:
            return standard
    return _palette(_LIGHT, _LIGHT_DISABLED)


def palette_for(scheme: Qt.ColorScheme) -> QPalette:
    """The palette for a colour scheme the platform reports: dark for Dark, else light."""
    return dark_palette() if scheme == Qt.ColorScheme.Dark else light_palette()


_OUTLINED = (
    QStyle.PrimitiveElement.PE_IndicatorCheckBox,
    QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
    QStyle.PrimitiveElement.PE_IndicatorRadioButton,
)


class FusionStyle(QProxyStyle):
    """Fusion, with tick boxes and radio buttons outlined on a dark palette.

    Fusion outlines them in a darker shade of the window colour, which on a dark palette
    is the colour of the field behind them: unticked ones vanished.
    """

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element not in _OUTLINED:
            return
        palette = option.palette
        if palette.color(_Role.Window).lightness() >= 128:
            return
        state = option.state
        if state & QStyle.StateFlag.State_HasFocus and (
            state & QStyle.StateFlag.State_KeyboardFocusChange
        ):
            return  # Fusion draws the focus outline in the highlight colour
        edge = _mix(palette.color(_Role.Text), palette.color(_Role.Base), 0.5)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.translate(0.5, 0.5)
        painter.setPen(edge)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        outline = option.rect.adjusted(0, 0, -1, -1)
        if element is QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(outline)
        else:
            painter.drawRect(outline)
        painter.restore()


def _mix(a: QColor, b: QColor, share_of_a: float) -> QColor:
    def channel(x: float, y: float) -> float:
        return x * share_of_a + y * (1 - share_of_a)

    return QColor.fromRgbF(
        channel(a.redF(), b.redF()),
        channel(a.greenF(), b.greenF()),
        channel(a.blueF(), b.blueF()),
    )


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
    return QApplication.palette().color(_Role.Window).lightness() < 128


def error_colour() -> str:
    """A red for error text that is readable on the current window background."""
    return _ERROR_ON_DARK if is_dark() else _ERROR_ON_LIGHT
