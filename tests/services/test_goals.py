"""Certification goal use cases: each change is one unit of work that re-plans and says what
moved; a refused change writes nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from planner.domain.certifications import GoalState
from planner.domain.model import GoalStatus, StudyTask, TaskKind
from planner.services import goals, plans, tasks
from planner.services.context import AppContext
from planner.services.errors import ServiceError, UnknownItemError
from tests.conftest import FakeClock
from tests.ui.conftest import learner_profile

AWS = "aws-ml-engineer-associate"
EXAM = date(2027, 6, 1)


@pytest.fixture
def context(empty_context: AppContext) -> AppContext:
    plans.create_plan(empty_context, learner_profile(start_date=date(2026, 11, 28)))
    return empty_context


def _prep(context: AppContext, certification_id: str) -> list[StudyTask]:
    return [
        t
        for t in tasks.all_tasks(context)
        if t.kind is TaskKind.CERT_PREP and t.certification_id == certification_id
    ]


def _stored(context: AppContext) -> tuple[list[object], list[StudyTask]]:
    return list(goals.list_goals(context)), tasks.all_tasks(context)


def test_booking_an_exam_plans_its_preparation_and_says_what_moved(context: AppContext) -> None:
    changes = goals.book_exam(context, AWS, EXAM, time(9, 30))

    assert changes.goals
    assert changes.moves is not None
    assert changes.moves.added > 0
    assert "added" in changes.moves.text()
    assert changes.report is not None
    assert [d.certification_id for d in changes.report.deadlines] == [AWS]
    assert _prep(context, AWS)
    entry = goals.certification_overview(context).entry(AWS)
    assert entry.state is GoalState.BOOKED
    assert entry.goal is not None
    assert (entry.goal.exam_date, entry.goal.exam_time) == (EXAM, time(9, 30))
    assert entry.readiness is not None
    assert entry.readiness.percent == 0
    assert entry.readiness.feasible is changes.report.deadlines[0].feasible
    assert not entry.awaiting_result


def test_a_passed_exam_date_asks_for_the_result_and_keeps_the_work(
    context: AppContext, clock: FakeClock
) -> None:
    goals.book_exam(context, AWS, EXAM)
    open_prep = sum(t.minutes for t in _prep(context, AWS) if t.status.is_open)
    assert open_prep > 0

    clock.set_day(date(2027, 6, 2))
    plans.replan(context)

    (awaiting,) = goals.awaiting_results(context)
    assert awaiting.certification.id == AWS
    assert sum(t.minutes for t in _prep(context, AWS) if t.status.is_open) == open_prep
    assert min(t.scheduled_date for t in _prep(context, AWS)) >= date(2027, 6, 2)

    changes = goals.record_pass(context, AWS, EXAM, "AWS-123")
    entry = goals.certification_overview(context).entry(AWS)
    assert entry.state is GoalState.PASSED
    assert entry.goal is not None
    assert (entry.goal.passed_on, entry.goal.expires_on, entry.goal.credential) == (
        EXAM,
        date(2030, 6, 1),
        "AWS-123",
    )
    assert goals.awaiting_results(context) == ()
    assert not [t for t in _prep(context, AWS) if t.status.is_open]
    assert changes.moves is not None
    assert changes.moves.removed > 0


def test_a_fail_with_a_retake_prepares_for_the_retake(
    context: AppContext, clock: FakeClock
) -> None:
    goals.book_exam(context, AWS, EXAM)
    clock.set_day(date(2027, 6, 3))

    changes = goals.record_fail(context, AWS, EXAM, date(2027, 8, 2))

    assert changes.report is not None
    assert [(d.certification_id, d.exam_date) for d in changes.report.deadlines] == [
        (AWS, date(2027, 8, 2))
    ]
    entry = goals.certification_overview(context).entry(AWS)
    assert entry.state is GoalState.FAILED
    assert entry.goal is not None
    assert entry.goal.failed_on == EXAM


def test_refused_changes_write_nothing(context: AppContext) -> None:
    goals.book_exam(context, AWS, EXAM)
    before = _stored(context)

    with pytest.raises(ServiceError, match=r"Azure AI Engineer \(azure-ai-engineer\) is retired"):
        goals.book_exam(context, "azure-ai-engineer", EXAM)
    with pytest.raises(ServiceError, match="is in the past"):
        goals.book_exam(context, AWS, date(2026, 11, 1))
    with pytest.raises(ServiceError, match="after today"):
        goals.record_pass(context, AWS, date(2027, 1, 1))
    with pytest.raises(UnknownItemError, match="unknown certification 'nope'"):
        goals.book_exam(context, "nope", EXAM)
    with pytest.raises(ServiceError, match="is not a goal"):
        goals.drop_goal(context, "ibm-ml-professional")

    assert _stored(context) == before


def test_dropping_a_goal_takes_its_preparation_out_and_keeps_the_goal(
    context: AppContext,
) -> None:
    goals.book_exam(context, AWS, EXAM)

    goals.drop_goal(context, AWS)

    assert not [t for t in _prep(context, AWS) if t.status.is_open]
    (goal,) = goals.list_goals(context)
    assert goal.status is GoalStatus.DROPPED
    assert goals.certification_overview(context).entry(AWS).state is GoalState.DROPPED
    goals.add_goal(context, AWS)
    assert goals.certification_overview(context).entry(AWS).state is GoalState.PLANNED


def test_a_course_certificate_takes_a_target_date(context: AppContext) -> None:
    goals.book_exam(context, "ibm-ml-professional", date(2027, 9, 1))
    entry = goals.certification_overview(context).entry("ibm-ml-professional")
    assert entry.certification.is_course
    assert entry.goal is not None
    assert entry.goal.exam_date == date(2027, 9, 1)
    assert _prep(context, "ibm-ml-professional")


def test_a_learner_s_own_certification_is_planned_like_the_others(context: AppContext) -> None:
    request = goals.CustomCertification(
        title="Kubernetes Administrator",
        provider="CNCF",
        validity_months=24,
        topic_ids=("model-serving",),
    )

    goals.add_custom_certification(context, request)
    goals.book_exam(context, "custom-kubernetes-administrator", EXAM)

    overview = goals.certification_overview(context)
    entry = overview.entry("custom-kubernetes-administrator")
    assert entry.certification.custom
    assert entry.certification.validity_months == 24
    assert entry.state is GoalState.BOOKED
    assert _prep(context, "custom-kubernetes-administrator")
    assert overview.entries[-1] is entry  # after the curriculum's own
    with pytest.raises(ServiceError, match="already exists"):
        goals.add_custom_certification(context, request)
    with pytest.raises(ServiceError, match="1 to 120 months"):
        goals.add_custom_certification(
            context, goals.CustomCertification("Other", "Someone", 0, ("model-serving",))
        )
    with pytest.raises(UnknownItemError, match="unknown topic 'nope'"):
        goals.add_custom_certification(
            context, goals.CustomCertification("Other", "Someone", None, ("nope",))
        )


def test_start_date_and_time_zone_can_change_later(context: AppContext) -> None:
    goals.book_exam(context, AWS, EXAM)
    stored = plans.load_profile(context)
    assert stored is not None
    edits = plans.ProfileEdits.of(stored)

    changes = plans.edit_profile(
        context, replace(edits, start_date=date(2027, 1, 4), timezone="Europe/Paris")
    )

    profile = plans.load_profile(context)
    assert profile is not None
    assert (profile.start_date, profile.timezone) == (date(2027, 1, 4), "Europe/Paris")
    assert changes.profile
    assert changes.moves is not None
    assert changes.moves.rescheduled > 0
    assert min(t.scheduled_date for t in tasks.all_tasks(context)) == date(2027, 1, 4)
    with pytest.raises(ServiceError, match="unknown time zone 'Mars/Olympus'"):
        plans.edit_profile(context, replace(edits, timezone="Mars/Olympus"))
    with pytest.raises(ServiceError, match="cannot start on 2027-07-01, after the exam"):
        plans.edit_profile(context, replace(edits, start_date=date(2027, 7, 1)))
    assert plans.load_profile(context) == profile
