"""Whether each exam's preparation fits before its due date, and what would make it fit.

The figures come from re-running the packer on part of the plan: placing a work depends only
on the work before it in the plan's order, so the plan up to an exam's preparation tells
exactly where that preparation lands.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cached_property

from planner.domain.model import StudyTask
from planner.domain.planning_calendar import Capacity
from planner.domain.planning_schedule import (
    NEVER,
    Schedule,
    SessionRules,
    schedule,
    session_rules,
)
from planner.domain.planning_types import Deadline, DeadlineReport
from planner.domain.planning_work import Work, WorkKey, exam_work_id, in_plan_order, key_of


@dataclass(frozen=True)
class Outcome:
    """The plan as built, as the deadline reports read it."""

    order: Sequence[Work]
    """Every work in plan order."""
    to_place: Mapping[WorkKey, int]
    held_until: Mapping[str, int]
    schedule: Schedule
    open_tasks: Sequence[StudyTask]
    held_load: Sequence[tuple[int, WorkKey | None, int]]
    """(day, open series, minutes) of the time taken from today on by tasks that stay where
    they are; the series is None for finished and custom tasks. ``capacity`` counts them."""
    capacity: Capacity
    rules: SessionRules

    @cached_property
    def open_by_series(self) -> dict[WorkKey | None, list[StudyTask]]:
        series: dict[WorkKey | None, list[StudyTask]] = {}
        for task in self.open_tasks:
            series.setdefault(key_of(task), []).append(task)
        return series

    def simulate(self, works: Sequence[Work], extra: int = 0, until: int = -1) -> Schedule:
        """Pack ``works`` alone, optionally with ``extra`` minutes on study days up to
        ``until``, cut into sessions as a profile with that much more time would be."""
        rules, capacity = self.rules, self.capacity
        if extra > 0:
            week = capacity.availability.minutes
            rules = session_rules(rules.max_minutes, [m + extra if m else 0 for m in week])
            capacity = replace(capacity, min_room=rules.min_minutes)
        return schedule(
            works, self.to_place, self.held_until, capacity.calendar(extra, until), rules
        )


@dataclass(frozen=True)
class _Scope:
    """One exam's share of the plan."""

    exam_id: str
    """The work id of its practice exams."""
    works: tuple[Work, ...]
    """Its preparation and the topics it needs, in plan order."""
    series: tuple[WorkKey, ...]
    """Its series, in plan order."""
    due: date
    until: int
    """The due date as a day number."""

    @cached_property
    def keys(self) -> frozenset[WorkKey]:
        return frozenset(self.series)


MAX_STUDY_MINUTES_PER_DAY = 8 * 60
"""More study than this in a day is not offered as a way to make an exam fit."""


def deadline_report(
    deadline: Deadline, needed_topic_ids: Sequence[str], buffer_days: int, outcome: Outcome
) -> DeadlineReport:
    scope = _scope(deadline, needed_topic_ids, buffer_days, outcome)
    mine = [t for key in scope.series for t in outcome.open_by_series.get(key, ())]
    late_tasks = sorted(
        (t for t in mine if t.scheduled_date > scope.due), key=lambda t: t.scheduled_date
    )
    unplaced = {k: m for k, m in outcome.schedule.unplaced.items() if k in scope.keys}
    late = sum(t.minutes for t in late_tasks) + sum(unplaced.values())
    titles = {p.key: p.title for w in scope.works for p in w.parts}
    ready = None if unplaced or not mine else max(t.scheduled_date for t in mine)
    return DeadlineReport(
        certification_id=deadline.certification_id,
        exam_date=deadline.exam_date,
        due_date=scope.due,
        needed_minutes=sum(t.minutes for t in mine) + sum(unplaced.values()),
        available_minutes=_available_minutes(scope, outcome),
        late_minutes=late,
        late_task_titles=(
            *(t.title for t in late_tasks),
            *(f"{titles[k]} ({m} min not placed)" for k, m in unplaced.items()),
        ),
        earliest_feasible_exam_date=_earliest_exam_date(scope, buffer_days, outcome),
        extra_minutes_per_study_day=_extra_minutes(scope, late, outcome) if late else 0,
        droppable_optional_topic_ids=_droppable(scope, outcome) if late else (),
        ready_date=ready,
        minutes_until_ready=0
        if ready is None
        else sum(t.minutes for t in outcome.open_tasks if t.scheduled_date <= ready),
    )


def _scope(
    deadline: Deadline, needed_topic_ids: Sequence[str], buffer_days: int, outcome: Outcome
) -> _Scope:
    exam_id = exam_work_id(deadline.certification_id)
    ids = {*needed_topic_ids, exam_id}
    works = tuple(w for w in outcome.order if w.id in ids)
    due = deadline.exam_date - timedelta(days=buffer_days)
    return _Scope(
        exam_id=exam_id,
        works=works,
        series=tuple(p.key for w in works for p in w.parts),
        due=due,
        until=outcome.capacity.day_of(due),
    )


def _available_minutes(scope: _Scope, outcome: Outcome) -> int:
    """Study minutes up to the due date, less those taken by tasks that stay put and are not
    this exam's open work (that is counted as needed instead)."""
    capacity = outcome.capacity
    if scope.until < 0:
        return 0
    taken: dict[int, int] = {}
    for day, key, minutes in outcome.held_load:
        if day <= scope.until and key not in scope.keys:
            taken[day] = taken.get(day, 0) + minutes
    lost = sum(min(minutes, capacity.minutes_on(day)) for day, minutes in taken.items())
    return capacity.total_minutes(scope.until) - lost


def _earliest_exam_date(scope: _Scope, buffer_days: int, outcome: Outcome) -> date | None:
    """The exam date this preparation could be ready for if it came before all other work."""
    order = in_plan_order(scope.works, {w.id: w.base_priority for w in scope.works})
    finish = outcome.simulate(order).finish[scope.exam_id]
    if finish >= NEVER:
        return None
    return outcome.capacity.date_of(finish) + timedelta(days=buffer_days)


def _extra_minutes(scope: _Scope, late: int, outcome: Outcome) -> int:
    """The fewest extra minutes per study day up to the due date that let the plan place this
    preparation in time; 0 when no realistic amount would (the due date has passed, a pinned
    task of it lies after the due date, or it would take a study day past
    :data:`MAX_STUDY_MINUTES_PER_DAY`)."""
    held_late = any(day > scope.until and key in scope.keys for day, key, _ in outcome.held_load)
    if scope.until < 0 or held_late:
        return 0
    ceiling = MAX_STUDY_MINUTES_PER_DAY - max(outcome.capacity.availability.minutes)
    study_days = outcome.capacity.study_days(scope.until) or scope.until + 1
    prefix = _prefix(scope, outcome)

    def fits(extra: int) -> bool:
        return _late_minutes(outcome.simulate(prefix, extra, scope.until), scope) == 0

    # Each extra minute gives at most one minute of room per study day, so fewer than this
    # cannot fit the late minutes.
    low = math.ceil(late / study_days)
    if low > ceiling:
        return 0
    high = low
    while not fits(high):
        if high >= ceiling:
            return 0
        low, high = high + 1, min(ceiling, high * 2)
    while low < high:
        middle = (low + high) // 2
        if fits(middle):
            high = middle
        else:
            low = middle + 1
    return high


def _prefix(scope: _Scope, outcome: Outcome) -> list[Work]:
    """The plan's order up to this exam's preparation: all that decides where it lands."""
    end = next(i for i, w in enumerate(outcome.order) if w.id == scope.exam_id)
    return list(outcome.order[: end + 1])


def _late_minutes(packed: Schedule, scope: _Scope) -> int:
    late = sum(c.minutes for c in packed.chunks if c.key in scope.keys and c.day > scope.until)
    return late + sum(m for k, m in packed.unplaced.items() if k in scope.keys)


def _droppable(scope: _Scope, outcome: Outcome) -> tuple[str, ...]:
    """Optional topics this exam does not need that the plan studies before its preparation
    and before the due date: dropping one frees time the preparation would use."""
    first_day: dict[WorkKey, int] = {}
    for chunk in outcome.schedule.chunks:
        first_day.setdefault(chunk.key, chunk.day)
    mine = {w.id for w in scope.works}
    return tuple(
        w.id
        for w in _prefix(scope, outcome)
        if w.optional
        and w.id not in mine
        and any(first_day.get(p.key, NEVER) <= scope.until for p in w.parts)
    )
