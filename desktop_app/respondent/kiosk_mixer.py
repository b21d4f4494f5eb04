"""The kiosk's inbox mixing, on a worker thread (the house job pattern, :mod:`desktop_app.jobs`).

After each delivery the kiosk writes every answer waiting in its inbox again, under new
names and in a shuffled order (:func:`surveys.kiosk.mix_inbox`), so the inbox tells only
when the last person finished. With hundreds of answers on a slow network share that takes
seconds; on the window's thread it froze the thank-you page. :class:`InboxMixer` runs it as
a light job of its own :class:`~desktop_app.jobs.runner.JobRunner` (one worker thread, one
round at a time), so:

* rounds never overlap: two rounds copying the same file at once would each leave a copy;
* a delivery made while a round runs starts one more round once it ends (the running round
  may have listed the inbox before the newest answer arrived), so every answer is written
  again after the last delivery, as before;
* sealing stays on the window's thread: a new answer reaches the inbox whole under its
  final name (a temporary file first, then a rename), which the round takes or leaves, and
  only the round removes the files it listed, after copying them;
* closing the kiosk (:meth:`InboxMixer.finish`) waits for the round that runs and does the
  one still owed, so the inbox is never left telling who came last but one.

A round that fails (the folder went away) is logged; the next delivery or the start
screen's retry mixes again. Nothing here is shown to the person at the kiosk.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop_app.jobs.runner import Job, JobRunner

log = logging.getLogger(__name__)


def _mix(folder: Path, known: set[str] | None) -> int:
    from surveys.kiosk import mix_inbox

    return mix_inbox(folder, known)


class InboxMixer(QObject):
    """Mixes the kiosk folder ``folder``'s inbox on a worker thread, one round at a time."""

    #: No round runs or is owed (on the GUI thread, after the last round ended).
    settled = Signal()

    def __init__(
        self, folder: str | Path, parent: QObject | None = None, known: set[str] | None = None
    ) -> None:
        super().__init__(parent)
        self.folder = Path(folder)
        #: The names of the kiosk's own files (``KioskSource.waiting``), for an inbox its
        #: account may not list (:func:`surveys.kiosk.mix_inbox`).
        self.known = known
        self._runner: JobRunner | None = JobRunner(self, warm_modules=())
        self._job: Job | None = None
        self._owed = False  # a delivery came while a round ran
        self.rounds = 0  #: rounds that ended

    @property
    def idle(self) -> bool:
        """Whether no round runs and none is owed."""
        return self._job is None and not self._owed

    def request(self) -> None:
        """Mix the inbox after the answers delivered so far (GUI thread; never waits)."""
        if self._job is not None:
            self._owed = True
        else:
            self._start()

    def finish(self) -> None:
        """Wait for the round that runs, then do the one still owed, on this thread.

        Called when the kiosk closes: the last person's answer must not be left as the one
        file written after all the others.
        """
        runner, self._runner = self._runner, None
        if runner is None:
            return
        job, owed = self._job, self._owed
        runner.shutdown(wait=True)  # the running round ends (it is never cut short)
        ran = job is not None and job.future.done() and job.future.result() is not None
        self._job, self._owed = None, False
        if owed or (job is not None and not ran):  # owed, or queued but never started
            _mix(self.folder, self.known)

    def _start(self) -> None:
        self._owed = False
        if self._runner is None:  # shown again after finish()
            self._runner = JobRunner(self, warm_modules=())
        folder, known = self.folder, self.known
        job = self._runner.submit(
            self.tr("Mixing the kiosk's answers"), lambda _p: _mix(folder, known)
        )
        job.failed.connect(self._on_job_failed)
        job.ended.connect(self._on_job_ended)
        self._job = job

    def _on_job_failed(self, error: object) -> None:
        log.warning("%s (%s)", error, getattr(error, "details", ""))

    def _on_job_ended(self, job: Job) -> None:
        if job is not self._job:  # a round finish() waited for
            return
        self._job = None
        self.rounds += 1
        if self._owed:
            self._start()
        else:
            self.settled.emit()
