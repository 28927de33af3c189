"""The work a plan asks for: per topic and per exam, minutes of each kind of task."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from planner.domain.curriculum import Activity, Curriculum, Level, Topic
from planner.domain.model import StudyTask, TaskKind
from planner.domain.planning_order import Priority, date_rank, plan_order
from planner.domain.planning_selection import Selection
from planner.domain.planning_types import Deadline

# Share of a topic's time spent learning; the rest goes to the activity's own kind of task.
_SPLITS: dict[Activity, tuple[float, TaskKind]] = {
    Activity.STUDY: (0.6, TaskKind.PRACTICE),
    Activity.PRACTICE: (0.3, TaskKind.PRACTICE),
    Activity.PROJECT: (0.2, TaskKind.PROJECT),
    Activity.INTERVIEW: (0.4, TaskKind.MOCK_INTERVIEW),
}
_KIND_LABELS = {TaskKind.MOCK_INTERVIEW: "mock interview"}
CERT_PREP_SHARE = 0.10
CERT_PREP_MIN_MINUTES = 120
# Exam preparation sorts after every topic with the same due date.
_EXAM_LEVEL_RANK = len(Level)


class WorkKey(NamedTuple):
    """A series of tasks: one kind of work on one topic, or one exam's preparation."""

    topic_id: str | None
    kind: TaskKind
    certification_id: str | None = None


def key_of(task: StudyTask) -> WorkKey | None:
    """The series a task belongs to; None for the learner's own custom tasks."""
    if task.kind is TaskKind.CUSTOM:
        return None
    if task.kind is TaskKind.CERT_PREP:
        return WorkKey(None, TaskKind.CERT_PREP, task.certification_id)
    return WorkKey(task.topic_id, task.kind)


@dataclass(frozen=True, slots=True)
class Part:
    key: WorkKey
    minutes: int
    """Required in all, before anything is done."""
    title: str
    """The series title; tasks add their part number."""


@dataclass(frozen=True, slots=True)
class Work:
    """A unit of the plan's order: a topic, or the practice exams of one certification."""

    id: str
    parts: tuple[Part, ...]
    """In study order: learning first."""
    prerequisites: tuple[str, ...]
    exam_date: date | None
    """The earliest exam this work prepares for."""
    level_rank: int
    optional: bool
    position: int
    """Curriculum order; exam preparation after every topic."""
    topic_id: str | None
    after_exams: bool = False
    """Preparation for an exam whose date has passed without a result: it comes after all
    other work."""

    @property
    def base_priority(self) -> Priority:
        """Earliest exam first, then lower level, then curriculum order; preparation for
        past exams last."""
        return int(self.after_exams), date_rank(self.exam_date), self.level_rank, self.position

    @property
    def fit_priority(self) -> Priority:
        """Like the base priority, but optional topics after required ones."""
        return (
            int(self.after_exams),
            date_rank(self.exam_date),
            int(self.optional),
            self.level_rank,
            self.position,
        )


def topic_minutes(topic: Topic) -> int:
    return round(topic.hours * 60)


def plan_work(
    curriculum: Curriculum,
    selection: Selection,
    deadlines: Sequence[Deadline],
    past_exams: Sequence[Deadline] = (),
) -> tuple[Work, ...]:
    selected = {t.id for t in selection.topics}
    works = [
        _topic_work(topic, position, selected, selection)
        for position, topic in enumerate(selection.topics)
    ]
    cert_titles = {c.id: c.title for c in curriculum.certifications}
    minutes = {t.id: topic_minutes(t) for t in selection.topics}
    exams: dict[str, date | None] = dict(_earliest_exams(deadlines))
    for past in past_exams:
        exams.setdefault(past.certification_id, None)
    for position, (certification_id, exam_date) in enumerate(exams.items(), start=len(works)):
        needed = selection.needed[certification_id]
        works.append(
            _exam_work(
                certification_id,
                exam_date,
                cert_titles.get(certification_id, certification_id),
                needed,
                sum(minutes[t] for t in needed),
                position,
            )
        )
    return tuple(works)


def in_plan_order(works: Sequence[Work], priorities: Mapping[str, Priority]) -> list[Work]:
    """``works`` after the works they require, the ready one of lowest priority first."""
    by_id = {w.id: w for w in works}
    return [by_id[i] for i in plan_order({w.id: w.prerequisites for w in works}, priorities)]


def exam_work_id(certification_id: str) -> str:
    # Topic ids never contain a colon, so this cannot clash with one.
    return f"exam:{certification_id}"


def _topic_work(topic: Topic, position: int, selected: set[str], selection: Selection) -> Work:
    total = topic_minutes(topic)
    learn_share, other_kind = _SPLITS[topic.activity]
    learn = round(total * learn_share)
    return Work(
        id=topic.id,
        parts=(
            _topic_part(topic, TaskKind.LEARN, learn),
            _topic_part(topic, other_kind, total - learn),
        ),
        prerequisites=tuple(p for p in topic.prerequisites if p in selected),
        exam_date=selection.first_exam.get(topic.id),
        level_rank=topic.level.rank,
        optional=topic.optional,
        position=position,
        topic_id=topic.id,
        after_exams=topic.id in selection.after_exams,
    )


def _topic_part(topic: Topic, kind: TaskKind, minutes: int) -> Part:
    label = _KIND_LABELS.get(kind, kind.value)
    return Part(WorkKey(topic.id, kind), minutes, f"{topic.title} — {label}")


def _earliest_exams(deadlines: Sequence[Deadline]) -> dict[str, date]:
    """Each certification's earliest exam: one preparation serves all its deadlines."""
    earliest: dict[str, date] = {}
    for deadline in deadlines:
        known = earliest.get(deadline.certification_id, deadline.exam_date)
        earliest[deadline.certification_id] = min(known, deadline.exam_date)
    return earliest


def _exam_work(
    certification_id: str,
    exam_date: date | None,
    title: str,
    needed: tuple[str, ...],
    studied: int,
    position: int,
) -> Work:
    """Practice exams: a share of the ``studied`` minutes of the topics the exam needs. An
    exam without a date is one whose date passed without a result: it comes last."""
    minutes = max(CERT_PREP_MIN_MINUTES, round(studied * CERT_PREP_SHARE))
    key = WorkKey(None, TaskKind.CERT_PREP, certification_id)
    return Work(
        id=exam_work_id(certification_id),
        parts=(Part(key, minutes, f"{title}: practice exam and review"),),
        prerequisites=needed,
        exam_date=exam_date,
        level_rank=_EXAM_LEVEL_RANK,
        optional=False,
        position=position,
        topic_id=None,
        after_exams=exam_date is None,
    )
