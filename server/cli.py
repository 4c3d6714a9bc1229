"""`channeldesk-hq`: run the HQ server and do HQ staff's work from the command line."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from server.db import Database, default_url


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    if getattr(args, "manages_database", False):
        return args.func(args) or 0  # `demo` makes and serves its own HQ database
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    db = Database(args.db or default_url(Path(args.data_dir) if args.data_dir else None))
    try:
        db.upgrade()
        return args.func(db, args) or 0
    except (LookupError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        db.dispose()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="channeldesk-hq", description="ChannelDesk HQ server")
    parser.add_argument("--db", help="database URL (sqlite:///file or postgresql://...)")
    parser.add_argument("--data-dir", help="folder for the default SQLite database")
    sub = parser.add_subparsers()

    serve = sub.add_parser("serve", help="run the HTTP API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--port-file", help=argparse.SUPPRESS)  # tests: where port 0 landed
    serve.set_defaults(func=_serve)

    dist = sub.add_parser("distributor", help="distributors").add_subparsers()
    add = dist.add_parser("add", help="add a distributor")
    add.add_argument("code")
    add.add_argument("name")
    add.add_argument("--region", default="")
    add.set_defaults(func=_distributor_add)

    code = sub.add_parser("enroll-code", help="issue a one-time enrollment code")
    code.add_argument("distributor", help="distributor code")
    code.set_defaults(func=_enroll_code)

    catalog = sub.add_parser("catalog", help="catalog").add_subparsers()
    _catalog_import_parser(catalog)
    tpl = catalog.add_parser("template", help="write an example catalog file to fill in")
    tpl_format = tpl.add_mutually_exclusive_group()
    tpl_format.add_argument("--xlsx", dest="as_csv", action="store_false",
                            help="an Excel workbook with a sheet explaining each column (default)")
    tpl_format.add_argument("--csv", dest="as_csv", action="store_true",
                            help="CSV in UTF-8 with a BOM (Chinese Excel opens it correctly)")
    tpl.add_argument("out", help="file to write")
    tpl.set_defaults(func=_catalog_template, as_csv=None)

    rm = catalog.add_parser("remove", help="withdraw a product (PCs archive it)")
    rm.add_argument("sku")
    rm.set_defaults(func=_catalog_remove)

    fil = sub.add_parser("filings", help="customer filings").add_subparsers()
    fl = fil.add_parser("list")
    fl.add_argument("--status")
    fl.set_defaults(func=_filings_list)
    fd = fil.add_parser("decide")
    fd.add_argument("id")
    fd.add_argument("decision", choices=["approve", "reject"])
    fd.add_argument("--reason", default="")
    fd.set_defaults(func=_filings_decide)

    po = sub.add_parser("po", help="purchase orders").add_subparsers()
    pl = po.add_parser("list")
    pl.add_argument("--status")
    pl.set_defaults(func=_po_list)
    for action in ("approve", "reject", "ship"):
        p = po.add_parser(action)
        p.add_argument("id")
        p.add_argument("--reason", default="")
        p.set_defaults(func=_po_decide, action=action)

    dev = sub.add_parser("device", help="devices").add_subparsers()
    dev.add_parser("list").set_defaults(func=_device_list)
    revoke = dev.add_parser("revoke")
    revoke.add_argument("id")
    revoke.set_defaults(func=_device_revoke)

    report = sub.add_parser("report", help="reports").add_subparsers()
    st = report.add_parser("sell-through")
    st.add_argument("--out", required=True)
    st.set_defaults(func=_sell_through)

    sett = sub.add_parser("settings", help="HQ settings").add_subparsers()
    ss = sett.add_parser("set")
    ss.add_argument("key")
    ss.add_argument("value")
    ss.set_defaults(func=_settings_set)

    from server.demo.cli import add_command as add_demo

    add_demo(sub)
    return parser


def _serve(db: Database, args) -> int:
    import socket

    import uvicorn

    from server.app import create_app

    sock = socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((args.host, args.port))
    port = sock.getsockname()[1]
    if args.port_file:
        Path(args.port_file).write_text(str(port))
    print(f"ChannelDesk HQ listening on http://{args.host}:{port}", flush=True)
    config = uvicorn.Config(create_app(db), log_level="warning", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])
    return 0


def _distributor_add(db: Database, args) -> int:
    from server.admin import add_distributor

    with db.write() as s:
        d = add_distributor(s, args.code, args.name, args.region)
        print(f"distributor {d.code} {d.id}")
    return 0


def _enroll_code(db: Database, args) -> int:
    from server.auth import issue_enroll_code

    with db.write() as s:
        print(issue_enroll_code(s, args.distributor))
    return 0


def _catalog_import_parser(catalog) -> None:
    from server.catalog import columns_help

    imp = catalog.add_parser(
        "import", help="import products and prices from an .xlsx or CSV file",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Import products and prices from an .xlsx file (its first sheet) or a CSV "
        "file in UTF-8 (with or without BOM), GBK or GB18030. Line 1 holds the headers, "
        "Chinese or English, in any order; a line 2 repeating them in the other language (as "
        "`catalog template` writes) is skipped. Each line describes a whole product: a column "
        "left out counts as empty. A file with any error writes nothing.",
        epilog="columns:\n" + columns_help())
    imp.add_argument("file")
    imp.add_argument("--dry-run", action="store_true",
                     help="show what would change (new, changed, unchanged, errors); write nothing")
    imp.set_defaults(func=_catalog_import)


def _catalog_import(db: Database, args) -> int:
    from app.errors import ChannelDeskError, describe
    from server.catalog import import_catalog

    try:
        with db.write() as s:
            result = import_catalog(s, Path(args.file), dry_run=args.dry_run)
    except ChannelDeskError as exc:  # the file cannot be read at all
        print(f"error: {describe(exc)}", file=sys.stderr)
        return 1
    _print_catalog_import(result)
    return 1 if result.problems else 0


def _print_catalog_import(result) -> None:
    from app.errors import describe
    from app.tabular import ImportRefused
    from server.catalog import CHANGED, NEW

    for item in result.with_status(NEW):
        print(f"new        {item.sku}  {item.name}")
    for item in result.with_status(CHANGED):
        changes = "; ".join(f"{c.field} {c.before or '-'} -> {c.after or '-'}" for c in item.changes)
        print(f"changed    {item.sku}  {item.name}: {changes}")
    for code in result.new_tiers:
        print(f"new tier   {code}")
    if result.written:
        counts = f"created {result.created}, updated {result.updated}, unchanged {result.unchanged}"
    else:
        counts = (f"would create {result.created}, update {result.updated}, leave "
                  f"{result.unchanged} unchanged; nothing written"
                  + (f" ({len(result.problems)} errors)" if result.problems else " (dry run)"))
    print(f"{result.file} ({result.encoding}): {counts}")
    for problem in result.problems:
        print(describe(problem), file=sys.stderr)
    if result.problems:
        print(f"error: {describe(ImportRefused(result.problems))}", file=sys.stderr)


def _catalog_template(db: Database, args) -> int:
    from server.catalog import write_catalog_template

    out = Path(args.out)
    as_csv = out.suffix.lower() == ".csv" if args.as_csv is None else args.as_csv
    try:
        with db.read() as s:
            write_catalog_template(s, out, as_csv=as_csv)
    except OSError as exc:  # no such folder, no permission: refuse rather than create one
        print(f"error: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"template written to {out}")
    return 0


def _catalog_remove(db: Database, args) -> int:
    from server.catalog import remove_product

    with db.write() as s:
        print(f"removed {args.sku} ({remove_product(s, args.sku)})")
    return 0


def _filings_list(db: Database, args) -> int:
    from server.admin import list_filings

    with db.read() as s:
        for f in list_filings(s, args.status):
            until = f.protection_until.isoformat() if f.protection_until else "-"
            print(f"{f.id}\t{f.status}\t{until}\t{f.outlet_name}\t{f.phone}\t{f.address}")
    return 0


def _filings_decide(db: Database, args) -> int:
    from server.admin import decide_filing

    with db.write() as s:
        f = decide_filing(s, args.id, args.decision, args.reason)
        print(f"{f.id} {f.status} {f.protection_until or ''}")
    return 0


def _po_list(db: Database, args) -> int:
    from app.money import format_fen
    from server.admin import list_pos

    with db.read() as s:
        for po in list_pos(s, args.status):
            print(f"{po.id}\t{po.number}\t{po.status}\t{format_fen(po.total_fen)}")
    return 0


def _po_decide(db: Database, args) -> int:
    from server.admin import decide_po
    from server.errors import OpRejected

    try:
        with db.write() as s:
            po = decide_po(s, args.id, args.action, args.reason)
            print(f"{po.number} {po.status}")
    except OpRejected as exc:
        print(f"error: purchase order is {exc.detail.get('status')}; cannot {args.action}", file=sys.stderr)
        return 1
    return 0


def _device_list(db: Database, _args) -> int:
    from server.admin import list_devices

    with db.read() as s:
        for d, distributor in list_devices(s):
            state = "revoked" if d.revoked_at else "active"
            # A copy of this PC's database was refused: the PC holding the copy must enroll anew.
            clone = f"  COPIED DATABASE refused {_minute(d.clone_seen_at)}" if d.clone_seen_at else ""
            print(f"{d.id}  {distributor}  {d.name or '-'}  {state}  last seen "
                  f"{_minute(d.last_seen_at)}  app {d.app_version or '-'}{clone}")
    return 0


def _minute(value) -> str:
    return f"{value:%Y-%m-%d %H:%M} UTC" if value else "never"


def _device_revoke(db: Database, args) -> int:
    from server.admin import revoke_device

    with db.write() as s:
        d = revoke_device(s, args.id)
        print(f"device {d.id} revoked")
    return 0


def _sell_through(db: Database, args) -> int:
    from server.admin import sell_through_report

    with db.read() as s:
        rows = sell_through_report(s, Path(args.out))
    print(f"{rows} rows written to {args.out}")
    return 0


def _settings_set(db: Database, args) -> int:
    from server.admin import set_setting

    with db.write() as s:
        set_setting(s, args.key, args.value)
    print(f"{args.key} = {args.value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
