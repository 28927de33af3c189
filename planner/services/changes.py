"""What a use case changed, so views refresh only what they show."""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.domain.planning import PlanReport


@dataclass(frozen=True)
class PlanMoves:
    """How a re-plan moved the plan's open tasks: the learner is told what moved."""

    added: int = 0
    removed: int = 0
    rescheduled: int = 0
    """Stored tasks now on another day."""

    def text(self) -> str:
        parts = [
            f"{count} {'task' if count == 1 else 'tasks'} {verb}"
            for count, verb in (
                (self.rescheduled, "moved to another day"),
                (self.added, "added"),
                (self.removed, "removed"),
            )
            if count
        ]
        return "The plan is unchanged." if not parts else "Re-planned: " + ", ".join(parts) + "."


@dataclass(frozen=True)
class Changes:
    task_ids: frozenset[int] = field(default_factory=frozenset)
    plan: bool = False  # tasks were added, removed or rescheduled in bulk
    profile: bool = False
    goals: bool = False
    report: PlanReport | None = None  # the plan's feasibility after a re-plan
    moves: PlanMoves | None = None  # what a re-plan moved

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            task_ids=self.task_ids | other.task_ids,
            plan=self.plan or other.plan,
            profile=self.profile or other.profile,
            goals=self.goals or other.goals,
            report=other.report or self.report,
            moves=other.moves or self.moves,
        )
