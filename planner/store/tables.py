"""The database tables. Only the store imports these; everything above it sees domain values."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field, SQLModel

from planner.store.types import UTCDateTime


def _utc_column(nullable: bool = True) -> Column[datetime]:
    return Column(UTCDateTime(), nullable=nullable)


class ProfileRow(SQLModel, table=True):
    __tablename__ = "profile"

    id: int = Field(default=1, primary_key=True)
    level: str
    specializations: list[str] = Field(sa_column=Column(JSON, nullable=False))
    availability_minutes: list[int] = Field(sa_column=Column(JSON, nullable=False))
    start_date: date
    timezone: str
    max_session_minutes: int
    include_interview_prep: bool
    curriculum_id: str
    updated_at: datetime = Field(sa_column=_utc_column(nullable=False))


class KnownTopicRow(SQLModel, table=True):
    """A curriculum topic the learner already knows; it stays out of the plan."""

    __tablename__ = "known_topic"

    topic_id: str = Field(primary_key=True)
    marked_at: datetime = Field(sa_column=_utc_column(nullable=False))


class CertificationGoalRow(SQLModel, table=True):
    __tablename__ = "certification_goal"

    id: int | None = Field(default=None, primary_key=True)
    certification_id: str = Field(index=True)
    status: str
    exam_date: date | None = None
    passed_on: date | None = None
    expires_on: date | None = None
    notes: str = ""
    updated_at: datetime = Field(sa_column=_utc_column(nullable=False))
    exam_time: str | None = None  # local time of the exam, HH:MM
    failed_on: date | None = None
    credential: str = Field(default="", sa_column_kwargs={"server_default": ""})


class CustomCertificationRow(SQLModel, table=True):
    """A certification the learner added; it sits beside the curriculum's own."""

    __tablename__ = "custom_certification"

    id: str = Field(primary_key=True)
    title: str
    provider: str
    validity_months: int | None = None
    topic_ids: list[str] = Field(sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(sa_column=_utc_column(nullable=False))


class StudyTaskRow(SQLModel, table=True):
    __tablename__ = "study_task"
    __table_args__ = (Index("ix_study_task_date_status", "scheduled_date", "status"),)

    id: int | None = Field(default=None, primary_key=True)
    topic_id: str | None = Field(default=None, index=True)
    certification_id: str | None = None
    kind: str
    title: str
    minutes: int
    scheduled_date: date
    status: str
    pinned: bool = False
    part: int = 1
    parts: int = 1
    completed_at: datetime | None = Field(default=None, sa_column=_utc_column())
    time_spent_minutes: int | None = None
    notes: str = ""


class ReminderRow(SQLModel, table=True):
    __tablename__ = "reminder"

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    message: str
    due_at: datetime = Field(sa_column=_utc_column(nullable=False))
    certification_goal_id: int | None = Field(
        default=None, foreign_key="certification_goal.id", ondelete="CASCADE"
    )
    delivered_at: datetime | None = Field(default=None, sa_column=_utc_column())
    dismissed_at: datetime | None = Field(default=None, sa_column=_utc_column())
