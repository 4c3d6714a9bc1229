"""Show errors to the clerk: translated text for expected ones, a calm dialog for bugs.

Expected errors (`ChannelDeskError`) carry a message id and named parameters; the text is the
translation of the English template in `app.errors.MESSAGES_EN` (context "Errors" in the .ts
files), filled with the parameters. Unexpected errors are written with their traceback to a
rotating log file in the data folder; the clerk sees a short message and a "Copy details" button,
never the traceback itself.
"""

from __future__ import annotations

import logging
from collections import deque
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from app.errors import MESSAGES_EN, ChannelDeskError
from ui.cancelled import Cancelled

log = logging.getLogger("channeldesk.ui")

# What was shown most recently (kind, text): lets tests and the status bar check without dialogs.
RECENT: deque[tuple[str, str]] = deque(maxlen=20)
_log_file: Path | None = None


def setup_logging(data_dir: Path) -> Path:
    """Rotating log in <data>/logs/channeldesk.log (5 files of 1 MB), shared with the core."""
    from app.maintenance import setup_logging as setup_core_logging

    global _log_file
    _log_file = setup_core_logging(Path(data_dir))
    return _log_file


def message_text(error: ChannelDeskError) -> str:
    """The clerk's-language text of an expected error."""
    return format_message(error.message_id, error.params)


def format_message(message_id: str, params: dict) -> str:
    template = MESSAGES_EN.get(message_id)
    if template is None:
        return message_id
    translated = QCoreApplication.translate("Errors", template)
    values = {key: _param_text(value) for key, value in params.items()}
    try:
        return translated.format(**values)
    except (KeyError, IndexError, ValueError):
        return template.format_map(_Lenient(values))


def _param_text(value: object) -> str:
    if isinstance(value, list | tuple):
        return "、".join(_param_text(v) for v in value)
    if isinstance(value, dict):
        return "、".join(f"{k} {_param_text(v)}" for k, v in value.items())
    return str(value)


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def show_exception(error: BaseException, parent: QWidget | None = None, *,
                   inline: QLabel | None = None) -> None:
    """One way to show any failure. Silent when the user cancelled."""
    if isinstance(error, Cancelled):
        return
    if isinstance(error, ChannelDeskError):
        _show_expected(error, parent, inline)
    else:
        _show_unexpected(error, parent)


def _show_expected(error: ChannelDeskError, parent: QWidget | None, inline: QLabel | None) -> None:
    text = message_text(error)
    RECENT.append(("expected", text))
    log.info("expected error %s %s", error.message_id, error.params)
    if inline is not None:
        inline.setText(text)
        inline.setVisible(True)
        return
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("Errors", "ChannelDesk"),
                      text, QMessageBox.StandardButton.Ok, parent or _active_window())
    box.setObjectName("expectedErrorBox")
    box.open()  # never exec(): the GUI keeps running and tests never hang on a dialog


def _show_unexpected(error: BaseException, parent: QWidget | None) -> None:
    import traceback

    details = "".join(traceback.format_exception(error))
    log.error("unexpected error\n%s", details)
    where = str(_log_file) if _log_file else ""
    text = QCoreApplication.translate(
        "Errors", "Something went wrong. Your data is safe; the details were saved to {log}."
    ).format(log=where)
    RECENT.append(("unexpected", text))
    box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("Errors", "ChannelDesk"),
                      text, QMessageBox.StandardButton.Close, parent or _active_window())
    box.setObjectName("unexpectedErrorBox")
    copy = box.addButton(QCoreApplication.translate("Errors", "Copy details"),
                         QMessageBox.ButtonRole.ActionRole)
    copy.clicked.disconnect()  # keep the box open after copying
    copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
    box.open()


def _active_window() -> QWidget | None:
    return QApplication.activeWindow()
