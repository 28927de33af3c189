"""Factories of small synthetic curricula, profiles and tasks for the planning tests."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from planner.domain.curriculum import (
    Activity,
    CareerLevel,
    Certification,
    CertificationStatus,
    Curriculum,
    Group,
    Level,
    Section,
    Specialization,
    Topic,
)
from planner.domain.model import Profile, StudyTask, WeeklyAvailability
from planner.domain.planning import PlanChanges, apply_changes

CORE, INTERVIEW, TRACK = "core", "interview", "track"
SPECIALIZATIONS = ("vision", "language")
MONDAY = date(2027, 1, 4)


def make_topic(
    topic_id: str,
    *,
    hours: float = 2,
    level: Level = Level.JUNIOR,
    activity: Activity = Activity.STUDY,
    prerequisites: Sequence[str] = (),
    group: str = CORE,
    specializations: Sequence[str] = (),
    optional: bool = False,
    title: str | None = None,
) -> Topic:
    return Topic(
        id=topic_id,
        title=title or topic_id.replace("-", " ").title(),
        group_id=group,
        description=f"About {topic_id}.",
        hours=hours,
        level=level,
        activity=activity,
        prerequisites=tuple(prerequisites),
        specializations=tuple(specializations),
        optional=optional,
    )


def make_certification(cert_id: str, topic_ids: Sequence[str], title: str = "") -> Certification:
    return Certification(
        id=cert_id,
        title=title or cert_id.upper(),
        provider="Provider",
        description=f"The {cert_id} exam.",
        status=CertificationStatus.ACTIVE,
        topic_ids=tuple(topic_ids),
        as_of=date(2026, 11, 1),
    )


def make_curriculum(
    topics: Iterable[Topic], certifications: Iterable[Certification] = ()
) -> Curriculum:
    topics = tuple(topics)
    return Curriculum(
        id="synthetic",
        title="Synthetic",
        version="1",
        overview="",
        groups=(
            Group(CORE, "Core", Section.CORE_SKILLS),
            Group(INTERVIEW, "Interview", Section.INTERVIEW),
            Group(TRACK, "Tracks", Section.SPECIALIZATION),
        ),
        topics=topics,
        levels=tuple(
            CareerLevel(id=level, title=level.value, summary="", focus_topic_ids=())
            for level in Level
        ),
        specializations=tuple(
            Specialization(
                id=s,
                title=s.title(),
                description="",
                topic_ids=tuple(t.id for t in topics if s in t.specializations),
            )
            for s in SPECIALIZATIONS
        ),
        resources=(),
        certifications=tuple(certifications),
    )


def make_profile(
    *,
    level: Level = Level.SENIOR,
    specializations: Sequence[str] = (),
    minutes: Sequence[int] = (60,) * 7,
    max_session: int = 90,
    include_interview_prep: bool = True,
    known: Iterable[str] = (),
) -> Profile:
    week = tuple(minutes)
    assert len(week) == 7
    return Profile(
        level=level,
        specializations=tuple(specializations),
        availability=WeeklyAvailability(
            (week[0], week[1], week[2], week[3], week[4], week[5], week[6])
        ),
        start_date=MONDAY,
        timezone="UTC",
        max_session_minutes=max_session,
        include_interview_prep=include_interview_prep,
        known_topic_ids=frozenset(known),
    )


def save(tasks: Sequence[StudyTask], changes: PlanChanges) -> tuple[StudyTask, ...]:
    """The tasks as the store holds them after saving ``changes``: new tasks get ids above the
    highest one used, in the order they were added."""
    next_id = max((t.id for t in tasks if t.id is not None), default=0) + 1
    added = tuple(replace(t, id=next_id + i) for i, t in enumerate(changes.added))
    return apply_changes(tasks, replace(changes, added=added))
