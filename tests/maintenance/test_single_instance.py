"""One ChannelDesk per data folder: a second start asks the first to come forward and leaves."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ui.single_instance import SingleInstance

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def instances(qtbot):
    made: list[SingleInstance] = []

    def make(data_dir: Path) -> SingleInstance:
        made.append(SingleInstance(data_dir))
        return made[-1]

    yield make
    for instance in made:
        instance.release()


def _second_process(data_dir: Path, then: str = "") -> subprocess.Popen:
    """Another ChannelDesk process starting on `data_dir`; prints whether it may run."""
    code = textwrap.dedent(f"""
        import os, sys
        from PySide6.QtCore import QCoreApplication
        from ui.single_instance import SingleInstance
        app = QCoreApplication([])
        instance = SingleInstance({str(data_dir)!r})  # kept alive: it holds the lock
        print("primary" if instance.acquire() else "secondary", flush=True)
        {then}
    """)
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE,
                            text=True)


def test_a_second_instance_on_the_same_folder_is_refused_and_raises_the_first(
        instances, qtbot, tmp_path):
    first = instances(tmp_path)
    assert first.acquire()
    with qtbot.waitSignal(first.raise_requested, timeout=5000):
        assert not instances(tmp_path).acquire()


def test_a_second_process_exits_and_the_running_one_comes_forward(instances, qtbot, tmp_path):
    first = instances(tmp_path)
    assert first.acquire()
    with qtbot.waitSignal(first.raise_requested, timeout=10000):
        second = _second_process(tmp_path)
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=20000)
    assert second.stdout.read().strip() == "secondary"


def test_other_data_folders_run_side_by_side(instances, tmp_path):
    assert instances(tmp_path / "shop-a").acquire()
    assert instances(tmp_path / "shop-b").acquire()


def test_the_folder_is_free_again_after_release(instances, tmp_path):
    first = instances(tmp_path)
    assert first.acquire()
    first.release()
    assert instances(tmp_path).acquire()


def test_a_crashed_instance_does_not_lock_the_clerk_out(instances, tmp_path):
    crashed = _second_process(tmp_path, then="os._exit(9)")  # dies without any clean-up
    assert crashed.stdout.readline().strip() == "primary"
    crashed.wait(20)
    assert (tmp_path / "channeldesk.lock").exists()  # left behind by the killed process
    assert instances(tmp_path).acquire()
