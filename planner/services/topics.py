"""Use cases about curriculum topics as the learner's plan covers them."""

from __future__ import annotations

from planner.domain.model import TaskStatus
from planner.services.context import AppContext
from planner.store import repositories as repo


def topic_progress(context: AppContext) -> dict[str, tuple[int, int]]:
    """Done and planned study minutes per topic id, read in one unit of work.

    Only topics with tasks appear. Skipped tasks count as neither done nor planned (the
    learner chose not to do them), the same rule the progress figures follow; tasks of the
    learner's own (no topic) are left out.
    """
    figures: dict[str, tuple[int, int]] = {}
    with context.database.reading() as session:
        stored = repo.list_tasks(session=session)
    for task in stored:
        if task.topic_id is None or task.status is TaskStatus.SKIPPED:
            continue
        done, planned = figures.get(task.topic_id, (0, 0))
        if task.status is TaskStatus.DONE:
            done += task.minutes
        figures[task.topic_id] = (done, planned + task.minutes)
    return figures
