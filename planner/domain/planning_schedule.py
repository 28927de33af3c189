"""Packing work into days: sessions of bounded length, prerequisites first, never over a day's
room."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from planner.domain.model import StudyTask
from planner.domain.planning_calendar import Calendar
from planner.domain.planning_existing import stored_id
from planner.domain.planning_work import Part, Work, WorkKey

NEVER = 1 << 62
"""The finish day of work that could not all be placed: nothing after it can be placed."""
SHORTEST_SESSION = 15
"""Shorter sessions are avoided, except for the last bit of a series."""


@dataclass(frozen=True, slots=True)
class SessionRules:
    max_minutes: int
    min_minutes: int

    def chunk(self, remaining: int, room: int) -> int:
        """The next session's length. Trimmed when it would leave a remainder shorter than
        ``min_minutes`` and it can give that remainder the difference."""
        size = min(remaining, self.max_minutes, room)
        rest = remaining - size
        if 0 < rest < self.min_minutes and size - (self.min_minutes - rest) >= self.min_minutes:
            size -= self.min_minutes - rest
        return size


def session_rules(longest: int, week: Sequence[int]) -> SessionRules:
    """Sessions of at most ``longest`` minutes, and every study day's time used: with days
    shorter than the usual shortest session, sessions as short as the shortest study day beat
    days left empty."""
    study_days = [m for m in week if m > 0]
    shortest = min(SHORTEST_SESSION, longest, *study_days) if study_days else 1
    return SessionRules(max_minutes=longest, min_minutes=max(1, shortest))


@dataclass(frozen=True, slots=True)
class Chunk:
    key: WorkKey
    day: int
    minutes: int


@dataclass
class Schedule:
    chunks: list[Chunk] = field(default_factory=list)
    """In plan order."""
    unplaced: dict[WorkKey, int] = field(default_factory=dict)
    """Minutes of each series that found no room within the horizon."""
    finish: dict[str, int] = field(default_factory=dict)
    """Work id to the day its last task is on (NEVER if some could not be placed)."""


def schedule(
    order: Sequence[Work],
    to_place: Mapping[WorkKey, int],
    held_until: Mapping[str, int],
    calendar: Calendar,
    rules: SessionRules,
) -> Schedule:
    """Place ``to_place`` minutes of each work in ``order``, from the day its prerequisites
    finish (the same day is fine: they come first in the list) or later.

    ``held_until`` gives the day of a work's last task that stays where it is, so that what
    depends on it waits for it too.
    """
    result = Schedule()
    for work in order:
        release = max((result.finish.get(p, 0) for p in work.prerequisites), default=0)
        end = _place(work, release, to_place, calendar, rules, result)
        result.finish[work.id] = max(end, held_until.get(work.id, 0))
    return result


def _place(
    work: Work,
    day: int,
    to_place: Mapping[WorkKey, int],
    calendar: Calendar,
    rules: SessionRules,
    result: Schedule,
) -> int:
    """Place one work's parts in order from ``day``; return the day it ends."""
    for index, part in enumerate(work.parts):
        remaining = to_place.get(part.key, 0)
        while remaining > 0:
            found = calendar.next_open(day)
            if found is None:
                _give_up(work.parts[index:], remaining, to_place, result)
                return NEVER
            size = rules.chunk(remaining, calendar.room(found))
            calendar.take(found, size)
            result.chunks.append(Chunk(part.key, found, size))
            remaining -= size
            day = found
    return day


def _give_up(
    parts: Sequence[Part], remaining: int, to_place: Mapping[WorkKey, int], result: Schedule
) -> None:
    """Record ``remaining`` minutes of the first part and all of the others as unplaced."""
    result.unplaced[parts[0].key] = remaining
    for part in parts[1:]:
        if to_place.get(part.key, 0) > 0:
            result.unplaced[part.key] = to_place[part.key]


def place_floating(tasks: Sequence[StudyTask], calendar: Calendar) -> dict[int, int | None]:
    """Move each task, whole, to the first day with room for it; task id to its new day, or
    None where no day within the horizon has room."""
    days: dict[int, int | None] = {}
    for task in tasks:
        day = calendar.first_fit(task.minutes)
        if day is not None:
            calendar.take(day, task.minutes)
        days[stored_id(task)] = day
    return days
