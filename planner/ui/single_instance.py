"""One running app per data folder: a second launch brings the first window forward.

The first launch takes a lock file; only the holder of the lock listens on the local
socket (and may remove a socket file a crash left behind). A launch that cannot take the
lock asks the holder to come forward, retrying while the holder may still be starting, so
two launches racing each other never both run.
"""

from __future__ import annotations

import getpass
import hashlib
import time
from pathlib import Path

from PySide6.QtCore import QDir, QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

ACTIVATE = b"activate\n"
CONNECT_TIMEOUT_MS = 500
HAND_OVER_TIMEOUT_S = 10.0


def server_name(data_dir: Path) -> str:
    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return f"study-planner-{getpass.getuser()}-{digest}"


def ask_running_instance_to_activate(name: str) -> bool:
    """True if an instance answered on ``name`` and was asked to come forward."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    socket.write(ACTIVATE)
    socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    socket.disconnectFromServer()
    return True


def hand_over(name: str, timeout_s: float = HAND_OVER_TIMEOUT_S) -> bool:
    """Ask the instance holding the lock to come forward, waiting for it to listen if it
    is still starting. False if it never answered."""
    deadline = time.monotonic() + timeout_s
    while True:
        if ask_running_instance_to_activate(name):
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)


def claim_instance(name: str) -> SingleInstance | None:
    """This launch's instance, or None when another launch holds the lock for ``name``."""
    lock = QLockFile(str(Path(QDir.tempPath()) / f"{name}.lock"))
    lock.setStaleLockTime(0)  # stale only when the process that took it is gone
    if not lock.tryLock(0):
        return None
    return SingleInstance(name, lock)


class SingleInstance(QObject):
    """Holds the lock and listens for later launches; :attr:`activation_requested` fires
    for each."""

    activation_requested = Signal()

    def __init__(self, name: str, lock: QLockFile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = lock
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        if not self._server.listen(name):
            # This launch holds the lock, so a socket file on the name was left by a
            # crash: remove it and listen again.
            QLocalServer.removeServer(name)
            if not self._server.listen(name):
                lock.unlock()
                raise OSError(f"cannot listen on {name}: {self._server.errorString()}")

    def close(self) -> None:
        self._server.close()
        self._lock.unlock()

    def _accept(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            # The message is one short line sent right after connecting: read it here
            # rather than keep per-socket callbacks alive.
            if socket.bytesAvailable() or socket.waitForReadyRead(CONNECT_TIMEOUT_MS):
                message = bytes(socket.readAll().data())
                if ACTIVATE in message:
                    self.activation_requested.emit()
            socket.abort()
            socket.deleteLater()
