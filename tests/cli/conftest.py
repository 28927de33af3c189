"""Command-line test fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.store.engine import database_path
from tests.cli.test_cli import init
from tests.store.safety_helpers import checkpoint


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with a plan, made once per module; tests work on copies."""
    folder = tmp_path_factory.mktemp("planned") / "data"
    init(folder)
    checkpoint(database_path(folder))
    return folder
