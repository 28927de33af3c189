"""Minutes done and planned per topic, read from the stored plan."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from planner.domain.curriculum import Level
from planner.domain.model import Profile, StudyTask, TaskStatus, WeeklyAvailability
from planner.services import plans, tasks
from planner.services.bootstrap import open_context
from planner.services.context import AppContext
from planner.services.topics import topic_progress
from tests.conftest import FIXED_NOW

START = date(2026, 11, 23)


@pytest.fixture
def context(data_dir: Path) -> Iterator[AppContext]:
    context = open_context(data_dir, lambda: FIXED_NOW)
    plans.create_plan(
        context,
        Profile(
            level=Level.JUNIOR,
            specializations=("nlp",),
            availability=WeeklyAvailability.spread(10),
            start_date=START,
            timezone="UTC",
        ),
    )
    yield context
    context.database.close()


def _topic_tasks(context: AppContext) -> dict[str, list[StudyTask]]:
    by_topic: dict[str, list[StudyTask]] = defaultdict(list)
    for task in tasks.all_tasks(context):
        if task.topic_id is not None:
            by_topic[task.topic_id].append(task)
    return by_topic


def test_a_fresh_plan_has_every_planned_minute_open(context: AppContext) -> None:
    progress = topic_progress(context)

    by_topic = _topic_tasks(context)
    assert by_topic, "the plan should hold topic tasks"
    assert progress == {
        topic_id: (0, sum(t.minutes for t in topic_tasks))
        for topic_id, topic_tasks in by_topic.items()
    }


def test_done_minutes_count_and_skipped_work_stays_planned(context: AppContext) -> None:
    # A topic split into several sittings: tick one off, skip another. The skipped sitting
    # counts as neither, but its work is planned again later.
    topic_id, topic_tasks = next(
        (topic_id, topic_tasks)
        for topic_id, topic_tasks in _topic_tasks(context).items()
        if len(topic_tasks) >= 3
    )
    done, skipped, *_ = topic_tasks
    assert done.id is not None
    assert skipped.id is not None
    tasks.set_status(context, done.id, TaskStatus.DONE)
    tasks.set_status(context, skipped.id, TaskStatus.SKIPPED)

    done_minutes, planned_minutes = topic_progress(context)[topic_id]

    assert done_minutes == done.minutes
    assert planned_minutes == sum(t.minutes for t in topic_tasks)


def test_skipping_a_topics_sittings_again_and_again_keeps_its_work_planned(
    context: AppContext,
) -> None:
    topic_id, topic_tasks = next(iter(_topic_tasks(context).items()))
    total = sum(t.minutes for t in topic_tasks)
    for _ in range(len(topic_tasks)):
        first_open = next(t for t in _topic_tasks(context)[topic_id] if t.status.is_open)
        assert first_open.id is not None
        tasks.skip_task(context, first_open.id)

    assert topic_progress(context)[topic_id] == (0, total)


def test_tasks_of_the_learners_own_are_left_out(context: AppContext) -> None:
    before = topic_progress(context)
    tasks.add_custom_task(context, "Read a paper", 45, date(2026, 11, 30))

    assert topic_progress(context) == before


def test_known_topics_keep_only_the_work_already_done(context: AppContext) -> None:
    topic_id, topic_tasks = next(
        (topic_id, topic_tasks)
        for topic_id, topic_tasks in _topic_tasks(context).items()
        if len(topic_tasks) >= 2
    )
    first = topic_tasks[0]
    assert first.id is not None
    tasks.set_status(context, first.id, TaskStatus.DONE)

    plans.set_topic_known(context, topic_id, True)

    assert topic_progress(context)[topic_id] == (first.minutes, first.minutes)
