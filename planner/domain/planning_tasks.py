"""Turning placed chunks into task changes: reuse stored ids, number the parts, title them.

The store lists a day's tasks by id and gives new tasks higher ids than old ones, so on each
day the reused ids must rise in plan order and come before the new tasks; a reused id that
would break that order is given up and its chunk stored as a new task.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from planner.domain.model import StudyTask
from planner.domain.planning_calendar import Capacity
from planner.domain.planning_existing import Existing, by_date, stored_id
from planner.domain.planning_schedule import Chunk
from planner.domain.planning_work import Part, WorkKey, key_of


@dataclass(frozen=True)
class Assembly:
    added: tuple[StudyTask, ...]
    updated: tuple[StudyTask, ...]
    removed_ids: tuple[int, ...]
    open_tasks: tuple[StudyTask, ...]
    """Every open task after the changes."""


@dataclass(frozen=True, slots=True)
class _Draft:
    """An open task of a series before its part number is known."""

    key: WorkKey
    scheduled_date: date
    order: tuple[int, int]
    """Tasks that stay come first on a day, then chunks in plan order."""
    minutes: int
    stored: StudyTask | None


def assemble(
    chunks: Sequence[Chunk],
    existing: Existing,
    floating_days: Mapping[int, int | None],
    parts: Mapping[WorkKey, Part],
    capacity: Capacity,
) -> Assembly:
    reused, dropped_ids = _reuse_ids(chunks, existing.pool)
    dropped_ids += _keep_day_order(chunks, reused)
    drafts = [
        _Draft(c.key, capacity.date_of(c.day), (1, index), c.minutes, reused[index])
        for index, c in enumerate(chunks)
    ]
    custom: list[StudyTask] = []
    for task in (*existing.held, *existing.floating):
        moved = _moved(task, floating_days, capacity)
        key = key_of(task)
        if key is None:
            custom.append(moved)
        else:
            drafts.append(
                _Draft(key, moved.scheduled_date, (0, stored_id(task)), task.minutes, moved)
            )
    numbered = list(_numbered(drafts, existing.finished_counts, parts))
    stored = {stored_id(t): t for t in (*existing.held, *existing.floating, *filter(None, reused))}
    changed = [t for t in (*custom, *(t for _, t in numbered)) if t.id is not None]
    return Assembly(
        added=tuple(t for _, t in sorted(numbered, key=lambda item: item[0]) if t.id is None),
        updated=tuple(sorted((t for t in changed if t != stored[stored_id(t)]), key=by_date)),
        removed_ids=tuple(sorted((*existing.unwanted_ids, *dropped_ids))),
        open_tasks=(*custom, *(t for _, t in numbered)),
    )


def _reuse_ids(
    chunks: Sequence[Chunk], pool: Mapping[WorkKey, Sequence[StudyTask]]
) -> tuple[list[StudyTask | None], list[int]]:
    """Give each series' stored pending tasks, earliest first, to its chunks in order; return
    the task each chunk reuses and the ids left over."""
    remaining: dict[WorkKey, Iterator[StudyTask]] = {k: iter(v) for k, v in pool.items()}
    reused = [next(remaining[c.key], None) if c.key in remaining else None for c in chunks]
    left_over = [stored_id(t) for tasks in remaining.values() for t in tasks]
    return reused, left_over


def _keep_day_order(chunks: Sequence[Chunk], reused: list[StudyTask | None]) -> list[int]:
    """Give up reused ids that the store would list out of plan order; return them."""
    by_day: dict[int, list[int]] = {}
    for index, chunk in enumerate(chunks):
        by_day.setdefault(chunk.day, []).append(index)
    dropped: list[int] = []
    for indices in by_day.values():
        last_id, new_seen = -1, False
        for index in indices:
            task = reused[index]
            if task is None:
                new_seen = True
            elif new_seen or stored_id(task) < last_id:
                dropped.append(stored_id(task))
                reused[index] = None
                new_seen = True
            else:
                last_id = stored_id(task)
    return dropped


def _numbered(
    drafts: Sequence[_Draft], finished_counts: Mapping[WorkKey, int], parts: Mapping[WorkKey, Part]
) -> Iterator[tuple[tuple[date, int, int], StudyTask]]:
    """Each draft as a task numbered within its series after the finished ones, with the key
    that puts new tasks in plan order."""
    series: dict[WorkKey, list[_Draft]] = {}
    for draft in drafts:
        series.setdefault(draft.key, []).append(draft)
    for key, members in series.items():
        members.sort(key=lambda d: (d.scheduled_date, d.order))
        done = finished_counts.get(key, 0)
        total = done + len(members)
        for number, draft in enumerate(members, start=done + 1):
            task = _task(draft, parts[key], number, total)
            yield (draft.scheduled_date, *draft.order), task


def _task(draft: _Draft, part: Part, number: int, total: int) -> StudyTask:
    title = f"{part.title} ({number}/{total})" if total > 1 else part.title
    if draft.stored is not None:
        return replace(
            draft.stored,
            title=title,
            minutes=draft.minutes,
            scheduled_date=draft.scheduled_date,
            part=number,
            parts=total,
        )
    return StudyTask(
        title=title,
        kind=draft.key.kind,
        minutes=draft.minutes,
        scheduled_date=draft.scheduled_date,
        topic_id=draft.key.topic_id,
        part=number,
        parts=total,
        certification_id=draft.key.certification_id,
    )


def _moved(
    task: StudyTask, floating_days: Mapping[int, int | None], capacity: Capacity
) -> StudyTask:
    day = floating_days.get(stored_id(task))
    return task if day is None else replace(task, scheduled_date=capacity.date_of(day))
