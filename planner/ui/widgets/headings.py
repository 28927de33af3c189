"""Page headings: larger, bold labels.

Set as fonts rather than by an application style sheet, which would put every widget
under Qt's style-sheet style and bypass the dark palette's outlined tick boxes.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

_PAGE_SCALE = 1.6
_SECTION_SCALE = 1.25


def make_heading(label: QLabel, *, section: bool = False) -> QLabel:
    """Style ``label`` as a page heading, or as a section heading within a page. Headings
    wrap, so a large font never cuts them off."""
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * (_SECTION_SCALE if section else _PAGE_SCALE))
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label
