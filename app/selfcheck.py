"""`channeldesk --self-check`: prove that an installed ChannelDesk works on this PC.

It opens the demo database (building it on first use), checks it, builds the real main window
(offscreen unless QT_QPA_PLATFORM names another platform), renders a delivery note PDF through
the document engine, prints one line per step and exits 0 when every step passed. It is what CI
runs against the frozen bundle, and what support asks a clerk to run.

The core stays Qt-free: the window steps reach Qt only through `ui` modules, imported here
lazily like `app.cli` does for the desktop.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

STARTED = time.perf_counter()
WINDOW_TIMEOUT_S = 60.0
SELF_CHECK_FOLDER = "self-check"

Say = Callable[[str], None]


def reporter(data_dir: Path) -> Say:
    """Print each step, and keep the lines in `<data>/self-check/self-check.log` too: the
    windowed Windows build has no console to print to."""
    folder = Path(data_dir) / SELF_CHECK_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    log_file = folder / "self-check.log"
    log_file.write_text("", encoding="utf-8")

    def say(text: str) -> None:
        line = f"[{time.perf_counter() - STARTED:6.2f}s] {text}"
        print(line, flush=True)
        with log_file.open("a", encoding="utf-8") as out:
            out.write(line + "\n")

    return say


class CheckFailed(Exception):
    pass


def run_self_check(data_dir: Path, *, render_pdf: bool = True, say: Say | None = None) -> int:
    """Run every step; 0 when all passed, 1 otherwise (the failing step is printed)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    data_dir = Path(data_dir)
    say = say or reporter(data_dir)
    try:
        check_resources(say)
        db_path = prepare_demo_database(data_dir, say)
        open_window_and_render(data_dir, db_path, render_pdf=render_pdf, say=say)
    except Exception as error:  # noqa: BLE001 - the whole point is to report any failure
        say(f"FAILED: {type(error).__name__}: {error}")
        return 1
    say("self-check passed")
    return 0


def check_resources(say: Say) -> None:
    from app.db.migrate import migrations_dir
    from app.resources import resource_path

    frozen = bool(getattr(sys, "frozen", False))
    say(f"ok python {sys.version.split()[0]}, frozen={frozen}, executable={sys.executable}")
    required = {
        "font": resource_path("fonts", "wqy-microhei.ttc"),
        "migrations": migrations_dir() / "env.py",
    }
    if frozen:  # a source checkout compiles missing .qm files on first start
        required["translations"] = resource_path("i18n", "channeldesk_zh_CN.qm")
    missing = [f"{name} ({path})" for name, path in required.items() if not path.is_file()]
    if missing:
        raise CheckFailed("missing resources: " + ", ".join(missing))
    say(f"ok resources: {', '.join(str(p) for p in required.values())}")


def prepare_demo_database(data_dir: Path, say: Say) -> Path:
    """The desktop's demo database (the same file `channeldesk --demo` opens)."""
    from app import maintenance
    from app.config import demo_database_path

    path = demo_database_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    maintenance.setup_logging(data_dir)
    if not path.exists():
        from app.demo import build_demo

        counts = build_demo(path)
        say(f"ok demo database built: {path} ({counts['rows']} rows in {counts['seconds']} s)")
    report = maintenance.check_integrity(path, data_dir)
    if not report.ok:
        raise CheckFailed(f"demo database damaged: {report.detail}")
    say(f"ok database intact (quick_check): {path}")
    return path


def open_window_and_render(data_dir: Path, db_path: Path, *, render_pdf: bool, say: Say) -> None:
    from ui.app import prepare_qapp, show_main_window, start_store
    from ui.tasks import TaskRunner

    qapp, settings = prepare_qapp(data_dir)
    runner = TaskRunner()
    store = start_store(runner, db_path, data_dir, demo=True)
    ctx = window = None
    try:
        ctx, window = show_main_window(store, runner, settings, data_dir)
        _wait_until(qapp, lambda: window.isVisible() and store.ready, "the main window")
        store.result()  # raises here if the database did not open
        user = store.ctx.user
        say(f"ok window opened: {type(window).__name__} '{window.windowTitle()}' "
            f"{window.width()}x{window.height()} on {qapp.platformName()}, "
            f"logged in as {user.username} ({user.role})")
        if render_pdf:
            path, number, size = runner.submit_db(lambda: render_delivery_note(store, data_dir))\
                .result(WINDOW_TIMEOUT_S)
            say(f"ok pdf rendered: {path} (delivery note {number}, {size} bytes)")
        _settle(qapp, runner)
    finally:
        if ctx is not None and ctx.sync is not None:
            ctx.sync.stop()
        if window is not None:
            window.close()
        runner.shutdown()
        if store.ready and not store._opening.exception():
            store.close()


def render_delivery_note(store, data_dir: Path) -> tuple[Path, str, int]:
    """One delivery note of the demo database as a PDF file (a preview: nothing is logged)."""
    from sqlalchemy import select

    from app.db.models import DeliveryNote

    with store.ctx.read() as session:
        number = session.scalar(select(DeliveryNote.number).order_by(DeliveryNote.number)
                                .limit(1))
    if number is None:
        raise CheckFailed("the demo database has no delivery note")
    pdf = store.printing.preview("delivery-note", number)
    if not pdf.startswith(b"%PDF"):
        raise CheckFailed("the delivery note is not a PDF")
    folder = data_dir / SELF_CHECK_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "delivery-note.pdf"
    path.write_bytes(pdf)
    return path, number, len(pdf)


def _wait_until(qapp, condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WINDOW_TIMEOUT_S
    while not condition():
        if time.monotonic() > deadline:
            raise CheckFailed(f"timed out waiting for {what}")
        qapp.processEvents()
        time.sleep(0.005)


def _settle(qapp, runner) -> None:
    """Let queued database tasks (the warm-up) finish and their callbacks run before closing."""
    runner.submit_db(lambda: None).result(WINDOW_TIMEOUT_S)
    for _ in range(5):
        qapp.processEvents()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="channeldesk --self-check")
    parser.add_argument("--self-check", action="store_true")
    parser.add_argument("--demo", action="store_true", help="accepted; the check always uses "
                        "the demo database")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF step")
    parser.add_argument("--data-dir", type=Path, default=None)
    return parser


def main(argv: list[str] | None = None) -> int:
    from app.config import default_data_dir

    args = build_parser().parse_args(argv)
    return run_self_check(args.data_dir or default_data_dir(), render_pdf=not args.no_pdf)


if __name__ == "__main__":
    sys.exit(main())
