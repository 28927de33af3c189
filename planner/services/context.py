"""What every use case needs: the database, the curriculum and the clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from planner.domain.clock import Clock, local_date
from planner.domain.curriculum import Curriculum
from planner.store.database import Database


@dataclass(frozen=True)
class AppContext:
    database: Database
    curriculum: Curriculum
    clock: Clock

    def now(self) -> datetime:
        return self.clock()

    def today(self, timezone: str) -> date:
        """The learner's calendar date now, in their time zone."""
        return local_date(self.clock(), timezone)
