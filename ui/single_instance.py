"""One running ChannelDesk per data folder.

Two windows on one database would each think they own the outbox and the document counters,
so a second start does not open the database: it asks the running instance to bring its window
forward and exits. The lock is a `QLockFile` in the data folder (Qt clears it when the process
that held it has died, so a crash never locks the clerk out); the "raise" request travels over a
`QLocalServer` whose name is derived from the data folder's path (a named pipe on Windows, a
socket file on Linux).
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

LOCK_FILE = "channeldesk.lock"
RAISE_MESSAGE = b"raise\n"
CONNECT_TIMEOUT_MS = 1000


def server_name(data_dir: Path) -> str:
    """A per-folder name, short enough for a Unix socket path and free of path characters."""
    key = str(Path(data_dir).resolve()).casefold().encode("utf-8")
    return "ChannelDesk-" + hashlib.sha256(key).hexdigest()[:20]


class SingleInstance(QObject):
    """`acquire()` once at start-up: True means carry on; False means another instance runs
    (it has been asked to raise its window) and this one should exit 0."""

    raise_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.name = server_name(self.data_dir)
        self._lock: QLockFile | None = None
        self._server: QLocalServer | None = None

    @property
    def is_primary(self) -> bool:
        return self._server is not None

    def acquire(self) -> bool:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        lock = QLockFile(str(self.data_dir / LOCK_FILE))
        # 0 = never treat a lock as stale by age: a clerk's session runs for days. A lock left
        # by a crashed process is still taken over, because its process id is gone.
        lock.setStaleLockTime(0)
        if not lock.tryLock(100):
            log.info("ChannelDesk already runs on %s; asking it to come forward", self.data_dir)
            self.ask_running_instance_to_raise()
            return False
        self._lock = lock
        self._listen()
        return True

    def ask_running_instance_to_raise(self) -> bool:
        """True when the running instance received the request."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            log.warning("the running instance did not answer: %s", socket.errorString())
            return False
        socket.write(RAISE_MESSAGE)
        sent = socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        socket.disconnectFromServer()
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            socket.waitForDisconnected(CONNECT_TIMEOUT_MS)
        return sent

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def _listen(self) -> None:
        server = QLocalServer(self)
        # We hold the lock, so a socket file left by a crashed instance is stale: remove it.
        QLocalServer.removeServer(self.name)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # Still the only instance (we hold the lock); only the raise request is lost.
            log.warning("cannot listen on %s: %s", self.name, server.errorString())
            return
        server.newConnection.connect(self._accept)
        self._server = server

    def _accept(self) -> None:
        while self._server is not None and self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            if bytes(socket.readLine().data()) == RAISE_MESSAGE:
                self.raise_requested.emit()


def bring_to_front(window: QWidget) -> None:
    """Show a minimised or hidden window and give it the focus."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
