"""The learner's pace against the plan: the deadlines it puts at risk, as early as it can.

:func:`pace_forecast` is what the window's plan banner, ``status`` and the reminders' overdue
nudge read.
"""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlmodel import Session

from planner.domain.pace import Pace, PaceWarning, learner_pace, pace_warnings
from planner.domain.planning import PlanReport
from planner.services.context import AppContext
from planner.services.plans import assess_plan_in, require_profile
from planner.store import repositories as repo


@dataclass(frozen=True)
class PaceForecast:
    report: PlanReport
    """The plan's feasibility as it stands."""
    pace: Pace | None
    """Done minutes per week over the last four weeks; None in the plan's first week."""
    warnings: tuple[PaceWarning, ...]
    """Deadlines the plan fits but the learner's pace misses."""

    @property
    def at_risk(self) -> bool:
        return bool(self.warnings) or not self.report.feasible


def pace_forecast(context: AppContext) -> PaceForecast:
    """The plan's feasibility and the deadlines the learner's own pace misses, storing
    nothing. Raises NoProfileError when there is no plan."""
    with context.database.unit_of_work() as session:
        return pace_forecast_in(context, session)


def pace_forecast_in(context: AppContext, session: Session) -> PaceForecast:
    """:func:`pace_forecast` within the caller's unit of work."""
    profile = require_profile(session)
    report = assess_plan_in(context, session)
    today = context.today(profile.timezone)
    pace = learner_pace(
        repo.list_tasks(session=session), profile, today, ZoneInfo(profile.timezone)
    )
    return PaceForecast(report, pace, pace_warnings(report, pace, today))
