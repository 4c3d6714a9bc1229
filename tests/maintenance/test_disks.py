"""The small disks of the fault tests fail loudly where they cannot be made: a machine that
cannot mount must not pass the disk-full and read-only tests by skipping them."""

from __future__ import annotations

import subprocess

import pytest

from tests.maintenance import disks


def _no_mount_binary(*args, **kwargs):
    raise FileNotFoundError("mount")


def _mount_refused(*args, **kwargs):
    return subprocess.CompletedProcess(args, 32, "", "mount: only root can use --types option")


@pytest.mark.parametrize(("fake", "said"), [
    (_mount_refused, "lacks the right to mount file systems: run the tests as root"),
    (_no_mount_binary, "has no `mount` command"),
])
def test_a_machine_that_cannot_mount_fails_the_test_and_says_what_it_lacks(
        tmp_path, monkeypatch, fake, said):
    monkeypatch.setattr(disks.subprocess, "run", fake)
    with pytest.raises(pytest.fail.Exception, match=said), disks.small_disk(tmp_path, 64):
        pass


def test_a_small_disk_fills_up_and_frees_again(tmp_path):
    with disks.small_disk(tmp_path, 256) as disk:
        disks.fill_up(disk, leave_bytes=8192)
        with pytest.raises(OSError, match="No space left"):
            (disk / "big").write_bytes(b"x" * 64 * 1024)
        disks.free_up(disk)
        (disk / "big").write_bytes(b"x" * 64 * 1024)
