"""The layers point down only: the domain knows neither Qt nor SQL, and nothing below the
window imports Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_import_layer_contracts_hold() -> None:
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "forbidden"),
    [
        ("planner.domain.planning", ("PySide6", "sqlalchemy", "sqlmodel")),
        ("planner.domain.curriculum_file", ("PySide6", "sqlalchemy")),
        ("planner.services.plans", ("PySide6",)),
        ("planner.cli.commands", ("PySide6",)),
        ("planner.app", ("PySide6", "sqlalchemy")),
        ("planner.ui.main_window", ("sqlalchemy", "sqlmodel", "alembic")),
        ("planner.ui.controller", ("sqlalchemy", "sqlmodel", "alembic")),
    ],
)
def test_a_module_does_not_load_what_its_layer_must_not_know(
    module: str, forbidden: tuple[str, ...]
) -> None:
    """Checked in a fresh interpreter, where nothing else has imported them first."""
    probe = f"import sys, {module}; print(','.join(m for m in {forbidden!r} if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
