"""An exam date that passes with no result recorded keeps its preparation in the plan, after
the work of every exam still ahead."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

import pytest

from planner.domain.curriculum import Level
from planner.domain.model import StudyTask
from planner.domain.planning import Deadline, MissedPolicy, PlanInput, build_plan
from tests.domain.conftest import (
    MONDAY,
    make_certification,
    make_curriculum,
    make_profile,
    make_topic,
    save,
)

CURRICULUM = make_curriculum(
    [
        make_topic("base", hours=2),
        make_topic("a", hours=3, level=Level.SENIOR),
        make_topic("b", hours=3, level=Level.SENIOR),
    ],
    [make_certification("cert-a", ["a"]), make_certification("cert-b", ["b"])],
)
JUNIOR = make_profile(level=Level.JUNIOR, minutes=(60,) * 7)
EXAM_A = Deadline("cert-a", MONDAY + timedelta(days=10), ("a",))
EXAM_B = Deadline("cert-b", MONDAY + timedelta(days=60), ("b",))


def _open(tasks: Sequence[StudyTask]) -> list[StudyTask]:
    return [t for t in tasks if t.status.is_open]


def _open_minutes(tasks: Sequence[StudyTask]) -> Counter[str]:
    minutes = Counter[str]()
    for task in _open(tasks):
        minutes[f"{task.topic_id or task.certification_id}/{task.kind.value}"] += task.minutes
    return minutes


def _sequence(tasks: Sequence[StudyTask]) -> list[str]:
    ordered = sorted(_open(tasks), key=lambda t: (t.scheduled_date, t.id or 0))
    return list(dict.fromkeys(t.topic_id or f"exam:{t.certification_id}" for t in ordered))


def _planned_before_exam_a() -> tuple[StudyTask, ...]:
    """A plan for both exams whose learner ticked nothing off: on the day after exam A,
    much of A's preparation is still open."""
    first = build_plan(PlanInput(CURRICULUM, JUNIOR, MONDAY, deadlines=(EXAM_A, EXAM_B)))
    return save((), first)


@pytest.mark.parametrize("policy", list(MissedPolicy))
def test_unfinished_preparation_stays_after_every_exam_still_ahead(policy: MissedPolicy) -> None:
    tasks = _planned_before_exam_a()
    assert _sequence(tasks)[:2] == ["a", "exam:cert-a"]
    day_after = EXAM_A.exam_date + timedelta(days=1)

    changes = build_plan(
        PlanInput(
            CURRICULUM,
            JUNIOR,
            day_after,
            deadlines=(EXAM_B,),
            past_exams=(EXAM_A,),
            tasks=tasks,
            policy=policy,
        )
    )

    after = save(tasks, changes)
    assert _open_minutes(after) == _open_minutes(tasks)  # no work is lost
    assert _sequence(after) == ["b", "exam:cert-b", "base", "a", "exam:cert-a"]
    assert min(t.scheduled_date for t in _open(after)) == day_after
    # Exam A is no longer a deadline: only B is reported on, and it is on track.
    assert [d.certification_id for d in changes.report.deadlines] == ["cert-b"]
    assert changes.report.feasible


def test_once_the_result_is_in_the_preparation_leaves_the_plan() -> None:
    tasks = _planned_before_exam_a()
    day_after = EXAM_A.exam_date + timedelta(days=1)

    changes = build_plan(PlanInput(CURRICULUM, JUNIOR, day_after, deadlines=(EXAM_B,), tasks=tasks))

    after = save(tasks, changes)
    assert _sequence(after) == ["b", "exam:cert-b", "base"]


def test_a_topic_also_needed_by_an_exam_ahead_keeps_that_exam_s_place() -> None:
    shared = make_curriculum(
        CURRICULUM.topics,
        [make_certification("cert-a", ["a"]), make_certification("cert-b", ["a", "b"])],
    )
    exam_b = Deadline("cert-b", EXAM_B.exam_date, ("a", "b"))
    day_after = EXAM_A.exam_date + timedelta(days=1)

    changes = build_plan(
        PlanInput(shared, JUNIOR, day_after, deadlines=(exam_b,), past_exams=(EXAM_A,))
    )

    assert _sequence(save((), changes)) == ["a", "b", "exam:cert-b", "base", "exam:cert-a"]


def test_without_past_exams_the_plan_is_as_before() -> None:
    plain = build_plan(PlanInput(CURRICULUM, JUNIOR, date(2027, 1, 4), deadlines=(EXAM_B,)))
    same = build_plan(
        PlanInput(CURRICULUM, JUNIOR, date(2027, 1, 4), deadlines=(EXAM_B,), past_exams=())
    )
    assert plain == same
