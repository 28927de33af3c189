"""Which topics a plan covers, and which exams each of them prepares for."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from planner.domain.curriculum import Curriculum, Section, Topic
from planner.domain.model import Profile
from planner.domain.planning_types import Deadline


@dataclass(frozen=True)
class Selection:
    topics: tuple[Topic, ...]
    """In curriculum order."""
    needed: Mapping[str, tuple[str, ...]]
    """Certification id to the topics its exam needs: listed ones and their prerequisites."""
    first_exam: Mapping[str, date]
    """Topic id to the earliest exam that needs it."""
    after_exams: frozenset[str] = frozenset()
    """Topics in the plan only for exams whose date has passed without a result: they come
    after the work of every exam still ahead."""


def select(
    curriculum: Curriculum,
    profile: Profile,
    deadlines: Sequence[Deadline],
    past_exams: Sequence[Deadline] = (),
) -> Selection:
    # Several deadlines for one certification share its preparation.
    listed: dict[str, list[str]] = {}
    for deadline in (*deadlines, *past_exams):
        listed.setdefault(deadline.certification_id, []).extend(deadline.topic_ids)
    needed = {
        certification_id: _with_prerequisites(curriculum, topic_ids, profile.known_topic_ids)
        for certification_id, topic_ids in listed.items()
    }
    # A topic is studied with all it requires: unselected prerequisites are pulled in.
    chosen = set(
        _with_prerequisites(
            curriculum, _level_topic_ids(curriculum, profile), profile.known_topic_ids
        )
    )
    for deadline in deadlines:
        chosen.update(needed[deadline.certification_id])
    after_exams: set[str] = set()
    for past in past_exams:
        after_exams.update(needed[past.certification_id])
    after_exams -= chosen
    chosen |= after_exams
    first_exam: dict[str, date] = {}
    for deadline in sorted(deadlines, key=lambda d: d.exam_date):
        for topic_id in needed[deadline.certification_id]:
            first_exam.setdefault(topic_id, deadline.exam_date)
    return Selection(
        topics=tuple(t for t in curriculum.topics if t.id in chosen),
        needed=needed,
        first_exam=first_exam,
        after_exams=frozenset(after_exams),
    )


def preparation_topic_ids(
    curriculum: Curriculum, topic_ids: Sequence[str], known: Collection[str]
) -> tuple[str, ...]:
    """The topics an exam on ``topic_ids`` needs: those and their prerequisites, less what
    the learner already knows."""
    return _with_prerequisites(curriculum, topic_ids, known)


def _level_topic_ids(curriculum: Curriculum, profile: Profile) -> list[str]:
    return [
        t.id
        for t in curriculum.topics_for(profile.level, profile.specializations)
        if t.id not in profile.known_topic_ids
        and (
            profile.include_interview_prep
            or curriculum.group(t.group_id).section is not Section.INTERVIEW
        )
    ]


def _with_prerequisites(
    curriculum: Curriculum, topic_ids: Sequence[str], known: Collection[str]
) -> tuple[str, ...]:
    """``topic_ids`` and everything they transitively require, in curriculum order. A known
    topic is satisfied, so neither it nor what it requires is needed; ids the curriculum does
    not have are ignored."""
    found: set[str] = set()
    stack = [t for t in topic_ids if curriculum.has_topic(t)]
    while stack:
        topic_id = stack.pop()
        if topic_id in found or topic_id in known:
            continue
        found.add(topic_id)
        stack.extend(curriculum.topic(topic_id).prerequisites)
    return tuple(t.id for t in curriculum.topics if t.id in found)
