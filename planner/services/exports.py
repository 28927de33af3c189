"""Exporting the learner's data: the PDF progress report, the plan as ICS and CSV, and a
portable JSON copy. Each export reads the store in one unit of work and writes its file
whole or not at all."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from planner.domain.curriculum import Curriculum
from planner.domain.model import (
    CertificationGoal,
    GoalStatus,
    Profile,
    StudyTask,
    TaskKind,
    TaskStatus,
)
from planner.domain.planning import PlanReport
from planner.domain.progress import overall_share, studied_on
from planner.domain.progress_calendar import monday_of
from planner.export.calendar_file import plan_calendar
from planner.export.describe import group_title
from planner.export.options import ExportFormat, ReportOptions
from planner.export.pdf import write_report_pdf
from planner.export.portable import PortableData, dump_portable
from planner.export.report import CertificationLine, ProgressReport, TaskLine
from planner.export.spreadsheet import tasks_csv
from planner.services.context import AppContext
from planner.services.errors import ServiceError
from planner.services.files import write_atomically
from planner.services.plans import assess_plan_in, require_profile
from planner.services.progress import snapshot_of
from planner.store import repositories as repo

REPORT_WEEKS = 52  # the report's charts cover up to a year
UPCOMING_DAYS = 14


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: ExportFormat


def export_file(
    context: AppContext,
    path: Path,
    export_format: ExportFormat | None = None,
    options: ReportOptions | None = None,
) -> ExportResult:
    """Write the export ``path``'s extension asks for (or ``export_format``) to ``path``."""
    try:
        chosen = export_format or ExportFormat.of_path(path)
    except ValueError as error:
        raise ServiceError(str(error)) from None
    if not path.parent.is_dir():
        raise ServiceError(f"{path.parent}: no such folder to export into")
    if chosen is ExportFormat.PDF:
        options = options or ReportOptions()
        report = progress_report(context, options)
        paper = options.paper
        write_atomically(path, lambda file: write_report_pdf(report, paper, file))
    else:
        content = {
            ExportFormat.ICS: calendar_bytes,
            ExportFormat.CSV: spreadsheet_bytes,
            ExportFormat.JSON: portable_bytes,
        }[chosen](context)
        write_atomically(path, lambda file: file.write(content))
    return ExportResult(path, chosen)


# The report ----------------------------------------------------------------------------


def progress_report(context: AppContext, options: ReportOptions) -> ProgressReport:
    """The report's contents as of the learner's today, read in one unit of work."""
    with context.database.unit_of_work() as session:
        profile = require_profile(session)
        tasks = repo.list_tasks(session=session)
        goals = repo.list_goals(session=session)
        plan = assess_plan_in(context, session)
    curriculum = context.curriculum
    today = context.today(profile.timezone)
    zone = ZoneInfo(profile.timezone)
    snapshot = snapshot_of(tasks, curriculum, profile.timezone, today, weeks=REPORT_WEEKS)
    done = sorted(
        (t for t in tasks if t.status is TaskStatus.DONE),
        key=lambda t: (studied_on(t, zone), t.id or 0),
    )
    horizon = today + timedelta(days=UPCOMING_DAYS - 1)
    upcoming = [t for t in tasks if t.status.is_open and today <= t.scheduled_date <= horizon]
    noted = [t for t in tasks if t.notes.strip()] if options.include_notes else []
    return ProgressReport(
        learner_name=options.learner_name.strip(),
        level=curriculum.career_level(profile.level).title,
        specializations=_specialization_titles(profile, curriculum),
        plan_start=profile.start_date,
        plan_end=plan.end_date,
        today=today,
        overall=snapshot.overall,
        groups=snapshot.groups,
        weekly_hours=snapshot.weekly_hours,
        # The heat map starts with the plan when that is less than a year ago.
        heatmap_start=max(snapshot.heatmap_start, monday_of(profile.start_date)),
        minutes_by_day=snapshot.minutes_by_day,
        streaks=snapshot.streaks,
        total_hours=snapshot.total_hours,
        certifications=tuple(_certification_line(g, tasks, plan, curriculum, today) for g in goals),
        completed=tuple(
            TaskLine(studied_on(t, zone), t.title, group_title(t, curriculum), t.minutes_studied)
            for t in done
        ),
        upcoming=tuple(_task_line(t, curriculum) for t in upcoming),
        notes=tuple(_task_line(t, curriculum) for t in noted),
    )


def _specialization_titles(profile: Profile, curriculum: Curriculum) -> tuple[str, ...]:
    titles = {s.id: s.title for s in curriculum.specializations}
    return tuple(titles.get(s, s) for s in profile.specializations)


def _task_line(task: StudyTask, curriculum: Curriculum) -> TaskLine:
    return TaskLine(
        task.scheduled_date, task.title, group_title(task, curriculum), task.minutes, task.notes
    )


def _certification_line(
    goal: CertificationGoal,
    tasks: Sequence[StudyTask],
    plan: PlanReport,
    curriculum: Curriculum,
    today: date,
) -> CertificationLine:
    known = {c.id: c for c in curriculum.certifications}
    certification = known.get(goal.certification_id)
    title = certification.title if certification else goal.certification_id
    readiness = ""
    if goal.status in (GoalStatus.PLANNED, GoalStatus.BOOKED) and certification is not None:
        # The exam's topics and its own preparation: how much of that work is done.
        topics = set(certification.topic_ids)
        preparation = [
            t
            for t in tasks
            if t.topic_id in topics
            or (t.kind is TaskKind.CERT_PREP and t.certification_id == goal.certification_id)
        ]
        readiness = f"{overall_share(preparation).percent}% prepared"
        deadline = next(
            (d for d in plan.deadlines if d.certification_id == goal.certification_id), None
        )
        if goal.exam_date is not None and goal.exam_date < today:
            readiness += ", the exam date has passed"
        elif deadline is not None:
            readiness += (
                ", on track"
                if deadline.feasible
                else f", {deadline.shortfall_hours:.1f} h short of the exam date"
            )
    return CertificationLine(
        title=title,
        status=goal.status.value.capitalize(),
        exam_date=goal.exam_date,
        passed_on=goal.passed_on,
        expires_on=goal.expires_on,
        readiness=readiness,
    )


# The plan as files ---------------------------------------------------------------------


def calendar_bytes(context: AppContext) -> bytes:
    with context.database.reading() as session:
        profile = require_profile(session)
        tasks = repo.list_tasks(session=session)
        goals = repo.list_goals(session=session)
    return plan_calendar(
        tasks, goals, context.curriculum, now=context.now(), timezone=profile.timezone
    )


def spreadsheet_bytes(context: AppContext) -> bytes:
    with context.database.unit_of_work() as session:
        profile = require_profile(session)
        tasks = repo.list_tasks(session=session)
    return tasks_csv(tasks, context.curriculum, profile.timezone)


def portable_bytes(context: AppContext) -> bytes:
    """Every stored row as the portable, versioned JSON file."""
    with context.database.unit_of_work() as session:
        rows = repo.read_all_rows(session=session)
    return dump_portable(PortableData.from_rows(rows, exported_at=context.now()))
