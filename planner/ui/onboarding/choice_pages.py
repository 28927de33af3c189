"""The first two pages: the career level to work towards and the specializations to add,
each choice a card that explains it."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QLabel,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from planner.domain.curriculum import Curriculum, Level
from planner.ui.formatting import topic_title
from planner.ui.onboarding.widgets import page_layout, wrapped


class ChoiceCard(QFrame):
    """A framed choice: its button and the text that explains it. A click anywhere on the
    card acts on the button."""

    def __init__(self, button: QAbstractButton, *details: QLabel, top: bool = False) -> None:
        super().__init__()
        self.button = button
        self.setFrameShape(QFrame.Shape.StyledPanel)
        font = button.font()
        font.setBold(True)
        button.setFont(font)
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        layout.addWidget(button)
        indent = button.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 8
        for label in details:
            label.setContentsMargins(indent, 0, 0, 0)
            layout.addWidget(label)
        if top:  # keep the text at the top when the card is taller than it needs
            layout.addStretch()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.button.click()
            self.button.setFocus(Qt.FocusReason.MouseFocusReason)
        event.accept()


# Level -----------------------------------------------------------------------------------


class LevelPage(QWizardPage):
    """Welcome, and the career level the plan works towards."""

    def __init__(self, curriculum: Curriculum, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Welcome to Study Planner")
        self.setSubTitle(
            "A few questions, and you get a dated plan for learning Machine Learning "
            "Engineering. You can change your study time, level and specializations later "
            "in Settings."
        )
        self.group = QButtonGroup(self)
        self.buttons: dict[Level, QRadioButton] = {}
        content = QWidget()
        layout = QVBoxLayout(content)
        question = QLabel("<b>Which level are you working towards?</b>")
        layout.addWidget(question)
        for level in curriculum.levels:
            button = QRadioButton(level.title.replace("&", "&&"))
            button.setAccessibleName(level.title)
            focus = [topic_title(curriculum, t) for t in level.focus_topic_ids]
            button.setAccessibleDescription(f"{level.summary} Focus: {', '.join(focus)}.")
            summary = wrapped(html.escape(level.summary))
            focus_label = wrapped(
                "<b>Focus:</b> " + " · ".join(html.escape(title) for title in focus)
            )
            self.group.addButton(button)
            self.buttons[level.id] = button
            layout.addWidget(ChoiceCard(button, summary, focus_label))
        layout.addStretch()
        self.group.buttonToggled.connect(lambda _button, _on: self.completeChanged.emit())
        page_layout(self, content)

    def level(self) -> Level | None:
        return next((level for level, b in self.buttons.items() if b.isChecked()), None)

    def isComplete(self) -> bool:
        return self.level() is not None

    def validatePage(self) -> bool:
        return self.isComplete()  # also when next() is called without the button


# Specializations -------------------------------------------------------------------------


class SpecializationPage(QWizardPage):
    def __init__(self, curriculum: Curriculum, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Specializations")
        self.setSubTitle(
            "Pick the areas you want to specialize in. The plan adds their topics to the "
            "general ones; choose at least one."
        )
        self.checkboxes: dict[str, QCheckBox] = {}
        content = QWidget()
        grid = QGridLayout(content)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(12)
        for number, specialization in enumerate(curriculum.specializations):
            box = QCheckBox(specialization.title.replace("&", "&&"))
            box.setAccessibleName(specialization.title)
            box.setAccessibleDescription(specialization.description)
            box.toggled.connect(self._changed)
            self.checkboxes[specialization.id] = box
            card = ChoiceCard(box, wrapped(html.escape(specialization.description)), top=True)
            grid.addWidget(card, number // 2, number % 2)
        for column in (0, 1):
            grid.setColumnStretch(column, 1)
        self.hint = QLabel("Choose at least one specialization to continue.")
        self.hint.setAccessibleName("Hint")
        grid.addWidget(self.hint, grid.rowCount(), 0, 1, 2)
        grid.setRowStretch(grid.rowCount(), 1)
        page_layout(self, content)

    def specializations(self) -> tuple[str, ...]:
        """The chosen ids, in curriculum order."""
        return tuple(key for key, box in self.checkboxes.items() if box.isChecked())

    def isComplete(self) -> bool:
        return bool(self.specializations())

    def validatePage(self) -> bool:
        return self.isComplete()

    def _changed(self) -> None:
        self.hint.setVisible(not self.isComplete())
        self.completeChanged.emit()
