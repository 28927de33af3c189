"""The learner's progress at a glance: shares done, hours per week, study days, streaks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from zoneinfo import ZoneInfo

from planner.domain.progress import (
    Share,
    Streaks,
    hours_by_week,
    overall_share,
    shares_by_group,
    shares_by_level,
    streaks,
    study_minutes_by_day,
)
from planner.domain.progress_calendar import (
    RECENT_WEEKS,
    chart_weeks_start,
    minutes_between,
    recent_weeks_start,
)
from planner.services.context import AppContext
from planner.services.plans import require_profile
from planner.store import repositories as repo


@dataclass(frozen=True)
class ProgressSnapshot:
    """Everything the Progress view shows, computed at one moment."""

    today: date
    overall: Share
    groups: tuple[Share, ...]
    levels: tuple[Share, ...]
    weekly_hours: tuple[tuple[date, float], ...]  # (Monday, hours), oldest first
    heatmap_start: date  # a Monday; the heat map runs from it to today
    minutes_by_day: Mapping[date, int]  # study days from heatmap_start to today only
    streaks: Streaks
    total_hours: float  # every minute studied, whenever

    @property
    def study_days(self) -> int:
        """Days with some study in the heat map's window."""
        return len(self.minutes_by_day)


def progress_snapshot(context: AppContext, *, weeks: int = RECENT_WEEKS) -> ProgressSnapshot:
    """Read the plan once and compute the progress figures as of the learner's today."""
    with context.database.reading() as session:
        profile = require_profile(session)
        tasks = repo.list_tasks(session=session)
    today = context.today(profile.timezone)
    by_day = study_minutes_by_day(tasks, ZoneInfo(profile.timezone))
    first_day = tasks[0].scheduled_date if tasks else None  # tasks come in date order
    heatmap_start = recent_weeks_start(today, weeks)
    return ProgressSnapshot(
        today=today,
        overall=overall_share(tasks),
        groups=tuple(shares_by_group(tasks, context.curriculum)),
        levels=tuple(shares_by_level(tasks, context.curriculum)),
        weekly_hours=tuple(
            hours_by_week(by_day, first=chart_weeks_start(first_day, today, weeks), last=today)
        ),
        heatmap_start=heatmap_start,
        minutes_by_day=MappingProxyType(minutes_between(by_day, heatmap_start, today)),
        streaks=streaks(by_day, today=today),
        total_hours=sum(by_day.values()) / 60,
    )
