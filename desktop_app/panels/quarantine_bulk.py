"""Pulses: delete every quarantined file quarantined for one reason, off the GUI thread.

A colleague can drop thousands of junk files into the inbox; ingest quarantines them all,
and the quarantine table lists only the first :data:`~.pulses_inbox.MAX_LISTED` by name,
names the colleague chose. An answer held for review among them could not be reached from
the window, and Delete took one file and one question each. *Delete all like it…* deletes
every file of the selected row's folder (the share's or the kiosk's quarantine) whose reason
is the selected row's, after one question, on a thread of Qt's pool: every reason file is
read (:func:`surveys.inbox.delete_quarantined_like`), which takes a while on a network share.
"""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QWidget


class _Relay(QObject):
    #: ``(deleted, problem)``: how many were deleted, and why one could not be ("" if none).
    done = Signal(int, str)


class _DeleteLike(QRunnable):
    """Deletes on a pool thread; touches no widget (thread contract)."""

    def __init__(self, folder: Path, reason: str, relay: _Relay) -> None:
        super().__init__()
        self.folder, self.reason, self.relay = folder, reason, relay

    def run(self) -> None:
        from surveys.inbox import delete_quarantined_like

        deleted, problem = delete_quarantined_like(self.folder, self.reason)
        with suppress(RuntimeError):  # the section was closed meanwhile
            self.relay.done.emit(deleted, problem)


class DeleteLike(QObject):
    """One deletion at a time; :attr:`said` carries what happened, once it is done."""

    said = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.running = False
        self._relay = _Relay(self)
        self._relay.done.connect(self._done)

    def ask(self, parent: QWidget, reason: str) -> bool:
        """Whether HR confirms deleting every file quarantined for ``reason`` (Cancel is the
        default)."""
        box = QMessageBox(
            QMessageBox.Warning,
            self.tr("Delete quarantined files"),
            self.tr(
                "Delete for good every file in this quarantine that was not stored because: "
                "%1? If any of them holds someone's answers, they are lost."
            ).replace("%1", reason),
            QMessageBox.Yes | QMessageBox.Cancel,
            parent,
        )
        box.setObjectName("deleteQuarantinedLikeQuestion")
        box.button(QMessageBox.Yes).setText(self.tr("&Delete"))
        box.setDefaultButton(QMessageBox.Cancel)
        return box.exec() == QMessageBox.Yes

    def start(self, folder: Path, reason: str) -> None:
        """Delete, on a pool thread, every file of ``folder``'s quarantine with ``reason``."""
        if self.running:
            return
        self.running = True
        QThreadPool.globalInstance().start(_DeleteLike(folder, reason, self._relay))

    def _done(self, deleted: int, problem: str) -> None:
        self.running = False
        text = self.tr("Deleted %n quarantined files.", "", deleted)
        if problem:
            text += " " + self.tr("Not every one could be deleted: %1").replace("%1", problem)
        self.said.emit(text)
