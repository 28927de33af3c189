"""A learner ten weeks into a plan: tasks ticked off (some with time and notes logged),
one skipped, two certification goals and a delivered reminder."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

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
from planner.services.tasks import all_tasks
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
            CertificationGoal("aws-ml-engineer-associate", exam_date=date(2027, 9, 1)),
        ],
    )
    # Ticked off in one transaction (the services' own tick-offs are tested elsewhere):
    # done in the evening of their day, every fifth with time and a note logged.
    past = [t for t in all_tasks(empty_context) if t.scheduled_date < TODAY]
    with empty_context.database.unit_of_work() as session:
        for index, task in enumerate(past):
            if index == 3:
                repo.update_task(replace(task, status=TaskStatus.SKIPPED), session=session)
                continue
            logged = index % 5 == 0
            repo.update_task(
                replace(
                    task,
                    status=TaskStatus.DONE,
                    completed_at=datetime.combine(task.scheduled_date, time(18), tzinfo=UTC),
                    time_spent_minutes=task.minutes + 15 if logged else None,
                    notes=NOTE if logged else "",
                ),
                session=session,
            )
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
