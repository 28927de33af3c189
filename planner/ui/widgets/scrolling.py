"""Pages that scroll instead of clipping or growing the window when the text is large."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


def scrolling(content: QWidget) -> QScrollArea:
    """``content`` in a frameless scroll area that takes the background of what holds it.
    Unnamed, the area is no Tab stop of its own (see :mod:`planner.ui.accessibility`):
    the controls inside are, and it scrolls to the one with focus."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setWidget(content)
    # Take the background of whatever holds the area (setWidget turned filling on).
    content.setAutoFillBackground(False)
    area.viewport().setAutoFillBackground(False)
    return area
