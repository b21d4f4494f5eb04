"""Opening a workspace in the HR window (a mixin of the main window).

Claiming a workspace and checking that it opens (:func:`desktop_app.context.claim_and_check`)
reads and writes its folder; on a share that hangs it froze the window until the share
answered. It runs through a :class:`~desktop_app.bounded_read.BoundedRead` of its own: on a
working disk it is done within the wait and the workspace opens at once, as before;
otherwise the status bar says that its folder is slow to answer, and the workspace opens
(or the window says why not) when it does, after asking again about settings typed in
the open workspace meanwhile. A claim made for an open given up meanwhile
(another workspace opened, the window closed) is let go.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QMessageBox

from desktop_app.bounded_read import BoundedRead
from desktop_app.lock_heartbeat import release_briefly


def _claimed(claim: Callable, folder: str, take_over: bool, hint: str) -> tuple[Any, Any]:
    """``(lock, None)`` once ``folder`` is claimed and checked, else ``(None, the
    RapportError)``; runs on the opener's thread."""
    from surveys.errors import RapportError

    try:
        return claim(folder, take_over, hint), None
    except RapportError as exc:
        return None, exc


def _give_up(value: tuple[Any, Any]) -> None:
    """A workspace claimed for an open nobody waits for any more: let it go."""
    lock, _error = value
    if lock is not None:
        release_briefly(lock, wait=0)


class WindowOpen:
    """The opening part of :class:`desktop_app.main_window.MainWindow`."""

    def _build_opener(self) -> None:
        self.opener = BoundedRead(self)  # claiming and checking a workspace to open
        self.opener.answered.connect(self._on_opener_answered)

    def open_workspace(self, folder: str, *, take_over: bool = False) -> bool:
        """Open ``folder`` (plain message on failure) and start its analysis.

        Another computer's Rapport holding it gets its own dialog, with "Open anyway" when
        that computer's claim is stale; ``take_over`` takes a stale claim without asking.
        Claiming and checking it runs on a thread (:mod:`desktop_app.bounded_read`): on a
        share that hangs this returns ``False`` at once, says so in the status bar and
        opens the workspace (or says why not) when the share answers.
        """
        from desktop_app.context import claim_and_check

        if not self.may_leave_workspace():
            self._refresh_picker()  # it still names the open workspace
            return False
        hint = self.context.take_over_hint()
        done, value = self.opener.read(
            folder, _claimed, claim_and_check, folder, take_over, hint, discard=_give_up
        )
        if not done:
            self.say_folder(
                self.tr(
                    "Opening %1… its folder is slow to answer (a network drive?); the window "
                    "goes on working meanwhile"
                ).replace("%1", folder)
            )
            return False
        return self._finish_open(folder, *value)

    def _on_opener_answered(self, folder: str, answer) -> None:
        self.say_folder("")
        lock, exc = self.opener.late_value(answer)
        # Settings typed while the share was slow were not asked about when the open began.
        if exc is None and not self.may_leave_workspace():
            _give_up((lock, None))
            self._refresh_picker()
            return
        self._finish_open(folder, lock, exc)

    def _finish_open(self, folder: str, lock, exc) -> bool:
        from surveys.host_lock import WorkspaceInUseError

        if exc is None:
            self.context.adopt(folder, lock)
            return True
        if isinstance(exc, WorkspaceInUseError):
            return self._on_workspace_in_use(folder, exc)
        # It stays a recent workspace: a share that is not connected or a read-only
        # folder comes back; the welcome page says why it cannot be opened now.
        self.welcome.check_recent()
        QMessageBox.warning(self, self.tr("Cannot open the workspace"), str(exc))
        return False

    def _on_workspace_in_use(self, folder: str, exc) -> bool:
        from desktop_app.workspace_in_use_dialog import WorkspaceInUseDialog

        self.in_use_dialog = WorkspaceInUseDialog(self, str(exc), exc.holder.stale)
        self.in_use_dialog.exec()
        if self.in_use_dialog.take_over_chosen():
            return self.open_workspace(folder, take_over=True)
        return False
