"""设置: company details, users and roles, HQ connection, language, printers, the print log
and backups."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.changes import Changes
from app.services.context import ROLES
from ui import fmt
from ui.errors import show_exception
from ui.i18n import LANGUAGES
from ui.models.base import Column, ListTableModel
from ui.operations import settings as ops
from ui.screens.base import Screen, error_label, make_table

translate = QCoreApplication.translate
COMPANY_FIELDS = ("name", "address", "phone", "tax_id", "bank_account")


def user_columns() -> list[Column]:
    return [
        Column(translate("SettingsScreen", "User name"), lambda u: u.username),
        Column(translate("SettingsScreen", "Name"), lambda u: u.display_name),
        Column(translate("SettingsScreen", "Role"), lambda u: fmt.name_of(u.role)),
        Column(translate("SettingsScreen", "Active"),
               lambda u: translate("SettingsScreen", "yes") if u.active
               else translate("SettingsScreen", "no")),
    ]


class SettingsScreen(Screen):
    def shows(self, changes: Changes) -> bool:
        return bool(changes.company or changes.users)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.manager = ctx.can("manager")
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._company_tab(), self.tr("Company"))
        self.tabs.addTab(self._users_tab(), self.tr("Users"))
        self.tabs.addTab(self._hq_tab(), self.tr("HQ connection"))
        self.tabs.addTab(self._language_tab(), self.tr("Language"))
        self.tabs.addTab(self._printers_tab(), self.tr("Printers"))
        self.tabs.addTab(self._print_log_tab(), self.tr("Print log"))
        self.tabs.addTab(self._backups_tab(), self.tr("Backups"))
        QVBoxLayout(self).addWidget(self.tabs)

    def _company_tab(self) -> QWidget:
        tab = QWidget(self)
        labels = {"name": self.tr("Company name"), "address": self.tr("Address"),
                  "phone": self.tr("Phone"), "tax_id": self.tr("Tax ID"),
                  "bank_account": self.tr("Bank account")}
        self.company_inputs = {}
        form = QFormLayout(tab)
        for key in COMPANY_FIELDS:
            edit = QLineEdit(tab)
            edit.setObjectName(f"company_{key}")
            edit.setEnabled(self.manager)
            form.addRow(labels[key], edit)
            self.company_inputs[key] = edit
        self.device_label = QLabel(tab)
        form.addRow(self.tr("Device code"), self.device_label)
        save = QPushButton(self.tr("Save"), tab)
        save.setEnabled(self.manager)
        save.clicked.connect(self.save_company)
        self.company_error = error_label(tab, "companyError")
        form.addRow("", save)
        form.addRow("", self.company_error)
        return tab

    def _users_tab(self) -> QWidget:
        tab = QWidget(self)
        self.user_model = ListTableModel(user_columns(), parent=self)
        self.users = make_table(tab, self.user_model, "userList")
        self.new_username = QLineEdit(tab)
        self.new_username.setPlaceholderText(self.tr("User name"))
        self.new_password = QLineEdit(tab)
        self.new_password.setPlaceholderText(self.tr("Password"))
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_role = QComboBox(tab)
        for role in ROLES:
            self.new_role.addItem(fmt.name_of(role), role)
        add = QPushButton(self.tr("Add user"), tab)
        add.clicked.connect(self.add_user)
        change = QPushButton(self.tr("Give selected user this role"), tab)
        change.clicked.connect(self.change_role)
        toggle = QPushButton(self.tr("Deactivate / reactivate selected"), tab)
        toggle.clicked.connect(self.toggle_user)
        for widget in (self.new_username, self.new_password, self.new_role, add, change, toggle):
            widget.setEnabled(self.manager)
        self.user_error = error_label(tab, "userError")
        row = QHBoxLayout()
        for widget in (self.new_username, self.new_password, self.new_role, add, change, toggle):
            row.addWidget(widget)
        layout = QVBoxLayout(tab)
        if not self.manager:
            layout.addWidget(QLabel(self.tr("Only a manager can change users."), tab))
        layout.addWidget(self.users, 1)
        layout.addLayout(row)
        layout.addWidget(self.user_error)
        return tab

    def _hq_tab(self) -> QWidget:
        tab = QWidget(self)
        self.hq_url = QLineEdit(tab)
        self.hq_url.setObjectName("hqUrl")
        self.hq_url.setPlaceholderText("https://hq.example.com")
        self.hq_url.setEnabled(self.manager)
        save = QPushButton(self.tr("Save"), tab)
        save.setEnabled(self.manager)
        save.clicked.connect(self.save_hq)
        self.enroll_code = QLineEdit(tab)
        self.enroll_code.setObjectName("enrollCode")
        self.enroll_code.setEnabled(self.manager)
        enroll = QPushButton(self.tr("Enroll this PC with HQ"), tab)
        enroll.setObjectName("enrollButton")
        enroll.setEnabled(self.manager)
        enroll.clicked.connect(self.enroll)
        self.hq_message = QLabel(tab)
        self.hq_error = error_label(tab, "hqError")
        form = QFormLayout(tab)
        form.addRow(self.tr("HQ address"), self.hq_url)
        form.addRow("", save)
        form.addRow(self.tr("Enrollment code"), self.enroll_code)
        form.addRow("", enroll)
        form.addRow("", self.hq_message)
        form.addRow("", self.hq_error)
        return tab

    def _language_tab(self) -> QWidget:
        tab = QWidget(self)
        self.language = QComboBox(tab)
        self.language.setObjectName("languageBox")
        names = {"zh_CN": "简体中文", "en": "English"}
        for code in LANGUAGES:
            self.language.addItem(names[code], code)
        self.language.setCurrentIndex(self.language.findData(self.ctx.settings.language))
        self.language.currentIndexChanged.connect(self.change_language)
        self.language_message = QLabel(tab)
        form = QFormLayout(tab)
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", self.language_message)
        return tab

    def _printers_tab(self) -> QWidget:
        from ui.printing.profiles import PrinterProfilesWidget

        return PrinterProfilesWidget(self.ctx, self)

    def _print_log_tab(self) -> QWidget:
        from ui.widgets.print_log import PrintLogWidget

        self.print_log = PrintLogWidget(self.ctx, self)
        return self.print_log

    def _backups_tab(self) -> QWidget:
        from ui.widgets.backups import BackupsWidget

        self.backups = BackupsWidget(self.ctx, self)
        return self.backups

    # -- loading and actions -------------------------------------------------------------------------
    def reload(self) -> None:
        ops.load_company(self.ctx, on_done=self._show_company)
        ops.load_users(self.ctx, on_done=self.user_model.set_rows)
        ops.load_hq_url(self.ctx, on_done=self.hq_url.setText)

    def _show_company(self, info) -> None:
        if info is None:
            return
        for key, edit in self.company_inputs.items():
            edit.setText(getattr(info, key))
        self.device_label.setText(info.device_code)

    def save_company(self) -> None:
        fields = {key: edit.text() for key, edit in self.company_inputs.items()}
        ops.update_company(self.ctx, fields=fields, on_done=self._show_company,
                           on_error=lambda e: show_exception(e, self, inline=self.company_error))

    def _selected_user(self):
        index = self.users.currentIndex()
        return self.user_model.row_at(index.row()) if index.isValid() else None

    def add_user(self) -> None:
        ops.create_user(self.ctx, username=self.new_username.text(),
                        password=self.new_password.text(), role=self.new_role.currentData(),
                        on_done=lambda _u: (self.new_username.clear(), self.new_password.clear()),
                        on_error=self._user_error)

    def change_role(self) -> None:
        user = self._selected_user()
        if user is not None:
            ops.change_role(self.ctx, user_id=user.id, role=self.new_role.currentData(),
                            on_error=self._user_error)

    def toggle_user(self) -> None:
        user = self._selected_user()
        if user is not None:
            ops.set_user_active(self.ctx, user_id=user.id, active=not user.active,
                                on_error=self._user_error)

    def _user_error(self, error: BaseException) -> None:
        show_exception(error, self, inline=self.user_error)

    def save_hq(self) -> None:
        ops.save_hq_url(self.ctx, url=self.hq_url.text(),
                        on_done=lambda _r: self.hq_message.setText(self.tr("Saved")),
                        on_error=lambda e: show_exception(e, self, inline=self.hq_error))

    def enroll(self) -> None:
        self.hq_error.hide()
        ops.enroll(self.ctx, url=self.hq_url.text(), code=self.enroll_code.text(),
                   on_done=lambda r: self.hq_message.setText(
                       self.tr("Enrolled as {code} {name}").format(code=r.distributor_code,
                                                                   name=r.distributor_name)),
                   on_error=lambda e: show_exception(e, self, inline=self.hq_error))

    def change_language(self) -> None:
        """Stored per PC; applied at the next start, when every screen is built in it."""
        self.ctx.settings.language = self.language.currentData()
        self.language_message.setText(self.tr("The new language is used after ChannelDesk "
                                              "restarts."))
