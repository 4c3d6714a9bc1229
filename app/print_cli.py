"""`channeldesk print` and `channeldesk print-batch`: documents as PDF files from scripts.

    channeldesk print delivery-note DN-D01-20261127-0007 --out note.pdf --paper 241x140
    channeldesk print statement HY001 --from 2026-11-01 --to 2026-11-30 --out st.pdf
    channeldesk print-batch --date 2026-11-27 --out morning.pdf

A print is logged and counted like one from the desktop (`--preview` writes the file without
logging). No Qt here: this runs on servers and in scheduled tasks.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from app.services.printing import BATCH_STATUSES, KIND_ALIASES

_PAPER_HELP = "A4, A5, 241x140 (二等分) or 241x93 (三等分); default A4 or the profile's"


def add_commands(subparsers) -> None:
    single = subparsers.add_parser("print", help="write a document as a PDF file")
    single.add_argument("type", choices=sorted(KIND_ALIASES))
    single.add_argument("number", nargs="?", default=None,
                        help="document number (statement: the outlet code)")
    single.add_argument("--outlet", default=None, help="statement: outlet code")
    single.add_argument("--from", dest="date_from", type=dt.date.fromisoformat, default=None,
                        help="statement period start (default: first of the month)")
    single.add_argument("--to", dest="date_to", type=dt.date.fromisoformat, default=None,
                        help="statement period end (default: today)")
    single.add_argument("--preview", action="store_true",
                        help="write the file without logging a print")
    _add_output_options(single)
    single.set_defaults(handler=cmd_print)

    batch = subparsers.add_parser("print-batch",
                                  help="delivery notes of one day's orders as one PDF")
    batch.add_argument("--date", type=dt.date.fromisoformat, default=None,
                       help="YYYY-MM-DD (default: today)")
    batch.add_argument("--status", choices=BATCH_STATUSES, default="shipped",
                       help="shipped: notes of orders shipped that day; confirmed: orders "
                       "confirmed for that day and not shipped yet")
    _add_output_options(batch)
    batch.set_defaults(handler=cmd_print_batch)


def _add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, required=True, help="PDF file to write")
    parser.add_argument("--paper", default=None, help=_PAPER_HELP)
    parser.add_argument("--copies", type=int, default=None)
    parser.add_argument("--profile", default=None, help="printer profile name")


def cmd_print(args) -> int:
    number = args.number or args.outlet
    if not number:
        print("error: give the document number (or --outlet for a statement)", file=sys.stderr)
        return 2
    with _open(args) as store:
        options = {"paper": args.paper, "profile_name": args.profile, "copies": args.copies,
                   "date_from": args.date_from, "date_to": args.date_to}
        pdf = (store.printing.preview(args.type, number, **options) if args.preview
               else store.printing.render(args.type, number, **options).pdf)
    _write(args.out, pdf)
    print(f"wrote {args.out} ({args.type} {number}{', preview' if args.preview else ''})")
    return 0


def cmd_print_batch(args) -> int:
    with _open(args) as store:
        candidates = store.printing.delivery_batch(args.date, args.status)
        if not candidates:
            print(f"no {args.status} orders for {args.date or 'today'}", file=sys.stderr)
            return 1
        pdf = store.printing.render_batch_delivery_notes(
            [c.order_id for c in candidates], paper=args.paper, profile_name=args.profile,
            copies=args.copies,
        ).pdf
    _write(args.out, pdf)
    print(f"wrote {args.out} ({len(candidates)} delivery notes)")
    return 0


def _open(args):
    from app.config import backup_dir, database_path
    from app.store import Store

    path = database_path(args.data_dir)
    if not path.exists():
        # Store.open would create an empty database: a typo in --data-dir must not do that.
        from app.errors import DatabaseError

        raise DatabaseError("print.database_missing", path=str(path))
    return Store.open(path, backup_dir=backup_dir(args.data_dir))


def _write(target: Path, pdf: bytes) -> None:
    """Whole file or nothing: a reader (a print spooler) never sees half a PDF, and a disk
    that fills up keeps no half of it either (StorageError says so)."""
    from app.storage import storage_errors

    partial = target.with_name(target.name + ".part")
    with storage_errors(target):
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(pdf)
            partial.replace(target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
