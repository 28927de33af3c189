"""The plan as a calendar and a spreadsheet, read back with icalendar and csv."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from planner.domain.model import StudyTask, TaskKind, TaskStatus
from planner.export.calendar_file import task_uid
from planner.export.options import ExportFormat
from planner.export.spreadsheet import COLUMNS
from planner.services.context import AppContext
from planner.services.errors import ServiceError
from planner.services.exports import export_file
from planner.services.goals import book_exam
from planner.services.plans import replan
from planner.services.tasks import add_custom_task, all_tasks
from tests.conftest import FakeClock
from tests.export.conftest import TODAY


def _events(context: AppContext, path: Path) -> dict[str, dict[str, object]]:
    export_file(context, path)
    calendar = Calendar.from_ical(path.read_bytes())
    events: dict[str, dict[str, object]] = {}
    for event in calendar.walk("VEVENT"):
        uid = str(event["UID"])
        assert uid not in events, f"UID {uid} is used twice"
        events[uid] = {
            "summary": str(event["SUMMARY"]),
            "start": event.decoded("DTSTART"),
            "end": event.decoded("DTEND") if "DTEND" in event else None,
            "description": str(event["DESCRIPTION"]),
            "status": str(event.get("STATUS", "")),
        }
    return events


def test_every_task_and_exam_is_an_all_day_event(context: AppContext, tmp_path: Path) -> None:
    events = _events(context, tmp_path / "plan.ics")
    tasks = all_tasks(context)

    assert len(events) == len(tasks) + 2  # and the two exams
    for task in tasks:
        event = events[task_uid(task)]
        assert event["summary"] == task.title
        assert event["start"] == task.scheduled_date
        assert event["end"] == task.scheduled_date + timedelta(days=1)
        assert f"{task.minutes} min" in str(event["description"])
        if task.status is TaskStatus.SKIPPED:
            assert event["status"] == "CANCELLED"
    exam = events["exam-deep-learning-specialization-certificate@study-planner.local"]
    assert exam["start"] == date(2027, 6, 1)
    assert exam["summary"] == "Exam: Deep Learning Specialization"
    learn = next(t for t in tasks if t.kind is TaskKind.LEARN and t.topic_id)
    assert str(learn.topic_id) in task_uid(learn)
    assert "Topic: " in str(events[task_uid(learn)]["description"])


def test_an_exam_with_a_time_is_a_timed_event_at_the_learners_wall_time(
    context: AppContext, tmp_path: Path
) -> None:
    book_exam(context, "aws-ml-engineer-associate", date(2027, 9, 1), time(9, 30))

    exam = _events(context, tmp_path / "plan.ics")[
        "exam-aws-ml-engineer-associate@study-planner.local"
    ]

    # 09:30 in Berlin in summer time is 07:30 UTC.
    assert exam["start"] == datetime(2027, 9, 1, 7, 30, tzinfo=UTC)
    assert exam["end"] is None  # its length is not known


def test_uids_stay_across_exports_and_a_replan(
    context: AppContext, clock: FakeClock, tmp_path: Path
) -> None:
    add_custom_task(context, "Read the attention paper", 45, TODAY + timedelta(days=2))
    tasks_before = {task_uid(t): t for t in all_tasks(context)}
    first = _events(context, tmp_path / "first.ics")
    again = _events(context, tmp_path / "again.ics")
    assert first.keys() == again.keys()

    # A week passes with nothing done: the re-plan moves the missed work forward.
    clock.set_day(TODAY + timedelta(days=7))
    changes = replan(context)
    assert changes.task_ids
    after = _events(context, tmp_path / "after.ics")

    # A series the re-plan splits into the same number of sittings keeps every UID (the
    # re-plan may split a series anew to fit the days' time: then its parts differ).
    def series(task: StudyTask) -> tuple[object, ...]:
        return task.topic_id, task.kind, task.certification_id

    parts_after = {series(t): t.parts for t in all_tasks(context)}
    kept = [uid for uid, t in tasks_before.items() if parts_after.get(series(t)) == t.parts]
    assert kept
    assert set(kept) <= after.keys()
    moved = [uid for uid in kept if first[uid]["start"] != after[uid]["start"]]
    assert moved  # the same events, on their new dates
    tasks_by_uid = {task_uid(t): t for t in all_tasks(context)}
    for uid in moved:
        assert after[uid]["start"] == tasks_by_uid[uid].scheduled_date


def _custom(context: AppContext) -> StudyTask:
    return next(t for t in all_tasks(context) if t.kind is TaskKind.CUSTOM)


def test_a_custom_task_is_named_by_its_own_id(context: AppContext) -> None:
    add_custom_task(context, "Mock exam", 60, TODAY)
    task = _custom(context)

    assert task_uid(task) == f"custom-{task.id}@study-planner.local"


def test_the_spreadsheet_lists_every_task(context: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "tasks.csv"
    export_file(context, path)
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    tasks = all_tasks(context)

    assert len(rows) == len(tasks)
    assert tuple(rows[0]) == COLUMNS
    for row, task in zip(rows, tasks, strict=True):
        assert row["Date"] == task.scheduled_date.isoformat()
        assert row["Task"] == task.title
        assert row["Planned minutes"] == str(task.minutes)
        assert row["Minutes studied"] == str(task.minutes_studied)
        assert row["Notes"] == task.notes
    logged = next(
        (row, t) for row, t in zip(rows, tasks, strict=True) if t.time_spent_minutes is not None
    )
    assert logged[0]["Status"] == "Done"
    assert logged[0]["Completed on"] == logged[1].scheduled_date.isoformat()
    assert logged[0]["Group"]
    assert {row["Status"] for row in rows} >= {"Done", "Skipped", "Planned"}


def test_format_from_the_option_or_the_extension(context: AppContext, tmp_path: Path) -> None:
    result = export_file(context, tmp_path / "plan.txt", ExportFormat.CSV)
    assert result.format is ExportFormat.CSV
    assert (tmp_path / "plan.txt").read_bytes().startswith(b"\xef\xbb\xbfDate,")

    with pytest.raises(ServiceError, match=r"plan\.doc: cannot tell the format"):
        export_file(context, tmp_path / "plan.doc")
    with pytest.raises(ServiceError, match="no such folder"):
        export_file(context, tmp_path / "missing" / "plan.ics")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "plan.txt"]
