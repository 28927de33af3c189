"""Sorting the stored tasks into what a re-plan keeps, moves, re-chunks or removes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from planner.domain.model import StudyTask, TaskStatus
from planner.domain.planning_work import WorkKey, key_of


@dataclass(frozen=True)
class Existing:
    completed: Mapping[WorkKey, int]
    """Minutes of done tasks. Skipped tasks stay in the history too, but their work is still
    to do: a skip moves work later, it never removes it."""
    history: Mapping[WorkKey, tuple[StudyTask, ...]]
    """Done and skipped tasks of each numbered series, by date then id: they are numbered
    first in their series, before its open tasks."""
    finished_from_today: tuple[StudyTask, ...]
    """Done and skipped tasks dated today or later: their time on that day is taken (a
    skipped session's work goes to a later day, not back to the one it was skipped on)."""
    held: tuple[StudyTask, ...]
    """Open tasks that stay on their day: pinned ones, and custom or in-progress ones that
    are not overdue."""
    floating: tuple[StudyTask, ...]
    """Overdue, unpinned custom and in-progress tasks: they keep their size and move to the
    first day from today with room."""
    pool: Mapping[WorkKey, tuple[StudyTask, ...]]
    """Pending, unpinned tasks of wanted series, by date: their work is chunked again and
    their ids reused for the new chunks."""
    unwanted_ids: tuple[int, ...]
    """Open tasks whose series the plan no longer has."""

    def kept_minutes(self) -> Counter[WorkKey]:
        """Open minutes per series in tasks that keep their size (held and floating)."""
        return _minutes_by_key((*self.held, *self.floating))


def sort_existing(tasks: Sequence[StudyTask], wanted: Collection[WorkKey], today: date) -> Existing:
    if any(t.id is None for t in tasks):
        raise ValueError("stored tasks must have ids")
    history = [t for t in tasks if not t.status.is_open]
    held: list[StudyTask] = []
    floating: list[StudyTask] = []
    pool: dict[WorkKey, list[StudyTask]] = {}
    unwanted: list[int] = []
    for task in tasks:
        if not task.status.is_open:
            continue
        key = key_of(task)
        if key is not None and key not in wanted:
            unwanted.append(stored_id(task))
        elif task.pinned:
            held.append(task)
        elif key is not None and task.status is TaskStatus.PENDING:
            pool.setdefault(key, []).append(task)
        elif task.scheduled_date >= today:
            held.append(task)
        else:
            floating.append(task)
    return Existing(
        completed=_minutes_by_key(t for t in history if t.status is TaskStatus.DONE),
        history=_history_by_key(history),
        finished_from_today=tuple(t for t in history if t.scheduled_date >= today),
        held=tuple(held),
        floating=tuple(sorted(floating, key=by_date)),
        pool={key: tuple(sorted(series, key=by_date)) for key, series in pool.items()},
        unwanted_ids=tuple(sorted(unwanted)),
    )


def _history_by_key(history: Iterable[StudyTask]) -> dict[WorkKey, tuple[StudyTask, ...]]:
    """History tasks of numbered series (a topic's kind of work, or an exam's preparation),
    by date then id."""
    series: dict[WorkKey, list[StudyTask]] = {}
    for task in history:
        key = key_of(task)
        if key is not None and (key.topic_id is not None or key.certification_id is not None):
            series.setdefault(key, []).append(task)
    return {key: tuple(sorted(tasks, key=by_date)) for key, tasks in series.items()}


def _minutes_by_key(tasks: Iterable[StudyTask]) -> Counter[WorkKey]:
    minutes: Counter[WorkKey] = Counter()
    for task in tasks:
        key = key_of(task)
        if key is not None:
            minutes[key] += task.minutes
    return minutes


def by_date(task: StudyTask) -> tuple[date, int]:
    return task.scheduled_date, stored_id(task)


def stored_id(task: StudyTask) -> int:
    """The id of a stored task (:func:`sort_existing` checks they all have one)."""
    assert task.id is not None
    return task.id
