"""How durations, days and plan reports read in the window."""

from __future__ import annotations

from datetime import date

from planner.domain.curriculum import Curriculum
from planner.domain.planning import PlanReport


def duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def short_duration(minutes: int) -> str:
    """A duration that fits a calendar cell: 45m, 2h, 1h30."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}m"
    return f"{hours}h{rest:02d}" if rest else f"{hours}h"


def day_text(day: date) -> str:
    """A day in full: Monday 30 November 2026."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def describe_report(report: PlanReport, curriculum: Curriculum) -> str:
    """One or two sentences: when the plan ends and which exams are at risk."""
    parts = []
    if report.end_date is not None:
        parts.append(f"The plan now ends on {report.end_date:%d %B %Y}.")
    for deadline in report.deadlines:
        if not deadline.feasible:
            parts.append(
                f"{curriculum.certification(deadline.certification_id).title}: "
                f"{deadline.shortfall_hours:.1f} h short before "
                f"the exam on {deadline.exam_date:%d %B %Y}."
            )
    if report.unplaceable_topic_ids:
        parts.append(f"{len(report.unplaceable_topic_ids)} topics could not be placed.")
    return " ".join(parts) or "Plan updated."
