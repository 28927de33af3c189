"""The order work is studied in: prerequisites first, then the most urgent ready item."""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from datetime import date

Priority = tuple[int, ...]
"""Lower comes first. Every item's priority ends in a unique position, so ties never fall
back to comparing ids."""

_NO_DATE = date.max.toordinal()


def date_rank(day: date | None) -> int:
    """Earlier dates first; no date after every date."""
    return day.toordinal() if day else _NO_DATE


def exam_rank(exam_date: date | None) -> int:
    """Work an exam still ahead needs comes before work no exam ahead needs, whatever else
    orders them: work left over from an exam whose date has passed (its deadline is gone, so
    its work has no exam date) ranks after every exam still ahead and never holds one up."""
    return 0 if exam_date is not None else 1


def plan_order(
    prerequisites: Mapping[str, Sequence[str]], priority: Mapping[str, Priority]
) -> list[str]:
    """Every item of ``prerequisites`` after the items it requires (Kahn's algorithm), the
    ready item with the lowest priority first. Prerequisites that are not items count as met.
    """
    waiting: dict[str, int] = {}
    dependants: dict[str, list[str]] = {item: [] for item in prerequisites}
    for item, required in prerequisites.items():
        inside = [p for p in dict.fromkeys(required) if p in dependants]
        waiting[item] = len(inside)
        for prerequisite in inside:
            dependants[prerequisite].append(item)
    ready = [(priority[item], item) for item, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        _, item = heapq.heappop(ready)
        order.append(item)
        for dependant in dependants[item]:
            waiting[dependant] -= 1
            if waiting[dependant] == 0:
                heapq.heappush(ready, (priority[dependant], dependant))
    if len(order) != len(waiting):
        raise ValueError("the prerequisites form a cycle")
    return order
