"""The planning engine: from a curriculum, a profile and the stored tasks to task changes.

A plan is built in steps, each in its own module:

- ``planning_selection``: the topics the plan covers and the exams they prepare for;
- ``planning_work``: the minutes each topic and exam asks for, as series of one kind of task;
- ``planning_existing``: what the stored tasks already cover, and which of them stay put;
- ``planning_order``: the order work is studied in (prerequisites first, then priority);
- ``planning_calendar`` and ``planning_schedule``: packing sessions into each day's room;
- ``planning_tasks``: turning the packed sessions into added, updated and removed tasks;
- ``planning_feasibility``: whether each exam's preparation fits, and what would fix it.

Everything is a pure function of its input: ``today`` is given, never read from a clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date

from planner.domain.curriculum import Curriculum, Topic
from planner.domain.model import Profile, StudyTask
from planner.domain.planning_calendar import Capacity
from planner.domain.planning_existing import Existing, by_date, sort_existing, stored_id
from planner.domain.planning_feasibility import Outcome, deadline_report
from planner.domain.planning_order import Priority, date_rank, exam_rank
from planner.domain.planning_schedule import (
    NEVER,
    SessionRules,
    place_floating,
    schedule,
    session_rules,
)
from planner.domain.planning_selection import Selection, select
from planner.domain.planning_tasks import assemble
from planner.domain.planning_types import (
    Deadline,
    DeadlineReport,
    MissedPolicy,
    PlanChanges,
    PlanInput,
    PlanReport,
)
from planner.domain.planning_work import Part, Work, WorkKey, in_plan_order, key_of, plan_work

__all__ = [
    "Deadline",
    "DeadlineReport",
    "MissedPolicy",
    "PlanChanges",
    "PlanInput",
    "PlanReport",
    "apply_changes",
    "build_plan",
    "exam_needs",
    "select_topics",
]

_Load = tuple[int, WorkKey | None, int]


def select_topics(
    curriculum: Curriculum, profile: Profile, deadlines: Sequence[Deadline] = ()
) -> tuple[Topic, ...]:
    """The topics a plan for ``profile`` covers, in the order a new plan studies them."""
    works = plan_work(curriculum, select(curriculum, profile, deadlines), deadlines)
    ordered = in_plan_order(works, {w.id: w.base_priority for w in works})
    return tuple(curriculum.topic(w.topic_id) for w in ordered if w.topic_id is not None)


def exam_needs(
    curriculum: Curriculum, profile: Profile, deadlines: Sequence[Deadline]
) -> Mapping[str, tuple[str, ...]]:
    """Certification id to the topics its exam needs: the ones it lists and all they require,
    known topics left out."""
    return select(curriculum, profile, deadlines).needed


def build_plan(plan_input: PlanInput) -> PlanChanges:
    """Plan all open work from ``plan_input.today`` on, keeping history and pinned tasks."""
    _check(plan_input)
    p = plan_input
    selection = select(p.curriculum, p.profile, p.deadlines, p.past_exams)
    works = plan_work(p.curriculum, selection, p.deadlines, p.past_exams)
    parts = {part.key: part for w in works for part in w.parts}
    existing = sort_existing(p.tasks, parts.keys(), p.today)
    rules = _session_rules(p.profile, p.policy)
    capacity, floating_days, held_load = _capacity(p, existing, rules)
    held_until = _held_until(works, held_load, existing, floating_days)
    to_place = _to_place(parts.values(), existing)
    order = in_plan_order(works, _priorities(works, existing, p.policy))
    packed = schedule(order, to_place, held_until, capacity.calendar(), rules)
    assembly = assemble(packed.chunks, existing, floating_days, parts, capacity)
    outcome = Outcome(
        order, to_place, held_until, packed, assembly.open_tasks, held_load, capacity, rules
    )
    report = _report(p, selection, outcome)
    return PlanChanges(assembly.added, assembly.updated, assembly.removed_ids, report)


def apply_changes(tasks: Sequence[StudyTask], changes: PlanChanges) -> tuple[StudyTask, ...]:
    """The tasks after ``changes``, in the order the store lists them: by date, then by id,
    new tasks after stored ones in the order they were added."""
    updated = {stored_id(t): t for t in changes.updated}
    unknown = updated.keys() - {t.id for t in tasks}
    if unknown:
        raise ValueError(f"updated tasks not among the tasks: {sorted(unknown)}")
    removed = set(changes.removed_ids)
    kept = [t if t.id is None else updated.get(t.id, t) for t in tasks if t.id not in removed]
    listed = sorted(enumerate([*kept, *changes.added]), key=_store_order)
    return tuple(task for _, task in listed)


def _store_order(item: tuple[int, StudyTask]) -> tuple[date, bool, int]:
    index, task = item
    return task.scheduled_date, task.id is None, index if task.id is None else task.id


def _check(p: PlanInput) -> None:
    if p.profile.max_session_minutes < 1:
        raise ValueError("the longest session must be at least one minute")
    if p.buffer_days < 0 or p.horizon_days < 0:
        raise ValueError("buffer_days and horizon_days must not be negative")


def _session_rules(profile: Profile, policy: MissedPolicy) -> SessionRules:
    longest = profile.max_session_minutes
    if policy is MissedPolicy.FIT:
        # Fitting work in before the exams: one sitting may take a study day's whole time.
        longest = max(longest, *profile.availability.minutes)
    return session_rules(longest, profile.availability.minutes)


def _capacity(
    p: PlanInput, existing: Existing, rules: SessionRules
) -> tuple[Capacity, dict[int, int | None], list[_Load]]:
    """The days' room once the tasks that stay are in, and overdue custom and in-progress
    tasks moved to the first day with room for them."""
    staying = [(t, None) for t in existing.finished_from_today] + [
        (t, key_of(t)) for t in existing.held
    ]
    base = Capacity(p.today, p.horizon_days, p.profile.availability, {}, rules.min_minutes)
    load: list[_Load] = [
        (base.day_of(t.scheduled_date), key, t.minutes)
        for t, key in staying
        if t.scheduled_date >= p.today
    ]
    floating_days = place_floating(existing.floating, replace(base, taken=_by_day(load)).calendar())
    for task in existing.floating:
        day = floating_days[stored_id(task)]
        if day is not None:
            load.append((day, key_of(task), task.minutes))
    return replace(base, taken=_by_day(load)), floating_days, load


def _by_day(load: Iterable[_Load]) -> dict[int, int]:
    minutes: dict[int, int] = {}
    for day, _, taken in load:
        minutes[day] = minutes.get(day, 0) + taken
    return minutes


def _held_until(
    works: Sequence[Work],
    load: Sequence[_Load],
    existing: Existing,
    floating_days: Mapping[int, int | None],
) -> dict[str, int]:
    """The day of each work's last open task that stays put; NEVER when one found no room."""
    last: dict[WorkKey, int] = {}
    for day, key, _ in load:
        if key is not None:
            last[key] = max(last.get(key, 0), day)
    for task in existing.floating:
        key = key_of(task)
        if key is not None and floating_days[stored_id(task)] is None:
            last[key] = NEVER
    return {w.id: max(last.get(part.key, 0) for part in w.parts) for w in works}


def _to_place(parts: Iterable[Part], existing: Existing) -> dict[WorkKey, int]:
    """Minutes of each series still to schedule: what is required, less what is done and what
    open tasks that keep their size already hold."""
    kept = existing.kept_minutes()
    return {
        p.key: max(0, p.minutes - existing.completed.get(p.key, 0) - kept[p.key]) for p in parts
    }


def _priorities(
    works: Sequence[Work], existing: Existing, policy: MissedPolicy
) -> dict[str, Priority]:
    if policy is MissedPolicy.FIT:
        return {w.id: w.fit_priority for w in works}

    # SHIFT keeps the plan's current order, which the store lists by date and id: work by its
    # first pending task, after all work an exam still ahead needs. Work new to the plan comes
    # as soon as it is ready if an exam needs it, else after the rest. Preparation for past
    # exams awaiting their result comes after everything else.
    def anchor(work: Work) -> tuple[int, int]:
        firsts = [by_date(existing.pool[p.key][0]) for p in work.parts if p.key in existing.pool]
        if firsts:
            first_date, first_id = min(firsts)
            return date_rank(first_date), first_id
        return date_rank(date.min if work.exam_date else None), 0

    return {
        w.id: (exam_rank(w.exam_date), int(w.after_exams), *anchor(w), *w.base_priority)
        for w in works
    }


def _report(p: PlanInput, selection: Selection, outcome: Outcome) -> PlanReport:
    return PlanReport(
        deadlines=tuple(
            deadline_report(d, selection.needed[d.certification_id], p.buffer_days, outcome)
            for d in p.deadlines
        ),
        unplaceable_topic_ids=_unplaceable(outcome),
        total_minutes=sum(t.minutes for t in outcome.open_tasks),
        end_date=max((t.scheduled_date for t in outcome.open_tasks), default=None),
    )


def _unplaceable(outcome: Outcome) -> tuple[str, ...]:
    unplaced = outcome.schedule.unplaced
    return tuple(
        w.topic_id
        for w in outcome.order
        if w.topic_id is not None
        and (outcome.held_until[w.id] >= NEVER or any(p.key in unplaced for p in w.parts))
    )
