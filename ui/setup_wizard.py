"""First-run set-up: company details for printed documents, this PC's device code, the first
manager account, and optionally the HQ address and enrollment code."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWizard, QWizardPage

from ui.errors import show_exception
from ui.operations.settings import FirstRunAnswers, first_run


def _page(title: str, subtitle: str) -> tuple[QWizardPage, QFormLayout]:
    page = QWizardPage()
    page.setTitle(title)
    page.setSubTitle(subtitle)
    form = QFormLayout()
    layout = QVBoxLayout(page)
    layout.addLayout(form)
    return page, form


class SetupWizard(QWizard):
    def __init__(self, store, runner, parent=None) -> None:
        super().__init__(parent)
        self.store, self.runner = store, runner
        self.user = None
        self.setWindowTitle(self.tr("Set up ChannelDesk"))
        self.fields: dict[str, QLineEdit] = {}
        self.error = QLabel(self)
        self.error.setObjectName("setupError")
        self.error.setStyleSheet("color: #c0392b;")
        self.error.setWordWrap(True)
        self._company_page()
        self._manager_page()
        self._hq_page()
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Next"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))

    def _field(self, form: QFormLayout, key: str, label: str, *, required: bool = False,
               password: bool = False, text: str = "") -> QLineEdit:
        edit = QLineEdit(text)
        edit.setObjectName(key)
        if password:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(label + (" *" if required else ""), edit)
        self.fields[key] = edit
        return edit

    def _company_page(self) -> None:
        page, form = _page(self.tr("Company"), self.tr("These details are printed on delivery "
                                                      "notes and invoices."))
        self._field(form, "company_name", self.tr("Company name"), required=True)
        self._field(form, "address", self.tr("Address"))
        self._field(form, "phone", self.tr("Phone"))
        self._field(form, "tax_id", self.tr("Tax ID"))
        self._field(form, "bank_account", self.tr("Bank account"))
        self._field(form, "device_code", self.tr("Device code of this PC"), required=True,
                    text="D01")
        self.addPage(page)

    def _manager_page(self) -> None:
        page, form = _page(self.tr("First manager"), self.tr("The manager sets up users, "
                                                            "printers and price exceptions."))
        self._field(form, "manager_username", self.tr("User name"), required=True, text="admin")
        self._field(form, "manager_password", self.tr("Password"), required=True, password=True)
        self.addPage(page)

    def _hq_page(self) -> None:
        page, form = _page(self.tr("Brand HQ (optional)"), self.tr(
            "Enter the HQ address and enrollment code from your brand, or leave empty and "
            "connect later in Settings."))
        self._field(form, "hq_url", self.tr("HQ address"))
        self._field(form, "enrollment_code", self.tr("Enrollment code"))
        page.layout().addWidget(self.error)
        self.addPage(page)

    def answers(self) -> FirstRunAnswers:
        return FirstRunAnswers(**{key: edit.text() for key, edit in self.fields.items()})

    def accept(self) -> None:
        """Save on the database thread; stay open and show the problem if it fails."""
        answers = self.answers()
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        # The net thread: with an enrollment code this talks to HQ (the DB work is small).
        self.runner.run_net(lambda: first_run(self.store, answers), on_done=self._saved,
                            on_error=self._failed)

    def _saved(self, user) -> None:
        self.user = user
        super().accept()

    def _failed(self, error: BaseException) -> None:
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        show_exception(error, self, inline=self.error)
