"""Loading a learner's own curriculum file: checked whole, then kept in the data folder."""

from __future__ import annotations

from pathlib import Path

from planner.domain.curriculum import Curriculum
from planner.domain.curriculum_file import load_curriculum
from planner.services.bootstrap import CUSTOM_CURRICULUM_FILENAME
from planner.services.files import write_atomically


def install_custom_curriculum(source: Path, data_dir: Path) -> Curriculum:
    """Validate ``source`` and make it the active curriculum.

    A bad file raises :class:`~planner.domain.curriculum_file.CurriculumError` naming the
    file, item and field, and nothing changes. A good one is copied atomically (written
    beside the target, then renamed), so a crash never leaves half a file.
    """
    curriculum = load_curriculum(source)
    content = source.read_bytes()
    write_atomically(data_dir / CUSTOM_CURRICULUM_FILENAME, lambda file: file.write(content))
    return curriculum


def remove_custom_curriculum(data_dir: Path) -> None:
    """Go back to the bundled curriculum."""
    (data_dir / CUSTOM_CURRICULUM_FILENAME).unlink(missing_ok=True)
