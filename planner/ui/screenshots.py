"""Screenshots of the main views for the README, from a demo learner three weeks into a plan.

Run under a display (``./dev.sh screenshots`` starts Xvfb): ``python -m planner.ui.screenshots
docs/``. The demo data lives in a temporary folder; the learner's own data is never touched.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QFont

from planner.domain.curriculum import Level
from planner.domain.model import CertificationGoal, GoalStatus, Profile, WeeklyAvailability
from planner.export.options import PaperSize, ReportOptions
from planner.services.bootstrap import open_context
from planner.services.exports import export_file
from planner.services.plans import create_plan
from planner.services.tasks import all_tasks, complete_task, log_time
from planner.ui.controller import WindowController
from planner.ui.launch import build_window, make_application
from planner.ui.main_window import PAGES

DEMO_START = date(2026, 11, 2)
DEMO_TODAY = datetime(2026, 11, 26, 9, tzinfo=UTC)


class _DemoClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def make_demo_data(data_dir: Path) -> None:
    """A mid-level NLP learner who studied most days for three weeks and missed a few."""
    clock = _DemoClock(datetime.combine(DEMO_START, time(8), tzinfo=UTC))
    context = open_context(data_dir, clock)
    create_plan(
        context,
        Profile(
            level=Level.MID,
            specializations=("nlp", "time-series"),
            availability=WeeklyAvailability((60, 60, 45, 60, 30, 150, 120)),
            start_date=DEMO_START,
            timezone="UTC",
        ),
        [
            CertificationGoal(
                "azure-ai-apps-agents-developer",
                status=GoalStatus.BOOKED,
                exam_date=date(2027, 9, 15),
                exam_time=time(9, 30),
            ),
            CertificationGoal(
                "azure-ai-engineer",
                status=GoalStatus.PASSED,
                passed_on=date(2026, 1, 20),
                expires_on=date(2027, 1, 20),
                credential="A1B2-C3D4",
            ),
            CertificationGoal("ibm-ml-professional"),
        ],
    )
    for task in all_tasks(context):
        if task.scheduled_date >= DEMO_TODAY.date() - timedelta(days=2) or task.id is None:
            break
        if task.scheduled_date.day % 9 == 4:
            continue  # a few missed days, so the Today view offers to re-plan
        clock.now = datetime.combine(task.scheduled_date, time(19), tzinfo=UTC)
        complete_task(context, task.id)
        log_time(context, task.id, task.minutes + task.id % 15 - 5, "")
    context.database.close()


def report_picture(data_dir: Path, output: Path) -> Path:
    """The demo learner's PDF progress report, its first page as a PNG (with pdftoppm)."""
    context = open_context(data_dir, lambda: DEMO_TODAY)
    try:
        report = output / "progress-report.pdf"
        options = ReportOptions(learner_name="Sam Rivera", paper=PaperSize.A4)
        export_file(context, report, options=options)
    finally:
        context.database.close()
    picture = output / "report-page-1"
    subprocess.run(
        ["pdftoppm", "-r", "90", "-png", "-f", "1", "-l", "1", "-singlefile", report, picture],
        check=True,
    )
    report.unlink()
    return picture.with_suffix(".png")


def _wait(milliseconds: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def take_screenshots(
    output: Path, size: tuple[int, int] = (1280, 800), point_size: float | None = None
) -> list[Path]:
    app = make_application()
    if point_size is not None:  # as a learner who needs large text sets the desktop's font
        font = QFont(app.font())
        font.setPointSizeF(point_size)
        app.setFont(font)
    saved = []
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        make_demo_data(data_dir)
        window = build_window(data_dir)
        window.resize(*size)
        controller = WindowController(window, data_dir, lambda: DEMO_TODAY)
        window.show()
        controller.start()
        while window.page("today") is None:
            _wait(50)
        for page in PAGES:
            window.show_page(page.key)
            _wait(2500)
            path = output / f"screenshot-{page.key}.png"
            window.grab().save(str(path))
            saved.append(path)
        controller.shutdown()
        window.close()
        saved.append(report_picture(data_dir, output))
    return saved


def _size(text: str) -> tuple[int, int]:
    width, _, height = text.partition("x")
    if not (width.isdigit() and height.isdigit()):
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1280x800")
    return int(width), int(height)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("output", type=Path, help="folder for the PNG files")
    parser.add_argument(
        "--size", type=_size, default=(1280, 800), metavar="WxH", help="window size"
    )
    parser.add_argument(
        "--point-size", type=float, help="application font size, to check large text (e.g. 16)"
    )
    arguments = parser.parse_args()
    arguments.output.mkdir(parents=True, exist_ok=True)
    for path in take_screenshots(arguments.output, arguments.size, arguments.point_size):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
