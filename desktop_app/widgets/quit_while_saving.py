"""Ask before the window closes while a change is still being saved.

A write to the workspace waits for its folder off the GUI thread
(:mod:`desktop_app.workspace_write`); a dialog closed meanwhile promised that what was
chosen is saved once the folder answers. Quitting then ended the write with the app,
without a word: the window now asks first.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.widgets.dialog_width import widen_message_box
from desktop_app.workspace_write import waiting_writes


def _tr(text: str) -> str:
    return QCoreApplication.translate("QuitWhileSaving", text)


def may_quit_while_saving(parent: QWidget) -> bool:
    """True when no write waits, or HR chose to quit anyway; Wait (the default, and
    Escape) keeps the window open."""
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
            "Wait a moment, then close Rapport again (it asks again while the folder has "
            "not answered). If you quit now, that change may be lost: check it when you "
            "open the workspace again."
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
    return box.clickedButton() is quit_button
