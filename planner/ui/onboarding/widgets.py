"""Pieces every page uses: labels that wrap rich text, pages that scroll, and the dates Qt's
date fields take."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget, QWizardPage

DATE_FORMAT = "ddd d MMM yyyy"  # Qt's format, for date edits


def wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def scrolling(content: QWidget) -> QScrollArea:
    """Pages scroll instead of growing the wizard when the text is large."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setWidget(content)
    # Take the background of whatever holds the area (setWidget turned filling on).
    content.setAutoFillBackground(False)
    area.viewport().setAutoFillBackground(False)
    return area


def page_layout(page: QWizardPage, content: QWidget) -> None:
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(scrolling(content))
