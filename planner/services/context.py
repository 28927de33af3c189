"""What every use case needs: the database, the curriculum and the clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from planner.domain.curriculum import Curriculum
from planner.store.database import Database

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The real time, aware and in UTC. Only the composition root passes this in."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class AppContext:
    database: Database
    curriculum: Curriculum
    clock: Clock

    def now(self) -> datetime:
        return self.clock()

    def today(self, timezone: str) -> date:
        """The learner's calendar date now, in their time zone."""
        return self.clock().astimezone(ZoneInfo(timezone)).date()
