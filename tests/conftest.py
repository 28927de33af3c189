from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from planner.domain.curriculum import Curriculum
from planner.domain.curriculum_file import load_curriculum
from planner.paths import default_curriculum_path
from planner.services.bootstrap import open_context
from planner.services.context import AppContext
from planner.store.database import Database, open_database

FIXED_NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)


class FakeClock:
    """A clock tests can move forward: starts at FIXED_NOW."""

    def __init__(self) -> None:
        self.now = FIXED_NOW

    def __call__(self) -> datetime:
        return self.now

    def set_day(self, day: date) -> None:
        """Six in the evening, UTC, on ``day``."""
        self.now = datetime(day.year, day.month, day.day, 18, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _isolated_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads or writes the real learner's data, settings or caches."""
    home = tmp_path_factory.mktemp("home")
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(variable, str(home / variable.lower()))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("STUDY_PLANNER_DATA_DIR", raising=False)


@pytest.fixture(scope="session")
def curriculum() -> Curriculum:
    return load_curriculum(default_curriculum_path())


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def empty_context(data_dir: Path, clock: FakeClock) -> Iterator[AppContext]:
    """An app context over a fresh database, with no profile yet (a first run)."""
    context = open_context(data_dir, clock)
    yield context
    context.database.close()


@pytest.fixture
def database(data_dir: Path) -> Iterator[Database]:
    db = open_database(data_dir, now=FIXED_NOW)
    yield db
    db.close()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say which slow tests the default run left out, and how to run them."""
    slow = [
        item
        for item in terminalreporter.stats.get("deselected", [])
        if isinstance(item, pytest.Item) and item.get_closest_marker("slow")
    ]
    if slow:
        terminalreporter.write_line(
            f"{len(slow)} slow test(s) not run (they build the PyInstaller bundle): "
            "run them with ./dev.sh test -m slow, as .ci/run does"
        )
