"""Use cases that create and re-plan the study plan."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlmodel import Session

from planner.domain.curriculum import CertificationStatus, Curriculum, Level
from planner.domain.model import (
    CertificationGoal,
    GoalStatus,
    Profile,
    StudyTask,
    WeeklyAvailability,
)
from planner.domain.planning import (
    Deadline,
    MissedPolicy,
    PlanChanges,
    PlanInput,
    PlanReport,
    build_plan,
    exam_needs,
    select_topics,
)
from planner.services.changes import Changes
from planner.services.context import AppContext
from planner.services.errors import (
    NoProfileError,
    PlanExistsError,
    ServiceError,
    UnknownItemError,
)
from planner.store import repositories as repo

_GOALS_WITH_EXAMS = (GoalStatus.PLANNED, GoalStatus.BOOKED)


@dataclass(frozen=True)
class PlanPreview:
    task_count: int
    total_minutes: int
    report: PlanReport


def deadlines_for(
    curriculum: Curriculum, goals: Sequence[CertificationGoal], *, today: date
) -> tuple[Deadline, ...]:
    """The exam dates the plan must prepare for: goals with an exam from today on."""
    return tuple(
        Deadline(
            certification_id=goal.certification_id,
            exam_date=goal.exam_date,
            topic_ids=curriculum.certification(goal.certification_id).topic_ids,
        )
        for goal in goals
        if goal.exam_date is not None
        and goal.exam_date >= today
        and goal.status in _GOALS_WITH_EXAMS
    )


def check_profile(
    curriculum: Curriculum, profile: Profile, *, stored_known: frozenset[str] = frozenset()
) -> None:
    """Refuse ids the curriculum does not know, naming them. Known topics already stored
    stay allowed: after loading another curriculum they are kept, not lost, in case the
    learner switches back."""
    known_specializations = {s.id for s in curriculum.specializations}
    for specialization in profile.specializations:
        if specialization not in known_specializations:
            raise UnknownItemError(f"unknown specialization {specialization!r}")
    for topic_id in sorted(profile.known_topic_ids - stored_known):
        if not curriculum.has_topic(topic_id):
            raise UnknownItemError(f"unknown topic {topic_id!r}")


def check_goals(
    curriculum: Curriculum, goals: Sequence[CertificationGoal], *, first_day: date
) -> None:
    """Refuse goals the plan could not prepare for: an unknown certification, an exam of a
    retired one, or an exam before the plan starts."""
    known = {c.id for c in curriculum.certifications}
    for goal in goals:
        if goal.certification_id not in known:
            raise UnknownItemError(
                f"unknown certification {goal.certification_id!r} "
                f"(known: {', '.join(sorted(known))})"
            )
        if goal.exam_date is None:
            continue
        certification = curriculum.certification(goal.certification_id)
        if certification.status is CertificationStatus.RETIRED:
            successor = (
                f"; its successor is {certification.successor}" if certification.successor else ""
            )
            raise ServiceError(
                f"{certification.title} ({certification.id}) is retired and has no exams to "
                f"book{successor}"
            )
        if goal.exam_date < first_day:
            raise ServiceError(
                f"the exam date {goal.exam_date.isoformat()} for {certification.title} is "
                f"before the plan starts ({first_day.isoformat()})"
            )


def check_new_plan(
    curriculum: Curriculum, profile: Profile, goals: Sequence[CertificationGoal], *, today: date
) -> date:
    """Refuse a profile or goals a new plan cannot be made from (see :func:`check_profile`
    and :func:`check_goals`); return the plan's first day."""
    first_day = _first_day(profile, today)
    check_profile(curriculum, profile)
    check_goals(curriculum, goals, first_day=first_day)
    return first_day


def preview_plan(
    curriculum: Curriculum, profile: Profile, goals: Sequence[CertificationGoal], *, today: date
) -> PlanPreview:
    """What a new plan would hold, without storing anything (for onboarding)."""
    start = check_new_plan(curriculum, profile, goals, today=today)
    changes = build_plan(
        PlanInput(
            curriculum=curriculum,
            profile=profile,
            today=start,
            deadlines=deadlines_for(curriculum, goals, today=start),
        )
    )
    return PlanPreview(
        task_count=len(changes.added),
        total_minutes=sum(task.minutes for task in changes.added),
        report=changes.report,
    )


def create_plan(
    context: AppContext, profile: Profile, goals: Sequence[CertificationGoal] = ()
) -> Changes:
    """Store the learner's profile and goals and their first plan, in one transaction."""
    curriculum = context.curriculum
    first_day = check_new_plan(curriculum, profile, goals, today=context.today(profile.timezone))
    now = context.now()
    with context.database.unit_of_work() as session:
        if repo.load_profile(session=session) is not None:
            raise PlanExistsError(f"a study plan already exists in {context.database.path.parent}")
        repo.save_profile(profile, curriculum_id=curriculum.id, now=now, session=session)
        stored_goals = [repo.save_goal(goal, now=now, session=session) for goal in goals]
        changes = _plan(context, profile, stored_goals, [], first_day)
        _store_changes(changes, session=session)
    return replace(_describe(changes), profile=True, goals=bool(goals))


def replan(context: AppContext, policy: MissedPolicy = MissedPolicy.SHIFT) -> Changes:
    """Re-plan open work from today: missed tasks move forward, pinned ones stay."""
    with context.database.unit_of_work() as session:
        return replan_in(context, session, policy)


def replan_in(context: AppContext, session: Session, policy: MissedPolicy) -> Changes:
    """:func:`replan` within the caller's unit of work."""
    return _describe(_replan_in(context, session, policy))


@dataclass(frozen=True)
class TopicDrop:
    """What dropping a topic from the plan removes."""

    topic_id: str
    open_tasks: int
    open_minutes: int
    """Open sessions and their minutes: they leave the plan. Done work stays."""
    needed_by: tuple[str, ...]
    """Certification ids of the exams ahead that need the topic: they lose its preparation."""
    dependants: tuple[str, ...]
    """Planned topics that require it: they stay, counting it as met."""


def topic_drop(context: AppContext, topic_id: str) -> TopicDrop:
    """What :func:`drop_topic` would remove, storing nothing."""
    with context.database.unit_of_work() as session:
        return _topic_drop(context, session, topic_id)


def drop_topic(context: AppContext, topic_id: str) -> tuple[TopicDrop, Changes]:
    """Take a topic out of the plan on purpose: its open sessions are removed and it counts
    as met for what requires it (as a topic marked known does); done work stays. Returns what
    it removed, and re-plans in the same transaction."""
    with context.database.unit_of_work() as session:
        dropped = _topic_drop(context, session, topic_id)
        profile = require_profile(session)
        repo.set_known_topics(
            profile.known_topic_ids | {topic_id}, now=context.now(), session=session
        )
        changes = _replan_in(context, session, MissedPolicy.SHIFT)
    return dropped, replace(_describe(changes), profile=True)


def _topic_drop(context: AppContext, session: Session, topic_id: str) -> TopicDrop:
    curriculum = context.curriculum
    if not curriculum.has_topic(topic_id):
        raise UnknownItemError(f"unknown topic {topic_id!r}")
    profile = require_profile(session)
    if topic_id in profile.known_topic_ids:
        raise ServiceError(f"{curriculum.topic(topic_id).title} is not in the plan")
    open_tasks = [
        t for t in repo.list_tasks(session=session) if t.topic_id == topic_id and t.status.is_open
    ]
    today = _first_day(profile, context.today(profile.timezone))
    deadlines = deadlines_for(curriculum, repo.list_goals(session=session), today=today)
    planned = {t.id for t in select_topics(curriculum, profile, deadlines)}
    return TopicDrop(
        topic_id=topic_id,
        open_tasks=len(open_tasks),
        open_minutes=sum(t.minutes for t in open_tasks),
        needed_by=tuple(
            certification_id
            for certification_id, needed in exam_needs(curriculum, profile, deadlines).items()
            if topic_id in needed
        ),
        dependants=tuple(
            t.id for t in curriculum.topics if t.id in planned and topic_id in t.prerequisites
        ),
    )


def assess_plan(context: AppContext) -> PlanReport:
    """The feasibility of the stored plan as it stands, storing nothing."""
    with context.database.reading() as session:
        return assess_plan_in(context, session)


def assess_plan_in(context: AppContext, session: Session) -> PlanReport:
    """:func:`assess_plan` within the caller's unit of work."""
    return _plan_stored(context, session, MissedPolicy.SHIFT).report


@dataclass(frozen=True)
class ProfileEdits:
    """The profile fields the Settings view edits; the rest of the profile stays as stored."""

    availability: WeeklyAvailability
    max_session_minutes: int
    include_interview_prep: bool
    level: Level
    specializations: frozenset[str]

    @classmethod
    def of(cls, profile: Profile) -> ProfileEdits:
        return cls(
            availability=profile.availability,
            max_session_minutes=profile.max_session_minutes,
            include_interview_prep=profile.include_interview_prep,
            level=profile.level,
            specializations=frozenset(profile.specializations),
        )

    def apply(self, profile: Profile, curriculum: Curriculum) -> Profile:
        order = [s.id for s in curriculum.specializations]
        return replace(
            profile,
            availability=self.availability,
            max_session_minutes=self.max_session_minutes,
            include_interview_prep=self.include_interview_prep,
            level=self.level,
            specializations=tuple(s for s in order if s in self.specializations),
        )


def update_profile(context: AppContext, profile: Profile) -> Changes:
    """Save new settings (availability, level, known topics...) and re-plan to match."""
    with context.database.unit_of_work() as session:
        return _save_and_replan(context, session, profile, require_profile(session))


def edit_profile(context: AppContext, edits: ProfileEdits) -> Changes:
    """Apply the edits to the profile as stored now (so topics marked known elsewhere in
    the meantime are kept) and re-plan, in one transaction."""
    with context.database.unit_of_work() as session:
        stored = require_profile(session)
        return _save_and_replan(context, session, edits.apply(stored, context.curriculum), stored)


def _save_and_replan(
    context: AppContext, session: Session, profile: Profile, stored: Profile
) -> Changes:
    check_profile(context.curriculum, profile, stored_known=stored.known_topic_ids)
    repo.save_profile(
        profile, curriculum_id=context.curriculum.id, now=context.now(), session=session
    )
    changes = _replan_in(context, session, MissedPolicy.SHIFT)
    return replace(_describe(changes), profile=True)


def set_topic_known(context: AppContext, topic_id: str, known: bool) -> Changes:
    if not context.curriculum.has_topic(topic_id):
        raise UnknownItemError(f"unknown topic {topic_id!r}")
    with context.database.unit_of_work() as session:
        profile = require_profile(session)
        others = profile.known_topic_ids - {topic_id}
        repo.set_known_topics(
            others | {topic_id} if known else others, now=context.now(), session=session
        )
        changes = _replan_in(context, session, MissedPolicy.SHIFT)
    return replace(_describe(changes), profile=True)


def load_profile(context: AppContext) -> Profile | None:
    with context.database.reading() as session:
        return repo.load_profile(session=session)


def require_profile(session: Session) -> Profile:
    """The stored profile; :class:`NoProfileError` when there is no plan yet."""
    profile = repo.load_profile(session=session)
    if profile is None:
        raise NoProfileError()
    return profile


def _plan_stored(context: AppContext, session: Session, policy: MissedPolicy) -> PlanChanges:
    """Plan again from the stored profile, goals and tasks (nothing is written)."""
    profile = require_profile(session)
    return _plan(
        context,
        profile,
        repo.list_goals(session=session),
        repo.list_tasks(session=session),
        _first_day(profile, context.today(profile.timezone)),
        policy,
    )


def _first_day(profile: Profile, today: date) -> date:
    """Work is planned from today, or from the chosen start date if that is later."""
    return max(today, profile.start_date)


def _replan_in(context: AppContext, session: Session, policy: MissedPolicy) -> PlanChanges:
    changes = _plan_stored(context, session, policy)
    _store_changes(changes, session=session)
    return changes


def _plan(
    context: AppContext,
    profile: Profile,
    goals: Sequence[CertificationGoal],
    tasks: Sequence[StudyTask],
    today: date,
    policy: MissedPolicy = MissedPolicy.SHIFT,
) -> PlanChanges:
    return build_plan(
        PlanInput(
            curriculum=context.curriculum,
            profile=profile,
            today=today,
            deadlines=deadlines_for(context.curriculum, goals, today=today),
            tasks=tuple(tasks),
            policy=policy,
        )
    )


def _store_changes(changes: PlanChanges, *, session: Session) -> None:
    repo.delete_tasks(changes.removed_ids, session=session)
    for task in changes.updated:
        repo.update_task(task, session=session)
    repo.add_tasks(changes.added, session=session)


def _describe(changes: PlanChanges) -> Changes:
    touched = {t.id for t in changes.updated if t.id is not None} | set(changes.removed_ids)
    return Changes(
        task_ids=frozenset(touched), plan=bool(changes.added or touched), report=changes.report
    )
