"""The demo's HQ: the real server (`channeldesk-hq serve`) in a child process on 127.0.0.1,
started and stopped by the demo, with its output in a log file beside its database."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 10.0


class HQStartFailed(RuntimeError):
    pass


class HQProcess:
    def __init__(self, folder: Path, proc: subprocess.Popen, port: int, log: Path) -> None:
        self.folder, self.proc, self.port, self.log = folder, proc, port, log

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @classmethod
    def launch(cls, folder: Path, port: int = 0) -> HQProcess:
        """Start serving the HQ database in `folder` on `port` (0: a free one) and return at
        once; `wait_ready` waits until HQ accepts connections."""
        port_file, log = folder / "hq.port", folder / "hq.log"
        port_file.unlink(missing_ok=True)
        with log.open("ab") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "server.cli", "--data-dir", str(folder), "serve",
                 "--host", "127.0.0.1", "--port", str(port), "--port-file", str(port_file)],
                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        return cls(folder, proc, 0, log)

    def wait_ready(self) -> HQProcess:
        """Raises HQStartFailed (naming the log) if HQ does not answer in START_TIMEOUT_S;
        the process is stopped then."""
        try:
            self.port = _wait_for_port(self.proc, self.folder / "hq.port")
            _wait_for_connection(self.proc, self.port)
        except HQStartFailed as failed:
            self.stop()
            raise HQStartFailed(f"{failed}; see {self.log}") from None
        return self

    @classmethod
    def start(cls, folder: Path, port: int = 0) -> HQProcess:
        return cls.launch(folder, port).wait_ready()

    def running(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        """Ask HQ to stop; kill it if it has not within STOP_TIMEOUT_S."""
        if self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(STOP_TIMEOUT_S)


def _wait_for_port(proc: subprocess.Popen, port_file: Path) -> int:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        text = port_file.read_text().strip() if port_file.exists() else ""
        if text:
            return int(text)
        if proc.poll() is not None:
            raise HQStartFailed(f"HQ stopped at start (exit code {proc.returncode})")
        time.sleep(0.05)
    raise HQStartFailed(f"HQ did not start within {START_TIMEOUT_S:.0f} s")


def _wait_for_connection(proc: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), 0.5).close()
            return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise HQStartFailed(f"HQ does not answer on port {port}") from None
            time.sleep(0.05)


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True
