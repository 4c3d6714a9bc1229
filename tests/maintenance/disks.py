"""Small real disks for the fault tests: a tmpfs mounted in the test's temporary folder,
filled up on purpose or remounted read-only.

Mounting needs root (or CAP_SYS_ADMIN); CI runs as root on Debian. When the mount fails the
test fails and says what the machine lacks; it never skips, so a machine that cannot run
these tests cannot pass them quietly either.
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

CHUNK = 64 * 1024


@contextlib.contextmanager
def small_disk(parent: Path, size_kib: int, *, then_read_only: Callable[[Path], None] | None = None
               ) -> Iterator[Path]:
    """A tmpfs of `size_kib` KiB mounted at `parent`/disk, unmounted afterwards. With
    `then_read_only`, that function puts files on the disk, then it is remounted read-only."""
    mount_point = parent / "disk"
    mount_point.mkdir()
    _run(["mount", "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0755", "tmpfs", str(mount_point)],
         what="mount a small tmpfs")
    try:
        if then_read_only is not None:
            then_read_only(mount_point)
            _run(["mount", "-o", "remount,ro", str(mount_point)], what="remount a tmpfs read-only")
        yield mount_point
    finally:
        # Lazy: a connection a failing test left open must not keep the mount alive.
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


def _run(command: list[str], *, what: str) -> None:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except FileNotFoundError:
        pytest.fail(f"this test needs to {what}, but the machine has no `{command[0]}` "
                    "command (Debian: apt-get install mount)")
    if result.returncode != 0:
        pytest.fail(f"this test needs to {what} (`{' '.join(command)}`), which failed: "
                    f"{result.stderr.strip() or result.returncode}. The machine lacks the "
                    "right to mount file systems: run the tests as root, or in a container "
                    "started with CAP_SYS_ADMIN (CI runs them as root)")


def fill_up(folder: Path, *, leave_bytes: int = 0) -> Path:
    """Write a filler file in `folder` until the disk is full, then give `leave_bytes` back
    (rounded by the file system to whole pages). Returns the filler; delete it to free up."""
    filler = folder / f"filler-{len(list(folder.glob('filler-*')))}"
    handle = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        block = b"\0" * CHUNK
        size = 0
        while True:
            try:
                size += os.write(handle, block)
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
                if len(block) == 1:
                    break
                block = block[: len(block) // 2]
        os.ftruncate(handle, max(0, size - leave_bytes))
    finally:
        os.close(handle)
    return filler


def free_up(folder: Path) -> None:
    for filler in folder.glob("filler-*"):
        filler.unlink()
