"""Results of background work reach only views that still exist."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from planner.services.context import AppContext
from planner.ui.backend import Backend


class _Receiver(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.results: list[int] = []

    def take(self, result: int) -> None:
        self.setText(str(result))  # on a deleted label: "Internal C++ object already deleted"
        self.results.append(result)


def test_a_result_for_a_view_closed_meanwhile_is_dropped(backend: Backend, qtbot: QtBot) -> None:
    release = threading.Event()
    closed, kept = _Receiver(), _Receiver()

    def slow(_context: AppContext) -> int:
        release.wait(10)
        return 7

    backend.query(slow, closed.take)
    backend.query(lambda _context: 8, kept.take)
    shiboken6.delete(closed)
    release.set()

    qtbot.waitUntil(lambda: kept.results == [8])
    qtbot.waitUntil(lambda: not backend.runner.is_busy)
    assert closed.results == []
