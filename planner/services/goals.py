"""Use cases on certification goals."""

from __future__ import annotations

from planner.domain.model import CertificationGoal
from planner.services.context import AppContext
from planner.store import repositories as repo


def list_goals(context: AppContext) -> list[CertificationGoal]:
    with context.database.reading() as session:
        return repo.list_goals(session=session)
