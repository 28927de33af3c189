"""Use cases that create and re-plan the study plan."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel import Session

from planner.domain.certifications import (
    AWAITING_STATUSES,
    LifecycleError,
    awaits_result,
    check_bookable,
)
from planner.domain.curriculum import Curriculum, Level
from planner.domain.model import (
    CertificationGoal,
    Profile,
    StudyTask,
    WeeklyAvailability,
)
from planner.domain.planning import (
    Deadline,
    DeadlineReport,
    MissedPolicy,
    PlanChanges,
    PlanInput,
    PlanReport,
    apply_changes,
    build_plan,
    exam_needs,
    select_topics,
)
from planner.domain.planning_selection import select
from planner.domain.planning_types import DEFAULT_MISSED_POLICY
from planner.domain.wording import duration
from planner.services.changes import Changes, PlanMoves
from planner.services.context import AppContext
from planner.services.errors import (
    NoProfileError,
    PlanExistsError,
    ServiceError,
    UnknownItemError,
)
from planner.store import repositories as repo

HORIZON_DAYS = PlanInput.horizon_days
QUARTER = 15  # minutes: the step in which the least workable weekly time is named


@dataclass(frozen=True)
class PlanPreview:
    task_count: int
    total_minutes: int
    report: PlanReport
    least_weekly_minutes: int | None = None
    """When the plan cannot finish within the horizon: the least weekly time that would
    finish it (None when it finishes, or when no weekly time would)."""
    pulled_in: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Per certification id, the topics of specializations the learner did not choose that
    its exam needs (so the plan holds them)."""


def deadlines_for(
    curriculum: Curriculum, goals: Sequence[CertificationGoal], *, today: date
) -> tuple[Deadline, ...]:
    """The exam dates the plan must prepare for: goals with an exam (or a course's target
    date, or a retake) from today on."""
    return tuple(
        _deadline(curriculum, goal, goal.exam_date)
        for goal in goals
        if goal.exam_date is not None
        and goal.exam_date >= today
        and goal.status in AWAITING_STATUSES
        and curriculum.has_certification(goal.certification_id)
    )


def past_exams_for(
    curriculum: Curriculum, goals: Sequence[CertificationGoal], *, today: date
) -> tuple[Deadline, ...]:
    """Exams whose date has passed with no result yet: their preparation stays planned."""
    return tuple(
        _deadline(curriculum, goal, goal.exam_date)
        for goal in goals
        if goal.exam_date is not None
        and awaits_result(goal, today)
        and curriculum.has_certification(goal.certification_id)
    )


def _deadline(curriculum: Curriculum, goal: CertificationGoal, exam_date: date) -> Deadline:
    return Deadline(
        certification_id=goal.certification_id,
        exam_date=exam_date,
        topic_ids=curriculum.certification(goal.certification_id).topic_ids,
    )


def curriculum_in(context: AppContext, session: Session) -> Curriculum:
    """The context's curriculum with the learner's own certifications added."""
    return context.curriculum.with_certifications(repo.list_custom_certifications(session=session))


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
        try:
            check_bookable(certification)
        except LifecycleError as error:
            raise ServiceError(str(error)) from None
        if goal.exam_date < first_day:
            raise ServiceError(
                f"the exam date {goal.exam_date.isoformat()} for {certification.title} is "
                f"before the plan starts ({first_day.isoformat()})"
            )


def check_new_plan(
    curriculum: Curriculum, profile: Profile, goals: Sequence[CertificationGoal], *, today: date
) -> date:
    """Refuse a profile or goals a new plan cannot be made from (see :func:`check_profile`
    and :func:`check_goals`), or a start beyond the planning horizon; return the plan's
    first day."""
    latest_start = today + timedelta(days=HORIZON_DAYS)
    if profile.start_date > latest_start:
        raise ServiceError(
            f"the start date {profile.start_date.isoformat()} is too far ahead: a plan can "
            f"start on {latest_start.isoformat()} at the latest"
        )
    first_day = plan_first_day(profile, today)
    check_profile(curriculum, profile)
    check_goals(curriculum, goals, first_day=first_day)
    return first_day


def preview_plan(
    curriculum: Curriculum, profile: Profile, goals: Sequence[CertificationGoal], *, today: date
) -> PlanPreview:
    """What a new plan would hold, without storing anything (for onboarding)."""
    start = check_new_plan(curriculum, profile, goals, today=today)
    changes = _plan(curriculum, profile, goals, [], start)
    return PlanPreview(
        pulled_in=_pulled_in(curriculum, profile, goals, start),
        task_count=len(changes.added),
        total_minutes=sum(task.minutes for task in changes.added),
        report=changes.report,
        least_weekly_minutes=(
            least_weekly_minutes(curriculum, profile, goals, start)
            if changes.report.unplaceable_topic_ids
            else None
        ),
    )


@dataclass(frozen=True)
class ExamOutlook:
    earliest: dict[str, date | None]
    """Certification id to the earliest exam date its preparation can be ready for (None
    when not within the horizon)."""
    deadlines: tuple[DeadlineReport, ...]
    """Whether each chosen exam date works."""


def exam_outlook(
    curriculum: Curriculum,
    profile: Profile,
    goals: Sequence[CertificationGoal],
    certification_ids: Sequence[str],
    today: date,
) -> ExamOutlook:
    """For a new plan: the earliest realistic exam date of each certification, and how the
    chosen exam dates fare, storing nothing."""
    start = check_new_plan(curriculum, profile, goals, today=today)
    earliest: dict[str, date | None] = {}
    for certification_id in certification_ids:
        probe = CertificationGoal(certification_id, exam_date=start + timedelta(days=365))
        (report,) = _plan(curriculum, profile, [probe], [], start).report.deadlines
        earliest[certification_id] = report.earliest_feasible_exam_date
    dated = [g for g in goals if g.exam_date is not None]
    deadlines = _plan(curriculum, profile, dated, [], start).report.deadlines if dated else ()
    return ExamOutlook(earliest=earliest, deadlines=deadlines)


def _pulled_in(
    curriculum: Curriculum, profile: Profile, goals: Sequence[CertificationGoal], start: date
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    chosen = set(profile.specializations)
    needed = select(curriculum, profile, deadlines_for(curriculum, goals, today=start)).needed
    pulled = []
    for certification_id, topic_ids in needed.items():
        outside = tuple(
            t
            for t in topic_ids
            if (specializations := curriculum.topic(t).specializations)
            and not chosen.intersection(specializations)
        )
        if outside:
            pulled.append((certification_id, outside))
    return tuple(pulled)


def check_plan_finishes(preview: PlanPreview, profile: Profile) -> None:
    """Refuse a weekly time with which the plan cannot finish within the planning horizon,
    naming the least weekly time that does."""
    unplaced = preview.report.unplaceable_topic_ids
    if not unplaced:
        return
    least = preview.least_weekly_minutes
    fix = (
        f"give at least {duration(least)} a week"
        if least is not None
        else "choose fewer topics or more study days"
    )
    raise ServiceError(
        f"{duration(profile.availability.weekly_minutes)} a week cannot finish the plan "
        f"within {HORIZON_DAYS // 365} years ({len(unplaced)} topics would not fit): {fix}"
    )


def least_weekly_minutes(
    curriculum: Curriculum, profile: Profile, goals: Sequence[CertificationGoal], start: date
) -> int | None:
    """The fewest minutes a week, in quarter hours spread evenly over the profile's study
    days (every day if it has none), with which a new plan places all its work within the
    horizon; None if not even full days would do."""
    days = tuple(d for d, minutes in enumerate(profile.availability.minutes) if minutes) or tuple(
        range(7)
    )

    def finishes(quarters: int) -> bool:
        weekly = WeeklyAvailability.spread(quarters * QUARTER / 60, days)
        changes = _plan(curriculum, replace(profile, availability=weekly), goals, [], start)
        return not changes.report.unplaceable_topic_ids

    low = profile.availability.weekly_minutes // QUARTER  # does not finish
    high = len(days) * 24 * 60 // QUARTER
    if not finishes(high):
        return None
    while high - low > 1:
        middle = (low + high) // 2
        if finishes(middle):
            high = middle
        else:
            low = middle
    return high * QUARTER


def create_plan(
    context: AppContext, profile: Profile, goals: Sequence[CertificationGoal] = ()
) -> Changes:
    """Store the learner's profile and goals and their first plan, in one transaction. A
    plan that cannot finish within the horizon is refused (see :func:`check_plan_finishes`)."""
    curriculum = context.curriculum
    first_day = check_new_plan(curriculum, profile, goals, today=context.today(profile.timezone))
    now = context.now()
    with context.database.unit_of_work() as session:
        if repo.load_profile(session=session) is not None:
            raise PlanExistsError(f"a study plan already exists in {context.database.path.parent}")
        repo.save_profile(profile, curriculum_id=curriculum.id, now=now, session=session)
        stored_goals = [repo.save_goal(goal, now=now, session=session) for goal in goals]
        changes = _plan(curriculum, profile, stored_goals, [], first_day)
        if changes.report.unplaceable_topic_ids:
            check_plan_finishes(preview_plan(curriculum, profile, goals, today=first_day), profile)
        _store_changes(changes, session=session)
    return replace(_describe(changes, []), profile=True, goals=bool(goals))


def replan(context: AppContext, policy: MissedPolicy = DEFAULT_MISSED_POLICY) -> Changes:
    """Re-plan open work from today: missed tasks move forward, pinned ones stay."""
    with context.database.unit_of_work() as session:
        return replan_in(context, session, policy)


@dataclass(frozen=True)
class ReplanChoice:
    """What re-planning with each policy would give, computed and not stored."""

    reports: dict[MissedPolicy, PlanReport]
    same: bool
    """Whether every policy gives the same plan: then there is nothing to choose."""


def compare_replans(context: AppContext) -> ReplanChoice:
    """Re-plan the stored plan with each policy, storing nothing, and compare the results."""
    with context.database.reading() as session:
        stored = repo.list_tasks(session=session)
        outcomes = {policy: _plan_stored(context, session, policy) for policy in MissedPolicy}
    plans = {_plan_shape(apply_changes(stored, changes)) for changes in outcomes.values()}
    return ReplanChoice(
        reports={policy: changes.report for policy, changes in outcomes.items()},
        same=len(plans) == 1,
    )


def _plan_shape(tasks: Sequence[StudyTask]) -> tuple[tuple[object, ...], ...]:
    """What a learner sees of a plan: each task's day, title and length, in order."""
    return tuple(sorted((t.scheduled_date, t.title, t.minutes, t.status.value) for t in tasks))


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
    with context.database.reading() as session:
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
        changes = replan_in(context, session, MissedPolicy.SHIFT)
    return dropped, replace(changes, profile=True)


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
    today = plan_first_day(profile, context.today(profile.timezone))
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
    start_date: date
    timezone: str

    @classmethod
    def of(cls, profile: Profile) -> ProfileEdits:
        return cls(
            availability=profile.availability,
            max_session_minutes=profile.max_session_minutes,
            include_interview_prep=profile.include_interview_prep,
            level=profile.level,
            specializations=frozenset(profile.specializations),
            start_date=profile.start_date,
            timezone=profile.timezone,
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
            start_date=self.start_date,
            timezone=self.timezone,
        )


def update_profile(context: AppContext, profile: Profile) -> Changes:
    """Save new settings (availability, level, known topics...) and re-plan to match."""
    with context.database.unit_of_work() as session:
        return _save_and_replan(context, session, profile, require_profile(session))


def edit_profile(context: AppContext, edits: ProfileEdits) -> Changes:
    """Apply the edits to the profile as stored now (so topics marked known elsewhere in
    the meantime are kept) and re-plan, in one transaction. The start date and time zone
    can change too: an unknown zone, or a start after a booked exam, is refused."""
    with context.database.unit_of_work() as session:
        stored = require_profile(session)
        return _save_and_replan(context, session, edits.apply(stored, context.curriculum), stored)


def _save_and_replan(
    context: AppContext, session: Session, profile: Profile, stored: Profile
) -> Changes:
    check_profile(context.curriculum, profile, stored_known=stored.known_topic_ids)
    _check_schedule(context, session, profile)
    repo.save_profile(
        profile, curriculum_id=context.curriculum.id, now=context.now(), session=session
    )
    return replace(replan_in(context, session), profile=True)


def _check_schedule(context: AppContext, session: Session, profile: Profile) -> None:
    """Refuse an unknown time zone, or a start after a booked exam (naming the exam)."""
    try:
        ZoneInfo(profile.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ServiceError(f"unknown time zone {profile.timezone!r}") from None
    curriculum = curriculum_in(context, session)
    today = context.today(profile.timezone)
    first_day = plan_first_day(profile, today)
    for deadline in deadlines_for(curriculum, repo.list_goals(session=session), today=today):
        if deadline.exam_date < first_day:
            title = curriculum.certification(deadline.certification_id).title
            raise ServiceError(
                f"the plan cannot start on {profile.start_date.isoformat()}, after the exam "
                f"on {deadline.exam_date.isoformat()} for {title}"
            )


def set_topic_known(context: AppContext, topic_id: str, known: bool) -> Changes:
    if not context.curriculum.has_topic(topic_id):
        raise UnknownItemError(f"unknown topic {topic_id!r}")
    with context.database.unit_of_work() as session:
        profile = require_profile(session)
        others = profile.known_topic_ids - {topic_id}
        repo.set_known_topics(
            others | {topic_id} if known else others, now=context.now(), session=session
        )
        return replace(replan_in(context, session), profile=True)


def load_profile(context: AppContext) -> Profile | None:
    with context.database.reading() as session:
        return repo.load_profile(session=session)


def require_profile(session: Session) -> Profile:
    """The stored profile; :class:`NoProfileError` when there is no plan yet."""
    profile = repo.load_profile(session=session)
    if profile is None:
        raise NoProfileError()
    return profile


def _plan_stored(
    context: AppContext,
    session: Session,
    policy: MissedPolicy,
    tasks: Sequence[StudyTask] | None = None,
) -> PlanChanges:
    """Plan again from the stored profile, goals and ``tasks`` (by default the stored
    ones); nothing is written."""
    profile = require_profile(session)
    return _plan(
        curriculum_in(context, session),
        profile,
        repo.list_goals(session=session),
        repo.list_tasks(session=session) if tasks is None else tasks,
        plan_first_day(profile, context.today(profile.timezone)),
        policy,
    )


def plan_first_day(profile: Profile, today: date) -> date:
    """Work is planned from today, or from the chosen start date if that is later."""
    return max(today, profile.start_date)


def replan_in(
    context: AppContext, session: Session, policy: MissedPolicy = MissedPolicy.SHIFT
) -> Changes:
    """Re-plan within the caller's unit of work and describe what moved."""
    before = repo.list_tasks(session=session)
    changes = _plan_stored(context, session, policy, before)
    _store_changes(changes, session=session)
    return _describe(changes, before)


def _plan(
    curriculum: Curriculum,
    profile: Profile,
    goals: Sequence[CertificationGoal],
    tasks: Sequence[StudyTask],
    today: date,
    policy: MissedPolicy = MissedPolicy.SHIFT,
) -> PlanChanges:
    return build_plan(
        PlanInput(
            curriculum=curriculum,
            profile=profile,
            today=today,
            deadlines=deadlines_for(curriculum, goals, today=today),
            past_exams=past_exams_for(curriculum, goals, today=today),
            tasks=tuple(tasks),
            policy=policy,
        )
    )


def _store_changes(changes: PlanChanges, *, session: Session) -> None:
    repo.delete_tasks(changes.removed_ids, session=session)
    for task in changes.updated:
        repo.update_task(task, session=session)
    repo.add_tasks(changes.added, session=session)


def _describe(changes: PlanChanges, before: Sequence[StudyTask]) -> Changes:
    touched = {t.id for t in changes.updated if t.id is not None} | set(changes.removed_ids)
    dates = {t.id: t.scheduled_date for t in before}
    moves = PlanMoves(
        added=len(changes.added),
        removed=len(changes.removed_ids),
        rescheduled=sum(
            1 for t in changes.updated if dates.get(t.id, t.scheduled_date) != t.scheduled_date
        ),
    )
    return Changes(
        task_ids=frozenset(touched),
        plan=bool(changes.added or touched),
        report=changes.report,
        moves=moves,
    )
