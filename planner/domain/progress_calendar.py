"""Calendar windows for progress figures: which weeks a chart or a heat map covers."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

RECENT_WEEKS = 26


def monday_of(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def recent_weeks_start(today: date, weeks: int = RECENT_WEEKS) -> date:
    """The Monday that starts the last ``weeks`` weeks, today's week being the last."""
    if weeks < 1:
        raise ValueError(f"at least one week is needed, not {weeks}")
    return monday_of(today) - timedelta(weeks=weeks - 1)


def chart_weeks_start(first_day: date | None, today: date, weeks: int = RECENT_WEEKS) -> date:
    """The Monday a weekly chart starts on: the week of ``first_day`` (the plan's first
    task; today when there is none or it lies ahead), but no more than ``weeks`` weeks back."""
    start = monday_of(today if first_day is None else min(first_day, today))
    return max(start, recent_weeks_start(today, weeks))


def minutes_between(by_day: Mapping[date, int], first: date, last: date) -> dict[date, int]:
    """The days from ``first`` to ``last`` inclusive with some study, in date order."""
    return {day: by_day[day] for day in sorted(by_day) if first <= day <= last and by_day[day]}
