"""Study time per day, with full days skipped in near-constant time.

Days are numbered from the plan's first day (0 = today). Only days that were looked at are
stored, so a short plan inside a ten-year horizon stays small.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from planner.domain.model import WeeklyAvailability

MINUTES_PER_DAY = 24 * 60


@dataclass(frozen=True)
class Capacity:
    """What the days offer before movable work is placed."""

    start: date
    last_day: int
    availability: WeeklyAvailability
    taken: Mapping[int, int]
    """Minutes already taken per day by tasks that stay put (done, pinned, in progress and
    custom ones)."""
    min_room: int
    """A day with less room left than this counts as full."""

    def minutes_on(self, day: int) -> int:
        return self.availability.minutes[(self.start.weekday() + day) % 7]

    def date_of(self, day: int) -> date:
        return self.start + timedelta(days=day)

    def day_of(self, when: date) -> int:
        return (when - self.start).days

    def calendar(self, extra: int = 0, until: int = -1) -> Calendar:
        """A fresh calendar; ``extra`` minutes are added to each study day up to ``until``
        (to every day there if none of them is a study day)."""
        if extra <= 0 or until < 0:
            return Calendar(self, self.minutes_on)
        any_study_day = self.study_days(until) > 0

        def minutes_on(day: int) -> int:
            base = self.minutes_on(day)
            if day > until or (any_study_day and base == 0):
                return base
            return min(MINUTES_PER_DAY, base + extra)

        return Calendar(self, minutes_on)

    def study_days(self, until: int) -> int:
        """Days from 0 to ``until`` with study time."""
        weeks, rest = divmod(until + 1, 7)
        per_week = sum(1 for m in self.availability.minutes if m > 0)
        return weeks * per_week + sum(1 for day in range(rest) if self.minutes_on(day) > 0)

    def total_minutes(self, until: int) -> int:
        """Study minutes from day 0 to ``until``, before anything is taken."""
        weeks, rest = divmod(until + 1, 7)
        return weeks * self.availability.weekly_minutes + sum(
            self.minutes_on(day) for day in range(rest)
        )


class Calendar:
    """The room left on each day as work is placed."""

    def __init__(self, capacity: Capacity, minutes_on: Callable[[int], int]) -> None:
        self._capacity = capacity
        self._minutes_on = minutes_on
        self._used: dict[int, int] = dict(capacity.taken)
        # Union-find over day indices: a full day points to a later day to look at.
        self._skip: dict[int, int] = {}

    def room(self, day: int) -> int:
        return max(0, self._minutes_on(day) - self._used.get(day, 0))

    def take(self, day: int, minutes: int) -> None:
        self._used[day] = self._used.get(day, 0) + minutes

    def next_open(self, day: int) -> int | None:
        """The first day from ``day`` with at least ``min_room`` left, within the horizon."""
        last_day, min_room = self._capacity.last_day, self._capacity.min_room
        passed: list[int] = []
        while day <= last_day:
            later = self._skip.get(day)
            if later is None:
                if self.room(day) >= min_room:
                    break
                later = day + 1
            passed.append(day)
            day = later
        for full in passed:  # path compression
            self._skip[full] = day
        return day if day <= last_day else None

    def first_fit(self, minutes: int) -> int | None:
        """The first day with room for ``minutes`` in one sitting."""
        day = self.next_open(0)
        while day is not None and self.room(day) < minutes:
            day = self.next_open(day + 1)
        return day
