"""dev.sh's set-up: one line per step, no reinstall when nothing changed, a step's own
output only when it fails. Run against a copy of the script with a stand-in Python."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

FAKE_PYTHON = """#!/usr/bin/env bash
echo "$*" >> "$(dirname "$0")/../calls.log"
if [[ $1 == -m && $2 == pip ]]; then
  for n in $(seq 40); do echo "pip says line $n"; done
  [[ -f "$(dirname "$0")/../pip-fails" ]] && exit 3
fi
exit 0
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "dev.sh", tmp_path / "dev.sh")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(FAKE_PYTHON)
    python.chmod(0o755)
    return tmp_path


def _dev(project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    # Only the venv steps are under test: the system packages are taken as installed.
    environment = {**os.environ, "PATH": f"{project / 'bin'}:{os.environ['PATH']}"}
    shim = project / "bin" / "dpkg-query"
    shim.parent.mkdir(exist_ok=True)
    shim.write_text("#!/bin/sh\necho 'install ok installed'\n")
    shim.chmod(0o755)
    return subprocess.run(
        ["bash", str(project / "dev.sh"), *arguments],
        cwd=project,
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )


def _pip_calls(project: Path) -> list[str]:
    log = project / ".venv" / "calls.log"
    calls = log.read_text().splitlines() if log.exists() else []
    return [call for call in calls if call.startswith("-m pip")]


def test_a_first_install_prints_one_line(project: Path) -> None:
    result = _dev(project, "run", "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["dev.sh: Installing the app into .venv"]
    assert result.stderr == ""
    assert len(_pip_calls(project)) == 1


def test_run_after_test_does_not_reinstall(project: Path) -> None:
    (project / ".venv" / ".installed-test").touch()
    result = _dev(project, "run", "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert _pip_calls(project) == []


def test_a_changed_pyproject_reinstalls(project: Path) -> None:
    stamp = project / ".venv" / ".installed"
    stamp.touch()
    os.utime(stamp, (1_000_000, 1_000_000))
    result = _dev(project, "run")
    assert result.stdout.splitlines() == ["dev.sh: Installing the app into .venv"]
    assert len(_pip_calls(project)) == 1


def test_a_failing_step_shows_its_output(project: Path) -> None:
    (project / ".venv" / "pip-fails").touch()
    result = _dev(project, "run")
    assert result.returncode == 3
    assert "pip says line 40" in result.stderr
    assert "dev.sh: failed (exit 3)" in result.stderr
    assert not (project / ".venv" / ".installed").exists()
