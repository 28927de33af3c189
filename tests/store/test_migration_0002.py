"""Migration 0002 (certification lifecycle) keeps every goal, reminder and task of a 0001
database and adds what the lifecycle needs."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from alembic import command
from sqlalchemy import Engine

from planner.domain.model import GoalStatus
from planner.store import repositories as repo
from planner.store.database import open_database
from planner.store.engine import database_path, make_engine
from planner.store.migrate import _alembic_config, head_revision
from tests.conftest import FIXED_NOW


def _at_revision(path: Path, revision: str) -> Engine:
    engine = make_engine(path, foreign_keys=False, create=True)
    with engine.connect() as connection, connection.begin():
        command.upgrade(_alembic_config(connection), revision)
    return engine


def test_an_0001_database_with_goals_keeps_them_all(data_dir: Path) -> None:
    path = database_path(data_dir)
    _at_revision(path, "0001").dispose()
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        connection.executescript(
            """
            INSERT INTO certification_goal
                (id, certification_id, status, exam_date, passed_on, expires_on, notes, updated_at)
            VALUES
                (1, 'azure-ai-engineer', 'passed', NULL, '2026-05-02', '2027-05-02', 'kept',
                 '2026-11-01 10:00:00.000000'),
                (2, 'aws-ml-engineer-associate', 'booked', '2027-04-01', NULL, NULL, '',
                 '2026-11-01 10:00:00.000000');
            INSERT INTO reminder (id, kind, message, due_at, certification_goal_id)
            VALUES (1, 'exam', 'Exam in a week', '2027-03-25 09:00:00.000000', 2);
            """
        )

    database = open_database(data_dir, now=FIXED_NOW)
    try:
        assert database.migration.from_revision == "0001"
        assert database.migration.to_revision == head_revision()
        assert database.migration.backup_path is not None
        with database.unit_of_work() as session:
            goals = repo.list_goals(session=session)
            reminders = repo.list_reminders(session=session)
            assert repo.list_custom_certifications(session=session) == []
    finally:
        database.close()

    assert [(g.id, g.certification_id, g.status) for g in goals] == [
        (1, "azure-ai-engineer", GoalStatus.PASSED),
        (2, "aws-ml-engineer-associate", GoalStatus.BOOKED),
    ]
    assert goals[0].passed_on == date(2026, 5, 2)
    assert goals[0].expires_on == date(2027, 5, 2)
    assert goals[0].notes == "kept"
    assert goals[1].exam_date == date(2027, 4, 1)
    assert all(g.credential == "" and g.exam_time is None and g.failed_on is None for g in goals)
    # The reminder of goal 2 survives: the goal table was not rebuilt.
    assert [(r.id, r.certification_goal_id) for r in reminders] == [(1, 2)]
