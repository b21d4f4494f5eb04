"""The pulse programme while the HR window is open: a timer, and each run as a job.

Every few minutes (and soon after a workspace opens) :class:`ProgrammeRunner` reads what
is to do (:func:`analysis.export.schedule.plan_schedule`, a few quick reads). When a wave
is past its last day or the programme's next wave is due, it runs the same workflow as
`rapport schedule run` (:func:`analysis.export.schedule.run_schedule`) in the worker
process.

Waves whose answers HR stopped to close them early (:mod:`surveys.wave_stop`) are closed
by the same run once every answer given before the stop can have arrived: a precise timer
wakes the runner at that time (:attr:`ProgrammeRunner.close_timer`), and the first check
after the workspace opens closes those whose time passed while it was closed. Meanwhile
the status says when each closes.

Unlocking: publishing (and ingesting before a close) needs the workspace passphrase. It is
asked once per session, the first time it is needed, and kept in this object's memory only
until another workspace is opened or the window closes; it is never written anywhere. If
HR declines, nothing is asked again in this session: the Pulses section says what is due
and offers "Publish due wave now…". A wrong passphrase is forgotten and asked again then.
HR may also hand it over in advance (:meth:`ProgrammeRunner.unlock`), as the Close wave
action does when a close waits.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_app.context import Changes

#: How often the programme is checked while the window is open.
CHECK_INTERVAL_MS = 5 * 60 * 1000
#: The first check after a workspace opens (the window is shown first).
FIRST_CHECK_MS = 3000
#: The close timer wakes this long after a stopped wave's close time.
CLOSE_SLACK_MS = 1000
#: The longest single wait of the close timer (a far close time is looked at again).
MAX_CLOSE_WAIT_MS = 60 * 60 * 1000
#: While a run is going on when a close is due, it is looked at again this soon.
BUSY_RETRY_MS = 30 * 1000
#: ``Qt.PreciseTimer`` by number (a coarse timer may end up to 5 % early).
PRECISE_TIMER = 0


class ProgrammeRunner(QObject):
    """Publishes the programme's waves and closes past waves while the window is open.

    Parameters
    ----------
    context : WorkspaceContext
        The open workspace.
    ask_passphrase : callable
        ``ask_passphrase(purpose, new) -> str | None`` shows the passphrase dialog.
    share_folder : callable
        ``share_folder() -> Path | None``: the workspace's shared folder (never asks).
    confirm_share : callable, optional
        ``confirm_share(share) -> bool | None`` asks HR before a shared folder that is not
        set up is set up ("Publish due wave now…" only; a timed run never sets one up).
    """

    status_changed = Signal(str)
    ran = Signal(object)  # analysis.export.schedule.ScheduleReport

    def __init__(
        self,
        context,
        ask_passphrase: Callable[[str, bool], str | None],
        share_folder: Callable[[], object],
        parent: QObject | None = None,
        confirm_share: Callable[[object], bool | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.ask_passphrase = ask_passphrase
        self.share_folder = share_folder
        self.confirm_share = confirm_share
        self.job = None
        self.status = ""
        self._passphrase: str | None = None
        self._declined = False
        self._stopping: tuple = ()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.first_check = QTimer(self, singleShot=True, interval=FIRST_CHECK_MS)
        self.first_check.timeout.connect(self.check)
        #: Wakes the runner when a stopped wave may close (:mod:`surveys.wave_stop`).
        self.close_timer = QTimer(self, singleShot=True)
        self.close_timer.setProperty("timerType", PRECISE_TIMER)
        self.close_timer.timeout.connect(self.check)
        #: The clock that decides whether a stopped wave may close (tests set it).
        self.clock: Callable[[], float] = time.time
        context.workspace_opened.connect(self._on_context_workspace_opened)

    @property
    def unlocked(self) -> bool:
        """Whether this session holds the passphrase (in memory)."""
        return self._passphrase is not None

    def forget(self) -> None:
        """Drop the passphrase held for this session."""
        self._passphrase = None

    def unlock(self, passphrase: str) -> None:
        """Hold ``passphrase`` (already checked) for this session, as if it had been asked."""
        self._passphrase, self._declined = passphrase, False

    def check(self, *, ask: bool = False):
        """Run the programme if something is to do; returns the job, if one started.

        ``ask`` asks for the passphrase even if HR declined earlier in this session
        ("Publish due wave now…").
        """
        from analysis.export.schedule import plan_schedule
        from surveys.errors import RapportError
        from surveys.keys import key_path

        if self.context.path is None:
            return None
        if self.job is not None:
            if self._stopping and not self.close_timer.isActive():
                self.close_timer.start(BUSY_RETRY_MS)  # a close may fall due meanwhile
            return None
        try:  # the workspace's folder may be gone (a timer calls this): said, not raised
            share = self.share_folder()
            plan = plan_schedule(self.context.path, share, now=self.clock())
        except RapportError as exc:
            return self._say(str(exc))
        self._arm_close_timer(plan.stopping)
        if plan.idle:
            return self._say("")
        if plan.due is not None and share is None:
            return self._say(
                self.tr(
                    "Wave %1 is due, but no shared folder is set: choose one in Settings."
                ).replace("%1", plan.due.name)
            )
        create = False
        if ask and share is not None and self.confirm_share is not None:
            create = self.confirm_share(share)
            if create is None:  # HR declined to set up the folder; it said so
                return None
        if plan.needs_passphrase and self._passphrase is None:
            if self._declined and not ask:
                return self._say(self._waiting_text(plan))
            new = not key_path(self.context.path).exists()
            passphrase = self.ask_passphrase(self._purpose(plan), new)
            if passphrase is None:
                self._declined = True
                return self._say(self._waiting_text(plan))
            self._passphrase, self._declined = passphrase, False
        return self._start(share, plan, create)

    def _start(self, share, plan, create: bool = False):
        label = self.tr("Pulse programme")
        self.job = self.context.submit_process(
            label,
            "analysis.export.schedule:run_schedule",
            share,
            passphrase=self._passphrase,
            create=create,
            now=self.clock(),
        )
        self.job.succeeded.connect(self._on_job_succeeded)
        self.job.failed.connect(self._on_job_failed)
        self.job.finished.connect(self._on_job_finished)
        what = plan.due.name if plan.due is not None else ", ".join(plan.to_close)
        self._say(self.tr("Running the pulse programme (%1)…").replace("%1", what))
        return self.job

    def _arm_close_timer(self, stopping) -> None:
        """Wake up when the first of the stopped waves ``stopping`` may close."""
        self._stopping = tuple(stopping)
        if not stopping:
            self.close_timer.stop()
            return
        wait_ms = int((stopping[0].close_at - self.clock()) * 1000) + CLOSE_SLACK_MS
        self.close_timer.start(max(CLOSE_SLACK_MS, min(MAX_CLOSE_WAIT_MS, wait_ms)))

    def _purpose(self, plan) -> str:
        if plan.due is not None:
            text = self.tr("The pulse programme publishes wave %1 now.").replace(
                "%1", plan.due.name
            )
        else:
            text = self.tr(
                "Rapport closes wave %1 now; the answers waiting in the inbox are taken in first."
            ).replace("%1", ", ".join(plan.to_close))
        return (
            text
            + "\n\n"
            + self.tr(
                "Rapport keeps the passphrase in memory until you close this workspace, to "
                "publish and close waves on time. It is never saved."
            )
        )

    def _waiting_text(self, plan) -> str:
        if plan.due is not None:
            return self.tr(
                "Wave %1 is due. Click “Publish due wave now…” to unlock and publish it."
            ).replace("%1", plan.due.name)
        stopped = {w.name for w in self._stopped_now()}
        if stopped & set(plan.to_close):
            return self.tr(
                "Wave %1 may close now; the answers that arrived wait in the inbox. Select it "
                "and click “Close wave” to take them in and close it."
            ).replace("%1", ", ".join(plan.to_close))
        return self.tr(
            "Wave %1 is past its last day; answers wait in the inbox. Click “Publish due wave "
            "now…” to take them in and close it."
        ).replace("%1", ", ".join(plan.to_close))

    def _stopped_now(self) -> list:
        """The workspace's stopped waves (:func:`surveys.wave_stop.stopped_waves`)."""
        from surveys.wave_stop import stopped_waves

        db = self.context.connect()
        try:
            return stopped_waves(db)
        finally:
            db.close()

    def _say(self, text: str) -> None:
        self.status = text
        self.status_changed.emit(text)
        return None

    def _on_job_succeeded(self, report) -> None:
        parts = []
        if report.ingested is not None and report.ingested.quarantined:
            count = len(report.ingested.quarantined)
            parts.append(
                self.tr("%n waiting files were quarantined; see Quarantine above.", "", count)
            )
        if report.closed:
            parts.append(self.tr("Closed %1.").replace("%1", ", ".join(report.closed)))
        if report.published:
            parts.append(self.tr("Published wave %1.").replace("%1", report.published))
        self._say(" ".join(parts))
        self.ran.emit(report)
        changes = Changes(waves=True, responses=report.ingested is not None)
        self.context.data_changed.emit(changes, self)

    def _on_job_failed(self, error) -> None:
        if "Wrong passphrase" in error.message:
            self.forget()
        self._declined = True  # no automatic retry every few minutes; the button retries
        self._say(error.message)

    def _on_job_finished(self) -> None:
        self.job = None

    def _on_context_workspace_opened(self, path) -> None:
        self.forget()
        self._declined = False
        self.close_timer.stop()
        self._stopping = ()
        self._say("")
        self.timer.start()
        self.first_check.start()
