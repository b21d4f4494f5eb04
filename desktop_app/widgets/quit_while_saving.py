"""Ask before the window closes while a change is still being saved.

A write to the workspace waits for its folder off the GUI thread
(:mod:`desktop_app.workspace_write`); a dialog closed meanwhile promised that what was
chosen is saved once the folder answers. Quitting then ended the write with the app,
without a word: the window now asks first. Wait keeps it open and closes it by itself
once the last write has landed (HR had to close it again); a write that fails keeps it
open, as what was typed is kept for another try and the section says why.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.widgets.dialog_width import widen_message_box
from desktop_app.workspace_write import waiting_writes


def _tr(text: str) -> str:
    return QCoreApplication.translate("QuitWhileSaving", text)


class _CloseWhenSaved(QObject):
    """After Wait: closes ``window`` once no write waits, unless one failed."""

    def __init__(self, window: QWidget, context: Any) -> None:
        super().__init__(window)
        self.setObjectName("closeWhenSaved")
        self._window = window
        self._context = context
        context.write_landed.connect(self._landed)

    def _landed(self, failed: bool) -> None:
        if not failed and waiting_writes():
            return  # another write still waits
        self._context.write_landed.disconnect(self._landed)
        self.setObjectName("")  # a close asked again meanwhile arms a new one
        self.deleteLater()
        if not failed:  # after the section has shown the outcome
            QTimer.singleShot(0, self._window.close)


def may_quit_while_saving(parent: QWidget, context: Any = None) -> bool:
    """True when no write waits, or HR chose to quit anyway; Wait (the default, and
    Escape) keeps the window open, and closes it by itself once the writes of
    ``context`` (``desktop_app.context.WorkspaceContext``) have landed."""
    paths = sorted({str(path) for path in waiting_writes()})
    if not paths:
        return True
    box = QMessageBox(
        QMessageBox.Warning,
        _tr("Still saving"),
        _tr(
            "A change is still being saved to the workspace in %1, whose folder has not "
            "answered yet."
        ).replace("%1", ", ".join(paths)),
        parent=parent,
    )
    box.setObjectName("quitWhileSavingBox")
    box.setInformativeText(
        _tr(
            "Wait, and Rapport closes by itself once the folder has answered and the "
            "change is saved (if it cannot be saved, Rapport stays open and says why). If "
            "you quit now, that change may be lost: check it when you open the workspace "
            "again."
        )
    )
    quit_button = box.addButton(_tr("&Quit anyway"), QMessageBox.DestructiveRole)
    wait = box.addButton(_tr("&Wait"), QMessageBox.RejectRole)
    quit_button.setObjectName("quitAnyway")
    wait.setObjectName("waitForSave")
    box.setDefaultButton(wait)
    box.setEscapeButton(wait)
    widen_message_box(box, chars=60)
    box.exec()
    if box.clickedButton() is quit_button:
        return True
    if context is not None and parent.findChild(_CloseWhenSaved, "closeWhenSaved") is None:
        _CloseWhenSaved(parent, context)
    return False
