"""Plan generation time: the real curriculum at each level, and synthetic plans of 1k, 10k and
100k tasks over about three years with exam deadlines.

Goals: under 20 ms per level for the real curriculum; under 200 ms for 10k tasks; growth close
to n log n (the last column divides the time per n log n by the 1k figure).

Run: .venv/bin/python benchmarks/bench_planning.py
"""

from __future__ import annotations

import math
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planner.domain.curriculum import (
    Activity,
    CareerLevel,
    Curriculum,
    Group,
    Level,
    Section,
    Topic,
)
from planner.domain.curriculum_file import load_curriculum
from planner.domain.model import Profile, TaskStatus, WeeklyAvailability
from planner.domain.planning import Deadline, MissedPolicy, PlanInput, build_plan
from planner.paths import default_curriculum_path

TODAY = date(2027, 1, 4)
DAYS = 3 * 365
TASKS_PER_TOPIC = 10
EXAM_DAYS = (182, 364, 546, 728, 910)
# An exam too soon for what it needs: its report searches for the fixes.
TIGHT_EXAM_DAYS = (30, *EXAM_DAYS[1:])
WARMUP = 2


def median_ms(run: Callable[[], object], repeats: int) -> float:
    for _ in range(WARMUP):
        run()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def profile(
    level: Level, specializations: tuple[str, ...], week: WeeklyAvailability, session: int
) -> Profile:
    return Profile(
        level=level,
        specializations=specializations,
        availability=week,
        start_date=TODAY,
        timezone="UTC",
        max_session_minutes=session,
    )


def bench_real_curriculum() -> None:
    path = default_curriculum_path()
    if not path.exists():
        print(f"real curriculum: {path} not found, skipped")
        return
    curriculum = load_curriculum(path)
    specializations = tuple(s.id for s in curriculum.specializations)
    print("real curriculum, all specializations, 10 h a week (goal < 20 ms each)")
    for level in Level:
        learner = profile(level, specializations, WeeklyAvailability.spread(10), 90)
        plan_input = PlanInput(curriculum, learner, TODAY)
        tasks = len(build_plan(plan_input).added)
        ms = median_ms(partial(build_plan, plan_input), repeats=15)
        print(f"  {level.value:<7} {tasks:>6} tasks {ms:8.1f} ms")


def synthetic(tasks: int, exam_days: tuple[int, ...] = EXAM_DAYS, seed: int = 7) -> PlanInput:
    """About ``tasks`` sessions over three years: topics of ten sessions each, every topic
    requiring up to two earlier ones, and exams ``exam_days`` from today."""
    session = 60 if tasks <= 1_000 else 30 if tasks <= 10_000 else 15
    per_day = max(session, round(tasks * session / DAYS / session) * session)
    rng = random.Random(seed)
    count = max(1, tasks // TASKS_PER_TOPIC)
    hours = TASKS_PER_TOPIC * session / 60
    topics = tuple(
        Topic(
            id=f"topic-{i}",
            title=f"Topic {i}",
            group_id="core",
            description="",
            hours=hours,
            level=rng.choice(list(Level)),
            activity=rng.choice(list(Activity)),
            prerequisites=tuple(
                f"topic-{j}" for j in sorted(set(rng.sample(range(i), k=min(i, 2))))
            ),
        )
        for i in range(count)
    )
    curriculum = Curriculum(
        id="synthetic",
        title="Synthetic",
        version="1",
        overview="",
        groups=(Group("core", "Core", Section.CORE_SKILLS),),
        topics=topics,
        levels=tuple(CareerLevel(level, level.value, "", ()) for level in Level),
        specializations=(),
        resources=(),
        certifications=(),
    )
    deadlines = tuple(
        Deadline(
            f"cert-{k}",
            TODAY + timedelta(days=days),
            tuple(f"topic-{rng.randrange(count)}" for _ in range(3)),
        )
        for k, days in enumerate(exam_days)
    )
    return PlanInput(
        curriculum,
        profile(Level.SENIOR, (), WeeklyAvailability((per_day,) * 7), session),
        TODAY,
        deadlines=deadlines,
        policy=MissedPolicy.FIT,
    )


def bench_synthetic() -> None:
    print("synthetic plans over ~3 years with 5 exams (goal 10k < 200 ms)")
    print(f"  {'case':<34} {'tasks':>7} {'days':>5} {'late exams':>10} {'ms':>8}  n log n ratio")
    baseline = None
    for size, repeats in ((1_000, 15), (10_000, 7), (100_000, 3)):
        n, ms = _timed(f"{size // 1000}k, new plan (FIT)", synthetic(size), repeats)
        per = ms / (n * math.log2(n))
        baseline = baseline or per
        print(f"  {per / baseline:.2f}")
    _timed("10k, an exam too soon", synthetic(10_000, TIGHT_EXAM_DAYS), 7)
    print()
    _timed("10k, re-plan (SHIFT), 15 days missed", _missed(synthetic(10_000), 15), 7)
    print()


def _timed(case: str, plan_input: PlanInput, repeats: int) -> tuple[int, float]:
    """Print the plan's size, span, late exams and median time; return tasks and ms."""
    changes = build_plan(plan_input)
    n = len(changes.added) + len(changes.updated)
    assert changes.report.end_date is not None
    days = (changes.report.end_date - plan_input.today).days
    late = sum(not d.feasible for d in changes.report.deadlines)
    ms = median_ms(partial(build_plan, plan_input), repeats)
    print(f"  {case:<34} {n:>7} {days:>5} {late:>10} {ms:8.1f}", end="")
    return n, ms


def _missed(plan_input: PlanInput, days: int) -> PlanInput:
    """The saved plan ``2 * days`` later: the first ``days`` done, the next ``days`` missed."""
    done_before = plan_input.today + timedelta(days=days)
    tasks = tuple(
        replace(
            t,
            id=i + 1,
            status=TaskStatus.DONE if t.scheduled_date < done_before else t.status,
        )
        for i, t in enumerate(build_plan(plan_input).added)
    )
    later = plan_input.today + timedelta(days=2 * days)
    return replace(plan_input, today=later, tasks=tasks, policy=MissedPolicy.SHIFT)


def main() -> None:
    bench_real_curriculum()
    bench_synthetic()


if __name__ == "__main__":
    main()
