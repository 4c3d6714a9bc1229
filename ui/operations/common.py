"""Shared plumbing of the operations: run one service call, announce what it changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from app.services.changes import ChangeResult
from ui.context import AppContext
from ui.tasks import Task

Callback = Callable[[Any], None] | None
ErrorCallback = Callable[[BaseException], None] | None


def write(ctx: AppContext, call: Callable[[], ChangeResult], *, on_done: Callback = None,
          on_error: ErrorCallback = None, parent: QWidget | None = None, label: str = "") -> Task:
    """Run a writing service call on the database thread; on success announce the `changes`
    of its result, then hand the result to `on_done`."""

    def done(result: ChangeResult) -> None:
        ctx.bus.announce(result.changes)
        if on_done is not None:
            on_done(result)

    return ctx.runner.run_db(call, on_done=done, on_error=on_error, label=label,
                             progress_parent=parent)


def read(ctx: AppContext, call: Callable[[], Any], *, on_done: Callback,
         on_error: ErrorCallback = None) -> Task:
    """Run a query on the database thread (it may grow with the data: never on the GUI thread)."""
    return ctx.runner.run_db(call, on_done=on_done, on_error=on_error, label="read")
