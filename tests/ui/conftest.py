"""GUI test fixtures: a real database in a temporary folder, a fixed clock, and checks that
no worker is left running."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time

import pytest
from pytestqt.qtbot import QtBot

from planner.domain.curriculum import Level
from planner.domain.model import CertificationGoal, Profile, WeeklyAvailability
from planner.services.context import AppContext
from planner.services.plans import create_plan
from planner.ui.backend import Backend
from tests.conftest import FIXED_NOW, FakeClock

START = date(2026, 11, 23)  # a Monday, five days before FIXED_NOW


def learner_profile(**changes: object) -> Profile:
    values: dict[str, object] = {
        "level": Level.JUNIOR,
        "specializations": ("nlp",),
        "availability": WeeklyAvailability.spread(10),
        "start_date": START,
        "timezone": "UTC",
    }
    values.update(changes)
    return Profile(**values)  # type: ignore[arg-type]


@pytest.fixture
def context(empty_context: AppContext, clock: FakeClock) -> AppContext:
    """A junior NLP learner whose plan started on START and who has ticked nothing off
    since: by FIXED_NOW (the clock's time) five days of tasks are missed."""
    clock.now = datetime.combine(START, time(8), tzinfo=UTC)
    create_plan(
        empty_context,
        learner_profile(),
        [CertificationGoal("deep-learning-specialization-certificate", exam_date=date(2027, 6, 1))],
    )
    clock.now = FIXED_NOW
    return empty_context


def _idle_afterwards(backend: Backend) -> Iterator[Backend]:
    yield backend
    assert backend.wait_until_idle(10_000), "a worker was still running after the test"


@pytest.fixture
def backend(context: AppContext, qtbot: QtBot) -> Iterator[Backend]:
    yield from _idle_afterwards(Backend(context))


@pytest.fixture
def first_run_backend(empty_context: AppContext, qtbot: QtBot) -> Iterator[Backend]:
    """A backend over a data folder with no profile yet."""
    yield from _idle_afterwards(Backend(empty_context))


@pytest.fixture(autouse=True)
def _no_dangling_threads() -> Iterator[None]:
    """Fail a test that leaves a QThreadPool worker running."""
    from PySide6.QtCore import QThreadPool

    yield
    assert QThreadPool.globalInstance().waitForDone(10_000), "a global pool worker was left running"
