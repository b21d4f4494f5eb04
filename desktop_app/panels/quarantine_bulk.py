"""Pulses: delete every file quarantined for one reason, off the GUI thread.

A colleague can drop thousands of junk files into the inbox; ingest quarantines them all,
and the quarantine table lists only the first :data:`~.pulses_inbox.MAX_LISTED` by name,
names the colleague chose. An answer held for review among them could not be reached from
the window, and Delete took one file and one question each. *Delete all like it…* first
finds, on a thread of Qt's pool, every file of the selected row's folder (the share's or the
kiosk's quarantine) whose reason is like the selected row's
(:func:`surveys.inbox.quarantined_like`: every reason file is read, which takes a while on
a network share), asks once with their number, then deletes those files and no other (one
quarantined meanwhile is not among them) on the pool; the button reads *Stop deleting*
meanwhile, and what was deleted is said.
"""

from __future__ import annotations

import errno
import threading
from contextlib import suppress
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.widgets.figures import grouped_count

IDLE, COUNTING, DELETING = "idle", "counting", "deleting"


class _Relay(QObject):
    # ``(names, problem)``: the files like the selected one, or why they could not be read.
    counted = Signal(list, str)
    # ``(deleted, problem)``: how many were deleted, and why one could not be ("" if none).
    done = Signal(int, str)


class _Count(QRunnable):
    """Finds the files on a pool thread; touches no widget (thread contract)."""

    def __init__(self, folder: Path, reason: str, relay: _Relay) -> None:
        super().__init__()
        self.folder, self.reason, self.relay = folder, reason, relay

    def run(self) -> None:
        from surveys.errors import describe_os_error
        from surveys.inbox import quarantined_like

        try:
            names, problem = quarantined_like(self.folder, self.reason), ""
        except OSError as exc:  # a linked quarantine/ says why, with its advice
            linked = exc.errno == errno.ELOOP and exc.filename
            problem = f"{exc.filename}: {exc.strerror}" if linked else describe_os_error(exc)
            names = []
        with suppress(RuntimeError):  # the section was closed meanwhile
            self.relay.counted.emit(names, problem)


class _Delete(QRunnable):
    """Deletes on a pool thread until told to stop; touches no widget."""

    def __init__(self, folder: Path, names: list[str], stop: threading.Event, relay: _Relay):
        super().__init__()
        self.folder, self.names, self.stop, self.relay = folder, names, stop, relay

    def run(self) -> None:
        from surveys.inbox import delete_quarantined_like

        deleted, problem = delete_quarantined_like(self.folder, self.names, self.stop.is_set)
        with suppress(RuntimeError):
            self.relay.done.emit(deleted, problem)


class DeleteLike(QObject):
    """One deletion at a time: find, ask, delete; :attr:`state_changed` follows its
    :attr:`state` (:data:`IDLE`, :data:`COUNTING`, :data:`DELETING`), :attr:`said` carries
    what happened."""

    said = Signal(str)
    state_changed = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.state = IDLE
        self._asker = parent
        self._folder, self._reason, self._names = Path(), "", []
        self._stop = threading.Event()
        self._relay = _Relay(self)
        self._relay.counted.connect(self._counted)
        self._relay.done.connect(self._done)

    @property
    def running(self) -> bool:
        """Whether a deletion is being prepared or runs."""
        return self.state != IDLE

    def begin(self, folder: Path, reason: str) -> None:
        """Find the files of ``folder``'s quarantine like ``reason``, then ask about them."""
        if self.running:
            return
        from surveys.anomalies import held_without_set

        if held_without_set(reason):  # quarantined before held sets were marked
            self.said.emit(
                self.tr(
                    "This answer was held for review by an earlier version of Rapport, "
                    "which did not mark the answers held together, so the files like it "
                    "may be other people's answers. Retry it, or delete it on its own "
                    "with Delete…."
                )
            )
            return
        self._folder, self._reason = folder, reason
        self._set(COUNTING)
        QThreadPool.globalInstance().start(_Count(folder, reason, self._relay))

    def stop(self) -> None:
        """Stop deleting after the file being deleted (those deleted stay deleted)."""
        self._stop.set()

    def ask(self, reason: str, count: int) -> bool:
        """Whether HR confirms deleting the ``count`` files quarantined for ``reason``
        (Cancel is the default)."""
        question = grouped_count(
            self.tr(
                "Delete for good the %n files in this quarantine that were not stored "
                "because: %1? If any of them holds someone's answers, they are lost.",
                "",
                count,
            ),
            count,
        )
        box = QMessageBox(
            QMessageBox.Warning,
            self.tr("Delete quarantined files"),
            question.replace("%1", reason),
            QMessageBox.Yes | QMessageBox.Cancel,
            self._asker,
        )
        box.setObjectName("deleteQuarantinedLikeQuestion")
        box.button(QMessageBox.Yes).setText(self.tr("&Delete"))
        box.setDefaultButton(QMessageBox.Cancel)
        return box.exec() == QMessageBox.Yes

    def _counted(self, names: list, problem: str) -> None:
        if problem or not names:
            self._set(IDLE)
            self.said.emit(
                self.tr("The quarantine could not be read: %1").replace("%1", problem)
                if problem
                else self.tr("No file is quarantined for that reason any more.")
            )
            return
        from surveys.inbox import reason_kind

        shown = self._reason
        if reason_kind(shown) != shown:  # "answer 7: …" is like "answer 1203: …"
            shown += " " + self.tr("(with any numbers)")
        if not self.ask(shown, len(names)):
            self._set(IDLE)
            return
        self._names = names
        self._stop.clear()
        self._set(DELETING)
        QThreadPool.globalInstance().start(_Delete(self._folder, names, self._stop, self._relay))

    def _done(self, deleted: int, problem: str) -> None:
        text = grouped_count(self.tr("Deleted %n quarantined files.", "", deleted), deleted)
        left = len(self._names) - deleted
        if self._stop.is_set() and left > 0:
            text += " " + grouped_count(self.tr("Stopped: %n like them are left.", "", left), left)
        if problem:
            text += " " + self.tr("Not every one could be deleted: %1").replace("%1", problem)
        self._set(IDLE)
        self.said.emit(text)

    def _set(self, state: str) -> None:
        self.state = state
        self.state_changed.emit(state)
