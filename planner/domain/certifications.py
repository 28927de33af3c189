"""A certification goal's lifecycle: the changes a learner makes to it, the state it shows
on a given day, its expiry and how ready the learner is for it.

Stored states are planned, booked, passed, failed and dropped. What the learner sees adds
states derived from the day and the plan: preparing (planned, some preparation done),
renewal due (passed, inside the renewal window) and expired. Everything here is a function
of the values given, ``today`` included.
"""

from __future__ import annotations

import calendar
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from datetime import date, time
from enum import StrEnum

from planner.domain.curriculum import Certification, CertificationStatus
from planner.domain.model import CertificationGoal, GoalStatus, StudyTask, TaskKind, TaskStatus


class LifecycleError(ValueError):
    """A change the goal's lifecycle does not allow; the message says why, on one line."""


class GoalState(StrEnum):
    """What a goal is on a given day, as the learner sees it (and as JSON names it)."""

    PLANNED = "planned"
    PREPARING = "preparing"
    BOOKED = "booked"
    PASSED = "passed"
    FAILED = "failed"
    RENEWAL_DUE = "renewal-due"
    EXPIRED = "expired"
    DROPPED = "dropped"


AWAITING_STATUSES = (GoalStatus.PLANNED, GoalStatus.BOOKED, GoalStatus.FAILED)
"""Statuses whose exam date (or retake date) is still to come or awaits a result."""


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole calendar months (back when negative); a day the target month
    lacks becomes its last day (29 February plus a year is 28 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expiry_date(passed_on: date, certification: Certification) -> date | None:
    """When a pass on ``passed_on`` expires; None when the certification does not."""
    if certification.validity_months is None:
        return None
    return add_months(passed_on, certification.validity_months)


def renewal_opens(expires_on: date, certification: Certification) -> date | None:
    """The first day renewal is possible; None when there is no renewal window, or no
    renewal any more (a retired certification)."""
    if (
        certification.renewal_window_months is None
        or certification.status is CertificationStatus.RETIRED
    ):
        return None
    return add_months(expires_on, -certification.renewal_window_months)


def awaits_result(goal: CertificationGoal, today: date) -> bool:
    """The goal's exam (or target) date has passed and no result has been recorded since."""
    return (
        goal.status in AWAITING_STATUSES and goal.exam_date is not None and goal.exam_date < today
    )


def goal_state(
    goal: CertificationGoal, certification: Certification, *, today: date, prepared: bool
) -> GoalState:
    """The state ``goal`` shows on ``today``; ``prepared`` says some preparation is done."""
    match goal.status:
        case GoalStatus.DROPPED:
            return GoalState.DROPPED
        case GoalStatus.FAILED:
            return GoalState.FAILED
        case GoalStatus.BOOKED:
            return GoalState.BOOKED
        case GoalStatus.PLANNED if goal.exam_date is not None:
            return GoalState.BOOKED  # as goals with a date were stored before booking existed
        case GoalStatus.PLANNED:
            return GoalState.PREPARING if prepared else GoalState.PLANNED
    if goal.expires_on is None:
        return GoalState.PASSED
    if today >= goal.expires_on:
        return GoalState.EXPIRED
    opens = renewal_opens(goal.expires_on, certification)
    return GoalState.RENEWAL_DUE if opens is not None and today >= opens else GoalState.PASSED


# Changes -------------------------------------------------------------------------------


def new_goal(certification_id: str, exam_date: date | None = None) -> CertificationGoal:
    """A goal as onboarding makes it: booked when it has an exam (or target) date."""
    status = GoalStatus.BOOKED if exam_date is not None else GoalStatus.PLANNED
    return CertificationGoal(certification_id, status=status, exam_date=exam_date)


def check_bookable(certification: Certification) -> None:
    """Refuse a retired certification, naming its successor if it has one."""
    if certification.status is CertificationStatus.RETIRED:
        successor = (
            f"; its successor is {certification.successor}" if certification.successor else ""
        )
        raise LifecycleError(
            f"{certification.title} ({certification.id}) is retired and has no exams to "
            f"book{successor}"
        )


def book(
    goal: CertificationGoal,
    certification: Certification,
    exam_date: date,
    exam_time: time | None = None,
    *,
    today: date,
) -> CertificationGoal:
    """Book (or move) the exam, or for a course set the target completion date."""
    check_bookable(certification)
    if exam_date < today:
        raise LifecycleError(
            f"the {_date_name(certification)} {exam_date.isoformat()} for "
            f"{certification.title} is in the past (today is {today.isoformat()})"
        )
    if goal.status is GoalStatus.PASSED and goal.expires_on is None:
        raise LifecycleError(
            f"{certification.title} was passed on {_iso(goal.passed_on)} and does not expire"
        )
    return replace(goal, status=GoalStatus.BOOKED, exam_date=exam_date, exam_time=exam_time)


def record_pass(
    goal: CertificationGoal,
    certification: Certification,
    passed_on: date,
    credential: str = "",
    *,
    today: date,
    expires_on: date | None = None,
) -> CertificationGoal:
    """Record a pass; it expires after the certification's validity unless ``expires_on``
    (the date on the learner's certificate) says otherwise."""
    if passed_on > today:
        raise LifecycleError(
            f"the pass date {passed_on.isoformat()} is after today ({today.isoformat()})"
        )
    expires = expires_on if expires_on is not None else expiry_date(passed_on, certification)
    if expires is not None and expires <= passed_on:
        raise LifecycleError(
            f"the expiry date {expires.isoformat()} is not after the pass date "
            f"{passed_on.isoformat()}"
        )
    return replace(
        goal,
        status=GoalStatus.PASSED,
        passed_on=passed_on,
        expires_on=expires,
        credential=credential.strip(),
        exam_date=goal.exam_date if goal.exam_date and goal.exam_date <= passed_on else None,
    )


def record_fail(
    goal: CertificationGoal,
    certification: Certification,
    failed_on: date,
    retake_on: date | None = None,
    *,
    today: date,
) -> CertificationGoal:
    """Record a failed attempt, with the date of a retake if one is booked (the retake is
    then the goal's exam date)."""
    if failed_on > today:
        raise LifecycleError(
            f"the exam date {failed_on.isoformat()} is after today ({today.isoformat()})"
        )
    if retake_on is not None:
        if retake_on <= failed_on or retake_on < today:
            raise LifecycleError(
                f"the retake date {retake_on.isoformat()} must be after the failed exam "
                f"({failed_on.isoformat()}) and not before today ({today.isoformat()})"
            )
        book(goal, certification, retake_on, today=today)  # a retired exam cannot be retaken
    return replace(
        goal,
        status=GoalStatus.FAILED,
        failed_on=failed_on,
        exam_date=retake_on,
        exam_time=None,
    )


def drop(goal: CertificationGoal) -> CertificationGoal:
    """Stop working towards the certification; the goal stays, with its history."""
    return replace(goal, status=GoalStatus.DROPPED)


def _date_name(certification: Certification) -> str:
    return "target date" if certification.is_course else "exam date"


def _iso(day: date | None) -> str:
    return day.isoformat() if day else "an unknown date"


# Readiness -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Readiness:
    """How much of a certification's preparation is done, and whether the rest fits."""

    done_minutes: int
    open_minutes: int
    feasible: bool | None
    """Whether the open preparation fits before the exam (the plan's feasibility report);
    None when no exam date lies ahead."""

    @property
    def percent(self) -> int:
        total = self.done_minutes + self.open_minutes
        return 100 if total == 0 else self.done_minutes * 100 // total


def preparation_minutes(
    tasks: Iterable[StudyTask], topic_ids: Collection[str], certification_id: str
) -> tuple[int, int]:
    """Done and open minutes of the tasks that prepare for a certification: those on its
    topics (``topic_ids``, prerequisites included) and its practice exams. Skipped tasks
    count for neither."""
    done = open_ = 0
    for task in tasks:
        if task.kind is TaskKind.CERT_PREP:
            ours = task.certification_id == certification_id
        else:
            ours = task.kind is not TaskKind.CUSTOM and task.topic_id in topic_ids
        if not ours:
            continue
        if task.status is TaskStatus.DONE:
            done += task.minutes
        elif task.status.is_open:
            open_ += task.minutes
    return done, open_
