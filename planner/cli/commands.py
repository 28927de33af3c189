"""The command-line front: the same use cases as the window, printed as text or JSON."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import tzlocal

from planner.cli.arguments import one_line
from planner.cli.cert_commands import print_exam_questions, run_cert_command
from planner.domain.certifications import new_goal
from planner.domain.clock import local_date, system_clock
from planner.domain.curriculum import Curriculum, Level
from planner.domain.curriculum_file import CurriculumError
from planner.domain.model import (
    CertificationGoal,
    Profile,
    StudyTask,
    TaskStatus,
    WeeklyAvailability,
)
from planner.domain.pace import Pace, PaceWarning
from planner.domain.planning import DeadlineReport, PlanReport
from planner.domain.planning_types import MissedPolicy
from planner.domain.progress import Share
from planner.domain.wording import day_text, duration, plural, topic_title
from planner.export.options import ExportFormat, PaperSize, ReportOptions
from planner.paths import create_data_dir, data_dir, database_path
from planner.services import backups, goals, plans, tasks
from planner.services.bootstrap import load_active_curriculum, open_context
from planner.services.changes import Changes
from planner.services.context import AppContext
from planner.services.errors import NoProfileError, ServiceError
from planner.services.exports import export_file
from planner.services.goals import CertificationOverview
from planner.services.importing import import_data
from planner.services.status import MissedWork, StatusReport, current_missed_work, status_report
from planner.store.backup import BackupError
from planner.store.faults import DamagedDatabaseError, StoreError

_CHECKBOX = {
    TaskStatus.PENDING: "[ ]",
    TaskStatus.IN_PROGRESS: "[~]",
    TaskStatus.DONE: "[x]",
    TaskStatus.SKIPPED: "[-]",
}


BROKEN_PIPE_STATUS = 128 + 13  # 128 + SIGPIPE, as a shell reports a process the signal ended


_STATUS_WORDS = {
    TaskStatus.PENDING: "still to do",
    TaskStatus.IN_PROGRESS: "in progress",
    TaskStatus.DONE: "done",
    TaskStatus.SKIPPED: "skipped",
}


class UsageError(ServiceError):
    pass


def run_command(arguments: argparse.Namespace, *, stdout: TextIO, stderr: TextIO) -> int:
    """Run one command; errors become one line on ``stderr`` and a non-zero exit."""
    try:
        directory = data_dir(arguments.data_dir)
        if arguments.command in _DATA_HANDLERS:
            _DATA_HANDLERS[arguments.command](directory, arguments, stdout)
            stdout.flush()
            return 0
        handler = _HANDLERS[arguments.command]
        if arguments.command == "init":
            # Everything is checked before the folder or the database is created.
            curriculum = load_active_curriculum(directory)
            profile, goals = _init_request(arguments)
            today = local_date(system_clock(), profile.timezone)
            preview = plans.preview_plan(curriculum, profile, goals, today=today)
            plans.check_plan_finishes(preview, profile)
            create_data_dir(directory)
        elif arguments.command != "import" and not database_path(directory).exists():
            # Reading creates nothing: no folder, no database, no logs.
            raise NoProfileError()
        else:
            if arguments.command == "import":
                create_data_dir(directory)
            curriculum = load_active_curriculum(directory)
        context = open_context(directory, system_clock, curriculum)
        try:
            handler(context, arguments, stdout)
        finally:
            context.database.close()
        # Short output waits in the buffer until exit, outside this handler: write it now.
        stdout.flush()
    except BrokenPipeError:
        # The reader went away (as with `| head`): stop quietly, as other Unix tools do,
        # with the status of a process ended by SIGPIPE; what is left unwritten goes nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), stdout.fileno())
        return BROKEN_PIPE_STATUS
    except (ServiceError, CurriculumError, StoreError, BackupError, OSError) as error:
        print(f"study-planner: error: {one_line(_sentence(error))}", file=stderr)
        return 1
    except Exception as error:  # the last line of defence: a sentence, never a traceback
        print(
            f"study-planner: error: {one_line(f'{type(error).__name__}: {error}')}; "
            "nothing was changed (every change is one transaction)",
            file=stderr,
        )
        return 1
    return 0


def _sentence(error: Exception) -> str:
    """The error as the learner reads it, with the way out where there is one."""
    if isinstance(error, DamagedDatabaseError):
        return (
            f"{error} To move it aside and restore a backup, run `study-planner restore FILE` "
            "with one of the backups `study-planner backup --list` shows."
        )
    return str(error)


def _backup(directory: Path, arguments: argparse.Namespace, out: TextIO) -> None:
    if arguments.list:
        found = backups.list_backups(directory)
        if not found:
            print(f"No backups yet in {directory / 'backups'}.", file=out)
        for info in found:
            done = "unreadable" if info.tasks_done is None else f"{info.tasks_done} tasks done"
            print(
                f"{info.path.name}  {info.made_at:%Y-%m-%d %H:%M} UTC  "
                f"{info.size / 1024:.0f} KiB  {done}",
                file=out,
            )
        return
    made = backups.back_up_now(directory, system_clock())
    if made is None:
        raise NoProfileError()
    print(f"Backed up to {made}", file=out)


def _restore(directory: Path, arguments: argparse.Namespace, out: TextIO) -> None:
    chosen = Path(arguments.file)
    if not chosen.exists() and (directory / "backups" / chosen.name).exists():
        chosen = directory / "backups" / chosen.name
    result = backups.restore(directory, chosen, system_clock())
    print(f"Restored {result.restored}.", file=out)
    if result.safety_backup is not None:
        print(f"The data as it was before is backed up in {result.safety_backup}.", file=out)
    if result.moved_aside is not None:
        print(f"The damaged file was moved aside, unchanged, to {result.moved_aside}.", file=out)


def _init_request(arguments: argparse.Namespace) -> tuple[Profile, list[CertificationGoal]]:
    if len(arguments.cert) != len(arguments.exam_date):
        raise UsageError("give each --cert a matching --exam-date, in pairs")
    if arguments.timezone is not None:
        try:
            ZoneInfo(arguments.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise UsageError(f"unknown time zone {arguments.timezone!r}") from None
    profile = Profile(
        level=Level(arguments.level),
        specializations=tuple(dict.fromkeys(arguments.specialization)),
        availability=WeeklyAvailability.spread(arguments.hours_per_week, arguments.study_days),
        start_date=arguments.start,
        timezone=arguments.timezone or tzlocal.get_localzone_name(),
        max_session_minutes=arguments.max_session,
        include_interview_prep=not arguments.no_interview_prep,
        known_topic_ids=frozenset(arguments.known),
    )
    goals = [
        new_goal(cert, exam) for cert, exam in zip(arguments.cert, arguments.exam_date, strict=True)
    ]
    return profile, goals


def _init(context: AppContext, arguments: argparse.Namespace, out: TextIO) -> None:
    profile, goals = _init_request(arguments)
    report = plans.create_plan(context, profile, goals).report
    assert report is not None
    planned = tasks.all_tasks(context)
    first = f", starting on {day_text(planned[0].scheduled_date)}" if planned else ""
    print(f"Created a plan of {len(planned)} study tasks{first}.", file=out)
    today = context.today(profile.timezone)
    if profile.start_date < today:
        print(
            f"You asked to start on {day_text(profile.start_date)}; days already past cannot "
            f"be planned, so the plan starts today, {day_text(today)}.",
            file=out,
        )
    _print_feasibility(report, context.curriculum, out)


def _today(context: AppContext, arguments: argparse.Namespace, out: TextIO) -> None:
    profile = plans.load_profile(context)
    if profile is None:
        raise NoProfileError()
    day: date = arguments.date or context.today(profile.timezone)
    day_tasks = tasks.tasks_on(context, day)
    if arguments.json:
        json.dump([_task_json(task) for task in day_tasks], out, indent=2, ensure_ascii=False)
        out.write("\n")
        return
    total = sum(task.minutes for task in day_tasks)
    print(f"{day_text(day)}: {plural(len(day_tasks), 'task')}, {duration(total)}", file=out)
    if day < profile.start_date:
        print(f"  Your plan starts on {day_text(profile.start_date)}.", file=out)
    for task in day_tasks:
        pin = ", pinned" if task.pinned else ""
        print(
            f"  {_CHECKBOX[task.status]} {task.id:>5}  {task.title}  "
            f"({duration(task.minutes)}{pin})",
            file=out,
        )
    _print_missed(current_missed_work(context), out)


def _print_missed(missed: MissedWork, out: TextIO) -> None:
    if missed.tasks:
        print(
            f"Missed: {plural(missed.tasks, 'task')} ({duration(missed.minutes)}) on earlier "
            "days; `study-planner replan` moves them forward from today.",
            file=out,
        )


def _replan(context: AppContext, arguments: argparse.Namespace, out: TextIO) -> None:
    missed = current_missed_work(context)
    report = plans.replan(context, MissedPolicy(arguments.policy)).report
    assert report is not None
    moved = (
        f"moved {plural(missed.tasks, 'missed task')} ({duration(missed.minutes)}) forward"
        if missed.tasks
        else "nothing was missed"
    )
    print(f"Re-planned from today ({arguments.policy}): {moved}.", file=out)
    _print_feasibility(report, context.curriculum, out)


def _done(context: AppContext, arguments: argparse.Namespace, out: TextIO) -> None:
    task = tasks.get_task(context, arguments.task_id)
    if task.status is TaskStatus.DONE:
        print(f"Already done: {task.title}", file=out)
        return
    tasks.complete_task(context, arguments.task_id)
    print(f"Done: {task.title}", file=out)


def _undo(context: AppContext, arguments: argparse.Namespace, out: TextIO) -> None:
    task = tasks.get_task(context, arguments.task_id)
    if task.status is not TaskStatus.DONE:
        raise UsageError(
            f"task {arguments.task_id} ({task.title}) is not done "
            f"({_STATUS_WORDS[task.status]}): there is no tick to take back"
        )
    tasks.reopen_task(context, arguments.task_id)
    print(f"Reopened: {task.title}", file=out)


def _skip(context: AppContext, arguments: argparse.Namespace, out: TextIO) -> None:
    changes = tasks.skip_task(context, arguments.task_id)
    print(f"Skipped: {tasks.get_task(context, arguments.task_id).title}", file=out)
    if changes.report is not None and changes.report.end_date is not None:
        print(
            f"Its work moves to later days; the plan now ends on "
            f"{changes.report.end_date.isoformat()}.",
            file=out,
        )


def _drop_topic(context: AppContext, arguments: argparse.Namespace, out: TextIO) -> None:
    if arguments.yes:
        dropped, _ = plans.drop_topic(context, arguments.topic_id)
    else:
        dropped = plans.topic_drop(context, arguments.topic_id)
    curriculum = context.curriculum
    title = curriculum.topic(dropped.topic_id).title
    verb = "Dropped" if arguments.yes else "Dropping"
    removes = "removed" if arguments.yes else "removes"
    print(
        f"{verb} {title}: {removes} {dropped.open_tasks} open sessions "
        f"({dropped.open_minutes / 60:.1f} h) from the plan; done work stays.",
        file=out,
    )
    for certification_id in dropped.needed_by:
        print(
            f"  {curriculum.certification(certification_id).title} needs it: its exam loses "
            "this preparation.",
            file=out,
        )
    if dropped.dependants:
        names = ", ".join(curriculum.topic(t).title for t in dropped.dependants)
        print(f"  Counted as met for what requires it: {names}.", file=out)
    if not arguments.yes:
        print("Run again with --yes to drop it.", file=out)


def _status(context: AppContext, arguments: argparse.Namespace, out: TextIO) -> None:
    report = status_report(context)
    overview = goals.certification_overview(context)
    if arguments.json:
        data = _status_json(report)
        data["awaiting_results"] = [
            {"certification_id": e.certification.id, "exam_date": _iso(e.goal.exam_date)}
            for e in overview.awaiting_results
            if e.goal is not None
        ]
        json.dump(data, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return
    overall = report.overall
    print(
        f"Overall: {overall.percent_text} done ({duration(overall.done_minutes)} of "
        f"{duration(overall.planned_minutes)})",
        file=out,
    )
    print("By group:", file=out)
    width = max((len(share.title) for share in report.groups), default=0)
    for share in report.groups:
        print(
            f"  {share.title:<{width}}  {share.percent_text:>5}  "
            f"{duration(share.done_minutes)} of {duration(share.planned_minutes)}",
            file=out,
        )
    streaks = report.streaks
    print(f"Streak: {plural(streaks.current, 'day')} (longest {streaks.longest})", file=out)
    _print_missed(report.missed, out)
    _print_pace(report.forecast.pace, out)
    _print_feasibility(report.plan, overview.curriculum, out, report.forecast.warnings)
    print_exam_questions(overview, out)


def _cert(context: AppContext, arguments: argparse.Namespace, out: TextIO) -> None:
    def feasibility(changes: Changes, overview: CertificationOverview, out: TextIO) -> None:
        if changes.report is not None:
            _print_feasibility(changes.report, overview.curriculum, out)

    run_cert_command(context, arguments, out, feasibility)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _print_pace(pace: Pace | None, out: TextIO) -> None:
    if pace is None:
        return
    print(
        f"Pace: {pace.done_minutes_per_week / 60:.1f} h a week done over the last "
        f"{pace.days} days, against {pace.planned_minutes_per_week / 60:.1f} h planned "
        f"({pace.share:.0%}).",
        file=out,
    )


def _print_feasibility(
    report: PlanReport,
    curriculum: Curriculum,
    out: TextIO,
    pace_warnings: Sequence[PaceWarning] = (),
) -> None:
    slow = {w.certification_id: w for w in pace_warnings}
    if report.end_date is not None:
        print(f"Plan ends on {report.end_date.isoformat()}.", file=out)
    for deadline in report.deadlines:
        title = curriculum.certification(deadline.certification_id).title
        warning = slow.get(deadline.certification_id)
        if warning is not None:
            print(f"{title}: {_pace_risk(warning)}", file=out)
            continue
        if deadline.feasible:
            print(
                f"{title}: on track for the exam on {deadline.exam_date.isoformat()}.",
                file=out,
            )
            continue
        print(
            f"{title}: {duration(deadline.late_minutes)} short for the "
            f"exam on {deadline.exam_date.isoformat()}. Options: {'; '.join(_options(deadline))}.",
            file=out,
        )
    if report.unplaceable_topic_ids:
        titles = dict.fromkeys(topic_title(curriculum, t) for t in report.unplaceable_topic_ids)
        print("Not placed (no study time available): " + ", ".join(titles), file=out)


def _pace_risk(warning: PaceWarning) -> str:
    due = warning.due_date.isoformat()
    exam = warning.exam_date.isoformat()
    if warning.forecast_date is None:
        ready = f"with no study in the last {warning.pace.days} days it will not be ready"
    else:
        ready = (
            f"at your pace it is ready around {warning.forecast_date.isoformat()}, "
            f"{warning.late_days} days late"
        )
    return (
        f"at risk: {ready} (due {due}, exam on {exam}). Study closer to your planned time, "
        "move the exam, or drop optional topics."
    )


def _options(deadline: DeadlineReport) -> list[str]:
    """The learner's ways out of a shortfall, as the engine worked them out."""
    options = []
    if deadline.extra_minutes_per_study_day:
        options.append(f"+{duration(deadline.extra_minutes_per_study_day)} on each study day")
    earliest = deadline.earliest_feasible_exam_date
    options.append(
        f"move the exam to {earliest.isoformat()} or later"
        if earliest
        else "no exam date within the planning horizon fits"
    )
    if deadline.droppable_optional_topic_ids:
        options.append(f"drop optional topics {', '.join(deadline.droppable_optional_topic_ids)}")
    return options


def _task_json(task: StudyTask) -> dict[str, Any]:
    return {
        "id": task.id,
        "title": task.title,
        "minutes": task.minutes,
        "status": task.status.value,
        "date": task.scheduled_date.isoformat(),
        "topic_id": task.topic_id,
        "kind": task.kind.value,
        "pinned": task.pinned,
        "part": task.part,
        "parts": task.parts,
        "certification_id": task.certification_id,
        "time_spent_minutes": task.time_spent_minutes,
        "notes": task.notes,
    }


def _status_json(report: StatusReport) -> dict[str, Any]:
    def share(s: Share) -> dict[str, Any]:
        return {
            "id": s.key,
            "title": s.title,
            "percent": s.percent,
            "done_minutes": s.done_minutes,
            "planned_minutes": s.planned_minutes,
        }

    plan = report.plan
    pace = report.forecast.pace
    slow = {w.certification_id: w for w in report.forecast.warnings}
    return {
        "date": report.today.isoformat(),
        "overall": share(report.overall),
        "groups": [share(s) for s in report.groups],
        "levels": [share(s) for s in report.levels],
        "streak": {"current": report.streaks.current, "longest": report.streaks.longest},
        "missed": {"tasks": report.missed.tasks, "minutes": report.missed.minutes},
        "pace": None
        if pace is None
        else {
            "done_minutes_per_week": round(pace.done_minutes_per_week),
            "planned_minutes_per_week": pace.planned_minutes_per_week,
            "days": pace.days,
        },
        "feasibility": {
            "feasible": plan.feasible,
            "end_date": plan.end_date.isoformat() if plan.end_date else None,
            "unplaceable_topic_ids": list(plan.unplaceable_topic_ids),
            "deadlines": [
                {
                    "certification_id": d.certification_id,
                    "exam_date": d.exam_date.isoformat(),
                    "feasible": d.feasible,
                    "needed_minutes": d.needed_minutes,
                    "available_minutes": d.available_minutes,
                    "shortfall_hours": d.shortfall_hours,
                    "earliest_feasible_exam_date": (
                        d.earliest_feasible_exam_date.isoformat()
                        if d.earliest_feasible_exam_date
                        else None
                    ),
                    "extra_minutes_per_study_day": d.extra_minutes_per_study_day,
                    "droppable_optional_topic_ids": list(d.droppable_optional_topic_ids),
                    "ready_date": _iso(d.ready_date),
                    "pace_at_risk": d.certification_id in slow,
                    "pace_forecast_ready_date": _iso(
                        slow[d.certification_id].forecast_date
                        if d.certification_id in slow
                        else None
                    ),
                }
                for d in plan.deadlines
            ],
        },
    }


def _export(context: AppContext, arguments: argparse.Namespace, out: TextIO) -> None:
    options = ReportOptions(learner_name=arguments.name, include_notes=arguments.include_notes)
    if arguments.paper is not None:
        options = replace(options, paper=PaperSize(arguments.paper))
    chosen = None if arguments.format is None else ExportFormat(arguments.format)
    result = export_file(context, Path(arguments.file), chosen, options)
    print(f"Exported {_FORMAT_TITLES[result.format]} to {result.path}", file=out)


_FORMAT_TITLES = {
    ExportFormat.PDF: "the progress report",
    ExportFormat.ICS: "the plan as a calendar",
    ExportFormat.CSV: "the tasks as a spreadsheet",
    ExportFormat.JSON: "all your data",
}


def _import(context: AppContext, arguments: argparse.Namespace, out: TextIO) -> None:
    result = import_data(context, Path(arguments.file))
    print(
        f"Imported {result.tasks} tasks, {result.goals} certification goals and "
        f"{result.reminders} reminders from {arguments.file}. "
        f"The data it replaced is backed up in {result.backup}",
        file=out,
    )


_DATA_HANDLERS: dict[str, Callable[[Path, argparse.Namespace, TextIO], None]] = {
    "backup": _backup,
    "restore": _restore,
}

_HANDLERS: dict[str, Callable[[AppContext, argparse.Namespace, TextIO], None]] = {
    "init": _init,
    "today": _today,
    "done": _done,
    "undo": _undo,
    "skip": _skip,
    "drop-topic": _drop_topic,
    "status": _status,
    "export": _export,
    "import": _import,
    "cert": _cert,
    "replan": _replan,
}
