"""The Certifications view: the list and its model, the detail, and each action through its
(patched) dialog, re-planning through the same use cases as the command line."""

from __future__ import annotations

from datetime import date, time

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from planner.domain.certifications import GoalState
from planner.domain.model import GoalStatus
from planner.services import goals
from planner.services.context import AppContext
from planner.ui import certification_dialogs as dialogs
from planner.ui.backend import Backend
from planner.ui.views.certifications import CertificationsView
from tests.conftest import FakeClock

AGENTS = "azure-ai-apps-agents-developer"
COURSE = "deep-learning-specialization-certificate"  # the context's goal, target 2027-06-01


def _view(backend: Backend, qtbot: QtBot) -> CertificationsView:
    view = CertificationsView(backend)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    with qtbot.waitSignal(view.results_awaited, timeout=20_000):
        view.reload()
    return view


def _select(view: CertificationsView, certification_id: str) -> None:
    view.table.selectRow(view.model.row_of(certification_id))


def _act(qtbot: QtBot, view: CertificationsView, action: object) -> None:
    with qtbot.waitSignal(view.results_awaited, timeout=30_000):
        action()  # type: ignore[operator]


def test_the_model_lists_every_certification_with_the_goal(
    backend: Backend, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    view = _view(backend, qtbot)
    qtmodeltester.check(view.model)

    model = view.model
    assert model.rowCount() == len(backend.context.curriculum.certifications)
    row = model.row_of(COURSE)
    cells = [model.data(model.index(row, column)) for column in range(model.columnCount())]
    assert cells[3] == "Target set"
    assert cells[4] == "Target Tue 1 Jun 2027"
    assert cells[5].startswith("0%")
    assert view.selected() is model.entry_at(row)  # the first goal is shown first
    retired = model.row_of("azure-ai-engineer")
    assert model.data(model.index(retired, 1)) == "Retired"
    _select(view, "azure-ai-engineer")
    assert not view.book_button.isEnabled()
    assert "2026-06-30" in view.details.text()
    assert "(likely: Three independent exam-preparation sites agree" in view.details.text()


def test_every_control_has_an_accessible_name(backend: Backend, qtbot: QtBot) -> None:
    view = _view(backend, qtbot)
    for button in (
        view.book_button,
        view.pass_button,
        view.fail_button,
        view.drop_button,
        view.add_button,
        view.answer_button,
    ):
        assert button.accessibleName()
    assert view.table.accessibleName() == "Certifications"
    assert not view.table.tabKeyNavigation()


def test_booking_through_the_dialog_re_plans_and_says_what_moved(
    backend: Backend, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, context: AppContext
) -> None:
    view = _view(backend, qtbot)
    _select(view, AGENTS)
    assert view.book_button.text() == "&Book Exam…"
    asked: list[str] = []

    def ask(_parent: object, certification: object, _current: object, today: date) -> object:
        asked.append(certification.id)  # type: ignore[attr-defined]
        assert today == date(2026, 11, 28)
        return dialogs.Booking(date(2027, 10, 4), time(14, 0))

    monkeypatch.setattr(dialogs, "ask_booking", ask)
    _act(qtbot, view, view.book_button.click)

    assert asked == [AGENTS]
    assert view.message.text().startswith("Re-planned:")
    entry = goals.certification_overview(context).entry(AGENTS)
    assert entry.state is GoalState.BOOKED
    assert entry.goal is not None
    assert (entry.goal.exam_date, entry.goal.exam_time) == (date(2027, 10, 4), time(14, 0))
    row = view.model.row_of(AGENTS)
    assert view.model.data(view.model.index(row, 4)) == "Exam Mon 4 Oct 2027 14:00"
    assert view.book_button.text() == "&Move Exam…"


def test_a_refused_change_says_why_and_writes_nothing(
    backend: Backend, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, context: AppContext
) -> None:
    view = _view(backend, qtbot)
    monkeypatch.setattr(
        dialogs,
        "ask_fail",
        lambda *_args: dialogs.FailRecord(date(2026, 11, 20), date(2026, 11, 25)),
    )
    stored = goals.list_goals(context)
    _select(view, AGENTS)
    view.fail_button.click()
    qtbot.waitUntil(lambda: view.message.text().startswith("Not saved:"), timeout=20_000)
    assert "retake date 2026-11-25 must be after" in view.message.text()
    assert goals.list_goals(context) == stored


def test_fail_drop_and_a_certification_of_ones_own(
    backend: Backend, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, context: AppContext
) -> None:
    view = _view(backend, qtbot)
    _select(view, AGENTS)
    monkeypatch.setattr(
        dialogs, "ask_fail", lambda *_args: dialogs.FailRecord(date(2026, 11, 20), date(2027, 2, 1))
    )
    _act(qtbot, view, view.fail_button.click)
    assert goals.certification_overview(context).entry(AGENTS).state is GoalState.FAILED

    monkeypatch.setattr(dialogs, "confirm_drop", lambda *_args: True)
    _select(view, AGENTS)
    _act(qtbot, view, view.drop_button.click)
    assert goals.certification_overview(context).entry(AGENTS).state is GoalState.DROPPED

    request = goals.CustomCertification("Kubernetes Developer", "CNCF", 36, ("model-serving",))
    monkeypatch.setattr(dialogs, "ask_custom_certification", lambda *_args: request)
    _act(qtbot, view, view.add_button.click)
    last = view.model.entry_at(view.model.rowCount() - 1)
    assert last.certification.title == "Kubernetes Developer"
    assert last.state is GoalState.PLANNED
    assert view.model.data(view.model.index(view.model.rowCount() - 1, 1)) == "Yours"


def test_the_exam_day_question_leads_to_the_answer(
    backend: Backend,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    context: AppContext,
    clock: FakeClock,
) -> None:
    clock.set_day(date(2027, 6, 2))  # the day after the course's target date
    view = _view(backend, qtbot)
    assert view.question.isVisibleTo(view)
    assert "Deep Learning Specialization" in view.question_label.text()
    assert "what happened?" in view.question_label.text()

    monkeypatch.setattr(dialogs, "ask_exam_outcome", lambda *_args: dialogs.ExamOutcome.PASSED)
    monkeypatch.setattr(
        dialogs, "ask_pass", lambda *_args: dialogs.PassRecord(date(2027, 6, 1), "DL-1", None)
    )
    _act(qtbot, view, view.answer_button.click)

    entry = goals.certification_overview(context).entry(COURSE)
    assert entry.state is GoalState.PASSED
    assert entry.goal is not None
    assert entry.goal.status is GoalStatus.PASSED
    assert entry.goal.credential == "DL-1"
    assert not view.question.isVisibleTo(view)


def test_the_dialogs_give_plain_values(qtbot: QtBot, backend: Backend) -> None:
    curriculum = backend.context.curriculum
    agents = curriculum.certification(AGENTS)
    today = date(2026, 11, 28)

    book = dialogs.BookExamDialog(agents, None, today)
    qtbot.addWidget(book)
    assert book.value() == dialogs.Booking(today, None)
    book.time_check.setChecked(True)
    assert book.value().exam_time == time(9, 0)

    passed = dialogs.PassDialog(agents, today, today)
    qtbot.addWidget(passed)
    assert passed.expiry_label.text() == "Sun 28 Nov 2027"
    assert passed.value() == dialogs.PassRecord(today, "", None)

    failed = dialogs.FailDialog(agents, today, today)
    qtbot.addWidget(failed)
    assert failed.value() == dialogs.FailRecord(today, None)

    outcome = dialogs.ExamResultDialog(agents, date(2026, 11, 20))
    qtbot.addWidget(outcome)
    outcome.radios[dialogs.ExamOutcome.MOVED].setChecked(True)
    assert outcome.value() is dialogs.ExamOutcome.MOVED

    custom = dialogs.CustomCertificationDialog(curriculum.topics[:5])
    qtbot.addWidget(custom)
    assert custom.value() is None
    assert not custom.ok_button.isEnabled()
    custom.title_edit.setText("Mine")
    custom.provider_edit.setText("Me")
    custom.topic_model.item(1).setCheckState(custom.topic_model.item(1).checkState().Checked)
    assert custom.ok_button.isEnabled()
    assert custom.value() == goals.CustomCertification(
        "Mine", "Me", None, (curriculum.topics[1].id,)
    )
