"""A certification goal's lifecycle against a given day: states, expiry, readiness."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from planner.domain.certifications import (
    GoalState,
    LifecycleError,
    Readiness,
    add_months,
    awaits_result,
    book,
    drop,
    expiry_date,
    goal_state,
    new_goal,
    preparation_minutes,
    record_fail,
    record_pass,
    renewal_opens,
)
from planner.domain.curriculum import Certification, CertificationKind, CertificationStatus
from planner.domain.model import CertificationGoal, GoalStatus, StudyTask, TaskKind, TaskStatus

TODAY = date(2027, 3, 10)


def certification(
    *,
    validity: int | None = 12,
    window: int | None = 6,
    status: CertificationStatus = CertificationStatus.ACTIVE,
    kind: CertificationKind = CertificationKind.EXAM,
) -> Certification:
    return Certification(
        id="cert",
        title="The Cert",
        provider="Vendor",
        description="An exam.",
        status=status,
        topic_ids=("t",),
        as_of=date(2026, 12, 1),
        validity_months=validity,
        renewal_window_months=window,
        successor="The Next Cert" if status is CertificationStatus.RETIRED else None,
        kind=kind,
    )


CERT = certification()


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2027, 1, 31), 1, date(2027, 2, 28)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2028, 2, 29), 48, date(2032, 2, 29)),
        (date(2028, 2, 29), 36, date(2031, 2, 28)),
        (date(2027, 11, 15), 3, date(2028, 2, 15)),
        (date(2027, 8, 31), -6, date(2027, 2, 28)),
        (date(2027, 3, 10), 0, date(2027, 3, 10)),
    ],
)
def test_adding_months_keeps_the_day_or_takes_the_month_s_last(
    day: date, months: int, expected: date
) -> None:
    assert add_months(day, months) == expected


def test_a_pass_on_29_february_expires_on_28_february_a_year_later() -> None:
    passed = record_pass(CertificationGoal("cert"), CERT, date(2028, 2, 29), today=date(2028, 3, 1))
    assert passed.expires_on == date(2029, 2, 28)
    assert renewal_opens(date(2029, 2, 28), CERT) == date(2028, 8, 28)


def test_a_certificate_without_validity_never_expires() -> None:
    course = certification(validity=None, window=None, kind=CertificationKind.COURSE)
    assert expiry_date(date(2027, 1, 1), course) is None
    passed = record_pass(CertificationGoal("cert"), course, date(2027, 1, 1), today=TODAY)
    assert passed.expires_on is None
    assert goal_state(passed, course, today=date(2040, 1, 1), prepared=True) is GoalState.PASSED


def test_stored_and_derived_states_follow_the_day() -> None:
    planned = new_goal("cert")
    assert planned.status is GoalStatus.PLANNED
    assert goal_state(planned, CERT, today=TODAY, prepared=False) is GoalState.PLANNED
    assert goal_state(planned, CERT, today=TODAY, prepared=True) is GoalState.PREPARING
    booked = new_goal("cert", date(2027, 5, 1))
    assert booked.status is GoalStatus.BOOKED
    assert goal_state(booked, CERT, today=TODAY, prepared=True) is GoalState.BOOKED
    legacy = replace(booked, status=GoalStatus.PLANNED)  # a date stored before booking existed
    assert goal_state(legacy, CERT, today=TODAY, prepared=True) is GoalState.BOOKED

    passed = record_pass(booked, CERT, date(2027, 5, 1), "ABC-123", today=date(2027, 5, 2))
    assert (passed.status, passed.expires_on, passed.credential) == (
        GoalStatus.PASSED,
        date(2028, 5, 1),
        "ABC-123",
    )
    states = {
        day: goal_state(passed, CERT, today=day, prepared=True)
        for day in (date(2027, 10, 31), date(2027, 11, 1), date(2028, 4, 30), date(2028, 5, 1))
    }
    assert states == {
        date(2027, 10, 31): GoalState.PASSED,
        date(2027, 11, 1): GoalState.RENEWAL_DUE,
        date(2028, 4, 30): GoalState.RENEWAL_DUE,
        date(2028, 5, 1): GoalState.EXPIRED,
    }
    retired = certification(status=CertificationStatus.RETIRED)  # its renewal is gone too
    assert goal_state(passed, retired, today=date(2028, 4, 30), prepared=True) is (GoalState.PASSED)
    no_window = certification(window=None)
    assert goal_state(passed, no_window, today=date(2028, 4, 30), prepared=True) is (
        GoalState.PASSED
    )
    assert goal_state(drop(booked), CERT, today=TODAY, prepared=True) is GoalState.DROPPED


def test_booking_moves_the_exam_and_refuses_the_past_and_retired_exams() -> None:
    goal = book(new_goal("cert"), CERT, date(2027, 4, 1), time(9, 30), today=TODAY)
    assert (goal.status, goal.exam_date, goal.exam_time) == (
        GoalStatus.BOOKED,
        date(2027, 4, 1),
        time(9, 30),
    )
    moved = book(goal, CERT, date(2027, 6, 1), today=TODAY)
    assert (moved.exam_date, moved.exam_time) == (date(2027, 6, 1), None)

    with pytest.raises(LifecycleError, match=r"exam date 2027-03-09 .* is in the past"):
        book(goal, CERT, date(2027, 3, 9), today=TODAY)
    retired = certification(status=CertificationStatus.RETIRED)
    with pytest.raises(LifecycleError, match=r"is retired .* successor is The Next Cert"):
        book(goal, retired, date(2027, 6, 1), today=TODAY)
    course = certification(kind=CertificationKind.COURSE)
    with pytest.raises(LifecycleError, match="target date"):
        book(goal, course, date(2027, 1, 1), today=TODAY)


def test_a_pass_is_not_in_the_future_and_its_expiry_can_be_given() -> None:
    with pytest.raises(LifecycleError, match="after today"):
        record_pass(new_goal("cert"), CERT, date(2027, 3, 11), today=TODAY)
    given = record_pass(
        new_goal("cert"), CERT, date(2027, 3, 1), today=TODAY, expires_on=date(2028, 3, 15)
    )
    assert given.expires_on == date(2028, 3, 15)
    with pytest.raises(LifecycleError, match="not after the pass date"):
        record_pass(
            new_goal("cert"), CERT, date(2027, 3, 1), today=TODAY, expires_on=date(2027, 3, 1)
        )


def test_a_fail_with_a_retake_prepares_for_the_retake() -> None:
    booked = new_goal("cert", date(2027, 3, 1))
    failed = record_fail(booked, CERT, date(2027, 3, 1), date(2027, 4, 20), today=TODAY)
    assert (failed.status, failed.failed_on, failed.exam_date) == (
        GoalStatus.FAILED,
        date(2027, 3, 1),
        date(2027, 4, 20),
    )
    assert goal_state(failed, CERT, today=TODAY, prepared=True) is GoalState.FAILED
    without = record_fail(booked, CERT, date(2027, 3, 1), today=TODAY)
    assert without.exam_date is None
    with pytest.raises(LifecycleError, match="retake date 2027-03-01 must be after"):
        record_fail(booked, CERT, date(2027, 3, 1), date(2027, 3, 1), today=TODAY)
    retired = certification(status=CertificationStatus.RETIRED)
    with pytest.raises(LifecycleError, match="retired"):
        record_fail(booked, retired, date(2027, 3, 1), date(2027, 4, 20), today=TODAY)


def test_the_exam_day_question_comes_the_day_after_the_exam() -> None:
    booked = new_goal("cert", date(2027, 3, 9))
    assert not awaits_result(booked, date(2027, 3, 9))
    assert awaits_result(booked, date(2027, 3, 10))
    assert awaits_result(replace(booked, status=GoalStatus.PLANNED), TODAY)
    retake = record_fail(booked, CERT, date(2027, 3, 9), date(2027, 4, 1), today=TODAY)
    assert not awaits_result(retake, TODAY)
    assert awaits_result(retake, date(2027, 4, 2))
    for answered in (
        record_pass(booked, CERT, date(2027, 3, 9), today=TODAY),
        record_fail(booked, CERT, date(2027, 3, 9), today=TODAY),
        drop(booked),
    ):
        assert not awaits_result(answered, TODAY)


def _task(
    kind: TaskKind, minutes: int, status: TaskStatus, topic: str | None, cert: str | None = None
) -> StudyTask:
    return StudyTask(
        title="x",
        kind=kind,
        minutes=minutes,
        scheduled_date=TODAY,
        topic_id=topic,
        status=status,
        certification_id=cert,
    )


def test_readiness_counts_the_certification_s_topics_and_practice_exams() -> None:
    tasks = [
        _task(TaskKind.LEARN, 60, TaskStatus.DONE, "t"),
        _task(TaskKind.PRACTICE, 30, TaskStatus.PENDING, "t"),
        _task(TaskKind.PRACTICE, 45, TaskStatus.SKIPPED, "t"),
        _task(TaskKind.LEARN, 90, TaskStatus.IN_PROGRESS, "prerequisite"),
        _task(TaskKind.LEARN, 500, TaskStatus.DONE, "other"),
        _task(TaskKind.CERT_PREP, 120, TaskStatus.PENDING, None, "cert"),
        _task(TaskKind.CERT_PREP, 120, TaskStatus.DONE, None, "other-cert"),
        _task(TaskKind.CUSTOM, 30, TaskStatus.DONE, "t"),
    ]
    done, open_ = preparation_minutes(tasks, {"t", "prerequisite"}, "cert")
    assert (done, open_) == (60, 240)
    assert Readiness(done, open_, feasible=True).percent == 20
    assert Readiness(0, 0, feasible=None).percent == 100
