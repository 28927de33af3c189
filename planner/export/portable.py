"""A portable copy of the learner's data as versioned JSON, checked whole on the way in.

The sections mirror the store's tables row for row (ids included, so reminders keep their
goals and their delivered state); a file is accepted only if every part of it is valid,
and a refusal names the first thing wrong in one line.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from planner.domain.curriculum import Level
from planner.domain.model import GoalStatus, TaskKind, TaskStatus

FORMAT_NAME = "study-planner"
FORMAT_VERSION = 1

PositiveId = Annotated[int, Field(ge=1)]
DayMinutes = Annotated[int, Field(ge=0, le=24 * 60)]


class PortableDataError(ValueError):
    """A file that cannot be imported; the message names the file and what is wrong."""


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class ProfileRecord(_Record):
    id: Literal[1]
    level: Level
    specializations: list[str]
    availability_minutes: Annotated[list[DayMinutes], Field(min_length=7, max_length=7)]
    start_date: date
    timezone: str
    max_session_minutes: Annotated[int, Field(ge=1, le=24 * 60)]
    include_interview_prep: bool
    curriculum_id: str
    updated_at: AwareDatetime


class KnownTopicRecord(_Record):
    topic_id: str
    marked_at: AwareDatetime


class GoalRecord(_Record):
    id: PositiveId
    certification_id: str
    status: GoalStatus
    exam_date: date | None
    exam_time: Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")] | None
    passed_on: date | None
    failed_on: date | None
    expires_on: date | None
    credential: str
    notes: str
    updated_at: AwareDatetime


class CustomCertificationRecord(_Record):
    id: str
    title: str
    provider: str
    validity_months: Annotated[int, Field(ge=1)] | None
    topic_ids: list[str]
    created_at: AwareDatetime


class TaskRecord(_Record):
    id: PositiveId
    topic_id: str | None
    certification_id: str | None
    kind: TaskKind
    title: str
    minutes: Annotated[int, Field(ge=1, le=24 * 60)]
    scheduled_date: date
    status: TaskStatus
    pinned: bool
    part: Annotated[int, Field(ge=1)]
    parts: Annotated[int, Field(ge=1)]
    completed_at: AwareDatetime | None
    time_spent_minutes: DayMinutes | None
    notes: str


class ReminderRecord(_Record):
    id: PositiveId
    kind: str
    message: str
    due_at: AwareDatetime
    certification_goal_id: PositiveId | None
    delivered_at: AwareDatetime | None
    dismissed_at: AwareDatetime | None


class PortableData(_Record):
    """The whole file."""

    format: Literal["study-planner"]
    version: Literal[1]
    exported_at: AwareDatetime
    profile: ProfileRecord | None
    known_topics: list[KnownTopicRecord]
    custom_certifications: list[CustomCertificationRecord]
    certification_goals: list[GoalRecord]
    study_tasks: list[TaskRecord]
    reminders: list[ReminderRecord]

    @model_validator(mode="after")
    def _consistent(self) -> PortableData:
        for name, ids in (
            ("known_topics", [t.topic_id for t in self.known_topics]),
            ("custom_certifications", [c.id for c in self.custom_certifications]),
            ("certification_goals", [g.id for g in self.certification_goals]),
            ("study_tasks", [t.id for t in self.study_tasks]),
            ("reminders", [r.id for r in self.reminders]),
        ):
            seen: set[object] = set()
            for index, key in enumerate(ids):
                if key in seen:
                    raise ValueError(f"{name}[{index}] repeats the id {key!r}")
                seen.add(key)
        goal_ids = {g.id for g in self.certification_goals}
        for index, reminder in enumerate(self.reminders):
            goal = reminder.certification_goal_id
            if goal is not None and goal not in goal_ids:
                raise ValueError(
                    f"reminders[{index}] refers to certification goal {goal}, "
                    "which is not in the file"
                )
        for index, task in enumerate(self.study_tasks):
            if task.part > task.parts:
                raise ValueError(f"study_tasks[{index}] is part {task.part} of {task.parts}")
        if self.profile is None and (self.study_tasks or self.certification_goals):
            raise ValueError("tasks or goals without a profile")
        return self

    def rows(self) -> dict[str, list[dict[str, Any]]]:
        """The records by table name, as the store's rows (Python values, not JSON text)."""
        sections = self.model_dump(include=set(SECTIONS))
        sections["profile"] = [sections["profile"]] if sections["profile"] else []
        return {SECTIONS[section]: records for section, records in sections.items()}

    @classmethod
    def from_rows(
        cls, rows: Mapping[str, Sequence[Mapping[str, Any]]], *, exported_at: datetime
    ) -> PortableData:
        """The file for the store's rows by table name."""
        sections: dict[str, Any] = {
            section: list(rows.get(table, ())) for section, table in SECTIONS.items()
        }
        sections["profile"] = sections["profile"][0] if sections["profile"] else None
        return cls.model_validate(
            {
                "format": FORMAT_NAME,
                "version": FORMAT_VERSION,
                "exported_at": exported_at,
                **sections,
            },
            strict=False,
        )


# The store's table behind each section of the file.
SECTIONS = {
    "profile": "profile",
    "known_topics": "known_topic",
    "custom_certifications": "custom_certification",
    "certification_goals": "certification_goal",
    "study_tasks": "study_task",
    "reminders": "reminder",
}


def dump_portable(data: PortableData) -> bytes:
    return (data.model_dump_json(indent=2) + "\n").encode("utf-8")


def _location(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif not part.startswith(("function-", "literal[", "nullable[", "json-or-python[")):
            text += f".{part}" if text else part
    return text


def parse_portable(content: bytes, source: str) -> PortableData:
    """The file's data if the whole of it is valid; :class:`PortableDataError` otherwise."""
    try:
        text = content.decode("utf-8-sig")
        document = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise PortableDataError(f"{source}: not a JSON file ({error})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise PortableDataError(
            f'{source}: not a Study Planner export (no "format": "{FORMAT_NAME}")'
        )
    if document.get("version") != FORMAT_VERSION:
        raise PortableDataError(
            f"{source}: export format version {document.get('version')!r} is not one this "
            f"app reads (it reads version {FORMAT_VERSION})"
        )
    try:
        return PortableData.model_validate_json(text)
    except ValidationError as error:
        first = error.errors()[0]
        where = _location(first["loc"])
        more = error.error_count() - 1
        extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        prefix = f"{where}: " if where else ""
        message = first["msg"].removeprefix("Value error, ")
        raise PortableDataError(f"{source}: {prefix}{message}{extra}") from None
