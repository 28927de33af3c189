"""The progress report's contents, as plain values the services compute and the PDF shows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from planner.domain.progress import Share, Streaks


@dataclass(frozen=True)
class CertificationLine:
    title: str
    status: str  # as the learner reads it: "Planned", "Booked", "Passed", "Failed"
    exam_date: date | None
    passed_on: date | None
    expires_on: date | None
    readiness: str  # e.g. "40% prepared, on track"; "" when it no longer applies


@dataclass(frozen=True)
class TaskLine:
    day: date  # the day it was done (completed tasks) or is planned for
    title: str
    group: str  # the curriculum group, or what else the task is ("Your own task"...)
    minutes: int  # time spent on a completed task, planned time on an open one
    notes: str = ""


@dataclass(frozen=True)
class ProgressReport:
    learner_name: str
    level: str
    specializations: tuple[str, ...]
    plan_start: date
    plan_end: date | None  # the last open task's day; None when nothing is left
    today: date
    overall: Share
    groups: tuple[Share, ...]
    weekly_hours: tuple[tuple[date, float], ...]  # (Monday, hours), oldest first
    heatmap_start: date  # a Monday; the heat map runs from it to today
    minutes_by_day: Mapping[date, int]
    streaks: Streaks
    total_hours: float
    certifications: tuple[CertificationLine, ...]
    completed: tuple[TaskLine, ...]  # oldest first
    upcoming: tuple[TaskLine, ...]  # the next two weeks' open tasks
    notes: tuple[TaskLine, ...]  # tasks with notes, when the learner included them
