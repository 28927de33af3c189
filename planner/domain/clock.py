"""Time comes in from outside: use cases and rules are functions of a given ``now``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The real time, aware and in UTC. Only the composition root passes this in."""
    return datetime.now(UTC)
