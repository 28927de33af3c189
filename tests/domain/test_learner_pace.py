"""The learner's pace and the deadlines it misses before the plan does."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from planner.domain.model import StudyTask, TaskKind, TaskStatus
from planner.domain.pace import Pace, forecast_ready, learner_pace, pace_warnings
from planner.domain.planning import Deadline, PlanInput, build_plan
from tests.domain.conftest import (
    MONDAY,
    make_certification,
    make_curriculum,
    make_profile,
    make_topic,
    save,
)

DAILY_HOUR = make_profile(minutes=(60,) * 7)
EXAM = make_curriculum(
    [make_topic("exam-topic", hours=20)], [make_certification("cert", ["exam-topic"])]
)


def day(offset: int) -> date:
    return MONDAY + timedelta(days=offset)


def done_on(offset: int, minutes: int, logged: int | None = None) -> StudyTask:
    return StudyTask(
        title="Done",
        kind=TaskKind.CUSTOM,
        minutes=minutes,
        scheduled_date=day(offset),
        status=TaskStatus.DONE,
        completed_at=datetime.combine(day(offset), time(20), tzinfo=UTC),
        time_spent_minutes=logged,
    )


def test_there_is_no_pace_in_the_first_week() -> None:
    assert learner_pace([done_on(0, 60)], DAILY_HOUR, day(6), UTC) is None


def test_the_pace_is_the_done_minutes_per_week_over_the_last_four_weeks() -> None:
    # Thirty minutes a day for five weeks; the first week falls outside the window.
    tasks = [done_on(n, 30) for n in range(35)] + [done_on(0, 600)]
    pace = learner_pace(tasks, DAILY_HOUR, day(35), UTC)
    assert pace == Pace(done_minutes_per_week=210, planned_minutes_per_week=420, days=28)
    assert pace.share == 0.5


def test_a_young_plan_measures_since_it_started_and_logged_time_counts() -> None:
    tasks = [done_on(n, 60, logged=45) for n in range(10)]
    pace = learner_pace(tasks, DAILY_HOUR, day(10), UTC)
    assert pace is not None
    assert (pace.done_minutes_per_week, pace.days) == (315, 10)


def _plan(exam_day: int) -> tuple[Deadline, PlanInput]:
    deadline = Deadline("cert", day(exam_day), ("exam-topic",))
    return deadline, PlanInput(EXAM, DAILY_HOUR, MONDAY, deadlines=(deadline,))


def test_the_report_says_when_the_preparation_is_ready_and_how_much_comes_first() -> None:
    _, plan_input = _plan(40)
    (report,) = build_plan(plan_input).report.deadlines
    # 1,200 minutes of study and 120 of practice exams at an hour a day: days 0 to 21.
    assert report.feasible
    assert report.ready_date == day(21)
    assert report.minutes_until_ready == 1320


def test_a_learner_at_half_pace_is_warned_while_the_plan_still_fits() -> None:
    _, plan_input = _plan(40)
    report = build_plan(plan_input).report
    half = Pace(done_minutes_per_week=210, planned_minutes_per_week=420, days=28)
    (warning,) = pace_warnings(report, half, MONDAY)
    # 1,320 minutes at 30 a day: 44 days, so ready on day 43, due on day 37.
    assert warning.forecast_date == day(43)
    assert warning.due_date == day(37)
    assert warning.late_days == 6
    on_pace = replace(half, done_minutes_per_week=420)
    assert pace_warnings(report, on_pace, MONDAY) == ()
    assert pace_warnings(report, None, MONDAY) == ()


def test_no_study_at_all_is_never_ready() -> None:
    _, plan_input = _plan(40)
    (report,) = build_plan(plan_input).report.deadlines
    idle = Pace(done_minutes_per_week=0, planned_minutes_per_week=420, days=28)
    assert forecast_ready(report, idle, MONDAY) is None
    (warning,) = pace_warnings(build_plan(plan_input).report, idle, MONDAY)
    assert warning.late_days is None


def test_a_deadline_the_plan_already_misses_is_left_to_the_plan_report() -> None:
    _, plan_input = _plan(10)
    report = build_plan(plan_input).report
    assert not report.feasible
    half = Pace(done_minutes_per_week=210, planned_minutes_per_week=420, days=28)
    assert pace_warnings(report, half, MONDAY) == ()


def test_the_pace_reads_the_stored_plan() -> None:
    _, plan_input = _plan(40)
    tasks = save((), build_plan(plan_input))
    assert learner_pace(tasks, DAILY_HOUR, day(7), UTC) == Pace(0, 420, 7)
