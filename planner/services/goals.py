"""Use cases on certification goals: book or move an exam, record a pass or a fail, drop a
goal, add a certification of one's own; and the overview the window and `cert list` show.

Each change is one unit of work: the goal is changed, the plan re-planned through the same
use case as every other change, and what moved is returned. A refused change writes
nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, time

from planner.domain import certifications as lifecycle
from planner.domain.certifications import GoalState, LifecycleError, Readiness
from planner.domain.curriculum import (
    Certification,
    CertificationStatus,
    Curriculum,
)
from planner.domain.model import CertificationGoal, GoalStatus, Profile, StudyTask
from planner.domain.planning import PlanReport
from planner.domain.planning_selection import preparation_topic_ids
from planner.services.changes import Changes
from planner.services.context import AppContext
from planner.services.errors import ServiceError, UnknownItemError
from planner.services.plans import (
    assess_plan_in,
    check_goals,
    curriculum_in,
    plan_first_day,
    replan_in,
    require_profile,
)
from planner.store import repositories as repo

MAX_VALIDITY_MONTHS = 120


def list_goals(context: AppContext) -> list[CertificationGoal]:
    with context.database.reading() as session:
        return repo.list_goals(session=session)


# The overview ------------------------------------------------------------------------


@dataclass(frozen=True)
class CertificationEntry:
    """One certification beside the learner's goal for it, if any."""

    certification: Certification
    goal: CertificationGoal | None = None
    state: GoalState | None = None
    readiness: Readiness | None = None
    """For goals still being prepared for (planned, booked or failed)."""
    awaiting_result: bool = False
    """The exam date passed and no result was recorded: the learner is asked what happened."""


@dataclass(frozen=True)
class CertificationOverview:
    today: date
    curriculum: Curriculum
    """The curriculum with the learner's own certifications."""
    entries: tuple[CertificationEntry, ...]

    @property
    def awaiting_results(self) -> tuple[CertificationEntry, ...]:
        return tuple(entry for entry in self.entries if entry.awaiting_result)

    def entry(self, certification_id: str) -> CertificationEntry:
        return next(e for e in self.entries if e.certification.id == certification_id)


def certification_overview(context: AppContext) -> CertificationOverview:
    """Every certification (the curriculum's, then the learner's own) with its goal, the
    goal's state today and how ready the learner is."""
    with context.database.unit_of_work() as session:
        curriculum = curriculum_in(context, session)
        profile = repo.load_profile(session=session)
        goals = {g.certification_id: g for g in repo.list_goals(session=session)}
        if profile is None:
            today = context.now().date()
            tasks: list[StudyTask] = []
            report = None
        else:
            today = context.today(profile.timezone)
            tasks = repo.list_tasks(session=session)
            report = assess_plan_in(context, session) if goals else None
    entries = tuple(
        _entry(
            curriculum, certification, goals.get(certification.id), profile, tasks, report, today
        )
        for certification in curriculum.certifications
    )
    return CertificationOverview(today, curriculum, entries)


def awaiting_results(context: AppContext) -> tuple[CertificationEntry, ...]:
    """The exam-day question: goals whose exam date passed without a recorded result."""
    return certification_overview(context).awaiting_results


def _entry(
    curriculum: Curriculum,
    certification: Certification,
    goal: CertificationGoal | None,
    profile: Profile | None,
    tasks: Sequence[StudyTask],
    report: PlanReport | None,
    today: date,
) -> CertificationEntry:
    if goal is None:
        return CertificationEntry(certification)
    readiness = None
    if goal.status in lifecycle.AWAITING_STATUSES and profile is not None:
        topic_ids = preparation_topic_ids(
            curriculum, certification.topic_ids, profile.known_topic_ids
        )
        done, open_ = lifecycle.preparation_minutes(tasks, topic_ids, certification.id)
        deadline = (
            next((d for d in report.deadlines if d.certification_id == certification.id), None)
            if report is not None
            else None
        )
        readiness = Readiness(done, open_, deadline.feasible if deadline else None)
    state = lifecycle.goal_state(
        goal,
        certification,
        today=today,
        prepared=readiness is not None and readiness.done_minutes > 0,
    )
    return CertificationEntry(
        certification, goal, state, readiness, lifecycle.awaits_result(goal, today)
    )


# Changes -----------------------------------------------------------------------------

_Change = Callable[[CertificationGoal, Certification, date], CertificationGoal]


def book_exam(
    context: AppContext, certification_id: str, exam_date: date, exam_time: time | None = None
) -> Changes:
    """Book or move the exam (for a course, set the target date); a goal is made if the
    learner had none."""
    return _change_goal(
        context,
        certification_id,
        lambda goal, cert, today: lifecycle.book(goal, cert, exam_date, exam_time, today=today),
    )


def record_pass(
    context: AppContext,
    certification_id: str,
    passed_on: date,
    credential: str = "",
    expires_on: date | None = None,
) -> Changes:
    """Record a pass; what is left of its preparation leaves the plan."""
    return _change_goal(
        context,
        certification_id,
        lambda goal, cert, today: lifecycle.record_pass(
            goal, cert, passed_on, credential, today=today, expires_on=expires_on
        ),
    )


def record_fail(
    context: AppContext, certification_id: str, failed_on: date, retake_on: date | None = None
) -> Changes:
    """Record a failed exam; with a retake date the plan prepares for the retake."""
    return _change_goal(
        context,
        certification_id,
        lambda goal, cert, today: lifecycle.record_fail(
            goal, cert, failed_on, retake_on, today=today
        ),
    )


def drop_goal(context: AppContext, certification_id: str) -> Changes:
    """Stop working towards a certification; its open preparation leaves the plan."""
    return _change_goal(
        context,
        certification_id,
        lambda goal, _cert, _today: lifecycle.drop(goal),
        create=False,
    )


def add_goal(context: AppContext, certification_id: str) -> Changes:
    """Make a certification a goal, without a date yet (or take a dropped one up again)."""

    def planned(goal: CertificationGoal, cert: Certification, _today: date) -> CertificationGoal:
        if goal.id is not None and goal.status is not GoalStatus.DROPPED:
            raise LifecycleError(f"{cert.title} is already a goal ({goal.status.value})")
        return replace(goal, status=GoalStatus.PLANNED, exam_date=None, exam_time=None)

    return _change_goal(context, certification_id, planned)


def _change_goal(
    context: AppContext, certification_id: str, change: _Change, *, create: bool = True
) -> Changes:
    with context.database.unit_of_work() as session:
        profile = require_profile(session)
        curriculum = curriculum_in(context, session)
        certification = _certification(curriculum, certification_id)
        goal = repo.find_goal(certification_id, session=session)
        if goal is None:
            if not create:
                raise ServiceError(f"{certification.title} ({certification_id}) is not a goal")
            goal = CertificationGoal(certification_id)
        today = context.today(profile.timezone)
        try:
            changed = change(goal, certification, today)
        except LifecycleError as error:
            raise ServiceError(str(error)) from None
        if changed.exam_date is not None and changed.status in lifecycle.AWAITING_STATUSES:
            check_goals(curriculum, [changed], first_day=plan_first_day(profile, today))
        repo.save_goal(changed, now=context.now(), session=session)
        return replace(replan_in(context, session), goals=True)


def _certification(curriculum: Curriculum, certification_id: str) -> Certification:
    if not curriculum.has_certification(certification_id):
        known = ", ".join(c.id for c in curriculum.certifications)
        raise UnknownItemError(f"unknown certification {certification_id!r} (known: {known})")
    return curriculum.certification(certification_id)


# The learner's own certifications ----------------------------------------------------------


@dataclass(frozen=True)
class CustomCertification:
    title: str
    provider: str
    validity_months: int | None
    topic_ids: tuple[str, ...]


def add_custom_certification(context: AppContext, request: CustomCertification) -> Changes:
    """Add a certification of the learner's own and make it a goal (without a date yet)."""
    title, provider = request.title.strip(), request.provider.strip()
    if not title:
        raise ServiceError("a certification needs a title")
    if not provider:
        raise ServiceError(f"the certification {title!r} needs a provider")
    months = request.validity_months
    if months is not None and not 1 <= months <= MAX_VALIDITY_MONTHS:
        raise ServiceError(
            f"the validity of {title!r} must be 1 to {MAX_VALIDITY_MONTHS} months, not {months}"
        )
    if not request.topic_ids:
        raise ServiceError(f"choose at least one topic that prepares for {title!r}")
    for topic_id in request.topic_ids:
        if not context.curriculum.has_topic(topic_id):
            raise UnknownItemError(f"unknown topic {topic_id!r}")
    now = context.now()
    with context.database.unit_of_work() as session:
        require_profile(session)
        curriculum = curriculum_in(context, session)
        if any(c.title.casefold() == title.casefold() for c in curriculum.certifications):
            raise ServiceError(f"a certification titled {title!r} already exists")
        certification = Certification(
            id=_new_id(title, {c.id for c in curriculum.certifications}),
            title=title,
            provider=provider,
            description="A certification you added.",
            status=CertificationStatus.ACTIVE,
            topic_ids=tuple(dict.fromkeys(request.topic_ids)),
            as_of=now.date(),
            validity_months=months,
            custom=True,
        )
        repo.add_custom_certification(certification, now=now, session=session)
        repo.save_goal(CertificationGoal(certification.id), now=now, session=session)
        return replace(replan_in(context, session), goals=True)


def _new_id(title: str, taken: set[str]) -> str:
    """``custom-`` and the title's words, numbered if that id is taken."""
    words = re.findall(r"[a-z0-9]+", title.casefold())
    base = "custom-" + "-".join(words)[:60].strip("-") if words else "custom"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate
