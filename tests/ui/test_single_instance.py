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


def test_a_second_launch_asks_the_first_to_come_forward(data_dir: Path, qtbot: QtBot) -> None:
    name = server_name(data_dir)
    first = SingleInstance(name)
    try:
        with qtbot.waitSignal(first.activation_requested, timeout=5000):
            assert ask_running_instance_to_activate(name)
    finally:
        first.close()


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

    recovered = SingleInstance(name)
    try:
        with qtbot.waitSignal(recovered.activation_requested, timeout=5000):
            assert ask_running_instance_to_activate(name)
    finally:
        recovered.close()


def test_each_data_folder_has_its_own_instance(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
