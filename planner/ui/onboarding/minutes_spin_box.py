"""A spin box for the study time on one day, in hours and minutes."""

from __future__ import annotations

import re

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QSpinBox, QWidget

from planner.ui.formatting import duration

MAX_DAY_MINUTES = 24 * 60


class MinutesSpinBox(QSpinBox):
    """Study time on one day, shown as hours and minutes; accepts "90", "1 h 30", "1:30"."""

    _PATTERN = re.compile(
        r"^\s*(?:(?P<h>\d+)\s*(?:h|hr|hrs|hours?)\s*(?P<hm>\d+)?\s*(?:m|min|mins|minutes?)?"
        r"|(?P<ch>\d+):(?P<cm>\d{1,2})"
        r"|(?P<m>\d+)\s*(?:m|min|mins|minutes?)?)\s*$",
        re.IGNORECASE,
    )
    _PARTIAL = re.compile(r"^[\d\s:hourminsHOURMINS]*$")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, MAX_DAY_MINUTES)
        self.setSingleStep(15)
        self.setSpecialValueText("Rest day")
        self.setAccelerated(True)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setCorrectionMode(QSpinBox.CorrectionMode.CorrectToPreviousValue)

    def sizeHint(self) -> QSize:
        # Qt sizes the box for its minimum, maximum and special texts ("Rest day", "24 h");
        # the widest value is one in between, such as "23 h 59 min".
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        sized_for = max(
            metrics.horizontalAdvance(text)
            for text in (
                self.textFromValue(self.minimum()),
                self.textFromValue(self.maximum()),
                self.specialValueText(),
            )
        )
        widest = metrics.horizontalAdvance(self.textFromValue(self.maximum() - 1))
        hint.setWidth(hint.width() + max(0, widest - sized_for))
        return hint

    @classmethod
    def parse(cls, text: str) -> int | None:
        match = cls._PATTERN.match(text)
        if match is None:
            return None
        if match["h"] is not None:
            return int(match["h"]) * 60 + int(match["hm"] or 0)
        if match["ch"] is not None:
            minutes = int(match["cm"])
            return int(match["ch"]) * 60 + minutes if minutes < 60 else None
        return int(match["m"])

    def textFromValue(self, val: int) -> str:
        return duration(val)

    def valueFromText(self, text: str) -> int:
        if text.strip() == self.specialValueText():
            return self.minimum()
        parsed = self.parse(text)
        return self.value() if parsed is None else parsed

    def validate(self, input: str, pos: int) -> tuple[QValidator.State, str, int]:
        if input.strip() == self.specialValueText():
            return QValidator.State.Acceptable, input, pos
        parsed = self.parse(input)
        if parsed is not None and self.minimum() <= parsed <= self.maximum():
            return QValidator.State.Acceptable, input, pos
        if self.specialValueText().startswith(input.strip()) or self._PARTIAL.match(input):
            return QValidator.State.Intermediate, input, pos
        return QValidator.State.Invalid, input, pos
