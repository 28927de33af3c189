"""Time to export a one-year plan of about 1,000 tasks (goal for the PDF: under 1 s, median
of 5), half of it done with notes, the report including the notes. The other formats are
timed too. The CPU time is printed beside the wall time: on a shared machine the wall time
also counts the waits for a core.

Run: .venv/bin/python benchmarks/bench_export.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, date, datetime
from datetime import time as clock_time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pypdf import PdfReader

from planner.domain.curriculum import Level
from planner.domain.model import (
    CertificationGoal,
    Profile,
    TaskStatus,
    WeeklyAvailability,
)
from planner.export.options import ExportFormat, PaperSize, ReportOptions
from planner.services.bootstrap import open_context
from planner.services.context import AppContext
from planner.services.exports import export_file
from planner.services.plans import create_plan
from planner.services.tasks import all_tasks
from planner.store import repositories as repo

RUNS = 5
START = date(2026, 1, 5)
TODAY = date(2026, 7, 6)  # half-way through the year


def _make_plan(folder: Path) -> tuple[AppContext, int]:
    now = datetime.combine(START, clock_time(8), tzinfo=UTC)
    current = [now]
    context = open_context(folder, lambda: current[0])
    create_plan(
        context,
        Profile(
            level=Level.SENIOR,
            specializations=("nlp", "computer-vision", "time-series", "anomaly-detection"),
            availability=WeeklyAvailability.spread(24),
            start_date=START,
            timezone="UTC",
            max_session_minutes=90,
        ),
        [
            CertificationGoal(
                "deep-learning-specialization-certificate", exam_date=date(2026, 12, 14)
            )
        ],
    )
    tasks = all_tasks(context)
    with context.database.unit_of_work() as session:
        for index, task in enumerate(tasks):
            if task.scheduled_date < TODAY:
                done_at = datetime.combine(task.scheduled_date, clock_time(19), tzinfo=UTC)
                notes = "Worked through the exercises; revisit later." if index % 4 == 0 else ""
                repo.update_task(
                    replace(task, status=TaskStatus.DONE, completed_at=done_at, notes=notes),
                    session=session,
                )
    current[0] = datetime.combine(TODAY, clock_time(8), tzinfo=UTC)
    return context, len(tasks)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        data.mkdir()
        context, count = _make_plan(data)
        last_day = all_tasks(context)[-1].scheduled_date
        print(f"{count} tasks from {START} to {last_day}, half done, as of {TODAY}")
        options = ReportOptions(learner_name="Ada Lovelace", paper=PaperSize.A4, include_notes=True)
        for export_format in ExportFormat:
            target = Path(folder) / f"plan.{export_format.value}"
            seconds, cpu = [], []
            for _ in range(RUNS):
                started, started_cpu = time.perf_counter(), time.process_time()
                export_file(context, target, options=options)
                seconds.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
            extra = ""
            if export_format is ExportFormat.PDF:
                extra = f", {len(PdfReader(target).pages)} pages (goal < 1 s)"
            print(
                f"{export_format.value.upper():4} median {statistics.median(seconds):.3f} s, "
                f"min {min(seconds):.3f} s, max {max(seconds):.3f} s "
                f"(CPU median {statistics.median(cpu):.3f} s), "
                f"{target.stat().st_size / 1024:.0f} KiB{extra}"
            )
        context.database.close()


if __name__ == "__main__":
    main()
