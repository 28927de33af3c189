"""Use cases on single study tasks: tick off, undo, log time, move, pin, skip, add."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from sqlmodel import Session

from planner.domain.model import StudyTask, TaskKind, TaskStatus
from planner.domain.planning import MissedPolicy
from planner.services.changes import Changes
from planner.services.context import AppContext
from planner.services.errors import ServiceError, UnknownItemError
from planner.services.plans import replan_in, require_profile
from planner.store import repositories as repo

MAX_TASK_MINUTES = 24 * 60


def tasks_on(context: AppContext, day: date) -> list[StudyTask]:
    return tasks_between(context, day, day)


def tasks_between(context: AppContext, first: date, last: date) -> list[StudyTask]:
    """Tasks from ``first`` to ``last``, both included, by date."""
    with context.database.reading() as session:
        return repo.list_tasks(start=first, end=last, session=session)


def next_planned_day(context: AppContext, after: date) -> date | None:
    """The first day after ``after`` with open work, if any."""
    with context.database.reading() as session:
        return repo.first_open_day_after(after, session=session)


@dataclass(frozen=True)
class DayLoad:
    day: date
    planned_minutes: int  # done and open work on the day, skipped work left out
    available_minutes: int  # what the learner set for that weekday

    @property
    def over_by(self) -> int:
        return max(0, self.planned_minutes - self.available_minutes)


def day_load(context: AppContext, day: date) -> DayLoad:
    """How full a day is against the learner's availability: moved and custom tasks are
    pinned where the learner put them, so a day can end up over."""
    with context.database.reading() as session:
        profile = require_profile(session)
        day_tasks = repo.list_tasks(start=day, end=day, session=session)
    planned = sum(t.minutes for t in day_tasks if t.status is not TaskStatus.SKIPPED)
    return DayLoad(day, planned, profile.availability.on(day))


def all_tasks(context: AppContext) -> list[StudyTask]:
    with context.database.reading() as session:
        return repo.list_tasks(session=session)


def get_task(context: AppContext, task_id: int) -> StudyTask:
    with context.database.reading() as session:
        return _get(task_id, session)


def set_status(context: AppContext, task_id: int, status: TaskStatus) -> Changes:
    """Change a task's status; a done task is stamped with the time it was ticked off.

    Skipping a session moves its work later and taking a skip back removes that copy again:
    either re-plans (keeping the plan's order) in the same transaction, so the plan's total
    stays what it was."""
    return _set_status(context, task_id, status)


def skip_task(context: AppContext, task_id: int) -> Changes:
    """Skip an open session: its work moves to later days (see :func:`set_status`)."""
    return _set_status(context, task_id, TaskStatus.SKIPPED, open_only=True)


def _set_status(
    context: AppContext, task_id: int, status: TaskStatus, *, open_only: bool = False
) -> Changes:
    completed_at = context.now() if status is TaskStatus.DONE else None
    with context.database.unit_of_work() as session:
        task = _get(task_id, session)
        if open_only and not task.status.is_open:
            raise ServiceError(
                f"task {task_id} is {task.status.value}: only open tasks can be skipped"
            )
        repo.update_task(replace(task, status=status, completed_at=completed_at), session=session)
        if status is not task.status and TaskStatus.SKIPPED in (status, task.status):
            replanned = replan_in(context, session, MissedPolicy.SHIFT)
            return replanned | Changes(task_ids=frozenset({task_id}))
    return Changes(task_ids=frozenset({task_id}))


def complete_task(context: AppContext, task_id: int) -> Changes:
    return set_status(context, task_id, TaskStatus.DONE)


def reopen_task(context: AppContext, task_id: int) -> Changes:
    """Take back a tick (or a skip): the task is open again, its logged time kept."""
    return set_status(context, task_id, TaskStatus.PENDING)


def log_time(context: AppContext, task_id: int, minutes: int, notes: str) -> Changes:
    _check_minutes(minutes, allow_zero=True)
    return _change(
        context, task_id, lambda task: replace(task, time_spent_minutes=minutes, notes=notes)
    )


def move_task(context: AppContext, task_id: int, day: date, *, pin: bool = True) -> Changes:
    """Move a task to ``day``; pinned by default so re-planning leaves it there."""
    return _change(context, task_id, lambda task: replace(task, scheduled_date=day, pinned=pin))


def set_pinned(context: AppContext, task_id: int, pinned: bool) -> Changes:
    return _change(context, task_id, lambda task: replace(task, pinned=pinned))


def add_custom_task(
    context: AppContext, title: str, minutes: int, day: date, *, notes: str = ""
) -> Changes:
    """A task of the learner's own, pinned to its day."""
    title = title.strip()
    if not title:
        raise ServiceError("a task needs a title")
    _check_minutes(minutes)
    task = StudyTask(
        title=title,
        kind=TaskKind.CUSTOM,
        minutes=minutes,
        scheduled_date=day,
        pinned=True,
        notes=notes,
    )
    with context.database.unit_of_work() as session:
        (stored,) = repo.add_tasks([task], session=session)
    assert stored.id is not None
    return Changes(task_ids=frozenset({stored.id}), plan=True)


def _check_minutes(minutes: int, *, allow_zero: bool = False) -> None:
    lowest = 0 if allow_zero else 1
    if not lowest <= minutes <= MAX_TASK_MINUTES:
        raise ServiceError(f"minutes must be from {lowest} to {MAX_TASK_MINUTES}, not {minutes}")


def _change(context: AppContext, task_id: int, edit: Callable[[StudyTask], StudyTask]) -> Changes:
    """Apply ``edit`` to one task in its own transaction."""
    with context.database.unit_of_work() as session:
        repo.update_task(edit(_get(task_id, session)), session=session)
    return Changes(task_ids=frozenset({task_id}))


def _get(task_id: int, session: Session) -> StudyTask:
    try:
        return repo.get_task(task_id, session=session)
    except repo.NotFoundError as error:
        raise UnknownItemError(str(error)) from error
