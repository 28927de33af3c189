"""The pace forecast as the window, ``status`` and the reminders read it; skip and drop."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from planner.domain.curriculum import Level
from planner.domain.model import CertificationGoal, Profile, TaskStatus, WeeklyAvailability
from planner.services.context import AppContext
from planner.services.errors import NoProfileError, ServiceError
from planner.services.pace import pace_forecast
from planner.services.plans import assess_plan, create_plan, drop_topic, topic_drop
from planner.services.status import status_report
from planner.services.tasks import all_tasks, complete_task, set_status, skip_task
from tests.conftest import FakeClock

START = date(2026, 11, 23)  # a Monday; FIXED_NOW is Saturday 28 November
EXAM = "deep-learning-specialization-certificate"


@pytest.fixture
def context(empty_context: AppContext, clock: FakeClock) -> AppContext:
    clock.set_day(START)
    profile = Profile(
        level=Level.JUNIOR,
        specializations=("nlp",),
        availability=WeeklyAvailability.spread(10),
        start_date=START,
        timezone="UTC",
    )
    create_plan(empty_context, profile, [CertificationGoal(EXAM, exam_date=date(2028, 1, 1))])
    return empty_context


def _study(context: AppContext, clock: FakeClock, days: int) -> None:
    """Do every session of the next ``days`` days, each on its day."""
    for offset in range(days):
        day = START + timedelta(days=offset)
        clock.set_day(day)
        for task in all_tasks(context):
            if task.scheduled_date == day and task.status.is_open and task.id is not None:
                complete_task(context, task.id)
    clock.set_day(START + timedelta(days=days))


def test_no_plan_has_no_forecast(empty_context: AppContext) -> None:
    with pytest.raises(NoProfileError):
        pace_forecast(empty_context)


def test_a_learner_on_pace_gets_no_warning(context: AppContext, clock: FakeClock) -> None:
    _study(context, clock, 14)
    forecast = pace_forecast(context)
    assert forecast.report.feasible
    assert forecast.pace is not None
    assert forecast.pace.share == pytest.approx(1.0, abs=0.05)
    assert forecast.warnings == ()
    assert not forecast.at_risk


def test_a_learner_who_stopped_is_warned_while_the_plan_still_fits(
    context: AppContext, clock: FakeClock
) -> None:
    clock.set_day(START + timedelta(days=14))
    forecast = pace_forecast(context)
    assert forecast.report.feasible  # re-planned from today, the work still fits
    (warning,) = forecast.warnings
    assert warning.certification_id == EXAM
    assert warning.forecast_date is None
    assert forecast.at_risk
    assert status_report(context).forecast == forecast


def test_a_skip_moves_the_work_later_and_taking_it_back_removes_the_copy(
    context: AppContext,
) -> None:
    def open_minutes() -> int:
        return sum(t.minutes for t in all_tasks(context) if t.status.is_open)

    total = open_minutes()
    first = all_tasks(context)[0]
    assert first.id is not None
    changes = skip_task(context, first.id)
    assert changes.plan
    assert open_minutes() == total
    assert assess_plan(context).total_minutes == total
    set_status(context, first.id, TaskStatus.PENDING)
    assert open_minutes() == total
    complete_task(context, first.id)
    with pytest.raises(ServiceError, match="only open tasks can be skipped"):
        skip_task(context, first.id)


def test_dropping_a_topic_says_what_it_removes(context: AppContext) -> None:
    topic_id = "deep-learning"
    preview = topic_drop(context, topic_id)
    assert preview.open_tasks > 0
    assert preview.needed_by == (EXAM,)
    assert preview.dependants
    before = sum(t.minutes for t in all_tasks(context) if t.status.is_open)
    dropped, changes = drop_topic(context, topic_id)
    assert dropped == preview
    assert changes.profile
    assert all(t.topic_id != topic_id for t in all_tasks(context) if t.status.is_open)
    after = sum(t.minutes for t in all_tasks(context) if t.status.is_open)
    assert after < before
    with pytest.raises(ServiceError, match="is not in the plan"):
        topic_drop(context, topic_id)
