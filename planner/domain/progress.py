"""Progress figures computed from study tasks: shares done, hours per week, streaks."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from planner.domain.curriculum import Curriculum, Level, Topic
from planner.domain.model import StudyTask, TaskStatus
from planner.domain.progress_calendar import monday_of
from planner.domain.wording import percent_text


@dataclass(frozen=True, slots=True)
class Share:
    """Planned study minutes and how many of them are done. Skipped work counts as
    neither: the learner chose not to do it."""

    key: str
    title: str
    done_minutes: int
    planned_minutes: int

    @property
    def fraction(self) -> float:
        return self.done_minutes / self.planned_minutes if self.planned_minutes else 0.0

    @property
    def percent(self) -> int:
        """Whole percent done, never rounded up (the JSON figure)."""
        return self.done_minutes * 100 // self.planned_minutes if self.planned_minutes else 0

    @property
    def percent_text(self) -> str:
        """The share done as every view and the command line show it: 0.3%, 12%."""
        return percent_text(self.done_minutes, self.planned_minutes)


@dataclass(frozen=True, slots=True)
class Streaks:
    current: int
    longest: int


def _share(key: str, title: str, tasks: Iterable[StudyTask]) -> Share:
    done = planned = 0
    for task in tasks:
        if task.status is TaskStatus.SKIPPED:
            continue
        planned += task.minutes
        if task.status is TaskStatus.DONE:
            done += task.minutes
    return Share(key, title, done, planned)


def overall_share(tasks: Sequence[StudyTask]) -> Share:
    return _share("overall", "Overall", tasks)


def _shares_by(
    tasks: Sequence[StudyTask],
    key_of: Callable[[StudyTask], str | None],
    ordered_keys: Sequence[tuple[str, str]],
) -> list[Share]:
    grouped: dict[str, list[StudyTask]] = defaultdict(list)
    for task in tasks:
        key = key_of(task)
        if key is not None:
            grouped[key].append(task)
    return [_share(key, title, grouped[key]) for key, title in ordered_keys if grouped[key]]


def _by_topic(
    curriculum: Curriculum, field: Callable[[Topic], str]
) -> Callable[[StudyTask], str | None]:
    """A task's key: ``field`` of its topic; None for tasks of no topic the curriculum has."""

    def key_of(task: StudyTask) -> str | None:
        if task.topic_id is None or not curriculum.has_topic(task.topic_id):
            return None
        return field(curriculum.topic(task.topic_id))

    return key_of


def shares_by_group(tasks: Sequence[StudyTask], curriculum: Curriculum) -> list[Share]:
    """One share per curriculum group that has planned tasks, in the curriculum's order."""
    group_of = _by_topic(curriculum, lambda topic: topic.group_id)
    return _shares_by(tasks, group_of, [(g.id, g.title) for g in curriculum.groups])


def shares_by_level(tasks: Sequence[StudyTask], curriculum: Curriculum) -> list[Share]:
    level_of = _by_topic(curriculum, lambda topic: topic.level.value)
    titles = {career.id: career.title for career in curriculum.levels}
    return _shares_by(tasks, level_of, [(level.value, titles[level]) for level in Level])


def studied_on(task: StudyTask, timezone: tzinfo) -> date:
    """The learner's day a done task was ticked off (its planned day if that is unknown)."""
    if task.completed_at is None:
        return task.scheduled_date
    return task.completed_at.astimezone(timezone).date()


def study_minutes_by_day(tasks: Iterable[StudyTask], timezone: tzinfo) -> dict[date, int]:
    """Minutes studied per calendar day: the logged time of done tasks (their planned
    minutes when none was logged), on the learner's day they were ticked off (tasks done
    ahead of schedule count when they were done, not when they were planned)."""
    minutes: Counter[date] = Counter()
    for task in tasks:
        if task.status is TaskStatus.DONE:
            minutes[studied_on(task, timezone)] += task.minutes_studied
    return dict(minutes)


def hours_by_week(
    by_day: Mapping[date, int], *, first: date, last: date
) -> list[tuple[date, float]]:
    """Hours studied in each week (keyed by its Monday) from ``first``'s week to ``last``'s,
    from minutes studied per day."""
    monday = monday_of(first)
    weeks: list[tuple[date, float]] = []
    while monday <= last:
        week_minutes = sum(by_day.get(monday + timedelta(days=i), 0) for i in range(7))
        weeks.append((monday, week_minutes / 60))
        monday += timedelta(days=7)
    return weeks


def streaks(study_days: Iterable[date], *, today: date) -> Streaks:
    """Consecutive study days up to ``today``. The current streak still counts if today has
    no study yet but yesterday had."""
    days = sorted(day for day in set(study_days) if day <= today)
    longest = run = 0
    previous: date | None = None
    for day in days:
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    current = 0
    if previous is not None and today - previous <= timedelta(days=1):
        current = run
    return Streaks(current=current, longest=longest)
