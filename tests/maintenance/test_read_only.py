"""A data folder on a read-only disk (a tmpfs remounted read-only: as root, chmod would not
stop a write): the desktop and the command line say so in the user's words at start,
instead of a traceback or of calling the database damaged or "not a ChannelDesk database"."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.maintenance.disks import small_disk

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}

# Starts the desktop as `channeldesk` does, answering the first message box it shows (and
# printing its text), so that a start that waits for the clerk cannot hang the test.
DESKTOP = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from ui.app import make_qapp

app = make_qapp()

def answer():
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        print("MESSAGE " + " ".join(box.text().split()), flush=True)
        box.done(0)
    QTimer.singleShot(50, answer)

QTimer.singleShot(50, answer)
from ui.main import run
print("EXIT", run(Path(sys.argv[1])), flush=True)
"""


def _desktop(data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", DESKTOP, str(data_dir)], cwd=ROOT, env=ENV,
                          capture_output=True, text=True, timeout=120)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, env=ENV,
                          capture_output=True, text=True, timeout=120)


def _with_database(template: Path, language: str | None = None):
    def put(disk: Path) -> None:
        shutil.copy(template, disk / "channeldesk.db")
        if language:
            (disk / "ui.ini").write_text(f"[ui]\nlanguage={language}\n", encoding="utf-8")
    return put


def test_the_desktop_says_in_chinese_that_an_empty_read_only_folder_cannot_be_used(tmp_path):
    with small_disk(tmp_path, 1024, then_read_only=lambda disk: None) as disk:
        started = _desktop(disk)
    assert "Traceback" not in started.stderr, started.stderr
    assert started.stdout.splitlines() == [
        f"MESSAGE ChannelDesk 无法写入 {disk}：该文件夹或所在磁盘是只读的。请检查磁盘是否被写保护、"
        "您是否有权写入该文件夹，或用另一个数据文件夹启动 ChannelDesk。",
        "EXIT 2",
    ], started.stderr


def test_the_desktop_says_it_in_english_for_a_read_only_folder_holding_a_database(
        tmp_path, db_path):
    with small_disk(tmp_path, 4096, then_read_only=_with_database(db_path, "en")) as disk:
        started = _desktop(disk)
        assert (disk / "channeldesk.db").read_bytes() == db_path.read_bytes()
    assert "Traceback" not in started.stderr, started.stderr
    lines = started.stdout.splitlines()
    assert lines[-1] == "EXIT 2" and len(lines) == 2, started.stdout + started.stderr
    assert lines[0].startswith(f"MESSAGE ChannelDesk cannot write to {disk}: the folder or "
                               "its disk is read-only.")
    assert "damaged" not in lines[0]


@pytest.mark.parametrize("command", [
    ("db", "check"), ("db", "upgrade"), ("sync",), ("demo",), ("backup", "{out}/copy.db"),
])
def test_each_command_says_the_data_folder_is_read_only(tmp_path, db_path, command):
    out = tmp_path / "out"
    out.mkdir()
    with small_disk(tmp_path, 4096, then_read_only=_with_database(db_path)) as disk:
        ran = _cli("--data-dir", str(disk), *(part.format(out=out) for part in command))
    assert "Traceback" not in ran.stderr, ran.stderr
    assert ran.returncode in (1, 2), ran.stdout + ran.stderr
    said = ran.stdout + ran.stderr
    assert f"ChannelDesk cannot write to {disk}" in ran.stderr, said  # (the demo: {disk}/demo)
    assert "the folder or its disk is read-only" in ran.stderr, said
    assert "not a ChannelDesk database" not in ran.stderr
    assert list(out.iterdir()) == []
