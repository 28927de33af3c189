"""Turning placed chunks into task changes: reuse stored ids, number the parts, title them.

The store lists a day's tasks by id and gives new tasks higher ids than old ones, so on each
day the reused ids must rise in plan order and come before the new tasks; a reused id that
would break that order is given up and its chunk stored as a new task.

Every series (one kind of work on one topic, or one exam's preparation) is numbered as a
whole on each plan, so that its tasks always read "(1/n)" to "(n/n)" with ``n`` the number of
tasks it has: its history first (done and skipped tasks, by date, then id), then its open
tasks (by date, then in the store's order: by id, new tasks after stored ones in the order
they are added). A series of one task has no number in its title. History tasks change only
in ``part``, ``parts`` and the number at the end of their title.
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
    """The store's order on a day: stored tasks by id, then new chunks in plan order."""
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
        _Draft(c.key, capacity.date_of(c.day), _chunk_order(index, task), c.minutes, task)
        for index, (c, task) in enumerate(zip(chunks, reused, strict=True))
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
    numbered, history = _numbered(drafts, existing.history, parts)
    stored = {stored_id(t): t for t in (*existing.held, *existing.floating, *filter(None, reused))}
    changed = [t for t in (*custom, *(t for _, t in numbered)) if t.id is not None]
    updated = [t for t in changed if t != stored[stored_id(t)]]
    return Assembly(
        added=tuple(t for _, t in sorted(numbered, key=lambda item: item[0]) if t.id is None),
        updated=tuple(sorted((*updated, *history), key=by_date)),
        removed_ids=tuple(sorted((*existing.unwanted_ids, *dropped_ids))),
        open_tasks=(*custom, *(t for _, t in numbered)),
    )


def _chunk_order(index: int, reused: StudyTask | None) -> tuple[int, int]:
    return (1, index) if reused is None else (0, stored_id(reused))


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
    drafts: Sequence[_Draft],
    history: Mapping[WorkKey, Sequence[StudyTask]],
    parts: Mapping[WorkKey, Part],
) -> tuple[list[tuple[tuple[date, int, int], StudyTask]], list[StudyTask]]:
    """Each draft as a task numbered within its series after the series' history, with the
    key that puts new tasks in plan order; and the history tasks whose number changed."""
    series: dict[WorkKey, list[_Draft]] = {}
    for draft in drafts:
        series.setdefault(draft.key, []).append(draft)
    numbered: list[tuple[tuple[date, int, int], StudyTask]] = []
    for key, members in series.items():
        members.sort(key=lambda d: (d.scheduled_date, d.order))
        finished = history.get(key, ())
        total = len(finished) + len(members)
        for number, draft in enumerate(members, start=len(finished) + 1):
            task = _task(draft, parts[key], number, total)
            numbered.append(((draft.scheduled_date, *draft.order), task))
    renumbered: list[StudyTask] = []
    for key, finished in history.items():
        total = len(finished) + len(series.get(key, ()))
        for number, task in enumerate(finished, start=1):
            new = _renumbered(task, number, total)
            if new is not task:
                renumbered.append(new)
    return numbered, renumbered


def _title(series_title: str, number: int, total: int) -> str:
    return f"{series_title} ({number}/{total})" if total > 1 else series_title


def _renumbered(task: StudyTask, number: int, total: int) -> StudyTask:
    """``task`` numbered ``number`` of ``total``: the number at the end of its title replaced,
    nothing else changed; ``task`` itself if its number stays."""
    suffix = f" ({task.part}/{task.parts})"
    has_suffix = task.parts > 1 and task.title.endswith(suffix)
    series_title = task.title[: -len(suffix)] if has_suffix else task.title
    title = _title(series_title, number, total)
    if (task.part, task.parts, task.title) == (number, total, title):
        return task
    return replace(task, title=title, part=number, parts=total)


def _task(draft: _Draft, part: Part, number: int, total: int) -> StudyTask:
    title = _title(part.title, number, total)
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
