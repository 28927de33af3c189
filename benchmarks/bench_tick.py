"""Time for a tick-off to reach the screen (goal: under 16 ms, one frame at 60 Hz).

Measured from the click's request (the model's checkbox being set, as a mouse click or Space
does) to the end of the synchronous repaint of the task list. The database write runs on the
worker thread meanwhile; it is timed separately, since the screen does not wait for it.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_tick.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEventLoop, Qt, qInstallMessageHandler
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from planner.domain.curriculum import Level
from planner.domain.model import Profile, WeeklyAvailability
from planner.services.bootstrap import open_context
from planner.services.plans import create_plan
from planner.ui.backend import Backend
from planner.ui.models.task_table import Column
from planner.ui.views.today import TodayView

TICKS = 200


def _quiet_offscreen(kind: object, context: object, message: str) -> None:
    """The offscreen platform warns on every resize that it has no window manager."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def main() -> None:
    qInstallMessageHandler(_quiet_offscreen)
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        now = datetime(2026, 11, 30, 8, tzinfo=UTC)
        context = open_context(Path(folder), lambda: now)
        create_plan(
            context,
            Profile(
                level=Level.MID,
                specializations=("nlp",),
                availability=WeeklyAvailability.spread(21),
                start_date=now.date(),
                timezone="UTC",
                max_session_minutes=45,
            ),
        )
        backend = Backend(context)
        view = TodayView(backend, QUndoStack(), "UTC")
        view.resize(1200, 780)
        view.show()
        view.reload()
        while view.model.rowCount() == 0:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        viewport = view.table.viewport()
        index = view.model.index(0, Column.TASK)

        screen_ms, stored_ms = [], []
        for tick in range(TICKS):
            state = Qt.CheckState.Checked if tick % 2 == 0 else Qt.CheckState.Unchecked
            started = time.perf_counter()
            view.model.setData(index, state.value, Qt.ItemDataRole.CheckStateRole)
            viewport.repaint()
            screen_ms.append((time.perf_counter() - started) * 1000)
            backend.wait_until_idle()
            app.processEvents()
            stored_ms.append((time.perf_counter() - started) * 1000)
        context.database.close()

    def summary(values: list[float]) -> str:
        values = sorted(values)
        p95 = values[int(len(values) * 0.95) - 1]
        return f"median {statistics.median(values):6.2f} ms, p95 {p95:6.2f} ms"

    print(f"{TICKS} tick-offs and take-backs of one task")
    print(f"tick-off on screen      {summary(screen_ms)}  (goal < 16 ms)")
    print(f"tick-off stored (fsync) {summary(stored_ms)}")


if __name__ == "__main__":
    main()
