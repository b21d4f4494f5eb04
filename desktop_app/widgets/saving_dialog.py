"""A dialog that saves to the workspace off the GUI thread (a mixin of a ``QDialog`` with
an ``error`` label, a ``buttons`` box, a ``_say(text)`` method and ``context``).

Its save runs through a :class:`~desktop_app.workspace_write.WorkspaceWrite`: on a share
that hangs the buttons wait with "Saving…" above them and the dialog does not close
meanwhile. The first Cancel (Escape, the title bar) then says that the save goes on and
turns Cancel into Close; a second one closes, and a save that then fails opens the dialog
again with what was chosen and why. A save that fails is said in words, the form kept.

The form belongs to the workspace it was read from: another workspace opened meanwhile
(an Open that answered late on a share that hung) or the workspace closed closes the
dialog, and its Save never writes into the next one. A save still waiting goes on into
its own workspace (a failure is said by the window, or by the dialog opening again if
that workspace is open again by then).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from desktop_app.widgets.discard_guard import DiscardGuard
from desktop_app.workspace_write import WorkspaceWrite, failed_text, saving_text


class SavingDialog(DiscardGuard):
    """``writes`` (call :meth:`start_writes` in ``__init__``), :meth:`save` and the Cancel
    that waits for a save; ``closed_while_saving`` while closed before its save ended."""

    closed_while_saving = False

    def start_writes(self) -> None:
        """Make the dialog's :class:`WorkspaceWrite` (once its widgets exist)."""
        self.workspace = self.context.path  # the workspace its form was read from
        self.writes = WorkspaceWrite(self.context, self)
        self.writes.saving.connect(self._on_writes_saving)
        self.context.workspace_opened.connect(self._on_workspace_changed)
        self.context.workspace_closed.connect(self._on_workspace_changed)

    def save(
        self,
        func: Callable[..., Any],
        *args: Any,
        controls: Sequence[QWidget],
        done: Callable[[Any], None],
    ) -> bool:
        """Run ``func(workspace path, *args)`` off the GUI thread with ``controls``
        waiting, then ``done(value)``; ``True`` when it ended within the wait."""
        if self.context.path != self.workspace:
            return False  # another workspace is open now (the dialog closed with its own)
        self._keep_editing()  # a Close offered before is Cancel again
        self.error.setText("")
        self.closed_while_saving = False
        return self.writes.run(
            func,
            self.context.path,
            *args,
            controls=controls,
            done=done,
            failed=self._on_write_failed,
        )

    def show_again(self) -> bool:
        """Show the dialog again if HR closed it while its save still waits (asked for
        again, it is this one: another, read before the save landed, would save what was
        there before over it); ``True`` when it was shown."""
        if not (self.closed_while_saving and self.writes.running()):
            return False
        if self.context.path != self.workspace:
            return False  # it saves into another workspace than the one open now
        self.closed_while_saving = False
        self._keep_editing()  # its Close is Cancel again
        self.open()
        self.raise_()
        self._say(saving_text())
        return True

    def still_saving_text(self) -> str:
        """What the first Cancel during a save says."""
        return self.tr(
            "Still saving… the workspace's folder has not answered yet. Press Close to close "
            "this window: what you chose is saved once the folder answers, and if it cannot "
            "be, this window opens again with it."
        )

    def reject(self) -> None:
        """Cancel, Escape or the title bar (see the module's text while a save waits)."""
        if self.writes.running():
            if self.may_close(False, self.still_saving_text(), self.tr("&Close")):
                self.closed_while_saving = True
                QDialog.reject(self)
            return
        QDialog.reject(self)

    def close_saved(self) -> None:
        """Close as accepted after a save; a dialog HR closed meanwhile says ``accepted``
        too, so the section that opened it says that it was saved (and acts on it)."""
        QDialog.accept(self)

    def _on_workspace_changed(self, *_path: object) -> None:
        """Another workspace opened, or this one closed: the form is of no workspace on
        screen, so the dialog closes; a save still waiting opens it again if it fails once
        its workspace is open again."""
        if self.context.path == self.workspace or not self.isVisible():
            return
        self.closed_while_saving = self.writes.running()
        QDialog.reject(self)

    def _on_write_failed(self, exc: BaseException) -> None:
        from surveys.errors import RapportError

        self._keep_editing()  # Close is Cancel again
        if self.closed_while_saving:
            self.closed_while_saving = False
            self.show()  # closed while it saved: what was chosen comes back with why
            self.raise_()
        why = str(exc) if isinstance(exc, RapportError) else failed_text(exc, self.context.path)
        self._say(why)

    def _on_writes_saving(self, saving: bool) -> None:
        if saving:
            self._say(saving_text())
        elif self.discarding:
            self._keep_editing()  # the save ended: Close is Cancel again
