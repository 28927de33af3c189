"""The curriculum as immutable domain objects.

Everything here is plain Python: the loader (``curriculum_file``) builds these objects
from a validated file, and the planner, services and views only read them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum


class Level(StrEnum):
    """Career levels, in the order a learner climbs them."""

    JUNIOR = "junior"
    MID = "mid"
    SENIOR = "senior"

    @property
    def rank(self) -> int:
        return list(Level).index(self)

    def includes(self, other: Level) -> bool:
        """A plan at this level covers topics introduced at ``other``."""
        return other.rank <= self.rank


class Section(StrEnum):
    """The roadmap's top-level sections that hold plannable topics."""

    CORE_SKILLS = "core-skills"
    CAREER_PATH = "career-path"
    INTERVIEW = "interview"
    TOOLS = "tools"
    BEST_PRACTICES = "best-practices"
    CHALLENGES = "challenges"
    SPECIALIZATION = "specialization"


class Activity(StrEnum):
    """How a topic is mainly studied; the planner turns it into task kinds."""

    STUDY = "study"
    PRACTICE = "practice"
    PROJECT = "project"
    INTERVIEW = "interview"


class ResourceKind(StrEnum):
    DOCUMENTATION = "documentation"
    COURSE = "course"
    PRACTICE = "practice"
    BOOK = "book"
    ARTICLE = "article"
    VIDEO = "video"
    TOOL = "tool"


class Confidence(StrEnum):
    CONFIRMED = "confirmed"
    LIKELY = "likely"
    UNCONFIRMED = "unconfirmed"


class CertificationStatus(StrEnum):
    ACTIVE = "active"
    RETIRED = "retired"
    UNCERTAIN = "uncertain"


class CertificationKind(StrEnum):
    """How a certification is earned: a proctored exam on a date, or a course completed by a
    target date (a certificate of completion)."""

    EXAM = "exam"
    COURSE = "course"


@dataclass(frozen=True, slots=True)
class Resource:
    id: str
    title: str
    kind: ResourceKind
    url: str | None = None
    provider: str | None = None
    free: bool | None = None
    description: str = ""


@dataclass(frozen=True, slots=True)
class Group:
    """A titled group of topics, as the roadmap groups them."""

    id: str
    title: str
    section: Section


@dataclass(frozen=True, slots=True)
class Topic:
    """A plannable item: studied, practised or rehearsed for a number of hours."""

    id: str
    title: str
    group_id: str
    description: str
    hours: float
    level: Level
    activity: Activity
    prerequisites: tuple[str, ...] = ()
    specializations: tuple[str, ...] = ()
    resource_ids: tuple[str, ...] = ()
    optional: bool = False

    @property
    def levels(self) -> tuple[Level, ...]:
        """The career levels whose plans include this topic."""
        return tuple(level for level in Level if level.includes(self.level))

    @property
    def is_general(self) -> bool:
        """General topics belong to every specialization's plan."""
        return not self.specializations


@dataclass(frozen=True, slots=True)
class CareerLevel:
    id: Level
    title: str
    summary: str
    focus_topic_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Specialization:
    id: str
    title: str
    description: str
    topic_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CertificationFact:
    text: str
    confidence: Confidence
    source: str = ""


@dataclass(frozen=True, slots=True)
class Certification:
    id: str
    title: str
    provider: str
    description: str
    status: CertificationStatus
    topic_ids: tuple[str, ...]
    as_of: date
    url: str | None = None
    validity_months: int | None = None
    renewal_window_months: int | None = None
    successor: str | None = None
    facts: tuple[CertificationFact, ...] = ()
    kind: CertificationKind = CertificationKind.EXAM
    custom: bool = False
    """Added by the learner, not part of the curriculum file."""

    @property
    def is_course(self) -> bool:
        return self.kind is CertificationKind.COURSE


@dataclass(frozen=True)
class Curriculum:
    """A whole curriculum, with lookups by id."""

    id: str
    title: str
    version: str
    overview: str
    groups: tuple[Group, ...]
    topics: tuple[Topic, ...]
    levels: tuple[CareerLevel, ...]
    specializations: tuple[Specialization, ...]
    resources: tuple[Resource, ...]
    certifications: tuple[Certification, ...]
    _topics_by_id: Mapping[str, Topic] = field(init=False, repr=False, compare=False)
    _resources_by_id: Mapping[str, Resource] = field(init=False, repr=False, compare=False)
    _groups_by_id: Mapping[str, Group] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_topics_by_id", {t.id: t for t in self.topics})
        object.__setattr__(self, "_resources_by_id", {r.id: r for r in self.resources})
        object.__setattr__(self, "_groups_by_id", {g.id: g for g in self.groups})

    def topic(self, topic_id: str) -> Topic:
        return self._topics_by_id[topic_id]

    def has_topic(self, topic_id: str) -> bool:
        return topic_id in self._topics_by_id

    def resource(self, resource_id: str) -> Resource:
        return self._resources_by_id[resource_id]

    def resources_for(self, topic: Topic) -> tuple[Resource, ...]:
        return tuple(self._resources_by_id[r] for r in topic.resource_ids)

    def group(self, group_id: str) -> Group:
        return self._groups_by_id[group_id]

    def topics_in_group(self, group_id: str) -> tuple[Topic, ...]:
        return tuple(t for t in self.topics if t.group_id == group_id)

    def career_level(self, level: Level) -> CareerLevel:
        return next(c for c in self.levels if c.id is level)

    def specialization(self, specialization_id: str) -> Specialization:
        return next(s for s in self.specializations if s.id == specialization_id)

    def certification(self, certification_id: str) -> Certification:
        return next(c for c in self.certifications if c.id == certification_id)

    def has_certification(self, certification_id: str) -> bool:
        return any(c.id == certification_id for c in self.certifications)

    def with_certifications(self, extra: Iterable[Certification]) -> Curriculum:
        """This curriculum with ``extra`` certifications (the learner's own) after its own;
        an extra one whose id the curriculum already has is left out."""
        added = tuple(c for c in extra if not self.has_certification(c.id))
        if not added:
            return self
        return replace(self, certifications=(*self.certifications, *added))

    def topics_for(self, level: Level, specializations: Iterable[str]) -> tuple[Topic, ...]:
        """Topics a plan at ``level`` covers for the chosen specializations, in file order.

        A topic enters when its level is at or below the learner's and it is either general
        or on the track of a chosen specialization.
        """
        chosen = set(specializations)
        return tuple(
            t
            for t in self.topics
            if level.includes(t.level) and (t.is_general or chosen.intersection(t.specializations))
        )
