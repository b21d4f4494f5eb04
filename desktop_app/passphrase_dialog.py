"""Asking for the workspace passphrase (publish, ingest) and changing it (settings).

The passphrase protects the workspace's private key (:mod:`surveys.keys`). It is never
stored: each dialog hands it to the job that needs it and forgets it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.widgets.dialog_width import fit_to_title
from desktop_app.widgets.elided_label import ElidedLabel
from surveys.keys import MIN_PASSPHRASE


def _password_edit(name: str) -> QLineEdit:
    edit = QLineEdit(objectName=name)
    edit.setEchoMode(QLineEdit.Password)
    return edit


class PassphraseDialog(QDialog):
    """Ask for the passphrase; with ``new=True`` (no key pair yet) choose and confirm one.

    ``path`` (the shared folder or inbox concerned) is shown on its own line, shortened in
    the middle when it is long. ``check(passphrase)`` is called on OK: when it raises
    :class:`surveys.errors.RapportError` (a wrong passphrase), the dialog says so under the
    field and asks again instead of closing. ``action`` names what the button does
    ("Pu&blish", "&Ingest", …): the dialog's button says it rather than "OK".
    """

    def __init__(
        self,
        purpose: str,
        new: bool = False,
        parent: QWidget | None = None,
        path: str | Path | None = None,
        check: Callable[[str], None] | None = None,
        action: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.new = new
        self.check = check
        self.setWindowTitle(self.tr("Workspace passphrase"))
        self.passphrase_edit = _password_edit("passphrase")
        self.confirm_edit = _password_edit("passphraseConfirm")
        self.error = QLabel(objectName="passphraseError", wordWrap=True)
        self.error.setStyleSheet("font-weight: 600;")
        self.intro = QLabel(purpose, objectName="passphrasePurpose", wordWrap=True)
        self.path_label = ElidedLabel(str(path or ""), objectName="passphrasePath")
        self.path_label.setVisible(path is not None)
        # The first publish explains the passphrase under the place it is for: the path
        # belongs to the purpose's line ("… to the shared folder:"), not after the note.
        self.note = QLabel(objectName="passphraseNote", wordWrap=True)
        self.note.setVisible(new)
        self.note.setContentsMargins(0, self.fontMetrics().height() // 2, 0, 0)
        form = QFormLayout()
        form.addRow(self.tr("&Passphrase:"), self.passphrase_edit)
        if new:
            self.note.setText(
                self.tr(
                    "This is the first wave published from this workspace: choose a passphrase "
                    "(at least %n characters). It protects the key that opens the answers; keep "
                    "it safe, without it sealed answers cannot be read.",
                    "",
                    MIN_PASSPHRASE,
                )
            )
            form.addRow(self.tr("&Confirm:"), self.confirm_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # The passphrase unlocks the workspace key; the caller says what for.
        buttons.button(QDialogButtonBox.Ok).setText(action or self.tr("&Unlock"))
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.path_label)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        # Wider with the note, which otherwise wraps into a column of five lines.
        fit_to_title(self, chars=80 if new else 64)
        self.resize(self.minimumWidth(), self.height())
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as the text needs at the dialog's width: the size hint is the text's
        height wrapped into a narrower column (blank bands between the lines), and a message
        said under the field must not be cut off."""
        width = self.width()
        self.resize(width, max(self.layout().heightForWidth(width), self.minimumHeight()))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        self._fit_height()
        super().showEvent(event)

    def passphrase(self) -> str:
        return self.passphrase_edit.text()

    def accept(self) -> None:
        text = self.passphrase()
        if not text:
            self._refuse(self.tr("Type the passphrase."))
            return
        if self.new and len(text) < MIN_PASSPHRASE:
            self._refuse(self.tr("Use at least %n characters.", "", MIN_PASSPHRASE))
            return
        if self.new and text != self.confirm_edit.text():
            self._refuse(self.tr("The two passphrases differ; type them again."))
            return
        if self.check is not None and not self._checked(text):
            return
        super().accept()

    def _checked(self, text: str) -> bool:
        from surveys.errors import RapportError
        from surveys.keys import WrongPassphraseError

        QApplication.setOverrideCursor(Qt.WaitCursor)  # the key derivation takes a moment
        try:
            self.check(text)
        except WrongPassphraseError:
            self._refuse(
                self.tr(
                    "Wrong passphrase: it does not open this workspace's key. Type it again; "
                    "it is the passphrase chosen when the first wave was published."
                )
            )
            return False
        except RapportError as exc:
            self._refuse(str(exc))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        return True

    def _refuse(self, message: str) -> None:
        """Say what is wrong under the field and put the cursor back in it."""
        self.error.setText(message)
        self._fit_height()
        self.passphrase_edit.selectAll()
        self.passphrase_edit.setFocus()


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
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("C&hange passphrase"))
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
        fit_to_title(self, chars=56)

    def accept(self) -> None:
        from surveys.errors import RapportError
        from surveys.keys import change_passphrase, key_path

        if self.new_edit.text() != self.confirm_edit.text():
            self.error.setText(self.tr("The new passphrases differ; type them again."))
            return
        try:
            change_passphrase(self.workspace, self.old_edit.text(), self.new_edit.text())
        except RapportError as exc:
            self.error.setText(str(exc))
            return
        except OSError as exc:  # the key file cannot be written: its folder gone, read-only
            self.error.setText(
                self.tr(
                    "Cannot save the new passphrase in %1 (%2). Check that the workspace's "
                    "folder is reachable and that you may write there, then try again; the "
                    "passphrase was not changed."
                )
                .replace("%1", str(key_path(self.workspace)))
                .replace("%2", exc.strerror or str(exc))
            )
            return
        super().accept()
