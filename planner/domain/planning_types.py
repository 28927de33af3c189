"""The planning engine's inputs and results, re-exported by :mod:`planner.domain.planning`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from planner.domain.curriculum import Curriculum
from planner.domain.model import Profile, StudyTask


class MissedPolicy(StrEnum):
    """How a re-plan orders and cuts the open work it packs again from today. Either way,
    work an exam still ahead needs comes before the rest (see ``planning_order.exam_rank``)."""

    SHIFT = "shift"
    """Move everything forward: the plan keeps its order and its session lengths; missed
    work comes first and the rest slides later. Reports the deadlines now at risk."""
    FIT = "fit"
    """Fit the work in before the exams: work by exam date, required topics before optional
    ones, and sessions as long as a study day's whole time (fewer, longer sittings)."""


DEFAULT_MISSED_POLICY = MissedPolicy.SHIFT
"""The policy a re-plan uses unless the learner chooses another."""


@dataclass(frozen=True)
class Deadline:
    certification_id: str
    exam_date: date
    topic_ids: tuple[str, ...]
    """Topics that prepare for the exam; their prerequisites are needed too."""


@dataclass(frozen=True)
class PlanInput:
    curriculum: Curriculum
    profile: Profile
    today: date
    deadlines: tuple[Deadline, ...] = ()
    past_exams: tuple[Deadline, ...] = ()
    """Exams whose date has passed with no result recorded yet: their unfinished preparation
    stays in the plan, after the work of every exam still ahead, until the learner says
    what happened."""
    tasks: tuple[StudyTask, ...] = ()
    """The tasks currently stored, with ids; empty for a new plan."""
    policy: MissedPolicy = MissedPolicy.SHIFT
    buffer_days: int = 3
    """Preparation must be done this many days before an exam."""
    horizon_days: int = 3660
    """Nothing is scheduled after ``today + horizon_days``; what does not fit is reported."""


@dataclass(frozen=True)
class DeadlineReport:
    certification_id: str
    exam_date: date
    due_date: date
    """``exam_date - buffer_days``: the day the preparation must be done by."""
    needed_minutes: int
    """Open work that must be done by ``due_date``."""
    available_minutes: int
    """Study minutes from today to ``due_date``, after pinned and finished tasks."""
    late_minutes: int
    """Minutes of the needed work the schedule places after ``due_date`` or cannot place."""
    late_task_titles: tuple[str, ...]
    earliest_feasible_exam_date: date | None
    """The earliest exam date this preparation could be ready for if it came before all other
    work; None if it cannot be done within the horizon."""
    extra_minutes_per_study_day: int
    """The fewest extra minutes on each study day up to ``due_date`` with which this plan
    would get the preparation done in time; 0 if feasible, or if no amount would do (the due
    date has passed, or a pinned task of it lies after the due date)."""
    droppable_optional_topic_ids: tuple[str, ...]
    """Optional topics this exam does not need that the plan studies before its preparation
    and before ``due_date``: dropping them frees time (empty if feasible)."""
    ready_date: date | None = None
    """The day of the last open task of this preparation; None if some could not be placed
    (or nothing is left to do)."""
    minutes_until_ready: int = 0
    """Open minutes of all work the plan puts up to ``ready_date``: what the learner must get
    through, at their own pace, to be ready (see :mod:`planner.domain.pace`)."""

    @property
    def feasible(self) -> bool:
        return self.late_minutes == 0

    @property
    def shortfall_hours(self) -> float:
        return self.late_minutes / 60


@dataclass(frozen=True)
class PlanReport:
    deadlines: tuple[DeadlineReport, ...]
    unplaceable_topic_ids: tuple[str, ...]
    """Selected topics with work that could not be placed within the horizon."""
    total_minutes: int
    """Minutes of all open tasks after the plan."""
    end_date: date | None
    """The date of the last open task."""

    @property
    def feasible(self) -> bool:
        return not self.unplaceable_topic_ids and all(d.feasible for d in self.deadlines)


@dataclass(frozen=True)
class PlanChanges:
    added: tuple[StudyTask, ...]
    """New tasks (id None), in the order they should be stored."""
    updated: tuple[StudyTask, ...]
    """Existing tasks whose fields changed. Done and skipped tasks appear only when their
    series was numbered again, and then differ only in ``title``, ``part`` and ``parts``."""
    removed_ids: tuple[int, ...]
    """Open tasks no longer wanted."""
    report: PlanReport
