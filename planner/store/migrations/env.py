"""Alembic environment: always run on a connection the app hands over, in its transaction."""

from alembic import context
from sqlmodel import SQLModel

import planner.store.tables  # noqa: F401  (registers the tables on the metadata)

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
    transaction_per_migration=False,
)
context.run_migrations()
