"""The plan as an iCalendar file: a calendar client shows each study day and exam.

Each event's UID says what it is (the series and part of a task, the custom task's id, the
exam's certification), never which database row it came from, so a new export after a
re-plan moves the same events in the client instead of adding copies.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from planner.domain.curriculum import Curriculum
from planner.domain.model import CertificationGoal, GoalStatus, StudyTask, TaskKind, TaskStatus
from planner.export.describe import STATUS_TITLES, group_title, topic_title

UID_DOMAIN = "study-planner.local"
PRODUCT_ID = "-//Study Planner//Study plan//EN"


def task_uid(task: StudyTask) -> str:
    """What the task is: its series (kind and topic, or the exam it prepares) and its part;
    a custom task by its own id, as nothing else names it."""
    if task.kind is TaskKind.CUSTOM:
        return f"custom-{task.id}@{UID_DOMAIN}"
    subject = task.certification_id if task.kind is TaskKind.CERT_PREP else task.topic_id
    return f"{task.kind.value}-{subject}-part{task.part}@{UID_DOMAIN}"


def exam_uid(goal: CertificationGoal) -> str:
    return f"exam-{goal.certification_id}@{UID_DOMAIN}"


def _task_event(task: StudyTask, curriculum: Curriculum, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", task_uid(task))
    event.add("dtstamp", stamp)
    event.add("summary", task.title)
    event.add("dtstart", task.scheduled_date)
    event.add("dtend", task.scheduled_date + timedelta(days=1))
    lines = [f"{task.minutes} min of study"]
    topic = topic_title(task, curriculum)
    if topic:
        lines.append(f"Topic: {topic}")
    group = group_title(task, curriculum)
    if group:
        lines.append(f"Group: {group}")
    lines.append(f"Status: {STATUS_TITLES[task.status]}")
    if task.notes:
        lines.append(f"Notes: {task.notes}")
    event.add("description", "\n".join(lines))
    event.add("categories", ["Study"])
    event.add("transp", "TRANSPARENT")  # a study task does not make the learner busy all day
    if task.status is TaskStatus.SKIPPED:
        event.add("status", "CANCELLED")
    return event


def _exam_event(
    goal: CertificationGoal, curriculum: Curriculum, stamp: datetime, timezone: str
) -> Event:
    assert goal.exam_date is not None
    title = curriculum.certification(goal.certification_id).title
    event = Event()
    event.add("uid", exam_uid(goal))
    event.add("dtstamp", stamp)
    event.add("summary", f"Exam: {title}")
    if goal.exam_time is None:  # only the exam's day is known: an all-day event
        event.add("dtstart", goal.exam_date)
        event.add("dtend", goal.exam_date + timedelta(days=1))
    else:
        # The learner's wall time, written in UTC so that every client places it alike.
        # Its length is not known: the event marks when it starts (RFC 5545 3.6.1).
        local = datetime.combine(goal.exam_date, goal.exam_time, tzinfo=ZoneInfo(timezone))
        event.add("dtstart", local.astimezone(UTC))
    event.add("description", f"{title}\nStatus: {goal.status.value.capitalize()}")
    event.add("categories", ["Exam"])
    return event


def plan_calendar(
    tasks: Sequence[StudyTask],
    goals: Sequence[CertificationGoal],
    curriculum: Curriculum,
    *,
    now: datetime,
    timezone: str,
) -> bytes:
    """The tasks and the exams of goals still ahead (planned or booked) as an ICS file; an
    exam with a time is a timed event at that time in ``timezone``."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Study plan")
    for task in tasks:
        calendar.add_component(_task_event(task, curriculum, now))
    for goal in goals:
        if goal.exam_date is not None and goal.status in (GoalStatus.PLANNED, GoalStatus.BOOKED):
            calendar.add_component(_exam_event(goal, curriculum, now, timezone))
    content: bytes = calendar.to_ical()
    return content
