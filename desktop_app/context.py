"""The open workspace as the HR window sees it: path, job runner, latest analysis.

Panels share one :class:`WorkspaceContext`. They read small things through
:meth:`WorkspaceContext.connect` (a connection for the GUI thread, used briefly) and start
long work through :meth:`WorkspaceContext.run_analysis`, :meth:`WorkspaceContext.submit_process`
(heavy work, in the worker process) or :meth:`WorkspaceContext.submit` (light work, on the
worker thread), which hand the work the workspace *path*, never a connection.

Whoever writes to the workspace emits ``data_changed(changes, initiator)``: a
:class:`Changes` saying what was written and the object (panel or dialog) that wrote it.
Each panel re-reads only what the change touches, and may ignore its own changes when it
has already shown them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop_app.day_clock import DayClock
from desktop_app.jobs.runner import Job, JobRunner
from desktop_app.lock_heartbeat import LockHeartbeat, release_briefly


@dataclass(frozen=True)
class Changes:
    """What a write to the workspace changed (sent with ``data_changed``).

    Attributes
    ----------
    actions : bool
        Joint actions were added, edited or deleted.
    labels : bool
        HR corrected (or un-corrected) a comment's label.
    settings : bool
        Thresholds, the names to redact, the shared folder or another workspace setting.
    departments : bool
        Departments were added, renamed or removed, or a headcount changed.
    waves : bool
        A wave was created, published or closed.
    responses : bool
        Submissions were added (ingested or imported).
    """

    actions: bool = False
    labels: bool = False
    settings: bool = False
    departments: bool = False
    waves: bool = False
    responses: bool = False

    def touches(self, interest: Changes) -> bool:
        """Whether anything in this change is also set in ``interest``."""
        return any(
            mine and theirs for mine, theirs in zip(astuple(self), astuple(interest), strict=True)
        )


class WorkspaceContext(QObject):
    """State shared by the HR window's panels."""

    workspace_opened = Signal(object)  # Path
    workspace_closed = Signal()
    analysis_finished = Signal(object)  # analysis.results.AnalysisResult
    data_changed = Signal(object, object)  # Changes, initiator (who wrote; may be None)
    wave_selected = Signal(str)
    pair_requested = Signal(str, str)  # from, to: someone asked to see this pair's page
    workspace_taken = Signal(str)  # another computer took the workspace over: the message
    #: Whether any answer reached the workspace, once read (:meth:`set_has_responses`).
    responses_known = Signal(bool)
    #: The heartbeat of the workspace's lock has not come back for a minute: the message.
    share_silent = Signal(str)
    #: Whether a section's read waits for the workspace's folder (:meth:`section_waits`).
    sections_waiting = Signal(bool)
    #: A section's write to a workspace closed before it ended failed: the message.
    write_lost = Signal(str)
    #: A section took in new answers (an ingest) and asks the window to analyse again.
    analysis_wanted = Signal()
    #: A section's write ended: whether it failed (the window, told to wait, closes then).
    write_landed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.result: Any = None  # AnalysisResult of the selected wave, once analysed
        self.wave: str | None = None  # None = the latest wave
        self.has_responses: bool | None = None  # None: not read yet
        self.runner = JobRunner(self)
        self.clock = DayClock(self)  # the day overdue actions are counted by
        self.host_lock: Any = None  # surveys.host_lock.HostLock of the open workspace
        self.heartbeat = LockHeartbeat(self)
        self.heartbeat.taken.connect(self._on_heartbeat_taken)
        self.heartbeat.silent.connect(self.share_silent)
        self._waiting: set[int] = set()  # ids of the sections' reads that wait
        self._saving: set[int] = set()  # ... of those that are writes
        self.data_changed.connect(self._on_data_changed)

    def open(self, path: str | Path, *, take_over: bool = False) -> None:
        """Open the workspace at ``path`` (raises WorkspaceError with a plain message).

        It is claimed for this computer first (:mod:`surveys.host_lock`): another
        computer's fresh claim raises ``WorkspaceInUseError``; a stale one is taken over
        only with ``take_over``. The claim's heartbeat is refreshed each minute.
        """
        self.adopt(path, claim_and_check(path, take_over, self.take_over_hint()))

    def take_over_hint(self) -> str:
        """How the window's dialog takes a stale claim over, for its message."""
        return self.tr("choose Open anyway")

    def adopt(self, path: str | Path, lock: Any) -> None:
        """Make ``path``, claimed and checked by :func:`claim_and_check` (``lock``), the
        open workspace, and tell the sections."""
        self._release_lock()  # the previous workspace's
        self.host_lock = lock
        self.heartbeat.start(lock)
        self._forget_jobs_of(self.path)  # a job of the previous workspace ends unseen
        self.path = Path(path)
        self._stop_waiting()
        self.result = None
        self.wave = None
        self.has_responses = None
        self.workspace_opened.emit(self.path)

    def close(self) -> None:
        """Close the open workspace: cancel its jobs and forget its path and results.

        A job that still finishes afterwards shows nothing: what its success or failure
        would do is disconnected (:func:`_forget_outcome`), and an analysis' result is
        shown only for the workspace it was started for.
        """
        if self.path is None:
            return
        self._forget_jobs_of(self.path)
        self.runner.cancel_all()
        self._release_lock()
        self.path = None
        self._stop_waiting()
        self.result = None
        self.wave = None
        self.has_responses = None
        self.workspace_closed.emit()

    def section_waits(self, reads: object, waiting: bool) -> None:
        """A section's reads (``desktop_app.section_reads.SectionReads``) wait for the
        workspace's folder, or no longer; the window says so in its status bar."""
        (self._waiting.add if waiting else self._waiting.discard)(id(reads))
        self.sections_waiting.emit(bool(self._waiting))

    def section_saves(self, writes: object, waiting: bool) -> None:
        """A section's write (``desktop_app.workspace_write.WorkspaceWrite``) waits for the
        workspace's folder, or no longer; said as :meth:`section_waits` is."""
        (self._saving.add if waiting else self._saving.discard)(id(writes))
        self.section_waits(writes, waiting)

    def only_saving(self) -> bool:
        """Whether what waits for the folder is only writes (the status bar says
        "Saving…" rather than "Reading…")."""
        return bool(self._waiting) and self._waiting <= self._saving

    def write_ended(self, outcome: Any) -> None:
        """A section's write ended (``desktop_app.workspace_write``): one that failed and
        was not shown by its section (the workspace closed meanwhile) is said by the
        window (:attr:`write_lost`)."""
        if outcome.error is not None and not outcome.said:
            from desktop_app.workspace_write import lost_text

            self.write_lost.emit(lost_text(outcome.error, outcome.path))
        self.write_landed.emit(outcome.error is not None)

    def set_has_responses(self, has: bool) -> None:
        """Record whether any answer reached the workspace (one read, shared by the
        sections) and tell them."""
        self.has_responses = has
        self.responses_known.emit(has)

    def _on_data_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.responses and self.path is not None and not self.has_responses:
            self.set_has_responses(True)

    def _stop_waiting(self) -> None:
        """Another workspace (or none): what the sections waited for no longer counts."""
        self._saving.clear()
        if self._waiting:
            self._waiting.clear()
            self.sections_waiting.emit(False)

    def _release_lock(self) -> None:
        """Give up the claim, waiting for it at most a moment (see :func:`release_briefly`)."""
        self.heartbeat.stop()
        if self.host_lock is not None:
            release_briefly(self.host_lock)
            self.host_lock = None

    def _on_heartbeat_taken(self, taken: Any) -> None:
        """Another computer took the workspace over (this one slept or lost the share for
        minutes): say so once and stop using it."""
        from surveys.host_lock import describe_holder

        if self.path is not None:
            self.heartbeat.stop()
            message = describe_holder(self.path, taken, self.tr("open it again"))
            self.workspace_taken.emit(message)

    def _forget_jobs_of(self, path: Path | None) -> None:
        """Disconnect what the running jobs of the workspace at ``path`` would do on ending.

        They still finish (an import writes where it was started), but a names import that
        ends after another workspace was opened must not analyse that one, nor write into
        its sections.
        """
        for job in self.runner.running():
            if path is not None and getattr(job, "workspace", None) == path:
                _forget_outcome(job)

    def connect(self):
        """A short-lived connection for the GUI thread; close it when done."""
        from surveys.store import open_workspace

        if self.path is None:
            raise RuntimeError("no workspace is open")
        return open_workspace(self.path)

    def submit(self, label: str, work: Callable) -> Job:
        """Run light ``work(path, progress)`` on the worker thread."""
        path = self.path
        job = self.runner.submit(label, lambda progress: work(path, progress))
        job.workspace = path  # what close() looks for
        return job

    def submit_process(self, label: str, func: Callable | str, *args: Any, **kwargs: Any) -> Job:
        """Run heavy ``func(path, *args, progress=callback, **kwargs)`` in the worker process.

        ``func`` is a module-level function or a ``"module:name"`` string (which keeps the
        engine out of the GUI process), e.g.
        ``submit_process(label, "analysis.export:export_workspace", wave=w, pptx=out)``.
        """
        job = self.runner.submit_process(label, func, self.path, *args, **kwargs)
        job.workspace = self.path  # what close() looks for
        return job

    def run_analysis(self, wave: str | None = None) -> Job:
        """Analyse the workspace in the worker process; emits ``analysis_finished``."""
        job = self.submit_process(
            self.tr("Analysis"), "analysis.pipeline:analyse_workspace", wave=wave
        )
        job.succeeded.connect(self._on_analysis_succeeded)
        return job

    def analyse_again(self) -> Job | None:
        """Analyse the selected wave after a change to what the analysis reads (a setting
        saved, names imported); nothing when the workspace has no responses, where an
        analysis would only answer the saved setting with "nothing to analyse"."""
        if self.has_responses is False:
            return None
        return self.run_analysis(self.wave)

    def _on_analysis_succeeded(self, result: Any) -> None:
        # A bound slot runs on the GUI thread; the workspace may have been closed (or
        # another opened) while the analysis ran: then its result is not shown.
        if getattr(self.sender(), "workspace", self.path) == self.path:
            self.show_result(result)

    def warm_up(self) -> None:
        """Start the worker process now, so the first analysis does not wait for it."""
        self.runner.warm_up()

    def select_wave(self, wave: str | None) -> None:
        self.wave = wave
        self.wave_selected.emit(wave or "")

    def show_result(self, result: Any) -> None:
        """Make ``result`` the current analysis (fresh from a job, or stored) for every panel."""
        self.result = result
        self.analysis_finished.emit(result)

    def request_pair(self, from_dept: str, to_dept: str) -> None:
        """Ask the window to show the page of ``from_dept → to_dept``."""
        self.pair_requested.emit(from_dept, to_dept)

    def shutdown(self) -> None:
        """Cancel running jobs and stop the worker thread and process (window closing), then
        give up the workspace's claim."""
        self.runner.shutdown(wait=True)
        self._release_lock()


def claim_and_check(path: str | Path, take_over: bool, hint: str) -> Any:
    """Claim the workspace at ``path`` for this computer and check that it opens (validated
    and migrated); returns the claim (:class:`surveys.host_lock.HostLock`).

    Touches no Qt: the HR window runs it on a thread (a share that hangs must not freeze
    it). Raises ``WorkspaceInUseError`` or another ``RapportError``, holding nothing.
    """
    from surveys import host_lock
    from surveys.store import open_workspace

    lock = host_lock.claim(path, take_over=take_over, hint=hint)
    try:
        db = open_workspace(path)  # validates and migrates before anything is shown
    except BaseException:
        lock.release()
        raise
    db.close()
    return lock


def _forget_outcome(job: Job) -> None:
    """Disconnect what ``job``'s success or failure would do: a job that cannot stop at once
    (reading a file, writing a pulse) still ends after its workspace was closed, and its
    slots belong to sections that are gone (a deleted label raised, and a names import
    started an analysis of no workspace)."""
    import warnings

    for signal in (job.succeeded, job.failed):
        with warnings.catch_warnings(), contextlib.suppress(RuntimeError, TypeError):
            warnings.simplefilter("ignore", RuntimeWarning)  # nothing was connected
            signal.disconnect()
