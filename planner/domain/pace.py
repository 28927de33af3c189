"""The learner's real pace and what it means for their exams.

A plan fills every study day, so it assumes the learner studies all the time they set. The
forecast takes the pace they kept instead: done minutes per week over the last four weeks.
At that pace, the open work the plan puts before an exam's preparation is ready takes longer
(or less long) than planned; when it would end after the day the preparation is due, the
deadline is at risk, long before the plan itself runs late.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from planner.domain.model import Profile, StudyTask
from planner.domain.planning_types import DeadlineReport, PlanReport
from planner.domain.progress import study_minutes_by_day

PACE_DAYS = 28
"""The pace is measured over the last four weeks..."""
FIRST_PACE_DAYS = 7
"""...or since the plan started, once it has run a week; before that there is no pace."""


@dataclass(frozen=True)
class Pace:
    done_minutes_per_week: float
    """Minutes studied per week (logged time where there is some) over ``days``."""
    planned_minutes_per_week: int
    """The study time the learner set: what the plan expects each week."""
    days: int
    """The days the figure covers, up to yesterday."""

    @property
    def share(self) -> float:
        """Done against planned (1.0 = on pace)."""
        planned = self.planned_minutes_per_week
        return self.done_minutes_per_week / planned if planned else 1.0


@dataclass(frozen=True)
class PaceWarning:
    """A deadline the learner's pace misses."""

    certification_id: str
    exam_date: date
    due_date: date
    forecast_date: date | None
    """When the preparation would be ready at the learner's pace; None for never (no study
    in the measured weeks)."""
    pace: Pace

    @property
    def late_days(self) -> int | None:
        """Days the forecast lies after the due date; None if it never gets done."""
        return None if self.forecast_date is None else (self.forecast_date - self.due_date).days


def learner_pace(
    tasks: Iterable[StudyTask], profile: Profile, today: date, timezone: tzinfo
) -> Pace | None:
    """Done minutes per week over the four weeks before ``today`` (or the days since the plan
    started, if fewer); None in a plan's first week."""
    start = max(profile.start_date, today - timedelta(days=PACE_DAYS))
    days = (today - start).days
    if days < FIRST_PACE_DAYS:
        return None
    studied = study_minutes_by_day(tasks, timezone)
    done = sum(minutes for day, minutes in studied.items() if start <= day < today)
    return Pace(done * 7 / days, profile.availability.weekly_minutes, days)


def forecast_ready(deadline: DeadlineReport, pace: Pace, today: date) -> date | None:
    """When the exam's preparation is ready if the learner keeps ``pace``: the open work the
    plan puts up to its ready day, at the minutes per day they kept."""
    per_day = pace.done_minutes_per_week / 7
    if deadline.minutes_until_ready <= 0:
        return today
    if per_day <= 0:
        return None
    return today + timedelta(days=math.ceil(deadline.minutes_until_ready / per_day) - 1)


def pace_warnings(report: PlanReport, pace: Pace | None, today: date) -> tuple[PaceWarning, ...]:
    """The deadlines the plan still fits but the learner's pace does not. (A deadline the
    plan itself misses is in the plan's report; before the first week there is no pace.)"""
    if pace is None:
        return ()
    warnings = []
    for deadline in report.deadlines:
        if not deadline.feasible or deadline.ready_date is None:
            continue
        forecast = forecast_ready(deadline, pace, today)
        if forecast is None or forecast > deadline.due_date:
            warnings.append(
                PaceWarning(
                    deadline.certification_id,
                    deadline.exam_date,
                    deadline.due_date,
                    forecast,
                    pace,
                )
            )
    return tuple(warnings)
