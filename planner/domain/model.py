"""The learner's own records: profile, study tasks, certification goals, reminders.

Plain immutable values. The store turns them into rows and back; the planner and the
services compute new values instead of mutating old ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from typing import cast

from planner.domain.curriculum import Level

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DEFAULT_MAX_SESSION_MINUTES = 90
DEFAULT_STUDY_DAYS = (0, 1, 2, 3, 4)  # Monday to Friday
_Week = tuple[int, int, int, int, int, int, int]


class TaskKind(StrEnum):
    LEARN = "learn"
    PRACTICE = "practice"
    PROJECT = "project"
    MOCK_INTERVIEW = "mock-interview"
    CERT_PREP = "cert-prep"
    CUSTOM = "custom"


class TaskStatus(StrEnum):
    PENDING = "pending"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    SKIPPED = "skipped"

    @property
    def is_open(self) -> bool:
        """Open tasks still need study time."""
        return self in (TaskStatus.PENDING, TaskStatus.IN_PROGRESS)


OPEN_STATUSES = tuple(status for status in TaskStatus if status.is_open)


class GoalStatus(StrEnum):
    """The stored state of a certification goal; :mod:`planner.domain.certifications`
    derives what the learner sees from it and the clock."""

    PLANNED = "planned"
    BOOKED = "booked"
    PASSED = "passed"
    FAILED = "failed"
    DROPPED = "dropped"


@dataclass(frozen=True, slots=True)
class WeeklyAvailability:
    """Minutes available for study on each weekday, Monday first."""

    minutes: _Week

    def __post_init__(self) -> None:
        if len(self.minutes) != 7:
            raise ValueError(f"availability needs 7 weekdays, got {len(self.minutes)}")
        for day, value in zip(WEEKDAYS, self.minutes, strict=True):
            if not 0 <= value <= 24 * 60:
                raise ValueError(f"availability on {day} must be 0 to 1440 minutes, not {value}")

    @classmethod
    def spread(
        cls, hours_per_week: float, study_days: tuple[int, ...] = tuple(range(7))
    ) -> WeeklyAvailability:
        """Spread a weekly total evenly over ``study_days`` (weekday numbers, Monday = 0),
        in whole minutes, the remainder going to the earliest days."""
        if hours_per_week < 0:
            raise ValueError(f"hours per week must not be negative, not {hours_per_week}")
        if not study_days:
            raise ValueError("at least one study day is needed")
        total = round(hours_per_week * 60)
        share, remainder = divmod(total, len(study_days))
        minutes = [0] * 7
        for index, day in enumerate(sorted(set(study_days))):
            minutes[day] = share + (1 if index < remainder else 0)
        return cls.of(minutes)

    @classmethod
    def of(cls, minutes: Sequence[int]) -> WeeklyAvailability:
        """From minutes in any sequence (a stored list, say), Monday first; the length is
        checked on construction."""
        return cls(cast(_Week, tuple(minutes)))

    def on(self, day: date) -> int:
        return self.minutes[day.weekday()]

    @property
    def weekly_minutes(self) -> int:
        return sum(self.minutes)


@dataclass(frozen=True, slots=True)
class Profile:
    level: Level
    specializations: tuple[str, ...]
    availability: WeeklyAvailability
    start_date: date
    timezone: str
    max_session_minutes: int = DEFAULT_MAX_SESSION_MINUTES
    include_interview_prep: bool = True
    known_topic_ids: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class StudyTask:
    """One sitting of study on one day. ``id`` is None until the store assigns one."""

    title: str
    kind: TaskKind
    minutes: int
    scheduled_date: date
    topic_id: str | None = None
    status: TaskStatus = TaskStatus.PENDING
    pinned: bool = False
    part: int = 1
    parts: int = 1
    certification_id: str | None = None
    completed_at: datetime | None = None
    time_spent_minutes: int | None = None
    notes: str = ""
    id: int | None = None

    @property
    def minutes_studied(self) -> int:
        """The time logged on the task; a task ticked off without a log counts its planned
        minutes, an open one without a log none."""
        if self.time_spent_minutes is not None:
            return self.time_spent_minutes
        return self.minutes if self.status is TaskStatus.DONE else 0


@dataclass(frozen=True, slots=True)
class CertificationGoal:
    """A certification the learner works towards. ``exam_date`` is the booked exam (for a
    course certificate, the target completion date; after a fail, the retake date);
    ``exam_time`` the local time of the exam if known."""

    certification_id: str
    status: GoalStatus = GoalStatus.PLANNED
    exam_date: date | None = None
    passed_on: date | None = None
    expires_on: date | None = None
    notes: str = ""
    id: int | None = None
    exam_time: time | None = None
    failed_on: date | None = None
    credential: str = ""
    """The credential id or a link to it, as the learner recorded it with a pass."""


@dataclass(frozen=True, slots=True)
class Reminder:
    kind: str
    message: str
    due_at: datetime
    certification_goal_id: int | None = None
    delivered_at: datetime | None = None
    dismissed_at: datetime | None = None
    id: int | None = None
