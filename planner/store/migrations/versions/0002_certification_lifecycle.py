"""certification lifecycle: exam time, failed attempts, credentials, custom certifications

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02

Columns are added with ALTER TABLE ADD COLUMN, never by rebuilding certification_goal:
a rebuild would cascade-delete the reminders that refer to its goals.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("certification_goal", sa.Column("exam_time", sa.String(), nullable=True))
    op.add_column("certification_goal", sa.Column("failed_on", sa.Date(), nullable=True))
    op.add_column(
        "certification_goal",
        sa.Column("credential", sa.String(), nullable=False, server_default=""),
    )
    op.create_table(
        "custom_certification",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("provider", sa.String(), nullable=False),
        sa.Column("validity_months", sa.Integer(), nullable=True),
        sa.Column("topic_ids", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("custom_certification")
    with op.batch_alter_table("certification_goal", schema=None) as batch_op:
        batch_op.drop_column("credential")
        batch_op.drop_column("failed_on")
        batch_op.drop_column("exam_time")
