"""Reading a curriculum file: YAML, validated with pydantic, turned into domain objects.

A file is either accepted whole or rejected with a :class:`CurriculumError` that names the
file, the item and the field at fault; nothing from a rejected file is returned.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from planner.domain.curriculum import (
    Activity,
    CareerLevel,
    Certification,
    CertificationFact,
    CertificationStatus,
    Confidence,
    Curriculum,
    Group,
    Level,
    Resource,
    ResourceKind,
    Section,
    Specialization,
    Topic,
)
from planner.domain.graph import find_cycle

SCHEMA_VERSION = 1
MAX_FILE_BYTES = 2 * 1024 * 1024  # the bundled curriculum is under 100 KB
MAX_NESTING = 20  # the format itself nests five deep
_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Identifier = Annotated[str, Field(pattern=_ID_PATTERN, min_length=1, max_length=80)]
Text = Annotated[str, Field(min_length=1)]


class CurriculumError(ValueError):
    """A curriculum file that cannot be used, with where the fault lies."""

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = str(path)
        self.detail = message


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class ResourceEntry(_Strict):
    id: Identifier
    title: Text
    kind: ResourceKind
    url: str | None = None
    provider: str | None = None
    free: bool | None = None
    description: str = ""

    @field_validator("url")
    @classmethod
    def _url_is_web_address(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://\S+$", value):
            raise ValueError("must be an http(s) address")
        return value


class GroupEntry(_Strict):
    id: Identifier
    title: Text
    section: Section


class TopicEntry(_Strict):
    id: Identifier
    title: Text
    group: Identifier
    description: Text
    hours: float = Field(gt=0, le=500)
    level: Level
    activity: Activity
    prerequisites: tuple[Identifier, ...] = ()
    specializations: tuple[Identifier, ...] = ()
    resources: tuple[Identifier, ...] = ()
    optional: bool = False


class LevelEntry(_Strict):
    id: Level
    title: Text
    summary: Text
    focus: tuple[Identifier, ...] = Field(min_length=1)


class SpecializationEntry(_Strict):
    id: Identifier
    title: Text
    description: Text


class FactEntry(_Strict):
    text: Text
    confidence: Confidence
    source: str = ""


class CertificationEntry(_Strict):
    id: Identifier
    title: Text
    provider: Text
    description: Text
    status: CertificationStatus
    as_of: date
    topics: tuple[Identifier, ...] = Field(min_length=1)
    url: str | None = None
    validity_months: int | None = Field(default=None, gt=0)
    renewal_window_months: int | None = Field(default=None, gt=0)
    successor: str | None = None
    facts: tuple[FactEntry, ...] = ()


class CurriculumEntry(_Strict):
    schema_version: int
    id: Identifier
    title: Text
    version: Text
    overview: str = ""
    groups: tuple[GroupEntry, ...] = Field(min_length=1)
    topics: tuple[TopicEntry, ...] = Field(min_length=1)
    levels: tuple[LevelEntry, ...] = Field(min_length=1)
    specializations: tuple[SpecializationEntry, ...] = ()
    resources: tuple[ResourceEntry, ...] = ()
    certifications: tuple[CertificationEntry, ...] = ()

    @field_validator("schema_version")
    @classmethod
    def _known_schema(cls, value: int) -> int:
        if value != SCHEMA_VERSION:
            raise ValueError(f"this app reads schema_version {SCHEMA_VERSION}, not {value}")
        return value


_TOO_BIG = f"is larger than the {MAX_FILE_BYTES // (1024 * 1024)} MB a curriculum file may be"
# libyaml's parser when PyYAML has it: several times faster than the pure-Python one.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _DuplicateKeyError(Exception):
    def __init__(self, key: object, line: int) -> None:
        super().__init__(f"line {line}: the key {key!r} appears twice in the same mapping")


class _StrictLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """A safe loader that refuses a mapping with the same key twice (YAML would let the
    second silently win)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, str | int | float | bool) or key is None:
                if key in seen:
                    raise _DuplicateKeyError(key, key_node.start_mark.line + 1)
                seen.add(key)
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping


def load_curriculum(path: Path | str) -> Curriculum:
    """Read, validate and convert the curriculum file at ``path``. Its size is checked
    before a byte of it is parsed."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CurriculumError(path, _TOO_BIG)
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CurriculumError(path, f"cannot be read: {error}") from error
    return parse_curriculum(text, source=path)


def parse_curriculum(text: str, *, source: Path | str = "<curriculum>") -> Curriculum:
    if len(text) > MAX_FILE_BYTES:
        raise CurriculumError(source, _TOO_BIG)
    try:
        _check_nesting(text, source)
        raw = yaml.load(text, Loader=_StrictLoader)  # a safe loader: no Python objects
    except _DuplicateKeyError as error:
        raise CurriculumError(source, str(error)) from error
    except yaml.YAMLError as error:
        message = " ".join(str(error).split())
        raise CurriculumError(source, f"is not valid YAML: {message}") from error
    if not isinstance(raw, dict):
        raise CurriculumError(source, "must be a YAML mapping at the top level")
    try:
        entry = CurriculumEntry.model_validate(raw)
    except ValidationError as error:
        raise CurriculumError(source, _describe_validation_error(error, raw)) from error
    problems = _cross_reference_problems(entry)
    if problems:
        raise CurriculumError(source, "; ".join(problems))
    return _to_domain(entry)


def _check_nesting(text: str, source: Path | str) -> None:
    """Refuse nesting deeper than :data:`MAX_NESTING` before anything is built from it.
    The parser's events come from a loop, not recursion, so a deep file cannot crash it."""
    depth = 0
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_NESTING:
                line = event.start_mark.line + 1 if event.start_mark else "?"
                raise CurriculumError(
                    source, f"line {line}: nested more than {MAX_NESTING} levels deep"
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _describe_validation_error(error: ValidationError, raw: dict[str, Any]) -> str:
    """Name the item (by id where it has one) and the field of each problem."""
    messages = []
    for problem in error.errors():
        messages.append(f"{_locate(problem['loc'], raw)}: {problem['msg']}")
    return "; ".join(messages)


def _locate(location: Sequence[int | str], raw: Any) -> str:
    parts: list[str] = []
    node = raw
    for key in location:
        if isinstance(key, int) and isinstance(node, list) and key < len(node):
            node = node[key]
            item_id = node.get("id") if isinstance(node, dict) else None
            parts[-1] = f"{parts[-1]}[{item_id!r}]" if item_id else f"{parts[-1]}[{key}]"
            continue
        parts.append(str(key))
        node = node.get(key) if isinstance(node, dict) else None
    return ".".join(parts) or "file"


def _cross_reference_problems(entry: CurriculumEntry) -> list[str]:
    problems: list[str] = []

    def unique(kind: str, ids: Sequence[str]) -> set[str]:
        seen: set[str] = set()
        for item_id in ids:
            if item_id in seen:
                problems.append(f"{kind}[{item_id!r}].id: duplicate id {item_id!r}")
            seen.add(item_id)
        return seen

    group_ids = unique("groups", [g.id for g in entry.groups])
    topic_ids = unique("topics", [t.id for t in entry.topics])
    resource_ids = unique("resources", [r.id for r in entry.resources])
    spec_ids = unique("specializations", [s.id for s in entry.specializations])
    unique("certifications", [c.id for c in entry.certifications])
    unique("levels", [level.id.value for level in entry.levels])

    def known(where: str, field: str, values: Sequence[str], ids: set[str], kind: str) -> None:
        for value in values:
            if value not in ids:
                problems.append(f"{where}.{field}: unknown {kind} {value!r}")

    for topic in entry.topics:
        where = f"topics[{topic.id!r}]"
        known(where, "group", [topic.group], group_ids, "group")
        known(where, "prerequisites", topic.prerequisites, topic_ids, "topic")
        known(where, "specializations", topic.specializations, spec_ids, "specialization")
        known(where, "resources", topic.resources, resource_ids, "resource")
        if topic.id in topic.prerequisites:
            problems.append(f"{where}.prerequisites: a topic cannot require itself")
    for level in entry.levels:
        known(f"levels[{level.id.value!r}]", "focus", level.focus, topic_ids, "topic")
    for cert in entry.certifications:
        known(f"certifications[{cert.id!r}]", "topics", cert.topics, topic_ids, "topic")
    missing_levels = set(Level) - {level.id for level in entry.levels}
    if missing_levels:
        names = ", ".join(sorted(level.value for level in missing_levels))
        problems.append(f"levels: missing career level(s) {names}")
    if not problems:
        cycle = find_cycle({t.id: t.prerequisites for t in entry.topics})
        if cycle:
            path = " -> ".join(cycle)
            problems.append(f"topics[{cycle[0]!r}].prerequisites: prerequisite cycle {path}")
    return problems


def _to_domain(entry: CurriculumEntry) -> Curriculum:
    topics = tuple(
        Topic(
            id=t.id,
            title=t.title,
            group_id=t.group,
            description=t.description,
            hours=t.hours,
            level=t.level,
            activity=t.activity,
            prerequisites=t.prerequisites,
            specializations=t.specializations,
            resource_ids=t.resources,
            optional=t.optional,
        )
        for t in entry.topics
    )
    return Curriculum(
        id=entry.id,
        title=entry.title,
        version=entry.version,
        overview=entry.overview,
        groups=tuple(Group(id=g.id, title=g.title, section=g.section) for g in entry.groups),
        topics=topics,
        levels=tuple(
            CareerLevel(id=lv.id, title=lv.title, summary=lv.summary, focus_topic_ids=lv.focus)
            for lv in sorted(entry.levels, key=lambda lv: lv.id.rank)
        ),
        specializations=tuple(
            Specialization(
                id=s.id,
                title=s.title,
                description=s.description,
                topic_ids=tuple(t.id for t in topics if s.id in t.specializations),
            )
            for s in entry.specializations
        ),
        resources=tuple(
            Resource(
                id=r.id,
                title=r.title,
                kind=r.kind,
                url=r.url,
                provider=r.provider,
                free=r.free,
                description=r.description,
            )
            for r in entry.resources
        ),
        certifications=tuple(
            Certification(
                id=c.id,
                title=c.title,
                provider=c.provider,
                description=c.description,
                status=c.status,
                topic_ids=c.topics,
                as_of=c.as_of,
                url=c.url,
                validity_months=c.validity_months,
                renewal_window_months=c.renewal_window_months,
                successor=c.successor,
                facts=tuple(
                    CertificationFact(text=f.text, confidence=f.confidence, source=f.source)
                    for f in c.facts
                ),
            )
            for c in entry.certifications
        ),
    )
