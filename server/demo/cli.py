"""`channeldesk-hq demo`: build (or reopen) the demo HQ and its enrolled demo PC, print the
HQ commands that decide what waits there, open the desktop with sync running, and stop HQ
when the desktop closes (or on Ctrl+C)."""

from __future__ import annotations

import logging
import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from app.demo.sizes import Sizes

# The demo's machinery (services, sync, HQ models) is imported when the command runs, not
# whenever `channeldesk-hq` builds its parser.
if TYPE_CHECKING:
    from server.demo.world import DemoWorld, Waiting

FOLDER_NAME = "demo-hq"
REJECT_PO_REASON = "超出本月额度"
REJECT_FILING_REASON = "不在经营区域"


def add_command(sub) -> None:
    sizes = Sizes()
    parser = sub.add_parser(
        "demo", help="start a demo HQ and a demo PC enrolled with it, and open the desktop",
        description="Start a demo HQ (its own SQLite database) and a demo PC enrolled with it, "
        "whose history HQ already holds; print the commands that decide the filings and "
        "purchase orders waiting at HQ; open the desktop with sync running. --data-dir "
        f"chooses the demo folder (default: ChannelDesk's data folder/{FOLDER_NAME}).")
    parser.add_argument("--port", type=int, default=0,
                        help="HQ's port on 127.0.0.1 (default: the port of the last run, or a free one)")
    parser.add_argument("--fresh", action="store_true", help="discard the demo and build it again")
    parser.add_argument("--products", type=int, default=sizes.products,
                        help=f"products in the brand's catalog (default {sizes.products}; when building)")
    parser.add_argument("--outlets", type=int, default=sizes.outlets,
                        help=f"outlets of the demo distributor (default {sizes.outlets}; when building)")
    parser.add_argument("--orders", type=int, default=sizes.orders,
                        help=f"sales orders of the demo PC's day (default {sizes.orders}; when building)")
    parser.add_argument("--no-desktop", action="store_true",
                        help="do not open the desktop; keep HQ running until Ctrl+C")
    parser.set_defaults(func=run, manages_database=True)


def run(args) -> int:
    from app.config import default_data_dir
    from app.errors import ChannelDeskError, describe
    from server.demo import world as demo
    from server.demo.process import HQStartFailed

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.db:
        print("error: the demo makes its own HQ database; choose its folder with --data-dir",
              file=sys.stderr)
        return 2
    folder = Path(args.data_dir) if args.data_dir else default_data_dir() / FOLDER_NAME
    _stop_on_sigterm()
    try:
        world = _start(folder, args)
    except KeyboardInterrupt:
        return 130
    except (demo.DemoFailed, HQStartFailed, ChannelDeskError, LookupError, ValueError) as exc:
        text = describe(exc) if isinstance(exc, ChannelDeskError) else str(exc)
        print(f"error: the demo could not start: {text}", file=sys.stderr)
        return 1
    try:
        print(guide(world, demo.waiting_at_hq(folder), desktop=not args.no_desktop), flush=True)
        return _wait_for_hq(world) if args.no_desktop else open_desktop(world)
    except KeyboardInterrupt:
        return 130
    finally:
        world.close()
        print("HQ stopped.", flush=True)


def _stop_on_sigterm() -> None:
    """A terminated demo still stops its HQ (the `finally` of `run`)."""
    def interrupt(_signum, _frame):
        raise KeyboardInterrupt

    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, interrupt)


def _start(folder: Path, args) -> DemoWorld:
    from server.demo import world as demo

    if demo.is_built(folder) and not args.fresh:
        print(f"reopening the demo in {folder}", file=sys.stderr)
        return demo.open_world(folder, port=args.port)
    sizes = Sizes(products=args.products, outlets=args.outlets, orders=args.orders)
    print(f"building the demo in {folder} ...", file=sys.stderr)
    return demo.build_world(folder, port=args.port, sizes=sizes,
                            say=lambda text: print(f"  {text}", file=sys.stderr, flush=True))


def open_desktop(world: DemoWorld) -> int:
    """The desktop on the demo PC, in its own process (it is the `channeldesk --demo` of the
    demo folder); returns its exit code."""
    desktop = subprocess.Popen([sys.executable, "-m", "app", "--data-dir", str(world.folder), "--demo"])
    try:
        return desktop.wait()
    except KeyboardInterrupt:
        desktop.terminate()
        desktop.wait(10)
        raise


def _wait_for_hq(world: DemoWorld) -> int:
    while world.hq.running():
        time.sleep(0.5)
    print(f"HQ stopped by itself; see {world.hq.log}", file=sys.stderr)
    return 1


# -- the guide ---------------------------------------------------------------------------------

def _program(script_name: str, module: str) -> list[str]:
    """A command of this installation: its script beside this Python, else `python -m`."""
    script = Path(sys.executable).with_name(script_name + (".exe" if os.name == "nt" else ""))
    return [str(script)] if script.exists() else [sys.executable, "-m", module]


def hq_command(folder: Path) -> list[str]:
    """The `channeldesk-hq` of this installation, pointed at the demo's HQ database."""
    return [*_program("channeldesk-hq", "server.cli"), "--data-dir", str(folder)]


def pc_sync_command(world: DemoWorld) -> list[str]:
    return [*_program("channeldesk", "app"), "sync", "--db", str(world.pc_path)]


def _line(words: list[str]) -> str:
    return subprocess.list2cmdline(words) if os.name == "nt" else shlex.join(words)


def decisions(folder: Path, waiting: Waiting) -> list[tuple[str, list[str]]]:
    """(what it does, the command) for each decision waiting at HQ: the first filing and
    purchase order approved, the second rejected, the others approved."""
    from app.money import format_fen

    hq = hq_command(folder)
    steps = []
    for n, f in enumerate(waiting.filings):
        if n == 1:
            steps.append((f"reject the filing of {f.outlet_name}",
                          [*hq, "filings", "decide", f.id, "reject", "--reason", REJECT_FILING_REASON]))
        else:
            steps.append((f"approve the filing of {f.outlet_name}", [*hq, "filings", "decide", f.id, "approve"]))
    submitted = [o for o in waiting.orders if o.status == "submitted"]
    for n, o in enumerate(submitted):
        what = f"purchase order {o.number} (¥{format_fen(o.total_fen)})"
        if n == 1:
            steps.append((f"reject {what}", [*hq, "po", "reject", o.id, "--reason", REJECT_PO_REASON]))
        else:
            steps.append((f"approve {what}", [*hq, "po", "approve", o.id]))
            steps.append(("then ship it", [*hq, "po", "ship", o.id]))
    for o in waiting.orders:
        if o.status == "approved":
            steps.append((f"ship purchase order {o.number}", [*hq, "po", "ship", o.id]))
    return steps


def guide(world: DemoWorld, waiting: Waiting, *, desktop: bool = True) -> str:
    from server.demo.brand import DEMO_DISTRIBUTOR

    built = f"built in {world.built_seconds:.1f} s" if world.built_seconds else "reopened"
    check = "; data check: HQ and this PC hold the same" if world.check == "ok" else ""
    lines = [
        "",
        f"ChannelDesk demo with HQ ({built}{check})",
        f"  folder  {world.folder}",
        f"  HQ      {world.hq.url}  (log {world.hq.log})",
        f"  PC      {world.pc_path}, distributor {DEMO_DISTRIBUTOR.code} {DEMO_DISTRIBUTOR.name};"
        " the desktop opens logged in as the manager demo (log-ins demo/demo123, clerk/clerk123)",
        "",
    ]
    steps = decisions(world.folder, waiting)
    if steps:
        lines.append("Decide at HQ: copy a line into another terminal. The desktop shows each decision "
                     "after its next sync (within a minute, or at once with 同步 → 立即同步, Sync → Sync now):")
        for what, command in steps:
            lines += [f"  {what}:", f"    {_line(command)}"]
    else:
        lines.append("Nothing waits at HQ any more; run with --fresh for a new demo.")
    hq = hq_command(world.folder)
    lines += ["  what waits at HQ:", f"    {_line([*hq, 'filings', 'list', '--status', 'pending'])}",
              f"    {_line([*hq, 'po', 'list', '--status', 'submitted'])}"]
    if not desktop:
        lines += ["  sync the PC after a decision:", f"    {_line(pc_sync_command(world))}"]
    if waiting.contest:
        c = waiting.contest
        lines += ["", f"撞单 (filing conflict): {c.holder_code} {c.holder_name} holds {c.outlet_name} "
                  f"(phone {c.phone}) until {c.protected_until}; the demo PC's filing of the same shop "
                  "was answered with a conflict. File another outlet with that phone to see it again."]
    lines += ["", ("Close the desktop or press Ctrl+C here to stop HQ." if desktop
                   else "HQ keeps running: press Ctrl+C to stop it.")
              + " The same command reopens this demo; --fresh builds a new one.", ""]
    return "\n".join(lines)

