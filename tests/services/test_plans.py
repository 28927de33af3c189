"""Plan use cases across a change of curriculum."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from planner.domain.curriculum import Curriculum, Level
from planner.domain.model import Profile, WeeklyAvailability
from planner.services import plans
from planner.services.bootstrap import open_context
from planner.services.errors import UnknownItemError
from tests.conftest import FIXED_NOW


def _leaf_topic(curriculum: Curriculum) -> str:
    """A junior topic nothing else refers to, so a curriculum without it stays valid."""
    referenced = {p for t in curriculum.topics for p in t.prerequisites}
    referenced |= {t for level in curriculum.levels for t in level.focus_topic_ids}
    referenced |= {t for c in curriculum.certifications for t in c.topic_ids}
    return next(
        t.id for t in curriculum.topics if t.id not in referenced and t.level is Level.JUNIOR
    )


def test_known_topics_missing_from_a_new_curriculum_are_kept(
    data_dir: Path, curriculum: Curriculum
) -> None:
    leaf = _leaf_topic(curriculum)
    context = open_context(data_dir, lambda: FIXED_NOW, curriculum)
    profile = Profile(
        level=Level.JUNIOR,
        specializations=("nlp",),
        availability=WeeklyAvailability.spread(6),
        start_date=FIXED_NOW.date(),
        timezone="UTC",
        known_topic_ids=frozenset({leaf}),
    )
    plans.create_plan(context, profile)
    smaller = replace(curriculum, topics=tuple(t for t in curriculum.topics if t.id != leaf))
    switched = replace(context, curriculum=smaller)

    plans.update_profile(switched, replace(profile, max_session_minutes=60))

    stored = plans.load_profile(switched)
    assert stored is not None
    assert stored.known_topic_ids == {leaf}
    assert stored.max_session_minutes == 60
    with pytest.raises(UnknownItemError, match="unknown topic 'no-such-topic'"):
        plans.update_profile(
            switched, replace(profile, known_topic_ids=frozenset({leaf, "no-such-topic"}))
        )
    context.database.close()
