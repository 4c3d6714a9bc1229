"""Log-in dialog: user name and password, checked on the database thread."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from ui.errors import message_text, show_exception


class LoginDialog(QDialog):
    def __init__(self, store, runner, *, company_name: str = "", username: str = "",
                 parent=None) -> None:
        super().__init__(parent)
        self.store, self.runner = store, runner
        self.user = None  # app.services.context.CurrentUser once logged in
        self.setWindowTitle(self.tr("Log in to ChannelDesk"))
        self.username = QLineEdit(username, self)
        self.username.setObjectName("username")
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel(self)
        self.error.setObjectName("loginError")
        self.error.setStyleSheet("color: #c0392b;")
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Log in"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Quit"))
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if company_name:
            layout.addWidget(QLabel(f"<b>{company_name}</b>", self))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        (self.password if username else self.username).setFocus()

    def try_login(self) -> None:
        name, password = self.username.text(), self.password.text()
        self.runner.run_db(lambda: self.store.users.authenticate(name, password),
                           on_done=self._logged_in, on_error=self._failed)

    def _logged_in(self, user) -> None:
        self.user = user
        self.store.login_as(user)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.password.clear()
        self.password.setFocus()
        show_exception(error, self, inline=self.error)
        if not self.error.isVisible():
            self.error.setText(message_text(error) if hasattr(error, "message_id") else "")
