"""Where the app finds its bundled resources and keeps the learner's data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "StudyPlanner"
DATA_DIR_ENV = "STUDY_PLANNER_DATA_DIR"
DATABASE_FILENAME = "planner.sqlite3"


def resources_dir() -> Path:
    """The read-only ``resources/`` folder, in a source checkout or a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    base = Path(bundle) if bundle else Path(__file__).resolve().parent.parent
    return base / "resources"


def default_curriculum_path() -> Path:
    return resources_dir() / "curricula" / "ml-engineering.yaml"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The learner's data folder: ``override``, else the environment variable, else the
    platform's user data folder. Nothing is created here (see :func:`create_data_dir`);
    a file in its place is refused with a sentence naming it."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    path = Path(chosen) if chosen else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    if path.exists() and not path.is_dir():
        raise NotADirectoryError(
            f"the data folder {path} is a file, not a folder: choose a folder for your data "
            f"with --data-dir or {DATA_DIR_ENV}"
        )
    return path


def create_data_dir(path: Path) -> Path:
    """Create the data folder (for a new plan or the window's first run) if missing."""
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_path(data_dir: Path) -> Path:
    """Where the learner's database is (or would be) in ``data_dir``."""
    return data_dir / DATABASE_FILENAME
