"""One running app per data folder: a second launch brings the first window forward."""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

ACTIVATE = b"activate\n"
CONNECT_TIMEOUT_MS = 500


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


class SingleInstance(QObject):
    """Listens for later launches; :attr:`activation_requested` fires for each."""

    activation_requested = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        if not self._server.listen(name):
            # Nobody answered on the name (checked before), so the socket file is left
            # over from a crash: remove it and listen again.
            QLocalServer.removeServer(name)
            if not self._server.listen(name):
                raise OSError(f"cannot listen on {name}: {self._server.errorString()}")

    def close(self) -> None:
        self._server.close()

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
