"""The Pulses section's writes to the workspace, each in one open of it; they run on any
thread (:class:`desktop_app.workspace_write.WorkspaceWrite` runs them off the GUI thread,
so that a share that hangs never freezes the window)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any


def _in_one_open(path: Path, change: Callable[[Any], Any]) -> Any:
    from desktop_app.workspace_reads import open_for_section

    db = open_for_section(path)
    try:
        return change(db)
    finally:
        db.close()


def close_wave_now(path: Path, share: Path | None, name: str) -> None:
    """Close the wave ``name`` (:func:`surveys.publish.close_wave`)."""
    from surveys.publish import close_wave

    _in_one_open(path, lambda db: close_wave(db, share, name))


def stop_wave_answers(path: Path, share: Path, name: str, now: float) -> Any:
    """Stop the answers of the wave ``name`` (:func:`surveys.wave_stop.stop_answers`);
    gives the :class:`~surveys.wave_stop.StoppedWave`."""
    from surveys.wave_stop import stop_answers

    return _in_one_open(path, lambda db: stop_answers(db, share, name, now))


def open_here(path: Path, wave: Any) -> None:
    """Open ``wave`` (a :class:`~surveys.pulses.WaveInfo`) for answering on this computer
    only (:func:`surveys.publish.open_wave_here`)."""
    from surveys.publish import open_wave_here

    targets = list(wave.targets) if wave.targets else None
    _in_one_open(
        path, lambda db: open_wave_here(db, wave.name, None, wave.opens, wave.closes, targets)
    )


def save_setting(path: Path, name: str, value: Any) -> None:
    """Store the workspace setting ``name`` (the shared folder, whether results are
    shared)."""
    from surveys.store import set_setting

    _in_one_open(path, lambda db: set_setting(db, name, value))


def read_share(path: Path) -> Path | None:
    """The workspace's shared folder (setting ``share``), or ``None``."""
    from surveys.store import get_setting

    share = _in_one_open(path, lambda db: get_setting(db, "share"))
    return Path(share) if share else None


class PulsesWriting:
    """The Pulses section's writes and its shared folder, off the GUI thread (mixed into
    the Pulses panel: it uses the panel's ``context``, ``reads``, ``writes`` and
    ``status``)."""

    #: What waits for the shared folder's read (``then``, ``ask``), while it waits.
    _share_waiting: tuple | None = None

    def write(
        self,
        func: Callable[..., Any],
        *args: Any,
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> bool:
        """Run ``func(path, *args)`` off the GUI thread with the section's buttons waiting,
        then ``done(value)``; a failure is said in the status line in words (then
        ``failed(exception)`` puts back what the screen showed)."""

        def say_failed(exc: BaseException) -> None:
            self._on_write_failed(exc)
            if failed is not None:
                failed(exc)

        return self.writes.run(
            func,
            self.context.path,
            *args,
            controls=self.write_controls(),
            done=done,
            failed=say_failed,
        )

    def write_controls(self) -> list:
        """What waits while the section writes: its buttons and the results box."""
        return [
            self.new_button,
            self.publish_button,
            self.close_button,
            self.delete_button,
            self.ingest_button,
            self.share_results_box,
        ]

    def _on_write_failed(self, exc: BaseException) -> None:
        from desktop_app.workspace_write import failed_text
        from surveys.errors import RapportError

        why = str(exc) if isinstance(exc, RapportError) else failed_text(exc, self.context.path)
        self.status.setText(why)

    def _on_writes_saving(self, saving: bool) -> None:
        from desktop_app.workspace_write import saving_text

        if saving:
            self.status.setText(saving_text())
        elif self.status.text() == saving_text():
            self.status.clear()
        self._update_buttons()

    def with_share(self, then: Callable[[Path | None], Any], ask: bool = True) -> Any:
        """``then(share)`` once the workspace's shared folder is read (off the GUI thread:
        on a share that hangs the section says so under the waves, and ``then`` runs when
        the folder answers). With ``ask`` and none set, HR is asked for one, which is
        saved first. Gives what ``then`` gave when all of it ended within the GUI thread's
        wait, else ``None``."""
        given: list = []

        def got(share: Path | None) -> None:
            self._share_waiting = None
            if share is not None or not ask:
                given.append(then(share))
                return
            chosen = self.ask_share()
            if chosen is None:
                given.append(then(None))
                return

            def saved(_none: None) -> None:
                from desktop_app.context import Changes

                # Settings shows the folder chosen here (it saved its old one over it)
                self.context.data_changed.emit(Changes(settings=True), self)
                given.append(then(chosen))

            self.write(save_setting, "share", str(chosen), done=saved)

        self._share_waiting = (then, ask)
        if not self.reads.read("share", read_share, self.context.path, apply=got):
            self._update_buttons()  # the actions wait for the folder (reads.answered)
        return given[0] if given else None

    def read_share_again(self) -> None:
        """The shared folder's setting was saved (Settings) while a read of it waited:
        that read may give the folder before (Publish would go there); read it again for
        what waits, the first read dropped."""
        if self._share_waiting is not None and self.reads.pending("share"):
            self.with_share(*self._share_waiting)

    def ask_share(self) -> Path | None:
        """Ask HR for the shared folder respondents can reach; ``None`` when cancelled."""
        from PySide6.QtWidgets import QFileDialog

        from desktop_app.widgets.start_folder import remember, start_in

        share = remember(
            QFileDialog.getExistingDirectory(
                self, self.tr("Choose the shared folder respondents can reach"), start_in()
            )
        )
        return Path(share) if share else None
