"""Entry script of the frozen ChannelDesk bundle (PyInstaller starts here).

It only hands over to `app.cli.main()`, the same code `channeldesk` runs from a source checkout.
"""

from __future__ import annotations

import multiprocessing
import os
import sys


def main() -> int:
    # The batch printer renders large batches in worker processes; in a frozen program each
    # worker starts this same executable, and freeze_support() turns it into a worker instead of
    # a second desktop. It must run before anything else.
    multiprocessing.freeze_support()
    # A windowed Windows build has no console: print() would fail on a None stream.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    from app.cli import main as cli_main

    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
