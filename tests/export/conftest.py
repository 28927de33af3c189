"""A learner ten weeks into a plan: tasks ticked off (some with time and notes logged),
one skipped, two certification goals and a delivered reminder."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from planner.domain.curriculum import Level
from planner.domain.model import (
    CertificationGoal,
    Profile,
    Reminder,
    TaskStatus,
    WeeklyAvailability,
)
from planner.services.context import AppContext
from planner.services.plans import create_plan
from planner.services.tasks import all_tasks, complete_task, log_time, set_status
from planner.store import repositories as repo
from tests.conftest import FakeClock

START = date(2026, 11, 2)  # a Monday
TODAY = date(2027, 1, 11)  # ten weeks on
NOTE = "Re-read the chapter & took notes"


@pytest.fixture
def context(empty_context: AppContext, clock: FakeClock) -> AppContext:
    clock.set_day(START)
    create_plan(
        empty_context,
        Profile(
            level=Level.MID,
            specializations=("nlp", "computer-vision"),
            availability=WeeklyAvailability.spread(8),
            start_date=START,
            timezone="Europe/Berlin",
        ),
        [
            CertificationGoal(
                "deep-learning-specialization-certificate", exam_date=date(2027, 6, 1)
            ),
            CertificationGoal("azure-ai-engineer", exam_date=date(2027, 9, 1)),
        ],
    )
    past = [t for t in all_tasks(empty_context) if t.scheduled_date < TODAY]
    for index, task in enumerate(past):
        assert task.id is not None
        clock.set_day(task.scheduled_date)
        if index == 3:
            set_status(empty_context, task.id, TaskStatus.SKIPPED)
            continue
        complete_task(empty_context, task.id)
        if index % 5 == 0:
            log_time(empty_context, task.id, task.minutes + 15, NOTE)
    with empty_context.database.unit_of_work() as session:
        goal = repo.list_goals(session=session)[0]
        due = datetime(2026, 11, 20, 8, tzinfo=UTC)
        repo.save_reminder(
            Reminder(
                kind="exam",
                message="Book your exam",
                due_at=due,
                certification_goal_id=goal.id,
                delivered_at=due + timedelta(minutes=1),
            ),
            session=session,
        )
    clock.set_day(TODAY)
    return empty_context
