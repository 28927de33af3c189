"""Opening what the use cases work on: the learner's database and their curriculum."""

from __future__ import annotations

from pathlib import Path

from planner.domain.clock import Clock
from planner.domain.curriculum import Curriculum
from planner.domain.curriculum_file import load_curriculum
from planner.paths import default_curriculum_path
from planner.services.context import AppContext
from planner.store.database import open_database

CUSTOM_CURRICULUM_FILENAME = "curriculum.yaml"


def uses_custom_curriculum(data_dir: Path) -> bool:
    """Whether the learner loaded a curriculum of their own into ``data_dir``."""
    return (data_dir / CUSTOM_CURRICULUM_FILENAME).exists()


def curriculum_path(data_dir: Path) -> Path:
    """The learner's own curriculum if they loaded one, else the bundled one."""
    if uses_custom_curriculum(data_dir):
        return data_dir / CUSTOM_CURRICULUM_FILENAME
    return default_curriculum_path()


def load_active_curriculum(data_dir: Path) -> Curriculum:
    return load_curriculum(curriculum_path(data_dir))


def open_context(data_dir: Path, clock: Clock, curriculum: Curriculum | None = None) -> AppContext:
    """Open the database in ``data_dir`` with the given (else the active) curriculum."""
    curriculum = curriculum or load_active_curriculum(data_dir)
    database = open_database(data_dir, now=clock())
    return AppContext(database=database, curriculum=curriculum, clock=clock)
