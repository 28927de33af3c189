"""Every task as a CSV spreadsheet row."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from planner.domain.curriculum import Curriculum
from planner.domain.model import StudyTask, TaskStatus
from planner.domain.progress import studied_on
from planner.export.describe import STATUS_TITLES, group_title, topic_title

COLUMNS = (
    "Date",
    "Task",
    "Topic",
    "Group",
    "Kind",
    "Status",
    "Planned minutes",
    "Minutes studied",
    "Completed on",
    "Notes",
)


def tasks_csv(tasks: Sequence[StudyTask], curriculum: Curriculum, timezone: str) -> bytes:
    """UTF-8 with a byte-order mark, which spreadsheet programs need to read it as UTF-8."""
    zone = ZoneInfo(timezone)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for task in tasks:
        done = task.status is TaskStatus.DONE
        completed = studied_on(task, zone).isoformat() if done else ""
        writer.writerow(
            (
                task.scheduled_date.isoformat(),
                task.title,
                topic_title(task, curriculum),
                group_title(task, curriculum),
                task.kind.value,
                STATUS_TITLES[task.status],
                task.minutes,
                task.minutes_studied,
                completed,
                task.notes,
            )
        )
    return buffer.getvalue().encode("utf-8-sig")
