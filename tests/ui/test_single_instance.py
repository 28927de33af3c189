"""A second launch hands over to the first; a socket left by a crash does not block."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtNetwork import QLocalServer
from pytestqt.qtbot import QtBot

from planner.ui.single_instance import (
    SingleInstance,
    ask_running_instance_to_activate,
    server_name,
)


def assert_a_second_launch_is_heard(name: str, qtbot: QtBot) -> None:
    """Listen on ``name``, ask as a second launch would, wait for the request, close."""
    instance = SingleInstance(name)
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
