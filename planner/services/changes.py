"""What a use case changed, so views refresh only what they show."""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.domain.planning import PlanReport


@dataclass(frozen=True)
class Changes:
    task_ids: frozenset[int] = field(default_factory=frozenset)
    plan: bool = False  # tasks were added, removed or rescheduled in bulk
    profile: bool = False
    goals: bool = False
    report: PlanReport | None = None  # the plan's feasibility after a re-plan

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            task_ids=self.task_ids | other.task_ids,
            plan=self.plan or other.plan,
            profile=self.profile or other.profile,
            goals=self.goals or other.goals,
            report=other.report or self.report,
        )
