"""Asking for the workspace passphrase (publish, ingest) and changing it (settings).

The passphrase protects the workspace's private key (:mod:`surveys.keys`). It is never
stored: each dialog hands it to the job that needs it and forgets it.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from surveys.keys import MIN_PASSPHRASE


def _password_edit(name: str) -> QLineEdit:
    edit = QLineEdit(objectName=name)
    edit.setEchoMode(QLineEdit.Password)
    return edit


class PassphraseDialog(QDialog):
    """Ask for the passphrase; with ``new=True`` (no key pair yet) choose and confirm one."""

    def __init__(self, purpose: str, new: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new = new
        self.setWindowTitle(self.tr("Workspace passphrase"))
        self.passphrase_edit = _password_edit("passphrase")
        self.confirm_edit = _password_edit("passphraseConfirm")
        self.error = QLabel(objectName="passphraseError", wordWrap=True)
        intro = QLabel(purpose, wordWrap=True)
        form = QFormLayout()
        form.addRow(self.tr("&Passphrase:"), self.passphrase_edit)
        if new:
            intro.setText(
                purpose
                + "\n\n"
                + self.tr(
                    "This is the first wave published from this workspace: choose a passphrase "
                    "(at least %1 characters). It protects the key that opens the answers; keep "
                    "it safe, without it sealed answers cannot be read."
                ).replace("%1", str(MIN_PASSPHRASE))
            )
            form.addRow(self.tr("&Confirm:"), self.confirm_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def passphrase(self) -> str:
        return self.passphrase_edit.text()

    def accept(self) -> None:
        text = self.passphrase()
        if not text:
            self.error.setText(self.tr("Type the passphrase."))
            return
        if self.new and len(text) < MIN_PASSPHRASE:
            self.error.setText(
                self.tr("Use at least %1 characters.").replace("%1", str(MIN_PASSPHRASE))
            )
            return
        if self.new and text != self.confirm_edit.text():
            self.error.setText(self.tr("The two passphrases differ; type them again."))
            return
        super().accept()


class ChangePassphraseDialog(QDialog):
    """Change the passphrase of the workspace key (the key pair itself stays the same)."""

    def __init__(self, workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(self.tr("Change the key passphrase"))
        self.old_edit = _password_edit("oldPassphrase")
        self.new_edit = _password_edit("newPassphrase")
        self.confirm_edit = _password_edit("confirmPassphrase")
        self.error = QLabel(objectName="changePassphraseError", wordWrap=True)
        form = QFormLayout()
        form.addRow(self.tr("&Current passphrase:"), self.old_edit)
        form.addRow(self.tr("&New passphrase:"), self.new_edit)
        form.addRow(self.tr("Con&firm new passphrase:"), self.confirm_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Published surveys and answers already sealed stay valid: only the passphrase "
                    "that unlocks the key changes."
                ),
                wordWrap=True,
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        from surveys.errors import RapportError
        from surveys.keys import change_passphrase

        if self.new_edit.text() != self.confirm_edit.text():
            self.error.setText(self.tr("The new passphrases differ; type them again."))
            return
        try:
            change_passphrase(self.workspace, self.old_edit.text(), self.new_edit.text())
        except RapportError as exc:
            self.error.setText(str(exc))
            return
        super().accept()
