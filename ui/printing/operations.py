"""Printing actions: one function per thing the clerk does, each one service call off the GUI
thread (rendering on the database thread, since it reads the database; sending pages to the
printer on the file thread)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtPrintSupport import QPrinter

from ui.context import AppContext
from ui.operations.common import Callback, ErrorCallback, read, write
from ui.printing.qtprint import print_pdf

# Printing uses the runner's delayed progress dialog (shown after PROGRESS_DELAY_MS).
USE_RUNNER_PROGRESS = True


def _progress(parent):
    return parent if USE_RUNNER_PROGRESS else None


@dataclass(frozen=True)
class DocumentRef:
    """What to print: a kind (DocumentKind value or CLI alias) and its number; statements
    take the outlet code and a period."""

    kind: str
    number: str
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def options(self) -> dict:
        return {"date_from": self.date_from, "date_to": self.date_to}


def preview_document(ctx: AppContext, *, ref: DocumentRef, paper: str | None = None,
                     profile_name: str | None = None, on_done: Callback,
                     on_error: ErrorCallback = None) -> None:
    read(ctx, lambda: ctx.store.printing.preview(
        ref.kind, ref.number, paper=paper, profile_name=profile_name, **ref.options()),
        on_done=on_done, on_error=on_error)


def print_document(ctx: AppContext, *, ref: DocumentRef, printer: QPrinter,
                   paper: str | None = None, profile_name: str | None = None,
                   copies: int | None = None, on_done: Callback = None,
                   on_error: ErrorCallback = None, parent=None) -> None:
    """Render (logged, counted: the print log hears of it), then send the pages to `printer`;
    on_done gets the page count."""
    write(ctx, lambda: ctx.store.printing.render(
        ref.kind, ref.number, paper=paper, profile_name=profile_name, copies=copies,
        **ref.options()),
        on_done=_then_send(ctx, printer, on_done, on_error, parent),
        on_error=on_error, parent=_progress(parent))


def print_delivery_batch(ctx: AppContext, *, refs: Sequence[str], printer: QPrinter,
                         paper: str | None = None, profile_name: str | None = None,
                         copies: int | None = None, on_done: Callback = None,
                         on_error: ErrorCallback = None, parent=None) -> None:
    """Many delivery notes as one print job."""
    refs = list(refs)
    # workers=1: no process pool forked from a Qt application's worker thread.
    write(ctx, lambda: ctx.store.printing.render_batch_delivery_notes(
        refs, paper=paper, profile_name=profile_name, copies=copies, workers=1),
        on_done=_then_send(ctx, printer, on_done, on_error, parent),
        on_error=on_error, parent=_progress(parent))


def _then_send(ctx: AppContext, printer: QPrinter, on_done: Callback,
               on_error: ErrorCallback, parent) -> Callback:
    """What follows a logged render: its PDF goes to the printer on the file thread."""
    return lambda printed: send_to_printer(ctx, pdf=printed.pdf, printer=printer,
                                           on_done=on_done, on_error=on_error, parent=parent)


def preview_delivery_batch(ctx: AppContext, *, refs: Sequence[str], paper: str | None = None,
                           profile_name: str | None = None, on_done: Callback,
                           on_error: ErrorCallback = None) -> None:
    refs = list(refs)
    read(ctx, lambda: ctx.store.printing.preview_batch_delivery_notes(
        refs, paper=paper, profile_name=profile_name, workers=1),
        on_done=on_done, on_error=on_error)


def send_to_printer(ctx: AppContext, *, pdf: bytes, printer: QPrinter, on_done: Callback = None,
                    on_error: ErrorCallback = None, parent=None) -> None:
    ctx.runner.run_net(lambda cancel: print_pdf(pdf, printer, cancel), on_done=on_done,
                       on_error=on_error, progress_parent=_progress(parent))


def load_delivery_batch(ctx: AppContext, *, day: dt.date, status: str, on_done: Callback,
                        on_error: ErrorCallback = None) -> None:
    read(ctx, lambda: ctx.store.printing.delivery_batch(day, status), on_done=on_done,
         on_error=on_error)


def load_profiles(ctx: AppContext, *, on_done: Callback, on_error: ErrorCallback = None) -> None:
    read(ctx, ctx.store.printing.profiles, on_done=on_done, on_error=on_error)


def save_profile(ctx: AppContext, *, fields: dict, on_done: Callback = None,
                 on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.printing.save_profile(**fields), on_done=on_done,
          on_error=on_error)


def delete_profile(ctx: AppContext, *, name: str, on_done: Callback = None,
                   on_error: ErrorCallback = None) -> None:
    write(ctx, lambda: ctx.store.printing.delete_profile(name), on_done=on_done,
          on_error=on_error)


def load_print_log(ctx: AppContext, *, number: str | None = None, limit: int = 200,
                   on_done: Callback, on_error: ErrorCallback = None) -> None:
    read(ctx, lambda: ctx.store.printing.print_log(number, limit), on_done=on_done,
         on_error=on_error)
