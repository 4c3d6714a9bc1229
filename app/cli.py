"""`channeldesk` command line: the desktop by default, plus demo, backup, restore, db and sync.

Qt, Alembic and the document engine are imported only by the commands that need them, so
that scripted commands start quickly.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from app.config import backup_dir, database_path, default_data_dir, demo_database_path
from app.errors import ChannelDeskError, describe


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="channeldesk",
        description="ChannelDesk: offline-first desktop for distributors. "
        "Without a command it opens the desktop.",
    )
    parser.add_argument("--data-dir", type=Path, default=None, help="data folder (default: per-user)")
    parser.add_argument("--demo", action="store_true", help="open the desktop on the demo database")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--self-check", action="store_true",
                        help="open the demo database and the main window, render a delivery "
                        "note, and exit 0 if all is well (used to test a build)")
    commands = parser.add_subparsers(dest="command")

    demo = commands.add_parser("demo", help="build (or reuse) the demo database and summarise it")
    demo.add_argument("--products", type=int, default=None)
    demo.add_argument("--outlets", type=int, default=None)
    demo.add_argument("--orders", type=int, default=None)
    demo.add_argument("--fresh", action="store_true", help="discard an existing demo database first")
    demo.add_argument("--json", action="store_true", help="print the summary as JSON")
    demo.set_defaults(handler=cmd_demo)

    backup = commands.add_parser("backup", help="copy the database to FILE (safe while in use)")
    backup.add_argument("file", type=Path)
    backup.set_defaults(handler=cmd_backup)

    restore = commands.add_parser("restore", help="replace the database with a backup FILE")
    restore.add_argument("file", type=Path)
    restore.set_defaults(handler=cmd_restore)

    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    upgrade = db_commands.add_parser("upgrade", help="back up, then upgrade to this version's schema")
    upgrade.set_defaults(handler=cmd_db_upgrade)
    check = db_commands.add_parser("check", help="check the database file for damage")
    check.set_defaults(handler=cmd_db_check)

    _add_optional_commands(commands)
    return parser


def _add_optional_commands(commands) -> None:
    """Commands of other parts (sync, printing) register themselves when present."""
    for module in ("app.sync.cli", "app.print_cli"):
        try:
            imported = __import__(module, fromlist=["add_commands"])
        except ImportError:
            continue
        imported.add_commands(commands)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--self-check" in argv:
        # The bundle's smoke test: its own small option set, so it never opens real data.
        from app.selfcheck import main as self_check

        return self_check(argv)
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING)
    args.data_dir = args.data_dir or default_data_dir()
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            return run_desktop(args)
        return handler(args) or 0
    except ChannelDeskError as error:
        print(f"error: {describe(error)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def run_desktop(args) -> int:
    try:
        from ui.main import run
    except ImportError as error:
        print(f"error: the desktop is not available ({error})", file=sys.stderr)
        return 1
    code = run(args.data_dir, args.demo)
    # Everything is committed and closed by now. PySide6 can abort in Python's final garbage
    # collection ("bool_dealloc"), which would show the clerk a crash report after a clean
    # exit: flush the logs and leave without it.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def cmd_demo(args) -> int:
    from app.demo import build_demo, demo_summary

    path = demo_database_path(args.data_dir)
    sizes = {k: getattr(args, k) for k in ("products", "outlets", "orders") if getattr(args, k)}
    if args.fresh and path.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    if not path.exists() or sizes:
        if path.exists():
            print(f"error: a demo database already exists at {path}; add --fresh to rebuild it",
                  file=sys.stderr)
            return 2
        print(f"building the demo database at {path} ...", file=sys.stderr)
        build_demo(path, progress=lambda text: print(f"  {text}", file=sys.stderr), **sizes)
    summary = demo_summary(path)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2, default=str))
    else:
        print(f"ChannelDesk demo database: {path}")
        _print_summary(summary)
    return 0


def _print_summary(summary: dict, indent: str = "  ") -> None:
    for key, value in summary.items():
        if isinstance(value, dict):
            print(f"{indent}{key}:")
            _print_summary(value, indent + "  ")
        else:
            print(f"{indent}{key}: {value}")


def cmd_backup(args) -> int:
    from app.db.backup import backup_database, check_channeldesk_file

    source = database_path(args.data_dir)
    check_channeldesk_file(source)
    target = backup_database(source, args.file.resolve())
    print(f"backed up {source} to {target}")
    return 0


def cmd_restore(args) -> int:
    from app.db.backup import restore_database

    target = database_path(args.data_dir)
    safety = restore_database(args.file.resolve(), target, safety_dir=backup_dir(args.data_dir))
    if safety:
        print(f"the previous database was saved as {safety}")
    print(f"restored {args.file} into {target}")
    return 0


def cmd_db_upgrade(args) -> int:
    from app.db.migrate import ensure_schema

    path = database_path(args.data_dir)
    outcome = ensure_schema(path, backup_dir=backup_dir(args.data_dir))
    print({"current": "already up to date", "created": "created", "upgraded": "upgraded"}[outcome]
          + f": {path}")
    return 0


def cmd_db_check(args) -> int:
    from app.db.backup import check_channeldesk_file

    path = database_path(args.data_dir)
    check_channeldesk_file(path)
    print(f"ok: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
