"""`study-planner cert ...`: certification goals from the command line, through the same use
cases as the Certifications view."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import date
from typing import Any, TextIO

from planner.domain.certifications import GoalState
from planner.services import goals
from planner.services.changes import Changes
from planner.services.context import AppContext
from planner.services.goals import CertificationEntry, CertificationOverview


def run_cert_command(
    context: AppContext,
    arguments: argparse.Namespace,
    out: TextIO,
    print_feasibility: Callable[[Changes, CertificationOverview, TextIO], None],
) -> None:
    command: str = arguments.cert_command
    if command == "list":
        _list(context, arguments, out)
        return
    certification_id: str = arguments.certification_id
    if command == "book":
        changes = goals.book_exam(
            context, certification_id, arguments.exam_date, arguments.exam_time
        )
    elif command == "pass":
        changes = goals.record_pass(context, certification_id, arguments.date, arguments.credential)
    elif command == "fail":
        changes = goals.record_fail(context, certification_id, arguments.date, arguments.retake)
    else:
        changes = goals.drop_goal(context, certification_id)
    overview = goals.certification_overview(context)
    entry = overview.entry(certification_id)
    print(f"{entry.certification.title}: {goal_summary(entry)}.", file=out)
    if changes.moves is not None:
        print(changes.moves.text(), file=out)
    print_feasibility(changes, overview, out)


def _list(context: AppContext, arguments: argparse.Namespace, out: TextIO) -> None:
    overview = goals.certification_overview(context)
    if arguments.json:
        json.dump(
            [entry_json(entry) for entry in overview.entries], out, indent=2, ensure_ascii=False
        )
        out.write("\n")
        return
    width = max(len(entry.certification.id) for entry in overview.entries)
    for entry in overview.entries:
        certification = entry.certification
        goal = f"  goal: {goal_summary(entry)}" if entry.goal is not None else ""
        print(
            f"{certification.id:<{width}}  {certification.title} "
            f"({certification.status.value}){goal}",
            file=out,
        )
    print_exam_questions(overview, out)


def print_exam_questions(overview: CertificationOverview, out: TextIO) -> None:
    """The exam-day question, for each exam whose date passed without a result."""
    for entry in overview.awaiting_results:
        assert entry.goal is not None
        assert entry.goal.exam_date is not None
        cid = entry.certification.id
        what = "target date" if entry.certification.is_course else "exam"
        print(
            f"Your {what} for {entry.certification.title} was on "
            f"{entry.goal.exam_date.isoformat()}: what happened? Record it with "
            f"`cert pass {cid} --date D`, `cert fail {cid} --date D [--retake D]`, "
            f"move it with `cert book {cid} --exam-date D`, or `cert drop {cid}`. "
            "Its unfinished preparation stays in the plan until then.",
            file=out,
        )


def goal_summary(entry: CertificationEntry) -> str:
    goal, state = entry.goal, entry.state
    if goal is None or state is None:
        return "no goal"
    parts = [state.value]
    if goal.exam_date is not None and state in (GoalState.BOOKED, GoalState.FAILED):
        when = goal.exam_date.isoformat()
        if goal.exam_time is not None:
            when += f" {goal.exam_time:%H:%M}"
        label = (
            "retake"
            if state is GoalState.FAILED
            else "target"
            if entry.certification.is_course
            else "exam"
        )
        parts.append(f"{label} {when}")
    if goal.passed_on is not None and state in (
        GoalState.PASSED,
        GoalState.RENEWAL_DUE,
        GoalState.EXPIRED,
    ):
        parts.append(f"passed {goal.passed_on.isoformat()}")
        if goal.expires_on is not None:
            parts.append(f"expires {goal.expires_on.isoformat()}")
    if entry.readiness is not None:
        parts.append(f"{entry.readiness.percent}% ready")
        if entry.readiness.feasible is not None:
            parts.append("on track" if entry.readiness.feasible else "at risk")
    if entry.awaiting_result:
        parts.append("result not recorded")
    return ", ".join(parts)


def entry_json(entry: CertificationEntry) -> dict[str, Any]:
    certification = entry.certification
    result: dict[str, Any] = {
        "id": certification.id,
        "title": certification.title,
        "provider": certification.provider,
        "kind": certification.kind.value,
        "status": certification.status.value,
        "validity_months": certification.validity_months,
        "custom": certification.custom,
    }
    goal = entry.goal
    if goal is not None and entry.state is not None:
        readiness = entry.readiness
        result["goal"] = {
            "status": entry.state.value,
            "exam_date": _iso(goal.exam_date),
            "exam_time": goal.exam_time.strftime("%H:%M") if goal.exam_time else None,
            "passed_on": _iso(goal.passed_on),
            "expires_on": _iso(goal.expires_on),
            "failed_on": _iso(goal.failed_on),
            "credential": goal.credential or None,
            "readiness_percent": readiness.percent if readiness else None,
            "feasible": readiness.feasible if readiness else None,
            "awaiting_result": entry.awaiting_result,
        }
    return result


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
