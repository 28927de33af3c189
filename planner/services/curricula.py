"""Loading a learner's own curriculum file: checked whole, then kept in the data folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from planner.domain.curriculum import Curriculum
from planner.domain.curriculum_file import load_curriculum
from planner.services.bootstrap import CUSTOM_CURRICULUM_FILENAME


def install_custom_curriculum(source: Path, data_dir: Path) -> Curriculum:
    """Validate ``source`` and make it the active curriculum.

    A bad file raises :class:`~planner.domain.curriculum_file.CurriculumError` naming the
    file, item and field, and nothing changes. A good one is copied atomically (written
    beside the target, then renamed), so a crash never leaves half a file.
    """
    curriculum = load_curriculum(source)
    content = source.read_bytes()
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


def remove_custom_curriculum(data_dir: Path) -> None:
    """Go back to the bundled curriculum."""
    (data_dir / CUSTOM_CURRICULUM_FILENAME).unlink(missing_ok=True)
