"""`channeldesk enroll URL CODE` and `channeldesk sync [--watch] [--interval S]`.

The main `channeldesk` parser calls add_commands(subparsers); `python -m app.sync.cli` runs
the same commands on their own.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from app.errors import ChannelDeskError, describe


def add_commands(subparsers) -> None:
    enroll = subparsers.add_parser("enroll", help="connect this PC to HQ with a one-time code")
    enroll.add_argument("url", help="HQ address, e.g. https://hq.example.com")
    enroll.add_argument("code", help="one-time enrollment code from HQ")
    enroll.add_argument("--insecure", action="store_true",
                        help="do not verify HQ's TLS certificate (testing only)")
    _db_option(enroll)
    enroll.set_defaults(func=run_enroll, handler=run_enroll)

    sync = subparsers.add_parser("sync", help="sync with HQ once (or keep syncing)")
    sync.add_argument("--watch", action="store_true", help="keep syncing on an interval")
    sync.add_argument("--interval", type=float, default=60.0, help="seconds between syncs")
    sync.add_argument("--stall-timeout", type=float, default=30.0, help=argparse.SUPPRESS)
    _db_option(sync)
    sync.set_defaults(func=run_sync, handler=run_sync)


def _db_option(parser) -> None:
    # The main parser has --data-dir; --db names one database file directly.
    try:
        parser.add_argument("--db", dest="sync_db", help="database file (default: data folder)")
    except argparse.ArgumentError:
        pass


def _db_path(args) -> Path:
    from app.config import database_path

    for name in ("sync_db", "db", "database"):
        value = getattr(args, name, None)
        if value:
            return Path(value)
    data_dir = getattr(args, "data_dir", None)
    return database_path(Path(data_dir) if data_dir else None)


def _open(args):
    from app.store import Store

    return Store.open(_db_path(args))


def run_enroll(args) -> int:
    from app.sync.setup import enroll

    try:
        with _open(args) as store:
            result = enroll(store.ctx, args.url, args.code, verify=not args.insecure)
    except ChannelDeskError as exc:
        print(f"enroll failed: {describe(exc)}", file=sys.stderr)
        return 1
    where = "the system keyring" if result.token_stored_in == "keyring" else "a private file"
    print(f"enrolled as device {result.device_id} of {result.distributor_code} "
          f"{result.distributor_name}; token kept in {where}")
    return 0


def run_sync(args) -> int:
    from app.sync.setup import make_engine

    try:
        with _open(args) as store:
            engine = make_engine(store.ctx, stall_timeout=args.stall_timeout)
            if args.watch:
                engine.run_forever(args.interval, on_report=_print_report)
                return 0
            report = engine.run_once()
            _print_report(report)
            _print_status(engine.status())
            return 0 if report.ok else 1
    except ChannelDeskError as exc:
        print(f"sync failed: {describe(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


INTEGRITY_WORDS = {
    "ok": "this PC equals HQ",
    "repaired": "this PC differed from HQ and was repaired by re-reading HQ's data",
    "mismatch": "this PC still differs from HQ after re-reading its data; support must look",
}


def _print_report(report) -> None:
    from app.errors import SyncError

    state = "ok" if report.ok else "FAILED: " + describe(SyncError(report.error_id, **report.error_params))
    print(f"sync {state} | pushed {report.pushed}, duplicates {report.duplicates}, "
          f"parked {report.parked}, filing conflicts {report.conflicts}, pulled {report.pulled}, "
          f"skipped {report.skipped} | {report.requests} requests, {report.bytes} bytes, "
          f"{report.seconds:.2f} s", flush=True)
    if report.integrity:
        print(f"integrity check with HQ: {INTEGRITY_WORDS[report.integrity]}", flush=True)


def _print_status(status) -> None:
    print(f"pending {status.pending_count}, parked {len(status.parked)}, "
          f"last success {status.last_success_at or 'never'}")
    for op in status.parked:
        print(f"  parked {op.op_type} {op.entity_id}: {op.reason}")
    if status.inbound_waiting:
        print(f"{status.inbound_waiting} changes from HQ wait for rows that have not arrived yet")
    if status.integrity_ok is False:
        print(f"WARNING: the last integrity check ({status.integrity_checked_at}) found this PC "
              f"different from HQ in: {', '.join(status.integrity_streams)}; re-reading HQ's data "
              "did not fix it, nothing was deleted. Please contact support.")
    if status.clock_warning:
        print(f"warning: this PC's clock is {status.clock_skew_s:+.0f} s off HQ's time")


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = argparse.ArgumentParser(prog="channeldesk")
    add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
