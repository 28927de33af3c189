"""The learner's standing: progress shares, streaks, missed work and the plan's feasibility."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from planner.domain.model import OPEN_STATUSES, StudyTask
from planner.domain.planning import PlanReport
from planner.domain.progress import (
    Share,
    Streaks,
    overall_share,
    shares_by_group,
    shares_by_level,
    streaks,
    study_minutes_by_day,
)
from planner.services.context import AppContext
from planner.services.pace import PaceForecast, pace_forecast_in
from planner.services.plans import require_profile
from planner.store import repositories as repo


@dataclass(frozen=True)
class MissedWork:
    tasks: int
    minutes: int


@dataclass(frozen=True)
class StatusReport:
    today: date
    overall: Share
    groups: list[Share]
    levels: list[Share]
    streaks: Streaks
    missed: MissedWork
    plan: PlanReport
    forecast: PaceForecast


def missed_work(tasks: list[StudyTask], today: date) -> MissedWork:
    """Open tasks left on days before today."""
    missed = [t for t in tasks if t.status.is_open and t.scheduled_date < today]
    return MissedWork(tasks=len(missed), minutes=sum(t.minutes for t in missed))


def status_report(context: AppContext) -> StatusReport:
    """Progress and feasibility, read in one unit of work so the figures agree."""
    with context.database.reading() as session:
        profile = require_profile(session)
        tasks = repo.list_tasks(session=session)
        forecast = pace_forecast_in(context, session)
    today = context.today(profile.timezone)
    return StatusReport(
        today=today,
        overall=overall_share(tasks),
        groups=shares_by_group(tasks, context.curriculum),
        levels=shares_by_level(tasks, context.curriculum),
        streaks=streaks(study_minutes_by_day(tasks, ZoneInfo(profile.timezone)), today=today),
        missed=missed_work(tasks, today),
        plan=forecast.report,
        forecast=forecast,
    )


def current_missed_work(context: AppContext) -> MissedWork:
    """Open tasks on days before the learner's today (nothing when there is no plan)."""
    with context.database.reading() as session:
        profile = repo.load_profile(session=session)
        if profile is None:
            return MissedWork(tasks=0, minutes=0)
        today = context.today(profile.timezone)
        open_tasks = repo.list_tasks(
            end=today - timedelta(days=1),
            statuses=OPEN_STATUSES,
            session=session,
        )
    return missed_work(open_tasks, today)
