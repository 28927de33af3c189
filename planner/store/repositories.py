"""Reading and writing the learner's records. Every function takes the caller's session;
none commits: the caller's unit of work decides."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date, datetime, time
from typing import Any, TypeVar

from sqlalchemy import delete, func
from sqlmodel import Session, SQLModel, col, select

from planner.domain.curriculum import Certification, CertificationStatus, Level
from planner.domain.model import (
    OPEN_STATUSES,
    CertificationGoal,
    GoalStatus,
    Profile,
    Reminder,
    StudyTask,
    TaskKind,
    TaskStatus,
    WeeklyAvailability,
)
from planner.store.tables import (
    CertificationGoalRow,
    CustomCertificationRow,
    KnownTopicRow,
    ProfileRow,
    ReminderRow,
    StudyTaskRow,
)

MAX_ROW_ID = 2**63 - 1


class NotFoundError(LookupError):
    """A record the caller named by id does not exist."""


_Row = TypeVar("_Row", bound=SQLModel)


def _upsert(
    table: type[_Row],
    row_id: int | None,
    fields: dict[str, Any],
    *,
    session: Session,
    singleton: bool = False,
) -> _Row:
    """Insert a row when ``row_id`` is None (or a ``singleton`` row is not there yet),
    otherwise update the row with that id."""
    row = None if row_id is None else session.get(table, row_id)
    if row is None:
        if row_id is not None and not singleton:
            raise NotFoundError(f"no {table.__tablename__} with id {row_id}")
        row = table(**fields, **({} if row_id is None else {"id": row_id}))
    else:
        row.sqlmodel_update(fields)
    session.add(row)
    session.flush()
    return row


# Profile -------------------------------------------------------------------------------


def load_profile(*, session: Session) -> Profile | None:
    row = session.get(ProfileRow, 1)
    if row is None:
        return None
    known = frozenset(session.exec(select(KnownTopicRow.topic_id)).all())
    return Profile(
        level=Level(row.level),
        specializations=tuple(row.specializations),
        availability=WeeklyAvailability.of(row.availability_minutes),
        start_date=row.start_date,
        timezone=row.timezone,
        max_session_minutes=row.max_session_minutes,
        include_interview_prep=row.include_interview_prep,
        known_topic_ids=known,
    )


def save_profile(profile: Profile, *, curriculum_id: str, now: datetime, session: Session) -> None:
    fields = {
        "level": profile.level.value,
        "specializations": list(profile.specializations),
        "availability_minutes": list(profile.availability.minutes),
        "start_date": profile.start_date,
        "timezone": profile.timezone,
        "max_session_minutes": profile.max_session_minutes,
        "include_interview_prep": profile.include_interview_prep,
        "curriculum_id": curriculum_id,
        "updated_at": now,
    }
    _upsert(ProfileRow, 1, fields, session=session, singleton=True)
    set_known_topics(profile.known_topic_ids, now=now, session=session)


def set_known_topics(topic_ids: Collection[str], *, now: datetime, session: Session) -> None:
    """Make the set of known topics exactly ``topic_ids``, keeping the dates of those kept."""
    current = set(session.exec(select(KnownTopicRow.topic_id)).all())
    wanted = set(topic_ids)
    if current - wanted:
        session.exec(delete(KnownTopicRow).where(col(KnownTopicRow.topic_id).in_(current - wanted)))
    for topic_id in sorted(wanted - current):
        session.add(KnownTopicRow(topic_id=topic_id, marked_at=now))


# Study tasks ---------------------------------------------------------------------------


def _task_from_row(row: StudyTaskRow) -> StudyTask:
    return StudyTask(
        id=row.id,
        topic_id=row.topic_id,
        certification_id=row.certification_id,
        kind=TaskKind(row.kind),
        title=row.title,
        minutes=row.minutes,
        scheduled_date=row.scheduled_date,
        status=TaskStatus(row.status),
        pinned=row.pinned,
        part=row.part,
        parts=row.parts,
        completed_at=row.completed_at,
        time_spent_minutes=row.time_spent_minutes,
        notes=row.notes,
    )


def _task_fields(task: StudyTask) -> dict[str, Any]:
    return {
        "topic_id": task.topic_id,
        "certification_id": task.certification_id,
        "kind": task.kind.value,
        "title": task.title,
        "minutes": task.minutes,
        "scheduled_date": task.scheduled_date,
        "status": task.status.value,
        "pinned": task.pinned,
        "part": task.part,
        "parts": task.parts,
        "completed_at": task.completed_at,
        "time_spent_minutes": task.time_spent_minutes,
        "notes": task.notes,
    }


def list_tasks(
    *,
    session: Session,
    start: date | None = None,
    end: date | None = None,
    statuses: Iterable[TaskStatus] | None = None,
) -> list[StudyTask]:
    """Tasks scheduled from ``start`` to ``end`` inclusive, in date then id order."""
    query = select(StudyTaskRow)
    if start is not None:
        query = query.where(StudyTaskRow.scheduled_date >= start)
    if end is not None:
        query = query.where(StudyTaskRow.scheduled_date <= end)
    if statuses is not None:
        query = query.where(col(StudyTaskRow.status).in_([s.value for s in statuses]))
    query = query.order_by(col(StudyTaskRow.scheduled_date), col(StudyTaskRow.id))
    return [_task_from_row(row) for row in session.exec(query)]


def first_open_day_after(day: date, *, session: Session) -> date | None:
    query = select(func.min(StudyTaskRow.scheduled_date)).where(
        StudyTaskRow.scheduled_date > day,
        col(StudyTaskRow.status).in_([status.value for status in OPEN_STATUSES]),
    )
    return session.exec(query).one()


def get_task(task_id: int, *, session: Session) -> StudyTask:
    # SQLite ids are signed 64-bit: a larger number names no row (and cannot be queried).
    row = session.get(StudyTaskRow, task_id) if 0 < task_id <= MAX_ROW_ID else None
    if row is None:
        raise NotFoundError(f"no study task with id {task_id}")
    return _task_from_row(row)


def add_tasks(tasks: Sequence[StudyTask], *, session: Session) -> list[StudyTask]:
    rows = [StudyTaskRow(**_task_fields(task)) for task in tasks]
    session.add_all(rows)
    session.flush()
    return [_task_from_row(row) for row in rows]


def update_task(task: StudyTask, *, session: Session) -> StudyTask:
    if task.id is None:
        raise ValueError("a task without an id cannot be updated; add it first")
    return _task_from_row(_upsert(StudyTaskRow, task.id, _task_fields(task), session=session))


def delete_tasks(task_ids: Collection[int], *, session: Session) -> None:
    if task_ids:
        session.exec(delete(StudyTaskRow).where(col(StudyTaskRow.id).in_(list(task_ids))))


def count_tasks(*, session: Session) -> int:
    return session.exec(select(func.count()).select_from(StudyTaskRow)).one()


# Certification goals -------------------------------------------------------------------


def _goal_from_row(row: CertificationGoalRow) -> CertificationGoal:
    return CertificationGoal(
        id=row.id,
        certification_id=row.certification_id,
        status=GoalStatus(row.status),
        exam_date=row.exam_date,
        exam_time=time.fromisoformat(row.exam_time) if row.exam_time else None,
        passed_on=row.passed_on,
        expires_on=row.expires_on,
        failed_on=row.failed_on,
        credential=row.credential,
        notes=row.notes,
    )


def list_goals(*, session: Session) -> list[CertificationGoal]:
    """Every goal, dropped ones included, oldest first: the exam date and time, the pass
    and expiry dates are all on the domain values."""
    rows = session.exec(select(CertificationGoalRow).order_by(col(CertificationGoalRow.id)))
    return [_goal_from_row(row) for row in rows]


def find_goal(certification_id: str, *, session: Session) -> CertificationGoal | None:
    """The goal for a certification (the learner has at most one each), if any."""
    query = select(CertificationGoalRow).where(
        CertificationGoalRow.certification_id == certification_id
    )
    row = session.exec(query.order_by(col(CertificationGoalRow.id))).first()
    return None if row is None else _goal_from_row(row)


def save_goal(goal: CertificationGoal, *, now: datetime, session: Session) -> CertificationGoal:
    """Insert a goal without an id, or update the one with its id."""
    fields = {
        "certification_id": goal.certification_id,
        "status": goal.status.value,
        "exam_date": goal.exam_date,
        "passed_on": goal.passed_on,
        "expires_on": goal.expires_on,
        "exam_time": goal.exam_time.strftime("%H:%M") if goal.exam_time else None,
        "failed_on": goal.failed_on,
        "credential": goal.credential,
        "notes": goal.notes,
        "updated_at": now,
    }
    row = _upsert(CertificationGoalRow, goal.id, fields, session=session)
    return _goal_from_row(row)


def delete_goal(goal_id: int, *, session: Session) -> None:
    row = session.get(CertificationGoalRow, goal_id)
    if row is None:
        raise NotFoundError(f"no certification goal with id {goal_id}")
    session.delete(row)


# Custom certifications ----------------------------------------------------------------


def list_custom_certifications(*, session: Session) -> list[Certification]:
    rows = session.exec(select(CustomCertificationRow).order_by(col(CustomCertificationRow.id)))
    return [
        Certification(
            id=row.id,
            title=row.title,
            provider=row.provider,
            description="A certification you added.",
            status=CertificationStatus.ACTIVE,
            topic_ids=tuple(row.topic_ids),
            as_of=row.created_at.date(),
            validity_months=row.validity_months,
            custom=True,
        )
        for row in rows
    ]


def add_custom_certification(
    certification: Certification, *, now: datetime, session: Session
) -> None:
    session.add(
        CustomCertificationRow(
            id=certification.id,
            title=certification.title,
            provider=certification.provider,
            validity_months=certification.validity_months,
            topic_ids=list(certification.topic_ids),
            created_at=now,
        )
    )
    session.flush()


# Reminders -----------------------------------------------------------------------------


def _reminder_from_row(row: ReminderRow) -> Reminder:
    return Reminder(
        id=row.id,
        kind=row.kind,
        message=row.message,
        due_at=row.due_at,
        certification_goal_id=row.certification_goal_id,
        delivered_at=row.delivered_at,
        dismissed_at=row.dismissed_at,
    )


def list_reminders(*, session: Session, undelivered_only: bool = False) -> list[Reminder]:
    query = select(ReminderRow)
    if undelivered_only:
        query = query.where(col(ReminderRow.delivered_at).is_(None))
    query = query.order_by(col(ReminderRow.due_at), col(ReminderRow.id))
    return [_reminder_from_row(row) for row in session.exec(query)]


def save_reminder(reminder: Reminder, *, session: Session) -> Reminder:
    fields = {
        "kind": reminder.kind,
        "message": reminder.message,
        "due_at": reminder.due_at,
        "certification_goal_id": reminder.certification_goal_id,
        "delivered_at": reminder.delivered_at,
        "dismissed_at": reminder.dismissed_at,
    }
    row = _upsert(ReminderRow, reminder.id, fields, session=session)
    return _reminder_from_row(row)


# Every table at once (portable copies) -------------------------------------------------

# Parents before children: rows are inserted in this order and deleted in the reverse.
_ALL_TABLES: tuple[type[SQLModel], ...] = (
    ProfileRow,
    KnownTopicRow,
    CustomCertificationRow,
    CertificationGoalRow,
    StudyTaskRow,
    ReminderRow,
)


def _table_name(table: type[SQLModel]) -> str:
    return str(table.__tablename__)


def read_all_rows(*, session: Session) -> dict[str, list[dict[str, Any]]]:
    """Every row of the learner's tables by table name, each as its column values, in
    primary key order."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for table in _ALL_TABLES:
        key = next(iter(table.__table__.primary_key.columns))  # type: ignore[attr-defined]
        records = session.exec(select(table).order_by(key))
        rows[_table_name(table)] = [record.model_dump() for record in records]
    return rows


def replace_all_rows(rows: Mapping[str, Sequence[Mapping[str, Any]]], *, session: Session) -> None:
    """Make the learner's tables hold exactly ``rows`` (by table name; a table not named is
    emptied). The caller's unit of work makes it all or nothing."""
    unknown = set(rows) - {_table_name(table) for table in _ALL_TABLES}
    if unknown:
        raise ValueError(f"no such tables: {', '.join(sorted(unknown))}")
    for table in reversed(_ALL_TABLES):
        session.exec(delete(table))
    for table in _ALL_TABLES:
        session.add_all(table(**fields) for fields in rows.get(_table_name(table), ()))
        session.flush()
