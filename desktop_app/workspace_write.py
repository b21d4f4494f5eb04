"""A section's writes to the workspace, off the GUI thread.

A label corrected, an action saved or deleted, a setting saved: each wrote the workspace
on the GUI thread, and on a share that hangs (the file server gone: calls block for tens
of seconds) the window froze until it answered. :class:`WorkspaceWrite` runs the write on
a daemon thread of its own with the controls that started it disabled. The GUI thread
waits for it a moment (:data:`~desktop_app.bounded_read.WAIT_SECONDS`): a working disk
answers within that and the write's outcome is shown at once, as before. Past it
:attr:`WorkspaceWrite.saving` says so (the section shows "Saving…" in its own place), the
status bar says that the folder is slow to answer (``context.section_saves``), and the
outcome is shown when the write ends, on the GUI thread.

A write that fails (the folder gone, the database locked) is said in words by the
section, and nothing typed is lost: the section keeps it for another try. A write to a
workspace closed meanwhile still ends; if it failed, the window says so in a box
(``context.write_lost``), as the section that wrote shows another workspace now.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from desktop_app import bounded_read, gui_release


def saving_text() -> str:
    """What a section says in its own place while its write waits for the folder."""
    return QCoreApplication.translate(
        "WorkspaceWrite",
        "Saving… the workspace's folder is slow to answer (a network drive?); the rest of "
        "the window goes on working.",
    )


def failed_text(exc: BaseException, path: Any = None) -> str:
    """Why a write to the workspace in ``path`` failed, in words, and that nothing was
    lost."""
    return QCoreApplication.translate(
        "WorkspaceWrite", "Not saved: %1 What you chose or typed is kept for another try."
    ).replace("%1", _why(exc, path))


def _why(exc: BaseException, path: Any) -> str:
    """Why a write to the workspace in ``path`` failed, naming the folder, with what to do."""
    import sqlite3

    from desktop_app.error_report import describe
    from surveys.store import describe_database_error

    if isinstance(exc, sqlite3.Error) and path is not None:
        why = describe_database_error(exc, str(path))  # names the folder
    else:
        why = describe(exc, None)
    return why if why.endswith(".") else why + "."


def not_deleted_text(exc: BaseException, path: Any, title: str) -> str:
    """Why deleting ``title`` from the workspace in ``path`` failed: what is still there,
    where, and what to do ("Not saved… what you typed is kept" said nothing of it)."""
    return (
        QCoreApplication.translate("WorkspaceWrite", "Not deleted: “%1” is still recorded. %2")
        .replace("%1", title)
        .replace("%2", _why(exc, path))
    )


def lost_text(exc: BaseException, path: Any) -> str:
    """Why a write to the workspace in ``path``, closed before the write ended, failed:
    the section that wrote shows another workspace (or none) now, so the window says it."""
    why = failed_text(exc, path).split(": ", 1)[1]  # "Not saved: <why> What you chose…"
    why = why.rsplit(" What you chose", 1)[0]
    return (
        QCoreApplication.translate(
            "WorkspaceWrite",
            "A change to the workspace in %1 was not saved before it was closed here: %2 Open "
            "that workspace again and make the change once more.",
        )
        .replace("%1", str(path))
        .replace("%2", why)
    )


def _own_enabled(control: Any) -> bool:
    """Whether ``control`` is enabled of itself: a button in a group the section disabled
    while it reads is put back enabled with its group (``isEnabled()`` says ``False``)."""
    if isinstance(control, QWidget):
        return not control.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled)
    return control.isEnabled()  # a QAction


class _Relay(QObject):
    # Emitted from the writing thread; the relay lives on the GUI thread (queued slot).
    finished = Signal(object)


class _Outcome(bounded_read.Answer):
    """What a write gave (:class:`~desktop_app.bounded_read.Answer`), and where."""

    def __init__(self, path: Any) -> None:
        super().__init__()
        self.path = path  # the workspace written
        self.said = False  # shown by the section that wrote


#: Writes not ended yet, of every section (their thread takes each out as it ends): the
#: window asks before quitting while one waits, as the write would be lost with the app.
_flying: list[_Outcome] = []
_flying_lock = threading.Lock()


def waiting_writes() -> list[Any]:
    """The workspaces (paths) written by writes that have not ended yet; any thread."""
    with _flying_lock:
        return [outcome.path for outcome in _flying]


class WorkspaceWrite(QObject):
    """Writes of one section, one at a time; ``saving(True)`` once a write outlasts the
    GUI thread's wait, ``saving(False)`` when it has ended."""

    saving = Signal(bool)

    def __init__(self, context: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._running = False
        # No parent: a write still blocked when the section is deleted ends into it.
        self._relay = _Relay()
        self._relay.finished.connect(self._on_relay_finished)
        # After the section: a failure it did not show (its workspace closed, the section
        # itself rebuilt) is said by the window.
        self._relay.finished.connect(context.write_ended)
        self._pending: tuple | None = None

    def running(self) -> bool:
        """Whether a write has not ended yet."""
        return self._running

    def run(
        self,
        func: Callable[..., Any],
        *args: Any,
        controls: Sequence[QWidget] = (),
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> bool:
        """Run ``func(*args)`` off the GUI thread with ``controls`` disabled, then
        ``done(value)`` or ``failed(exception)`` on it; ``True`` when it ended within the
        wait (the outcome is already shown). A second write while one runs is refused
        (``False``, nothing run): its controls are disabled meanwhile."""
        if self._running:
            return False
        self._running = True
        enabled = [(widget, _own_enabled(widget)) for widget in controls]
        for widget in controls:
            widget.setEnabled(False)
        outcome = _Outcome(self.context.path)

        def write() -> None:
            try:
                outcome.settle(func, args)
            finally:
                with _flying_lock:
                    _flying.remove(outcome)
            with suppress(RuntimeError):  # the relay was deleted: the app is quitting
                self._relay.finished.emit(outcome)

        self._pending = (outcome, enabled, done, failed, self.context.path)
        with _flying_lock:
            _flying.append(outcome)
        gui_release.start_thread(write, "rapport-write")  # let go on the GUI thread
        if outcome.done.wait(bounded_read.WAIT_SECONDS):
            self._end(outcome)
            return True
        self.context.section_saves(self, True)
        self.saving.emit(True)
        return False

    def _on_relay_finished(self, outcome: _Outcome) -> None:
        if self._pending is not None and self._pending[0] is outcome:
            self._end(outcome)

    def _end(self, outcome: _Outcome) -> None:
        _outcome, enabled, done, failed, path = self._pending
        self._pending, self._running = None, False
        for widget, was in enabled:
            if isValid(widget):  # a dialog closed meanwhile took its buttons with it
                widget.setEnabled(was)
        # After the controls: a section may set them again for what it shows now.
        self.context.section_saves(self, False)
        self.saving.emit(False)
        if path != self.context.path:
            return  # closed meanwhile: nothing of it is on screen (a failure: write_ended)
        outcome.said = True
        if outcome.error is not None:
            failed(outcome.error)
        else:
            done(outcome.value)


def write_setting(path: Any, change: Callable[[Any], None]) -> None:
    """Run ``change(db)`` in one open of the workspace (a setting saved); runs on any
    thread."""
    from desktop_app.workspace_reads import open_for_section

    db = open_for_section(path)
    try:
        change(db)
    finally:
        db.close()
