"""Time to the first window and peak memory, against a bare PySide6 window in the same run.

Each launch is a fresh process. The child reports, with the wall clock, when the first
window was painted and when the views had loaded the learner's plan; the parent started
the clock just before spawning it. Goals: first window within 1.3x the bare window;
peak memory under 120 MiB at the first window and under 200 MiB with 10,000 tasks.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_startup.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7

# Peak memory is read from VmHWM: ru_maxrss would carry the parent's peak over exec.
PEAK_MEMORY = """
def peak_kib():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
"""

BARE_WINDOW = (
    PEAK_MEMORY
    + """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
            print("painted", time.time(), peak_kib(),
                  flush=True)
            QTimer.singleShot(0, app.quit)
            app.removeEventFilter(self)
        return False

app = QApplication(sys.argv[:1])
watch = Watch()
app.installEventFilter(watch)
window = QMainWindow()
window.resize(1200, 780)
window.show()
app.exec()
"""
)

APP_WINDOW = (
    PEAK_MEMORY
    + """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
from planner.ui.launch import make_application

class Watch(QObject):
    painted = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow) and not self.painted:
            self.painted = True
            print("painted", time.time(), peak_kib(),
                  flush=True)
            QTimer.singleShot(50, lambda: self.wait_for_views(obj))
        return False
    def wait_for_views(self, window):
        page = window.page("plan")
        if page is None or page.model.rowCount() == 0 or window.page("today").model is None:
            QTimer.singleShot(20, lambda: self.wait_for_views(window))
            return
        print("loaded", time.time(), peak_kib(),
              flush=True)
        window.close()

app = make_application()
watch = Watch()
app.installEventFilter(watch)
from planner.app import main
sys.exit(main(["--data-dir", sys.argv[1]]))
"""
)


def _launch(script: str, *arguments: str) -> dict[str, tuple[float, float]]:
    environment = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    started = time.time()
    result = subprocess.run(
        [sys.executable, "-c", script, *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=True,
    )
    marks = {}
    for line in result.stdout.splitlines():
        name, stamp, rss_kib = line.split()
        marks[name] = (float(stamp) - started, int(rss_kib) / 1024)
    return marks


def _make_plan(data_dir: Path, tasks: int) -> None:
    """A learner with a plan of about ``tasks`` study tasks (custom tasks top it up)."""
    from planner.domain.curriculum import Level
    from planner.domain.model import Profile, StudyTask, TaskKind, WeeklyAvailability
    from planner.services.bootstrap import open_context
    from planner.services.plans import create_plan
    from planner.store import repositories as repo

    now = datetime.now(UTC)
    context = open_context(data_dir, lambda: now)
    profile = Profile(
        level=Level.SENIOR,
        specializations=("nlp", "computer-vision", "time-series"),
        availability=WeeklyAvailability.spread(10),
        start_date=now.date(),
        timezone="UTC",
        max_session_minutes=30,
    )
    create_plan(context, profile)
    with context.database.unit_of_work() as session:
        missing = tasks - repo.count_tasks(session=session)
        start = now.date()
        extra = [
            StudyTask(
                title=f"Reading {i}",
                kind=TaskKind.CUSTOM,
                minutes=20,
                scheduled_date=start + timedelta(days=i % 1000),
            )
            for i in range(max(0, missing))
        ]
        repo.add_tasks(extra, session=session)
    context.database.close()


def _open_check(data_dir: Path) -> float:
    """Median time of the read-only check every open runs: header, quick_check, schema."""
    from planner.store.engine import database_path
    from planner.store.health import inspect_database

    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        inspect_database(database_path(data_dir))
        times.append(time.perf_counter() - started)
    return _median(times)


def _median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as small, tempfile.TemporaryDirectory() as large:
        _make_plan(Path(small), 0)
        _make_plan(Path(large), 10_000)
        for _ in range(2):  # warm the file cache
            _launch(BARE_WINDOW)
            _launch(APP_WINDOW, small)
        bare, app, app_large = [], [], []
        for _ in range(RUNS):
            bare.append(_launch(BARE_WINDOW))
            app.append(_launch(APP_WINDOW, small))
            app_large.append(_launch(APP_WINDOW, large))
        check_small, check_large = _open_check(Path(small)), _open_check(Path(large))

    bare_first = _median([m["painted"][0] for m in bare])
    app_first = _median([m["painted"][0] for m in app])
    print(f"median of {RUNS} runs, {date.today().isoformat()}, {os.cpu_count()} cores")
    print(f"bare PySide6 window painted     {bare_first * 1000:7.0f} ms")
    print(
        f"Study Planner window painted    {app_first * 1000:7.0f} ms "
        f"({app_first / bare_first:.2f}x bare; goal <= 1.30x)"
    )
    print(
        f"views loaded (small plan)       {_median([m['loaded'][0] for m in app]) * 1000:7.0f} ms"
    )
    print(
        f"views loaded (10,000 tasks)     "
        f"{_median([m['loaded'][0] for m in app_large]) * 1000:7.0f} ms"
    )
    print(
        f"open-time check (quick_check)   {check_small * 1000:7.1f} ms small, "
        f"{check_large * 1000:.1f} ms with 10,000 tasks (part of every start above)"
    )
    print(f"peak memory, bare window        {_median([m['painted'][1] for m in bare]):7.1f} MiB")
    print(
        f"peak memory, first window       {_median([m['painted'][1] for m in app]):7.1f} MiB "
        "(goal < 120)"
    )
    print(
        f"peak memory, 10,000-task plan   "
        f"{_median([m['loaded'][1] for m in app_large]):7.1f} MiB (goal < 200)"
    )


if __name__ == "__main__":
    main()
