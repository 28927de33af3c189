"""The plan's actions on single tasks (move, pin, skip, drop its topic, add one's own): their
shortcuts, when they apply, their context menu and the buttons that mirror them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from planner.domain.model import StudyTask, TaskStatus

Slot = Callable[[], object]


@dataclass(frozen=True)
class TaskActions:
    move: QAction
    pin: QAction
    skip: QAction
    drop: QAction
    add: QAction

    @classmethod
    def create(
        cls, owner: QWidget, *, move: Slot, pin: Slot, skip: Slot, drop: Slot, add: Slot
    ) -> TaskActions:
        """The actions, added to ``owner`` so their shortcuts work window-wide. Only
        adding is enabled until :meth:`update_for` is given a task."""
        actions = cls(
            move=make_action(owner, "&Move to Date…", QKeySequence("Ctrl+M"), move),
            pin=make_action(owner, "&Pin to Day", QKeySequence("Ctrl+Shift+P"), pin),
            skip=make_action(owner, "&Skip", QKeySequence("Ctrl+K"), skip),
            drop=make_action(owner, "&Drop Topic…", QKeySequence("Ctrl+Shift+D"), drop),
            add=make_action(
                owner, "&Add Custom Task…", QKeySequence(QKeySequence.StandardKey.New), add
            ),
        )
        actions.add.setEnabled(True)
        return actions

    def update_for(self, task: StudyTask | None) -> None:
        """Enable and name the actions for the selected task (None: nothing selected)."""
        is_open = task is not None and task.status.is_open
        self.move.setEnabled(is_open)
        self.pin.setEnabled(is_open)
        self.pin.setText("Un&pin" if task is not None and task.pinned else "&Pin to Day")
        skipped = task is not None and task.status is TaskStatus.SKIPPED
        self.skip.setEnabled(is_open or skipped)
        self.skip.setText("&Reopen" if skipped else "&Skip")
        self.drop.setEnabled(is_open and task is not None and task.topic_id is not None)

    def menu(self, parent: QWidget) -> QMenu:
        """A context menu of the actions on a task, then adding one's own."""
        menu = QMenu(parent)
        menu.addActions([self.move, self.pin, self.skip, self.drop])
        menu.addSeparator()
        menu.addAction(self.add)
        return menu


def make_action(owner: QWidget, text: str, shortcut: QKeySequence, slot: Slot) -> QAction:
    action = QAction(text, owner)
    action.setShortcut(shortcut)
    # Window-wide, so the keys work as soon as the page is shown; a hidden page's
    # actions never fire.
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    plain = text.replace("&", "").rstrip("…")
    action.setToolTip(f"{plain} ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})")
    action.triggered.connect(lambda _checked=False: slot())
    action.setEnabled(False)
    owner.addAction(action)
    return action


def action_button(action: QAction, description: str) -> QPushButton:
    """A push button that triggers ``action`` and follows its text and enabled state.
    Screen readers announce its text, then ``description``."""
    button = QPushButton(action.text().replace("&", ""))
    button.setAccessibleDescription(description)
    button.setToolTip(action.toolTip())
    button.clicked.connect(action.trigger)
    action.changed.connect(lambda: _sync_button(button, action))
    _sync_button(button, action)
    return button


def _sync_button(button: QPushButton, action: QAction) -> None:
    button.setText(action.text().replace("&", ""))
    button.setEnabled(action.isEnabled())
