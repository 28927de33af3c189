"""A second launch hands over to the first; a socket left by a crash does not block; two
launches racing each other never both run."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtNetwork import QLocalServer
from pytestqt.qtbot import QtBot

from planner.ui.single_instance import (
    ask_running_instance_to_activate,
    claim_instance,
    hand_over,
    server_name,
)


def assert_a_second_launch_is_heard(name: str, qtbot: QtBot) -> None:
    """Listen on ``name``, ask as a second launch would, wait for the request, close."""
    instance = claim_instance(name)
    assert instance is not None
    try:
        with qtbot.waitSignal(instance.activation_requested, timeout=5000):
            assert ask_running_instance_to_activate(name)
    finally:
        instance.close()


def test_a_second_launch_asks_the_first_to_come_forward(data_dir: Path, qtbot: QtBot) -> None:
    assert_a_second_launch_is_heard(server_name(data_dir), qtbot)


def test_nobody_answers_when_no_instance_runs(data_dir: Path) -> None:
    assert not ask_running_instance_to_activate(server_name(data_dir))


def test_a_stale_socket_from_a_crash_is_replaced(data_dir: Path, qtbot: QtBot) -> None:
    name = server_name(data_dir)
    crashed = QLocalServer()
    assert crashed.listen(name)
    socket_path = Path(crashed.fullServerName())
    # A crash leaves the socket file behind with nobody listening on it.
    crashed.setParent(None)
    crashed.close()
    socket_path.touch()
    assert not ask_running_instance_to_activate(name)

    assert_a_second_launch_is_heard(name, qtbot)


def test_each_data_folder_has_its_own_instance(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")


def test_while_one_launch_holds_the_lock_another_cannot_claim(data_dir: Path, qtbot: QtBot) -> None:
    name = server_name(data_dir)
    first = claim_instance(name)
    assert first is not None
    try:
        assert claim_instance(name) is None  # the race's loser...
        with qtbot.waitSignal(first.activation_requested, timeout=5000):
            assert hand_over(name, timeout_s=2)  # ...asks the winner to come forward
    finally:
        first.close()
    again = claim_instance(name)  # and once the first has quit, a launch runs again
    assert again is not None
    again.close()


def test_a_second_launch_never_removes_a_live_instances_socket(data_dir: Path) -> None:
    name = server_name(data_dir)
    first = claim_instance(name)
    assert first is not None
    try:
        for _ in range(3):
            assert claim_instance(name) is None
        assert ask_running_instance_to_activate(name)
    finally:
        first.close()


def test_two_launches_at_once_leave_one_app_running(data_dir: Path) -> None:
    command = [sys.executable, "main.py", "--data-dir", str(data_dir)]
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    root = Path(__file__).resolve().parents[2]
    launches = [
        subprocess.Popen(command, cwd=root, env=environment, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    try:
        deadline = time.monotonic() + 60
        while all(p.poll() is None for p in launches) and time.monotonic() < deadline:
            time.sleep(0.1)
        finished = [p for p in launches if p.poll() is not None]
        assert len(finished) == 1, "exactly one launch hands over and exits"
        out, _ = finished[0].communicate(timeout=10)
        assert finished[0].returncode == 0
        assert "already" in out
        time.sleep(1)
        assert sum(p.poll() is None for p in launches) == 1
    finally:
        for process in launches:
            process.terminate()
            process.communicate(timeout=30)
