"""The one record the task runner, the error display and cancellable work share.

It has its own module so that the arrows point one way: `ui.tasks` and `ui.printing.qtprint`
raise or drop it, `ui.errors` stays silent about it, and `ui.tasks` may still hand failures to
`ui.errors.show_exception`.
"""

from __future__ import annotations


class Cancelled(Exception):
    """Raised by a task that noticed its cancel flag; never shown to the clerk."""
