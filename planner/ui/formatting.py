"""How durations and plan reports read in the window."""

from __future__ import annotations

from planner.domain.planning import PlanReport


def duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def describe_report(report: PlanReport) -> str:
    """One or two sentences: when the plan ends and which exams are at risk."""
    parts = []
    if report.end_date is not None:
        parts.append(f"The plan now ends on {report.end_date:%d %B %Y}.")
    for deadline in report.deadlines:
        if not deadline.feasible:
            parts.append(
                f"{deadline.certification_id}: {deadline.shortfall_hours:.1f} h short before "
                f"the exam on {deadline.exam_date:%d %B %Y}."
            )
    if report.unplaceable_topic_ids:
        parts.append(f"{len(report.unplaceable_topic_ids)} topics could not be placed.")
    return " ".join(parts) or "Plan updated."
