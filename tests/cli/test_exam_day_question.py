"""The exam-day question as `cert list` and `status` print it (in process, with a fake
clock: the subprocess tests run on the real one)."""

from __future__ import annotations

import io
from datetime import date

from planner.cli.cert_commands import goal_summary, print_exam_questions
from planner.services import goals, plans
from planner.services.context import AppContext
from tests.conftest import FakeClock
from tests.ui.conftest import learner_profile


def test_a_past_exam_without_a_result_is_asked_about(
    empty_context: AppContext, clock: FakeClock
) -> None:
    plans.create_plan(empty_context, learner_profile(start_date=date(2026, 11, 28)))
    goals.book_exam(empty_context, "aws-ml-engineer-associate", date(2027, 6, 1))
    clock.set_day(date(2027, 6, 2))

    out = io.StringIO()
    overview = goals.certification_overview(empty_context)
    print_exam_questions(overview, out)

    question = out.getvalue()
    assert question.startswith(
        "Your exam for AWS Machine Learning Engineer \u2013 Associate was on 2027-06-01: "
        "what happened?"
    )
    assert "cert pass aws-ml-engineer-associate --date D" in question
    assert "cert book aws-ml-engineer-associate --exam-date D" in question
    assert "result not recorded" in goal_summary(overview.entry("aws-ml-engineer-associate"))

    goals.record_fail(empty_context, "aws-ml-engineer-associate", date(2027, 6, 1))
    out = io.StringIO()
    print_exam_questions(goals.certification_overview(empty_context), out)
    assert out.getvalue() == ""
