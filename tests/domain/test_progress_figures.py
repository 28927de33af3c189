"""Study days and streaks come from when work was done, in the learner's time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from planner.domain.model import StudyTask, TaskKind, TaskStatus
from planner.domain.progress import hours_by_week, streaks, study_minutes_by_day

TOKYO = ZoneInfo("Asia/Tokyo")


def _done(scheduled: date, completed: datetime | None, minutes: int = 60) -> StudyTask:
    return StudyTask(
        title="t",
        kind=TaskKind.LEARN,
        minutes=minutes,
        scheduled_date=scheduled,
        status=TaskStatus.DONE,
        completed_at=completed,
    )


def test_work_done_ahead_of_schedule_counts_on_the_day_it_was_done() -> None:
    early = _done(date(2026, 12, 10), datetime(2026, 12, 1, 9, tzinfo=UTC))
    assert study_minutes_by_day([early], UTC) == {date(2026, 12, 1): 60}


def test_the_day_is_the_learners_local_day() -> None:
    # 20:00 UTC on 1 December is already 2 December in Tokyo.
    late = _done(date(2026, 12, 1), datetime(2026, 12, 1, 20, tzinfo=UTC))
    assert study_minutes_by_day([late], TOKYO) == {date(2026, 12, 2): 60}


def test_logged_time_wins_over_planned_minutes_and_open_tasks_do_not_count() -> None:
    logged = StudyTask(
        title="t",
        kind=TaskKind.PRACTICE,
        minutes=90,
        scheduled_date=date(2026, 12, 3),
        status=TaskStatus.DONE,
        time_spent_minutes=40,
    )
    pending = StudyTask(
        title="t", kind=TaskKind.LEARN, minutes=30, scheduled_date=date(2026, 12, 3)
    )
    assert study_minutes_by_day([logged, pending], UTC) == {date(2026, 12, 3): 40}


def test_weekly_hours_and_streaks_from_study_days() -> None:
    by_day = {date(2026, 11, 30): 60, date(2026, 12, 1): 30, date(2026, 12, 8): 90}
    assert hours_by_week(by_day, first=date(2026, 12, 2), last=date(2026, 12, 9)) == [
        (date(2026, 11, 30), 1.5),
        (date(2026, 12, 7), 1.5),
    ]
    assert streaks(by_day, today=date(2026, 12, 9)).current == 1
    assert streaks(by_day, today=date(2026, 12, 9)).longest == 2
    assert streaks(by_day, today=date(2026, 12, 10)).current == 0
