"""Loading a learner's own curriculum file: checked whole, then kept in the data folder."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path

from planner.domain.curriculum import Curriculum
from planner.domain.curriculum_file import load_curriculum
from planner.services.bootstrap import CUSTOM_CURRICULUM_FILENAME
from planner.store.backup import back_up_before_change
from planner.store.engine import database_path


def install_custom_curriculum(source: Path, data_dir: Path, *, now: datetime) -> Curriculum:
    """Validate ``source`` and make it the active curriculum.

    A bad file raises :class:`~planner.domain.curriculum_file.CurriculumError` naming the
    file, item and field, and nothing changes. A good one is copied atomically (written
    beside the target, then renamed), so a crash never leaves half a file. The learner's
    data is backed up first.
    """
    curriculum = load_curriculum(source)
    content = source.read_bytes()
    back_up_before_change(database_path(data_dir), reason="curriculum", now=now)
    target = data_dir / CUSTOM_CURRICULUM_FILENAME
    handle, temporary = tempfile.mkstemp(dir=data_dir, prefix=".curriculum-", suffix=".yaml")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return curriculum


def remove_custom_curriculum(data_dir: Path, *, now: datetime) -> None:
    """Go back to the bundled curriculum, after a backup of the learner's data."""
    back_up_before_change(database_path(data_dir), reason="curriculum", now=now)
    (data_dir / CUSTOM_CURRICULUM_FILENAME).unlink(missing_ok=True)
