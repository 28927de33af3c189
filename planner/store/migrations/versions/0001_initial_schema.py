"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-28

The (UTC) datetimes are stored naive; planner.store.types.UTCDateTime adds the zone back.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "certification_goal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("certification_id", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("exam_date", sa.Date(), nullable=True),
        sa.Column("passed_on", sa.Date(), nullable=True),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.String(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("certification_goal", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_certification_goal_certification_id"), ["certification_id"], unique=False
        )

    op.create_table(
        "known_topic",
        sa.Column("topic_id", sa.String(), nullable=False),
        sa.Column("marked_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("topic_id"),
    )
    op.create_table(
        "profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(), nullable=False),
        sa.Column("specializations", sa.JSON(), nullable=False),
        sa.Column("availability_minutes", sa.JSON(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("timezone", sa.String(), nullable=False),
        sa.Column("max_session_minutes", sa.Integer(), nullable=False),
        sa.Column("include_interview_prep", sa.Boolean(), nullable=False),
        sa.Column("curriculum_id", sa.String(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "study_task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.String(), nullable=True),
        sa.Column("certification_id", sa.String(), nullable=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("scheduled_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("part", sa.Integer(), nullable=False),
        sa.Column("parts", sa.Integer(), nullable=False),
        sa.Column("completed_at", sa.DateTime(), nullable=True),
        sa.Column("time_spent_minutes", sa.Integer(), nullable=True),
        sa.Column("notes", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("study_task", schema=None) as batch_op:
        batch_op.create_index(
            "ix_study_task_date_status", ["scheduled_date", "status"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_study_task_topic_id"), ["topic_id"], unique=False)

    op.create_table(
        "reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("message", sa.String(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("certification_goal_id", sa.Integer(), nullable=True),
        sa.Column("delivered_at", sa.DateTime(), nullable=True),
        sa.Column("dismissed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["certification_goal_id"], ["certification_goal.id"], ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("reminder")
    with op.batch_alter_table("study_task", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_study_task_topic_id"))
        batch_op.drop_index("ix_study_task_date_status")

    op.drop_table("study_task")
    op.drop_table("profile")
    op.drop_table("known_topic")
    with op.batch_alter_table("certification_goal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_certification_goal_certification_id"))

    op.drop_table("certification_goal")
