"""The progress snapshot, after ticking tasks off on several days with a moving clock."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

import pytest

from planner.domain.curriculum import Level
from planner.domain.model import (
    CertificationGoal,
    Profile,
    StudyTask,
    TaskStatus,
    WeeklyAvailability,
)
from planner.domain.progress import Share
from planner.domain.progress_calendar import (
    chart_weeks_start,
    minutes_between,
    monday_of,
    recent_weeks_start,
)
from planner.services.context import AppContext
from planner.services.errors import NoProfileError
from planner.services.plans import create_plan
from planner.services.progress import progress_snapshot
from planner.services.tasks import all_tasks, complete_task, log_time, set_status
from tests.conftest import FakeClock

START = date(2026, 11, 23)  # a Monday; FIXED_NOW is Saturday 28 November


def _profile(timezone: str = "UTC") -> Profile:
    return Profile(
        level=Level.JUNIOR,
        specializations=("nlp",),
        availability=WeeklyAvailability.spread(10),
        start_date=START,
        timezone=timezone,
    )


@pytest.fixture
def context(empty_context: AppContext) -> AppContext:
    create_plan(
        empty_context,
        _profile(),
        [CertificationGoal("deep-learning-specialization-certificate", exam_date=date(2027, 6, 1))],
    )
    return empty_context


def _on(context: AppContext, day: date) -> list[StudyTask]:
    return [task for task in all_tasks(context) if task.scheduled_date == day]


def _tick(context: AppContext, clock: FakeClock, task: StudyTask) -> None:
    assert task.id is not None
    clock.set_day(task.scheduled_date)
    complete_task(context, task.id)


def _expected_by(
    key_of: dict[str, str | None], tasks: list[StudyTask]
) -> dict[str, tuple[int, int]]:
    """(done, planned) minutes per key, skipped tasks counting as neither."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for task in tasks:
        key = key_of.get(task.topic_id or "")
        if key is None or task.status is TaskStatus.SKIPPED:
            continue
        totals[key][1] += task.minutes
        if task.status is TaskStatus.DONE:
            totals[key][0] += task.minutes
    return {key: (done, planned) for key, (done, planned) in totals.items()}


def _as_dict(shares: tuple[Share, ...]) -> dict[str, tuple[int, int]]:
    return {share.key: (share.done_minutes, share.planned_minutes) for share in shares}


def test_a_new_plan_has_nothing_done(context: AppContext) -> None:
    snapshot = progress_snapshot(context)

    assert snapshot.today == date(2026, 11, 28)
    assert snapshot.overall.done_minutes == 0
    assert snapshot.overall.planned_minutes == sum(t.minutes for t in all_tasks(context)) > 0
    assert snapshot.overall.percent == 0
    assert snapshot.groups
    assert all(share.done_minutes == 0 for share in snapshot.groups + snapshot.levels)
    assert snapshot.weekly_hours == ((START, 0.0),)
    assert dict(snapshot.minutes_by_day) == {}
    assert (snapshot.streaks.current, snapshot.streaks.longest) == (0, 0)
    assert snapshot.total_hours == 0
    assert snapshot.heatmap_start == START - timedelta(weeks=25)


def test_ticking_off_over_several_days(context: AppContext, clock: FakeClock) -> None:
    saturday, sunday, monday, tuesday = (START + timedelta(days=n) for n in (5, 6, 7, 8))
    # Saturday: everything planned. Sunday: one task, with 25 minutes logged.
    # Monday: nothing, and one task skipped. Tuesday: one task.
    saturday_tasks = _on(context, saturday)
    sunday_task, tuesday_task = _on(context, sunday)[0], _on(context, tuesday)[0]
    skipped = _on(context, monday)[0]
    assert saturday_tasks
    for task in saturday_tasks:
        _tick(context, clock, task)
    _tick(context, clock, sunday_task)
    assert sunday_task.id is not None
    assert skipped.id is not None
    log_time(context, sunday_task.id, 25, "shorter than planned")
    clock.set_day(monday)
    set_status(context, skipped.id, TaskStatus.SKIPPED)
    _tick(context, clock, tuesday_task)

    snapshot = progress_snapshot(context)

    tasks = all_tasks(context)
    saturday_minutes = sum(t.minutes for t in saturday_tasks)
    done = saturday_minutes + sunday_task.minutes + tuesday_task.minutes
    assert snapshot.today == tuesday
    assert snapshot.overall.done_minutes == done
    assert snapshot.overall.planned_minutes == sum(t.minutes for t in tasks) - skipped.minutes
    assert snapshot.overall.percent == int(100 * done / snapshot.overall.planned_minutes)
    assert snapshot.overall.fraction == done / snapshot.overall.planned_minutes

    curriculum = context.curriculum
    group_of: dict[str, str | None] = {t.id: t.group_id for t in curriculum.topics}
    level_of: dict[str, str | None] = {t.id: t.level.value for t in curriculum.topics}
    assert _as_dict(snapshot.groups) == _expected_by(group_of, tasks)
    assert _as_dict(snapshot.levels) == _expected_by(level_of, tasks)
    group_order = [g.id for g in curriculum.groups]
    keys = [share.key for share in snapshot.groups]
    assert keys == sorted(keys, key=group_order.index)

    # Study time is the logged time when there is some, on the day the task was planned.
    expected_days = {saturday: saturday_minutes, sunday: 25, tuesday: tuesday_task.minutes}
    assert dict(snapshot.minutes_by_day) == expected_days
    assert snapshot.study_days == 3
    assert snapshot.weekly_hours == (
        (START, (saturday_minutes + 25) / 60),
        (START + timedelta(weeks=1), tuesday_task.minutes / 60),
    )
    assert snapshot.total_hours == pytest.approx(sum(expected_days.values()) / 60)
    # Saturday and Sunday in a row; Monday missed; Tuesday is today.
    assert (snapshot.streaks.current, snapshot.streaks.longest) == (1, 2)


def test_figures_reach_back_at_most_26_weeks(context: AppContext, clock: FakeClock) -> None:
    first = _on(context, START + timedelta(days=5))[0]
    _tick(context, clock, first)
    today = START + timedelta(weeks=40, days=2)  # a Wednesday
    clock.set_day(today)

    snapshot = progress_snapshot(context)

    assert snapshot.today == today
    mondays = [monday for monday, _hours in snapshot.weekly_hours]
    assert len(mondays) == 26
    assert mondays[-1] == monday_of(today)
    assert mondays == [mondays[0] + timedelta(weeks=n) for n in range(26)]
    assert all(hours == 0 for _monday, hours in snapshot.weekly_hours)
    assert snapshot.heatmap_start == mondays[0]
    assert dict(snapshot.minutes_by_day) == {}  # the one study day is older than that
    assert snapshot.total_hours == pytest.approx(first.minutes / 60)  # but still counts here
    assert (snapshot.streaks.current, snapshot.streaks.longest) == (0, 1)


def test_today_is_the_learners_date(empty_context: AppContext, clock: FakeClock) -> None:
    create_plan(empty_context, _profile("Pacific/Auckland"))
    clock.now = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)  # 01:00 on the 29th in Auckland

    assert progress_snapshot(empty_context).today == date(2026, 11, 29)


def test_no_plan_is_an_error(empty_context: AppContext) -> None:
    with pytest.raises(NoProfileError):
        progress_snapshot(empty_context)


def test_calendar_windows() -> None:
    wednesday = date(2026, 12, 2)
    assert monday_of(wednesday) == date(2026, 11, 30)
    assert recent_weeks_start(wednesday, 1) == date(2026, 11, 30)
    assert recent_weeks_start(wednesday, 3) == date(2026, 11, 16)
    with pytest.raises(ValueError, match="at least one week"):
        recent_weeks_start(wednesday, 0)
    assert chart_weeks_start(None, wednesday) == date(2026, 11, 30)
    assert chart_weeks_start(date(2027, 1, 1), wednesday) == date(2026, 11, 30)  # plan ahead
    assert chart_weeks_start(date(2026, 11, 20), wednesday) == date(2026, 11, 16)
    assert chart_weeks_start(date(2020, 1, 1), wednesday, 3) == date(2026, 11, 16)
    by_day = {date(2026, 11, 1): 30, date(2026, 11, 2): 0, date(2026, 11, 3): 45}
    assert minutes_between(by_day, date(2026, 11, 2), date(2026, 11, 30)) == {date(2026, 11, 3): 45}
