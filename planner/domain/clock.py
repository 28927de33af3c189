"""Time comes in from outside: use cases and rules are functions of a given ``now``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The real time, aware and in UTC. Only the composition root passes this in."""
    return datetime.now(UTC)


def local_date(now: datetime, timezone: str) -> date:
    """The calendar date at ``now`` in ``timezone`` (an IANA name)."""
    return now.astimezone(ZoneInfo(timezone)).date()
