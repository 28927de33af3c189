"""The window's own settings (geometry, theme, last view), typed and versioned.

Kept in an INI file in the learner's data folder, so a test with its own data folder never
reads or writes the real learner's settings.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

SCHEMA_VERSION = 1
FILENAME = "window.ini"


class Theme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


class UiSettings:
    def __init__(self, data_dir: Path) -> None:
        self._settings = QSettings(str(data_dir / FILENAME), QSettings.Format.IniFormat)
        if self._settings.value("schema_version", SCHEMA_VERSION, int) != SCHEMA_VERSION:
            # Settings from another schema are only window cosmetics: start afresh.
            self._settings.clear()
        self._settings.setValue("schema_version", SCHEMA_VERSION)

    @property
    def path(self) -> Path:
        return Path(self._settings.fileName())

    @property
    def geometry(self) -> QByteArray | None:
        value = self._settings.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._settings.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        value = self._settings.value("window/state")
        return value if isinstance(value, QByteArray) else None

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._settings.setValue("window/state", value)

    @property
    def theme(self) -> Theme:
        value = self._settings.value("appearance/theme", Theme.SYSTEM.value, str)
        return Theme(value) if value in {t.value for t in Theme} else Theme.SYSTEM

    @theme.setter
    def theme(self, value: Theme) -> None:
        self._settings.setValue("appearance/theme", value.value)

    @property
    def last_view(self) -> str:
        return str(self._settings.value("window/last_view", "today", str))

    @last_view.setter
    def last_view(self, value: str) -> None:
        self._settings.setValue("window/last_view", value)

    @property
    def export_folder(self) -> Path | None:
        """The folder the last export or import used."""
        value = str(self._settings.value("files/export_folder", "", str))
        return Path(value) if value and Path(value).is_dir() else None

    @export_folder.setter
    def export_folder(self, value: Path) -> None:
        self._settings.setValue("files/export_folder", str(value))

    @property
    def report_includes_notes(self) -> bool:
        return bool(self._settings.value("files/report_includes_notes", False, bool))

    @report_includes_notes.setter
    def report_includes_notes(self, value: bool) -> None:
        self._settings.setValue("files/report_includes_notes", value)

    def sync(self) -> None:
        self._settings.sync()
