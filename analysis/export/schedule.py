"""One run of the pulse programme: close what is past its last day, publish what is due.

`rapport schedule run WORKSPACE` (from cron or the Windows Task Scheduler) and the HR
window (a timer, while it is open) both call :func:`run_schedule`, so they do the same
steps in the same order:

1. :func:`plan_schedule` reads what is to do, without the passphrase: open waves whose
   last day has passed, waves whose answers HR stopped to close them early once every
   answer given before the stop can have arrived (:mod:`surveys.wave_stop`), and the
   programme's due wave (:mod:`surveys.programme`);
2. if a wave is to close and sealed answers are waiting in the shared inbox or the kiosk's,
   they are ingested first (:func:`surveys.kiosk.ingest_all`: the same checks, lock and
   quarantine as `rapport ingest`), so no answer given in time is counted as late;
3. those waves are closed, which releases their figures (:func:`surveys.publish.close_wave`);
4. the ticket requests waiting in the shared folder are signed
   (:func:`surveys.tickets.sign_pending`, as `rapport tickets` does), so a scheduled task
   does the whole job;
5. the due wave is recorded as a draft of its slot, then published with the shared publish
   workflow (:func:`analysis.export.publish.publish_pulse`), which checks the passphrase
   before anything else.

A shared folder that cannot be reached or is not set up (an unmounted network drive) stops
the run before any change, unless ``create`` allows setting it up: closing would count the
answers waiting there as late, and publishing would write to the empty mount point.

Running it again publishes nothing more: a slot has at most one wave, and a wave that is
open or closed is done. A run that stopped half-way leaves a draft, which the next run
publishes. The passphrase is needed only for steps 2, 4 and 5
(:attr:`SchedulePlan.needs_passphrase`, and :attr:`SchedulePlan.requests` for step 4).

Thread contract: it takes the workspace *path*, opens its own connections and never
touches Qt; the HR window runs it in the worker process (sharing results analyses).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from surveys.progress import Progress, no_progress, sub_progress


@dataclass(frozen=True)
class SchedulePlan:
    """What a run would do on a day (read without the passphrase)."""

    to_close: tuple[str, ...]
    due: object | None  # surveys.programme.DueWave
    waiting: bool  # sealed answers wait in the inbox (looked at only when a wave is to close)
    has_programme: bool
    paused: str | None
    requests: bool = False  # ticket requests wait in the shared folder (signed with a passphrase)
    #: Waves whose answers HR stopped, still waiting for their close time
    #: (surveys.wave_stop.StoppedWave), soonest first.
    stopping: tuple = ()

    @property
    def needs_passphrase(self) -> bool:
        """Publishing, or ingesting before a close, opens the workspace key."""
        return self.due is not None or (bool(self.to_close) and self.waiting)

    @property
    def idle(self) -> bool:
        """Nothing to close and nothing to publish."""
        return not self.to_close and self.due is None


@dataclass
class ScheduleReport:
    """What a run did."""

    closed: list[str] = field(default_factory=list)
    ingested: object | None = None  # surveys.ingest.IngestReport
    tickets: object | None = None  # surveys.ticket_signing.SigningReport
    published: str | None = None  # the wave's name
    publish: object | None = None  # analysis.export.publish.PublishReport
    rotation: int | None = None


def _waiting(folder: Path, share: Path | None) -> bool:
    """Whether a sealed answer waits in ``share``'s inbox or the kiosk's (stops at the first
    one: the inbox may be a network folder with thousands of files)."""
    from surveys.inbox import count_waiting
    from surveys.kiosk import kiosk_folder, waiting_count
    from surveys.transport import INBOX

    if waiting_count(kiosk_folder(folder)):
        return True
    return share is not None and count_waiting(share / INBOX, stop_at=1) > 0


def plan_schedule(
    folder: str | Path,
    share: str | Path | None = None,
    today: date | None = None,
    now: float | None = None,
) -> SchedulePlan:
    """What a run would do on ``today`` (at ``now``, for waves whose answers HR stopped).

    Parameters
    ----------
    folder : path
        The workspace folder.
    share : path, optional
        The shared folder (to know whether answers wait in its inbox).
    today : datetime.date, optional
        Default: today.
    now : float, optional
        The POSIX time that decides whether a stopped wave may close
        (:func:`surveys.wave_stop.ready_to_close`); default now.

    Returns
    -------
    SchedulePlan
    """
    from surveys.programme import due_wave, load_programme, waves_to_close
    from surveys.store import open_workspace
    from surveys.wave_stop import stopped_waves

    db = open_workspace(folder)
    try:
        programme = load_programme(db)
        to_close = tuple(waves_to_close(db, today, now))
        due = due_wave(db, today)
        stopping = tuple(w for w in stopped_waves(db) if w.name not in to_close)
    finally:
        db.close()
    waiting = bool(to_close) and _waiting(Path(folder), Path(share) if share else None)
    paused = programme.paused if programme else None
    requests = share is not None and _requests_waiting(Path(share))
    return SchedulePlan(to_close, due, waiting, programme is not None, paused, requests, stopping)


def _requests_waiting(share: Path) -> bool:
    """Whether a ticket request waits in ``share`` (stops at the first one)."""
    from surveys.ticket_files import REQUEST_SUFFIX
    from surveys.transport import REQUESTS

    try:
        with os.scandir(share / REQUESTS) as found:
            return any(e.name.endswith(REQUEST_SUFFIX) and e.name[0] != "." for e in found)
    except OSError:
        return False


def run_schedule(
    folder: str | Path,
    share: str | Path | None,
    *,
    passphrase: str | None,
    today: date | None = None,
    progress: Progress | None = None,
    create: bool = False,
    now: float | None = None,
) -> ScheduleReport:
    """Close the waves past their last day (and those whose answers HR stopped, once their
    close time has come) and publish the programme's due wave.

    Parameters
    ----------
    folder : path
        The workspace folder.
    share : path or None
        The shared folder; ``None`` closes waves in the workspace only and cannot publish.
    passphrase : str or None
        The workspace passphrase; needed when :attr:`SchedulePlan.needs_passphrase`. With
        it, the ticket requests waiting in ``share`` are signed too.
    today : datetime.date, optional
        Default: today.
    progress : Progress, optional
        Reports each step; may raise ``Cancelled``.
    create : bool
        Set up ``share`` if it is not a shared folder yet (``--create``); otherwise such a
        share stops the run before any change.
    now : float, optional
        The POSIX time for stopped waves (:func:`plan_schedule`); default now.

    Returns
    -------
    ScheduleReport

    Raises
    ------
    surveys.errors.RapportError
        No shared folder or passphrase when one is needed, a wrong passphrase (checked
        before anything is written), an unusable template or shared folder.
    """
    from surveys.errors import RapportError

    report = progress or no_progress
    plan = plan_schedule(folder, share, today, now)
    done = ScheduleReport()
    if plan.needs_passphrase and not passphrase:
        raise RapportError("The workspace passphrase is needed to publish and ingest.")
    if plan.due is not None and share is None:
        raise RapportError(
            f"Wave {plan.due.name} is due, but the workspace has no shared folder to publish "
            "it to; give one (--share DIR, or Settings → Shared folder)."
        )
    if share is not None and not plan.idle:
        _check_share(share, create)
    if plan.needs_passphrase:
        from surveys.keys import check_passphrase

        report(0.0, "Checking the workspace passphrase")
        check_passphrase(folder, passphrase)  # a wrong one stops the run before any change
    if plan.to_close:
        report(0.05, "Closing the waves past their last day")
        done.ingested = _ingest_first(folder, share, passphrase, plan, progress)
        done.closed = _close(folder, share, plan.to_close)
    if passphrase and share is not None and plan.requests:
        report(0.32, "Signing the waiting ticket requests")
        done.tickets = _sign(folder, share, passphrase)
    if plan.due is not None:
        done.publish = _publish(folder, share, passphrase, plan.due, (progress, create))
        done.published, done.rotation = plan.due.name, plan.due.rotation
    report(1.0, "Done")
    return done


def _check_share(share, create: bool) -> None:
    from surveys.errors import RapportError
    from surveys.publish import PublishError
    from surveys.publish_checks import check_share

    try:
        check_share(share, create)
    except PublishError:
        raise RapportError(
            f"The shared folder {share} cannot be reached or is not set up (is the network "
            "drive mounted?). Nothing was closed or published, so no answer waiting there "
            "counts as late; the next run tries again. To set up a new "
            "shared folder there, publish a wave to it from the Pulses section (which asks "
            "first) or run `rapport schedule run WORKSPACE --create`."
        ) from None


def _ingest_first(folder, share, passphrase, plan: SchedulePlan, progress):
    """Take the waiting answers in before closing (they would count as late after)."""
    if not plan.waiting:
        return None
    from surveys.kiosk import ingest_all

    return ingest_all(folder, share, passphrase, sub_progress(progress, 0.0, 0.3))


def _close(folder, share, names: tuple[str, ...]) -> list[str]:
    from surveys.publish import close_wave
    from surveys.store import open_workspace

    closed = []
    db = open_workspace(folder)
    try:
        for name in names:
            close_wave(db, share, name)
            closed.append(name)
    finally:
        db.close()
    return closed


def _sign(folder, share, passphrase):
    """Sign the waiting ticket requests (a wrong passphrase raises before anything is done);
    ``None`` when the workspace folder cannot be written (they wait for the next run)."""
    from surveys.tickets import sign_pending

    try:
        return sign_pending(folder, share, passphrase)
    except OSError:
        return None


def _publish(folder, share, passphrase, due, options):
    progress, create = options
    from analysis.export.publish import publish_pulse
    from surveys.programme import claim_due_wave
    from surveys.store import open_workspace

    db = open_workspace(folder)
    try:
        claim_due_wave(db, due)
    finally:
        db.close()
    return publish_pulse(
        folder,
        share,
        due.name,
        passphrase=passphrase,
        template=due.template,
        opens=due.opens,
        closes=due.closes,
        targets=list(due.targets) if due.targets else None,
        rotation=due.rotation,
        share_results=due.share_results,
        progress=sub_progress(progress, 0.35, 1.0),
        create=create,
    )
