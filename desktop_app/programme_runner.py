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

from desktop_app.bounded_read import BoundedRead
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
        ``ask_passphrase(purpose, new, action=verb) -> str | None`` shows the passphrase
        dialog, its button saying ``verb``.
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
        ask_passphrase: Callable[..., str | None],
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
        self.reads = BoundedRead(self)  # what is to do, off the GUI thread
        self.reads.answered.connect(self._on_read_answered)
        self._ask = False  # the read under way was for "Publish due wave now…"
        self._stopped: tuple[str, ...] = ()  # the stopped waves' names, as last read
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
        ("Publish due wave now…"). What is to do is read off the GUI thread
        (:class:`~desktop_app.bounded_read.BoundedRead`): on a share that hangs this returns
        ``None`` at once, says so, and goes on when the share answers.
        """
        if self.context.path is None:
            return None
        if self.job is not None:
            if self._stopping and not self.close_timer.isActive():
                self.close_timer.start(BUSY_RETRY_MS)  # a close may fall due meanwhile
            return None
        self._ask = ask or (self._ask and self.reads.pending() is not None)
        done, read = self.reads.read(
            "plan", _read_plan, self.share_folder, self.context.path, self.clock()
        )
        # An earlier slow check is superseded by this one: its late answer is dropped, so
        # this says whether the folder still is slow.
        self.context.section_waits(self, not done)
        if not done:
            return self._say(self._slow_text())
        return self._after_read(read)

    def _on_read_answered(self, _what: str, answer) -> None:
        self.context.section_waits(self, False)
        self._after_read(self.reads.late_value(answer))

    def _after_read(self, read: tuple):
        share, plan, stopped, error = read
        ask, self._ask = self._ask, False
        if error is not None:  # the workspace's folder may be gone: said, not raised
            return self._say(str(error))
        self._stopped = stopped
        self._arm_close_timer(plan.stopping)
        if plan.idle:
            return self._say("")
        if plan.due is not None and share is None:
            return self._say(
                self.tr(
                    "Wave %1 is due, but no shared folder is set: choose one in Settings."
                ).replace("%1", plan.due.name)
            )
        return self._run(share, plan, ask)

    def _run(self, share, plan, ask: bool):
        from surveys.keys import key_path

        create = False
        if ask and share is not None and self.confirm_share is not None:
            create = self.confirm_share(share)
            if create is None:  # HR declined to set up the folder; it said so
                return None
        if plan.needs_passphrase and self._passphrase is None:
            if self._declined and not ask:
                return self._say(self._waiting_text(plan))
            new = not key_path(self.context.path).exists()
            passphrase = self.ask_passphrase(self._purpose(plan), new, action=self._action(plan))
            if passphrase is None:
                self._declined = True
                return self._say(self._waiting_text(plan))
            self._passphrase, self._declined = passphrase, False
        return self._start(share, plan, create)

    def _slow_text(self) -> str:
        return self.tr(
            "Checking the pulse programme… the workspace's folder is slow to answer (a "
            "network drive?). Rapport goes on once it answers."
        )

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

    def _action(self, plan) -> str:
        """The passphrase dialog's button: what the programme does with it now."""
        return self.tr("Pu&blish") if plan.due is not None else self.tr("Close &waves")

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
        if set(self._stopped) & set(plan.to_close):
            return self.tr(
                "Wave %1 may close now; the answers that arrived wait in the inbox. Select it "
                "and click “Close wave” to take them in and close it."
            ).replace("%1", ", ".join(plan.to_close))
        return self.tr(
            "Wave %1 is past its last day; answers wait in the inbox. Click “Publish due wave "
            "now…” to take them in and close it."
        ).replace("%1", ", ".join(plan.to_close))

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
        parts += self._ingest_warnings(report.ingested)
        if report.closed:
            parts.append(self.tr("Closed %1.").replace("%1", ", ".join(report.closed)))
        if report.published:
            parts.append(self.tr("Published wave %1.").replace("%1", report.published))
        self._say(" ".join(parts))
        self.ran.emit(report)
        changes = Changes(waves=True, responses=report.ingested is not None)
        self.context.data_changed.emit(changes, self)

    def _ingest_warnings(self, ingested) -> list[str]:
        """What ingesting before the close warns of, as the Ingest button says it: answers
        that repeat earlier ones (docs/team-mode.md), a survey someone rewrote or planted."""
        if ingested is None:
            return []
        said = list(getattr(ingested, "published", []))
        for wave, count in sorted(getattr(ingested, "repeats", {}).items()):
            said.append(
                self.tr(
                    "%n answers stored for wave %1 repeat, word for word, an answer stored "
                    "before from the same department: one person may have sent them one "
                    "ingest at a time (at the kiosk, or without tickets). Check the "
                    "department's headcount.",
                    "",
                    count,
                ).replace("%1", wave)
            )
        return said

    def _on_job_failed(self, error) -> None:
        if "Wrong passphrase" in error.message:
            self.forget()
        self._declined = True  # no automatic retry every few minutes; the button retries
        self._say(error.message)

    def _on_job_finished(self) -> None:
        self.job = None

    def _on_context_workspace_opened(self, path) -> None:
        self.reads.forget()  # what the previous workspace had to do
        self.context.section_waits(self, False)
        self.forget()
        self._declined = False
        self.close_timer.stop()
        self._stopping = ()
        self._say("")
        self.timer.start()
        self.first_check.start()


def _read_plan(share_folder: Callable[[], object], path, now: float) -> tuple:
    """``(share, plan, stopped wave names, None)``, or ``(None, None, (), the error)`` when
    the workspace cannot be read (a :class:`~surveys.errors.RapportError`, or an SQLite or
    file-system error from a share that failed mid-read, put in words); runs on a thread."""
    import sqlite3

    from analysis.export.schedule import plan_schedule
    from surveys.errors import RapportError, WorkspaceError
    from surveys.store import open_workspace
    from surveys.wave_stop import stopped_waves
    from surveys.workspace_checks import describe_database_error

    try:
        share = share_folder()
        plan = plan_schedule(path, share, now=now)
        db = open_workspace(path)
        try:
            stopped = tuple(w.name for w in stopped_waves(db))
        finally:
            db.close()
    except RapportError as exc:
        return None, None, (), exc
    except sqlite3.Error as exc:  # the share failed after the workspace opened
        return None, None, (), WorkspaceError(describe_database_error(exc, path, opening=True))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return None, None, (), WorkspaceError(f"Cannot read the workspace {path} ({reason}).")
    return share, plan, stopped, None
