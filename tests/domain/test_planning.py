"""Examples of the planning engine's behaviour, on small synthetic curricula."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

import pytest

from planner.domain.curriculum import Activity, Curriculum, Level
from planner.domain.curriculum_file import load_curriculum
from planner.domain.model import Profile, StudyTask, TaskKind, TaskStatus, WeeklyAvailability
from planner.domain.planning import (
    Deadline,
    MissedPolicy,
    PlanChanges,
    PlanInput,
    PlanReport,
    apply_changes,
    build_plan,
    select_topics,
)
from planner.paths import default_curriculum_path
from tests.domain.conftest import (
    INTERVIEW,
    MONDAY,
    TRACK,
    make_certification,
    make_curriculum,
    make_profile,
    make_topic,
    save,
)

DAILY_HOUR = make_profile(minutes=(60,) * 7)


def plan(
    curriculum: Curriculum,
    profile: Profile = DAILY_HOUR,
    *,
    today: date = MONDAY,
    **options: object,
) -> PlanChanges:
    return build_plan(PlanInput(curriculum, profile, today, **options))  # type: ignore[arg-type]


def day(offset: int) -> date:
    return MONDAY + timedelta(days=offset)


def topic_sequence(tasks: Sequence[StudyTask]) -> list[str]:
    """Topic (or certification) ids in the order their tasks first appear."""
    return list(dict.fromkeys(t.topic_id or f"exam:{t.certification_id}" for t in tasks))


def minutes_by_kind(tasks: Sequence[StudyTask], topic_id: str) -> dict[TaskKind, int]:
    minutes = Counter[TaskKind]()
    for task in tasks:
        if task.topic_id == topic_id:
            minutes[task.kind] += task.minutes
    return dict(minutes)


# --- which topics -----------------------------------------------------------------------------

LEVELS = make_curriculum(
    [
        make_topic("basics"),
        make_topic("pipelines", level=Level.MID),
        make_topic("architecture", level=Level.SENIOR),
        make_topic("vision-models", group=TRACK, specializations=["vision"]),
        make_topic("language-models", group=TRACK, specializations=["language"]),
        make_topic("mock-questions", group=INTERVIEW, activity=Activity.INTERVIEW),
    ]
)


@pytest.mark.parametrize(
    ("level", "specializations", "interview", "expected"),
    [
        (Level.JUNIOR, (), True, {"basics", "mock-questions"}),
        (Level.MID, (), True, {"basics", "pipelines", "mock-questions"}),
        (Level.SENIOR, (), True, {"basics", "pipelines", "architecture", "mock-questions"}),
        (Level.JUNIOR, ("vision",), False, {"basics", "vision-models"}),
        (
            Level.SENIOR,
            ("vision", "language"),
            False,
            {"basics", "pipelines", "architecture", "vision-models", "language-models"},
        ),
    ],
)
def test_each_level_selects_its_topics(
    level: Level, specializations: tuple[str, ...], interview: bool, expected: set[str]
) -> None:
    profile = make_profile(
        level=level, specializations=specializations, include_interview_prep=interview
    )
    assert {t.id for t in select_topics(LEVELS, profile)} == expected


CHAIN = make_curriculum(
    [
        make_topic("python", hours=3),
        make_topic("statistics", hours=2, level=Level.MID, prerequisites=["python"]),
        make_topic("experiments", hours=2, level=Level.SENIOR, prerequisites=["statistics"]),
        make_topic("unrelated", hours=2),
    ],
    [make_certification("stats-cert", ["experiments"], title="Stats Cert")],
)


def test_a_deadline_brings_its_topics_and_their_prerequisites_even_above_the_level() -> None:
    deadline = Deadline("stats-cert", day(60), ("experiments",))
    junior = make_profile(level=Level.JUNIOR)
    ids = [t.id for t in select_topics(CHAIN, junior, [deadline])]
    assert ids == ["python", "statistics", "experiments", "unrelated"]


def test_known_topics_count_as_met_prerequisites() -> None:
    deadline = Deadline("stats-cert", day(60), ("experiments",))
    profile = make_profile(level=Level.JUNIOR, known={"statistics"})
    ids = [t.id for t in select_topics(CHAIN, profile, [deadline])]
    # Knowing statistics means python is not needed for the exam, only for the level.
    assert ids == ["experiments", "python", "unrelated"]
    tasks = plan(CHAIN, profile, deadlines=(deadline,)).added
    assert tasks[0].topic_id == "experiments"
    assert tasks[0].scheduled_date == MONDAY


def test_a_topic_marked_known_leaves_the_plan_but_its_history_stays() -> None:
    tasks = save((), plan(CHAIN))
    done = replace(tasks[0], status=TaskStatus.DONE)
    tasks = (done, *tasks[1:])
    profile = make_profile(known={"python"})
    changes = plan(CHAIN, profile, today=day(1), tasks=tasks)
    python_open = {t.id for t in tasks if t.topic_id == "python" and t.status.is_open}
    assert set(changes.removed_ids) == python_open
    after = save(tasks, changes)
    # The learning series now has only the done task: it is numbered alone.
    assert replace(done, title="Python — learn", parts=1) in after
    assert {t.topic_id for t in after if t.status.is_open} == {
        "statistics",
        "experiments",
        "unrelated",
    }


# --- order and tasks --------------------------------------------------------------------------


def test_deadline_work_comes_first_then_its_exam_preparation() -> None:
    deadline = Deadline("stats-cert", day(90), ("experiments",))
    curriculum = make_curriculum([make_topic("unrelated"), *CHAIN.topics[:3]], CHAIN.certifications)
    tasks = plan(curriculum, deadlines=(deadline,)).added
    assert topic_sequence(tasks) == [
        "python",
        "statistics",
        "experiments",
        "exam:stats-cert",
        "unrelated",
    ]
    exam = [t for t in tasks if t.kind is TaskKind.CERT_PREP]
    assert sum(t.minutes for t in exam) == 120  # 10% of 7 hours is less than the minimum
    assert exam[0].title == f"Stats Cert: practice exam and review (1/{len(exam)})"
    assert all(t.certification_id == "stats-cert" for t in exam)
    assert max(t.scheduled_date for t in exam) <= deadline.exam_date - timedelta(days=3)


def test_the_earlier_exam_goes_first() -> None:
    curriculum = make_curriculum(
        [make_topic("a"), make_topic("b")],
        [make_certification("late", ["a"]), make_certification("soon", ["b"])],
    )
    deadlines = (Deadline("late", day(200), ("a",)), Deadline("soon", day(100), ("b",)))
    tasks = plan(curriculum, deadlines=deadlines).added
    assert topic_sequence(tasks) == ["b", "exam:soon", "a", "exam:late"]


@pytest.mark.parametrize(
    ("activity", "expected"),
    [
        (Activity.STUDY, {TaskKind.LEARN: 180, TaskKind.PRACTICE: 120}),
        (Activity.PRACTICE, {TaskKind.LEARN: 90, TaskKind.PRACTICE: 210}),
        (Activity.PROJECT, {TaskKind.LEARN: 60, TaskKind.PROJECT: 240}),
        (Activity.INTERVIEW, {TaskKind.LEARN: 120, TaskKind.MOCK_INTERVIEW: 180}),
    ],
)
def test_a_topic_splits_by_its_activity(activity: Activity, expected: dict[TaskKind, int]) -> None:
    curriculum = make_curriculum([make_topic("python", hours=5, activity=activity)])
    tasks = plan(curriculum).added
    assert minutes_by_kind(tasks, "python") == expected
    assert tasks[0].kind is TaskKind.LEARN


def test_tasks_are_numbered_sessions_that_fill_each_day() -> None:
    curriculum = make_curriculum([make_topic("python", hours=5)])
    profile = make_profile(minutes=(120,) * 7, max_session=90)
    tasks = plan(curriculum, profile).added
    assert [(t.title, t.minutes, t.scheduled_date) for t in tasks] == [
        ("Python — learn (1/3)", 90, day(0)),
        ("Python — learn (2/3)", 30, day(0)),
        ("Python — learn (3/3)", 60, day(1)),
        ("Python — practice (1/2)", 60, day(1)),
        ("Python — practice (2/2)", 60, day(2)),
    ]
    assert [(t.part, t.parts) for t in tasks[:3]] == [(1, 3), (2, 3), (3, 3)]


def test_no_session_is_shorter_than_a_quarter_hour_but_the_last() -> None:
    # 100 minutes of project work in 90-minute sessions: 85 + 15, not 90 + 10.
    curriculum = make_curriculum([make_topic("sql", hours=125 / 60, activity=Activity.PROJECT)])
    profile = make_profile(minutes=(300,) * 7, max_session=90)
    tasks = plan(curriculum, profile).added
    assert [t.minutes for t in tasks] == [25, 85, 15]
    # Leftovers under 15 minutes are not used.
    tiny_leftovers = make_profile(minutes=(100,) * 7, max_session=90)
    tasks = plan(make_curriculum([make_topic("sql", hours=3)]), tiny_leftovers).added
    assert [t.minutes for t in tasks] == [90, 18, 72]
    assert [t.scheduled_date for t in tasks] == [day(0), day(1), day(1)]


def test_a_dependant_starts_on_the_day_its_prerequisite_ends_listed_after_it() -> None:
    curriculum = make_curriculum([make_topic("a", hours=1.5), make_topic("b", prerequisites=["a"])])
    profile = make_profile(minutes=(120,) * 7, max_session=60)
    tasks = save((), plan(curriculum, profile))
    first_day = [t.topic_id for t in tasks if t.scheduled_date == MONDAY]
    assert first_day == ["a", "a", "b"]


def test_days_without_study_time_are_skipped() -> None:
    weekends = make_profile(minutes=(0, 0, 0, 0, 0, 90, 90))
    tasks = plan(make_curriculum([make_topic("python", hours=3)]), weekends).added
    assert {t.scheduled_date.weekday() for t in tasks} == {5, 6}


# --- re-planning ------------------------------------------------------------------------------


def test_missed_tasks_move_forward_keeping_their_ids() -> None:
    tasks = save((), plan(CHAIN))
    changes = plan(CHAIN, today=day(3), tasks=tasks)
    assert not changes.added
    assert not changes.removed_ids
    after = save(tasks, changes)
    assert [t.id for t in after] == [t.id for t in tasks]
    assert min(t.scheduled_date for t in after) == day(3)
    assert [t.minutes for t in after] == [t.minutes for t in tasks]


@pytest.mark.parametrize("policy", list(MissedPolicy))
def test_replanning_an_up_to_date_plan_changes_nothing(policy: MissedPolicy) -> None:
    deadline = Deadline("stats-cert", day(40), ("experiments",))
    tasks = save((), plan(CHAIN, deadlines=(deadline,)))
    changes = plan(CHAIN, tasks=tasks, deadlines=(deadline,), policy=policy)
    assert (changes.added, changes.updated, changes.removed_ids) == ((), (), ())


def test_history_stays_done_work_counts_and_skipped_work_is_planned_again() -> None:
    tasks = save((), plan(CHAIN))
    done = replace(tasks[0], status=TaskStatus.DONE)
    skipped = replace(tasks[1], status=TaskStatus.SKIPPED)
    started = replace(tasks[2], status=TaskStatus.IN_PROGRESS)
    history = (done, skipped, started, *tasks[3:])
    changes = plan(CHAIN, today=day(5), tasks=history)
    after = save(history, changes)
    by_id = {t.id: t for t in after}
    # History changes only in its number: the skipped work is planned again in its series.
    assert replace(by_id[done.id], title=done.title, part=done.part, parts=done.parts) == done
    assert by_id[skipped.id].status is TaskStatus.SKIPPED
    assert started.id in by_id
    not_skipped = [t for t in after if t.status is not TaskStatus.SKIPPED]
    assert sum(t.minutes for t in not_skipped) == sum(t.minutes for t in tasks)
    moved = next(t for t in after if t.id == started.id)
    assert moved.scheduled_date == day(5)  # overdue work in progress comes first


def test_a_skipped_session_moves_its_work_later_and_the_total_stays() -> None:
    tasks = save((), plan(CHAIN))
    open_total = sum(t.minutes for t in tasks)
    first = tasks[0]
    assert first.scheduled_date == day(0)
    skipped = (replace(first, status=TaskStatus.SKIPPED), *tasks[1:])
    changes = plan(CHAIN, tasks=skipped)
    after = save(skipped, changes)
    open_tasks = [t for t in after if t.status.is_open]
    assert sum(t.minutes for t in open_tasks) == open_total
    # Not back onto the day it was skipped on: that day's time went to the skip.
    assert min(t.scheduled_date for t in open_tasks) == day(1)
    assert sum(t.minutes for t in after if t.topic_id == first.topic_id) == (
        first.minutes + sum(t.minutes for t in tasks if t.topic_id == first.topic_id)
    )


def test_a_series_stays_numbered_as_a_whole_when_its_work_is_chunked_again() -> None:
    """The learner ticks the first session off, pins the fifth and then has less time a day:
    the rest of the work takes more sessions, and the done and pinned ones are numbered with
    them."""
    curriculum = make_curriculum([make_topic("python", hours=30)])
    tasks = save((), plan(curriculum))
    learn = [t for t in tasks if t.kind is TaskKind.LEARN]
    assert [t.title for t in learn[:3]] == [f"Python — learn ({i}/18)" for i in (1, 2, 3)]
    done = replace(learn[0], status=TaskStatus.DONE, time_spent_minutes=55, notes="ok")
    pinned = replace(learn[4], pinned=True)
    tasks = tuple({done.id: done, pinned.id: pinned}.get(t.id, t) for t in tasks)
    less_time = make_profile(minutes=(45,) * 7)

    changes = plan(curriculum, less_time, today=day(1), tasks=tasks)
    after = save(tasks, changes)

    learn_after = [t for t in after if t.kind is TaskKind.LEARN]
    assert len(learn_after) == 24  # 60 done, 60 pinned, 960 in sessions of 45 minutes
    assert [t.title for t in learn_after] == [f"Python — learn ({i}/24)" for i in range(1, 25)]
    assert [(t.part, t.parts) for t in learn_after] == [(i, 24) for i in range(1, 25)]
    # The done task changes only in its number.
    assert replace(done, title="Python — learn (1/24)", parts=24) in changes.updated
    assert learn_after[0] == replace(done, title="Python — learn (1/24)", parts=24)
    # The pinned task keeps its day and size; its number follows the sessions before it.
    kept = next(t for t in after if t.id == pinned.id)
    assert (kept.scheduled_date, kept.minutes, kept.pinned) == (day(4), 60, True)
    assert kept.title == "Python — learn (5/24)"
    # The practice series was not started: it is only chunked again, numbered by itself.
    practice = [t for t in after if t.kind is TaskKind.PRACTICE]
    assert [t.part for t in practice] == list(range(1, len(practice) + 1))
    assert {t.parts for t in practice} == {len(practice)}
    # Saved, the plan is up to date.
    again = plan(curriculum, less_time, today=day(1), tasks=after)
    assert (again.added, again.updated, again.removed_ids) == ((), (), ())


def test_pinned_tasks_stay_and_take_their_day() -> None:
    curriculum = make_curriculum([make_topic("python", hours=4)])
    tasks = save((), plan(curriculum))
    pinned = replace(tasks[-1], scheduled_date=day(5), pinned=True)
    tasks = (*tasks[:-1], pinned)
    changes = plan(curriculum, today=day(2), tasks=tasks)
    after = save(tasks, changes)
    kept = next(t for t in after if t.id == pinned.id)
    assert (kept.scheduled_date, kept.minutes) == (day(5), pinned.minutes)
    on_day_five = [t for t in after if t.scheduled_date == day(5)]
    assert sum(t.minutes for t in on_day_five) <= 60


def test_custom_tasks_survive_and_only_overdue_unpinned_ones_move() -> None:
    curriculum = make_curriculum([make_topic("python", hours=2)])
    custom = [
        StudyTask("Read a paper", TaskKind.CUSTOM, 30, day(0), id=101),
        StudyTask("Meetup", TaskKind.CUSTOM, 60, day(1), pinned=True, id=102),
        StudyTask("Blog post", TaskKind.CUSTOM, 45, day(6), id=103),
    ]
    changes = plan(curriculum, today=day(2), tasks=tuple(custom))
    after = {t.id: t for t in save(custom, changes)}
    assert after[101].scheduled_date == day(2)  # overdue: moved to today
    assert after[102] == custom[1]  # pinned: stays, even in the past
    assert after[103] == custom[2]  # not due yet: stays
    today_minutes = sum(t.minutes for t in after.values() if t.scheduled_date == day(2))
    assert today_minutes <= 60
    assert sum(t.minutes for t in after.values() if t.topic_id == "python") == 120


def test_the_store_order_is_by_date_then_id_with_new_tasks_last() -> None:
    old = StudyTask("Old", TaskKind.CUSTOM, 10, day(1), id=7)
    gone = StudyTask("Gone", TaskKind.CUSTOM, 10, day(1), id=3)
    earlier = StudyTask("Earlier", TaskKind.CUSTOM, 10, day(0), id=9)
    new = StudyTask("New", TaskKind.CUSTOM, 10, day(1))
    report = PlanReport((), (), 0, None)
    changes = PlanChanges((new,), (replace(earlier, minutes=20),), (3,), report)
    after = apply_changes((old, gone, earlier), changes)
    assert [t.title for t in after] == ["Earlier", "Old", "New"]
    assert after[0].minutes == 20
    with pytest.raises(ValueError, match="not among"):
        apply_changes((), changes)


# --- deadlines and feasibility ----------------------------------------------------------------

EXAM = make_curriculum(
    [make_topic("exam-topic", hours=10)], [make_certification("cert", ["exam-topic"])]
)


def test_a_short_deadline_reports_the_shortfall_and_the_ways_out() -> None:
    # 600 minutes of study and 120 of practice exams; six days of an hour before the due date.
    deadline = Deadline("cert", day(8), ("exam-topic",))
    report = plan(EXAM, deadlines=(deadline,)).report.deadlines[0]
    assert report.due_date == day(5)
    assert (report.needed_minutes, report.available_minutes) == (720, 360)
    assert report.late_minutes == 360
    assert report.shortfall_hours == 6.0
    assert not report.feasible
    # An hour a day finishes on day 11; three days of buffer after that.
    assert report.earliest_feasible_exam_date == day(14)
    # Twice the time on each of the six days fits exactly.
    assert report.extra_minutes_per_study_day == 60
    assert report.late_task_titles[-1] == "CERT: practice exam and review (2/2)"
    assert report.droppable_optional_topic_ids == ()


def test_the_suggested_fixes_do_fit() -> None:
    deadline = Deadline("cert", day(8), ("exam-topic",))
    report = plan(EXAM, deadlines=(deadline,)).report.deadlines[0]
    more_time = make_profile(minutes=(60 + report.extra_minutes_per_study_day,) * 7)
    assert plan(EXAM, more_time, deadlines=(deadline,)).report.feasible
    assert report.earliest_feasible_exam_date is not None
    later = replace(deadline, exam_date=report.earliest_feasible_exam_date)
    assert plan(EXAM, deadlines=(later,)).report.feasible
    too_early = replace(deadline, exam_date=report.earliest_feasible_exam_date - timedelta(1))
    assert not plan(EXAM, deadlines=(too_early,)).report.feasible


ONE_HOUR_A_WEEK = make_profile(minutes=WeeklyAvailability.spread(1).minutes)


def test_every_study_day_of_a_short_week_is_used() -> None:
    # An hour a week over seven days: 9 minutes Monday to Thursday, 8 Friday to Sunday.
    curriculum = make_curriculum([make_topic("python", hours=10)])
    tasks = plan(curriculum, ONE_HOUR_A_WEEK).added
    by_day = Counter[date]()
    for task in tasks:
        by_day[task.scheduled_date] += task.minutes
    assert sum(by_day.values()) == 600
    last = max(by_day)
    assert (last - MONDAY).days == 69  # ten weeks of sixty minutes, to the Sunday
    assert all(by_day[day(n)] == ONE_HOUR_A_WEEK.availability.on(day(n)) for n in range(70))


def test_the_advice_for_a_short_week_works_when_applied() -> None:
    curriculum = make_curriculum(
        [make_topic("python", hours=4), make_topic("stats", hours=6, prerequisites=["python"])],
        [make_certification("cert", ["stats"])],
    )
    deadline = Deadline("cert", day(60), ("stats",))
    (report,) = plan(curriculum, ONE_HOUR_A_WEEK, deadlines=(deadline,)).report.deadlines
    assert not report.feasible
    assert report.needed_minutes > report.available_minutes
    extra = report.extra_minutes_per_study_day
    assert extra > 0
    week = ONE_HOUR_A_WEEK.availability.minutes
    more_time = make_profile(minutes=tuple(m + extra if m else 0 for m in week))
    assert plan(curriculum, more_time, deadlines=(deadline,)).report.feasible
    less_time = make_profile(minutes=tuple(m + extra - 1 if m else 0 for m in week))
    assert not plan(curriculum, less_time, deadlines=(deadline,)).report.feasible


def test_more_than_a_full_study_day_is_not_offered_as_a_fix() -> None:
    # 720 minutes needed by the due date, day 0, which has an hour: twelve hours that day.
    deadline = Deadline("cert", day(3), ("exam-topic",))
    report = plan(EXAM, deadlines=(deadline,)).report.deadlines[0]
    assert not report.feasible
    assert report.extra_minutes_per_study_day == 0
    assert report.earliest_feasible_exam_date == day(14)


def test_a_roomy_deadline_is_feasible() -> None:
    deadline = Deadline("cert", day(30), ("exam-topic",))
    report = plan(EXAM, deadlines=(deadline,)).report
    assert report.feasible
    (exam,) = report.deadlines
    assert (exam.late_minutes, exam.extra_minutes_per_study_day) == (0, 0)
    assert exam.late_task_titles == ()
    assert exam.earliest_feasible_exam_date == day(14)


def test_two_deadlines_for_one_certification_share_its_preparation() -> None:
    deadlines = (Deadline("cert", day(40), ("exam-topic",)), Deadline("cert", day(30), ()))
    changes = plan(EXAM, deadlines=deadlines)
    exam = [t for t in changes.added if t.kind is TaskKind.CERT_PREP]
    assert sum(t.minutes for t in exam) == 120
    assert [d.exam_date for d in changes.report.deadlines] == [day(40), day(30)]
    assert changes.report.feasible


# A plan made before the exam was booked: an optional topic comes first.
POLICY = make_curriculum(
    [
        make_topic("side-quest", hours=10, optional=True),
        make_topic("core", hours=5),
        make_topic("later", hours=1),
    ],
    [make_certification("cert", ["core"])],
)
POLICY_DEADLINE = Deadline("cert", day(12), ("core",))


def _replan_with_deadline(policy: MissedPolicy) -> tuple[PlanChanges, tuple[StudyTask, ...]]:
    tasks = save((), plan(POLICY))
    assert topic_sequence(tasks) == ["side-quest", "core", "later"]
    changes = plan(POLICY, tasks=tasks, deadlines=(POLICY_DEADLINE,), policy=policy)
    return changes, save(tasks, changes)


def test_shift_puts_exam_work_first_and_keeps_the_rest_in_its_order() -> None:
    changes, after = _replan_with_deadline(MissedPolicy.SHIFT)
    assert topic_sequence(after) == ["core", "exam:cert", "side-quest", "later"]
    assert changes.report.feasible


def test_fit_puts_deadline_work_first_and_optional_topics_last() -> None:
    changes, after = _replan_with_deadline(MissedPolicy.FIT)
    assert topic_sequence(after) == ["core", "exam:cert", "later", "side-quest"]
    assert changes.report.feasible


def test_fit_fills_each_study_day_in_one_sitting_and_shift_keeps_the_session_length() -> None:
    short_sessions = make_profile(minutes=(60,) * 7, max_session=30)
    tasks = save((), plan(POLICY, short_sessions))
    assert max(t.minutes for t in tasks) == 30
    shifted = save(tasks, plan(POLICY, short_sessions, today=day(2), tasks=tasks))
    fitted = save(
        tasks, plan(POLICY, short_sessions, today=day(2), tasks=tasks, policy=MissedPolicy.FIT)
    )
    assert max(t.minutes for t in shifted) == 30
    assert max(t.minutes for t in fitted) == 60
    assert len(fitted) < len(shifted)
    assert sum(t.minutes for t in shifted) == sum(t.minutes for t in fitted)


@pytest.mark.parametrize("policy", list(MissedPolicy))
def test_work_left_from_a_past_exam_ranks_after_the_exam_still_ahead(
    policy: MissedPolicy,
) -> None:
    curriculum = make_curriculum(
        [make_topic("first", hours=10), make_topic("second", hours=5)],
        [make_certification("one", ["first"]), make_certification("two", ["second"])],
    )
    one = Deadline("one", day(8), ("first",))
    two = Deadline("two", day(20), ("second",))
    tasks = save((), plan(curriculum, deadlines=(one, two)))
    assert topic_sequence(tasks)[:2] == ["first", "exam:one"]
    # Nothing was done; the first exam has passed, so only the second is a deadline now.
    changes = plan(curriculum, today=day(9), tasks=tasks, deadlines=(two,), policy=policy)
    after = [t for t in save(tasks, changes) if t.status.is_open]
    assert topic_sequence(after) == ["second", "exam:two", "first"]
    assert changes.report.feasible


# --- what cannot be placed --------------------------------------------------------------------


def test_without_study_time_nothing_is_placed_and_everything_is_reported() -> None:
    never = make_profile(minutes=(0,) * 7)
    deadline = Deadline("stats-cert", day(30), ("experiments",))
    changes = plan(CHAIN, never, deadlines=(deadline,), horizon_days=400)
    assert changes.added == ()
    report = changes.report
    assert set(report.unplaceable_topic_ids) == {t.id for t in CHAIN.topics}
    assert not report.feasible
    (exam,) = report.deadlines
    assert exam.late_minutes == exam.needed_minutes > 0
    assert exam.earliest_feasible_exam_date is None
    assert (report.total_minutes, report.end_date) == (0, None)


def test_nothing_is_placed_beyond_the_horizon() -> None:
    changes = plan(CHAIN, horizon_days=4)
    assert max(t.scheduled_date for t in changes.added) <= day(4)
    assert "python" not in changes.report.unplaceable_topic_ids
    # In plan order: lower levels first among the topics that are ready.
    assert changes.report.unplaceable_topic_ids == ("unrelated", "statistics", "experiments")


def test_invalid_inputs_are_refused() -> None:
    with pytest.raises(ValueError, match="session"):
        plan(CHAIN, replace(DAILY_HOUR, max_session_minutes=0))
    with pytest.raises(ValueError, match="negative"):
        plan(CHAIN, buffer_days=-1)
    with pytest.raises(ValueError, match="ids"):
        plan(CHAIN, tasks=(StudyTask("x", TaskKind.CUSTOM, 10, MONDAY),))


# --- the real curriculum ----------------------------------------------------------------------

# Read when the tests are collected, to name one test per track; the tests themselves use the
# shared ``curriculum`` fixture.
REAL_SPECIALIZATIONS = tuple(
    s.id for s in load_curriculum(default_curriculum_path()).specializations
)


@pytest.mark.parametrize("level", list(Level))
@pytest.mark.parametrize("specialization", REAL_SPECIALIZATIONS)
def test_every_track_gets_a_feasible_plan_at_ten_hours_a_week(
    curriculum: Curriculum, level: Level, specialization: str
) -> None:
    profile = replace(
        make_profile(level=level, specializations=(specialization,)),
        availability=WeeklyAvailability.spread(10),
    )
    changes = plan(curriculum, profile)
    assert changes.added
    assert changes.report.feasible
    assert changes.report.total_minutes == sum(t.minutes for t in changes.added)
