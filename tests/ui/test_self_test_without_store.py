"""A self-test before the learner has any data checks a temporary store and leaves the
learner's data folder as it was: not created at all."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("how", ["default folder", "--data-dir"])
def test_a_self_test_with_no_store_creates_nothing(tmp_path: Path, how: str) -> None:
    home = tmp_path / "home"
    home.mkdir()
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "TMPDIR": str(tmp_path),
    }
    folder = tmp_path / "new" / "data"
    extra = ["--data-dir", str(folder)] if how == "--data-dir" else []
    before = set(tmp_path.iterdir())
    result = subprocess.run(
        [sys.executable, "main.py", *extra, "--self-test"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "checking a temporary one" in result.stdout
    assert "self-test passed" in result.stdout
    assert not folder.exists()
    assert not (home / ".local").exists()
    assert set(tmp_path.iterdir()) == before  # the temporary store is gone too


def test_the_window_refuses_a_data_folder_that_is_a_file(tmp_path: Path) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("mine")
    result = subprocess.run(
        [sys.executable, "main.py", "--data-dir", str(file), "--self-test"],
        cwd=ROOT, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert f"the data folder {file} is a file, not a folder" in result.stderr
    assert file.read_text() == "mine"
