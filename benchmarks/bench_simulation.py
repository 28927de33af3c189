"""A learner simulated against the planning engine: does re-planning get them to their exams?

For every level x specialization pair of the real curriculum, at 4, 8 and 15 hours a week and
for several seeds: one or two exams (certifications the curriculum still offers), each set at
1.3 times the time the first plan needs to prepare for it. Each day the learner does every
session of the day except a random 20% (left undone, so they become missed work); once in the
run they take a two-week break. After a day with missed work the learner re-plans (every
``--replan-every`` days at most) with the policy the window offers first, and checks the
plan's warnings weekly; in the two weeks before an exam they re-plan after every day with
missed work.

Figures (goals from issue 12): share of reachable deadlines met (reachable: the minutes the
learner actually studied before the exam cover what the exam needs; goal 100%, at least 95%),
share of all deadlines met, days over availability, tasks lost or duplicated, topics scheduled
before or without their prerequisites (all 0), warning lead time before a missed deadline
(median at least 28 days; 10th percentile too; counted from the warning still standing at
the exam), false alarms (met deadlines still warned about at the exam, or at some point), and
re-plan time (median and p95).

Run: .venv/bin/python benchmarks/bench_simulation.py [--seeds N] [--replan-every DAYS]
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planner.domain.curriculum import CertificationStatus, Curriculum, Level
from planner.domain.curriculum_file import load_curriculum
from planner.domain.model import Profile, StudyTask, TaskKind, TaskStatus, WeeklyAvailability
from planner.domain.planning import (
    Deadline,
    MissedPolicy,
    PlanChanges,
    PlanInput,
    PlanReport,
    build_plan,
)
from planner.paths import default_curriculum_path

Warn = Callable[[Sequence[StudyTask], PlanReport, Profile, date], set[str]]
try:  # the pace forecast (issue 12); absent from older engines
    from planner.domain.pace import learner_pace, pace_warnings

    def pace_warned(
        tasks: Sequence[StudyTask], report: PlanReport, profile: Profile, today: date
    ) -> set[str]:
        pace = learner_pace(tasks, profile, today, UTC)
        return {w.certification_id for w in pace_warnings(report, pace, today)}

except ImportError:  # pragma: no cover - the "before" run

    def pace_warned(
        tasks: Sequence[StudyTask], report: PlanReport, profile: Profile, today: date
    ) -> set[str]:
        return set()


TODAY = date(2027, 1, 4)
HOURS = (4, 8, 15)
MISS_SHARE = 0.2
BREAK_DAYS = 14
EXAM_FACTOR = 1.3
BUFFER_DAYS = 3
WEEKLY = 7
CLOSE_DAYS = 14
"""In the last two weeks before an exam the learner re-plans after every day with missed work."""


@dataclass
class Figures:
    deadlines: int = 0
    met: int = 0
    reachable: int = 0
    reachable_met: int = 0
    over_days: int = 0
    lost_or_duplicated: int = 0
    prerequisite_holes: set[tuple[str, str, str]] = field(default_factory=set)
    lead_days: list[int] = field(default_factory=list)
    warned_met: int = 0
    warned_ever_met: int = 0
    replan_ms: list[float] = field(default_factory=list)
    replans: int = 0


class Store:
    """The stored tasks, with ids as the database gives them."""

    def __init__(self) -> None:
        self.tasks: dict[int, StudyTask] = {}
        self.next_id = 1

    def listed(self) -> tuple[StudyTask, ...]:
        return tuple(sorted(self.tasks.values(), key=lambda t: (t.scheduled_date, t.id or 0)))

    def apply(self, changes: PlanChanges) -> None:
        for task_id in changes.removed_ids:
            del self.tasks[task_id]
        for task in changes.updated:
            assert task.id is not None
            self.tasks[task.id] = task
        for task in changes.added:
            self.tasks[self.next_id] = replace(task, id=self.next_id)
            self.next_id += 1


def needed_topics(curriculum: Curriculum, topic_ids: Iterable[str]) -> set[str]:
    found: set[str] = set()
    stack = [t for t in topic_ids if curriculum.has_topic(t)]
    while stack:
        topic_id = stack.pop()
        if topic_id not in found:
            found.add(topic_id)
            stack.extend(curriculum.topic(topic_id).prerequisites)
    return found


def in_scope(task: StudyTask, certification_id: str, topics: set[str]) -> bool:
    if task.kind is TaskKind.CERT_PREP:
        return task.certification_id == certification_id
    return task.topic_id in topics


def run_one(
    curriculum: Curriculum,
    level: Level,
    specialization: str,
    hours: int,
    seed: int,
    replan_every: int,
    figures: Figures,
) -> None:
    rng = random.Random(f"{level}-{specialization}-{hours}-{seed}")
    profile = Profile(
        level=level,
        specializations=(specialization,),
        availability=WeeklyAvailability.spread(hours),
        start_date=TODAY,
        timezone="UTC",
    )
    offered = [c for c in curriculum.certifications if c.status is not CertificationStatus.RETIRED]
    certifications = rng.sample(offered, k=rng.choice((1, 2)))
    far = TODAY + timedelta(days=3000)
    first = build_plan(
        PlanInput(
            curriculum,
            profile,
            TODAY,
            tuple(Deadline(c.id, far, c.topic_ids) for c in certifications),
        )
    )
    deadlines: list[Deadline] = []
    scopes: dict[str, set[str]] = {}
    for certification in certifications:
        topics = needed_topics(curriculum, certification.topic_ids)
        scopes[certification.id] = topics
        ready = max(
            (t.scheduled_date for t in first.added if in_scope(t, certification.id, topics)),
            default=TODAY,
        )
        days = math.ceil(((ready - TODAY).days + 1) * EXAM_FACTOR) + BUFFER_DAYS
        deadlines.append(
            Deadline(certification.id, TODAY + timedelta(days=days), certification.topic_ids)
        )
    last_exam = max(d.exam_date for d in deadlines)
    span = (last_exam - TODAY).days
    break_start = rng.randrange(max(1, span - BREAK_DAYS))

    store = Store()
    store.apply(first)
    check(curriculum, profile, store, TODAY, figures, level, specialization)
    needed = {c: sum(t.minutes for t in first.added if in_scope(t, c, scopes[c])) for c in scopes}
    checks: dict[str, list[tuple[date, bool]]] = {}
    last_replan = TODAY
    day = TODAY
    while day <= last_exam:
        upcoming = tuple(d for d in deadlines if d.exam_date >= day)
        for deadline in deadlines:
            if deadline.exam_date == day:
                score(
                    deadline,
                    store,
                    scopes,
                    needed,
                    checks.get(deadline.certification_id, []),
                    figures,
                )
        missed = any(t.status.is_open and t.scheduled_date < day for t in store.tasks.values())
        report: PlanReport | None = None
        exam_close = any((d.exam_date - day).days <= CLOSE_DAYS for d in upcoming)
        if missed and ((day - last_replan).days >= replan_every or exam_close):
            plan_input = PlanInput(
                curriculum, profile, day, upcoming, store.listed(), MissedPolicy.SHIFT
            )
            started = time.perf_counter()
            changes = build_plan(plan_input)
            figures.replan_ms.append((time.perf_counter() - started) * 1000)
            figures.replans += 1
            store.apply(changes)
            check(curriculum, profile, store, day, figures, level, specialization)
            report = changes.report
            last_replan = day
        elif (day - last_replan).days >= WEEKLY and (day - TODAY).days % WEEKLY == 0:
            report = build_plan(
                PlanInput(curriculum, profile, day, upcoming, store.listed(), MissedPolicy.SHIFT)
            ).report
        if report is not None:
            late = {d.certification_id for d in report.deadlines if not d.feasible}
            late |= pace_warned(store.listed(), report, profile, day)
            for deadline in upcoming:
                checks.setdefault(deadline.certification_id, []).append(
                    (day, deadline.certification_id in late)
                )
        if not break_start <= (day - TODAY).days < break_start + BREAK_DAYS:
            study(store, day, rng)
        day += timedelta(days=1)


def study(store: Store, day: date, rng: random.Random) -> None:
    done_at = datetime.combine(day, clock_time(20), tzinfo=UTC)
    for task in list(store.tasks.values()):
        if task.scheduled_date == day and task.status.is_open and rng.random() >= MISS_SHARE:
            assert task.id is not None
            store.tasks[task.id] = replace(task, status=TaskStatus.DONE, completed_at=done_at)


def score(
    deadline: Deadline,
    store: Store,
    scopes: dict[str, set[str]],
    needed: dict[str, int],
    checks: Sequence[tuple[date, bool]],
    figures: Figures,
) -> None:
    certification_id = deadline.certification_id
    topics = scopes[certification_id]
    mine = [t for t in store.tasks.values() if in_scope(t, certification_id, topics)]
    met = not any(t.status.is_open and t.scheduled_date < deadline.exam_date for t in mine) and (
        not any(t.status.is_open for t in mine)
    )
    studied = sum(
        t.minutes
        for t in store.tasks.values()
        if t.status is TaskStatus.DONE and t.scheduled_date < deadline.exam_date
    )
    reachable = studied >= needed[certification_id]
    figures.deadlines += 1
    figures.met += met
    figures.reachable += reachable
    figures.reachable_met += reachable and met
    # The warning that counts is the one still standing at the exam: from the first of the
    # checks that all warned up to the exam.
    standing: date | None = None
    for day, warned in checks:
        if not warned:
            standing = None
        elif standing is None:
            standing = day
    figures.warned_met += met and standing is not None
    figures.warned_ever_met += met and any(warned for _, warned in checks)
    if not met:
        figures.lead_days.append((deadline.exam_date - standing).days if standing else 0)


def check(
    curriculum: Curriculum,
    profile: Profile,
    store: Store,
    today: date,
    figures: Figures,
    level: Level,
    specialization: str,
) -> None:
    """The invariants after a plan: days within availability, every series' minutes
    accounted for once, prerequisites planned and first."""
    load: Counter[date] = Counter()
    for task in store.tasks.values():
        if task.scheduled_date >= today and task.status is not TaskStatus.SKIPPED:
            load[task.scheduled_date] += task.minutes
    figures.over_days += sum(1 for d, m in load.items() if m > profile.availability.on(d))
    series: dict[tuple[str | None, TaskKind, str | None], Counter[TaskStatus]] = {}
    for task in store.tasks.values():
        key = (task.topic_id, task.kind, task.certification_id)
        series.setdefault(key, Counter())[task.status] += task.minutes
    expected = expected_minutes(curriculum)
    for (topic_id, kind, _), minutes in series.items():
        if topic_id is None or kind is TaskKind.CERT_PREP:
            continue
        total = minutes[TaskStatus.DONE] + minutes[TaskStatus.PENDING]
        total += minutes[TaskStatus.IN_PROGRESS]
        if total + minutes[TaskStatus.SKIPPED] != expected[topic_id, kind]:
            figures.lost_or_duplicated += 1
    planned = {t.topic_id for t in store.tasks.values() if t.topic_id is not None}
    first_open: dict[str, date] = {}
    last_open: dict[str, date] = {}
    for task in store.listed():
        if task.topic_id is not None and task.status.is_open:
            first_open.setdefault(task.topic_id, task.scheduled_date)
            last_open[task.topic_id] = task.scheduled_date
    for topic_id, start in first_open.items():
        for prerequisite in curriculum.topic(topic_id).prerequisites:
            if prerequisite in profile.known_topic_ids:
                continue
            ends = last_open.get(prerequisite)
            if prerequisite not in planned or (ends is not None and ends > start):
                figures.prerequisite_holes.add(
                    (f"{level}/{specialization}", topic_id, prerequisite)
                )


_EXPECTED: dict[tuple[str, TaskKind], int] = {}


def expected_minutes(curriculum: Curriculum) -> dict[tuple[str, TaskKind], int]:
    """Minutes each topic's series asks for, read from a plan of every topic."""
    if not _EXPECTED:
        profile = Profile(
            level=Level.SENIOR,
            specializations=tuple(s.id for s in curriculum.specializations),
            availability=WeeklyAvailability.spread(40),
            start_date=TODAY,
            timezone="UTC",
        )
        for task in build_plan(PlanInput(curriculum, profile, TODAY)).added:
            if task.topic_id is not None:
                key = (task.topic_id, task.kind)
                _EXPECTED[key] = _EXPECTED.get(key, 0) + task.minutes
    return _EXPECTED


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else math.nan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=1)
    parser.add_argument("--replan-every", type=int, default=7)
    arguments = parser.parse_args()
    curriculum = load_curriculum(default_curriculum_path())
    expected_minutes(curriculum)
    figures = Figures()
    started = time.perf_counter()
    for level in Level:
        for specialization in curriculum.specializations:
            for hours in HOURS:
                for seed in range(arguments.seeds):
                    run_one(
                        curriculum,
                        level,
                        specialization.id,
                        hours,
                        seed,
                        arguments.replan_every,
                        figures,
                    )
    elapsed = time.perf_counter() - started
    pairs = len(Level) * len(curriculum.specializations)
    print(
        f"{pairs} pairs x {len(HOURS)} weekly hours x {arguments.seeds} seeds, re-plan at most "
        f"every {arguments.replan_every} days after missed work; {figures.replans} re-plans "
        f"in {elapsed:.0f} s"
    )
    rows = [
        (
            "reachable deadlines met (goal 100%, >= 95%)",
            f"{figures.reachable_met}/{figures.reachable} "
            f"({100 * figures.reachable_met / max(1, figures.reachable):.1f}%)",
        ),
        (
            "all deadlines met",
            f"{figures.met}/{figures.deadlines} "
            f"({100 * figures.met / max(1, figures.deadlines):.1f}%)",
        ),
        ("days over availability (goal 0)", str(figures.over_days)),
        ("series lost or duplicated (goal 0)", str(figures.lost_or_duplicated)),
        ("prerequisite holes (goal 0)", str(len(figures.prerequisite_holes))),
        (
            "warning lead before a miss, median / p10 (goal median >= 28 d)",
            f"{statistics.median(figures.lead_days) if figures.lead_days else math.nan:.0f} d / "
            f"{percentile(figures.lead_days, 0.1):.0f} d ({len(figures.lead_days)} misses)",
        ),
        (
            "met deadlines warned about up to the exam / at some point",
            f"{figures.warned_met} / {figures.warned_ever_met}",
        ),
        (
            "re-plan time, median / p95",
            f"{statistics.median(figures.replan_ms):.0f} ms / "
            f"{percentile(figures.replan_ms, 0.95):.0f} ms",
        ),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")
    for pair, topic_id, prerequisite in sorted(figures.prerequisite_holes)[:10]:
        print(f"    hole: {pair}: {topic_id} without {prerequisite} first")


if __name__ == "__main__":
    main()
