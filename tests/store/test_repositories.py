"""Round trips through the repositories, each test on a fresh temporary database."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest

from planner.domain.curriculum import Certification, CertificationStatus, Level
from planner.domain.model import (
    CertificationGoal,
    GoalStatus,
    Profile,
    Reminder,
    StudyTask,
    TaskKind,
    TaskStatus,
    WeeklyAvailability,
)
from planner.store import repositories as repo
from planner.store.database import Database
from tests.conftest import FIXED_NOW

INDIA = timezone(timedelta(hours=5, minutes=30))


def _profile() -> Profile:
    return Profile(
        level=Level.MID,
        specializations=("nlp", "time-series"),
        availability=WeeklyAvailability((60, 60, 0, 90, 60, 180, 0)),
        start_date=date(2026, 12, 1),
        timezone="Europe/Berlin",
        max_session_minutes=75,
        include_interview_prep=False,
        known_topic_ids=frozenset({"python", "git"}),
    )


def test_profile_round_trip(database: Database) -> None:
    with database.unit_of_work() as session:
        assert repo.load_profile(session=session) is None
        repo.save_profile(
            _profile(), curriculum_id="ml-engineering", now=FIXED_NOW, session=session
        )
    with database.unit_of_work() as session:
        assert repo.load_profile(session=session) == _profile()


def test_known_topics_can_be_replaced(database: Database) -> None:
    with database.unit_of_work() as session:
        repo.save_profile(
            _profile(), curriculum_id="ml-engineering", now=FIXED_NOW, session=session
        )
        repo.set_known_topics({"git", "sql"}, now=FIXED_NOW, session=session)
    with database.unit_of_work() as session:
        profile = repo.load_profile(session=session)
    assert profile is not None
    assert profile.known_topic_ids == {"git", "sql"}


def test_task_round_trip_keeps_aware_utc_datetimes(database: Database) -> None:
    completed = datetime(2026, 12, 2, 23, 15, tzinfo=INDIA)
    task = StudyTask(
        title="Python — learn (1/3)",
        kind=TaskKind.LEARN,
        minutes=90,
        scheduled_date=date(2026, 12, 2),
        topic_id="python",
        status=TaskStatus.DONE,
        pinned=True,
        part=1,
        parts=3,
        completed_at=completed,
        time_spent_minutes=80,
        notes="Finished the tutorial chapters 1-4",
    )
    with database.unit_of_work() as session:
        (stored,) = repo.add_tasks([task], session=session)
    with database.unit_of_work() as session:
        loaded = repo.get_task(stored.id or -1, session=session)

    assert loaded.completed_at == completed
    assert loaded.completed_at is not None
    assert loaded.completed_at.tzinfo == UTC
    assert loaded.completed_at.hour == 17
    assert loaded.completed_at.minute == 45
    assert loaded == replace(task, id=stored.id)


def test_naive_datetimes_are_refused(database: Database) -> None:
    task = StudyTask(
        title="t",
        kind=TaskKind.CUSTOM,
        minutes=30,
        scheduled_date=date(2026, 12, 2),
        status=TaskStatus.DONE,
        completed_at=datetime(2026, 12, 2, 10, 0),
    )
    with pytest.raises(Exception, match="has no time zone"), database.unit_of_work() as session:
        repo.add_tasks([task], session=session)
    with database.unit_of_work() as session:
        assert repo.count_tasks(session=session) == 0


def test_tasks_are_listed_by_date_range_and_status(database: Database) -> None:
    days = [date(2026, 12, d) for d in (3, 1, 2, 5)]
    tasks = [
        StudyTask(title=f"task {d.day}", kind=TaskKind.LEARN, minutes=30, scheduled_date=d)
        for d in days
    ]
    with database.unit_of_work() as session:
        stored = repo.add_tasks(tasks, session=session)
        repo.update_task(replace(stored[0], status=TaskStatus.DONE), session=session)
    with database.unit_of_work() as session:
        in_range = repo.list_tasks(start=date(2026, 12, 2), end=date(2026, 12, 3), session=session)
        pending = repo.list_tasks(statuses=[TaskStatus.PENDING], session=session)
    assert [t.title for t in in_range] == ["task 2", "task 3"]
    assert [t.title for t in pending] == ["task 1", "task 2", "task 5"]


def test_unknown_task_ids_are_named(database: Database) -> None:
    with database.unit_of_work() as session, pytest.raises(repo.NotFoundError, match="id 42"):
        repo.get_task(42, session=session)


def test_an_error_inside_a_unit_of_work_writes_nothing(database: Database) -> None:
    task = StudyTask(title="t", kind=TaskKind.CUSTOM, minutes=30, scheduled_date=date(2026, 12, 2))

    def add_two_then_fail() -> None:
        with database.unit_of_work() as session:
            repo.add_tasks([task, task], session=session)
            repo.get_task(999, session=session)

    with pytest.raises(repo.NotFoundError):
        add_two_then_fail()
    with database.unit_of_work() as session:
        assert repo.count_tasks(session=session) == 0


def test_goals_and_their_reminders(database: Database) -> None:
    goal = CertificationGoal(
        certification_id="aws-ml-engineer-associate",
        status=GoalStatus.BOOKED,
        exam_date=date(2027, 3, 1),
        exam_time=time(14, 30),
        notes="Booked at the test centre",
    )
    with database.unit_of_work() as session:
        saved = repo.save_goal(goal, now=FIXED_NOW, session=session)
        reminder = repo.save_reminder(
            Reminder(
                kind="exam",
                message="Exam in a week",
                due_at=datetime(2027, 2, 22, 9, 0, tzinfo=UTC),
                certification_goal_id=saved.id,
            ),
            session=session,
        )
    with database.unit_of_work() as session:
        assert repo.list_goals(session=session) == [replace(goal, id=saved.id)]
        assert repo.list_reminders(undelivered_only=True, session=session) == [reminder]
        repo.delete_goal(saved.id or -1, session=session)
    with database.unit_of_work() as session:
        # Deleting a goal takes its reminders with it (foreign key with cascade).
        assert repo.list_reminders(session=session) == []


def test_a_goal_keeps_its_whole_lifecycle(database: Database) -> None:
    goal = CertificationGoal(
        certification_id="aws-ml-engineer-associate",
        status=GoalStatus.PASSED,
        exam_date=date(2027, 3, 1),
        passed_on=date(2027, 3, 1),
        expires_on=date(2030, 3, 1),
        failed_on=date(2027, 1, 10),
        credential="https://example.org/credential/42",
    )
    with database.unit_of_work() as session:
        saved = repo.save_goal(goal, now=FIXED_NOW, session=session)
    with database.unit_of_work() as session:
        assert repo.find_goal("aws-ml-engineer-associate", session=session) == saved
        assert repo.find_goal("azure-ai-engineer", session=session) is None
        assert saved == replace(goal, id=saved.id)


def test_custom_certifications_are_stored_as_certifications(database: Database) -> None:
    custom = Certification(
        id="custom-kubernetes-admin",
        title="Kubernetes Administrator",
        provider="CNCF",
        description="ignored",
        status=CertificationStatus.ACTIVE,
        topic_ids=("model-serving", "model-deployment"),
        as_of=FIXED_NOW.date(),
        validity_months=24,
        custom=True,
    )
    with database.unit_of_work() as session:
        repo.add_custom_certification(custom, now=FIXED_NOW, session=session)
    with database.unit_of_work() as session:
        (stored,) = repo.list_custom_certifications(session=session)
    assert stored == replace(custom, description="A certification you added.")
